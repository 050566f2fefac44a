"""A section's heading: its marker line, or a short first sentence (docs/annotation.md)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.markers import is_heading
from .rules import INNER_PUNCT


@dataclass(frozen=True)
class Heading:
    """The heading text and where the section's body starts after it."""

    text: str | None
    body_start: int


def find_heading(text: str, start: int, end: int, owners_on_line: bool) -> Heading:
    """Heading of a section whose own text (after the marker) is ``text[start:end]``.

    ``owners_on_line`` says whether the marker's line holds an owner parenthetical.

    >>> find_heading("指导思想\\n以党的…为指导。", 0, 14, False)
    Heading(text='指导思想', body_start=5)
    >>> find_heading("加大治理。坚持依法管网，…", 0, 13, False).text
    '加大治理'
    >>> find_heading("开展行动，探索规则（市局负责）。", 0, 16, True).text is None
    True
    """
    line_end = text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    line = text[start:line_end]
    stripped = line[:-1] if line.endswith("。") else line
    if stripped and is_heading(stripped) and not owners_on_line:
        body = line_end + 1 if line_end < end else end
        return Heading(stripped, body)
    sentence_end = line.find("。")
    if sentence_end > 0:
        sentence = line[:sentence_end]
        if is_heading(sentence) and not INNER_PUNCT.search(sentence):
            return Heading(sentence, start)
    return Heading(None, start)
