"""Errors as RFC 9457 problem details: one table from error ``code`` to HTTP status.

Every failure the service answers carries ``code`` — the library's stable error code
(docs/limits.md) for a file that cannot be parsed, or one of the service's own for a request
that cannot be served — so a client tells them apart without reading prose.

>>> problem("timeout", "took longer than 5 s", file="a.pdf")["status"]
422
>>> status_of("server-busy"), status_of("no-such-code")
(503, 422)
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_MEDIA_TYPE = "application/problem+json"
# Where each problem type is described; the domain is reserved (RFC 2606): the URI names
# the type, it is not fetched.
TYPE_BASE = "https://dashuang-parse.invalid/problems/"

# code → (HTTP status, title). A file the parser refuses is 422 (or 413 when it is over a
# limit): the request was well formed, and sending the same file again fails the same way.
# Only a defect of ours (500) and a full queue (503) are server errors.
PROBLEMS: dict[str, tuple[int, str]] = {
    # the library's codes (core/errors.py)
    "error": (422, "The file could not be read"),
    "unsupported-format": (422, "Not a format any reader handles"),
    "decode-error": (422, "The bytes are not text in any supported encoding"),
    "input-too-large": (413, "Over a limit"),
    "corrupt-file": (422, "The file is damaged or truncated"),
    "empty-input": (422, "The file holds no text"),
    "ocr-needed": (422, "A PDF without a text layer"),
    "encrypted": (422, "The file needs a password"),
    "unsafe-input": (422, "Input built to attack a parser"),
    "unsafe-archive": (422, "An unsafe archive"),
    "timeout": (422, "The parse took longer than the time limit"),
    "worker-crashed": (422, "The process parsing the file died (out of memory or a crash)"),
    # the service's own
    "invalid-request": (422, "The request's parameters or body are not valid"),
    "unsupported-media-type": (415, "Send multipart/form-data or application/octet-stream"),
    "not-acceptable": (406, "No response media type the Accept header allows"),
    "not-found": (404, "No such resource"),
    "method-not-allowed": (405, "Method not allowed"),
    "server-busy": (503, "Every worker is busy and the queue is full; retry later"),
    "internal-error": (500, "A defect of the service"),
}
# A code missing from the table (a new error class) is still a refused file, not a crash.
_DEFAULT = (422, "The file could not be parsed")
# HTTP errors raised by the framework (routing, validation) and the code each stands for.
HTTP_CODES = {404: "not-found", 405: "method-not-allowed", 406: "not-acceptable", 415: "unsupported-media-type"}


class Problem(BaseModel):
    """An RFC 9457 problem details object, with ``code`` and, when a file was sent, ``file``."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI naming the problem type: the base followed by `code`")
    title: str = Field(description="Short summary of the problem type")
    status: int = Field(description="The HTTP status code")
    detail: str = Field(description="What went wrong with this request")
    code: str = Field(description="Stable error code (see docs/service.md)")
    file: str | None = Field(default=None, description="The file name the request gave, when there was a file")


def status_of(code: str) -> int:
    """The HTTP status of an error ``code``."""
    return PROBLEMS.get(code, _DEFAULT)[0]


def problem(code: str, detail: str, *, file: str | None = None, **extra: Any) -> dict[str, Any]:
    """The problem details object for ``code``."""
    status, title = PROBLEMS.get(code, _DEFAULT)
    body: dict[str, Any] = {"type": TYPE_BASE + code, "title": title, "status": status, "detail": detail, "code": code}
    if file is not None:
        body["file"] = file
    return {**body, **extra}
