"""A Document as a self-contained HTML page: its metadata, its section tree with tasks and
owners, its diagnostics, and its text beside the tree with every span highlighted on hover
or click.

The page loads nothing: the stylesheet and script are inlined from package data
(``data/templates``), and its Content-Security-Policy allows no fetch at all and only the
page's own script (by hash). Every value from the notice is escaped by the template engine,
so a notice containing ``<script>`` shows those characters and runs nothing.

>>> from dashuang_parse import parse_text
>>> page = render_page(parse_text("一、任务\\n（一）加强监管<script>。（市公安局负责）"))
>>> "加强监管&lt;script&gt;" in page and "<script>。" not in page
True
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from ..core.models import Diagnostic, Document, Section, Task
from .agency_index import ROLE_LABELS, ROLES
from .html_text import Mark, mark_text


@cache
def environment() -> jinja2.Environment:
    """The template engine over ``data/templates``, escaping every value by default."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("dashuang_parse", "data/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def asset(name: str) -> str:
    """A stylesheet or script of ``data/templates``, to be inlined."""
    return resources.files("dashuang_parse.data").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def csp(script: str) -> str:
    """A Content-Security-Policy that lets the page run ``script`` (inline) and nothing else,
    and fetch nothing: no network, no external asset."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"


@dataclass
class TaskView:
    """A task and its page key (t0, t1… in document order)."""

    key: str
    task: Task
    owners: dict[str, list[str]]  # role → names, in the order written


@dataclass
class SectionView:
    """A section, its page key (s0, s1… depth first) and its tasks and children as views."""

    key: str
    section: Section
    tasks: list[TaskView] = field(default_factory=list)
    children: list[SectionView] = field(default_factory=list)


@dataclass
class DiagnosticView:
    """A diagnostic, its page key (d0, d1…) and its line and column in the text (1-based)."""

    key: str
    diagnostic: Diagnostic
    line: int | None
    column: int | None


def _views(doc: Document) -> tuple[list[SectionView], list[Mark]]:
    """The section tree as views, and the marks of every section and task span."""
    marks: list[Mark] = []
    counts = {"s": 0, "t": 0}

    def view(section: Section) -> SectionView:
        here = SectionView(f"s{counts['s']}", section)
        counts["s"] += 1
        marks.append(Mark(section.span[0], section.span[1], "section", here.key))
        for task in section.tasks:
            owners: dict[str, list[str]] = {}
            for agency in task.agencies:
                owners.setdefault(agency.role, []).append(agency.name)
            task_view = TaskView(f"t{counts['t']}", task, {r: owners[r] for r in ROLES if r in owners})
            counts["t"] += 1
            marks.append(Mark(task.span[0], task.span[1], "task", task_view.key))
            here.tasks.append(task_view)
        here.children = [view(child) for child in section.children]
        return here

    return [view(section) for section in doc.sections], marks


def _diagnostics(doc: Document) -> tuple[list[DiagnosticView], list[Mark]]:
    views, marks = [], []
    text = doc.text or ""
    for number, diagnostic in enumerate(doc.diagnostics):
        key = f"d{number}"
        line = column = None
        if diagnostic.span is not None and doc.text is not None:
            start = diagnostic.span[0]
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            marks.append(Mark(diagnostic.span[0], diagnostic.span[1], "diag", key))
        views.append(DiagnosticView(key, diagnostic, line, column))
    return views, marks


def page_title(doc: Document) -> str:
    """What a page or an archive row calls the notice: its title, else its file name."""
    meta = doc.metadata
    return meta.title or meta.notice_title or (doc.source.path if doc.source and doc.source.path else "(untitled)")


def render_page(doc: Document, *, archive: str | None = None) -> str:
    """The HTML page of ``doc``; ``archive``, when given, is the link back to the archive page."""
    sections, marks = _views(doc)
    diagnostics, diagnostic_marks = _diagnostics(doc)
    script = asset("notice.js")
    text = mark_text(doc.text, marks + diagnostic_marks) if doc.text is not None else None
    return (
        environment()
        .get_template("notice.html")
        .render(
            doc=doc,
            title=page_title(doc),
            sections=sections,
            diagnostics=diagnostics,
            text=text,
            counts={
                "sections": sum(1 for _ in doc.iter_sections()),
                "tasks": sum(1 for _ in doc.iter_tasks()),
                "diagnostics": len(doc.diagnostics),
            },
            role_labels=ROLE_LABELS,
            archive=archive,
            style=Markup(asset("report.css")),
            script=Markup(script),
            csp=csp(script),
        )
    )
