"""The 任务分工台账 as tables: all tasks, each agency's tasks, and the documents.

These are the views an office works from: the whole division of labour, then per agency the
tasks it must lead, join or carry out. CSV and XLSX writers render the same tables.

>>> rows = [{"document": "a.txt", "section": "1.1", "headings": ["重点任务", "加强监管"],
...          "task": "1.1/1", "text": "加强监管。", "leads": ["市市场监管局"],
...          "participants": ["市公安局"], "responsible": []}]
>>> tasks_table(rows).rows[0]
[1, 'a.txt', '1.1 重点任务 › 加强监管', '加强监管。', '市市场监管局', '市公安局', '']
>>> [(name, t.rows[0][4]) for name, t in agency_tables(rows)]
[('市公安局', '配合'), ('市市场监管局', '牵头')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# Role columns of a task row → the word an office uses for the role.
ROLE_NAMES = {"leads": "牵头", "participants": "配合", "responsible": "负责"}
_LIST_SEPARATOR = "、"
_PATH_SEPARATOR = " › "


@dataclass
class Table:
    """A header and rows of cells."""

    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _section(row: Mapping[str, Any]) -> str:
    return f"{row['section']} {_PATH_SEPARATOR.join(row['headings'])}".strip()


# The headers of the tables; the ``*_cells`` functions give a row of each, so that a batch
# can stream rows of any number to disk without building a Table.
TASK_HEADER = ["序号", "文件", "章节", "任务内容", "牵头单位", "配合单位", "责任单位"]
AGENCY_HEADER = ["序号", "文件", "章节", "任务内容", "角色"]
AGENCY_LIST_HEADER = ["单位", "角色", "文件", "章节", "任务内容"]
DOCUMENT_HEADER = ["文件", "标题", "文号", "发文机关", "日期", "章节数", "任务数", "单位数", "诊断数"]


def task_cells(number: int, row: Mapping[str, Any]) -> list[Any]:
    """The tasks table's row of task ``row``, numbered ``number``."""
    return [
        number,
        row["document"],
        _section(row),
        row["text"],
        *(_LIST_SEPARATOR.join(row[column]) for column in ROLE_NAMES),
    ]


def agency_cells(row: Mapping[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """Each agency of task ``row`` and its unnumbered row in that agency's table (文件, 章节,
    任务内容, 角色)."""
    for column, role in ROLE_NAMES.items():
        for name in row[column]:
            yield name, [row["document"], _section(row), row["text"], role]


def document_cells(row: Mapping[str, Any]) -> list[Any]:
    """The documents table's row of document ``row``."""
    return [
        row["document"],
        row["title"] or "",
        row["doc_number"] or "",
        row["issuer"] or "",
        row["date"] or "",
        row["sections"],
        row["tasks"],
        row["agencies"],
        row["diagnostics"],
    ]


def tasks_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    """序号, 文件, 章节, 任务内容, 牵头单位, 配合单位, 责任单位: one row per task."""
    return Table(list(TASK_HEADER), [task_cells(number, row) for number, row in enumerate(rows, 1)])


def agency_tables(rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Table]]:
    """Each agency (by name, in name order) and the tasks it has, with its role in each."""
    by_agency: dict[str, list[list[Any]]] = defaultdict(list)
    for row in rows:
        for name, cells in agency_cells(row):
            by_agency[name].append(cells)
    for name in sorted(by_agency):
        yield name, Table(list(AGENCY_HEADER), [[number, *cells] for number, cells in enumerate(by_agency[name], 1)])


def agency_list_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    """单位, 角色, 文件, 章节, 任务内容: every agency's tasks in one long table (for CSV)."""
    table = Table(list(AGENCY_LIST_HEADER))
    for name, tasks in agency_tables(rows):
        table.rows.extend([name, role, document, section, text] for _, document, section, text, role in tasks.rows)
    return table


def documents_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    """文件, 标题, 文号, 发文机关, 日期, 章节数, 任务数, 单位数, 诊断数: one row per document."""
    return Table(list(DOCUMENT_HEADER), [document_cells(row) for row in rows])
