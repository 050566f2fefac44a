"""One-for-one character replacement that costs little where nothing needs replacing.

``str.translate`` with a dict looks up every character of the text in Python; notices are
almost all characters no table touches. A table whose characters fall in few runs of code
points (widths, brackets, the look-alike blocks) is applied by a character-class search that
visits only the characters to replace; the stdlib ``re`` is used for it, not ``regex``,
because its scanner is about four times faster on a plain class. A table scattered over many
runs (thousands of traditional characters) makes such a class slow, so it is first checked
for any character at all (``contains_any``), and translated only when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property

# Tables whose characters make more runs of consecutive code points than this are applied
# by ``str.translate``, others by a class search.
_SEARCH_MAX = 256
# A character the GB2312 codec cannot encode becomes a reference like this.
_CHAR_REF = re.compile(rb"&#(\d+);")


def _runs(codes: list[int]) -> list[tuple[int, int]]:
    """Sorted code points → (first, last) of each run of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _class_item(first: int, last: int) -> str:
    if first == last:
        return re.escape(chr(first))
    return f"{re.escape(chr(first))}-{re.escape(chr(last))}"


class CharMap:
    """Replace single characters by single characters (offsets are kept).

    >>> CharMap({"(": "（", ")": "）"}).apply("(一)加强")
    '（一）加强'
    """

    def __init__(self, table: Mapping[str, str]) -> None:
        if any(len(key) != 1 or len(value) != 1 for key, value in table.items()):
            raise ValueError("CharMap replaces one character by one character")
        self._table = dict(table)
        self._keys = frozenset(table)
        self._ordinals = {ord(key): ord(value) for key, value in table.items()}
        runs = _runs(sorted(self._ordinals))
        self._pattern = (
            re.compile("[" + "".join(_class_item(first, last) for first, last in runs) + "]")
            if len(runs) <= _SEARCH_MAX
            else None
        )

    @property
    def keys(self) -> frozenset[str]:
        """The characters the table replaces."""
        return self._keys

    def apply(self, text: str) -> str:
        """``text`` with every character in the table replaced."""
        if self._pattern is not None:
            table = self._table
            return self._pattern.sub(lambda match: table[match.group()], text)
        if not self.contains_any(text):
            return text  # no copy
        return text.translate(self._ordinals)

    def contains_any(self, text: str) -> bool:
        """Whether ``text`` holds a character of the table.

        For a large table, looking each character up in a set costs a Python object per
        character. The GB2312 codec, in C, finds the candidates instead: the characters it
        cannot encode, as ``&#N;`` references. A table of traditional characters is almost
        all such characters; the few GB2312 has (乾, 於, 後 …) are searched for on their own.

        >>> CharMap({"(": "（"}).contains_any("a(b"), CharMap({"(": "（"}).contains_any("ab")
        (True, False)
        """
        if self._pattern is not None:
            return self._pattern.search(text) is not None
        if "&#" in text:  # a reference written in the text would pass for a character
            return not self._keys.isdisjoint(text)
        outside, inside = self._by_gb2312
        encoded = text.encode("gb2312", "xmlcharrefreplace")
        if b"&#" in encoded and not outside.isdisjoint(int(n) for n in _CHAR_REF.findall(encoded)):
            return True
        return inside.search(text) is not None

    @cached_property
    def _by_gb2312(self) -> tuple[frozenset[int], re.Pattern[str]]:
        """The table's characters GB2312 cannot encode (as code points), and a class of those it can."""
        outside: set[int] = set()
        inside: list[str] = []
        for char in self._keys:
            try:
                char.encode("gb2312")
            except UnicodeEncodeError:
                outside.add(ord(char))
            else:
                inside.append(char)
        return frozenset(outside), re.compile(f"[{re.escape(''.join(sorted(inside)))}]" if inside else "(?!)")
