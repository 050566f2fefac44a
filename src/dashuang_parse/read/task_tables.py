"""Tables → lines: a 任务分工表 becomes one task line a row, other tables one line a row.

Many 分工方案 put their tasks in a table: 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限.
The parser reads tasks as a clause followed by an owner parenthetical, so each data row is
written the way such notices write them in prose::

    3. 开展专项整治（牵头单位：市公安局；配合单位：市市场监管局；完成时限：2024年底）

The header words are data (``data/task_table_headers.txt``). The readers of each format
(DOCX, HTML, tab-separated text) build the grid of ``Row``s and ``Cell``s; merged cells are
resolved there: a cell continuing a vertical merge shows the value above it (a lead shared
by several rows), with ``merge`` "continue". A row that is one cell spanning the table is a
section heading and is written as it stands. The 完成时限 stays inside the parenthetical,
where the parser keeps it in the responsibility text and out of the owners. Tables without
such a header (forms, layout tables) give a line a row, cells joined by a space, and a row
of one cell gives a line a paragraph.

>>> header = Row([Cell(["序号"], 0), Cell(["工作任务"], 1), Cell(["牵头单位"], 2), Cell(["配合单位"], 3)])
>>> row = Row([Cell(["1"], 0), Cell(["加强监管"], 1), Cell(["市公安局"], 2), Cell(["市商务局", "市农业局"], 3)])
>>> table_lines([header, row])
['1.加强监管（牵头单位：市公安局；配合单位：市商务局、市农业局）']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import regex

from ..core.errors import InputTooLarge
from ..core.lexicon import data_lines
from ..core.limits import Limits
from ..core.roles import line_label

_HEADER_FILE = "task_table_headers.txt"
# The header is one of the first rows (a title row spanning the table may come first).
HEADER_REACH = 3
OWNER_ROLES = ("lead_first", "lead", "responsible", "partner")
_TASK_ROLES = ("task", "detail")
# How each owner role is labelled in the line, in the order written.
_OWNER_LABELS = {
    "lead": line_label("lead"),
    "responsible": line_label("responsible"),
    "partner": line_label("participant"),
}
_DEADLINE_LABEL = "完成时限"
# What a 序号 cell holds, and the marker written for it.
_NUMBER_FORMS = (
    (regex.compile(r"^\d+$"), "{}."),  # 3 → "3."
    (regex.compile(r"^[一二三四五六七八九十百〇零]+$"), "{}、"),  # 三 → "三、"
    (regex.compile(r"^.*[.．、）)]$"), "{}"),  # "3." or "（三）" already carry their punctuation
)
# The rule under a markdown table's header:  |---|:---:|
_MARKDOWN_RULE = regex.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?(?:-{3,}:?)?\s*$")
# Punctuation trimmed from the end of an owner cell's lines before they are joined with 、.
_OWNER_TRIM = "，,、；;。 "
# What separates the owners listed in one cell line (outside brackets): 市民政局、市卫生健康委，各区.
_OWNER_SEPARATORS = "、，,；;"
_OPEN, _CLOSE = "（(〔【[", "）)〕】]"
# What an owner cell holds when it names no one.
_NO_OWNER = ("/", "—", "-", "无", "")


@dataclass
class Cell:
    """A cell: the lines of its content, its first grid column and how many it spans."""

    lines: list[str]
    col: int
    span: int = 1
    merge: str | None = None  # "restart", "continue" (shows the value above) or None

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class Row:
    """A table row: its cells, in grid order."""

    cells: list[Cell] = field(default_factory=list)

    def at(self, col: int) -> Cell | None:
        return next((cell for cell in self.cells if cell.col <= col < cell.col + cell.span), None)


class TableBudget:
    """What the tables of one document may cost, counted as their grids are laid out: the
    cells of one table's grid (``table_cells``: a merged cell counts for every cell it
    covers, so a ``gridSpan`` of two billion is refused before a column is laid out) and the
    characters merges copy (``text_chars``: a cell continued down twenty thousand rows shows
    its text in each of them; text that is not copied is bounded by the file's bytes).
    ``InputTooLarge`` names the limit.

    >>> budget = TableBudget(Limits(table_cells=10))
    >>> budget.cover(0, 4)
    4
    >>> try:
    ...     budget.cover(4, 8)
    ... except InputTooLarge as error:
    ...     print(error.message)
    a table's grid has more than 10 cells (limit table_cells)
    """

    def __init__(self, limits: Limits) -> None:
        self.max_cells, self.max_chars = limits.table_cells, limits.text_chars
        self.copied = 0

    def cover(self, cells: int, more: int) -> int:
        """The cells of a table's grid so far, ``cells``, and ``more`` (a cell's span) once
        they are known to be within the limit."""
        cells += more
        if cells > self.max_cells:
            raise InputTooLarge(f"a table's grid has more than {self.max_cells} cells (limit table_cells)")
        return cells

    def copy(self, lines: list[str]) -> list[str]:
        """A copy of a merged cell's ``lines`` for another row, its characters counted."""
        self.copied += sum(map(len, lines))
        if self.copied > self.max_chars:
            message = (
                f"merged cells copy more than {self.max_chars} characters into the rows they span (limit text_chars)"
            )
            raise InputTooLarge(message)
        return list(lines)


@cache
def header_roles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(role, header words) from the data file, in the order a header cell is tried; a word
    written ``=部门`` matches only a whole cell.

    >>> dict(header_roles())["lead"][:2]
    ('牵头单位', '牵头部门')
    """
    lines = [line.split() for line in data_lines(_HEADER_FILE)]
    return tuple((role, tuple(words)) for role, *words in lines)


def header_role(text: str) -> str | None:
    """The role of a header cell, compared with whitespace removed.

    >>> [header_role(x) for x in ("部  门", "部门职责", "责任单位（第一位为牵头单位）", "进展情况", "市公安局")]
    ['responsible', None, 'lead_first', 'note', None]
    """
    compact = "".join(text.split())
    if not compact:
        return None
    for role, words in header_roles():
        for word in words:
            if compact == word[1:] if word.startswith("=") else word in compact:
                return role
    return None


def is_task_header(roles: Iterable[str]) -> bool:
    """Whether header columns with these roles make a task table: a task and an owner column."""
    found = set(roles)
    return bool(found.intersection(_TASK_ROLES)) and bool(found.intersection(OWNER_ROLES))


def split_owners(text: str) -> list[str]:
    """The owners listed in a cell line, split at 、，； outside brackets.

    >>> split_owners("市民政局、市卫生健康委，各区（新区、合作区）")
    ['市民政局', '市卫生健康委', '各区（新区、合作区）']
    """
    names: list[str] = []
    depth, start = 0, 0
    for at, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in _OWNER_SEPARATORS and depth == 0:
            names.append(text[start:at])
            start = at + 1
    names.append(text[start:])
    return [name.strip() for name in names if name.strip() not in _NO_OWNER]


def table_lines(rows: list[Row]) -> list[str]:
    """The lines of a table given as its grid of rows."""
    lines = task_lines(rows)
    return plain_lines(rows) if lines is None else lines


def has_task_header(rows: list[Row]) -> bool:
    """Whether the header among the first rows (``HEADER_REACH``) makes a task table."""
    return _find_header(rows) is not None


def task_lines(rows: list[Row]) -> list[str] | None:
    """The lines of a task table, or None when the table has no task table header."""
    found = _find_header(rows)
    if found is None:
        return None
    first, last, roles = found
    title = [line for row in rows[:first] for line in plain_lines([row])]  # a title row above the header
    return title + _task_lines(rows[last:], roles)


def text_tables(text: str) -> str:
    """``text`` with each 任务分工表 written as text (tab-separated lines, as browsers and
    Word copy a table, a markdown ``| … |`` table, or columns aligned with spaces) turned
    into a task line a row; everything else as it was.

    A line that is not a table row between two rows is a heading row of the table. In a
    space-aligned table (cells separated by two or more spaces or a full-width space) each
    cell goes to the header column that starts nearest to it, so an empty cell leaves its
    column empty instead of moving the cells after it.

    >>> text_tables("附件\\n序号\\t工作任务\\t牵头单位\\n1\\t加强监管\\t市公安局\\n二、宣传\\n2\\t宣传\\t宣传部")
    '附件\\n1.加强监管（牵头单位：市公安局）\\n二、宣传\\n2.宣传（牵头单位：宣传部）'
    >>> text_tables("| 序号 | 工作任务 | 责任单位 |\\n|---|:---|---|\\n| 1 | 加强监管 | 市公安局 |")
    '1.加强监管（责任单位：市公安局）'
    >>> text_tables("序号  工作任务    牵头单位  配合单位\\n"
    ...             "1     加强监管              市商务局\\n2     开展宣传    宣传部")
    '1.加强监管（配合单位：市商务局）\\n2.开展宣传（牵头单位：宣传部）'
    """
    if "\t" not in text and "|" not in text and "  " not in text and "\u3000" not in text:
        return text
    lines = text.split("\n")
    cells = [_table_cells(line) for line in lines]
    out: list[str] = []
    at = 0
    while at < len(lines):
        if cells[at] is None:
            out.append(lines[at])
            at += 1
            continue
        end = at + 1  # the table goes on over rows, and over single lines between two rows
        while end < len(lines) and (cells[end] is not None or (end + 1 < len(lines) and cells[end + 1] is not None)):
            end += 1
        first = cells[at]
        starts = first[0] if first is not None else None
        rows = [
            _text_row(row_cells, line, starts)
            for line, row_cells in zip(lines[at:end], cells[at:end])
            if not _MARKDOWN_RULE.match(line.strip())
        ]
        converted = task_lines(rows)
        out.extend(lines[at:end] if converted is None else converted)
        at = end
    return "\n".join(out)


def _text_row(row_cells: tuple[list[int] | None, list[str]] | None, line: str, starts: list[int] | None) -> Row:
    """A row of a text table; a line that is no row is a heading (one cell)."""
    if row_cells is None:
        return Row([Cell([line.strip()], 0)])
    positions, texts = row_cells
    if positions is None or starts is None:
        return Row([Cell([cell], col) for col, cell in enumerate(texts)])
    cols: dict[int, list[str]] = {}
    for position, cell in zip(positions, texts):
        col = min(range(len(starts)), key=lambda i: abs(starts[i] - position))
        cols.setdefault(col, []).append(cell)
    return Row([Cell(["".join(parts)], col) for col, parts in sorted(cols.items())])


def _table_cells(line: str) -> tuple[list[int] | None, list[str]] | None:
    """The cells of a line that is a table row written as text, else None; for a
    space-aligned row also where each cell starts (in half-width columns)."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return None, [cell.strip() for cell in stripped[1:-1].split("|")]
    if "\t" in stripped:
        return None, [cell.strip() for cell in stripped.split("\t")]
    if "  " in stripped or "\u3000" in stripped:
        return _spaced_cells(line.rstrip())
    return None


# Two or more spaces, or a full-width one: the gap between two cells of a space-aligned row.
_CELL_GAP = regex.compile(r"(?: {2,}|\u3000+)[ \u3000]*")


def _spaced_cells(line: str) -> tuple[list[int], list[str]] | None:
    positions: list[int] = []
    texts: list[str] = []
    at = 0
    for piece in _CELL_GAP.split(line):
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            positions.append(_width(line[: at + lead]))
            texts.append(piece.strip())
        at += len(piece)
        gap = _CELL_GAP.match(line, at)
        if gap:
            at = gap.end()
    return (positions, texts) if len(texts) >= 2 else None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _roles(row: Row) -> dict[int, str]:
    """Grid column → role of a row read as a header."""
    roles: dict[int, str] = {}
    for cell in row.cells:
        role = header_role(cell.text)
        if role:
            roles.update(dict.fromkeys(range(cell.col, cell.col + cell.span), role))
    return roles


def _find_header(rows: list[Row]) -> tuple[int, int, dict[int, str]] | None:
    """(index of the first and last header rows, column roles) when the table is a task table."""
    for index, row in enumerate(rows[:HEADER_REACH]):
        roles = _roles(row)
        if is_task_header(roles.values()):
            below = rows[index + 1] if index + 1 < len(rows) else None
            if below is not None and _is_header_row(below):  # 责任单位 over 牵头 | 配合
                roles.update(_roles(below))
                return index, index + 1, task_columns(roles)
            return index, index, task_columns(roles)
    return None


def task_columns(roles: dict[int, str]) -> dict[int, str]:
    """Column roles with the task text decided: a detail column (具体内容) beside a task
    column (重点任务) is the task text and the broader column is left out ("topic"); a
    detail column alone is the task column.

    >>> task_columns({0: "number", 1: "task", 2: "detail", 3: "lead_first"})
    {0: 'number', 1: 'topic', 2: 'task', 3: 'lead_first'}
    """
    if "detail" not in roles.values():
        return roles
    broader = "topic" if "task" in roles.values() else "task"
    return {col: "task" if role == "detail" else broader if role == "task" else role for col, role in roles.items()}


def _is_header_row(row: Row) -> bool:
    texts = [cell.text for cell in row.cells if cell.text.strip() and cell.merge != "continue"]
    return bool(texts) and all(header_role(text) for text in texts)


def _is_heading(row: Row) -> bool:
    """A row that is one cell spanning the table, or whose wide first cell is all it says."""
    first, rest = row.cells[0], row.cells[1:]
    return bool(first.text.strip()) and (not rest or (first.span > 1 and not any(c.text.strip() for c in rest)))


def rows_lines(rows: list[Row], roles: dict[int, str]) -> list[str]:
    """A line a data row, the columns' roles given (a reader that found the header itself:
    ``flat_tables``); ``rows`` starts with the header row."""
    return _task_lines(rows, roles)


def _task_lines(rows: list[Row], roles: dict[int, str]) -> list[str]:
    """A line a data row; ``rows`` starts with the (last) header row."""
    lines: list[str] = []
    header_texts = [cell.text for cell in rows[0].cells]
    counter = 0
    for row in rows[1:]:
        if not any(cell.text.strip() for cell in row.cells if cell.merge != "continue"):
            continue  # empty, or only what merged cells above carry down
        if [cell.text for cell in row.cells] == header_texts:
            continue  # the header repeated where the table crosses a page
        if _is_heading(row):
            lines.append(row.cells[0].text.strip())
            continue
        if not _column_text(row, roles, "task"):
            lines.extend(plain_lines([row]))  # 合计, 备注: a row with no task
            continue
        if "number" not in roles.values():
            # No 序号 column: the rows are tasks of the section the table sits in, not
            # numbered sections of their own (annotation.md › Tables).
            lines.append(_task_text(row, roles))
            continue
        counter += 1
        number = _column_text(row, roles, "number", own_only=True)
        if number.isdigit():
            counter = int(number)
        lines.append(_number_marker(number, counter) + _task_text(row, roles))
    return lines


def _task_text(row: Row, roles: dict[int, str]) -> str:
    task = "：".join(cell.text.strip() for cell in _cells(row, roles, "task") if cell.text.strip())
    owners = {role: _owners(row, roles, role) for role in _OWNER_LABELS}
    first = _owners(row, roles, "lead_first")
    if first:  # 责任单位（第一位为牵头单位）: the first listed leads, the others take part
        owners["lead"] = owners["lead"] + first[:1]
        owners["partner"] = first[1:] + owners["partner"]
    parts = [
        f"{_OWNER_LABELS[role]}：{'、'.join(owners[role])}"
        for role in ("lead", "responsible", "partner")
        if owners[role]
    ]
    deadline = _column_text(row, roles, "deadline")
    if deadline:
        parts.append(f"{_DEADLINE_LABEL}：{deadline}")
    return f"{task}（{'；'.join(parts)}）" if parts else task


def _cells(row: Row, roles: dict[int, str], role: str) -> list[Cell]:
    return [cell for cell in row.cells if roles.get(cell.col) == role]


def _column_text(row: Row, roles: dict[int, str], role: str, *, own_only: bool = False) -> str:
    """Text of a row's cells in a role's columns; ``own_only`` ignores text a merge copied down."""
    cells = [cell for cell in _cells(row, roles, role) if not (own_only and cell.merge == "continue")]
    return "".join(cell.text.strip() for cell in cells)


def _owners(row: Row, roles: dict[int, str], role: str) -> list[str]:
    """The owners in a role's cells: a cell often lists one agency a paragraph, or several
    in a line separated by 、 or ，."""
    return [
        name
        for cell in _cells(row, roles, role)
        for line in cell.lines
        for name in split_owners(line.strip().rstrip(_OWNER_TRIM))
    ]


def _number_marker(number: str, counter: int) -> str:
    if not number:
        return f"{counter}."
    for pattern, form in _NUMBER_FORMS:
        if pattern.match(number):
            return form.format(number)
    return number + " "


def plain_lines(rows: list[Row]) -> list[str]:
    """A line a row, cells joined by a space; a one-cell row gives a line a paragraph."""
    lines: list[str] = []
    for row in rows:
        cells = [cell for cell in row.cells if cell.merge != "continue" and cell.text.strip()]
        if len(cells) == 1:
            lines.extend(line for line in cells[0].lines if line.strip())
        elif cells:
            lines.append(" ".join(cell.text.strip() for cell in cells))
    return lines
