"""DOCX tables → lines: the grid of a ``w:tbl`` for ``task_tables``.

Merged cells follow Word: a cell continuing a vertical merge (``w:vMerge`` without
"restart") shows the value above it, and ``w:gridSpan`` and ``w:gridBefore`` place cells
in the grid. Rows and cells wrapped in content controls (``w:sdt``, ``w:customXml``) count.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from . import task_tables
from .docx_numbering import W
from .task_tables import Cell, Row

# What a cell's content reads as: the lines of its paragraphs (and nested tables).
CellReader = Callable[[etree._Element], list[str]]


def table_lines(table: etree._Element, read_cell: CellReader) -> list[str]:
    """The lines of a ``w:tbl``; ``read_cell`` gives the lines of a ``w:tc``'s content."""
    return task_tables.table_lines(_grid(table, read_cell))


def _grid(table: etree._Element, read_cell: CellReader) -> list[Row]:
    """Rows with each cell's grid column; vertically merged cells take the text above."""
    rows: list[Row] = []
    for tr in _children(table, "tr"):
        row = Row()
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
            row.cells.append(Cell(lines, col, span, merge))
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


def _int_val(element: etree._Element | None, default: int) -> int:
    try:
        return int(element.get(f"{W}val", default)) if element is not None else default
    except ValueError:
        return default
