"""dashuang_parse: Chinese government policy notices → validated, structured task trees.

>>> from dashuang_parse import parse_text
>>> doc = parse_text("一、重点任务\\n（一）加强监管。（市公安局负责）")
>>> [(t.id, t.agencies[0].name, t.agencies[0].role) for t in doc.iter_tasks()]
[('1.1/1', '市公安局', 'responsible')]
"""

from __future__ import annotations

from pathlib import Path

from .errors import (
    CorruptFile,
    DashuangError,
    DecodeError,
    EmptyInput,
    EncryptedFile,
    InputTooLarge,
    NeedsOCR,
    Timeout,
    UnsafeArchive,
    UnsafeInput,
    UnsupportedFormat,
    WorkerCrashed,
)
from .limits import DEFAULT_LIMITS, Limits
from .models import (
    SCHEMA_VERSION,
    AgencyRole,
    Diagnostic,
    Document,
    Metadata,
    Reference,
    Section,
    Source,
    Task,
)
from .parse import parse_text
from .read import read_file

__version__ = "0.1.0"


def parse_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one notice file (.txt, .md, .html/.htm, .pdf, .docx; the content
    decides, the extension only breaks ties).

    Raises a ``DashuangError`` subclass naming the file when it cannot be read.
    """
    result = read_file(path, limits=limits)
    return parse_text(result.text, source=result.source, limits=limits)


__all__ = [
    "SCHEMA_VERSION",
    "DEFAULT_LIMITS",
    "AgencyRole",
    "CorruptFile",
    "DashuangError",
    "DecodeError",
    "Diagnostic",
    "Document",
    "EmptyInput",
    "EncryptedFile",
    "InputTooLarge",
    "Limits",
    "Metadata",
    "NeedsOCR",
    "Reference",
    "Section",
    "Source",
    "Task",
    "Timeout",
    "UnsafeArchive",
    "UnsafeInput",
    "UnsupportedFormat",
    "WorkerCrashed",
    "__version__",
    "parse_file",
    "parse_text",
]
