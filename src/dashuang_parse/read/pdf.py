"""PDF: bytes → text, from the PDF's text layer with pypdf.

Each page's text is extracted in content order (``page.extract_text()``: notices are one
column, so the plain mode reads them in order); ``pdf_layout`` then drops page numbers
and running headers and footers and joins the lines that wrapping broke, so the parser
gets one paragraph a line. A PDF without a text layer needs OCR, which this package does
not do: it is refused with ``NeedsOCR``.

pypdf reports problems through the ``pypdf`` logger and ``warnings``, and on hostile
files raises almost anything (``PdfReadError``, ``ValueError``, ``KeyError``,
``RecursionError``…); both are kept from the caller, and every failure becomes a
``DashuangError`` naming the file.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from ..core.errors import CorruptFile, DashuangError, EmptyInput, EncryptedFile, InputTooLarge, NeedsOCR
from ..core.limits import DEFAULT_LIMITS, Limits
from .decoded import Decoded
from .pdf_layout import Run, assemble, runs_lines

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

# Default page limit: a notice runs to tens of pages; thousands mean something else.
MAX_PAGES = 2000
# A complete PDF ends with %%EOF (perhaps followed by a little junk); a file cut short
# does not, and pypdf would quietly read what is left of it.
_EOF_MARK = b"%%EOF"
_EOF_REACH = 2048
_WHITESPACE = re.compile(r"\s+")
# Longest library message quoted in an error.
_REASON_MAX = 160
# What every content-stream operator is a run of (and names and words in strings are too:
# counting the runs over-counts operators, never under-counts them).  BT /F1 12 Tf (x) Tj
_OPERATOR_RUN = re.compile(rb"[A-Za-z'\"]+")
# The count before extraction is an upper bound: it refuses only past this many times the
# budget, and the exact count while extracting decides the rest.
_ESTIMATE_SLACK = 2


def read_pdf(
    data: bytes, *, path: str | None = None, max_pages: int = MAX_PAGES, limits: Limits = DEFAULT_LIMITS
) -> Decoded:
    """Read the text layer of a PDF into one paragraph, heading or field a line.

    Raises ``EncryptedFile`` (a password is needed), ``NeedsOCR`` (no text layer),
    ``InputTooLarge`` (over ``max_pages`` pages, or more content-stream operators than
    ``limits.pdf_operators`` on a page or ``limits.pdf_operators_total`` in all), ``CorruptFile``
    (damaged or truncated).

    >>> read_pdf(b"%PDF-1.4 not really")
    Traceback (most recent call last):
    ...
    dashuang_parse.core.errors.CorruptFile: PDF is truncated: it does not end with %%EOF [corrupt-file]
    """
    if _EOF_MARK not in data[-_EOF_REACH:]:
        raise CorruptFile("PDF is truncated: it does not end with %%EOF", path=path)
    with _quiet_pypdf():
        reader = _open(data, path)
        pages = _page_lines(reader, path, max_pages, _Operators(limits, path))
    text = assemble(pages)
    if not text.strip():
        raise NeedsOCR(
            f"PDF has no text layer on any of its {len(pages)} page(s) (scanned images?); "
            "it needs OCR before it can be parsed",
            path=path,
        )
    return Decoded(text, "pdf", None)


def _open(data: bytes, path: str | None) -> PdfReader:
    """Open the PDF, decrypting it when the empty password does (many notices are
    "encrypted" only against printing or copying)."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import LimitReachedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except LimitReachedError as exc:
        raise InputTooLarge(f"PDF is too large to read ({_reason(exc)})", path=path) from exc
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptFile(f"PDF cannot be opened, the file is damaged ({_reason(exc)})", path=path) from exc
    if not encrypted:
        return reader
    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception as exc:  # unsupported algorithm, or AES without the cryptography package
        raise EncryptedFile(f"PDF is encrypted in a way that cannot be opened ({_reason(exc)})", path=path) from exc
    if not opened:
        raise EncryptedFile("PDF is protected by a password; remove the password and try again", path=path)
    return reader


class _Operators:
    """Content-stream operators against their budgets, per page and in total.

    Counted twice. Before any page is extracted, an upper bound from each page's content
    bytes: one stream shared by two thousand pages (six gigabytes of operators from a 40 KB
    file) is counted once per page it is drawn on, without parsing it even once. Then
    exactly, operator by operator as pypdf interprets them, which also counts the forms a
    page draws (``Do``) each time it draws them.
    """

    def __init__(self, limits: Limits, path: str | None) -> None:
        self.page_most, self.total_most = limits.pdf_operators, limits.pdf_operators_total
        self.path = path
        self.page = self.total = 0

    def estimate(self, reader: PdfReader) -> None:
        """Refuse a PDF whose content streams hold far more operators than the budgets."""
        sizes: dict[object, int] = {}  # a stream's reference → its operator runs
        total = 0
        for number, page in enumerate(reader.pages, 1):
            count = sum(_runs(stream, sizes) for stream in _content_refs(page))
            total += count
            if count > _ESTIMATE_SLACK * self.page_most:
                self._refuse(f"page {number} draws about {count} operators", "pdf_operators", self.page_most)
            if total > _ESTIMATE_SLACK * self.total_most:
                self._refuse(f"pages 1-{number} draw about {total} operators", "pdf_operators_total", self.total_most)

    def new_page(self) -> None:
        self.page = 0

    def count(self, *_: object) -> None:
        """pypdf's ``visitor_operand_before``: one operator more."""
        self.page += 1
        self.total += 1
        if self.page > self.page_most:
            self._refuse("a page draws more operators", "pdf_operators", self.page_most)
        if self.total > self.total_most:
            self._refuse("the pages draw more operators together", "pdf_operators_total", self.total_most)

    def _refuse(self, what: str, limit: str, most: int) -> NoReturn:
        raise InputTooLarge(f"{what}, over the limit of {most} (limit {limit})", path=self.path)


def _content_refs(page: PageObject) -> list[object]:
    """A page's content streams as written: references (shared ones alike) or streams."""
    contents = page.get("/Contents")
    if contents is None:
        return []
    from pypdf.generic import ArrayObject

    resolved = contents.get_object()
    return list(resolved) if isinstance(resolved, ArrayObject) else [contents]


def _runs(stream: object, sizes: dict[object, int]) -> int:
    """The operator runs of one content stream, counted once per stream."""
    from pypdf.generic import IndirectObject

    key = (stream.idnum, stream.generation) if isinstance(stream, IndirectObject) else id(stream)
    if key not in sizes:
        data = stream.get_object().get_data()  # type: ignore[attr-defined]
        sizes[key] = sum(1 for _ in _OPERATOR_RUN.finditer(data))
    return sizes[key]


def _page_lines(reader: PdfReader, path: str | None, max_pages: int, operators: _Operators) -> list[list[str]]:
    """Each page's text as lines; any pypdf failure is the file's fault."""
    from pypdf.errors import LimitReachedError

    try:
        count = len(reader.pages)
    except Exception as exc:
        raise CorruptFile(f"PDF page tree is damaged ({_reason(exc)})", path=path) from exc
    if count > max_pages:
        raise InputTooLarge(f"PDF has {count} pages, over the limit of {max_pages}", path=path)
    if count == 0:
        raise EmptyInput("PDF has no pages", path=path)
    try:
        operators.estimate(reader)
    except DashuangError:
        raise
    except Exception as exc:
        raise CorruptFile(f"PDF content streams cannot be read ({_reason(exc)})", path=path) from exc
    pages: list[list[str]] = []
    for number in range(count):
        try:
            operators.new_page()
            lines = _extract_lines(reader.pages[number], operators)
        except LimitReachedError as exc:
            message = f"page {number + 1} of the PDF is too large to read ({_reason(exc)})"
            raise InputTooLarge(message, path=path) from exc
        except DashuangError:
            raise
        except Exception as exc:
            message = f"text of page {number + 1} cannot be read, the PDF is damaged ({_reason(exc)})"
            raise CorruptFile(message, path=path) from exc
        pages.append(lines)
    return pages


def _extract_lines(page: PageObject, operators: _Operators) -> list[str]:
    """A page's text as lines, the pieces pypdf drew on one baseline one line again
    (``pdf_layout.runs_lines``). Should the runs pypdf reports not hold the very text it
    extracts, its own lines are kept."""
    runs: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
        runs.append(Run(text, x, y, float(size or 0) * scale))

    text = page.extract_text(visitor_text=visit, visitor_operand_before=operators.count)
    plain = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = runs_lines(runs)
    if _WHITESPACE.sub("", "".join(lines)) != _WHITESPACE.sub("", text):
        return plain
    return lines


def _reason(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or "no details"
    if len(message) > _REASON_MAX:
        message = message[: _REASON_MAX - 1] + "…"
    return f"{type(exc).__name__}: {message}"


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's log records and warnings about damaged files from the caller.

    The logger level is process-wide: a read in another thread is silenced too while this
    one runs, which is harmless.
    """
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
