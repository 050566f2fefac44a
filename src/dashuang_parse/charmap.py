"""One-for-one character replacement that costs little where nothing needs replacing.

``str.translate`` with a dict looks up every character of the text in Python; notices are
almost all characters no table touches. A small table (widths, brackets) is applied by a
character-class search that visits only the characters to replace; the stdlib ``re`` is used
for it, not ``regex``, because its scanner is about four times faster on a plain class. A
large table (thousands of traditional characters) makes such a class slow, so it is first
checked for any character at all, and translated only when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Tables larger than this are applied by ``str.translate``, smaller ones by a class search.
_SEARCH_MAX = 256


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
        self._pattern = (
            re.compile("[" + "".join(re.escape(key) for key in sorted(table)) + "]")
            if len(table) <= _SEARCH_MAX
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
        if self._keys.isdisjoint(text):
            return text
        return text.translate(self._ordinals)
