"""One name per body: short forms to the full official name, and reformed bodies to their successor.

- ``canonical(name)``: ``AgencyRole.canonical`` (市发改委 → 市发展和改革委员会), from
  ``data/canonical_names.tsv``;
- ``successor(name)``: the body that took over a reformed one's work (市工商行政管理局 →
  市市场监督管理局), from ``data/successions.tsv``; only the agencies index applies it, on
  request (``--merge-successors``): a notice's own owner keeps the name it gave.

Both tables are matched the same way: the whole name, else the part after its administrative
prefix (市, 省, 国家, a place: 中卫市), which the result keeps.

>>> canonical("市工商局"), successor(canonical("市工商局"))
('市工商行政管理局', '市市场监督管理局')
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from ..core.gazetteer import find_place
from ..core.lexicon import data_rows

__all__ = ["canonical", "successor"]

# Prefixes a body's name may carry before the part looked up in a table.
_PREFIXES = ("自治区", "自治州", "自治县", "国家", "省", "市", "区", "县", "州", "盟", "旗")
# Province-level prefixes: a successions row for 省/自治区 applies to a province's own name too.
_PROVINCE_ENDS = ("省", "自治区")


@cache
def _canonical_table() -> dict[str, str]:
    return {row[0].strip(): row[1].strip() for row in data_rows("canonical_names.tsv")}


@cache
def _succession_table() -> dict[str, str]:
    return {row[0].strip(): row[1].strip() for row in data_rows("successions.tsv")}


def _splits(name: str) -> Iterator[tuple[str, str]]:
    """(prefix, rest) of ``name``, longest prefix first: 中卫市人社局 → (中卫市, 人社局), …"""
    prefixes = [p for p in _PREFIXES if name.startswith(p)]
    place = find_place(name)
    if place is not None:
        prefixes += [form for form in place.forms if name.startswith(form)]
    for prefix in sorted(set(prefixes), key=len, reverse=True):
        yield prefix, name[len(prefix) :]


def _join(prefix: str, full: str) -> str:
    # 国家市场监管总局: the table's full name already starts with 国家
    return full if prefix == "国家" and full.startswith(prefix) else prefix + full


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """The same body's full official name, its prefix kept (contract 1.1 ``AgencyRole.canonical``).

    The part after the prefix (市, 省, a place: 中卫市, or 国家) must be a whole entry of
    ``data/canonical_names.tsv``; otherwise the name is returned unchanged. Bodies renamed by
    a reform keep their own name (市工商局 → 市工商行政管理局, not 市市场监督管理局).

    >>> canonical("市场监管局"), canonical("市市场监管局"), canonical("中卫市人社局")
    ('市场监督管理局', '市市场监督管理局', '中卫市人力资源和社会保障局')
    >>> canonical("国家发展改革委"), canonical("市委网信办"), canonical("市教育局")
    ('国家发展和改革委员会', '市委网络安全和信息化委员会办公室', '市教育局')
    """
    table = _canonical_table()
    if name in table:
        return table[name]
    for prefix, rest in _splits(name):
        if rest in table:
            return _join(prefix, table[rest])
    return name


@lru_cache(maxsize=8192)
def successor(name: str) -> str:
    """The body that now does the work of ``name`` (a canonical name), or ``name`` itself.

    >>> successor("市食品药品监督管理局"), successor("省安全生产监督管理局")
    ('市市场监督管理局', '省应急管理厅')
    >>> successor("中国银行业监督管理委员会"), successor("市公安局")
    ('国家金融监督管理总局', '市公安局')
    """
    seen = {name}
    while (following := _successor_once(name)) not in seen:
        seen.add(following)
        name = following
    return name


def _successor_once(name: str) -> str:
    table = _succession_table()
    if name in table:
        return table[name]
    for prefix, rest in _splits(name):
        province = next((end for end in _PROVINCE_ENDS if prefix.endswith(end)), None)
        if province and (province + rest) in table:  # 山东省安全生产监督管理局 → 山东省应急管理厅
            return prefix + table[province + rest][len(province) :]
        if rest in table:
            return _join(prefix, table[rest])
    return name
