"""Writing the ledger tables: CSV files (UTF-8 with BOM) and one XLSX workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from .ledger import Table, agency_list_table, agency_tables, documents_table, tasks_table
from .output import write_atomic, write_atomic_bytes

# Characters Excel refuses in a sheet name, and its length limit.
_SHEET_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
# Cells starting with these are run as formulas by spreadsheet programs; a notice's text
# never means one, so such cells get an invisible guard character in front.
_FORMULA_START = ("=", "+", "-", "@")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "\u200b" + value  # a zero-width space: shown the same, never evaluated
    return value


def _csv_text(table: Table) -> str:
    out = io.StringIO()
    # The BOM makes Excel read the file as UTF-8 rather than the system's ANSI code page.
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return out.getvalue()


def write_csv(outdir: Path, tasks: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]]) -> list[Path]:
    """tasks.csv, agencies.csv and documents.csv in ``outdir``; returns their paths."""
    tables = {
        "tasks.csv": tasks_table(tasks),
        "agencies.csv": agency_list_table(tasks),
        "documents.csv": documents_table(documents),
    }
    paths = []
    for name, table in tables.items():
        write_atomic(outdir / name, _csv_text(table))
        paths.append(outdir / name)
    return paths


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for ``name``.

    >>> taken = set(); sheet_name("市公安局", taken), sheet_name("市公安局", taken)
    ('市公安局', '市公安局 (2)')
    """
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "_"
    candidate, number = base[:_SHEET_MAX], 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: _SHEET_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def write_xlsx(path: Path, tasks: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]]) -> Path:
    """The 任务分工台账 workbook: 任务分工 (all tasks), 文件 (documents), then a sheet per agency."""
    from openpyxl import Workbook  # imported here: only this export needs it

    book = Workbook(write_only=True)
    taken: set[str] = set()
    sheets = [("任务分工", tasks_table(tasks)), ("文件", documents_table(documents)), *agency_tables(tasks)]
    for name, table in sheets:
        sheet = book.create_sheet(sheet_name(name, taken))
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic_bytes(path, buffer.getvalue())
    return path
