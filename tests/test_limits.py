"""Limits: each one set in the API and on the command line does what docs/limits.md says."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from dashuang_parse import InputTooLarge, Limits, parse_file, parse_text
from dashuang_parse.core.limits import parse_limit
from dashuang_parse.tools.cli import main

NOTICE = "一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n（二）严格执法。（市公安局负责）\n"


def test_text_over_text_chars_is_cut_with_a_diagnostic() -> None:
    doc = parse_text(NOTICE * 3, limits=Limits(text_chars=len(NOTICE)))
    assert [d.code for d in doc.diagnostics] == ["text-truncated"]
    assert len(list(doc.iter_tasks())) == 2


@pytest.mark.parametrize(
    ("limits", "text"),
    [(Limits(line_chars=10), NOTICE), (Limits(sections=2), NOTICE)],
    ids=["line_chars", "sections"],
)
def test_hard_limits_raise(limits: Limits, text: str) -> None:
    with pytest.raises(InputTooLarge):
        parse_text(text, limits=limits)


def test_bracket_depth() -> None:
    text = "一、任务\n" + "（" * 5 + "市公安局负责" + "）" * 5
    assert not parse_text(text, limits=Limits(bracket_depth=8)).diagnostics
    assert {d.code for d in parse_text(text, limits=Limits(bracket_depth=2)).diagnostics} == {"unbalanced-bracket"}


def test_input_bytes_on_a_file() -> None:
    with pytest.raises(InputTooLarge, match="over the limit of 100"):
        parse_file(CORPUS / "d001.txt", limits=Limits(input_bytes=100))


def test_many_diagnostics_are_capped() -> None:
    doc = parse_text("一、任务\n" + "）" * 5000)
    assert len(doc.diagnostics) == 51
    assert doc.diagnostics[-1].message == "4950 more unbalanced-bracket diagnostics not listed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("input_bytes=200M", ("input_bytes", 200 * 1024**2)),
        ("seconds=2.5", ("seconds", 2.5)),
        ("pdf-pages=10", ("pdf_pages", 10)),
        ("archive_bytes=1g", ("archive_bytes", 1024**3)),
    ],
)
def test_parse_limit(text: str, expected: tuple[str, float]) -> None:
    assert parse_limit(text) == expected


@pytest.mark.parametrize("text", ["nope=1", "seconds=abc", "seconds=-1", "seconds"])
def test_bad_limit_values(text: str) -> None:
    with pytest.raises(ValueError):
        parse_limit(text)


def test_cli_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CORPUS / "d001.txt"), "--limit", "line_chars=20"]) == InputTooLarge.exit_status
    assert "over the limit of 20" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["parse", str(CORPUS / "d001.txt"), "--limit", "bogus=1"])
