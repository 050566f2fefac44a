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
    InputTooLarge,
    UnsupportedFormat,
)
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


def parse_file(path: str | Path) -> Document:
    """Read and parse one notice file (.txt, .md).

    Raises a ``DashuangError`` subclass naming the file when it cannot be read.
    """
    result = read_file(path)
    return parse_text(result.text, source=result.source)


__all__ = [
    "SCHEMA_VERSION",
    "AgencyRole",
    "CorruptFile",
    "DashuangError",
    "DecodeError",
    "Diagnostic",
    "Document",
    "EmptyInput",
    "InputTooLarge",
    "Metadata",
    "Reference",
    "Section",
    "Source",
    "Task",
    "UnsupportedFormat",
    "__version__",
    "parse_file",
    "parse_text",
]
