"""Writing the ledger tables of a batch: CSV files (UTF-8 with BOM) and one XLSX workbook.

The rows are read from the batch's JSON Lines files as they are written, never held all
at once: the tasks and documents tables stream straight through, and each agency's tasks
are grouped in a SQLite file beside the outputs (sorted on disk, by agency then order met),
so a batch of any size builds its ledgers in the same memory.

A workbook gives each agency a sheet up to ``AGENCY_SHEETS`` agencies (those with the most
tasks); the others share one sheet, ``REST_SHEET``, with the agency in its first column —
Excel slows to a crawl long before a workbook of 20,000 sheets opens.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

from .ledger import (
    AGENCY_HEADER,
    AGENCY_LIST_HEADER,
    DOCUMENT_HEADER,
    TASK_HEADER,
    agency_cells,
    document_cells,
    task_cells,
)
from .output import open_atomic, temp_path
from .xlsx import XlsxWriter

CSV_NAMES = ("tasks.csv", "agencies.csv", "documents.csv")
WORKBOOK = "tasks.xlsx"
# Agencies given a sheet of their own in the workbook; the rest share REST_SHEET.
AGENCY_SHEETS = 200
REST_SHEET = "其他单位"
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


def _guarded(rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    return ([_cell(value) for value in row] for row in rows)


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


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


class _AgencyRows:
    """Each agency's rows, on disk: added in the order met, read back by agency."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, agency TEXT, cells TEXT)")

    def fill(self, tasks: Path) -> None:
        batch: list[tuple[str, str]] = []
        for row in _lines(tasks):
            batch.extend((name, json.dumps(cells, ensure_ascii=False)) for name, cells in agency_cells(row))
            if len(batch) >= 1_000:
                self.db.executemany("INSERT INTO rows (agency, cells) VALUES (?, ?)", batch)
                batch.clear()
        self.db.executemany("INSERT INTO rows (agency, cells) VALUES (?, ?)", batch)
        self.db.execute("CREATE INDEX by_agency ON rows (agency, seq)")

    def agencies(self) -> list[tuple[str, int]]:
        """Each agency and its row count, in name order (code point order, as ``sorted``)."""
        return self.db.execute("SELECT agency, COUNT(*) FROM rows GROUP BY agency ORDER BY agency").fetchall()

    def rows(self, agency: str | None = None) -> Iterator[tuple[str, list[Any]]]:
        """(agency, cells) of one agency, or of all by agency."""
        if agency is None:
            cursor = self.db.execute("SELECT agency, cells FROM rows ORDER BY agency, seq")
        else:
            cursor = self.db.execute("SELECT agency, cells FROM rows WHERE agency = ? ORDER BY seq", (agency,))
        for name, cells in cursor:
            yield name, json.loads(cells)

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


def write_ledgers(outdir: Path, tasks: Path, documents: Path, *, with_csv: bool, with_xlsx: bool) -> list[Path]:
    """The ledgers of a batch from its rows (``tasks``/``documents``: JSON Lines files):
    tasks.csv, agencies.csv and documents.csv ``with_csv``, tasks.xlsx ``with_xlsx``.
    Returns the paths written."""
    if not (with_csv or with_xlsx):
        return []
    agencies = _AgencyRows(temp_path(outdir / "agencies.sqlite"))
    try:
        agencies.fill(tasks)
        written = _write_csvs(outdir, tasks, documents, agencies) if with_csv else []
        if with_xlsx:
            written.append(_write_workbook(outdir / WORKBOOK, tasks, documents, agencies))
        return written
    finally:
        agencies.close()


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> Path:
    with open_atomic(path) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        # The BOM makes Excel read the file as UTF-8 rather than the system's ANSI code page.
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(_guarded(rows))
        out.flush()
        out.detach()  # the atomic writer closes the file itself
    return path


def _write_csvs(outdir: Path, tasks: Path, documents: Path, agencies: _AgencyRows) -> list[Path]:
    task_rows = (task_cells(number, row) for number, row in enumerate(_lines(tasks), 1))
    agency_rows = ([name, cells[3], *cells[:3]] for name, cells in agencies.rows())
    return [
        _write_csv(outdir / "tasks.csv", TASK_HEADER, task_rows),
        _write_csv(outdir / "agencies.csv", AGENCY_LIST_HEADER, agency_rows),
        _write_csv(outdir / "documents.csv", DOCUMENT_HEADER, (document_cells(row) for row in _lines(documents))),
    ]


def _write_workbook(path: Path, tasks: Path, documents: Path, agencies: _AgencyRows) -> Path:
    """The 任务分工台账 workbook: 任务分工 (all tasks), 文件 (documents), a sheet per agency
    (the ``AGENCY_SHEETS`` with most tasks, in name order), then the rest in one sheet."""
    counts = agencies.agencies()
    ranked = sorted(counts, key=lambda entry: (-entry[1], entry[0]))
    own = {name for name, _ in ranked[:AGENCY_SHEETS]}
    taken: set[str] = set()
    with open_atomic(path) as out, XlsxWriter(out) as book:
        task_rows = (task_cells(number, row) for number, row in enumerate(_lines(tasks), 1))
        book.add_sheet(sheet_name("任务分工", taken), TASK_HEADER, _guarded(task_rows))
        document_rows = (document_cells(row) for row in _lines(documents))
        book.add_sheet(sheet_name("文件", taken), DOCUMENT_HEADER, _guarded(document_rows))
        for name, _ in counts:
            if name in own:
                rows = ([number, *cells] for number, (_, cells) in enumerate(agencies.rows(name), 1))
                book.add_sheet(sheet_name(name, taken), AGENCY_HEADER, _guarded(rows))
        if len(counts) > len(own):
            rest = ([name, *cells] for name, cells in agencies.rows() if name not in own)
            book.add_sheet(sheet_name(REST_SHEET, taken), ["单位", *AGENCY_HEADER[1:]], _guarded(rest))
    return path
