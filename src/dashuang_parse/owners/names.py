"""Agency names: what a name ends in, what kind of owner it is, its prefix and its place.

Member names are segmented with jieba and the package's small dictionary (``data/``) to
tell an administrative prefix (市/公安局) from a word that starts with the same character
(市场/监督/管理局, 市民政局 = 市/民政局) and to find place names (大连/海关).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import regex

from ..core import lexicon
from ..core.gazetteer import is_place
from ..core.models import AgencyKind
from . import rules

if TYPE_CHECKING:
    import jieba


def is_whole_name(text: str) -> bool:
    """Whether ``text`` is an owner on its own, so a conjunction beside it joins two owners:
    an agency (市公安局), 各县区, a place (越秀区), a counted set of places (16区) or a zone
    (北京经济技术开发区)."""
    return (
        is_agency_name(text)
        or is_place_name(text)
        or rules.PLACE_COUNT.match(text) is not None
        or text.endswith(_zone_words().zones)
    )


def is_agency_name(name: str) -> bool:
    """Whether ``name`` ends like an agency name (局, 委员会, 海关, 各成员单位…)."""
    return head_strength(name) is not None or bool(rules.PLACE_COLLECTIVE.match(name))


@dataclass(frozen=True)
class _ZoneWords:
    zones: tuple[str, ...]  # 经济技术开发区, 新区, 合作区…
    bodies: tuple[str, ...]  # 管委会, 发展署… (longest first)


@cache
def _zone_words() -> _ZoneWords:
    """``data/zone_words.txt``: kinds of zone and the heads of a zone's governing body."""
    groups: dict[str, list[str]] = {}
    for line in lexicon.data_lines("zone_words.txt"):
        kind, *words = line.split()
        groups.setdefault(kind, []).extend(words)
    zones, bodies = (tuple(sorted(groups.get(kind, ()), key=len, reverse=True)) for kind in ("zone", "body"))
    return _ZoneWords(zones=zones, bodies=bodies)


def is_zone_body(name: str) -> bool:
    """A zone's own governing body, named by the zone: 中关村管委会, 河套发展署.

    The stem before the body head must be a proper name (see ``_proper_stem``), so the
    department 城市管理委员会 is no zone body.

    >>> is_zone_body("中关村管委会"), is_zone_body("河套发展署"), is_zone_body("城市管理委员会")
    (True, True, False)
    """
    for body in _zone_words().bodies:
        if name.endswith(body):
            stem = name[: -len(body)]
            return stem in lexicon.places() or _proper_stem(stem)
    return False


def _proper_stem(stem: str) -> bool:
    """A 2–4 character stem that is no agency, zone or collective word: 岚城 (岚城乡), 河套
    (河套发展署); not 经济开发 (经济开发区), 各片 (各片区), 城市 (城市管理委员会)."""
    return (
        2 <= len(stem) <= 4
        and rules.NOT_PLACE_STEM.search(stem) is None
        and head_strength(stem) is None
        # 民政局, 政法委 (the segmenter's agency words): a stem holding one names an agency
        and not any(word in stem for word in lexicon.agency_words())
    )


@lru_cache(maxsize=8192)
def head_strength(name: str) -> bool | None:
    """True: ends in a strong agency head; False: a weak one; None: no head at all."""
    match = _heads().search(strip_nested(name))
    return None if match is None else lexicon.agency_heads()[match.group()]


@cache
def _heads() -> regex.Pattern[str]:
    # Longest first, so the leftmost match is the longest head: 市场监管总局 → 总局.
    return regex.compile("(?:" + "|".join(map(regex.escape, lexicon.agency_heads())) + ")$")


def strip_nested(name: str) -> str:
    """市科技局（知识产权局） → 市科技局: the nested gloss does not decide what a name is."""
    while name.endswith(rules.CLOSE_BRACKET) and rules.OPEN_BRACKET in name:
        name = name[: name.rindex(rules.OPEN_BRACKET)]
    return name


@lru_cache(maxsize=8192)
def kind_of(name: str) -> AgencyKind:
    if rules.UNSPECIFIED.match(name):
        return "unspecified"
    if rules.COLLECTIVE.search(name):
        return "collective"
    return "agency"


# Levels a shared suffix may start with: 甲、乙、丙县政府 share 县政府.
_PLACE_LEVELS = "省市区县州旗镇乡"


def shared_suffix(last: str, stems: list[str]) -> str | None:
    core = strip_nested(last)
    for head in lexicon.agency_heads():
        if core.endswith(head) and len(core) > len(head):
            stem = core[: -len(head)]
            if stem[-1] in _PLACE_LEVELS and not all(s[-1] in _PLACE_LEVELS for s in stems):
                return stem[-1] + head  # 甲、乙、丙县政府: 县 belongs to the shared part
            return head
    return None


def suffix_fits(stems: list[str], last: str, suffix: str) -> bool:
    """Whether members written without a head (``stems``) take ``suffix``, shared from ``last``.

    Places and names that are no place do not share a head with each other: 历下区、市中区、
    槐荫区政府 and 大连、深圳海关 share it (the last member is a place with its head, and so
    are the others); 教育、财政、人社部门 share it (none is a place). 福田区、市公安局 does not:
    福田区 is a complete place, an owner by itself (the district government), never 福田区局;
    nor does 河套发展、深圳海关 (河套发展 is no place: not 河套发展海关). A level shared with the
    head (甲、乙、丙县政府 → 县政府) makes places of the stems, so it always fits.
    """
    if suffix[0] in _PLACE_LEVELS:
        return True
    places = [is_place_name(stem) for stem in stems]
    if is_place_name(strip_nested(last)[: -len(suffix)]):
        return all(places)
    return not any(places)


@lru_cache(maxsize=8192)
def admin_prefix(name: str) -> str | None:
    """The administrative prefix a name opens with, or None.

    >>> admin_prefix("市公安局"), admin_prefix("市场监督管理局"), admin_prefix("区委宣传部")
    ('市', None, '区')
    """
    tokens = _segmenter().lcut(name, HMM=False)
    if not tokens:
        return None
    first = tokens[0]
    if first in lexicon.prefix_words():
        return lexicon.prefix_words()[first]
    if first in lexicon.admin_prefixes():
        return first
    return None


@lru_cache(maxsize=8192)
def has_own_place(name: str) -> bool:
    """大连海关, 人民银行中卫支行, 崂山区政府, 济南高新区管委会 carry their own place."""
    prefixes, infixes = lexicon.own_place_systems()
    if name.startswith(prefixes) or any(infix in name for infix in infixes):
        return True
    first = _segmenter().lcut(name, HMM=False)[0]
    if first in lexicon.places():
        return True
    if admin_prefix(name) is not None:
        return False
    if rules.PLACE_AND_LEVEL.match(name) or rules.PLACE_COUNT.match(name) or is_zone_body(name):
        return True
    # 越秀区, 岚城乡人民政府, 北厝镇人民政府: a district, county, township or town of its own,
    # unless a word of the dictionary runs over the level (住房城乡建设局).
    place = rules.PLACE_AT_START.match(name)
    return place is not None and len(first) <= len(place.group("place")) and is_place_name(place.group("place"))


@lru_cache(maxsize=8192)
def is_place_name(word: str) -> bool:
    """Whether ``word`` names a place: 大连, 越秀区, 岚城乡, 北厝镇, 立山.

    The one seam for place-name decisions: the gazetteer of administrative divisions
    (``core.gazetteer``, every province, prefecture and county with its short forms),
    ``data/places.txt`` (places below county level the notices name) and the level-suffix rule
    for towns (a 2–4 character stem that is no agency or zone word, then 区/县/乡/镇/街道).

    >>> is_place_name("越秀区"), is_place_name("岚城乡"), is_place_name("经济开发区"), is_place_name("各片区")
    (True, True, False, False)
    """
    if word in lexicon.places() or is_place(word):
        return True
    place = rules.PLACE_AT_START.fullmatch(word)
    if place is None:
        return False
    stem = place.group("stem")
    if stem in lexicon.places():
        return True
    return _proper_stem(stem)


def takes_no_prefix(name: str) -> bool:
    """Names a list's prefix is never carried to: own place (大连海关, 越秀区, 团省委) or an
    enterprise (中豫国际港务集团, 吉高集团)."""
    return has_own_place(name) or rules.ENTERPRISE.search(strip_nested(name)) is not None


@cache
def _segmenter() -> jieba.Tokenizer:
    """A jieba tokenizer over the package's small dictionary, built in memory on first use.

    The default jieba dictionary takes most of a second to load and knows nothing of
    agency names; this one holds prefix words, prefix-free words and place names.
    """
    import jieba

    entries: list[str] = []
    for word in lexicon.prefix_words():
        entries.append(f"{word} 100000")
    for word in lexicon.admin_prefixes():
        entries.append(f"{word} 100000")
    for word in lexicon.prefix_free_words():
        entries.append(f"{word} 400000")
    for word in lexicon.places():
        entries.append(f"{word} 200000")
    for word in lexicon.agency_words():
        entries.append(f"{word} 300000")
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(io.BytesIO("\n".join(entries).encode("utf-8")))
    tokenizer.initialized = True
    return tokenizer
