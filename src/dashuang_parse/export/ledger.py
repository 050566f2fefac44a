"""The 任务分工台账 as tables: all tasks, each agency's tasks, and the documents.

These are the views an office works from: the whole division of labour, then per agency the
tasks it must lead, join or carry out. CSV and XLSX writers render the same tables.

>>> rows = [{"document": "a.txt", "doc_number": "卫政办发〔2017〕1号", "title": "工作方案",
...          "jurisdiction": "中卫市", "section": "1.1", "headings": ["重点任务", "加强监管"],
...          "task": "1.1/1", "text": "加强监管。", "leads": ["市市场监管局"],
...          "participants": ["市公安局"], "responsible": [],
...          "deadline": {"as_written": "6月底前", "date": "2017-06-30"},
...          "owners": [{"name": "市市场监管局", "canonical": "市市场监督管理局", "jurisdiction": "中卫市",
...                      "role": "lead"},
...                     {"name": "市公安局", "canonical": "市公安局", "jurisdiction": "中卫市",
...                      "role": "participant"}]}]
>>> tasks_table(rows).rows[0][2:4], tasks_table(rows).rows[0][-1]
(['卫政办发〔2017〕1号', '工作方案'], '6月底前（2017-06-30）')
>>> [(name, t.rows[0][4]) for name, t in agency_tables(rows)]
[('中卫市 公安局', '配合'), ('中卫市 市场监督管理局', '牵头')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .agency_index import ROLE_LABELS, row_bodies

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
TASK_HEADER = ["序号", "文件", "文号", "标题", "章节", "任务内容", "牵头单位", "配合单位", "责任单位", "完成时限"]
AGENCY_HEADER = ["序号", "文件", "章节", "任务内容", "角色"]
AGENCY_LIST_HEADER = ["单位", "角色", "文件", "章节", "任务内容"]
DOCUMENT_HEADER = ["文件", "标题", "文号", "发文机关", "日期", "章节数", "任务数", "单位数", "诊断数"]


def _deadline(row: Mapping[str, Any]) -> str:
    """完成时限 as written, with the date it resolves to when that is not written out:
    6月底（2022-06-30）; 每月25日前; 持续推进."""
    deadline = row.get("deadline")
    if not deadline:
        return ""
    written, date = deadline["as_written"], deadline.get("date")
    return f"{written}（{date}）" if date and date not in written else written


def task_cells(number: int, row: Mapping[str, Any]) -> list[Any]:
    """The tasks table's row of task ``row``, numbered ``number``."""
    return [
        number,
        row["document"],
        row.get("doc_number") or "",
        row.get("title") or "",
        _section(row),
        row["text"],
        *(_LIST_SEPARATOR.join(row[column]) for column in ROLE_NAMES),
        _deadline(row),
    ]


def agency_cells(row: Mapping[str, Any], *, merge_successors: bool = False) -> Iterator[tuple[str, list[Any]]]:
    """Each body of task ``row`` (its label: 中卫市 公安局) and its unnumbered row in that body's
    table (文件, 章节, 任务内容, 角色), a body once per role (``agency_index.row_bodies``)."""
    for group, _, role, first in row_bodies(row, merge_successors=merge_successors):
        if first:
            yield group.label, [row["document"], _section(row), row["text"], ROLE_LABELS[role]]


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
    """序号, 文件, 文号, 标题, 章节, 任务内容, 牵头单位, 配合单位, 责任单位, 完成时限: one row per task."""
    return Table(list(TASK_HEADER), [task_cells(number, row) for number, row in enumerate(rows, 1)])


def agency_tables(rows: Iterable[Mapping[str, Any]], *, merge_successors: bool = False) -> Iterator[tuple[str, Table]]:
    """Each body (by its group's label, in label order) and the tasks it has, with its role
    in each (see ``agency_cells``)."""
    by_body: dict[str, list[list[Any]]] = defaultdict(list)
    for row in rows:
        for label, cells in agency_cells(row, merge_successors=merge_successors):
            by_body[label].append(cells)
    for label in sorted(by_body):
        yield label, Table(list(AGENCY_HEADER), [[number, *cells] for number, cells in enumerate(by_body[label], 1)])


def agency_list_table(rows: Iterable[Mapping[str, Any]], *, merge_successors: bool = False) -> Table:
    """单位, 角色, 文件, 章节, 任务内容: every body's tasks in one long table (for CSV)."""
    table = Table(list(AGENCY_LIST_HEADER))
    for name, tasks in agency_tables(rows, merge_successors=merge_successors):
        table.rows.extend([name, role, document, section, text] for _, document, section, text, role in tasks.rows)
    return table


def documents_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    """文件, 标题, 文号, 发文机关, 日期, 章节数, 任务数, 单位数, 诊断数: one row per document."""
    return Table(list(DOCUMENT_HEADER), [document_cells(row) for row in rows])
