"""DOCX tables → lines: a 任务分工表 becomes one task line a row, other tables one line a row.

Many 分工方案 put their tasks in a table: 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限.
The parser reads tasks as a clause followed by an owner parenthetical, so each data row is
written the way such notices write them in prose::

    3. 开展专项整治（牵头单位：市公安局；配合单位：市市场监管局；完成时限：2024年底）

The header words are data (``data/docx_table_headers.txt``). Merged cells follow Word: a
cell continuing a vertical merge (``w:vMerge`` without "restart") shows the value above it
— a lead shared by several rows —, and a row that is one cell spanning the table
(``w:gridSpan``) is a section heading and is written as it stands. The 完成时限 stays inside
the parenthetical, where the parser keeps it in the responsibility text and out of the
owners. Tables without such a header (forms, layout tables) give a line a row, cells
joined by a space, and a row of one cell gives a line a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import regex
from lxml import etree

from ..lexicon import data_lines
from .docx_numbering import W

# What a cell's content reads as: the lines of its paragraphs (and nested tables).
CellReader = Callable[[etree._Element], list[str]]

_HEADER_FILE = "docx_table_headers.txt"
# The header is one of the first rows (a title row spanning the table may come first).
_HEADER_REACH = 3
_OWNER_ROLES = ("lead", "responsible", "partner")
# How each owner role is labelled in the line, in the order written.
_OWNER_LABELS = {"lead": "牵头单位", "responsible": "责任单位", "partner": "配合单位"}
_DEADLINE_LABEL = "完成时限"
# What a 序号 cell holds, and the marker written for it.
_NUMBER_FORMS = (
    (regex.compile(r"^\d+$"), "{}."),  # 3 → "3."
    (regex.compile(r"^[一二三四五六七八九十百〇零]+$"), "{}、"),  # 三 → "三、"
    (regex.compile(r"^.*[.．、）)]$"), "{}"),  # "3." or "（三）" already carry their punctuation
)
# Punctuation trimmed from the end of an owner cell's lines before they are joined with 、.
_OWNER_TRIM = "，,、；;。 "


@dataclass
class _Cell:
    lines: list[str]
    col: int
    span: int
    merge: str | None  # "restart", "continue" or None

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class _Row:
    cells: list[_Cell] = field(default_factory=list)

    def at(self, col: int) -> _Cell | None:
        return next((cell for cell in self.cells if cell.col <= col < cell.col + cell.span), None)


@cache
def header_roles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(role, header words) from the data file, in the order a header cell is tried.

    >>> dict(header_roles())["lead"][:2]
    ('牵头单位', '牵头部门')
    """
    lines = [line.split() for line in data_lines(_HEADER_FILE)]
    return tuple((role, tuple(words)) for role, *words in lines)


def table_lines(table: etree._Element, read_cell: CellReader) -> list[str]:
    """The lines of a ``w:tbl``; ``read_cell`` gives the lines of a ``w:tc``'s content."""
    rows = _grid(table, read_cell)
    found = _find_header(rows)
    if found is None:
        return _plain_lines(rows)
    first, last, roles = found
    title = [line for row in rows[:first] for line in _plain_lines([row])]  # a title row above the header
    return title + _task_lines(rows[last:], roles)


def _grid(table: etree._Element, read_cell: CellReader) -> list[_Row]:
    """Rows with each cell's grid column; vertically merged cells take the text above."""
    rows: list[_Row] = []
    for tr in _children(table, "tr"):
        row = _Row()
        col = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in _children(tr, "tc"):
            props = tc.find(f"{W}tcPr")
            span = max(_int_val(props.find(f"{W}gridSpan") if props is not None else None, 1), 1)
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            merge = None if vmerge is None else ("restart" if vmerge.get(f"{W}val") == "restart" else "continue")
            lines = read_cell(tc)
            if merge == "continue" and rows:
                above = rows[-1].at(col)
                lines = list(above.lines) if above is not None else lines
            row.cells.append(_Cell(lines, col, span, merge))
            col += span
        rows.append(row)
    return rows


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """``w:tr`` / ``w:tc`` children, also those wrapped in content controls."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == f"{W}{tag}":
            found.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                found.extend(_children(content, tag))
    return found


def _role(text: str) -> str | None:
    compact = "".join(text.split())
    if not compact:
        return None
    for role, words in header_roles():
        if any(word in compact for word in words):
            return role
    return None


def _roles(row: _Row) -> dict[int, str]:
    """Grid column → role of a row read as a header."""
    roles: dict[int, str] = {}
    for cell in row.cells:
        role = _role(cell.text)
        if role:
            roles.update(dict.fromkeys(range(cell.col, cell.col + cell.span), role))
    return roles


def _find_header(rows: list[_Row]) -> tuple[int, int, dict[int, str]] | None:
    """(index of the first and last header rows, column roles) when the table is a task table."""
    for index, row in enumerate(rows[:_HEADER_REACH]):
        roles = _roles(row)
        if "task" in roles.values() and any(role in roles.values() for role in _OWNER_ROLES):
            below = rows[index + 1] if index + 1 < len(rows) else None
            if below is not None and _is_header_row(below):  # 责任单位 over 牵头 | 配合
                roles.update(_roles(below))
                return index, index + 1, roles
            return index, index, roles
    return None


def _is_header_row(row: _Row) -> bool:
    texts = [cell.text for cell in row.cells if cell.text.strip() and cell.merge != "continue"]
    return bool(texts) and all(_role(text) for text in texts)


def _is_heading(row: _Row) -> bool:
    """A row that is one cell spanning the table, or whose wide first cell is all it says."""
    first, rest = row.cells[0], row.cells[1:]
    return bool(first.text.strip()) and (not rest or (first.span > 1 and not any(c.text.strip() for c in rest)))


def _task_lines(rows: list[_Row], roles: dict[int, str]) -> list[str]:
    """A line a data row; ``rows`` starts with the (last) header row."""
    lines: list[str] = []
    header_texts = [cell.text for cell in rows[0].cells]
    counter = 0
    for row in rows[1:]:
        if not row.cells or not any(cell.text.strip() for cell in row.cells):
            continue
        if [cell.text for cell in row.cells] == header_texts:
            continue  # the header repeated where the table crosses a page
        if _is_heading(row):
            lines.append(row.cells[0].text.strip())
            continue
        if not _column_text(row, roles, "task"):
            lines.extend(_plain_lines([row]))  # 合计, 备注: a row with no task
            continue
        counter += 1
        number = _column_text(row, roles, "number", own_only=True)
        if number.isdigit():
            counter = int(number)
        lines.append(_number_marker(number, counter) + _task_text(row, roles))
    return lines


def _task_text(row: _Row, roles: dict[int, str]) -> str:
    task = "：".join(cell.text.strip() for cell in _cells(row, roles, "task") if cell.text.strip())
    parts = [f"{_OWNER_LABELS[role]}：{owners}" for role in ("lead", "responsible", "partner")
             if (owners := _owners(row, roles, role))]
    deadline = _column_text(row, roles, "deadline")
    if deadline:
        parts.append(f"{_DEADLINE_LABEL}：{deadline}")
    return f"{task}（{'；'.join(parts)}）" if parts else task


def _cells(row: _Row, roles: dict[int, str], role: str) -> list[_Cell]:
    return [cell for cell in row.cells if roles.get(cell.col) == role]


def _column_text(row: _Row, roles: dict[int, str], role: str, *, own_only: bool = False) -> str:
    """Text of a row's cells in a role's columns; ``own_only`` ignores text a merge copied down."""
    cells = [cell for cell in _cells(row, roles, role) if not (own_only and cell.merge == "continue")]
    return "".join(cell.text.strip() for cell in cells)


def _owners(row: _Row, roles: dict[int, str], role: str) -> str:
    """Owner cells' lines joined with 、 (a cell often lists one agency a paragraph)."""
    names = [line.strip().rstrip(_OWNER_TRIM) for cell in _cells(row, roles, role) for line in cell.lines]
    return "、".join(name for name in names if name and name not in ("/", "—", "-", "无"))


def _number_marker(number: str, counter: int) -> str:
    if not number:
        return f"{counter}."
    for pattern, form in _NUMBER_FORMS:
        if pattern.match(number):
            return form.format(number)
    return number + " "


def _plain_lines(rows: list[_Row]) -> list[str]:
    """A line a row, cells joined by a space; a one-cell row gives a line a paragraph."""
    lines: list[str] = []
    for row in rows:
        cells = [cell for cell in row.cells if cell.merge != "continue" and cell.text.strip()]
        if len(cells) == 1:
            lines.extend(line for line in cells[0].lines if line.strip())
        elif cells:
            lines.append(" ".join(cell.text.strip() for cell in cells))
    return lines


def _int_val(element: etree._Element | None, default: int) -> int:
    try:
        return int(element.get(f"{W}val", default)) if element is not None else default
    except ValueError:
        return default
