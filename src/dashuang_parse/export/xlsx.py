"""A streaming XLSX writer: sheets written one after another straight into the zip.

openpyxl's write-only mode keeps a temporary file open per sheet until the workbook is
saved, so a ledger of 1,100 agencies dies of "Too many open files", and its normal mode
holds every cell in memory. A workbook is a zip of XML parts; this writer streams each
sheet's rows into its part as they come (strings inline, numbers as numbers) and writes
the few parts that list the sheets at the end. Memory and open files stay the same for
ten rows or ten million.

>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with XlsxWriter(buffer) as book:
...     book.add_sheet("任务", ["序号", "任务"], [[1, "加强监管"], [2, "严格执法"]])
>>> sorted(zipfile.ZipFile(buffer).namelist())[-1]
'xl/worksheets/sheet1.xml'
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from types import TracebackType
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import regex

# Characters XML 1.0 cannot hold (controls other than tab and newlines, lone surrogates,
# U+FFFE/U+FFFF): a notice's text may carry them; they are dropped from cells.
_NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel's limit on the characters of one cell.
CELL_MAX = 32_767
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _column(index: int) -> str:
    """``A``…``Z``, ``AA``…: the letters of the 0-based column ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(reference: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"><v>{value}</v></c>'
    text = _NOT_XML.sub("", str(value))[:CELL_MAX]
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


class XlsxWriter:
    """A workbook written to ``target`` (a path or a binary file) sheet by sheet."""

    def __init__(self, target: str | IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.sheets: list[str] = []

    def add_sheet(self, name: str, header: list[str], rows: Iterable[list[Any]]) -> None:
        """Write one sheet: its (already valid and unique) ``name``, a header row, the rows."""
        self.sheets.append(name)
        part = f"xl/worksheets/sheet{len(self.sheets)}.xml"
        with self.zip.open(part, "w", force_zip64=True) as out:
            head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_NS}"><sheetData>'
            out.write(head.encode())
            buffer = [self._row(1, header)]
            for number, row in enumerate(rows, 2):
                buffer.append(self._row(number, row))
                if len(buffer) >= 512:
                    out.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            out.write(("".join(buffer) + "</sheetData></worksheet>").encode("utf-8"))

    @staticmethod
    def _row(number: int, row: list[Any]) -> str:
        cells = "".join(_cell(f"{_column(i)}{number}", value) for i, value in enumerate(row))
        return f'<row r="{number}">{cells}</row>'

    def close(self) -> None:
        """Write the parts that list the sheets, and close the zip."""
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(self.sheets, 1)
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        styles_id = len(self.sheets) + 1
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        parts = {
            "[Content_Types].xml": f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>{overrides}</Types>',
            "_rels/.rels": f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><sheets>{sheets}</sheets></workbook>',
            "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG_REL}">{rels}<Relationship '
            f'Id="rId{styles_id}" Type="{_DOC_REL}/styles" Target="styles.xml"/></Relationships>',
            "xl/styles.xml": f'<styleSheet xmlns="{_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
            '</font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="1"><xf/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        }
        for name, content in parts.items():
            self.zip.writestr(name, head + content)
        self.zip.close()

    def __enter__(self) -> XlsxWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.zip.close()
