"""Typed errors: every failure a user can cause has a class, a stable code and the file name."""

from __future__ import annotations

import zipfile
import zlib

# What opening or reading a damaged zip (a .docx, an archive) raises in the stdlib: a zip
# "of version 6.4" or spanning disks is NotImplementedError, a bad header ValueError…
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    OSError,
    ValueError,
)


class DashuangError(Exception):
    """Base of every error dashuang_parse raises on bad input.

    ``code`` is stable (kebab-case) and ``path`` names the file, when there is one.
    """

    code = "error"
    exit_status = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class UnsupportedFormat(DashuangError):
    """The input is not a format any reader handles."""

    code = "unsupported-format"
    exit_status = 3


class DecodeError(DashuangError):
    """The bytes could not be decoded as text in any supported encoding."""

    code = "decode-error"
    exit_status = 4


class InputTooLarge(DashuangError):
    """The input exceeds a configured limit."""

    code = "input-too-large"
    exit_status = 5


class CorruptFile(DashuangError):
    """The file is damaged or truncated."""

    code = "corrupt-file"
    exit_status = 6


class GoldFormatError(DashuangError):
    """A gold annotation file does not follow gold-format.md."""

    code = "gold-format"
    exit_status = 7


class EmptyInput(DashuangError):
    """The input holds no text at all."""

    code = "empty-input"
    exit_status = 8


class NeedsOCR(DashuangError):
    """A PDF whose pages carry no text layer: only OCR could read it."""

    code = "ocr-needed"
    exit_status = 9


class EncryptedFile(DashuangError):
    """A file protected by a password."""

    code = "encrypted"
    exit_status = 10


class UnsafeInput(DashuangError):
    """Input built to attack a parser: entity expansion, external entities, DTD loading."""

    code = "unsafe-input"
    exit_status = 11


class UnsafeArchive(DashuangError):
    """An archive member that would escape the output or exhaust the machine: a path outside
    the archive, a link, a duplicate name, a nested archive, a zip bomb."""

    code = "unsafe-archive"
    exit_status = 12


class Timeout(DashuangError):
    """A file took longer than the per-file time limit."""

    code = "timeout"
    exit_status = 13


class WorkerCrashed(DashuangError):
    """The process parsing a file died (killed for memory, or a crash in a library)."""

    code = "worker-crashed"
    exit_status = 14


class FileNotFound(DashuangError):
    """The input named does not exist."""

    code = "file-not-found"
    exit_status = 17


class NotAFile(DashuangError):
    """The input named is a folder, a pipe or a device where a notice file was expected."""

    code = "not-a-file"
    exit_status = 18


class OutputError(DashuangError):
    """An output cannot be written: a read-only or full disk, ``-o`` naming a file where a
    folder is needed. A fault of the machine, not of an input: a batch stops at it."""

    code = "output-error"
    exit_status = 19


class OutputBusy(DashuangError):
    """Another batch is writing into the same output folder."""

    code = "output-busy"
    exit_status = 20


class OutputNotOwned(DashuangError):
    """The output folder holds files that are not this batch's own resumable outputs."""

    code = "output-exists"
    exit_status = 21


def os_error(exc: OSError, path: str | None, doing: str = "cannot read file") -> DashuangError:
    """The ``DashuangError`` for an ``OSError`` met reading ``path``: a missing file and a
    folder have their own classes (and exit statuses), anything else is the base class.

    >>> os_error(FileNotFoundError(2, "No such file or directory"), "x.txt").code
    'file-not-found'
    """
    if isinstance(exc, FileNotFoundError):
        return FileNotFound("no such file or folder", path=path)
    if isinstance(exc, IsADirectoryError):
        return NotAFile("is a folder, not a file", path=path)
    return DashuangError(f"{doing}: {exc.strerror or exc}", path=path)
