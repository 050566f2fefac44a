"""The work done for one input inside a worker process: read, parse, write its JSON, return rows.

A worker is a separate process so that a file that hangs, exhausts memory or crashes a
library takes down only itself. Inside it, a per-file timer and an address-space limit turn
the first two into ordinary errors.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.deadline import deadline
from ..core.errors import DashuangError, InputTooLarge, NotAFile, OutputError, os_error
from ..core.limits import Limits
from ..export.html_archive import ARCHIVE_PAGE, page_name
from ..export.html_page import render_page
from ..export.output import document_json, write_atomic
from ..export.rows import DocumentRow, TaskRow, document_row, task_rows
from ..pipeline import parse_data
from .archives import ZipMember


@dataclass(frozen=True)
class Settings:
    """What every job of a batch shares."""

    outdir: Path
    write_json: bool = True
    include_text: bool = True
    limits: Limits = field(default_factory=Limits)
    parent: int = field(default_factory=os.getpid)  # the batch process, which workers die with
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
    raw_name: str | None = None  # the name's bytes in hex, when they are not UTF-8


@dataclass
class Outcome:
    """What became of one input."""

    index: int
    key: str
    label: str
    status: str  # "ok", "resumed", "failed" or "skipped"
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
    warnings: tuple[str, ...] = ()  # the document's diagnostics a batch counts (COUNTED)
    raw_name: str | None = None
    # A fault of the machine (a full or read-only disk), not of the input: the batch stops.
    fatal: bool = False

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
        return self.status in ("ok", "resumed")

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


# Diagnostics a batch counts in its manifest and summary: a text that is not a notice, and
# one read only in part.
COUNTED = ("no-structure", "text-truncated")


def failed(index: int, key: str, label: str, error: BaseException, seconds: float = 0.0) -> Outcome:
    """An Outcome for an input that could not be converted."""
    if isinstance(error, DashuangError):
        code, message = error.code, error.message
    else:  # a defect of ours: keep the batch going, but say so plainly
        code = "internal-error"
        message = f"{type(error).__name__}: {_describe(error)} (please report this file)"
    fatal = isinstance(error, OutputError)
    return Outcome(index, key, label, "failed", seconds=seconds, error_code=code, error_message=message, fatal=fatal)


def _describe(error: BaseException) -> str:
    # str() of an exception from a C extension can itself fail (or run out of memory).
    try:
        return str(error)[:500]
    except BaseException:  # noqa: BLE001
        return "(no description)"


def read_input(job: Job, limits: Limits) -> bytes:
    """The bytes of a job's input, within ``limits.input_bytes``."""
    if isinstance(job.data, ZipMember):
        return job.data.read()
    if job.data is not None:
        return job.data
    assert job.path is not None
    try:
        # Non-blocking, so that a pipe put in the folder after it was listed cannot hang us.
        handle = os.open(job.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise NotAFile("not a regular file (a folder, pipe or device)", path=job.label)
            if status.st_size > limits.input_bytes:
                raise InputTooLarge(
                    f"file is {status.st_size} bytes, over the limit of {limits.input_bytes}", path=job.label
                )
            return stream.read(limits.input_bytes + 1)
    except OSError as exc:
        raise os_error(exc, job.label) from exc


def convert_one(job: Job, settings: Settings) -> Outcome:
    """Read, parse and (optionally) write one input; never raises for a bad input."""
    started = time.perf_counter()
    try:
        with deadline(settings.limits.seconds, job.label):
            data = read_input(job, settings.limits)
            doc = parse_data(data, job.label, Path(job.key).suffix.lower(), settings.limits)
            source = doc.source
            assert source is not None  # parse_data records one
            if settings.write_json and job.output is not None:
                content = document_json(doc, include_text=settings.include_text)
                _write_output(settings.outdir / job.output, content + "\n", job.label)
            if settings.write_html and job.output is not None:
                page = page_name(job.output.removesuffix(".json"))
                archive = "../" * page.count("/") + ARCHIVE_PAGE
                _write_output(settings.outdir / page, render_page(doc, archive=archive), job.label)
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
                warnings=tuple(sorted({d.code for d in doc.diagnostics if d.code in COUNTED})),
                raw_name=job.raw_name,
                **row_lines(task_rows(doc, job.key), document_row(doc, job.key, output)),
            )
    except MemoryError:
        error = InputTooLarge("ran out of memory parsing this file", path=job.label)
        return _failed(job, error, started)
    except BaseException as exc:  # noqa: BLE001 - one bad file must never stop the batch, whatever it raises
        return _failed(job, exc, started)


def _failed(job: Job, error: BaseException, started: float) -> Outcome:
    outcome = failed(job.index, job.key, job.label, error, time.perf_counter() - started)
    outcome.raw_name = job.raw_name
    return outcome


def _write_output(path: Path, content: str, label: str) -> None:
    """Write a document's JSON; a disk that refuses it is the machine's fault, not the input's."""
    try:
        write_atomic(path, content)
    except OSError as exc:
        raise OutputError(f"cannot write {path.name}: {exc.strerror or exc}", path=label) from exc


# The settings of this worker process, set once by ``initialize``.
_settings: Settings | None = None


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when the batch process dies, however it dies (a
    SIGKILL gives the batch no chance to stop its workers); elsewhere the pool's pipes
    closing ends an idle worker, and the per-file timer a busy one."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the batch died before the request was made
        os._exit(1)


def initialize(settings: Settings) -> None:
    """Set up a worker process: its settings, its memory limit, and death with its parent."""
    global _settings
    _settings = settings
    _die_with_parent(settings.parent)
    # Ctrl-C reaches the whole process group: the batch decides what stops, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
