"""Plain text and markdown: bytes → text, with the encoding found from the bytes.

Order: a BOM (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-16 without a BOM (every other byte
zero); then charset-normalizer among the encodings notices come in (GB18030 — a superset of
GBK and GB2312 —, Big5, UTF-16); GB18030 as the last word when it decodes cleanly; and,
for a file pasted together from UTF-8 and GB18030 pieces, each line in whichever of the
two it decodes in.
"""

from __future__ import annotations

import codecs

import regex

from ..core.errors import DecodeError
from .decoded import Decoded
from .flat_tables import flat_table_text
from .task_tables import text_tables

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["gb18030", "big5"]
# Source.encoding of a file whose lines are in UTF-8 and GB18030 by turns.
MIXED = "utf-8+gb18030"
# Canonical names for what charset-normalizer reports.
_NAMES = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.05
# Share of characters no notice is written in (box drawing, Hangul, private use…) above
# which the bytes were decoded with the wrong encoding or are not text at all.
_MAX_ODD_SHARE = 0.2
# Share of plausible characters UTF-16 without a BOM must reach to be taken as such.
_MIN_UTF16_SHARE = 0.97
_STRUCTURE = set("\n，。、；： ")
_MIN_DISTINCT = 4


def read_text(data: bytes, *, path: str | None = None, markdown: bool = False) -> Decoded:
    """Decode a text or markdown file; a 任务分工表 in it (tab-separated, markdown or
    space-aligned: ``task_tables.text_tables``; flattened, a cell a line:
    ``flat_tables``) becomes a task line a row."""
    text, encoding = decode_text(data, path=path)
    return Decoded(text_tables(flat_table_text(text)), "markdown" if markdown else "text", encoding)


def decode_text(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode notice bytes; return the text and the encoding used.

    >>> decode_text("一、任务".encode("gb18030"))
    ('一、任务', 'gb18030')
    >>> decode_text("一、重點任務：加強監管".encode("big5"))
    ('一、重點任務：加強監管', 'big5')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            name = encoding.replace("-sig", "")
            try:
                return _checked(data.decode(encoding, errors="strict"), name, path)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"file starts with a {name.upper()} byte-order mark but is not {name.upper()} "
                    f"from byte {exc.start} on (cut short or damaged?)",
                    path=path,
                ) from exc
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(data.decode(utf16), utf16.replace("_", "-"), path)
    guess = _guess(data)
    if guess is not None:
        return _checked(data.decode(guess), _NAMES.get(guess, guess), path)
    mixed = _line_by_line(data)
    if mixed is not None:
        return _checked(mixed, MIXED, path)
    raise DecodeError("bytes are not text in UTF-8, UTF-16, GB18030 or Big5", path=path)


def _line_by_line(data: bytes) -> str | None:
    """A file pasted together from UTF-8 and GB18030 pieces (a crawler appending to one
    file, an editor saving half a file anew): each line decoded on its own, UTF-8 first.
    None unless every line decodes strictly one way or the other."""
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                lines.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    return "\n".join(lines)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as a notice, if either does.

    Reading UTF-16 in the wrong byte order gives characters no notice is written in, and
    UTF-16 rarely passes for GB18030 or Big5, so the plausible share decides.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_share = None, _MIN_UTF16_SHARE
    for encoding in ("utf_16_le", "utf_16_be"):
        try:
            sample = data[:8192].decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
        share = sum(1 for ch in sample if _plausible(ch) and ch != "\x00") / max(len(sample), 1)
        if not _STRUCTURE.intersection(sample) or len(set(sample)) < _MIN_DISTINCT:
            continue  # real text has punctuation or lines, and more than a few characters
        if share >= best_share:
            best, best_share = encoding, share
    return best


def _guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is not None and best.encoding in _NAMES:
        return best.encoding
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return "gb18030"


def _checked(text: str, encoding: str, path: str | None) -> tuple[str, str]:
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > len(text) * _MAX_CONTROL_SHARE:
        raise DecodeError(f"file looks binary, not {encoding} text", path=path)
    odd = len(_IMPLAUSIBLE.findall(text))
    if odd > len(text) * _MAX_ODD_SHARE:
        raise DecodeError(f"file does not read as Chinese or Latin text in {encoding}", path=path)
    return text, encoding


# Characters a notice is written in: ASCII, Han, CJK and general punctuation, enclosed
# numbers, and a few signs (nbsp, middle dot, ×, minus, dash, BOM). Counted with regex, not
# character by character: this runs over every byte of every input.
_PLAUSIBLE_SET = (
    "\x00-\x7e\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e\u2000-\u206f\u2460-\u24ff\u3400-\u4dbf"
    "\u2e80-\u2fdf\xa0\xb7\xd7\u2212\u2014\ufeff"
)
_IMPLAUSIBLE = regex.compile(f"[^{_PLAUSIBLE_SET}]")
_PLAUSIBLE = regex.compile(f"[{_PLAUSIBLE_SET}]")
_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f]")


def _plausible(ch: str) -> bool:
    """Whether ``ch`` is a character a notice is written in."""
    return _PLAUSIBLE.match(ch) is not None
