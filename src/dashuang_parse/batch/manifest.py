"""manifest.json: every input of a batch, what became of it, and the batch's totals.

The manifest is rewritten atomically at checkpoints while the batch runs (``status``
"running"), so a killed batch leaves a manifest of what it finished; ``--resume`` reads it
and skips inputs whose bytes (sha256) and tool version are unchanged.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.limits import Limits
from ..core.models import SCHEMA_VERSION
from ..export.output import write_atomic
from .worker import Outcome

MANIFEST = "manifest.json"


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def entry(outcome: Outcome) -> dict[str, Any]:
    """One input's record."""
    return {
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


class Manifest:
    """The manifest of one batch, built as outcomes arrive."""

    def __init__(self, outdir: Path, inputs: list[str], formats: list[str], jobs: int, limits: Limits) -> None:
        self.path = outdir / MANIFEST
        self.header: dict[str, Any] = {
            "tool": "dashuang-parse",
            "version": __version__,
            "schema_version": SCHEMA_VERSION,
            "started": _now(),
            "inputs": inputs,
            "formats": formats,
            "jobs": jobs,
            "limits": asdict(limits),
        }
        self.files: list[dict[str, Any]] = []
        self.outputs: list[str] = []

    def add(self, outcome: Outcome) -> None:
        """Record one input's outcome."""
        self.files.append(entry(outcome))

    def totals(self, seconds: float) -> dict[str, Any]:
        """Counts over the inputs recorded so far."""
        count = {status: sum(1 for f in self.files if f["status"] == status) for status in ("ok", "resumed", "failed")}
        done = count["ok"] + count["resumed"]
        return {
            "inputs": len(self.files),
            "converted": done,
            "ok": count["ok"],
            "resumed": count["resumed"],
            "failed": count["failed"],
            "tasks": sum(f["tasks"] for f in self.files),
            "bytes": sum(f["size"] or 0 for f in self.files),
            "seconds": round(seconds, 3),
            "documents_per_second": round(count["ok"] / seconds, 2) if seconds > 0 else None,
        }

    def write(self, status: str, seconds: float) -> None:
        """Write the manifest atomically with ``status`` ("running", "complete", "interrupted")."""
        content = {
            **self.header,
            "status": status,
            "finished": _now() if status != "running" else None,
            "totals": self.totals(seconds),
            "outputs": self.outputs,
            "files": self.files,
        }
        write_atomic(self.path, _layout(content) + "\n")


def _layout(content: dict[str, Any]) -> str:
    """The manifest as JSON: the header indented, each file's record on one line.

    Readable and greppable, and fast: ``json`` encodes in C only without ``indent``, and the
    file records are nearly all of a big batch's manifest.
    """
    files = content["files"]
    head = json.dumps({**content, "files": []}, ensure_ascii=False, indent=1)
    if not files:
        return head
    records = ",\n".join(f"  {json.dumps(record, ensure_ascii=False)}" for record in files)
    # A top-level key is indented by one space, and no string can hold the unescaped quotes.
    return head.replace('\n "files": []', f'\n "files": [\n{records}\n ]', 1)


def previous_entries(outdir: Path) -> dict[str, dict[str, Any]]:
    """The converted inputs an earlier manifest in ``outdir`` records, by key (for --resume)."""
    try:
        content = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        files = content["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {
        f["key"]: f
        for f in files
        if isinstance(f, dict) and f.get("status") in ("ok", "resumed") and f.get("version") == __version__
    }
