"""A file's bytes, read within a cap whatever the path names: the kind of file is checked
before a byte is read.

A crawler's folder, a command line or a list file may name things that are not files: a
named pipe (opening one waits for a writer, forever), ``/dev/zero`` or ``/dev/urandom``
(endless), a folder, a socket. A regular file is read up to ``max_bytes`` (its size is
checked first, and the read is capped too: the file may grow); a pipe or a character device
is a stream, read in chunks up to the cap (``cat notice.txt | dashuang-parse parse
/dev/stdin`` works; a pipe nobody writes to is empty at once); anything else is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.errors import InputTooLarge, UnsupportedFormat, os_error

# Bytes asked for in one read of a stream.
_CHUNK = 1024 * 1024
# Flags every open gets: never wait for a pipe's writer, never become the controlling
# terminal, never leak into a child process.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


# The kinds read as a stream, with a cap.
STREAM_KINDS = frozenset({"named pipe", "device"})


def file_kind(mode: int) -> str:
    """What ``st_mode`` names: "file", a stream ("named pipe", "device": a character
    device), or what else.

    >>> file_kind(stat.S_IFREG), file_kind(stat.S_IFIFO), file_kind(stat.S_IFDIR)
    ('file', 'named pipe', 'folder')
    """
    return next((kind for test, kind in _KINDS if test(mode)), "special file")


# What a mode can name, in the words of the messages.
_KINDS = (
    (stat.S_ISREG, "file"),
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISDIR, "folder"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISBLK, "block device"),
)


def is_regular_file(path: str | Path) -> bool:
    """Whether ``path`` names a regular file (links followed), without opening it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_capped(path: str | Path, max_bytes: int, *, label: str | None = None) -> bytes:
    """The bytes of ``path``, at most ``max_bytes`` of them; ``InputTooLarge`` past that.

    Raises ``UnsupportedFormat`` for a folder, socket or block device, ``DashuangError``
    when the path cannot be opened.
    """
    label = label or str(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise os_error(exc, label) from exc
    try:
        status = os.fstat(fd)
        kind = file_kind(status.st_mode)
        if kind == "file":
            if status.st_size > max_bytes:
                raise InputTooLarge(f"file is {status.st_size} bytes, over the limit of {max_bytes}", path=label)
        elif kind in STREAM_KINDS:
            os.set_blocking(fd, True)  # now wait for a writer's data (a pipe with none is at its end)
        else:
            raise UnsupportedFormat(f"not a file but a {kind}", path=label)
        data = _read_up_to(fd, max_bytes + 1)
    except OSError as exc:
        raise os_error(exc, label) from exc
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputTooLarge(f"{kind} holds more than {max_bytes} bytes (limit input_bytes)", path=label)
    return data


def _read_up_to(fd: int, most: int) -> bytes:
    """Read until the end or ``most`` bytes, whichever comes first."""
    buffer = bytearray()
    while len(buffer) < most:
        chunk = os.read(fd, min(_CHUNK, most - len(buffer)))
        if not chunk:
            break
        buffer += chunk
    return bytes(buffer)
