"""The hostile set: files a crawler might save, each with the outcome it must have.

    python tests/hostile/make.py OUTDIR     # write the set (the tests build it in a temp folder)

Every file is made here from code, so the set needs no binary fixtures in the repository
and a 50 MB file costs nothing to keep. ``EXPECTED`` says, for each file, either the error
code reading it must raise, or ``ok`` with the diagnostic codes the Document must carry.
Archives are checked through the batch (their members' codes), other files through
``parse_file``.
"""

from __future__ import annotations

import io
import sys
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NOTICE = (
    "关于印发工作要点的通知\n一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n"
    "（二）严格执法。（市公安局负责）\n"
)

# Entity declarations no reader may expand (shared with the readers' own tests).
LAUGHS_DTD = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
XXE_DTD = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@dataclass(frozen=True)
class Expected:
    """An error code, or "ok" with the diagnostic codes the Document must hold."""

    code: str
    diagnostics: frozenset[str] = field(default_factory=frozenset)
    members: dict[str, str] = field(default_factory=dict)  # archives: member key → code


def _html(body: str, head: str = "") -> bytes:
    page = f"<html><head><meta charset='utf-8'></head><body><div class='content'>{body}</div></body></html>"
    return (head + page).encode()


def _docx(document: bytes | None, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        if document is not None:
            archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _document_xml(paragraphs: list[str], doctype: str = "") -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{declaration}{doctype}<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode()


def _pdf(text_layer: bool = True) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True)
    for _ in range(3):
        if text_layer:
            canvas.setFont("STSong-Light", 12)
            for i, line in enumerate(NOTICE.splitlines()):
                canvas.drawString(72, 720 - 20 * i, line)
        else:  # a scan: pictures of text, no characters
            for i in range(20):
                canvas.rect(72, 720 - 20 * i, 300, 8, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _nested_tables() -> bytes:
    """A page of tables nested 30 deep, each cell opening the next (found by the fuzz
    target: reading each table twice doubled the work at every level)."""
    table = "一、任务"
    for _ in range(30):
        table = f"<table><tr><td>索引号：</td><td>{table}</td></tr></table>"
    return _html(f"<p>（一）加强监管。（市公安局负责）</p>{table}")


def _future_zip(data: bytes) -> bytes:
    """``data`` (a zip) with every central directory entry asking for zip version 6.4, which
    the stdlib refuses with NotImplementedError, not BadZipFile (found by the fuzz target)."""
    patched = bytearray(data)
    at = patched.find(b"PK\x01\x02")
    while at >= 0:
        patched[at + 6 : at + 8] = (64).to_bytes(2, "little")  # version needed to extract
        at = patched.find(b"PK\x01\x02", at + 4)
    return bytes(patched)


def _tar_with_link() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        good = tarfile.TarInfo("good.txt")
        data = NOTICE.encode()
        good.size = len(data)
        archive.addfile(good, io.BytesIO(data))
        link = tarfile.TarInfo("passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    return buffer.getvalue()


# name → (maker, expected outcome)
HOSTILE: dict[str, tuple[Callable[[], bytes], Expected]] = {
    "billion-laughs.html": (lambda: _html("<p>&lol9;</p>", LAUGHS_DTD), Expected("unsafe-input")),
    "external-entity.html": (lambda: _html("<p>&xxe;</p>", XXE_DTD), Expected("unsafe-input")),
    "external-entity.docx": (
        lambda: _docx(_document_xml(["&xxe;"], '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')),
        Expected("unsafe-input"),
    ),
    "billion-laughs.docx": (lambda: _docx(_document_xml(["&lol9;"], LAUGHS_DTD)), Expected("unsafe-input")),
    "missing-document-xml.docx": (lambda: _docx(None, {"word/styles.xml": b"<styles/>"}), Expected("corrupt-file")),
    "not-a-docx.docx": (lambda: _zip({"a.txt": NOTICE.encode()}), Expected("corrupt-file")),
    "docx-bomb.docx": (
        lambda: _docx(_document_xml(["一、任务"]) + b" " * (300 * 1024 * 1024)),
        Expected("input-too-large"),
    ),
    "future-zip-version.docx": (lambda: _future_zip(_docx(_document_xml(["一、任务"]))), Expected("corrupt-file")),
    "nested-tables.html": (_nested_tables, Expected("ok")),
    "truncated.pdf": (lambda: _pdf()[: len(_pdf()) // 2], Expected("corrupt-file")),
    "encrypted.pdf": (_encrypted_pdf, Expected("encrypted")),
    "no-text-layer.pdf": (lambda: _pdf(text_layer=False), Expected("ocr-needed")),
    "junk.txt": (lambda: bytes(range(256)) * 256, Expected("decode-error")),
    "junk-named.html": (lambda: b"\x00\x01\x02\xff" * 4096, Expected("decode-error")),
    "empty.txt": (lambda: b"", Expected("empty-input")),
    "whitespace.txt": (lambda: b" \n\t\r\n" * 100, Expected("empty-input")),
    "utf16-no-bom.txt": (lambda: NOTICE.encode("utf-16-le"), Expected("ok")),
    "mixed-encodings.txt": (lambda: NOTICE.encode("utf-8") + NOTICE.encode("gb18030"), Expected("ok")),
    "single-line-50mb.txt": (lambda: "加强监管".encode() * (50 * 1024 * 1024 // 12), Expected("input-too-large")),
    "deep-brackets.txt": (
        lambda: ("一、任务\n" + "（" * 10_000 + "市公安局负责" + "）" * 10_000 + "\n").encode(),
        Expected("ok", frozenset({"unbalanced-bracket"})),
    ),
    "unclosed-brackets.txt": (
        lambda: ("一、任务\n（一）加强监管（市公安局负责。\n" + "（" * 10_000 + "\n").encode(),
        Expected("ok", frozenset({"unbalanced-bracket"})),
    ),
    "control-characters.txt": (
        lambda: "一、任务\x0b\x0c\u200b\u202e\n（一）加强监管。（市公安局负责）".encode(),
        Expected("ok"),
    ),
    "zip-bomb.zip": (
        lambda: _zip({"bomb.txt": b"0" * (300 * 1024 * 1024)}),
        Expected("archive", members={"zip-bomb.zip": "unsafe-archive"}),
    ),
    "zip-slip.zip": (
        lambda: _zip({"../../evil.txt": NOTICE.encode(), "ok.txt": NOTICE.encode()}),
        Expected("archive", members={"zip-slip.zip/../../evil.txt": "unsafe-archive", "zip-slip.zip/ok.txt": "ok"}),
    ),
    "future-zip-version.zip": (
        lambda: _future_zip(_zip({"a.txt": NOTICE.encode()})),
        Expected("archive", members={"future-zip-version.zip": "corrupt-file"}),
    ),
    "tar-link.tar.gz": (
        _tar_with_link,
        Expected("archive", members={"tar-link.tar.gz/good.txt": "ok", "tar-link.tar.gz/passwd.txt": "unsafe-archive"}),
    ),
}


def make(folder: Path) -> dict[str, Expected]:
    """Write the hostile set into ``folder``; return each file's expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (maker, _) in HOSTILE.items():
        (folder / name).write_bytes(maker())
    return {name: expected for name, (_, expected) in HOSTILE.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make.py OUTDIR")
    for name, expected in make(Path(sys.argv[1])).items():
        print(f"{name:28} {expected.code}")
