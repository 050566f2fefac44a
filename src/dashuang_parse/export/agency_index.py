"""An agency index across documents: for each body, how many tasks it leads, takes part in or
is responsible for, in each document and in all. A body is an owner's jurisdiction and
canonical name (``agency_groups``): 市公安局 in a 中卫市 notice is "中卫市 公安局".

>>> from dashuang_parse import parse_text
>>> doc = parse_text("中卫市人民政府办公室关于印发中卫市打击侵权假冒工作方案的通知\\n一、任务\\n"
...                  "（一）加强监管。（市公安局牵头，市商务局配合）\\n（二）严格执法。（公安局负责）")
>>> index = build_index([("a.txt", doc)])
>>> index["中卫市 公安局"].total, index["中卫市 商务局"].total
({'lead': 1, 'participant': 0, 'responsible': 1}, {'lead': 0, 'participant': 1, 'responsible': 0})
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.models import Document
from .agency_groups import AgencyGroup, group_of, notice_context
from .rows import ROLE_COLUMNS

ROLES = ("lead", "participant", "responsible")
# How a notice names each role (the words of its 牵头/配合/负责 columns and labels).
ROLE_LABELS = {"lead": "牵头", "participant": "配合", "responsible": "负责"}
# The document column of an agency's total row.
TOTAL = "*"


def _counts() -> dict[str, int]:
    return dict.fromkeys(ROLES, 0)


@dataclass
class AgencyEntry:
    """One body's task counts by role: in total and per document, and the names it was given."""

    name: str
    total: dict[str, int] = field(default_factory=_counts)
    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    jurisdiction: str | None = None
    names: set[str] = field(default_factory=set)

    def add(self, document: str, role: str) -> None:
        """Count one task of ``document`` in ``role``."""
        self.total[role] += 1
        self.documents.setdefault(document, _counts())[role] += 1

    def to_dict(self) -> dict[str, object]:
        """The entry as JSON-ready data."""
        return {
            "name": self.name,
            "jurisdiction": self.jurisdiction,
            "names": sorted(self.names),
            **self.total,
            "documents": self.documents,
        }


def build_index(documents: Iterable[tuple[str, Document]], *, merge_successors: bool = False) -> dict[str, AgencyEntry]:
    """Bodies (by group name, sorted) of the (name, Document) pairs; a body counts once per task
    and role. Owners are grouped by (jurisdiction, canonical name), as ``agency_groups`` says:
    市公安局 of a 中卫市 notice and of a 济南市 one are two bodies, 市发改委 and 市发展改革委 one;
    ``merge_successors`` joins a body renamed by a reform to its successor."""
    groups: dict[AgencyGroup, AgencyEntry] = {}
    for name, doc in documents:
        meta = doc.metadata
        notice = notice_context(meta.jurisdiction, meta.doc_number, meta.title, name)
        for task in doc.iter_tasks():
            owners = ((a.name, a.canonical, a.jurisdiction, a.role) for a in task.agencies)
            for group, written, role, first in _bodies(owners, notice, merge_successors):
                _count(groups, group, written, name, role if first else None)
    return _sorted(groups)


def index_from_rows(rows: Iterable[Mapping[str, Any]], *, merge_successors: bool = False) -> dict[str, AgencyEntry]:
    """The same index as ``build_index`` from task rows (tasks.jsonl lines), so that a batch
    can make it from what its workers sent back without holding every Document."""
    groups: dict[AgencyGroup, AgencyEntry] = {}
    for row in rows:
        for group, written, role, first in row_bodies(row, merge_successors=merge_successors):
            _count(groups, group, written, row["document"], role if first else None)
    return _sorted(groups)


def row_bodies(
    row: Mapping[str, Any], *, merge_successors: bool = False
) -> Iterator[tuple[AgencyGroup, str, str, bool]]:
    """(body, name as written, role, first) of each owner of a task row; ``first`` is False for
    a body met again in the same role (公安局 and 市公安局 in one list are one body, counted
    once). Rows written before schema 1.1 have only the role columns: their owners are
    grouped by name and notice."""
    notice = notice_context(row.get("jurisdiction"), row.get("doc_number"), row.get("title"), row["document"])
    if "owners" in row:
        owners: Iterable[tuple[str, str | None, str | None, str]] = (
            (o["name"], o["canonical"], o["jurisdiction"], o["role"]) for o in row["owners"]
        )
    else:
        owners = ((name, None, None, role) for role, column in ROLE_COLUMNS.items() for name in row[column])
    yield from _bodies(owners, notice, merge_successors)


def _bodies(
    owners: Iterable[tuple[str, str | None, str | None, str]], notice: str, merge_successors: bool
) -> Iterator[tuple[AgencyGroup, str, str, bool]]:
    counted: set[tuple[AgencyGroup, str]] = set()
    for name, canonical, jurisdiction, role in owners:
        group = group_of(name, canonical, jurisdiction, notice, merge_successors=merge_successors)
        first = (group, role) not in counted
        counted.add((group, role))
        yield group, name, role, first


def _count(
    groups: dict[AgencyGroup, AgencyEntry], group: AgencyGroup, written: str, document: str, role: str | None
) -> None:
    """Note the name ``written`` for ``group`` and, unless ``role`` is None, count a task."""
    entry = groups.setdefault(group, AgencyEntry(group.label, jurisdiction=group.jurisdiction))
    entry.names.add(written)
    if role is not None:
        entry.add(document, role)


def _sorted(groups: dict[AgencyGroup, AgencyEntry]) -> dict[str, AgencyEntry]:
    return {entry.name: entry for _, entry in sorted(groups.items(), key=lambda item: (item[1].name, item[0]))}


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
