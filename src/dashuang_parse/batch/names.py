"""Keys and output names: unique, inside the output folder, short enough, whatever the input.

An input's *key* is its place among the inputs (``sub/a.txt``, ``notices.zip/2017/a.txt``);
its JSON is written at ``KEY.json`` below the output folder. Inputs meet there that could
not meet on disk: two list lines naming different files by the same relative path, archive
members named like the batch's own files (``manifest.json/x.txt``), a member ``a`` beside a
member ``a.json/b``, names of 80 CJK characters (240 bytes; file systems allow 255), names
that are not UTF-8. ``Names`` gives every input a key and an output of its own:

- each path part is made safe: never empty, ``.`` or ``..``, no control character, no
  leading dot (a hidden output), at most ``_PART_BYTES`` bytes (cut, with a hash of the
  whole part so that cut names stay distinct);
- a key met before (compared case-folded, as a Windows or macOS share compares names)
  takes ``~2``, ``~3``…; an output that would land on a file or folder already claimed, or
  on a top-level name the batch writes (``manifest.json``…), does too.

Names depend only on the inputs, in order — never on what the folder holds — so a resumed
batch finds every output where the first run put it.

>>> names = Names({"manifest.json"})
>>> [names.output(names.key(k)) for k in ["manifest", "a", "a.json/b", "A.txt", "a.txt"]]
['manifest~2.json', 'a.json', 'a.json~2/b.json', 'A.txt.json', 'a.txt~2.json']
"""

from __future__ import annotations

import hashlib
import os

import regex

from ..core.paths import has_raw_bytes

# Bytes of one path part of an output, ".json" included: 255 is the usual maximum, and the
# temporary file an atomic write goes through adds a dot and a 26-byte tag to it.
_PART_BYTES = 200
# Characters no output name should hold: controls (a newline in a name breaks every
# listing) and the path separators of other systems.
_UNSAFE = regex.compile(r"[\x00-\x1f\x7f\\]")
_JSON = ".json"


def key_part(name: str) -> str:
    """One part of a path as a key part: bytes that are not UTF-8 read as GB18030 (the
    Windows code page of Chinese archives) when they are that, else written ``%XX``.

    >>> key_part(os.fsdecode("公告.txt".encode("gbk"))), key_part(os.fsdecode(b"\\xff\\xfe.txt"))
    ('公告.txt', '%FF%FE.txt')
    """
    if not has_raw_bytes(name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return _mixed(raw)


def _mixed(raw: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, ``%XX`` for every other byte."""
    text = raw.decode("utf-8", "surrogateescape")
    return "".join(f"%{ord(ch) - 0xDC00:02X}" if "\udc80" <= ch <= "\udcff" else ch for ch in text)


def safe_part(part: str, room: int = _PART_BYTES) -> str:
    """A path part that is safe as a file name and fits in ``room`` bytes (UTF-8).

    >>> safe_part(".."), safe_part(".hidden"), safe_part("a\\nb")
    ('_..', '_.hidden', 'a_b')
    >>> len(safe_part("通知" * 60, 60).encode()), safe_part("通知" * 60, 60) != safe_part("通知" * 61, 60)
    (60, True)
    """
    part = _UNSAFE.sub("_", part) or "_"
    if part.startswith("."):
        part = f"_{part}"
    data = part.encode("utf-8")
    if len(data) <= room:
        return part
    tag = "~" + hashlib.sha1(data).hexdigest()[:8]
    return data[: room - len(tag)].decode("utf-8", "ignore") + tag


def _fold(path: str) -> int:
    # Claimed paths are kept as 64-bit digests: a million inputs cost a few MB, not the
    # paths themselves.
    return int.from_bytes(hashlib.blake2b(path.casefold().encode("utf-8"), digest_size=8).digest(), "big")


class Names:
    """The keys and outputs of one batch, handed out in input order."""

    def __init__(self, reserved: set[str]) -> None:
        self.keys: set[int] = set()
        self.files: set[int] = {_fold(name) for name in reserved}
        self.dirs: set[int] = set()

    def key(self, raw: str) -> str:
        """``raw`` (a relative path, parts joined by ``/``) as a key no input has yet."""
        parts = [safe_part(key_part(p)) for p in raw.split("/") if p not in ("", ".")] or ["_"]
        base = "/".join(parts)
        key, number = base, 1
        while _fold(key) in self.keys:
            number += 1
            key = _numbered(base, number)
        self.keys.add(_fold(key))
        return key

    def output(self, key: str) -> str:
        """Where the JSON of ``key`` goes, relative to the output folder: ``KEY.json``, or
        the nearest free name when a file or folder of that name is claimed."""
        parts = key.split("/")
        folder = ""
        for part in parts[:-1]:
            name, number = part, 1
            while _fold(_join(folder, name)) in self.files:
                number += 1
                name = safe_part(f"{part}~{number}")
            folder = _join(folder, name)
        stem = parts[-1]
        name, number = safe_part(stem + _JSON), 1
        while _fold(_join(folder, name)) in self.files or _fold(_join(folder, name)) in self.dirs:
            number += 1
            name = safe_part(f"{stem}~{number}{_JSON}")
        path = _join(folder, name)
        self.files.add(_fold(path))
        while folder:
            self.dirs.add(_fold(folder))
            folder = folder.rpartition("/")[0]
        return path


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _numbered(key: str, number: int) -> str:
    folder, _, name = key.rpartition("/")
    return _join(folder, safe_part(f"{name}~{number}"))
