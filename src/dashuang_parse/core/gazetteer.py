"""China's administrative divisions (province, prefecture, county), loaded once from package data.

``data/divisions.tsv`` is built by ``scripts/build_gazetteer.py`` from a published data package
(its header names the source, version and licence). This module only reads it: it imports no
parser stage, so any stage may ask it where a name belongs.

>>> find_place("越秀区政府").name
'越秀区'
>>> parent_of(find_place("越秀区政府")).name
'广州市'
>>> find_place("大连海关").name
'大连市'
>>> find_place("市场监管局") is None
True

Towns and townships (乡/镇/街道) are not in the data; ``looks_like_township`` tells them by form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex

from .lexicon import data_lines, data_rows

Level = Literal["province", "prefecture", "county"]

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}

# Named patterns (STYLE.md: one table, each with a real example).
_PATTERNS: dict[str, regex.Pattern[str]] = {
    # 岚城乡, 北厝镇人民政府, 东湖街道办事处: a stem of 2–4 Han characters, the township word,
    # an optional 办事处 and an optional government.
    "township": regex.compile(r"^(?P<stem>\p{Han}{2,4}?)(?:乡|镇|街道)(?:办事处)?(?:人民政府|政府)?$"),
}


@dataclass(frozen=True)
class Place:
    """One administrative division.

    ``short`` is its main short form (广州 for 广州市), None when it has none (和县);
    ``abbreviations`` are further official short forms (达茂旗 for 达尔罕茂明安联合旗);
    ``parent`` is the code of the division it belongs to, None for a province.

    >>> place = find_place("广州")
    >>> (place.code, place.name, place.short, place.level, place.parent)
    ('440100', '广州市', '广州', 'prefecture', '440000')
    """

    code: str
    name: str
    short: str | None
    level: Level
    parent: str | None
    abbreviations: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form the division is written in, the full name first."""
        return (self.name,) + ((self.short,) if self.short else ()) + self.abbreviations


@dataclass(frozen=True)
class _Words:
    friends: tuple[str, ...]  # longest first
    next_chars: frozenset[str]
    stems: tuple[str, ...]
    heads: tuple[str, ...]


@cache
def _words() -> _Words:
    groups: dict[str, list[str]] = {}
    for line in data_lines("gazetteer_words.txt"):
        kind, *words = line.split()
        groups.setdefault(kind, []).extend(words)
    return _Words(
        friends=tuple(sorted(set(groups.get("friend", ())), key=len, reverse=True)),
        next_chars=frozenset(groups.get("next", ())),
        stems=tuple(groups.get("stem", ())),
        heads=tuple(groups.get("head", ())),
    )


@dataclass(frozen=True)
class _Index:
    by_code: dict[str, Place]
    # form → ((place, is_full_name), …) in file order
    by_form: dict[str, tuple[tuple[Place, bool], ...]]
    longest: int


@cache
def _index() -> _Index:
    rows = data_rows("divisions.tsv")
    by_code: dict[str, Place] = {}
    by_form: dict[str, list[tuple[Place, bool]]] = {}
    for code, name, short, level, parent in rows[1:]:  # the first row is the column header
        forms = short.split("|") if short else []
        place = Place(code, name, forms[0] if forms else None, level, parent or None, tuple(forms[1:]))  # type: ignore[arg-type]
        by_code.setdefault(code, place)  # a supplement sharing a code never hides the division
        by_form.setdefault(name, []).append((place, True))
        for form in forms:
            by_form.setdefault(form, []).append((place, False))
    longest = max(map(len, by_form))
    return _Index(by_code, {form: tuple(entries) for form, entries in by_form.items()}, longest)


def all_places() -> tuple[Place, ...]:
    """Every division in the data, in code order of the source.

    >>> len(all_places()) > 3000
    True
    """
    return tuple(_index().by_code.values())


def place_by_code(code: str) -> Place | None:
    """The division with this 6-digit code: ``place_by_code("440104").name == '越秀区'``."""
    return _index().by_code.get(code)


def parent_of(place: Place) -> Place | None:
    """The division ``place`` belongs to, None for a province.

    >>> parent_of(find_place("包头市")).name
    '内蒙古自治区'
    """
    return _index().by_code.get(place.parent) if place.parent else None


def ancestors(place: Place) -> Iterable[Place]:
    """``place`` and the divisions above it, nearest first."""
    current: Place | None = place
    while current is not None:
        yield current
        current = parent_of(current)


def places_named(form: str) -> tuple[Place, ...]:
    """Every division written ``form`` (full name first, then short forms): 朝阳区 is two."""
    entries = _index().by_form.get(form, ())
    return tuple(place for place, _ in sorted(entries, key=lambda e: not e[1]))


def _is_friend_at(text: str, length: int) -> bool:
    """A word that is no place starts ``text`` and covers the first ``length`` characters."""
    return any(len(word) >= length and text.startswith(word) for word in _words().friends)


def _candidates(text: str, length: int) -> list[tuple[Place, bool]]:
    entries = _index().by_form.get(text[:length], ())
    if not entries or _is_friend_at(text, length):
        return []
    after = text[length : length + 1]
    if after and after in _words().next_chars:  # 城关镇: a town named like 城关区
        entries = tuple(entry for entry in entries if entry[1])
    return list(entries)


def find_place(text: str, within: Place | None = None) -> Place | None:
    """The division that ``text`` starts with: the longest full name or short form there.

    Among divisions written alike, a full name beats a short form, one inside ``within``
    (the notice's own place) beats others, then the higher level, then the lower code.
    Words that merely start like a place (公安局, 平安建设, 市场…) find nothing.

    >>> find_place("广东省公安厅").name
    '广东省'
    >>> find_place("公安局") is None
    True
    >>> find_place("朝阳区政府", within=find_place("长春市")).code
    '220104'
    """
    index = _index()
    for length in range(min(index.longest, len(text)), 1, -1):
        candidates = _candidates(text, length)
        if candidates:
            return min(candidates, key=lambda entry: _rank(entry, within))[0]
    return None


def _rank(entry: tuple[Place, bool], within: Place | None) -> tuple[int, int, int, str]:
    place, full = entry
    inside = within is not None and any(p.code == within.code for p in ancestors(place))
    return (0 if full else 1, 0 if inside else 1, _LEVEL_RANK[place.level], place.code)


def is_place(word: str) -> bool:
    """Whether ``word`` is exactly a division's full name or short form (not a false friend).

    >>> is_place("阜新蒙古族自治县"), is_place("阜新县"), is_place("和县"), is_place("和")
    (True, True, True, False)
    >>> is_place("公安"), is_place("公安县")
    (False, True)
    """
    return bool(_candidates(word, len(word))) if len(word) >= 2 else False


def looks_like_township(name: str) -> bool:
    """Whether ``name`` reads as a town or township (乡/镇/街道), which the data does not list.

    The stem before 乡/镇/街道 (办事处) (人民政府/政府) must be 2–4 Han characters that are
    neither a collective (各乡镇, 有关街道) nor an agency's name (文化站镇).

    >>> looks_like_township("岚城乡"), looks_like_township("北厝镇人民政府")
    (True, True)
    >>> looks_like_township("各乡镇"), looks_like_township("街道办事处")
    (False, False)
    """
    match = _PATTERNS["township"].match(name)
    if match is None:
        return False
    stem = match["stem"]
    words = _words()
    if stem.startswith(words.stems) or any(head in stem for head in words.heads):
        return False
    return True
