"""Vocabularies shipped as package data (``dashuang_parse/data``), loaded once on first use.

Open-ended word lists live in data files, not in code, so that a new agency suffix or a
new boilerplate line is a one-line data change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import regex

from .charmap import CharMap


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file in ``dashuang_parse/data``."""
    text = resources.files("dashuang_parse.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The rows of a tab-separated data file in ``dashuang_parse/data``: its non-empty,
    non-comment lines split at tabs, empty trailing cells kept."""
    text = resources.files("dashuang_parse.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> tuple[str, ...]:
    """Whitespace-separated words of a data file, longest first (for suffix matching)."""
    words = {word for line in data_lines(name) for word in line.split()}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def boilerplate_pattern() -> re.Pattern[str]:
    """Whole-line pattern of web-page boilerplate (navigation, footers, comment boxes).

    The file's patterns are joined into one alternation: one match per line instead of one
    per pattern. They are stdlib ``re`` patterns: tried on every line of every notice, and
    ``re`` runs this alternation of anchored words more than twice as fast as ``regex``.
    """
    return re.compile("|".join(f"(?:{line})" for line in data_lines("boilerplate.txt")))


@cache
def form_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(fill-in field line, form title line) of report forms printed after a notice."""
    field, title = (regex.compile(line) for line in data_lines("form_lines.txt"))
    return field, title


@cache
def agency_heads() -> dict[str, bool]:
    """Words an agency name ends with (局, 委员会, 海关…) → strong (True) or weak (False).

    Iteration order is longest first, for suffix matching.
    """
    table: dict[str, bool] = {}
    for line in data_lines("agency_heads.txt"):
        strength, *words = line.split()
        for word in words:
            table[word] = strength == "strong"
    return dict(sorted(table.items(), key=lambda item: (-len(item[0]), item[0])))


@cache
def admin_prefixes() -> tuple[str, ...]:
    """Administrative prefixes (省, 市, 区, 县, 自治区…), longest first."""
    return _words("admin_prefixes.txt")


@cache
def prefix_words() -> dict[str, str]:
    """Words that start with an administrative prefix and carry it: 市委 → 市, 区政府 → 区."""
    table: dict[str, str] = {}
    for line in data_lines("prefix_words.txt"):
        prefix, *words = line.split()
        for word in words:
            table[word] = prefix
    return table


@cache
def prefix_free_words() -> tuple[str, ...]:
    """Words that start with a prefix character but are no prefix: 市场, 市中区, 县级."""
    return _words("prefix_free_words.txt")


@cache
def agency_words() -> tuple[str, ...]:
    """Agency names for the segmenter: 民政局, 政务服务管理局, 市场监督管理局."""
    return _words("agency_words.txt")


@cache
def places() -> frozenset[str]:
    """Place names without their level suffix: 大连, 驻马店, 崂山."""
    return frozenset(_words("places.txt"))


@cache
def own_place_systems() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(prefixes, infixes) of national vertical systems whose names carry their own place."""
    prefixes: list[str] = []
    infixes: list[str] = []
    for line in data_lines("own_place_systems.txt"):
        kind, word = line.split()
        (prefixes if kind == "prefix" else infixes).append(word)
    return tuple(prefixes), tuple(infixes)


@cache
def compatibility_map() -> CharMap:
    """Look-alike characters → the ones the text means: Kangxi radicals, compatibility
    ideographs and small form variants (by NFKC: ⼀ → 一, ﹒ → .), and the CJK radicals
    supplement, which NFKC leaves alone (data/radicals.txt: ⻔ → 门).
    """
    table: dict[str, str] = {}
    for first, last in _COMPATIBILITY_BLOCKS:
        for code in range(first, last + 1):
            ch = chr(code)
            mapped = unicodedata.normalize("NFKC", ch)
            if len(mapped) == 1 and mapped != ch:
                table[ch] = mapped
    for line in data_lines("radicals.txt"):
        radical, ideograph = line.split()
        table[radical] = ideograph
    return CharMap(table)


# Kangxi radicals, CJK compatibility ideographs, small form variants (﹒﹐﹑).
_COMPATIBILITY_BLOCKS = ((0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0xFE50, 0xFE6B))


@cache
def traditional_map() -> CharMap:
    """Traditional → simplified characters, one to one."""
    table: dict[str, str] = {}
    for line in data_lines("traditional.txt"):
        for pair in line.split():
            if len(pair) != 2:
                raise ValueError(f"traditional.txt: {pair!r} is not a traditional and a simplified character")
            table[pair[0]] = pair[1]
    return CharMap(table)


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The words of a one-list data file, longest first: ``word_list("enterprise_heads.txt")``."""
    return _words(name)
