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
from .task_tables import Cell, Row, TableBudget

# What a cell's content reads as: the lines of its paragraphs (and nested tables).
CellReader = Callable[[etree._Element], list[str]]


def table_lines(table: etree._Element, read_cell: CellReader, budget: TableBudget) -> list[str]:
    """The lines of a ``w:tbl``; ``read_cell`` gives the lines of a ``w:tc``'s content;
    ``budget`` counts the grid's cells and text as they are laid out."""
    rows = _grid(table, read_cell, budget)
    return task_tables.table_lines(rows)


def _grid(table: etree._Element, read_cell: CellReader, budget: TableBudget) -> list[Row]:
    """Rows with each cell's grid column; vertically merged cells take the text above."""
    rows: list[Row] = []
    cells = 0  # the grid's cells so far
    for tr in _children(table, "tr"):
        row = Row()
        col = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        cells = budget.cover(cells, max(col, 0))
        for tc in _children(tr, "tc"):
            props = tc.find(f"{W}tcPr")
            span = max(_int_val(props.find(f"{W}gridSpan") if props is not None else None, 1), 1)
            cells = budget.cover(cells, span)
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            merge = None if vmerge is None else ("restart" if vmerge.get(f"{W}val") == "restart" else "continue")
            lines = read_cell(tc)
            if merge == "continue" and rows:
                above = rows[-1].at(col)
                lines = budget.copy(above.lines) if above is not None else lines
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
