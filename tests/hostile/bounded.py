"""Issue 18's classes of hostile input, one generated case each: files that claim or hold far
more than they cost to make, and files that are not files at all.

    python tests/hostile/bounded.py OUTDIR      # write the cases to look at

Every case is built here at test time (the largest, a 41 MB notice, in a fraction of a
second), so the repository keeps none of them. ``CASES`` says how each is run — ``parse``
(the CLI on the file), ``batch`` (the CLI's batch over it) — with what extra ``--limit``
options, and the error code it must end with ("ok" for a notice that must parse). The test
(tests/test_hostile.py) runs each in a child process and holds it to ``SECONDS`` and
``PEAK_BYTES``.
"""

from __future__ import annotations

import bz2
import io
import os
import sys
import tarfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# What every case must stay under, measured in its own process.
SECONDS = 10.0
PEAK_BYTES = 1024**3

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAGE = "<html><head><meta charset='{charset}'></head><body><div class='content'>{body}</div></body></html>"


@dataclass(frozen=True)
class Case:
    """How one hostile input is made, run and judged."""

    make: Callable[[Path], Path]  # writes the input into a folder; returns its path
    code: str  # the error code it ends with, or "ok"
    command: str = "parse"  # "parse" or "batch"
    limits: tuple[str, ...] = field(default_factory=tuple)  # extra --limit NAME=VALUE


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _lazy(name: str, build: Callable[[], bytes]) -> Callable[[Path], Path]:
    return lambda folder: _write(name, build())(folder)


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    if not path.exists():
        os.mkfifo(path)
    return path


def _device(name: str) -> Callable[[Path], Path]:
    return lambda folder: Path(name)


# --- archives and DOCX --------------------------------------------------------------------


def _tar_claiming_a_terabyte() -> bytes:
    """A tar.bz2 whose first member, of a type tarfile does not know, declares 1 TB; 3 GB of
    zeros follow (300 bz2 streams of 10 MB each, 49 bytes apiece), so skipping the claim
    means decompressing them."""
    info = tarfile.TarInfo("huge.txt")
    info.type, info.size = b"Z", 10**12
    zeros = bz2.compress(b"\0" * (10 * 1024 * 1024), 9)
    return bz2.compress(info.tobuf(format=tarfile.GNU_FORMAT)) + zeros * 300


def _docx(document: str, parts: dict[str, str] | None = None, *, stored: bool = False, again: str = "") -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": what the case is made of
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
        if again:
            archive.writestr("word/document.xml", again)
    return buffer.getvalue()


def _body(inner: str) -> str:
    return f'<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>'


def _p(text: str, props: str = "") -> str:
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def _numbered(start: str, fmt: str, paragraphs: int) -> bytes:
    numpr = "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"
    numbering = (
        f"<w:numbering xmlns:w='{W}'><w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'>"
        f"<w:start w:val='{start}'/><w:numFmt w:val='{fmt}'/><w:lvlText w:val='%1.'/></w:lvl></w:abstractNum>"
        "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num></w:numbering>"
    )
    return _docx(_body(_p("任务", numpr) * paragraphs), {"word/numbering.xml": numbering})


def _big_document_xml(folder: Path) -> Path:
    """A DOCX whose document.xml is 190 MB, deflated to under 200 KB: written a megabyte at
    a time, so making it costs no memory."""
    path = folder / "big.docx"
    head = f'<w:document xmlns:w="{W}"><w:body>' + _p("一、任务") + "<w:p><w:r><w:t>"
    tail = "</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = ("监" * (1024 * 1024 // 3)).encode()
            for _ in range(190):
                part.write(chunk)
            part.write(tail.encode())
    return path


def _vmerge_down(rows: int) -> bytes:
    header = "<w:tr>" + _tc("序号") + _tc("工作任务") + _tc("牵头单位") + "</w:tr>"
    first = "<w:tr>" + _tc("1") + _tc("加强监管") + _tc("市公安局" * 2000, "<w:vMerge w:val='restart'/>") + "</w:tr>"
    rest = ("<w:tr>" + _tc("2") + _tc("加强监管") + _tc("", "<w:vMerge/>") + "</w:tr>") * rows
    return _docx(_body(f"<w:tbl>{header}{first}{rest}</w:tbl>"), stored=True)  # stored: no ratio to trip


def _grid_span() -> bytes:
    header = "<w:tr>" + _tc("序号") + _tc("工作任务", "<w:gridSpan w:val='2000000000'/>") + _tc("牵头单位") + "</w:tr>"
    return _docx(_body(f"<w:tbl>{header}<w:tr>{_tc('1')}{_tc('加强监管')}{_tc('市公安局')}</w:tr></w:tbl>"))


def _style_chain(count: int) -> bytes:
    styles = "".join(f"<w:style w:styleId='s{i}'><w:basedOn w:val='s{i + 1}'/></w:style>" for i in range(count))
    paragraphs = "".join(_p(f"任务{i}", f"<w:pStyle w:val='s{i}'/>") for i in range(count))
    return _docx(_body(paragraphs), {"word/styles.xml": f"<w:styles xmlns:w='{W}'>{styles}</w:styles>"})


# --- HTML and PDF -------------------------------------------------------------------------


def _page(body: str, charset: str = "utf-8") -> bytes:
    return _PAGE.format(charset=charset, body=body).encode()


def _codec_page(codec: str) -> bytes:
    return _page("<p>一、重点任务</p><p>（一）加强监管。（市公安局负责）</p>", codec)


def _span_grid() -> bytes:
    header = "<tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>"
    cells = "<td colspan='1000' rowspan='1000'>加强监管</td>" * 30
    return _page(f"<table>{header}" + f"<tr><td>1</td>{cells}</tr>" * 2000 + "</table>")


def _shared_content_pdf(pages: int, operators: int) -> bytes:
    """``pages`` pages drawing one deflated content stream of ``operators`` operators."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (1. Supervise.) Tj ET\n" + b"0 0 m\n" * operators, 9)
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(pages))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        3: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects.update({10 + i: page for i in range(pages)})
    out, offsets = bytearray(b"%PDF-1.4\n"), {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size, xref = max(objects) + 1, len(out)
    out += b"xref\n0 %d\n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


# --- text ---------------------------------------------------------------------------------


def _text(build: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: build().encode()


CASES: dict[str, Case] = {
    # Not files: a named pipe nobody writes to, endless devices.
    "fifo-parse": Case(_fifo, "empty-input"),
    "fifo-batch": Case(_fifo, "not-a-file", "batch"),
    "dev-zero-parse": Case(_device("/dev/zero"), "input-too-large"),
    "dev-urandom-parse": Case(_device("/dev/urandom"), "input-too-large"),
    "dev-zero-batch": Case(_device("/dev/zero"), "not-a-file", "batch", ("memory_bytes=100G",)),
    # Archives read by the batch's parent, and a DOCX's own zip.
    "tar-claims-a-terabyte": Case(_lazy("claim.tar.bz2", _tar_claiming_a_terabyte), "unsafe-archive", "batch"),
    "docx-two-documents": Case(
        _write("two.docx", _docx(_body(_p("一、第一")), again=_body(_p("一、第二")))), "unsafe-input"
    ),
    # DOCX amplification: each a few KB.
    "docx-190mb-document-xml": Case(_big_document_xml, "input-too-large"),
    "docx-numbering-letters": Case(
        _write("letters.docx", _numbered("2000000000", "lowerLetter", 50)), "input-too-large"
    ),
    "docx-numbering-overflow": Case(
        _write("overflow.docx", _numbered("9" * 4000, "upperLetter", 5)), "input-too-large"
    ),
    "docx-vmerge-20000-rows": Case(_lazy("vmerge.docx", lambda: _vmerge_down(20_000)), "input-too-large"),
    "docx-gridspan-2e9": Case(_write("gridspan.docx", _grid_span()), "input-too-large"),
    "docx-20000-chained-styles": Case(_lazy("styles.docx", lambda: _style_chain(20_000)), "input-too-large"),
    # HTML: codecs that are not text encodings are ignored (the page is read by detection).
    **{
        f"html-charset-{codec}": Case(_write(f"{codec}.html", _codec_page(codec)), "ok")
        for codec in ("rot13", "hex", "base64", "zlib", "undefined")
    },
    "html-50mb-page": Case(
        _lazy("big.html", lambda: _page("<p>加强监管（市公安局负责）。</p>" * 1_300_000)), "input-too-large"
    ),
    "html-span-grid": Case(_lazy("grid.html", _span_grid), "input-too-large"),
    "html-2m-character-references": Case(
        _lazy("refs.html", lambda: _page("<p>" + "&#x4e00;" * 2_000_000 + "</p>")), "ok"
    ),
    # PDF: two thousand pages drawing one stream of 3,000,000 operators.
    "pdf-shared-content-stream": Case(
        _lazy("shared.pdf", lambda: _shared_content_pdf(2000, 3_000_000)), "input-too-large"
    ),
    # Text.
    "text-1m-section-lines": Case(
        _lazy("sections.txt", _text(lambda: "".join(f"（{i % 999 + 1}）任务\n" for i in range(1_000_000)))),
        "input-too-large",
    ),
    "text-100k-nested-levels": Case(
        _lazy(
            "nested.txt",
            _text(
                lambda: (
                    "一、任务\n"
                    + "（" * 100_000
                    + "市公安局负责"
                    + "）" * 100_000
                    + "\n"
                    + "".join(">" * i + " 任务\n" for i in range(1, 1500))
                )
            ),
        ),
        "ok",
    ),
    "text-40000-unpunctuated-lines": Case(
        _lazy(
            "wrapped.txt",
            _text(
                lambda: (
                    "一、任务\n"
                    + "".join(f"加强监管开展专项整治行动落实主体{i % 7}{i % 3}{i % 11}\n" for i in range(40_000))
                )
            ),
        ),
        "ok",
    ),
    "text-30000-repeated-ids": Case(_lazy("repeated.txt", _text(lambda: "一、任务\n" * 30_000)), "ok"),
    # A notice of a million tasks (41 MB) is within every budget: what bounds it is the
    # deadline and memory cap ``parse`` takes, as batch's workers do.
    "text-1m-tasks-bounded": Case(
        _lazy(
            "tasks.txt",
            _text(lambda: "一、任务\n" + "".join(f"加强监管第{i}项（市公安局负责）。\n" for i in range(1_000_000))),
        ),
        "timeout",
        limits=("seconds=5", "memory_bytes=900M"),
    ),
}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/bounded.py OUTDIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, case in CASES.items():
        print(f"{name:34} {case.code:18} {case.make(out)}")
