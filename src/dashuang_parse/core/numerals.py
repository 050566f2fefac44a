"""Values of the numbers section markers and dates are written in."""

from __future__ import annotations

from functools import lru_cache

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# ①-⑳, ㉑-㉟, ㊱-㊿, and the parenthesized ⑴-⒇ and full-stop ⒈-⒛ forms.
_CIRCLED_RANGES = ((0x2460, 1), (0x2474, 1), (0x2488, 1), (0x3251, 21), (0x32B1, 36))


def chinese_to_int(text: str) -> int:
    """Value of a Chinese numeral: 二十三 → 23, 十一 → 11, 三十一 → 31, 二〇一二 → 2012.

    >>> chinese_to_int("二十三"), chinese_to_int("十"), chinese_to_int("二〇一二")
    (23, 10, 2012)
    """
    if text and all(ch in _DIGITS for ch in text):
        # Positional form, as in years: 二〇一二.
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total = 0
    digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def circled_to_int(ch: str) -> int:
    """Value of a circled number: ① → 1, ㉑ → 21."""
    code = ord(ch)
    for base, first in sorted(_CIRCLED_RANGES, reverse=True):
        if code >= base:
            return code - base + first
    raise ValueError(f"not a circled number: {ch!r}")


@lru_cache(maxsize=1024)
def marker_value(text: str) -> int:
    """Value of a marker's number as written: 12, 十二, ⑫."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and not text.isascii() and text not in _DIGITS and text not in _UNITS:
        return circled_to_int(text)
    return chinese_to_int(text)
