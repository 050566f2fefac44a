"""Writing results: JSON text of a Document, and files written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..core.models import Document


def document_json(doc: Document, *, compact: bool = False, include_text: bool = True) -> str:
    """A Document as JSON: pretty (2-space indent) or compact; optionally without ``text``."""
    exclude = None if include_text else {"text"}
    return doc.model_dump_json(indent=None if compact else 2, exclude=exclude)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    An interrupted write leaves either the old file or none, never half a file.
    """
    write_atomic_bytes(path, content.encode("utf-8"))


def write_atomic_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically (see ``write_atomic``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files that writes killed mid-way left in ``folder`` (recursively);
    return how many. Only names ``write_atomic`` makes (``.NAME.XXXX.tmp``) are touched."""
    removed = 0
    for temp in folder.rglob(".*.tmp"):
        if temp.is_file():
            temp.unlink(missing_ok=True)
            removed += 1
    return removed
