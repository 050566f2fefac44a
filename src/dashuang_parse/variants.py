"""Traditional characters: matched through a simplified view, kept in the output.

A notice written in traditional characters (Big5 pages, Hong Kong and Taiwan copies) is
parsed on a *view* of its normalized text in which every traditional character is
replaced by its simplified form, one character for one, so offsets are shared. Patterns
and lexicons are written once, in simplified characters; every string the Document
carries is cut from, or mapped back to, the text as written.
"""

from __future__ import annotations

import re
from functools import cache

from . import lexicon

# A character the GB2312 codec cannot encode becomes a reference like this.
_CHAR_REF = re.compile(rb"&#(\d+);")


def simplified_view(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, same length.

    >>> simplified_view("市公安局、市場監督管理局按職責分工分別負責")
    '市公安局、市场监督管理局按职责分工分别负责'
    """
    if not has_traditional(text):
        return text  # almost every notice: no copy
    return lexicon.traditional_map().apply(text)


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character of the traditional table.

    Looking each character up in a set of 4,000 costs a Python object per character. GB2312
    encodes simplified Chinese and few traditional characters, so the codec, in C, finds the
    candidates: the characters it cannot encode, as ``&#N;`` references. The traditional
    characters it can encode (乾, 於, 後 …) are searched for on their own.

    >>> has_traditional("市场监管局"), has_traditional("市場監管局"), has_traditional("於")
    (False, True, True)
    """
    if "&#" in text:  # a reference written in the text would pass for a character
        return not lexicon.traditional_map().keys.isdisjoint(text)
    outside, inside = _traditional_by_gb2312()
    encoded = text.encode("gb2312", "xmlcharrefreplace")
    if b"&#" in encoded and not outside.isdisjoint(int(n) for n in _CHAR_REF.findall(encoded)):
        return True
    return inside.search(text) is not None


@cache
def _traditional_by_gb2312() -> tuple[frozenset[int], re.Pattern[str]]:
    """Traditional characters GB2312 cannot encode (as code points), and a class of those it can."""
    outside: set[int] = set()
    inside: list[str] = []
    for char in lexicon.traditional_map().keys:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            outside.add(ord(char))
        else:
            inside.append(char)
    return frozenset(outside), re.compile(f"[{re.escape(''.join(sorted(inside)))}]" if inside else "(?!)")


def restore(value: str, view: str, original: str) -> str:
    """Write ``value`` (read from ``view``) in the characters of ``original``.

    A substring of the view maps to the same offsets of the original; a string built from
    pieces (a carried prefix, a shared suffix) maps character by character.

    >>> restore("市市场监督管理局", "市公安局、市场监督管理局", "市公安局、市場監督管理局")
    '市市場監督管理局'
    """
    if view == original or not value:
        return value
    at = view.find(value)
    if at >= 0:
        return original[at : at + len(value)]
    back = {}
    for v, o in zip(view, original):
        back.setdefault(v, o)
    return "".join(back.get(ch, ch) for ch in value)
