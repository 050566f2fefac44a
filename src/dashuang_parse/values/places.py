"""Schema-1.1 values computed from what the parser already found: pure functions, no stage imports.

- ``jurisdiction(name, notice_place)``: ``AgencyRole.jurisdiction`` (市 in a 中卫市 notice → 中卫市);
- ``notice_place(issuer, title, doc_number)``: ``Metadata.jurisdiction`` (the issuer's place);
- ``canonical(name)``: ``AgencyRole.canonical`` (市发改委 → 市发展和改革委员会; from ``agency_names``);
- ``doc_number_parts(doc_number)``: ``Metadata.doc_number_parts`` (驻政办〔2015〕100号);
- ``parse_deadline`` / ``find_deadline``: ``Task.deadline`` (from ``deadlines``).

>>> jurisdiction("市发改委", notice_place("驻马店市人民政府办公室", None, None))
'驻马店市'
>>> canonical("市发改委")
'市发展和改革委员会'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from ..core.doc_numbers import split_doc_number
from ..core.gazetteer import Place, ancestors, find_place, looks_like_township, places_named
from .agency_names import canonical
from .deadlines import DEADLINE_RULES, find_deadline, parse_deadline

__all__ = [
    "DEADLINE_RULES",
    "administrative_prefix",
    "canonical",
    "doc_number_parts",
    "find_deadline",
    "jurisdiction",
    "notice_place",
    "parse_deadline",
]

# Named patterns (STYLE.md), each with a real example.
_PATTERNS: dict[str, regex.Pattern[str]] = {
    # The prefix a name's jurisdiction follows, by level: 省教育厅, 自治区发展改革委, 团省委 →
    # province; 市发改委, 州民宗委, 团市委 → city or prefecture; 区政府, 县农业农村局, 旗教育局 → county.
    # 市场 (市场监管局, written without a prefix) and 区域/区划/县域/县级 start no prefix.
    "province_prefix": regex.compile(r"^(?:自治区|省(?![份属])|团省委)"),
    "prefecture_prefix": regex.compile(r"^(?:自治州|市(?!场)|州|盟|团市委)"),
    "county_prefix": regex.compile(r"^(?:自治县|县(?![域级])|区(?![域划])|旗|团区委|团县委)"),
    # Wrappers before a place in a name: 中共驻马店市委, 共青团中卫市委.
    "party_wrapper": regex.compile(r"^(?:中国共产党|中共|共青团)"),
    # National vertical systems whose branches name their place after the system:
    # 国家税务总局山东省税务局, 人民银行中卫市中心支行, 国家金融监督管理总局大连监管分局.
    "system_prefix": regex.compile(
        r"^(?:国家税务总局|中国人民银行|人民银行|国家金融监督管理总局|金融监管总局|国家外汇管理局|"
        r"中国银保监会|银保监会|中国证监会|证监会|国网|国家电网)"
    ),
    # National bodies written without a prefix: 财政部, 海关总署, 国家能源局, 国务院扶贫办,
    # 中国人民银行, 证监会. Not a county's 宣传部 or 组织部 (d032 lists them bare).
    "national_body": regex.compile(
        r"^(?:国务院|国家|中国|中华全国|全国|中央|中共中央|最高人民|人民银行$|证监会$|银保监会$|银监会$|保监会$)|"
        r"(?<!宣传|组织|统战|统一战线工作|武装|人武)部$|总局$|总署$"
    ),
    # Owners that are no one body: 各区政府, 有关部门, 相关单位, 其他成员单位.
    "no_body": regex.compile(r"^(?:各|有关|相关|其他|其它)"),
    # Titles start with the issuer or with 关于(印发): 关于印发《中卫市2017年…》的通知.
    "title_lead": regex.compile(r"^(?:关于(?:印发|转发|做好|加强|进一步)?\s*[《“\"]?)"),
    # Joint issuers: 生态环境部、国家发展改革委; 中共北京市委办公厅 北京市人民政府办公厅.
    "issuer_split": regex.compile(r"[、，,；;\s]+"),
}

# Official one-character province abbreviations, as in doc numbers (京政办发, 鲁政字, 宁政办发).
_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000", "辽": "210000",
    "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000", "浙": "330000", "皖": "340000",
    "闽": "350000", "赣": "360000", "鲁": "370000", "豫": "410000", "鄂": "420000", "湘": "430000",
    "粤": "440000", "桂": "450000", "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000",
    "黔": "520000", "贵": "520000", "滇": "530000", "云": "530000", "藏": "540000", "陕": "610000",
    "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000", "新": "650000",
    "港": "810000", "澳": "820000", "台": "710000",
}  # fmt: skip


def doc_number_parts(doc_number: str | None) -> dict[str, Any] | None:
    """Split a 发文字号 into ``{code, year, serial}`` (contract 1.1 ``Metadata.doc_number_parts``),
    by the one 文号 grammar the metadata stage reads it with (``core.doc_numbers``).

    >>> doc_number_parts("驻政办〔2015〕100号")
    {'code': '驻政办', 'year': 2015, 'serial': 100}
    >>> doc_number_parts("二〇一五年") is None
    True
    """
    return split_doc_number(doc_number)


def _province(place: Place) -> Place:
    return next(p for p in ancestors(place) if p.level == "province")


def _own_place(name: str, within: Place | None) -> str | None:
    """The place a name carries itself: 大连海关 → 大连市, 越秀区政府 → 越秀区, 北厝镇人民政府 → 北厝镇."""
    name = _PATTERNS["party_wrapper"].sub("", name, count=1)
    name = _PATTERNS["system_prefix"].sub("", name, count=1)
    place = find_place(name, within=within)
    if place is not None:
        return place.name
    for end in range(len(name), 2, -1):  # the longest leading township: 北厝镇人民政府 → 北厝镇
        head = name[:end]
        if head.endswith(("乡", "镇", "街道")) and looks_like_township(head):
            return head
    return None


# Pure, and the same names come back task after task: cached (bounded).
@lru_cache(maxsize=8192)
def jurisdiction(name: str, notice_place: Place | None) -> str | None:
    """The place an owner's name stands for (contract 1.1 ``AgencyRole.jurisdiction``).

    A name with its own place gives it (大连海关 → 大连市, 越秀区政府 → 越秀区, a town's
    government → the town). Otherwise its administrative prefix is read against the notice's
    place: 省 → the notice's province when it is a 省, 自治区 → when it is an autonomous
    region; 市 → the notice's city (the county-level city itself in
    a 句容市 notice, the parent city in a county's notice, the municipality in 北京市's); 州/盟
    → the notice's autonomous prefecture or league; 区/县/旗 → the notice's place only when the
    notice is county-level. A body named without a prefix (公安局, 市场监管局) is the notice's
    own: the notice's place. National bodies (国家发展改革委, 财政部, 国务院办公厅) and owners
    that are no one body (各区政府, 有关部门) give None: no division stands for the whole
    country, and a collective has no one place.

    >>> shandong = find_place("山东省")
    >>> jurisdiction("省教育厅", shandong), jurisdiction("财政部", shandong), jurisdiction("市发改委", shandong)
    ('山东省', None, None)
    >>> jurisdiction("大连海关", shandong)
    '大连市'
    """
    own = _own_place(name, notice_place)
    if own is not None:
        return own
    if notice_place is None:
        return None
    chain = list(ancestors(notice_place))
    prefix = _PATTERNS["province_prefix"].match(name)
    if prefix:  # 省 stands for a 省, 自治区 for an autonomous region: never the other
        province = _province(notice_place)
        wanted = "自治区" if prefix.group() == "自治区" else "省"
        return province.name if province.name.endswith(wanted) else None
    prefix = _PATTERNS["prefecture_prefix"].match(name)
    if prefix:
        return _prefecture_for(prefix.group(), notice_place, chain)
    if _PATTERNS["county_prefix"].match(name):
        return notice_place.name if notice_place.level == "county" else None
    if _PATTERNS["national_body"].search(name) or _PATTERNS["no_body"].match(name):
        return None
    # A local body named bare (公安局, 市场监管局 in a 中卫市 notice) is the notice's own.
    return notice_place.name


def administrative_prefix(name: str) -> str:
    """The administrative prefix a name's jurisdiction is read from (市, 省, 自治区, 团市委…),
    or "" (市场监管局 has none: 市场 is no 市; 大连海关 carries a place, not a prefix).

    >>> [administrative_prefix(name) for name in ("市公安局", "自治区发展改革委", "市场监管局")]
    ['市', '自治区', '']
    """
    for level in ("province_prefix", "prefecture_prefix", "county_prefix"):
        if found := _PATTERNS[level].match(name):
            return found.group()
    return ""


def _prefecture_for(prefix: str, notice: Place, chain: list[Place]) -> str | None:
    """What 市/州/盟 stands for in a notice of ``notice``'s place."""
    if prefix in ("市", "团市委"):
        for place in chain:  # nearest first: 句容市 itself, else 镇江市, else 北京市
            if place.name.endswith("市"):
                return place.name
        return None
    suffix = {"自治州": "州", "州": "州", "盟": "盟"}[prefix]
    for place in chain:
        if place.level != "county" and place.name.endswith(suffix):
            return place.name
    return None


def notice_place(issuer: str | None, title: str | None, doc_number: str | None) -> Place | None:
    """The place the notice's issuer governs (contract 1.1 ``Metadata.jurisdiction``).

    Read from the issuer (each of joint issuers in turn), else from the title's start (the
    issuer, or the place the forwarded plan is for). ``doc_number`` never names a place by
    itself (宁政办发 is 宁夏's or 宁德's); it only picks among divisions of the same name
    (朝阳区: 京 → 北京's, 吉 → 长春's).

    >>> notice_place("驻马店市人民政府办公室", None, "驻政办〔2015〕100号").name
    '驻马店市'
    >>> notice_place(None, "关于印发中卫市2017年打击侵权假冒工作实施方案的通知", None).name
    '中卫市'
    >>> notice_place("国务院办公厅", "国务院办公厅关于促进煤炭行业平稳运行的意见", None) is None
    True
    """
    texts: list[str] = []
    if issuer:
        texts += [part for part in _PATTERNS["issuer_split"].split(issuer) if part]
    if title:
        texts.append(title.strip())
        texts.append(_PATTERNS["title_lead"].sub("", title.strip(), count=1))
    for text in texts:
        text = _PATTERNS["party_wrapper"].sub("", text, count=1)
        place = find_place(text)
        if place is not None:
            return _deepest(text, _disambiguate(text, place, doc_number))
    return None


def _deepest(text: str, place: Place) -> Place:
    """The division a name ends its chain of places with: 昆明市官渡区 → 官渡区, not 昆明市."""
    while True:
        form = max((f for f in place.forms if text.startswith(f)), key=len, default=None)
        if form is None:
            return place
        text = text[len(form) :]
        inner = find_place(text, within=place)
        if inner is None or place.code not in {p.code for p in ancestors(inner)} or inner.code == place.code:
            return place
        place = inner


def _disambiguate(text: str, place: Place, doc_number: str | None) -> Place:
    """Among divisions written like ``place`` at the start of ``text``, the one whose province
    the doc number's first character abbreviates."""
    parts = doc_number_parts(doc_number)
    province_code = _PROVINCE_ABBREVIATIONS.get(parts["code"][0]) if parts else None
    if province_code is None:
        return place
    form = max((f for f in place.forms if text.startswith(f)), key=len, default=place.name)
    same = [p for p in places_named(form) if p.level == place.level]
    return next((p for p in same if _province(p).code == province_code), place)
