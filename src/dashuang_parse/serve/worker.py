"""The parse of one request inside a worker process.

The limits are batch's (batch/worker.py): the process is set up by batch's ``initialize``
(an address-space limit for the whole process), each parse runs under the same per-file
deadline (core/deadline.py) and reads its input with batch's ``read_input`` (the input-size
limit). A request may lower the memory limit for its own parse (``memory_cap`` never raises
the worker's); the limit is put back afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..batch.worker import Job, Settings, initialize, read_input
from ..core.deadline import deadline, memory_cap
from ..core.errors import DashuangError, InputTooLarge
from ..core.limits import Limits
from ..export.output import document_json
from ..export.rows import task_rows
from ..pipeline import parse_data, parse_text

# A notice parsed once when a worker starts, so that the first request does not pay for
# loading the dictionaries.
_WARM_UP = "一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）"


@dataclass(frozen=True)
class ParseJob:
    """One request's parse: the uploaded file (in the request's temporary folder), the name
    the client gave it, what to answer and the request's limits."""

    path: str
    filename: str
    want: Literal["document", "tasks"]
    limits: Limits
    compact: bool = False
    include_text: bool = True


@dataclass(frozen=True)
class Reply:
    """What a parse gives back: the response body (Document JSON, or task rows as JSON
    Lines) or an error code and message."""

    content: str | None = None
    code: str | None = None
    message: str | None = None


def start(settings: Settings) -> None:
    """Set up a worker process as batch does, then load the parser's dictionaries."""
    initialize(settings)
    parse_text(_WARM_UP)


def run_job(job: ParseJob) -> Reply:
    """Read and parse one upload; never raises for a bad file."""
    try:
        with memory_cap(job.limits.memory_bytes, job.filename), deadline(job.limits.seconds, job.filename):
            return Reply(content=_parse(job))
    except MemoryError:
        return Reply(code=InputTooLarge.code, message="ran out of memory parsing this file")
    except DashuangError as error:
        return Reply(code=error.code, message=error.message)
    except Exception as error:  # noqa: BLE001 - a defect of ours: answer 500, keep the worker
        return Reply(code="internal-error", message=f"{type(error).__name__}: {error}")


def _parse(job: ParseJob) -> str:
    data = read_input(Job(index=0, key=job.filename, label=job.filename, output=None, path=job.path), job.limits)
    doc = parse_data(data, job.filename, Path(job.filename).suffix.lower(), job.limits)
    if job.want == "tasks":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in task_rows(doc, job.filename))
    return document_json(doc, compact=job.compact, include_text=job.include_text)
