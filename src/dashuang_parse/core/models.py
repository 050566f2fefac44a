"""The output contract in code: the Pydantic models of ``shared/spec/contract.md``.

Field names and meanings are a promise to other systems (schema 1.x): fields may be
added, never renamed or dropped. ``schemas/document.schema.json`` is generated from
these models by ``dashuang-parse schema``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Span = tuple[int, int]
SourceFormat = Literal["text", "markdown", "html", "pdf", "docx"]
SectionKind = Literal["part", "chapter", "division", "article", "cn", "cn_paren", "arabic", "arabic_paren", "circled"]
Role = Literal["lead", "responsible", "participant"]
AgencyKind = Literal["agency", "collective", "unspecified"]
Severity = Literal["info", "warning", "error"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """Where a notice's text came from."""

    path: str | None = Field(None, description="file path as given, or null for text passed in")
    format: SourceFormat = Field("text", description="the reader that produced the text")
    encoding: str | None = Field(None, description="character encoding of the input bytes")
    sha256: str = Field(..., description="hex SHA-256 of the input bytes")
    size: int = Field(..., ge=0, description="input size in bytes")


class Reference(_Model):
    """A document the notice cites: 《title》（doc number）."""

    title: str
    doc_number: str | None = None


class DocNumberParts(_Model):
    """A document number split into its parts: 驻政办〔2015〕100号 → 驻政办, 2015, 100 (1.1)."""

    code: str
    year: int
    serial: int


class Metadata(_Model):
    """The notice's header facts; every field is null or empty when the notice does not state it."""

    title: str | None = None
    notice_title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: _dt.date | None = None
    recipients: list[str] = Field(default_factory=list)
    index_number: str | None = None
    references: list[Reference] = Field(default_factory=list)
    doc_number_parts: DocNumberParts | None = Field(None, description="doc_number split into its parts (1.1)")
    jurisdiction: str | None = Field(
        None, description="the place the issuer governs (驻马店市人民政府办公室 → 驻马店市), null when unknown (1.1)"
    )


class AgencyRole(_Model):
    """One owner of a task: who, as written, in which role."""

    name: str = Field(..., description="full name: prefix carried, alias resolved, shared suffix expanded")
    as_written: str = Field(..., description="the name exactly as in the list")
    role: Role
    kind: AgencyKind = "agency"
    canonical: str | None = Field(
        None,
        description="the body's full official name with its prefix (市发改委 → 市发展和改革委员会); "
        "equal to name when the table has no entry (1.1)",
    )
    jurisdiction: str | None = Field(
        None,
        description="the place the name's prefix stands for, from the notice (市 in a 中卫市 notice → 中卫市); "
        "null when the notice does not say (1.1)",
    )


class Deadline(_Model):
    """When a task is due, as the notice states it (1.1)."""

    as_written: str = Field(..., description="the phrase as written: 2025年6月底前")
    date: _dt.date | None = Field(
        None, description="the last day the text allows, resolved against the notice's year; null when none"
    )
    recurring: str | None = Field(None, description="monthly, quarterly, yearly… for 每月25日前, 每季度")
    ongoing: bool = Field(False, description="true for 长期坚持, 持续推进")


class Task(_Model):
    """A clause that ends in a responsibility parenthetical."""

    id: str = Field(..., description='section id + "/" + ordinal, e.g. "2.1.1.1/1"')
    text: str = Field(..., description="the statement, without the parenthetical")
    responsibility: str = Field(..., description="the parenthetical as written, without its brackets")
    agencies: list[AgencyRole] = Field(default_factory=list)
    leaders: list[str] = Field(
        default_factory=list,
        description="named officials given as owners (责任领导：张三、李四), as written; never in agencies (1.1)",
    )
    deadline: Deadline | None = Field(
        None, description="found in the parenthetical, an owner line, a 完成时限 cell or the statement's end (1.1)"
    )
    span: Span


class Section(_Model):
    """A numbered section and its sub-sections."""

    id: str
    level: int = Field(..., ge=1)
    kind: SectionKind
    marker: str
    number: int
    heading: str | None = None
    text: str = Field(..., description="the section's own text: heading and body, without children")
    tasks: list[Task] = Field(default_factory=list)
    children: list[Section] = Field(default_factory=list)
    span: Span


class Diagnostic(_Model):
    """Something the parser noticed but could not resolve."""

    code: str = Field(..., pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    severity: Severity = "warning"
    message: str
    span: Span | None = None


class Document(_Model):
    """One parsed notice.

    >>> from dashuang_parse import parse_text
    >>> doc = parse_text("一、工作任务\\n（一）加强监管。（市公安局负责）")
    >>> [t.id for t in doc.iter_tasks()]
    ['1.1/1']
    """

    schema_version: str = SCHEMA_VERSION
    source: Source | None = None
    metadata: Metadata = Field(default_factory=Metadata)
    preamble: str = ""
    sections: list[Section] = Field(default_factory=list)
    closing: str = ""
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    text: str | None = Field(None, description="the normalized text every span indexes")

    def iter_sections(self) -> Iterator[Section]:
        """All sections, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def iter_tasks(self) -> Iterator[Task]:
        """All tasks in document order."""
        for section in self.iter_sections():
            yield from section.tasks
