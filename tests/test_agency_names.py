"""Canonical agency names and reform successions: the tables and their sources.

Every row of ``data/canonical_names.tsv`` notes its source; a corpus citation (``short:`` or
``full:`` notice ids) is checked here against the notice's text, so the table cannot claim a
form the corpus does not hold.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import CORPUS

from dashuang_parse import parse_file
from dashuang_parse.core.lexicon import data_rows
from dashuang_parse.values.agency_names import canonical, successor

CANONICAL_ROWS = data_rows("canonical_names.tsv")
SUCCESSION_ROWS = data_rows("successions.tsv")


@cache
def _notice_text(notice: str) -> str:
    path = next(p for p in sorted(CORPUS.glob(f"{notice}*")) if not p.name.endswith(".gold.json"))
    return parse_file(path).text


def _citations(source: str) -> dict[str, list[str]]:
    """``short:000,d019 full:d015`` → {"short": ["000", "d019"], "full": ["d015"]}."""
    cited: dict[str, list[str]] = {}
    for word in source.split():
        kind, _, notices = word.partition(":")
        if kind in ("short", "full") and notices:
            cited[kind] = notices.split(",")
    return cited


def test_canonical_table_size_and_sources() -> None:
    assert len(CANONICAL_ROWS) >= 150
    variants = [row[0] for row in CANONICAL_ROWS]
    assert len(variants) == len(set(variants)), "a variant is listed once"
    for row in CANONICAL_ROWS:
        assert len(row) == 3 and row[2].strip(), f"{row[0]}: no source"
        assert _citations(row[2]) or "official:" in row[2], row


@pytest.mark.parametrize("row", CANONICAL_ROWS, ids=[row[0] for row in CANONICAL_ROWS])
def test_canonical_row_citations_hold(row: list[str]) -> None:
    variant, full, source = row
    cited = _citations(source)
    for notice in cited.get("short", []):
        assert variant in _notice_text(notice), f"{variant} is not written in {notice}"
    for notice in cited.get("full", []):
        assert full in _notice_text(notice), f"{full} is not written in {notice}"


def test_succession_rows() -> None:
    assert len(SUCCESSION_ROWS) >= 20
    for predecessor, heir, year, source in SUCCESSION_ROWS:
        assert predecessor != heir and year.isdigit() and source.strip()
        # the table is keyed by canonical names: a predecessor is already a full name
        assert canonical(predecessor) == predecessor


# (name as written, canonical, successor of the canonical name), from the corpus
NAMES = [
    ("市工商局", "市工商行政管理局", "市市场监督管理局"),  # 001 驻马店 2015, 003 大连 2012
    ("市质监局", "市质量技术监督局", "市市场监督管理局"),  # 003
    ("市食品药品监管局", "市食品药品监督管理局", "市市场监督管理局"),  # 003
    ("市食品药品监督管理局", "市食品药品监督管理局", "市市场监督管理局"),  # 001
    ("省食品药品监管局", "省食品药品监督管理局", "省市场监督管理局"),  # d035 福建 2015
    ("市卫生计生委", "市卫生和计划生育委员会", "市卫生健康委员会"),  # 001
    ("市卫生和计划生育局", "市卫生和计划生育局", "市卫生健康局"),  # 000 中卫 2017
    ("市环保局", "市环境保护局", "市生态环境局"),  # 001
    ("市国税局", "市国家税务局", "市税务局"),  # 001
    ("市地方税务局", "市地方税务局", "市税务局"),  # 000
    ("省农业厅", "省农业厅", "省农业农村厅"),  # d035
    ("质检总局", "国家质量监督检验检疫总局", "国家市场监督管理总局"),  # d011 国务院办公厅 2013
    ("银保监会", "中国银行保险监督管理委员会", "国家金融监督管理总局"),  # d013, followed to 2023
    ("环境保护部", "环境保护部", "生态环境部"),  # d011
    ("检验检疫局", "检验检疫局", "海关"),  # 002 宿迁 2017
    ("市市场监管局", "市市场监督管理局", "市市场监督管理局"),  # 003: the successor itself
    ("市发改委", "市发展和改革委员会", "市发展和改革委员会"),  # d019: no reform
    ("崂山区政府", "崂山区人民政府", "崂山区人民政府"),  # d004 青岛
]


@pytest.mark.parametrize(("written", "full", "heir"), NAMES, ids=[row[0] for row in NAMES])
def test_canonical_keeps_the_body_successor_merges(written: str, full: str, heir: str) -> None:
    assert canonical(written) == full
    assert successor(full) == heir


def test_successor_at_province_level() -> None:
    assert successor("省安全生产监督管理局") == "省应急管理厅"
    assert successor("山东省安全生产监督管理局") == "山东省应急管理厅"
    assert successor("市安全生产监督管理局") == "市应急管理局"
