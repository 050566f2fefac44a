"""Plain text and markdown: decode bytes by BOM, then UTF-8, then GB18030."""

from __future__ import annotations

import codecs

from ..errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.05


def decode_text(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode notice bytes; return the text and the encoding used.

    >>> decode_text("一、任务".encode("gb18030"))
    ('一、任务', 'gb18030')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"), encoding, path), encoding
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
        return _checked(text, encoding, path), encoding
    raise DecodeError("bytes are neither UTF-8 nor GB18030 text", path=path)


def _checked(text: str, encoding: str, path: str | None) -> str:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    if "\x00" in text or controls > len(text) * _MAX_CONTROL_SHARE:
        raise DecodeError(f"file looks binary, not {encoding} text", path=path)
    return text
