"""Readers: bytes of a file → the text the parser takes, with its Source.

Each format has a module of its own (``text``, ``html``, ``pdf``, ``docx``); ``detect``
picks one from the content (magic bytes first, then the extension). Every reader takes
the file's bytes and returns a ``Decoded``; every failure is a ``DashuangError`` naming
the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import EmptyInput, InputTooLarge
from ..core.limits import DEFAULT_LIMITS, Limits
from ..core.models import Source
from .decoded import Decoded
from .detect import detect_format
from .source import read_capped

# Largest input read by default (bytes); larger files are refused, not truncated.
MAX_INPUT_BYTES = DEFAULT_LIMITS.input_bytes


@dataclass(frozen=True)
class ReadResult:
    """The text read from a file and where it came from."""

    text: str
    source: Source


def read_bytes(data: bytes, *, path: str | None = None, suffix: str = "", limits: Limits = DEFAULT_LIMITS) -> Decoded:
    """Turn a file's bytes into text with the reader its content calls for.

    ``suffix`` (".html", ".md"…) breaks ties the content leaves open.
    """
    if len(data) > limits.input_bytes:
        raise InputTooLarge(f"file is {len(data)} bytes, over the limit of {limits.input_bytes}", path=path)
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    fmt = detect_format(data, suffix)
    if fmt == "html":
        from .html import read_html

        return read_html(data, path=path, limits=limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path=path, max_pages=limits.pdf_pages, limits=limits)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path=path, limits=limits)
    from .text import read_text

    return read_text(data, path=path, markdown=fmt == "markdown")


def read_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one notice file into text.

    Raises a ``DashuangError`` subclass naming the file when it cannot be read. The kind of
    file is checked first: a named pipe or a device is read as a stream, up to
    ``limits.input_bytes`` (``source.read_capped``).
    """
    path = Path(path)
    data = read_capped(path, limits.input_bytes)
    decoded = read_bytes(data, path=str(path), suffix=path.suffix.lower(), limits=limits)
    source = Source(
        path=str(path),
        format=decoded.format,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return ReadResult(decoded.text, source)


__all__ = ["MAX_INPUT_BYTES", "Decoded", "ReadResult", "detect_format", "read_bytes", "read_capped", "read_file"]
