"""Keeping a Document's diagnostics readable on hostile input.

Ten thousand unbalanced brackets are one problem, not ten thousand: each code keeps its
first ``PER_CODE`` diagnostics, and one more says how many were left out.
"""

from __future__ import annotations

from .models import Diagnostic

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
