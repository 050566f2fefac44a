"""What a batch reads: folders (recursive), zip and tar archives, list files, single files.

Every input becomes a stream of ``Item``s in a stable order, each with a ``key``: the
relative path its outputs mirror. With one INPUT, keys are relative to it; with several,
each INPUT's keys start with its own name, so outputs never collide.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..core.errors import DashuangError, UnsafeInput, UnsupportedFormat
from ..core.limits import Limits
from ..read.source import file_kind, is_regular_file, read_capped
from .archives import ZipMember, is_archive, iter_members, member_names

# A list file names one input per line (paths relative to the list file; # starts a comment).
LIST_SUFFIXES = (".lst", ".list")
# Files a folder or archive is searched for; others (images, scripts, our own .json output)
# are passed over. A file named on the command line or in a list file is always read.
NOTICE_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx"}
)
# Separates an archive's path from a member's name in messages and ``Source.path``.
MEMBER_SEPARATOR = "::"


@dataclass(frozen=True)
class Item:
    """One notice to convert: where it comes from and the key its outputs are named by.

    Exactly one of ``path`` (a file to read), ``data`` (bytes read from a tar, or the zip
    member to read them from) and ``error`` (why it cannot be converted) is set.
    """

    key: str
    label: str
    path: Path | None = None
    data: bytes | ZipMember | None = None
    error: DashuangError | None = None

    @property
    def size(self) -> int:
        """Bytes the input holds, as far as is known without reading it (0 for a file)."""
        if isinstance(self.data, ZipMember):
            return self.data.info.file_size
        return len(self.data or b"")

    @property
    def suffix(self) -> str:
        """The lower-case extension of the input's name (".txt", ".html"…), or ""."""
        return PurePosixPath(self.key).suffix.lower()


def _is_list_file(path: Path) -> bool:
    return path.suffix.lower() in LIST_SUFFIXES


def input_names(inputs: Sequence[Path]) -> list[str]:
    """The key prefix of each INPUT: none for a single input, else its name made unique."""
    if len(inputs) == 1:
        return [""]
    names: list[str] = []
    for path in inputs:
        base = path.name or "input"
        name, number = base, 1
        while name in names:
            number += 1
            name = f"{base}~{number}"
        names.append(name)
    return names


def iter_items(inputs: Sequence[Path], limits: Limits, *, exclude: Path | None = None) -> Iterator[Item]:
    """Every notice the INPUTs hold, in order; ``exclude`` (the output folder) is skipped."""
    skip = exclude.resolve() if exclude is not None else None
    for path, name in zip(inputs, input_names(inputs)):
        yield from _expand(path, name, limits, skip, lists=True)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix and name else prefix or name


def _expand(path: Path, prefix: str, limits: Limits, skip: Path | None, *, lists: bool) -> Iterator[Item]:
    label = str(path)
    if path.is_dir():
        yield from _walk(path, prefix, limits, skip)
    elif not path.exists():
        yield Item(prefix or path.name, label, error=DashuangError("no such file or folder", path=label))
    elif not is_regular_file(path):
        yield Item(prefix or path.name, label, error=_not_a_file(path))
    elif lists and _is_list_file(path):
        yield from _listed(path, prefix, limits, skip)
    elif _holds_notices(path):
        for member in iter_members(path, limits):
            if member.error is None and not _wanted(member.name):
                continue
            member_label = f"{label}{MEMBER_SEPARATOR}{member.name}" if member.name else label
            key = _join(prefix, member.name) or path.name
            yield Item(key, member_label, data=member.data, error=member.error)
    else:
        yield Item(prefix or path.name, label, path=path)


def _not_a_file(path: Path) -> DashuangError:
    """Why a path that is no regular file is not read: the batch's parent has no time or
    memory limit, so it never opens a named pipe (that waits for a writer) or a device, and
    hands no such path to a worker either."""
    try:
        kind = file_kind(path.stat().st_mode)
    except OSError as exc:
        return DashuangError(f"cannot read file: {exc.strerror or exc}", path=str(path))
    return UnsupportedFormat(f"not a regular file but a {kind}: not read", path=str(path))


def _listed(path: Path, prefix: str, limits: Limits, skip: Path | None) -> Iterator[Item]:
    try:
        lines = read_capped(path, limits.input_bytes).decode("utf-8-sig").splitlines()
    except (DashuangError, UnicodeDecodeError) as exc:
        error = (
            exc if isinstance(exc, DashuangError) else DashuangError(f"cannot read list file: {exc}", path=str(path))
        )
        yield Item(prefix or path.name, str(path), error=error)
        return
    base = path.parent
    for line in lines:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            target = Path(entry) if Path(entry).is_absolute() else base / entry
            yield from _expand(target, _join(prefix, _list_key(entry)), limits, skip, lists=False)


def _list_key(entry: str) -> str:
    """A listed path as a key: relative parts kept, ``..`` and roots dropped."""
    parts = [part for part in PurePosixPath(entry.replace("\\", "/")).parts if part not in ("/", "..", ".")]
    return "/".join(parts) or "input"


def _holds_notices(path: Path) -> bool:
    """Whether ``path`` is an archive to open: a zip or tar by content, unless its name says
    it is a notice (a damaged .docx is a bad notice, not an archive of notices)."""
    suffix = path.suffix.lower()
    return (suffix == "" or suffix not in NOTICE_SUFFIXES) and is_archive(path)


def _wanted(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in NOTICE_SUFFIXES


def _walk(root: Path, prefix: str, limits: Limits, skip: Path | None) -> Iterator[Item]:
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        # Sorted, hidden names skipped, the output folder left out: a stable, clean order.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip)
        for name in sorted(f for f in files if not f.startswith(".")):
            path = here / name
            key = _join(prefix, path.relative_to(root).as_posix())
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                error = UnsafeInput("symbolic link points outside the input folder", path=str(path))
                yield Item(key, str(path), error=error)
            elif _holds_notices(path):
                yield from _expand(path, key, limits, skip, lists=False)
            elif _wanted(name):
                regular = is_regular_file(path)
                yield Item(key, str(path), path=path if regular else None, error=None if regular else _not_a_file(path))


def count_items(inputs: Sequence[Path]) -> int | None:
    """How many notices the INPUTs hold, for a progress bar's ETA; None when only reading
    would tell (a compressed tar must be decompressed to list it).

    Counts what ``iter_items`` would yield, without reading a notice: folder entries and
    zip central directories only.
    """
    total = 0
    for path in inputs:
        if path.is_dir():
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.startswith("."):
                        continue
                    counted = _count_file(Path(folder) / name, listed=False)
                    if counted is None:
                        return None
                    total += counted
        else:
            counted = _count_file(path, listed=True)
            if counted is None:
                return None
            total += counted
    return total


def _count_file(path: Path, *, listed: bool) -> int | None:
    if listed and _is_list_file(path):
        return None  # a list may name folders and archives: not worth reading twice
    if _holds_notices(path):
        names = member_names(path)
        return None if names is None else sum(1 for name in names if _wanted(name))
    return 1 if listed or _wanted(path.name) else 0
