"""What a batch reads: folders (recursive), zip and tar archives, list files, single files.

Every input becomes a stream of ``Item``s in a stable order, each with a ``key``: the
relative path its outputs mirror (``names.Names`` makes it unique and safe). With one
INPUT, keys are relative to it; with several, each INPUT's keys start with its own name.

Nothing met is passed over in silence: every file a folder or archive holds becomes an
Item — a notice to convert, a file that failed at once (a link out of the folder), or one
skipped with its reason (``SKIP_REASONS``), which the manifest records.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..core.errors import DashuangError, FileNotFound, UnsafeInput, os_error
from ..core.limits import Limits
from ..core.paths import display_name, raw_hex
from ..read.detect import detect_format
from ..read.source import read_capped
from .archives import ZipMember, is_archive, iter_members, member_names

# A list file names one input per line (paths relative to the list file; # starts a comment).
LIST_SUFFIXES = (".lst", ".list")
# Files a folder or archive is searched for; others (images, scripts, our own .json output)
# are passed over. A file named on the command line or in a list file is always read.
NOTICE_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx"}
)
# Documents of formats no reader takes (Word 97-2003, WPS, RTF, spreadsheets, slides, OFD,
# CAJ): skipped as ``unsupported-format``, unlike a picture, which is ``not-a-notice``.
UNSUPPORTED_SUFFIXES = frozenset(
    {".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps", ".ofd", ".caj"}
)
# Why a file met is not converted; the manifest records the reason as the entry's code.
SKIP_REASONS = {
    "unsupported-format": "a document in a format no reader takes (.doc, .wps, .rtf…)",
    "not-a-notice": "a file whose name and content say it is no notice (a picture, a script)",
    "hidden": "a hidden file or folder (its name starts with a dot)",
    "not-a-file": "a pipe, socket or device",
    "symlink-loop": "a symbolic link that leads back to itself",
    "broken-link": "a symbolic link to nothing",
    "linked-folder": "a symbolic link to a folder (not followed)",
    "unreadable-folder": "a folder that cannot be listed",
    "duplicate": "the same file (same device and inode) as an input before it",
    "output-folder": "the batch's own output folder inside an input",
}
# Separates an archive's path from a member's name in messages and ``Source.path``.
MEMBER_SEPARATOR = "::"
# Bytes read of a file whose name is no notice's, to learn whether its content is one.
_SNIFF_BYTES = 4096
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Skip:
    """Why an input is not converted: a reason of ``SKIP_REASONS`` and a message."""

    reason: str
    message: str


@dataclass(frozen=True)
class Item:
    """One file met: a notice to convert, and the key its outputs are named by.

    Exactly one of ``path`` (a file to read), ``data`` (bytes read from a tar, or the zip
    member to read them from), ``error`` (why it failed at once) and ``skip`` is set.
    """

    key: str
    label: str
    path: Path | None = None
    data: bytes | ZipMember | None = None
    error: DashuangError | None = None
    skip: Skip | None = None
    raw_name: str | None = None  # hex of the name's bytes when they are not UTF-8

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


def _item(key: str, label: str, **kwargs: object) -> Item:
    return Item(key, display_name(label), raw_name=raw_hex(label), **kwargs)  # type: ignore[arg-type]


def _skipped(key: str, label: str, reason: str, message: str | None = None) -> Item:
    return _item(key, label, skip=Skip(reason, message or SKIP_REASONS[reason]))


def _is_list_file(path: Path) -> bool:
    return path.suffix.lower() in LIST_SUFFIXES


def input_names(inputs: Sequence[Path]) -> list[str]:
    """The key prefix of each INPUT: none for a single input, else its name (``..`` and
    ``.`` by the folder they name, never climbing out of the output folder).

    >>> input_names([Path("a.txt")]), input_names([Path("a"), Path("b/a")])
    ([''], ['a', 'a'])
    """
    if len(inputs) == 1:
        return [""]
    return [Path(os.path.abspath(path)).name or "input" for path in inputs]


def iter_items(inputs: Sequence[Path], limits: Limits, *, exclude: Path | None = None) -> Iterator[Item]:
    """Every file the INPUTs hold, in order; ``exclude`` (the output folder) is skipped."""
    walker = _Walker(limits, exclude.resolve() if exclude is not None else None)
    for path, name in zip(inputs, input_names(inputs)):
        yield from walker.expand(path, name, lists=True)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix and name else prefix or name


class _Walker:
    """Walks the inputs, remembering the files met so that a file reached twice (by a link,
    a hard link, two list lines) is converted once."""

    def __init__(self, limits: Limits, skip: Path | None) -> None:
        self.limits, self.output = limits, skip
        self.seen: dict[int, str] = {}

    def expand(self, path: Path, prefix: str, *, lists: bool) -> Iterator[Item]:
        label, key = str(path), prefix or path.name or "input"
        try:
            status = path.stat()
        except (OSError, RuntimeError) as exc:
            yield self._bad_link(path, key) if path.is_symlink() else _item(key, label, error=_missing(exc, label))
            return
        if stat.S_ISDIR(status.st_mode):
            yield from self._walk(path, prefix)
        elif not stat.S_ISREG(status.st_mode):
            yield _skipped(key, label, "not-a-file")
        elif lists and _is_list_file(path):
            yield from self._listed(path, prefix)
        else:
            yield from self._file(path, key, status, named=True, members=prefix)

    def _file(
        self, path: Path, key: str, status: os.stat_result, *, named: bool, members: str | None = None
    ) -> Iterator[Item]:
        """A regular file: converted, opened as an archive (its members' keys start with
        ``members``, by default the file's key), or skipped."""
        label = str(path)
        identity = (status.st_dev << 64) | status.st_ino
        first = self.seen.get(identity)
        if first is not None:
            yield _skipped(key, label, "duplicate", f"the same file as {first}")
            return
        self.seen[identity] = display_name(label)
        suffix = path.suffix.lower()
        if (suffix == "" or suffix not in NOTICE_SUFFIXES) and is_archive(path):
            yield from self._members(path, key if members is None else members)
        elif named or suffix in NOTICE_SUFFIXES:
            yield _item(key, label, path=path)
        else:
            reason = _sniff(path, suffix)
            yield _item(key, label, path=path) if reason is None else _skipped(key, label, reason)

    def _members(self, path: Path, key: str) -> Iterator[Item]:
        label = str(path)
        for member in iter_members(path, self.limits):
            member_label = f"{label}{MEMBER_SEPARATOR}{member.name}" if member.name else label
            member_key = _join(key, member.name) or path.name
            suffix = PurePosixPath(member.name).suffix.lower()
            if member.error is None and suffix not in NOTICE_SUFFIXES:
                reason = "unsupported-format" if suffix in UNSUPPORTED_SUFFIXES else "not-a-notice"
                yield _skipped(member_key, member_label, reason)
            else:
                yield _item(member_key, member_label, data=member.data, error=member.error)

    def _listed(self, path: Path, prefix: str) -> Iterator[Item]:
        try:
            lines = read_capped(path, self.limits.input_bytes).decode("utf-8-sig").splitlines()
        except (DashuangError, UnicodeDecodeError) as exc:
            error = (
                exc
                if isinstance(exc, DashuangError)
                else DashuangError(f"cannot read list file: {exc}", path=display_name(path))
            )
            yield _item(prefix or path.name, str(path), error=error)
            return
        base = path.parent
        for line in lines:
            entry = line.strip()
            if entry and not entry.startswith("#"):
                target = Path(entry) if Path(entry).is_absolute() else base / entry
                yield from self.expand(target, _join(prefix, _list_key(entry)), lists=False)

    def _walk(self, root: Path, prefix: str) -> Iterator[Item]:
        real_root = root.resolve()
        unreadable: list[OSError] = []
        for folder, dirs, files in os.walk(root, followlinks=False, onerror=unreadable.append):
            while unreadable:
                error = unreadable.pop()
                where = Path(error.filename) if error.filename else root
                yield _skipped(self._key(root, where, prefix), str(where), "unreadable-folder", _cause(error))
            here = Path(folder)
            kept = []
            for name in sorted(dirs):
                path = here / name
                key = self._key(root, path, prefix)
                if name.startswith("."):
                    yield _skipped(key, str(path), "hidden")
                elif path.is_symlink():
                    yield _skipped(key, str(path), "linked-folder")
                elif self.output is not None and path.resolve() == self.output:
                    yield _skipped(key, str(path), "output-folder")
                else:
                    kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                yield from self._walked(here / name, self._key(root, here / name, prefix), real_root)
        while unreadable:
            error = unreadable.pop()
            yield _skipped(prefix or root.name, str(root), "unreadable-folder", _cause(error))

    def _walked(self, path: Path, key: str, real_root: Path) -> Iterator[Item]:
        if path.name.startswith("."):
            yield _skipped(key, str(path), "hidden")
            return
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                yield self._bad_link(path, key)
                return
            if not target.is_relative_to(real_root):
                error = UnsafeInput("symbolic link points outside the input folder", path=display_name(path))
                yield _item(key, str(path), error=error)
                return
        try:
            status = path.stat()
        except OSError as exc:
            yield _item(key, str(path), error=os_error(exc, display_name(path)))
            return
        if not stat.S_ISREG(status.st_mode):
            yield _skipped(key, str(path), "not-a-file" if not stat.S_ISDIR(status.st_mode) else "linked-folder")
        else:
            yield from self._file(path, key, status, named=False)

    @staticmethod
    def _key(root: Path, path: Path, prefix: str) -> str:
        return _join(prefix, path.relative_to(root).as_posix())

    @staticmethod
    def _bad_link(path: Path, key: str) -> Item:
        try:
            os.stat(path)
        except FileNotFoundError:
            return _skipped(key, str(path), "broken-link")
        except OSError:
            pass
        return _skipped(key, str(path), "symlink-loop")


def _missing(exc: BaseException, label: str) -> DashuangError:
    if isinstance(exc, OSError):
        return os_error(exc, display_name(label))
    return FileNotFound("no such file or folder", path=display_name(label))


def _cause(error: OSError) -> str:
    return f"cannot list the folder: {error.strerror or error}"


def _sniff(path: Path, suffix: str) -> str | None:
    """None when the content of a file whose name is no notice's is one (a saved page named
    ``.doc``, a PDF named ``.dat``), else the reason to skip it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        head = b""
    if head.startswith(_OLE2_MAGIC) or suffix in UNSUPPORTED_SUFFIXES and not head.lstrip().startswith((b"<", b"%")):
        return "unsupported-format"
    if detect_format(head, ".bin") in ("pdf", "html"):
        return None
    return "unsupported-format" if suffix in UNSUPPORTED_SUFFIXES else "not-a-notice"


def _list_key(entry: str) -> str:
    """A listed path as a key: relative parts kept, ``..`` and roots dropped (two lines that
    then meet on one key are told apart by ``names.Names``)."""
    parts = [part for part in PurePosixPath(entry.replace("\\", "/")).parts if part not in ("/", "..", ".")]
    return "/".join(parts) or "input"


def count_items(inputs: Sequence[Path]) -> int | None:
    """How many files the INPUTs hold, for a progress bar's ETA; None when only reading
    would tell (a compressed tar must be decompressed to list it).

    Counts the folder entries and zip central directories, without reading a notice.
    """
    total = 0
    for path in inputs:
        if path.is_dir():
            for folder, dirs, files in os.walk(path, followlinks=False):
                total += sum(1 for d in dirs if d.startswith("."))
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    counted = 1 if name.startswith(".") else _count_file(Path(folder) / name, listed=False)
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
    try:
        if not path.is_file():
            return 1
    except OSError:
        return 1
    suffix = path.suffix.lower()
    if (suffix == "" or suffix not in NOTICE_SUFFIXES) and is_archive(path):
        names = member_names(path)
        return None if names is None else len(names)
    return 1
