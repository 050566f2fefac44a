"""Writing results: JSON text of a Document, and files written atomically.

Files are created as any other tool creates them — ``0666`` less the user's umask — so a
colleague on a shared drive can open them; only the rename makes them appear, so an
interrupted write leaves the old file or none, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..core.models import Document

# Temporary files this package writes end so: ``remove_stale_temps`` touches no other.
TEMP_SUFFIX = ".dashuang.tmp"
# Bytes of the target's name kept in its temporary file's name (names are at most 255
# bytes on common file systems, and the temp name adds a dot, a tag and a suffix).
_TEMP_NAME_BYTES = 96
_TEMP_PATTERN = re.compile(r"^\..*\.[0-9a-f]{12}" + re.escape(TEMP_SUFFIX) + "$", re.S)


def document_json(doc: Document, *, compact: bool = False, include_text: bool = True) -> str:
    """A Document as JSON: pretty (2-space indent) or compact; optionally without ``text``."""
    exclude = None if include_text else {"text"}
    return doc.model_dump_json(indent=None if compact else 2, exclude=exclude)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves either the old file or none, never half a file.
    """
    write_atomic_bytes(path, content.encode("utf-8"))


def temp_path(path: Path) -> Path:
    """A fresh temporary name beside ``path`` that ``remove_stale_temps`` recognises."""
    stem = os.fsencode(path.name)[:_TEMP_NAME_BYTES].decode("utf-8", "ignore")
    return path.parent / f".{stem}.{secrets.token_hex(6)}{TEMP_SUFFIX}"


def write_atomic_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically (see ``write_atomic``)."""
    with open_atomic(path) as out:
        out.write(content)


def open_temp(path: Path) -> tuple[Path, IO[bytes]]:
    """A new temporary file beside ``path``, open for writing: its name and its handle.

    Created 0666 less the umask, as ``open()`` creates files (mkstemp's 0600 would shut
    colleagues on a shared drive out).
    """
    temp = temp_path(path)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    return temp, os.fdopen(handle, "wb")


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[IO[bytes]]:
    """A binary handle whose content becomes ``path`` when the block ends without error,
    for outputs written a piece at a time (a ledger of a million rows is never whole in
    memory); on an error the temporary file goes and ``path`` is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp, out = open_temp(path)
    try:
        with out:
            yield out
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def is_temp(name: str) -> bool:
    """Whether ``name`` is a temporary file of ours.

    >>> is_temp(temp_path(Path("a.json")).name), is_temp(".notes.tmp")
    (True, False)
    """
    return bool(_TEMP_PATTERN.match(name))


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files that writes killed mid-way left in ``folder`` (recursively);
    return how many. Only names ``temp_path`` makes are touched, never another tool's."""
    removed = 0
    for temp in folder.rglob(f".*{TEMP_SUFFIX}"):
        if is_temp(temp.name) and temp.is_file() and not temp.is_symlink():
            temp.unlink(missing_ok=True)
            removed += 1
    return removed
