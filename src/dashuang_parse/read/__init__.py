"""Readers: bytes of a file → the text the parser takes, with its Source.

Each format has a module of its own; ``read_file`` picks one from the file's content
(and its extension when the content does not tell).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import DashuangError, EmptyInput, InputTooLarge
from ..models import Source, SourceFormat
from .text import decode_text

# Largest input read by default (bytes); larger files are refused, not truncated.
MAX_INPUT_BYTES = 64 * 1024 * 1024
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass(frozen=True)
class ReadResult:
    """The text read from a file and where it came from."""

    text: str
    source: Source


def read_file(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> ReadResult:
    """Read one notice file into text.

    Raises a ``DashuangError`` subclass naming the file when it cannot be read.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(f"file is {size} bytes, over the limit of {max_bytes}", path=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise DashuangError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from exc
    if not data.strip():
        raise EmptyInput("file is empty", path=str(path))
    text, encoding = decode_text(data, path=str(path))
    fmt: SourceFormat = "markdown" if path.suffix.lower() in _MARKDOWN_SUFFIXES else "text"
    source = Source(
        path=str(path),
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return ReadResult(text, source)
