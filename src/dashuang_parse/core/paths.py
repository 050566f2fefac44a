"""File names as people and JSON can take them.

On POSIX a file name is bytes; Python hands over the bytes that are not UTF-8 (a GBK name
from a Windows archive) as lone surrogates, which no JSON encoder, terminal or pydantic
model accepts. Every name a Document, a manifest or a message records goes through
``display_name``: the bytes that are not UTF-8 are written ``\\xNN``, so the record says
exactly what the name holds and never fails to print.
"""

from __future__ import annotations

import os
import stat
from pathlib import PurePath

from .errors import NotAFile, os_error


def has_raw_bytes(name: str) -> bool:
    """Whether ``name`` carries bytes that are not UTF-8 (as surrogate escapes).

    >>> has_raw_bytes(os.fsdecode(b"\\xb9\\xab.txt")), has_raw_bytes("公告.txt")
    (True, False)
    """
    return any("\udc80" <= ch <= "\udcff" for ch in name)


def display_name(name: str | os.PathLike[str]) -> str:
    """``name`` as valid Unicode: bytes that are not UTF-8 shown as ``\\xNN``.

    >>> display_name(os.fsdecode(b"a\\xb9\\xab.txt"))
    'a\\\\xb9\\\\xab.txt'
    """
    text = os.fspath(name) if isinstance(name, (str, PurePath)) else os.fsdecode(name)
    if not has_raw_bytes(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def raw_hex(name: str) -> str | None:
    """The bytes of a name that is not UTF-8, in hex (None for a UTF-8 name): what the
    manifest records so the file can be found again whatever its bytes.

    >>> raw_hex(os.fsdecode(b"\\xb9\\xab")), raw_hex("a")
    ('b9ab', None)
    """
    return os.fsencode(name).hex() if has_raw_bytes(name) else None


def check_file(path: str | os.PathLike[str]) -> None:
    """Raise ``FileNotFound`` for a path that does not exist and ``NotAFile`` for a folder:
    the two mistakes of a command line told apart from a file that cannot be read.

    >>> check_file("no/such/file.txt")
    Traceback (most recent call last):
    ...
    dashuang_parse.core.errors.FileNotFound: no/such/file.txt: no such file or folder [file-not-found]
    """
    name = display_name(os.fspath(path))
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise os_error(exc, name) from exc
    if stat.S_ISDIR(mode):
        raise NotAFile("is a folder, not a file", path=name)
