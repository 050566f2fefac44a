"""The request body → one file in the request's temporary folder, within the size limit.

A body is streamed to disk as it arrives, so a large upload costs the server no memory and
one over the limit is refused as soon as it passes it. Two forms are read: the raw file
(``application/octet-stream``, its name in the ``filename`` query parameter) and a form
upload (``multipart/form-data``, the file in the part named ``file``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

RAW = "application/octet-stream"
FORM = "multipart/form-data"
FORM_FIELD = "file"  # the multipart part that holds the file
# Name of the upload inside the request's folder: never the client's name, which is only a label.
_STORED = "upload"


class UploadError(Exception):
    """A body that cannot be taken: ``code`` says why (see problems.py)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class Upload:
    """The file a request carried: where it is stored, and the name the client gave it."""

    path: Path
    filename: str | None
    size: int


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, without parameters."""
    media, _ = parse_options_header(content_type or "")
    return media.decode("latin-1").strip().lower()


async def receive(content_type: str | None, chunks: AsyncIterator[bytes], folder: Path, max_bytes: int) -> Upload:
    """Store the file of a body (``chunks``) in ``folder``; ``UploadError`` when the body is
    over ``max_bytes``, of a media type not read, or a form without its file."""
    media = media_type(content_type)
    target = folder / _STORED
    with target.open("wb") as out:
        if media == RAW:
            size = await _copy(chunks, out, max_bytes)
            return Upload(target, None, size)
        if media == FORM:
            return await _read_form(content_type or "", chunks, out, target, max_bytes)
    raise UploadError(
        "unsupported-media-type", f"cannot read a body of type {media or '(none)'!r}; send {RAW} or {FORM}"
    )


def over_limit(size: int, max_bytes: int) -> UploadError:
    """The error for a body of ``size`` bytes over ``max_bytes``."""
    return UploadError("input-too-large", f"request body is over the limit of {max_bytes} bytes (at least {size})")


async def _copy(chunks: AsyncIterator[bytes], out: BinaryIO, max_bytes: int) -> int:
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise over_limit(size, max_bytes)
        out.write(chunk)
    return size


class _Form:
    """Callbacks of the streaming multipart parser: the part named ``file`` goes to ``out``,
    every other part is skipped."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.in_file = False
        self.files = 0
        self.filename: str | None = None
        self.size = 0
        self.ended = False

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_end": self.on_end,
        }

    def on_part_begin(self) -> None:
        self.disposition, self.in_file = b"", False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.strip().lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if options.get(b"name") != FORM_FIELD.encode():
            return
        self.files += 1
        if self.files > 1:
            raise UploadError("invalid-request", f"send one file per request (several parts named {FORM_FIELD!r})")
        self.in_file = True
        if b"filename" in options:
            # RFC 7578: UTF-8 is what browsers and HTTP libraries send.
            self.filename = options[b"filename"].decode("utf-8", errors="replace")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.in_file:
            self.out.write(data[start:end])
            self.size += end - start

    def on_end(self) -> None:
        self.ended = True


async def _read_form(
    content_type: str, chunks: AsyncIterator[bytes], out: BinaryIO, target: Path, max_bytes: int
) -> Upload:
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise UploadError("invalid-request", "a multipart/form-data body needs a boundary")
    form = _Form(out)
    received = 0
    try:
        parser = MultipartParser(boundary, form.callbacks())  # type: ignore[arg-type]
        async for chunk in chunks:
            received += len(chunk)
            if received > max_bytes:
                raise over_limit(received, max_bytes)
            parser.write(chunk)
        parser.finalize()
    except (FormParserError, ValueError) as exc:
        raise UploadError("invalid-request", f"not a valid multipart/form-data body: {exc}") from exc
    if not form.ended:
        raise UploadError("invalid-request", "the form ends before its closing boundary")
    if not form.files:
        raise UploadError("invalid-request", f"the form has no part named {FORM_FIELD!r}")
    return Upload(target, form.filename, form.size)
