"""Bounds on what one input may cost: every limit the readers, the parser and batch enforce.

The defaults are far above any real notice (the longest in the corpus is 60 KB of text) and
far below what would hang or exhaust a worker. Exceeding one raises ``InputTooLarge`` or
``UnsafeArchive`` naming the limit, so a person can raise it knowingly.

>>> Limits().input_bytes
67108864
>>> Limits(archive_members=10).archive_members
10
"""

from __future__ import annotations

from dataclasses import dataclass

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits for one run; pass one to ``parse_file``, ``batch.convert`` or the CLI flags."""

    input_bytes: int = 64 * _MB  # bytes of one input file
    text_chars: int = 20_000_000  # characters of decoded text
    line_chars: int = 1_000_000  # characters of one line before it is cut into pieces
    bracket_depth: int = 32  # nesting depth of brackets read as structure
    sections: int = 20_000  # sections of one notice
    pdf_pages: int = 2_000  # pages of one PDF
    archive_members: int = 100_000  # members of one zip or tar
    archive_bytes: int = 4096 * _MB  # total uncompressed bytes of one archive
    compression_ratio: int = 200  # uncompressed / compressed size of one archive member
    seconds: float = 60.0  # wall time to read and parse one file in a batch
    memory_bytes: int = 2048 * _MB  # address space of one batch worker process


DEFAULT_LIMITS = Limits()
