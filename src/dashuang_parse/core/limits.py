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

import math
from dataclasses import dataclass, fields

from .errors import InputTooLarge
from .markers import SECTION_LINE_HINT

_MB = 1024 * 1024
# The bound stage refuses a text with more than this many times ``sections`` lines that open
# like a marker, before normalizing it; between one and this many times, the lexer's exact
# count decides. (Joining wrapped lines, attachment lists and the like make a few marker
# lines no section; no notice has twice as many marker lines as sections.)
SECTION_LINES_FACTOR = 2


@dataclass(frozen=True)
class Limits:
    """Limits for one run; pass one to ``parse_file``, ``batch.convert`` or the CLI flags."""

    input_bytes: int = 64 * _MB  # bytes of one input file
    text_chars: int = 20_000_000  # characters of decoded text
    line_chars: int = 1_000_000  # characters of one line of a text or markdown file
    bracket_depth: int = 32  # nesting depth of brackets read as structure
    sections: int = 100_000  # sections of one notice (a 10 MB compilation holds ~25,000)
    pdf_pages: int = 2_000  # pages of one PDF
    pdf_operators: int = 200_000  # content-stream operators one PDF page draws (a notice's: 3,000)
    pdf_operators_total: int = 1_000_000  # content-stream operators all pages of one PDF draw
    html_elements: int = 100_000  # elements of one web page (a long notice page has a few thousand)
    table_cells: int = 200_000  # cells of one table's grid, a merged cell counted for each it covers
    label_chars: int = 100  # characters of one automatic-numbering label (DOCX)
    numbering_value: int = 1_000_000  # the largest number automatic numbering may show (DOCX)
    style_depth: int = 64  # styles in one chain of styles based on each other (DOCX)
    archive_members: int = 100_000  # members of one zip or tar
    archive_bytes: int = 4096 * _MB  # total uncompressed bytes of one archive
    compression_ratio: int = 200  # uncompressed / compressed size of one archive member
    seconds: float = 60.0  # wall time to read and parse one file in a batch
    memory_bytes: int = 2048 * _MB  # address space of one batch worker process


DEFAULT_LIMITS = Limits()

# Suffixes a limit's value may carry on the command line (binary multiples, for bytes).
_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}
# The largest value a limit may take: beyond these the system's timers and counters
# overflow (``setitimer`` takes no more than ~1e9 s on a 32-bit time_t).
_MAX_SECONDS = 1e9
_MAX_COUNT = 2**62


def check_limits(limits: Limits) -> None:
    """Raise ``ValueError`` (``TypeError`` for a wrong type) naming a limit whose value no
    run could honour: not a number, infinite, not above 0, or past what the system takes.

    >>> check_limits(Limits(seconds=float("inf")))
    Traceback (most recent call last):
    ...
    ValueError: limit seconds must be a finite number, not inf
    """
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a dashuang_parse.Limits, not {type(limits).__name__}")
    for field in fields(Limits):
        _check_value(field.name, getattr(limits, field.name))


def _check_value(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"limit {name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"limit {name} must be a finite number, not {value}")
    if value <= 0:
        raise ValueError(f"limit {name} must be above 0")
    top = _MAX_SECONDS if name == "seconds" else _MAX_COUNT
    if value > top:
        raise ValueError(f"limit {name} must be at most {top:g}")


def parse_limit(text: str) -> tuple[str, float]:
    """``NAME=VALUE`` from the command line as a Limits field and its value.

    >>> parse_limit("input_bytes=200M"), parse_limit("seconds=2.5")
    (('input_bytes', 209715200), ('seconds', 2.5))
    """
    name, _, value = text.partition("=")
    kinds = {f.name: f.type for f in fields(Limits)}
    name = name.strip().replace("-", "_")
    if name not in kinds:
        raise ValueError(f"unknown limit {name!r}; choose from {', '.join(kinds)}")
    value = value.strip().lower().removesuffix("b")
    scale = _UNITS.get(value[-1:], 1)
    number = value[:-1] if scale > 1 else value
    try:
        amount = float(number) * scale
    except ValueError:
        raise ValueError(f"limit {name} needs a number, not {value!r}") from None
    _check_value(name, amount)  # inf, nan and 1e400 are refused here, not as an OverflowError later
    return name, amount if kinds[name] in (float, "float") else int(amount)


def bound_text(text: str, limits: Limits, path: str | None = None, *, own_lines: bool = True) -> tuple[str, str | None]:
    """``text`` within the text limits: cut to ``text_chars`` (the second value then says
    what was cut, for a diagnostic), or ``InputTooLarge`` for a line over ``line_chars``.

    A long text is still a notice worth reading in part; a line of a million characters in
    a text file is not a notice at all (a binary blob decoded as text). ``own_lines`` False:
    the lines were made by a reader (a page's paragraphs, a DOCX's, a PDF's), which bounds
    them by the file's bytes and its own budgets; a long one there is a long paragraph (a
    16 MB page of 2,000,000 character references is one line of 2,000,000 characters), and
    only ``text_chars`` applies.

    >>> bound_text("一、任务\\n" * 3, Limits(text_chars=7))
    ('一、任务\\n一、', 'text cut at 7 of 15 characters (limit text_chars)')
    >>> bound_text("x" * 10, Limits(line_chars=5))
    Traceback (most recent call last):
    ...
    dashuang_parse.core.errors.InputTooLarge: line 1 is 10 characters long, over the limit of 5 [input-too-large]
    """
    cut = None
    _count_section_lines(text, limits, path)
    if len(text) > limits.text_chars:
        cut = f"text cut at {limits.text_chars} of {len(text)} characters (limit text_chars)"
        text = text[: limits.text_chars]
    if own_lines and len(text) > limits.line_chars:
        for number, line in enumerate(text.split("\n"), 1):
            if len(line) > limits.line_chars:
                message = f"line {number} is {len(line)} characters long, over the limit of {limits.line_chars}"
                raise InputTooLarge(message, path=path)
    return text, cut


def _count_section_lines(text: str, limits: Limits, path: str | None) -> None:
    """``InputTooLarge`` for a text with far more marker lines than ``sections`` (one scan,
    stopped as soon as the count is over)."""
    most = limits.sections * SECTION_LINES_FACTOR
    if text.count("\n") < most:
        return  # fewer lines than that: nothing to count
    for count, _ in enumerate(SECTION_LINE_HINT.finditer(text), 1):
        if count > most:
            message = f"more than {most} lines open with a section marker (limit sections, {limits.sections})"
            raise InputTooLarge(message, path=path)
