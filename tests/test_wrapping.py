"""Robustness: text re-wrapped as a PDF would wrap it parses to the same tasks.

Each corpus notice's normalized text is cut into lines of a fixed width (the way text
copied from a PDF breaks paragraphs), with and without blank lines between them; the
sections, tasks and owners must not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS

from dashuang_parse import Document, parse_file, parse_text
from dashuang_parse.tools.evaluation import canon

NOTICES = sorted(CORPUS.glob("*.txt"))


def _rewrap(text: str, width: int, separator: str) -> str:
    paragraphs = []
    for paragraph in text.split("\n"):
        lines = [paragraph[i : i + width] for i in range(0, len(paragraph), width)] or [""]
        paragraphs.append(separator.join(lines))
    return separator.join(paragraphs)


def _tasks(doc: Document) -> list[tuple[str, str, list[tuple[str, str]]]]:
    # The end of each statement, as the scorer compares it: where a wrap falls right after a
    # heading sentence, that sentence becomes a heading line and leaves the statement.
    return [(task.id, canon(task.text)[-20:], [(a.name, a.role) for a in task.agencies]) for task in doc.iter_tasks()]


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.name)
@pytest.mark.parametrize(("width", "separator"), [(28, "\n"), (36, "\n\n")], ids=["28", "36-blank"])
def test_rewrapped_notice_parses_the_same(notice: Path, width: int, separator: str) -> None:
    original = parse_file(notice)
    assert original.text is not None
    rewrapped = parse_text(_rewrap(original.text, width, separator))
    assert [s.id for s in rewrapped.iter_sections()] == [s.id for s in original.iter_sections()]
    assert _tasks(rewrapped) == _tasks(original)
