"""Reading zip and tar archives without trusting them.

A crawler's archive may carry names that climb out of the output folder (``../``, ``/etc``),
links, duplicate names, archives inside archives and members that inflate a thousandfold.
Each member is checked before a byte of it is read, and reads are bounded by what the
member may hold, not by what its header claims.
"""

from __future__ import annotations

import os
import posixpath
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import IO, NoReturn

import regex

from ..core.errors import ZIP_ERRORS, CorruptFile, DashuangError, InputTooLarge, UnsafeArchive
from ..core.limits import Limits
from ..read.source import is_regular_file

# Suffixes of archives: a member with one is reported, not opened (no recursion bombs).
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".gz", ".7z", ".rar")
_DRIVE = regex.compile(r"^[A-Za-z]:")
# Members smaller than this are not checked for their compression ratio: tiny files of
# repeated characters compress well without being bombs.
_RATIO_MIN_BYTES = 1024 * 1024
_ZIP_ENCRYPTED = 0x1
# The name of the Member that reports an error of the whole archive.
ARCHIVE_ITSELF = ""  # general purpose flag bit 0
# What decompressing a damaged member raises.
_READ_ERRORS: tuple[type[Exception], ...] = (*ZIP_ERRORS, tarfile.TarError)


@dataclass(frozen=True)
class ZipMember:
    """A zip member that passed the checks, read later by whoever converts it.

    The batch's parent lists and checks a zip; its workers inflate the members, so the bytes
    never cross a pipe and the parent is free to feed both workers.
    """

    archive: str
    info: zipfile.ZipInfo
    stamp: tuple[int, int]  # the archive's size and mtime when it was listed

    def read(self) -> bytes:
        """The member's bytes: at most what its header declares."""
        try:
            with _open_zip(self.archive, self.stamp).open(self.info) as stream:
                return _read_bounded(stream, self.info.file_size, self.info.filename)
        except _READ_ERRORS as exc:
            raise CorruptFile(f"member cannot be read: {exc}", path=self.info.filename) from exc


def _stamp(path: str | Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns


@lru_cache(maxsize=4)
def _open_zip(path: str, stamp: tuple[int, int]) -> zipfile.ZipFile:
    """An open zip, kept: reading its central directory again for every member would make a
    batch over a big archive quadratic. A zip changed since it was listed is not read."""
    if _stamp(path) != stamp:
        raise CorruptFile("archive changed after it was listed", path=path)
    return zipfile.ZipFile(path)


@dataclass(frozen=True)
class Member:
    """One regular file of an archive: its safe relative name and its bytes, or the zip
    member to read them from, or why not."""

    name: str
    data: bytes | ZipMember | None = None
    error: DashuangError | None = None

    def read(self) -> bytes:
        """The member's bytes (a zip member is inflated now)."""
        if isinstance(self.data, ZipMember):
            return self.data.read()
        if self.data is None:
            raise ValueError(f"{self.name}: a member with an error has no bytes")
        return self.data


def is_archive(path: Path) -> bool:
    """Whether ``path`` is a zip or tar file (by content, not by name). Only a regular file
    is looked into: opening a named pipe waits for a writer, and ``/dev/zero`` never ends."""
    if not is_regular_file(path):
        return False
    try:
        return zipfile.is_zipfile(path) and not _is_office_file(path) or tarfile.is_tarfile(path)
    except OSError:
        return False


def _is_office_file(path: Path) -> bool:
    """A .docx is a zip too: it is a notice, not an archive of notices."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except ZIP_ERRORS:
        return False


def safe_name(name: str) -> str:
    """``name`` as a relative POSIX path inside the archive, or raise UnsafeArchive.

    >>> safe_name("a/./b.txt")
    'a/b.txt'
    >>> safe_name("../etc/passwd")
    Traceback (most recent call last):
    ...
    dashuang_parse.core.errors.UnsafeArchive: ../etc/passwd: member name leaves the archive [unsafe-archive]
    """
    cleaned = name.replace("\\", "/")
    if cleaned.startswith("/") or _DRIVE.match(cleaned):
        raise UnsafeArchive("member name is an absolute path", path=name)
    normal = posixpath.normpath(cleaned)
    if normal == ".." or normal.startswith("../") or "\x00" in normal:
        raise UnsafeArchive("member name leaves the archive", path=name)
    return normal


def _nested(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


class _Budget:
    """Counts members and bytes against the archive limits.

    A member that breaks a rule of its own raises an error for that member; one that breaks
    a rule of the whole archive (count, total size, overall ratio) raises ``_ArchiveStop``.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.archive, self.limits = str(path), limits
        self.stored = max(path.stat().st_size, 1)
        self.members = self.total = 0
        self.names: set[str] = set()

    def admit(self, name: str, size: int, compressed: int | None) -> str:
        """Check one member before reading it; returns its safe name."""
        limits = self.limits
        self.members += 1
        self.charge(size)
        if self.members > limits.archive_members:
            raise _ArchiveStop(UnsafeArchive(f"more than {limits.archive_members} members", path=self.archive))
        safe = safe_name(name)
        if safe in self.names:
            raise UnsafeArchive("a second member with the same name", path=name)
        self.names.add(safe)
        if _nested(safe):
            raise UnsafeArchive("an archive inside the archive is not opened", path=name)
        if size > limits.input_bytes:
            raise InputTooLarge(f"member is {size} bytes, over the limit of {limits.input_bytes}", path=name)
        if compressed is not None and size > _RATIO_MIN_BYTES and size > limits.compression_ratio * max(compressed, 1):
            raise UnsafeArchive(f"compression ratio over {limits.compression_ratio} (a zip bomb?)", path=name)
        return safe

    def charge(self, size: int) -> None:
        """Count ``size`` bytes a member declares, before anything reads or skips them.

        Every member counts, files or not: tarfile skips the data a member of an unknown
        type declares by decompressing it, so a 1 TB claim in an 81 KB tar.bz2 would cost
        minutes before the member was even looked at.
        """
        limits = self.limits
        self.total += max(size, 0)
        if self.total > limits.archive_bytes:
            raise _ArchiveStop(
                UnsafeArchive(f"archive expands to more than {limits.archive_bytes} bytes", path=self.archive)
            )
        if self.total > _RATIO_MIN_BYTES and self.total > limits.compression_ratio * self.stored:
            raise _ArchiveStop(
                UnsafeArchive(f"archive expands over {limits.compression_ratio} times (a bomb?)", path=self.archive)
            )


class _ArchiveStop(Exception):
    """A whole-archive limit was reached: no further member is read."""

    def __init__(self, error: DashuangError) -> None:
        super().__init__(str(error))
        self.error = error


def _read_bounded(stream: IO[bytes], limit: int, name: str) -> bytes:
    """Read at most ``limit`` bytes; a member that holds more than its header said is refused."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnsafeArchive("member holds more than its header declares", path=name)
    return data


def iter_members(path: Path, limits: Limits) -> Iterator[Member]:
    """The regular-file members of a zip or tar archive, checked, in archive order.

    A member that breaks a rule is yielded with its error; a rule of the whole archive
    (member count, total size) ends the iteration with an error member of no name (the
    archive itself).
    """
    label = str(path)
    try:
        budget = _Budget(path, limits)
        members = _zip_members(path, budget) if zipfile.is_zipfile(path) else _tar_members(path, budget)
        for name, read in members:
            try:
                safe, data = read()
                yield Member(safe, data)
            except _ArchiveStop as stop:
                yield Member(ARCHIVE_ITSELF, error=stop.error)
                return
            except DashuangError as exc:
                yield Member(name, error=exc)
            except _READ_ERRORS as exc:
                yield Member(name, error=CorruptFile(f"member cannot be read: {exc}", path=name))
    except _READ_ERRORS as exc:
        yield Member(ARCHIVE_ITSELF, error=CorruptFile(f"archive cannot be read: {exc}", path=label))


def member_names(path: Path) -> list[str] | None:
    """The file names a zip lists (its central directory: nothing is inflated); None for a
    tar, which only reading can list, or an archive that cannot be opened."""
    try:
        if not zipfile.is_zipfile(path):
            return None
        with zipfile.ZipFile(path) as archive:
            return [info.filename for info in archive.infolist() if not info.is_dir()]
    except ZIP_ERRORS:
        return None


# (member name as written, a function checking it and reading its safe name and bytes)
_Entry = tuple[str, Callable[[], tuple[str, bytes | ZipMember]]]


def _zip_members(path: Path, budget: _Budget) -> Iterator[_Entry]:
    stamp = _stamp(path)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.is_dir():
                yield info.filename, partial(_check_zip_member, ZipMember(str(path), info, stamp), budget)


def _check_zip_member(member: ZipMember, budget: _Budget) -> tuple[str, ZipMember]:
    info = member.info
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchive("member is a symbolic link", path=info.filename)
    if info.flag_bits & _ZIP_ENCRYPTED:
        raise UnsafeArchive("member is encrypted", path=info.filename)
    return budget.admit(info.filename, info.file_size, info.compress_size), member


def _tar_members(path: Path, budget: _Budget) -> Iterator[_Entry]:
    with tarfile.open(path) as archive:
        for info in archive:
            if not info.isdir():
                yield info.name, partial(_read_tar_member, archive, info, budget)


def _refuse_tar_member(info: tarfile.TarInfo, budget: _Budget, why: str) -> NoReturn:
    budget.charge(info.size)  # an _ArchiveStop before tarfile skips a huge claim
    raise UnsafeArchive(f"member is {why}", path=info.name)


def _read_tar_member(archive: tarfile.TarFile, info: tarfile.TarInfo, budget: _Budget) -> tuple[str, bytes]:
    if not info.isfile():
        _refuse_tar_member(info, budget, "a link or device, not a file")
    safe = budget.admit(info.name, info.size, None)
    stream = archive.extractfile(info)
    if stream is None:
        raise CorruptFile("member cannot be read", path=info.name)
    return safe, _read_bounded(stream, info.size, info.name)
