"""A Document as a plain-text summary for the terminal: its header facts, then the section
tree with each task's statement, owners by role and deadline, Chinese text aligned by the
columns it takes (a CJK character takes two).

>>> from dashuang_parse import parse_text
>>> doc = parse_text("一、任务\\n（一）加强监管。（市公安局牵头，市商务局配合；2025年底前完成）")
>>> print(summarize(doc, width=40))
(untitled)
2 sections · 1 tasks · 0 diagnostics
<BLANKLINE>
一、任务
  （一）加强监管
    1.1/1  加强监管。
           牵头 市公安局
           配合 市商务局
           时限 2025年底前
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..core.models import Document, Section, Task
from .agency_index import ROLE_LABELS

_INDENT = "  "
_ELLIPSIS = "…"
# Punctuation that never starts a line in Chinese typesetting (避头点): wrapping keeps it at
# the end of the line before, one column over.
_NO_LINE_START = frozenset("、，。；：！？）》」』”’")


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and full-width characters take two.

    >>> width("市公安局"), width("abc")
    (8, 3)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` columns, with … where it was cut.

    >>> fit("加强知识产权保护", 9)
    '加强知识…'
    """
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        if used + width(ch) > columns - 1:
            break
        out.append(ch)
        used += width(ch)
    return "".join(out) + _ELLIPSIS


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` columns (at any character: Chinese has no spaces).

    >>> wrap("加强知识产权保护", 6)
    ['加强知', '识产权', '保护']
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for ch in " ".join(text.split()):
        if line and used + width(ch) > columns and ch not in _NO_LINE_START:
            lines.append("".join(line))
            line, used = [], 0
        line.append(ch)
        used += width(ch)
    if line:
        lines.append("".join(line))
    return lines or [""]


def summarize(doc: Document, *, width: int = 100, full: bool = False) -> str:
    """The summary of ``doc`` in lines of about ``width`` columns; statements cut to one line
    unless ``full``."""
    meta = doc.metadata
    title = meta.title or meta.notice_title or (doc.source.path if doc.source and doc.source.path else "(untitled)")
    facts = [meta.doc_number, meta.issuer, meta.date.isoformat() if meta.date else None]
    sections = sum(1 for _ in doc.iter_sections())
    tasks = sum(1 for _ in doc.iter_tasks())
    lines = [title]
    if any(facts):
        lines.append(" · ".join(f for f in facts if f))
    lines.append(f"{sections} sections · {tasks} tasks · {len(doc.diagnostics)} diagnostics")
    lines.append("")
    id_width = max((len(task.id) for task in doc.iter_tasks()), default=0)
    for section in doc.sections:
        lines.extend(_section(section, 0, id_width, width, full))
    return "\n".join(lines)


def _section(section: Section, depth: int, id_width: int, columns: int, full: bool) -> Iterator[str]:
    indent = _INDENT * depth
    # A bare number over its own tasks (1. 围绕…) says nothing the task id does not: the
    # tasks stand in its place.
    bare = not section.heading and not section.children and bool(section.tasks)
    if not bare:
        yield fit(f"{indent}{section.marker}{section.heading or ''}", columns)
    for task in section.tasks:
        yield from _task(task, indent if bare else indent + _INDENT, id_width, columns, full)
    for child in section.children:
        yield from _section(child, depth + 1, id_width, columns, full)


def _task(task: Task, indent: str, id_width: int, columns: int, full: bool) -> Iterator[str]:
    lead = f"{indent}{task.id:<{id_width}}  "
    hang = " " * len(lead)
    room = max(columns - len(lead), 10)
    statement = wrap(task.text, room) if full else [fit(" ".join(task.text.split()), room)]
    yield lead + statement[0]
    yield from (hang + line for line in statement[1:])
    owners: dict[str, list[str]] = {}
    for agency in task.agencies:
        owners.setdefault(agency.role, []).append(agency.name)
    for role, label in ROLE_LABELS.items():
        if role in owners:
            yield from _labelled(hang, label, owners[role], room)
    if task.leaders:
        yield from _labelled(hang, "领导", task.leaders, room)
    if task.deadline is not None:
        yield from _labelled(hang, "时限", [task.deadline.as_written], room)


def _labelled(hang: str, label: str, names: list[str], room: int) -> Iterator[str]:
    # The label takes four columns and a space; continuation lines hang under the value.
    for number, line in enumerate(wrap_list(names, max(room - 5, 10))):
        yield f"{hang}{label if number == 0 else '    '} {line}"


def wrap_list(names: list[str], columns: int) -> list[str]:
    """``names`` joined with 、 in lines of at most ``columns`` columns, broken between names
    (a name longer than a line is wrapped inside).

    >>> wrap_list(["市公安局", "市商务局", "市市场监管局"], 20)
    ['市公安局、市商务局、', '市市场监管局']
    """
    lines: list[str] = []
    line = ""
    for number, name in enumerate(names):
        item = name + ("、" if number < len(names) - 1 else "")
        if line and width(line + item) > columns:
            lines.append(line)
            line = ""
        if width(item) > columns:
            *full, line = wrap(item, columns)
            lines.extend(full)
        else:
            line += item
    return [*lines, line] if line or not lines else lines
