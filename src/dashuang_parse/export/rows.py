"""A Document as flat rows: one per task (tasks.jsonl) and one for the document (documents.jsonl).

A task row carries what a task tracker needs without the tree: which document (its title, 文号
and place), under which section (its id and the headings above it), what must be done, by
when (``deadline``), and who leads, takes part or is responsible (``owners`` adds each owner's
canonical name and jurisdiction, so rows from many notices can be grouped by body).

>>> from dashuang_parse import parse_text
>>> doc = parse_text("一、重点任务\\n（一）加强监管。（市市场监管局牵头，市公安局配合）")
>>> row = task_rows(doc, "a.txt")[0]
>>> row["section"], row["headings"], row["leads"], row["participants"]
('1.1', ['重点任务', '加强监管'], ['市市场监管局'], ['市公安局'])
>>> row["owners"][0]["canonical"], row["deadline"]
('市市场监督管理局', None)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# typing_extensions' TypedDict (pydantic's own dependency), not typing's: pydantic reads a
# nested TypedDict (TaskRow.owners) only from it before Python 3.12, and the service builds
# the OpenAPI model of a row from these annotations.
from typing_extensions import TypedDict

from ..core.models import Document, Section


class OwnerCell(TypedDict):
    """One owner of a task row: its name, the same body's canonical name, its place and role."""

    name: str
    canonical: str | None
    jurisdiction: str | None
    role: str


class TaskRow(TypedDict):
    """One line of tasks.jsonl (schema 1.1 adds doc_number, jurisdiction, deadline, owners)."""

    document: str
    title: str | None
    doc_number: str | None
    issuer: str | None
    jurisdiction: str | None
    date: str | None
    section: str
    headings: list[str]
    task: str
    text: str
    leads: list[str]
    participants: list[str]
    responsible: list[str]
    deadline: dict[str, Any] | None
    owners: list[OwnerCell]


class DocumentRow(TypedDict):
    """One line of documents.jsonl: metadata and counts."""

    document: str
    output: str | None
    format: str | None
    encoding: str | None
    sha256: str | None
    title: str | None
    notice_title: str | None
    doc_number: str | None
    issuer: str | None
    date: str | None
    recipients: list[str]
    sections: int
    tasks: int
    agencies: int
    diagnostics: int


# A role (AgencyRole.role) → its column in a task row.
ROLE_COLUMNS = {"lead": "leads", "participant": "participants", "responsible": "responsible"}


def _heading(section: Section) -> str:
    return section.heading or section.marker


def _walk(sections: list[Section], path: list[str]) -> Iterator[tuple[Section, list[str]]]:
    for section in sections:
        here = [*path, _heading(section)]
        yield section, here
        yield from _walk(section.children, here)


def task_rows(doc: Document, document: str) -> list[TaskRow]:
    """The tasks of ``doc`` as rows, in document order; ``document`` names it (its path)."""
    meta = doc.metadata
    date = meta.date.isoformat() if meta.date else None
    rows: list[TaskRow] = []
    for section, headings in _walk(doc.sections, []):
        for task in section.tasks:
            owners: dict[str, list[str]] = {column: [] for column in ROLE_COLUMNS.values()}
            for agency in task.agencies:
                owners[ROLE_COLUMNS[agency.role]].append(agency.name)
            rows.append(
                TaskRow(
                    document=document,
                    title=meta.title,
                    doc_number=meta.doc_number,
                    issuer=meta.issuer,
                    jurisdiction=meta.jurisdiction,
                    date=date,
                    section=section.id,
                    headings=headings,
                    task=task.id,
                    text=task.text,
                    leads=owners["leads"],
                    participants=owners["participants"],
                    responsible=owners["responsible"],
                    deadline=task.deadline.model_dump(mode="json") if task.deadline else None,
                    owners=[
                        OwnerCell(name=a.name, canonical=a.canonical, jurisdiction=a.jurisdiction, role=a.role)
                        for a in task.agencies
                    ],
                )
            )
    return rows


def document_row(doc: Document, document: str, output: str | None = None) -> DocumentRow:
    """The metadata and counts of ``doc`` as one row."""
    meta, source = doc.metadata, doc.source
    tasks = list(doc.iter_tasks())
    return DocumentRow(
        document=document,
        output=output,
        format=source.format if source else None,
        encoding=source.encoding if source else None,
        sha256=source.sha256 if source else None,
        title=meta.title,
        notice_title=meta.notice_title,
        doc_number=meta.doc_number,
        issuer=meta.issuer,
        date=meta.date.isoformat() if meta.date else None,
        recipients=list(meta.recipients),
        sections=sum(1 for _ in doc.iter_sections()),
        tasks=len(tasks),
        agencies=len({agency.name for task in tasks for agency in task.agencies}),
        diagnostics=len(doc.diagnostics),
    )
