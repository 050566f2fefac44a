"""dashuang_parse: Chinese government policy notices → validated, structured task trees.

>>> from dashuang_parse import parse_text
>>> doc = parse_text("一、重点任务\\n（一）加强监管。（市公安局负责）")
>>> [(t.id, t.agencies[0].name, t.agencies[0].role) for t in doc.iter_tasks()]
[('1.1/1', '市公安局', 'responsible')]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .core.errors import (
    CorruptFile,
    DashuangError,
    DecodeError,
    EmptyInput,
    EncryptedFile,
    FileNotFound,
    InputTooLarge,
    NeedsOCR,
    NotAFile,
    OutputBusy,
    OutputError,
    OutputNotOwned,
    Timeout,
    UnsafeArchive,
    UnsafeInput,
    UnsupportedFormat,
    WorkerCrashed,
)
from .core.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from .core.models import (
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
    from .pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

# Names loaded on first use, by module: pydantic and the models take most of an import's
# time, and ``import dashuang_parse`` (or the errors alone) should not pay for them.
_LAZY = {
    **dict.fromkeys(
        [
            "SCHEMA_VERSION",
            "AgencyRole",
            "Diagnostic",
            "Document",
            "Metadata",
            "Reference",
            "Section",
            "Source",
            "Task",
        ],
        "core.models",
    ),
    "parse_text": "pipeline",
    "parse_bytes": "pipeline",
    "parse_file": "pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
    "FileNotFound",
    "InputTooLarge",
    "Limits",
    "Metadata",
    "NeedsOCR",
    "NotAFile",
    "OutputBusy",
    "OutputError",
    "OutputNotOwned",
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
    "parse_bytes",
    "parse_file",
    "parse_text",
]
