"""DOCX: bytes → text, from the WordprocessingML in the zip, with zipfile and lxml only.

The body is read in document order: paragraphs (also those inside content controls) a
line each, tables through ``docx_tables`` (a 任务分工表 a task line a row). A paragraph's
text is what Word shows with tracked changes accepted: inserted text kept, deleted text
and field instructions dropped, hidden text dropped, line breaks kept as line breaks.
Section markers made by Word's automatic numbering exist only in ``numbering.xml``; they
are rendered by ``docx_numbering`` and put before the paragraph's text, because the
parser finds sections by those markers. Headers, footers, footnotes and text boxes are
page furniture and are not read.

A DOCX is a zip of XML written by machines, and a hostile one is a zip bomb or an XML
entity bomb: every part is read in bounded chunks, and parsed without entities, DTDs or
network access. A password-protected DOCX is not a zip at all but an OLE2 compound file
holding an ``EncryptedPackage``. Every failure is a ``DashuangError`` naming the file.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..core.errors import (
    ZIP_ERRORS,
    CorruptFile,
    EmptyInput,
    EncryptedFile,
    InputTooLarge,
    UnsafeInput,
    UnsupportedFormat,
)
from ..core.limits import DEFAULT_LIMITS, Limits
from .decoded import Decoded
from .docx_numbering import Numbering, W
from .docx_tables import TableBudget, table_lines

DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
# Uncompressed/compressed ratio above which a part is a zip bomb; XML compresses 5-30×,
# a bomb thousands of times. Parts under _RATIO_FLOOR are not held to it.
_MAX_RATIO = 200
_RATIO_FLOOR = 4 * 1024 * 1024
_CHUNK = 1024 * 1024
# An OLE2 compound file: Word's password-protected DOCX (or a Word 97-2003 .doc).
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted DOCX keeps its zip in, as OLE2 directory entries name it.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# ISO 29500 Strict documents use other namespace names for the same vocabulary.
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = W[1:-1].encode()
# An entity declaration in the encodings XML parts come in; refused before parsing.
_ENTITY_MARKERS = tuple("<!ENTITY".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees of a paragraph whose text Word does not show: properties, deleted and moved-away
# text, field instructions, drawings and text boxes (page furniture, and their paragraphs
# would run into this one), the phonetic guide over ruby text.
_SKIP = frozenset(
    [
        f"{W}{tag}"
        for tag in (
            "pPr",
            "rPr",
            "del",
            "moveFrom",
            "delText",
            "instrText",
            "delInstrText",
            "drawing",
            "pict",
            "object",
            "footnoteReference",
            "endnoteReference",
            "rt",
        )
    ]
    + [f"{_MC}AlternateContent"]
)
# Breaks that end a line; page and column breaks only move the text.
_PAGE_BREAKS = {"page", "column"}
# Containers of body-level content that are read through.
_BLOCK_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"}


def read_docx(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Decoded:
    """Read a DOCX's body into one paragraph, heading or table row a line.

    Raises ``EncryptedFile`` (password-protected), ``CorruptFile`` (not a DOCX, damaged or
    truncated), ``InputTooLarge`` (over a budget: the parts inflate past ``input_bytes``
    together, a numbering label, a table grid or a chain of styles too large),
    ``UnsafeInput`` (XML entity declarations, two entries of one name), ``EmptyInput`` (no
    text in the body). Every budget is counted as the work is done.

    >>> read_docx(b"PK\\x03\\x04 cut short")
    Traceback (most recent call last):
    ...
    dashuang_parse.core.errors.CorruptFile: not a DOCX: damaged or truncated zip (File is not a zip file) [corrupt-file]
    """
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    if data.startswith(_OLE2_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise EncryptedFile("DOCX is protected by a password; remove the password and try again", path=path)
        raise UnsupportedFormat("file is a Word 97-2003 .doc, not DOCX; save it as .docx", path=path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CorruptFile(f"not a DOCX: damaged or truncated zip ({exc})", path=path) from exc
    with archive:
        _refuse_duplicates(archive, path)
        inflated = _Inflated(limits.input_bytes)
        document = _parse_part(archive, DOCUMENT_PART, path, inflated, required=True)
        styles = _parse_part(archive, STYLES_PART, path, inflated)
        numbering = _parse_part(archive, NUMBERING_PART, path, inflated)
    assert document is not None
    body = document.find(f"{W}body")
    if document.tag != f"{W}document" or body is None:
        raise CorruptFile(f"{DOCUMENT_PART} is not a WordprocessingML document body", path=path)
    try:
        lines = _block_lines(body, Numbering.from_xml(numbering, styles, limits), TableBudget(limits))
    except InputTooLarge as exc:  # a budget of the numbering or the tables, raised without the name
        raise InputTooLarge(exc.message, path=path) from None
    if not lines:
        raise EmptyInput("DOCX has no text in its body", path=path)
    return Decoded("\n".join(lines), "docx", None)


def _refuse_duplicates(archive: zipfile.ZipFile, path: str | None) -> None:
    """Two entries of one name: zipfile reads the last, another tool the first, so what
    this reader shows need not be what Word shows. Word never writes one."""
    seen: set[str] = set()
    for info in archive.infolist():
        if info.filename in seen:
            raise UnsafeInput(f"the zip holds two entries named {info.filename}; Word never writes that", path=path)
        seen.add(info.filename)


class _Inflated:
    """The bytes the parts inflate to, together: at most ``input_bytes``, counted as they
    are read, whatever the zip's headers claim."""

    def __init__(self, most: int) -> None:
        self.most, self.total = most, 0

    def add(self, size: int, name: str, path: str | None) -> None:
        self.total += size
        if self.total > self.most:
            message = f"the DOCX parts inflate to more than {self.most} bytes at {name} (limit input_bytes)"
            raise InputTooLarge(message, path=path)


def _parse_part(
    archive: zipfile.ZipFile, name: str, path: str | None, inflated: _Inflated, *, required: bool = False
) -> etree._Element | None:
    data = _read_part(archive, name, path, inflated, required=required)
    if data is None:
        return None
    return _parse_xml(data.replace(_STRICT_NS, _TRANSITIONAL_NS), name, path)


def _read_part(
    archive: zipfile.ZipFile, name: str, path: str | None, inflated: _Inflated, *, required: bool
) -> bytes | None:
    """A part's bytes, read in chunks and refused past the size limits (zip bombs)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise CorruptFile(f"not a DOCX: the zip has no {name}", path=path) from None
        return None
    if inflated.total + info.file_size > inflated.most:
        message = f"{name} unpacks to {info.file_size} bytes, over the limit of {inflated.most} (limit input_bytes)"
        raise InputTooLarge(message, path=path)
    if info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
        raise InputTooLarge(
            f"{name} unpacks {info.file_size // max(info.compress_size, 1)} times its "
            "packed size: a zip bomb, not a document",
            path=path,
        )
    chunks: list[bytes] = []
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                inflated.add(len(chunk), name, path)
                chunks.append(chunk)
    except RuntimeError as exc:  # a member encrypted with a zip password
        raise EncryptedFile(f"{name} is encrypted ({exc})", path=path) from exc
    except ZIP_ERRORS as exc:
        raise CorruptFile(f"{name} cannot be unpacked, the DOCX is damaged ({exc})", path=path) from exc
    return b"".join(chunks)


def _parse_xml(data: bytes, name: str, path: str | None) -> etree._Element:
    """Parse a part without resolving entities, loading DTDs or touching the network."""
    unsafe = f"{name} declares XML entities (an entity bomb?); Word never writes them"
    if any(marker in data for marker in _ENTITY_MARKERS):
        raise UnsafeInput(unsafe, path=path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "amplification" in str(exc):  # libxml2's own entity-bomb guard
            raise UnsafeInput(unsafe, path=path) from exc
        raise CorruptFile(f"{name} is not well-formed XML ({exc})", path=path) from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInput(unsafe, path=path)
    return root


def _block_lines(container: etree._Element, numbering: Numbering, tables: TableBudget) -> list[str]:
    """Lines of the paragraphs and tables of a body, a cell or a content control, in order."""
    lines: list[str] = []
    for child in container:
        if child.tag == f"{W}p":
            lines.extend(_paragraph_lines(child, numbering))
        elif child.tag == f"{W}tbl":
            lines.extend(table_lines(child, lambda cell: _block_lines(cell, numbering, tables), tables))
        elif child.tag in _BLOCK_WRAPPERS:
            lines.extend(_block_lines(child, numbering, tables))
    return lines


def _paragraph_lines(paragraph: etree._Element, numbering: Numbering) -> list[str]:
    """A paragraph's label (automatic numbering) and text; line breaks start new lines."""
    parts: list[str] = []
    _collect_text(paragraph, parts)
    props = paragraph.find(f"{W}pPr")
    numpr = props.find(f"{W}numPr") if props is not None else None
    num_id = ilvl = style = None
    if props is not None:
        style = _attr(props.find(f"{W}pStyle"))
    if numpr is not None:
        num_id, ilvl = _attr(numpr.find(f"{W}numId")), _attr(numpr.find(f"{W}ilvl"))
    numbered = numbering.resolve(num_id, ilvl, style)
    label = numbering.label(*numbered) if numbered else ""  # counted even when empty, as Word does
    text = "".join(parts).replace("\t", " ")
    if not text.strip():
        return []  # a stray "三、" with nothing after it is no section
    return [line.strip() for line in (label + text).split("\n") if line.strip()]


def _collect_text(element: etree._Element, parts: list[str]) -> None:
    """Text of the runs under ``element`` that Word shows, in order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # comments and processing instructions have non-string tags
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag == f"{W}br":
            parts.append("" if child.get(f"{W}type") in _PAGE_BREAKS else "\n")
        elif tag == f"{W}cr":
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}r" and _hidden(child):
            continue
        else:
            _collect_text(child, parts)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val") not in ("0", "false", "off")


def _attr(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")
