"""The output folder of a batch: taken whole, shared with no other batch, cleaned only of
what is ours.

A batch writes into a folder that is empty, or that holds a batch of its own to finish
(``--resume``) or replace (``--overwrite``). Anything else is refused: a second batch
into the same folder would leave the first one's outputs beside its own, where
``agencies OUT`` counts both. ``--overwrite`` removes only what the folder's manifest (and
the record spool of a killed run) lists as this tool's outputs; a file this tool did not
write is never touched.

While a batch runs it holds an exclusive lock on ``.dashuang.lock`` in the folder, so a
second batch started into it stops at once (``output-busy``) instead of sharing its files.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.errors import OutputBusy, OutputError, OutputNotOwned
from ..core.paths import display_name
from ..export.output import TEMP_SUFFIX, is_temp, remove_stale_temps

LOCK = ".dashuang.lock"
MANIFEST = "manifest.json"
TOOL = "dashuang-parse"
# The manifest records of a running batch are spooled here (see manifest.py).
RECORDS = "manifest.records"


class OutputFolder:
    """An output folder taken for one batch: created, locked and checked; ``release`` ends it."""

    def __init__(self, path: Path, *, resume: bool, overwrite: bool) -> None:
        self.path = path
        self.label = display_name(path)
        self._lock: int | None = None
        try:
            if path.exists() and not path.is_dir():
                raise OutputError("is a file, not a folder: name a new or empty folder for -o", path=self.label)
            path.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            self.previous = self._check(resume=resume, overwrite=overwrite)
            remove_stale_temps(path)  # what a killed run of ours was writing: never a finished output
        except OSError as exc:
            self.release()
            raise OutputError(f"cannot use the output folder: {exc.strerror or exc}", path=self.label) from exc
        except BaseException:
            self.release()
            raise

    def _take_lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # no flock (Windows): two batches into one folder are not stopped
            return
        lock = self.path / LOCK
        while True:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(handle)
                raise OutputBusy("another batch is writing into this folder", path=self.label) from None
            # The batch before may have removed the lock file between our open and our lock:
            # then the lock taken is on a file nobody else will look at, and we try again.
            with contextlib.suppress(FileNotFoundError):
                if os.stat(lock).st_ino == os.fstat(handle).st_ino:
                    self._lock = handle
                    return
            os.close(handle)

    def release(self) -> None:
        """Give the folder up: the lock file goes, and with it the lock."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path / LOCK)
            os.close(self._lock)
            self._lock = None

    def _check(self, *, resume: bool, overwrite: bool) -> dict[str, Any]:
        """The earlier manifest's header when the folder holds a batch of ours (``{}`` when
        it is empty); refuses a folder the batch may not use."""
        manifest = _own_manifest(self.path / MANIFEST)
        if manifest is not None:
            if overwrite:
                self._remove_owned(manifest)
                return {}
            if not resume:
                raise OutputNotOwned(
                    f"holds an earlier batch (status {manifest.get('status')!r}): "
                    "--resume finishes it, --overwrite replaces it",
                    path=self.label,
                )
            return {k: v for k, v in manifest.items() if k != "files"}
        foreign = [name for name in os.listdir(self.path) if name != LOCK and not is_temp(name)]
        if foreign and not overwrite:
            shown = ", ".join(display_name(name) for name in sorted(foreign)[:3])
            raise OutputNotOwned(
                f"is not empty and holds no batch of this tool ({shown}…): "
                "name a new or empty folder, or pass --overwrite to write beside these files",
                path=self.label,
            )
        return {}

    def _remove_owned(self, manifest: dict[str, Any]) -> None:
        """Remove the outputs the earlier batch recorded, and the folders they leave empty."""
        names = {MANIFEST, *_strings(manifest.get("outputs"))}
        for record in [*_records(manifest.get("files")), *self._spooled()]:
            names.update(_strings([record.get("output")]))
        root = self.path.resolve()
        folders: set[Path] = set()
        for name in names:
            target = self.path / name
            # Only a regular file inside the folder: a hostile manifest naming ../x or a
            # link is not followed out.
            try:
                inside = target.parent.resolve().is_relative_to(root)
            except (OSError, RuntimeError):
                continue
            if inside and target.is_file() and not target.is_symlink():
                target.unlink()
                folders.update(p for p in target.parents if p != self.path and p.is_relative_to(self.path))
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: a folder holding other files stays

    def _spooled(self) -> Iterator[dict[str, Any]]:
        """Records a killed run spooled but did not put in its manifest."""
        for spool in self.path.glob(f".{RECORDS}.*{TEMP_SUFFIX}"):
            if not is_temp(spool.name):
                continue
            with spool.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    with contextlib.suppress(ValueError):
                        record = json.loads(line)
                        if isinstance(record, dict):
                            yield record


def _own_manifest(path: Path) -> dict[str, Any] | None:
    try:
        content = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and content.get("tool") == TOOL else None


def _strings(values: Any) -> list[str]:
    return [v for v in values if isinstance(v, str) and v] if isinstance(values, list) else []


def _records(values: Any) -> list[dict[str, Any]]:
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []
