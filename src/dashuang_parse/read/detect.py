"""Which reader a file needs: magic bytes first, then the extension."""

from __future__ import annotations

import io
import zipfile

import regex

from ..core.errors import ZIP_ERRORS
from ..core.models import SourceFormat

# <!DOCTYPE html>, <html>, <head>… after an optional XML declaration and comments.
_HTML_START = regex.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|title|div|p)\b",
    regex.I | regex.S,
)
_UTF16_HTML = regex.compile(rb"^(?:\xff\xfe|\xfe\xff)?(?:<\x00|\x00<)")
_TEXT_SUFFIXES = {".txt", ".text", ""}
# An OLE2 compound file: what Word writes for a password-protected DOCX and for a .doc.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def detect_format(data: bytes, suffix: str = "") -> SourceFormat:
    """The format of a file's bytes; the extension only decides between text kinds.

    >>> detect_format(b"%PDF-1.7 ..."), detect_format(b"<html><body>x</body></html>", ".txt")
    ('pdf', 'html')
    >>> detect_format("一、任务".encode(), ".md")
    'markdown'
    """
    head = data[:4096]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2_MAGIC):
        return "docx"  # a password-protected DOCX, or a Word 97-2003 .doc: the DOCX reader says which
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) or suffix == ".docx" else "text"
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")) or (_UTF16_HTML.match(head) and suffix in _HTML_SUFFIXES):
        return "html"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    return "markdown" if suffix in _MARKDOWN_SUFFIXES else "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except ZIP_ERRORS:
        return False
