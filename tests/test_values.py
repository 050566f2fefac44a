"""Schema-1.1 values: deadlines, jurisdictions, canonical names, doc-number parts.

Table-driven; the phrasings are from real notices (devset2: d019 包头市 2022, d022 北京市 2021,
d025 北京市 2023, d011 国务院办公厅 2013; devset: 驻马店, 中卫).
"""

from __future__ import annotations

import pytest

from dashuang_parse.core.doc_numbers import DOC_NUMBER, normalize_doc_number
from dashuang_parse.core.gazetteer import find_place
from dashuang_parse.values.places import (
    DEADLINE_RULES,
    canonical,
    doc_number_parts,
    find_deadline,
    jurisdiction,
    notice_place,
    parse_deadline,
)

# (phrase, notice year, as_written, date, recurring, ongoing)
PARSE = [
    ("年底前", 2023, "年底前", "2023-12-31", None, False),
    ("2025年6月底前", 2023, "2025年6月底前", "2025-06-30", None, False),
    ("6月底完成", 2022, "6月底", "2022-06-30", None, False),  # d019
    ("持续推进", 2022, "持续推进", None, None, True),  # d019
    ("完成时限：2021年6月", 2021, "2021年6月", "2021-06-30", None, False),  # d022
    ("完成时限：2021年10月", 2021, "2021年10月", "2021-10-31", None, False),  # d022
    ("2023年10月底前完成并持续推进", 2023, "2023年10月底前完成并持续推进", "2023-10-31", None, True),  # d025
    ("5月底取得阶段性成效并持续推进", 2022, "5月底取得阶段性成效并持续推进", "2022-05-31", None, True),  # d019
    ("2023年12月底前完成", 2023, "2023年12月底前", "2023-12-31", None, False),  # d025
    ("每月25日前", 2023, "每月25日前", None, "monthly", False),
    ("每季度末", 2023, "每季度末", None, "quarterly", False),
    ("每年12月底前", 2023, "每年12月底前", None, "yearly", False),
    ("长期坚持", 2023, "长期坚持", None, None, True),
    ("长期", 2023, "长期", None, None, True),
    ("持续开展", 2023, "持续开展", None, None, True),
    ("2013年年底前", 2013, "2013年年底前", "2013-12-31", None, False),  # d011
    ("二〇二三年十二月底前", 2023, "二〇二三年十二月底前", "2023-12-31", None, False),
    ("2021年12月31日前", 2021, "2021年12月31日前", "2021-12-31", None, False),
    ("三季度末前", 2024, "三季度末前", "2024-09-30", None, False),
    ("明年上半年", 2024, "明年上半年", "2025-06-30", None, False),
    ("到2026年底", 2024, "到2026年底", "2026-12-31", None, False),
    ("6月中旬", 2024, "6月中旬", "2024-06-20", None, False),
    ("2023年", 2023, "2023年", "2023-12-31", None, False),  # a bare 完成时限 cell
    ("6月底前", None, "6月底前", None, None, False),  # notice year unknown: no date
    ("2月30日前", 2023, "2月30日前", None, None, False),  # no such day
]


@pytest.mark.parametrize(
    ("phrase", "year", "as_written", "date", "recurring", "ongoing"), PARSE, ids=[row[0] for row in PARSE]
)
def test_parse_deadline(
    phrase: str, year: int | None, as_written: str, date: str | None, recurring: str | None, ongoing: bool
) -> None:
    assert parse_deadline(phrase, year) == {
        "as_written": as_written,
        "date": date,
        "recurring": recurring,
        "ongoing": ongoing,
    }


@pytest.mark.parametrize("phrase", ["市工信局", "按职责分工负责", "", "6个月内"])
def test_parse_deadline_none(phrase: str) -> None:
    assert parse_deadline(phrase, 2023) is None


# (text, notice year, last clause only, as_written or None, date)
FIND = [
    # d019 owner parentheticals: the deadline clause comes first
    ("6月底完成，牵头考核单位：市工信局", 2022, False, "6月底", "2022-06-30"),
    ("持续推进，牵头考核单位：市委网信办", 2022, False, "持续推进", None),
    (
        "5月底取得明显成效并持续推进，牵头考核单位：市审批服务局",
        2022,
        False,
        "5月底取得明显成效并持续推进",
        "2022-05-31",
    ),
    # d022: a labelled 完成时限 after the owners
    ("市政务服务局牵头，各区政府、市政府各部门负责落实，完成时限：2021年6月", 2021, False, "2021年6月", "2021-06-30"),
    # d025: the deadline clause comes last
    (
        "市政务服务局牵头，各区、市各相关部门按分管领域负责，2023年10月底前完成并持续推进",
        2023,
        False,
        "2023年10月底前完成并持续推进",
        "2023-10-31",
    ),
    # the end of a statement
    ("加快推进老旧小区改造，确保2023年底前全部建成。", 2023, True, "2023年底前", "2023-12-31"),
    # a target at a statement's start is no deadline; nor is 持续推进 that opens a clause
    ("到2026年底，数据要素应用水平全国领先", 2024, True, None, None),
    ("持续推进降本增效", 2023, False, None, None),
    ("每年遴选20家网络改造应用良好的企业", 2023, True, None, None),
    ("（市工信局牵头，市财政局配合）", 2023, False, None, None),
]


@pytest.mark.parametrize(("text", "year", "last", "as_written", "date"), FIND, ids=[row[0][:20] for row in FIND])
def test_find_deadline(text: str, year: int, last: bool, as_written: str | None, date: str | None) -> None:
    found = find_deadline(text, year, last_clause_only=last)
    if as_written is None:
        assert found is None
        return
    assert found is not None
    assert (found["as_written"], found["date"]) == (as_written, date)


def test_deadline_rules_are_named_with_examples() -> None:
    names = [rule.name for rule in DEADLINE_RULES]
    assert len(names) == len(set(names))
    assert all(rule.example for rule in DEADLINE_RULES)


# (owner name, notice place's name or None, expected jurisdiction)
JURISDICTION = [
    ("市发改委", "中卫市", "中卫市"),
    ("市市场监督管理局", "中卫市", "中卫市"),
    ("省教育厅", "山东省", "山东省"),
    ("省教育厅", "济南市", "山东省"),  # a city's notice: 省 is its province
    ("自治区发展改革委", "包头市", "内蒙古自治区"),
    ("区政府", "越秀区", "越秀区"),
    ("区政府", "广州市", None),  # 区 in a city's notice: which district is not said
    ("县教育局", "阜新蒙古族自治县", "阜新蒙古族自治县"),
    ("市教育局", "阜新蒙古族自治县", "阜新市"),  # 市 in a county's notice: its city
    ("市发改委", "句容市", "句容市"),  # a county-level city's own 市
    ("市政务服务局", "北京市", "北京市"),  # d025: a municipality
    ("区政府", "北京市", None),
    ("州民宗委", "延边", "延边朝鲜族自治州"),
    ("团省委", "山东省", "山东省"),
    ("大连海关", "中卫市", "大连市"),  # own place
    ("越秀区政府", "广州市", "越秀区"),
    ("人民银行中卫市中心支行", "中卫市", "中卫市"),
    ("国家税务总局山东省税务局", "山东省", "山东省"),
    ("北厝镇人民政府", "平潭综合实验区", "北厝镇"),  # a town's own place
    ("国家发展改革委", "中卫市", None),  # national bodies: None (documented choice)
    ("财政部", None, None),
    ("市场监管局", "中卫市", "中卫市"),  # no prefix (市场 is no 市): the notice's own body
    ("公安局", "中卫市", "中卫市"),  # 000 中卫 names 公安局 and 市公安局: one body
    ("宣传部", "阜新蒙古族自治县", "阜新蒙古族自治县"),  # d032: a county's party department
    ("海关总署", "中卫市", None),  # a national body named bare
    ("工业和信息化部", "山东省", None),
    ("人民银行", "中卫市", None),
    ("各区政府", "北京市", None),  # no one body
    ("有关部门", "中卫市", None),
    ("市发改委", None, None),  # notice place unknown
]


@pytest.mark.parametrize(("name", "notice", "expected"), JURISDICTION, ids=[f"{r[0]}@{r[1]}" for r in JURISDICTION])
def test_jurisdiction(name: str, notice: str | None, expected: str | None) -> None:
    place = find_place(notice) if notice else None
    assert jurisdiction(name, place) == expected


# (issuer, title, doc number, expected place code or None)
NOTICE_PLACE = [
    ("驻马店市人民政府办公室", None, "驻政办〔2015〕100号", "411700"),
    ("包头市人民政府办公室", "包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知", None, "150200"),
    (None, "中卫市人民政府办公室关于印发中卫市2017年打击侵权假冒工作实施方案的通知", None, "640500"),
    (None, "关于印发中卫市2017年打击侵权假冒工作实施方案的通知", None, "640500"),
    ("北京市政务公开领导小组办公室", None, "京公开办发〔2021〕1号", "110000"),
    ("中共北京市委办公厅 北京市人民政府办公厅", None, None, "110000"),
    ("阜新蒙古族自治县人民政府办公室", None, None, "210921"),
    ("朝阳区人民政府", None, "京朝政发〔2020〕1号", "110105"),
    ("朝阳区人民政府", None, "长朝府发〔2020〕1号", "110105"),  # 长 abbreviates no province
    ("昆明市官渡区", None, "官打假办〔2020〕2号", "530111"),  # 004: the district, not its city
    ("国务院办公厅", "国务院办公厅关于促进煤炭行业平稳运行的意见", "国办发〔2013〕104号", None),
    ("生态环境部、国家发展改革委", None, "环综合〔2022〕42号", None),
    (None, None, "驻政办〔2015〕100号", None),  # a doc number alone names no place
]


@pytest.mark.parametrize(("issuer", "title", "doc_number", "code"), NOTICE_PLACE)
def test_notice_place(issuer: str | None, title: str | None, doc_number: str | None, code: str | None) -> None:
    place = notice_place(issuer, title, doc_number)
    assert (place.code if place else None) == code


CANONICAL = [
    ("市发改委", "市发展和改革委员会"),
    ("市发展改革委", "市发展和改革委员会"),
    ("国家发展改革委", "国家发展和改革委员会"),
    ("市场监管局", "市场监督管理局"),
    ("市市场监管局", "市市场监督管理局"),
    ("国家市场监管总局", "国家市场监督管理总局"),
    ("市工信局", "市工业和信息化局"),
    ("科技局", "科学技术局"),
    ("省科技厅", "省科学技术厅"),
    ("人社局", "人力资源和社会保障局"),
    ("市人力资源社会保障局", "市人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("包头市卫健委", "包头市卫生健康委员会"),
    ("市委网信办", "市委网络安全和信息化委员会办公室"),
    ("区政府办", "区人民政府办公室"),
    ("县检察院", "县人民检察院"),
    ("市教育局", "市教育局"),  # no entry: unchanged
    ("市民政局", "市民政局"),
    ("国家税务总局", "国家税务总局"),
    ("市审批服务局", "市审批服务局"),  # names that differ by place are left alone
]


@pytest.mark.parametrize(("name", "expected"), CANONICAL, ids=[row[0] for row in CANONICAL])
def test_canonical(name: str, expected: str) -> None:
    assert canonical(name) == expected


# Every 文号 form seen, with the notice it is read from; forms the corpus lacks are marked
# "form only" and written with a real number of the corpus in the other brackets.
DOC_NUMBERS = [
    ("驻政办〔2015〕100号", {"code": "驻政办", "year": 2015, "serial": 100}),  # 001 驻马店
    ("国办发〔2013〕104号", {"code": "国办发", "year": 2013, "serial": 104}),  # d011
    ("京政服发〔2023〕15号", {"code": "京政服发", "year": 2023, "serial": 15}),  # d025
    ("國發〔2017〕14號", {"code": "國發", "year": 2017, "serial": 14}),  # d036, traditional characters
    ("瓊府辦〔2017〕89號", {"code": "瓊府辦", "year": 2017, "serial": 89}),  # d036
    ("卫政办发[2015]194号", {"code": "卫政办发", "year": 2015, "serial": 194}),  # 000 中卫, square brackets
    ("国发[2011] 37号", {"code": "国发", "year": 2011, "serial": 37}),  # 003 大连, a space after ]
    ("阜蒙健促办发[2020] 3号", {"code": "阜蒙健促办发", "year": 2020, "serial": 3}),  # d032
    ("豫政办〔2015〕81 号", {"code": "豫政办", "year": 2015, "serial": 81}),  # 001, a space before 号
    ("环综合（2022）42号", {"code": "环综合", "year": 2022, "serial": 42}),  # d015 in round brackets: form only
    ("国办发(2013)104号", {"code": "国办发", "year": 2013, "serial": 104}),  # form only
    ("国办发﹝2013﹞104号", {"code": "国办发", "year": 2013, "serial": 104}),  # form only (web copies)
    ("国办发【2013】104号", {"code": "国办发", "year": 2013, "serial": 104}),  # form only
    ("国发〔2019〕第3号", {"code": "国发", "year": 2019, "serial": 3}),  # d012's number with 第: form only
    ("国发〔2019年〕3号", {"code": "国发", "year": 2019, "serial": 3}),  # 年 inside the brackets: form only
    # announcements numbered by year, no brackets (国家税务总局公告2018年第28号 is a real one)
    ("国家税务总局公告2018年第28号", {"code": "国家税务总局公告", "year": 2018, "serial": 28}),
    ("", None),
    (None, None),
    ("关于印发的通知", None),
    ("2019年3月28号", None),  # a date written with 号
    ("〔2015〕100号", None),  # no issuer code
    ("国务院令第708号", None),  # no year: no parts (DocNumberParts.year is required)
]


@pytest.mark.parametrize(("doc_number", "expected"), DOC_NUMBERS)
def test_doc_number_parts(doc_number: str | None, expected: dict | None) -> None:
    assert doc_number_parts(doc_number) == expected


NORMALIZED = [
    ("大政办发[2012]45号", "大政办发〔2012〕45号"),  # 003, the metadata's printed form
    ("国发[2011] 37号", "国发〔2011〕37号"),
    ("豫政办〔2015〕81 号", "豫政办〔2015〕81号"),
    ("国办发﹝2013﹞104號", "国办发〔2013〕104号"),
    ("国发（2019）第3号", "国发〔2019〕第3号"),  # a written 第 is kept
    ("国家税务总局公告2018年第28号", "国家税务总局公告2018年第28号"),
]


@pytest.mark.parametrize(("written", "printed"), NORMALIZED)
def test_normalize_doc_number(written: str, printed: str) -> None:
    assert normalize_doc_number(written) == printed
    assert doc_number_parts(printed) == doc_number_parts(written)


def test_one_doc_number_grammar() -> None:
    """The metadata stage, the line joiner and doc_number_parts read the same 文号 forms."""
    from dashuang_parse.metadata import rules as metadata_rules
    from dashuang_parse.normalize.rules import DOC_NUMBER_LINE

    assert metadata_rules.DOC_NUMBER is DOC_NUMBER
    for written, parts in DOC_NUMBERS:
        if parts is not None:
            assert DOC_NUMBER.fullmatch(written), written
            assert DOC_NUMBER_LINE.match(written), written
