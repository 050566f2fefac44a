"""The values stage: the schema-1.1 values computed from what the earlier stages found.

Each task gets its deadline (from its owner parenthetical or line, else the last clause of its
statement); each owner its canonical name and its jurisdiction (the place its prefix stands
for in this notice); the metadata its doc-number parts and the place its issuer governs.
The functions are pure and table-driven: ``places`` (the gazetteer, ``data/divisions.tsv``,
and ``data/canonical_names.tsv``) and ``deadlines`` (one named rule table).
"""

from __future__ import annotations

from ..core.gazetteer import Place
from ..core.models import AgencyRole, Deadline, DocNumberParts, Metadata, Section, Task
from .deadlines import find_deadline
from .places import canonical, doc_number_parts, jurisdiction, notice_place

__all__ = ["add_values"]


def add_values(metadata: Metadata, sections: list[Section]) -> tuple[Metadata, list[Section]]:
    """``metadata`` and ``sections`` with the 1.1 values filled in."""
    place = notice_place(metadata.issuer, metadata.notice_title or metadata.title, metadata.doc_number)
    parts = doc_number_parts(metadata.doc_number)
    metadata = metadata.model_copy(
        update={
            "doc_number_parts": DocNumberParts(**parts) if parts else None,
            "jurisdiction": place.name if place is not None else None,
        }
    )
    year = _notice_year(metadata)
    return metadata, [_section(section, place, year) for section in sections]


def _notice_year(metadata: Metadata) -> int | None:
    if metadata.date is not None:
        return metadata.date.year
    if metadata.doc_number_parts is not None:
        return metadata.doc_number_parts.year
    return None


def _section(section: Section, place: Place | None, year: int | None) -> Section:
    return section.model_copy(
        update={
            "tasks": [_task(task, place, year) for task in section.tasks],
            "children": [_section(child, place, year) for child in section.children],
        }
    )


def _task(task: Task, place: Place | None, year: int | None) -> Task:
    found = find_deadline(task.responsibility, year) or find_deadline(task.text, year, last_clause_only=True)
    return task.model_copy(
        update={
            "agencies": [_agency(agency, place) for agency in task.agencies],
            "deadline": Deadline(**found) if found else None,
        }
    )


def _agency(agency: AgencyRole, place: Place | None) -> AgencyRole:
    return agency.model_copy(
        update={"canonical": canonical(agency.name), "jurisdiction": jurisdiction(agency.name, place)}
    )
