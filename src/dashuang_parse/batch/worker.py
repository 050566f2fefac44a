"""The work done for one input inside a worker process: read, parse, write its JSON, return rows.

A worker is a separate process so that a file that hangs, exhausts memory or crashes a
library takes down only itself. Inside it, a per-file timer and an address-space limit turn
the first two into ordinary errors.
"""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from ..core.errors import DashuangError, InputTooLarge, Timeout
from ..core.limits import Limits
from ..core.models import Source
from ..export.html_archive import ARCHIVE_PAGE, page_name
from ..export.html_page import render_page
from ..export.output import document_json, write_atomic
from ..export.rows import DocumentRow, TaskRow, document_row, task_rows
from ..pipeline import parse_text
from ..read import read_bytes
from .archives import ZipMember


@dataclass(frozen=True)
class Settings:
    """What every job of a batch shares."""

    outdir: Path
    write_json: bool = True
    include_text: bool = True
    limits: Limits = field(default_factory=Limits)
    write_html: bool = False  # a notice page beside each JSON, linking back to the archive page


@dataclass(frozen=True)
class Job:
    """One input sent to a worker: a path to read, bytes read from a tar, or a zip member
    to read."""

    index: int
    key: str
    label: str
    output: str | None  # path of its JSON, relative to the output folder
    path: str | None = None
    data: bytes | ZipMember | None = None


@dataclass
class Outcome:
    """What became of one input."""

    index: int
    key: str
    label: str
    status: str  # "ok", "failed" or "resumed"
    output: str | None = None
    sha256: str | None = None
    size: int | None = None
    format: str | None = None
    seconds: float = 0.0
    error_code: str | None = None
    error_message: str | None = None
    # The rows as JSON Lines, made in the worker: strings cross the process boundary and
    # reach the row files without the parent serializing anything.
    task_lines: str = ""
    document_line: str | None = None
    task_count: int = 0

    @property
    def tasks(self) -> list[TaskRow]:
        """The task rows (tasks.jsonl lines) of a converted input."""
        return [json.loads(line) for line in self.task_lines.splitlines()]

    @property
    def document(self) -> DocumentRow | None:
        """The document row (a documents.jsonl line) of a converted input."""
        return json.loads(self.document_line) if self.document_line is not None else None

    @property
    def ok(self) -> bool:
        """Whether the input was converted (now or by an earlier run)."""
        return self.status != "failed"

    def error_dict(self) -> dict[str, Any] | None:
        """The error as the manifest records it."""
        if self.error_code is None:
            return None
        return {"code": self.error_code, "message": self.error_message}


def row_lines(tasks: list[TaskRow], document: DocumentRow) -> dict[str, Any]:
    """The Outcome fields holding ``tasks`` and ``document`` as JSON Lines."""
    return {
        "task_lines": "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in tasks),
        "document_line": json.dumps(document, ensure_ascii=False),
        "task_count": len(tasks),
    }


def failed(index: int, key: str, label: str, error: BaseException, seconds: float = 0.0) -> Outcome:
    """An Outcome for an input that could not be converted."""
    if isinstance(error, DashuangError):
        code, message = error.code, error.message
    else:  # a defect of ours: keep the batch going, but say so plainly
        code = "internal-error"
        message = f"{type(error).__name__}: {error} (please report this file)"
    return Outcome(index, key, label, "failed", seconds=seconds, error_code=code, error_message=message)


def read_input(job: Job, limits: Limits) -> bytes:
    """The bytes of a job's input, within ``limits.input_bytes``."""
    if isinstance(job.data, ZipMember):
        return job.data.read()
    if job.data is not None:
        return job.data
    assert job.path is not None
    path = Path(job.path)
    try:
        size = path.stat().st_size
        if size > limits.input_bytes:
            raise InputTooLarge(f"file is {size} bytes, over the limit of {limits.input_bytes}", path=job.label)
        with path.open("rb") as handle:
            return handle.read(limits.input_bytes + 1)
    except OSError as exc:
        raise DashuangError(f"cannot read file: {exc.strerror or exc}", path=job.label) from exc


def convert_one(job: Job, settings: Settings) -> Outcome:
    """Read, parse and (optionally) write one input; never raises for a bad input."""
    started = time.perf_counter()
    try:
        with _time_limit(settings.limits.seconds, job.label):
            data = read_input(job, settings.limits)
            decoded = read_bytes(data, path=job.label, suffix=Path(job.key).suffix.lower(), limits=settings.limits)
            source = Source(
                path=job.label,
                format=decoded.format,
                encoding=decoded.encoding,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
            )
            doc = parse_text(decoded.text, source=source, limits=settings.limits)
            if settings.write_json and job.output is not None:
                content = document_json(doc, include_text=settings.include_text)
                write_atomic(settings.outdir / job.output, content + "\n")
            if settings.write_html:
                page = page_name(job.key)
                archive = "../" * page.count("/") + ARCHIVE_PAGE
                write_atomic(settings.outdir / page, render_page(doc, archive=archive))
        output = job.output if settings.write_json else None
        return Outcome(
            job.index,
            job.key,
            job.label,
            "ok",
            output=output,
            sha256=source.sha256,
            size=source.size,
            format=source.format,
            seconds=time.perf_counter() - started,
            **row_lines(task_rows(doc, job.key), document_row(doc, job.key, output)),
        )
    except MemoryError:
        error = InputTooLarge("ran out of memory parsing this file", path=job.label)
        return failed(job.index, job.key, job.label, error, time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return failed(job.index, job.key, job.label, exc, time.perf_counter() - started)


class _time_limit:
    """Raise ``Timeout`` in this thread when the block runs longer than ``seconds``.

    Uses the interval timer, so it works only in a process's main thread on POSIX; elsewhere
    it does nothing and the batch's watchdog is the only guard.
    """

    def __init__(self, seconds: float, label: str) -> None:
        self.seconds, self.label = seconds, label
        self.active = (
            seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        )

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"took longer than {self.seconds:g} s", path=self.label)

    def __enter__(self) -> None:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


# The settings of this worker process, set once by ``initialize``.
_settings: Settings | None = None


def initialize(settings: Settings) -> None:
    """Set up a worker process: its settings and its memory limit."""
    global _settings
    _settings = settings
    try:
        import resource

        limit = settings.limits.memory_bytes
        if limit > 0:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            resource.setrlimit(resource.RLIMIT_AS, (limit if hard < 0 else min(limit, hard), hard))
    except (ImportError, ValueError, OSError):
        pass  # no RLIMIT_AS on this platform: the parent's watchdog still stops runaway files


def convert_chunk(jobs: list[Job]) -> list[Outcome]:
    """Convert a few jobs in this worker (fewer round trips to the parent)."""
    assert _settings is not None, "initialize() was not called in this worker"
    return [convert_one(job, _settings) for job in jobs]
