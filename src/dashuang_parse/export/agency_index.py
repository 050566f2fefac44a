"""An agency index across documents: for each agency, how many tasks it leads, takes part in
or is responsible for, in each document and in all.

>>> from dashuang_parse import parse_text
>>> doc = parse_text("一、任务\\n（一）加强监管。（市公安局牵头，市商务局配合）\\n（二）严格执法。（市公安局负责）")
>>> index = build_index([("a.txt", doc)])
>>> index["市公安局"].total, index["市商务局"].total
({'lead': 1, 'participant': 0, 'responsible': 1}, {'lead': 0, 'participant': 1, 'responsible': 0})
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..core.models import Document

ROLES = ("lead", "participant", "responsible")
# How a notice names each role (the words of its 牵头/配合/负责 columns and labels).
ROLE_LABELS = {"lead": "牵头", "participant": "配合", "responsible": "负责"}
# The document column of an agency's total row.
TOTAL = "*"


def _counts() -> dict[str, int]:
    return dict.fromkeys(ROLES, 0)


@dataclass
class AgencyEntry:
    """One agency's task counts by role: in total and per document."""

    name: str
    total: dict[str, int] = field(default_factory=_counts)
    documents: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, document: str, role: str) -> None:
        """Count one task of ``document`` in ``role``."""
        self.total[role] += 1
        self.documents.setdefault(document, _counts())[role] += 1

    def to_dict(self) -> dict[str, object]:
        """The entry as JSON-ready data."""
        return {"name": self.name, **self.total, "documents": self.documents}


def build_index(documents: Iterable[tuple[str, Document]]) -> dict[str, AgencyEntry]:
    """Agencies (by name, sorted) of the (name, Document) pairs; an agency counts once per task."""
    index: dict[str, AgencyEntry] = {}
    for name, doc in documents:
        for task in doc.iter_tasks():
            for agency_name, role in {(a.name, a.role) for a in task.agencies}:
                index.setdefault(agency_name, AgencyEntry(agency_name)).add(name, role)
    return dict(sorted(index.items()))


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_index(index: dict[str, AgencyEntry]) -> str:
    """A plain-text table: agency, lead, participant, responsible, documents."""
    width = max((_width(name) for name in index), default=6) + 2
    lines = ["agency" + " " * (width - 6) + f"{'lead':>6}{'part.':>7}{'resp.':>7}{'docs':>6}"]
    for entry in index.values():
        t = entry.total
        pad = " " * (width - _width(entry.name))
        lines.append(
            f"{entry.name}{pad}{t['lead']:>6}{t['participant']:>7}{t['responsible']:>7}{len(entry.documents):>6}"
        )
    return "\n".join(lines)


def index_rows(index: dict[str, AgencyEntry]) -> Iterator[list[object]]:
    """CSV rows: per agency one row per document, then its total (document ``*``)."""
    yield ["agency", "document", *ROLES]
    for entry in index.values():
        for document, counts in sorted(entry.documents.items()):
            yield [entry.name, document, *(counts[role] for role in ROLES)]
        yield [entry.name, TOTAL, *(entry.total[role] for role in ROLES)]
