"""Where the numbered body of a notice ends and its closing begins.

The closing is what follows the last numbered section: the general requirements paragraph
after a nested list, the signature and the date (docs/annotation.md, "Closing").
"""

from __future__ import annotations

from ..core.markers import KIND_RANK, is_heading
from ..lex.tokens import Token, TokenKind
from ..normalize.rules import DATE_LINE, OWNER_LINE
from .rules import OWNERS_HINT, SIGNATURE_NOTE, SIGNATURE_PUNCT


def find_closing(text: str, tokens: list[Token]) -> int:
    """Offset where the closing starts (``len(text)`` when there is none).

    >>> text = "一、任务\\n（一）加强监管。（市公安局负责）\\n各地要认真落实。\\n2017年3月22日"
    >>> from dashuang_parse.lex import tokenize
    >>> text[find_closing(text, tokenize(text)[0]):]
    '各地要认真落实。\\n2017年3月22日'
    """
    markers = [t for t in tokens if t.kind is TokenKind.MARKER]
    lines = [t for t in tokens if t.kind is TokenKind.LINE and t.end > t.start]
    closing = _signature_start(text, lines, markers[-1].end if markers else 0)
    if not markers:
        return closing
    last = markers[-1]
    top_rank = min(KIND_RANK[m.section_kind] for m in markers if m.section_kind)
    if KIND_RANK[last.section_kind] == top_rank:  # type: ignore[index]
        return closing  # a top-level section keeps all its paragraphs
    after = [line for line in lines if line.start > last.start and line.start < closing]
    # The line holding the last marker (it may sit inside a line: a notice saved on one line).
    marker_line = next((line for line in reversed(lines) if line.start <= last.start), lines[0])
    first_body = 0 if _is_heading_line(text, last, marker_line) else -1
    # The item's own paragraph(s), then whatever paragraphs still carry owners.
    end_index = first_body
    for index, line in enumerate(after):
        content = text[line.start : line.end]
        if OWNERS_HINT.search(content) or OWNER_LINE.match(content):
            end_index = index
    end_index = max(end_index, first_body)
    if end_index + 1 < len(after):
        return after[end_index + 1].start
    return closing


def _is_heading_line(text: str, marker: Token, line: Token) -> bool:
    content = text[marker.end : line.end].rstrip("。")
    # An item that ends in a parenthetical (its owners) is a task, not a heading.
    return is_heading(content) and not content.endswith("）")


def _signature_start(text: str, lines: list[Token], floor: int) -> int:
    """Start of the trailing signature block: date lines, the issuing body, notes."""
    start = len(text)
    for line in reversed(lines):
        if line.start < floor:
            break
        content = text[line.start : line.end]
        if OWNERS_HINT.search(content):
            break  # 附件：… glued to the attachment's tasks (a notice saved on few lines)
        if DATE_LINE.match(content) or SIGNATURE_NOTE.match(content):
            start = line.start
            continue
        if start < len(text) and len(content) <= 40 and not any(p in content for p in SIGNATURE_PUNCT):
            start = line.start  # the issuing body just above the date
            continue
        break
    return start
