"""manifest.json: every input of a batch, what became of it, and the batch's totals.

The manifest is written as soon as the output folder is taken (status "running", no file
yet) and rewritten atomically at checkpoints, so a batch killed at any moment leaves a
manifest of what it finished; a kill that lets the batch end it (Ctrl-C, SIGTERM) leaves
"interrupted", a fault of the machine "stopped" with the error.

The records are not held in memory: each is appended, as it comes, to a spool file in the
output folder (``.manifest.records.*.dashuang.tmp``), which a checkpoint copies into the
manifest. A batch of a million inputs costs the parent no more memory than one of ten,
and the records of a run killed between checkpoints are still on disk for ``--overwrite``
to find its outputs.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..core.limits import Limits
from ..core.models import SCHEMA_VERSION
from ..core.paths import display_name
from ..export.output import open_atomic, open_temp
from .outdir import MANIFEST, RECORDS, TOOL
from .worker import Outcome

__all__ = ["MANIFEST", "Manifest", "entry"]


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def entry(outcome: Outcome) -> dict[str, Any]:
    """One input's record."""
    record: dict[str, Any] = {
        "input": outcome.label,
        "key": outcome.key,
        "status": outcome.status,
        "output": outcome.output,
        "sha256": outcome.sha256,
        "size": outcome.size,
        "format": outcome.format,
        "tasks": outcome.task_count,
        "seconds": round(outcome.seconds, 4),
        "version": __version__,
        "error": outcome.error_dict(),
    }
    if outcome.warnings:
        record["warnings"] = list(outcome.warnings)
    if outcome.raw_name is not None:
        record["input_hex"] = outcome.raw_name  # the name's bytes, for a name that is not UTF-8
    return record


class Manifest:
    """The manifest of one batch, built as outcomes arrive."""

    def __init__(
        self, outdir: Path, inputs: list[str], formats: list[str], jobs: int, limits: Limits, include_text: bool
    ) -> None:
        self.path = outdir / MANIFEST
        self.header: dict[str, Any] = {
            "tool": TOOL,
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "started": _now(),
            "inputs": [display_name(i) for i in inputs],
            "formats": formats,
            "jobs": jobs,
            "include_text": include_text,
            "limits": asdict(limits),
        }
        self.outputs: list[str] = []
        self.status = Counter[str]()
        self.reasons = Counter[str]()  # skipped and failed inputs by code
        self.warnings = Counter[str]()
        self.tasks = self.bytes = 0
        self.spool_path, spool = open_temp(outdir / RECORDS)
        self.spool: IO[bytes] | None = spool

    def add(self, outcome: Outcome) -> None:
        """Record one input's outcome (on disk at once: a kill loses none)."""
        assert self.spool is not None, "the manifest was closed"
        record = entry(outcome)
        self.spool.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self.spool.flush()
        self.status[outcome.status] += 1
        if outcome.error_code is not None:
            self.reasons[outcome.error_code] += 1
        self.warnings.update(outcome.warnings)
        self.tasks += outcome.task_count
        self.bytes += outcome.size or 0

    def totals(self, seconds: float) -> dict[str, Any]:
        """Counts over the inputs recorded so far."""
        count = self.status
        return {
            "inputs": sum(count.values()),
            "converted": count["ok"] + count["resumed"],
            "ok": count["ok"],
            "resumed": count["resumed"],
            "failed": count["failed"],
            "skipped": count["skipped"],
            "reasons": dict(sorted(self.reasons.items())),
            "warnings": dict(sorted(self.warnings.items())),
            "tasks": self.tasks,
            "bytes": self.bytes,
            "seconds": round(seconds, 3),
            "documents_per_second": round(count["ok"] / seconds, 2) if seconds > 0 else None,
        }

    def write(self, status: str, seconds: float, error: dict[str, str] | None = None) -> None:
        """Write the manifest atomically with ``status`` ("running", "complete",
        "interrupted", "stopped"), the header indented and each file's record on one line
        (readable and greppable; ``json`` encodes in C only without ``indent``)."""
        content = {
            **self.header,
            "status": status,
            "finished": _now() if status != "running" else None,
            "error": error,
            "totals": self.totals(seconds),
            "outputs": self.outputs,
            "files": [],
        }
        head = json.dumps(content, ensure_ascii=False, indent=1)
        # A top-level key is indented by one space, and no string can hold the unescaped quotes.
        before, _, after = head.rpartition('\n "files": []')
        with open_atomic(self.path) as out:
            out.write(f'{before}\n "files": ['.encode())
            if self.spool is not None:
                self.spool.flush()
                with self.spool_path.open("rb") as records:
                    _copy_records(records, out)
            out.write(f"\n ]{after}\n".encode())

    def close(self) -> None:
        """Remove the spool (the manifest holds every record now)."""
        if self.spool is not None:
            self.spool.close()
            self.spool = None
            self.spool_path.unlink(missing_ok=True)


def _copy_records(records: IO[bytes], out: IO[bytes]) -> None:
    """The spooled records as the lines of the manifest's ``files`` list."""
    first = True
    while True:
        lines = records.readlines(1 << 20)
        if not lines:
            return
        chunk = b",\n  ".join(line.rstrip(b"\n") for line in lines if line.endswith(b"\n"))
        if chunk:
            out.write((b"\n  " if first else b",\n  ") + chunk)
            first = False
        if lines[-1] and not lines[-1].endswith(b"\n"):
            return  # a record cut by a full disk: left out rather than breaking the JSON
