"""Diagnostics: the registry of every code, rendering one under its source line, and capping.

Every diagnostic a stage emits has a code listed in ``CODES`` with its severity and what it
means (tests/test_diagnostics.py checks that the code base emits no other). ``render_diagnostic``
prints one with the line it points into and a ``~~~^`` under its span, like packaging's
``ParserSyntaxError``. Ten thousand unbalanced brackets are one problem, not ten thousand:
``cap_diagnostics`` keeps each code's first ``PER_CODE`` and says how many were left out.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .models import Diagnostic, Severity


class Code(NamedTuple):
    """A diagnostic code: its severity and one line on what it means."""

    severity: Severity
    meaning: str


# Every diagnostic code the parser emits, by the stage that emits it.
CODES: dict[str, Code] = {
    # lex
    "unbalanced-bracket": Code(
        "warning", "a bracket never closed in its paragraph, closed without opening, or nested too deep"
    ),
    # pipeline (bound)
    "text-truncated": Code("error", "the text was cut at the text_chars limit; what follows was not read"),
    # tree
    "numbering-gap": Code("warning", "a section's number skips one, or a list starts at a number other than 1"),
    "numbering-repeat": Code("warning", "a section repeats the number of the one before it"),
    "numbering-order": Code("warning", "a section's number is lower than the one before it"),
    # tasks
    "open-agency-list": Code("info", "an owner list ends in 等 and may name only some of the owners"),
    "owners-without-statement": Code("warning", "an owner parenthetical has no statement before it to own"),
    "task-outside-sections": Code(
        "warning", "owners are named before the first numbered section; the contract has no section to hold that task"
    ),
    "standing-owner-rule": Code(
        "info", "an owner list states a rule for the tasks below it (以下均需…配合，不再列出), not copied into them"
    ),
    "unreadable-owners": Code("warning", "an owner list names owners the grammar could not read; they are left out"),
    # document
    "no-structure": Code(
        "warning", "no numbered section and no owner in the whole text: it may not be a notice (a batch counts these)"
    ),
}

# Diagnostics of one code kept in a Document; the rest are counted.
PER_CODE = 50


def cap_diagnostics(diagnostics: list[Diagnostic], per_code: int = PER_CODE) -> list[Diagnostic]:
    """The first ``per_code`` diagnostics of each code, in order, and a count of the rest.

    >>> many = [Diagnostic(code="unbalanced-bracket", message="x", span=(i, i + 1)) for i in range(5)]
    >>> [d.message for d in cap_diagnostics(many, 2)]
    ['x', 'x', '3 more unbalanced-bracket diagnostics not listed']
    """
    kept: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for diagnostic in diagnostics:
        count = seen[diagnostic.code] = seen.get(diagnostic.code, 0) + 1
        if count <= per_code:
            kept.append(diagnostic)
    for code, count in seen.items():
        if count > per_code:
            message = f"{count - per_code} more {code} diagnostics not listed"
            kept.append(Diagnostic(code=code, severity="info", message=message))
    return kept


def _columns(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_diagnostic(diagnostic: Diagnostic, text: str) -> str:
    """``diagnostic`` as its line number, severity, code and message, then the source line
    it points into with a ``~~~^`` under its span (CJK characters are two columns wide).

    >>> d = Diagnostic(code="numbering-gap", message="number 3 after 1", span=(9, 11))
    >>> print(render_diagnostic(d, "一、任务\\n1.甲\\n3.乙"))
    line 3: warning numbering-gap: number 3 after 1
        3.乙
        ~^
    """
    head = f"{diagnostic.severity} {diagnostic.code}: {diagnostic.message}"
    if diagnostic.span is None:
        return head
    start, end = (max(0, min(offset, len(text))) for offset in diagnostic.span)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = min(max(end, start), line_end)
    number = text.count("\n", 0, start) + 1
    indent = " " * _columns(text[line_start:start])
    marker = "~" * max(_columns(text[start:end]) - 1, 0) + "^"
    return f"line {number}: {head}\n    {text[line_start:line_end]}\n    {indent}{marker}"
