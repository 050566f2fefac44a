"""What every command of the CLI shares: limits from ``--limit``, reporting an error, and
writing a file the user named (a disk that refuses it is an ``OutputError``)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from ..core.errors import DashuangError, OutputError
from ..core.limits import DEFAULT_LIMITS, Limits
from ..core.paths import display_name
from ..export.output import write_atomic


def limits_of(args: argparse.Namespace) -> Limits:
    """The limits ``--limit NAME=VALUE`` options set (the defaults for the rest)."""
    return Limits(**{**DEFAULT_LIMITS.__dict__, **dict(args.limit)}) if args.limit else DEFAULT_LIMITS


def report(exc: DashuangError, debug: bool) -> None:
    """One line on standard error naming the file, the cause and the code."""
    print(f"dashuang-parse: {exc}", file=sys.stderr)
    if debug:
        traceback.print_exception(exc)


def say(args: argparse.Namespace, text: str, level: int = 1) -> None:
    """Print ``text`` on standard error when ``-v`` was given ``level`` times or more."""
    if getattr(args, "verbose", 0) >= level:
        print(f"dashuang-parse: {text}", file=sys.stderr)


def write_output(path: Path, content: str) -> None:
    """Write a file the user asked for, atomically; a refusal of the disk is an OutputError."""
    try:
        if path.is_dir():
            raise OutputError("is a folder; name a file", path=display_name(path))
        write_atomic(path, content)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=display_name(path)) from exc
