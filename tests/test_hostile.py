"""The hostile set (tests/hostile/make.py): every file has the outcome it is made for — a
typed error with its code, or a Document with the diagnostics it must carry — quickly, and
without writing anything outside the output folder."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile.make import HOSTILE, Expected, make

from dashuang_parse import DashuangError, parse_file
from dashuang_parse.batch import convert
from dashuang_parse.tools.cli import main

# A hostile file is dealt with in well under this (seconds); a hang or an expansion is not.
_QUICK = 20.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make(folder)


FILES = [name for name, (_, expected) in HOSTILE.items() if expected.code != "archive"]
ARCHIVES = [name for name, (_, expected) in HOSTILE.items() if expected.code == "archive"]


@pytest.mark.parametrize("name", FILES)
def test_parse_file(name: str, hostile: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = hostile
    outcome = expected[name]
    started = time.monotonic()
    if outcome.code == "ok":
        doc = parse_file(folder / name)
        assert outcome.diagnostics <= {d.code for d in doc.diagnostics}
        assert len(doc.diagnostics) <= 200  # capped: one problem is not ten thousand lines
    else:
        with pytest.raises(DashuangError) as error:
            parse_file(folder / name)
        assert error.value.code == outcome.code, error.value
        assert name in str(error.value)  # the message names the file
    assert time.monotonic() - started < _QUICK


@pytest.mark.parametrize("name", FILES[:6] + ["empty.txt", "junk.txt"])
def test_cli_prints_one_line_and_the_code_status(
    name: str, hostile: tuple[Path, dict[str, Expected]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, expected = hostile
    status = main(["parse", str(folder / name)])
    err = capsys.readouterr().err
    assert expected[name].code in err and name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert status > 2


def test_debug_shows_the_traceback(
    hostile: tuple[Path, dict[str, Expected]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = hostile
    main(["--debug", "parse", str(folder / "junk.txt")])
    assert "Traceback" in capsys.readouterr().err


def test_batch_over_the_whole_set(hostile: tuple[Path, dict[str, Expected]], tmp_path: Path) -> None:
    folder, expected = hostile
    out = tmp_path / "out"
    # By the name as written (the label): keys are made safe, "../" included.
    outcomes = {o.label.removeprefix(f"{folder}/").replace("::", "/"): o for o in convert([folder], out, jobs=2)}
    for name in FILES:
        code = expected[name].code
        assert (outcomes[name].error_code or "ok") == code, (name, outcomes[name].error_message)
    for name in ARCHIVES:
        for key, code in expected[name].members.items():
            assert (outcomes[key].error_code or "ok") == code, (key, outcomes[key].error_message)
    # Nothing escaped the output folder; every JSON written is whole.
    assert not (tmp_path / "evil.txt.json").exists() and not (out.parent.parent / "evil.txt.json").exists()
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
