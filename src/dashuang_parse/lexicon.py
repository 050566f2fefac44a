"""Vocabularies shipped as package data (``dashuang_parse/data``), loaded once on first use.

Open-ended word lists live in data files, not in code, so that a new agency suffix or a
new boilerplate line is a one-line data change.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import regex

from .charmap import CharMap


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file in ``dashuang_parse/data``."""
    text = resources.files("dashuang_parse.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


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
def traditional_map() -> CharMap:
    """Traditional → simplified characters, one to one."""
    table: dict[str, str] = {}
    for line in data_lines("traditional.txt"):
        for pair in line.split():
            traditional, simplified = pair
            table[traditional] = simplified
    return CharMap(table)


@cache
def role_words() -> dict[tuple[str, str], str]:
    """The owner grammar's role table: (word, where) → role, where is label | suffix | member.

    Roles are lead, responsible, participant, or leader (named officials, not agencies).
    """
    table: dict[tuple[str, str], str] = {}
    for line in data_lines("role_words.tsv"):
        word, role, where = line.split()
        table[(word, where)] = role
    return table


def role_words_at(where: str) -> tuple[str, ...]:
    """The role table's words used at ``where`` (label, suffix, member), longest first."""
    words = {word for word, at in role_words() if at == where}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The words of a one-list data file, longest first: ``word_list("enterprise_heads.txt")``."""
    return _words(name)
