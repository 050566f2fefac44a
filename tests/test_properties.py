"""Properties that hold for any input string: notice-like or not, well-formed or hostile."""

from __future__ import annotations

import json
from functools import cache

import jsonschema
from conftest import ROOT
from fuzz.text import OWNERS as OWNER_PIECES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashuang_parse import DashuangError, Document, parse_text
from dashuang_parse.core import lexicon
from dashuang_parse.normalize import normalize, normalize_text
from dashuang_parse.normalize.variants import has_traditional

# Pieces of notice-like text, so generated inputs reach the interesting paths.
PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "十一、",
        "（一）",
        "(二)",
        "（三十一）",
        "1.",
        "2、",
        "１．",
        "（1）",
        "(2)",
        "①",
        "第一章",
        "第三条",
        "加强监管",
        "。",
        "，",
        "\n",
        "\n\n",
        "  ",
        "\u3000",
        "（",
        "）",
        "(",
        ")",
        "（市公安局负责）",
        "（市市场监督管理局牵头，公安局、农业局按职责分工分别负责）",
        "（责任单位：市农委、市科技局（知识产权局））",
        "（大连海关）",
        "（以下简称领导小组办公室）",
        "领导小组办公室",
        "（IP地址）",
        "（宁政办发〔2017〕139号）",
        "《通知》",
        "等",
        "各县区",
        "有关部门",
        "2015年8月31日",
        "二〇一二年四月十二日",
        "# ",
        "---",
        "\x00",
        "\r\n",
    ]
)
NOTICE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)

# Whole lines as notices write them: a marker of any level and width, a clause, owners.
MARKERS = st.sampled_from(
    [
        "一、",
        "十二、",
        "（一）",
        "(三)",
        "（二十三）",
        "1.",
        "１．",
        "12、",
        "（1）",
        "(4)",
        "②",
        "第二章",
        "第十条",
        "",
    ]
)
CLAUSES = st.lists(
    st.sampled_from(["加强", "知识产权", "执法", "监管", "，", "、", "；", "开展2015", "年"]), max_size=12
).map("".join)
# The owner pieces of the fuzz target (tests/fuzz/text.py): one list for both.
OWNERS = st.sampled_from(OWNER_PIECES)
LINE = st.tuples(MARKERS, CLAUSES, st.sampled_from(["。", "", "；"]), OWNERS).map("".join)
STRUCTURED = st.lists(LINE, max_size=25).map("\n".join)
# Brackets nested deep or left open, mixed widths, control and invisible characters.
BRACKETS = st.lists(
    st.sampled_from(["（", "）", "(", ")", "【", "】", "〔", "〕", "《", "》", "市公安局"]), max_size=200
).map("".join)
CONTROLS = st.lists(
    st.sampled_from(
        ["\x00", "\x0b", "\x0c", "\x1b", "\u200b", "\u202e", "\ufeff", "\r", "一、", "（一）", "\n", "加强"]
    ),
    max_size=60,
).map("".join)
LONG_LINE = st.tuples(st.sampled_from(["加强监管", "（市公安局负责）", "一、", "（", "a"]), st.integers(200, 5000)).map(
    lambda piece: piece[0] * piece[1]
)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    NOTICE_LIKE,
    STRUCTURED,
    BRACKETS,
    CONTROLS,
    LONG_LINE,
    st.lists(st.one_of(STRUCTURED, BRACKETS, CONTROLS, NOTICE_LIKE), max_size=4).map("\n".join),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _schema() -> dict[str, object]:
    return json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))


@SETTINGS
@given(ANY_TEXT)
def test_parse_raises_nothing_but_dashuang_errors_and_output_validates(text: str) -> None:
    try:
        doc = parse_text(text)
    except DashuangError:
        return  # a typed error with a message is an allowed outcome
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    jsonschema.validate(json.loads(doc.model_dump_json()), _schema())


@SETTINGS
@given(ANY_TEXT)
def test_spans_are_inside_the_text_and_nest(text: str) -> None:
    doc = parse_text(text)
    norm = doc.text or ""

    def check(section, outer: tuple[int, int]) -> None:
        start, end = section.span
        assert 0 <= outer[0] <= start <= end <= outer[1] <= len(norm)
        assert section.text in norm[start:end]  # a slice of the normalized text, inside its span
        for task in section.tasks:
            assert start <= task.span[0] <= task.span[1] <= end
            assert norm[task.span[0] : task.span[1]].startswith(task.text)
        for child in section.children:
            check(child, section.span)

    for section in doc.sections:
        check(section, (0, len(norm)))
    for diagnostic in doc.diagnostics:
        if diagnostic.span is not None:
            assert 0 <= diagnostic.span[0] <= diagnostic.span[1] <= len(norm)


@SETTINGS
@given(ANY_TEXT)
def test_parsing_is_deterministic(text: str) -> None:
    assert parse_text(text) == parse_text(text)


# Joining the 、 made a sixth 15-character line, and a second pass found the text hard-wrapped.
SIXTH_LINE_BY_JOINING = "000000000000000\r" * 5 + "00000000000000\r、"


@SETTINGS
@given(ANY_TEXT)
@example(SIXTH_LINE_BY_JOINING)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


# The parser's fast paths must agree with the plain definitions they stand in for.
TRADITIONAL_PIECES = st.sampled_from(["市場監督", "於", "後", "乾", "&#24066;", "&#22580;", "&#", "—", "①", "市场"])
TRADITIONAL = st.lists(st.one_of(TRADITIONAL_PIECES, st.text()), max_size=20).map("".join)


@SETTINGS
@given(ANY_TEXT)
def test_normalize_text_is_normalize_without_offsets(text: str) -> None:
    assert normalize_text(text) == normalize(text).text


@SETTINGS
@given(st.one_of(ANY_TEXT, TRADITIONAL))
def test_traditional_check_is_a_lookup_of_every_character(text: str) -> None:
    assert has_traditional(text) == (not lexicon.traditional_map().keys.isdisjoint(text))


def test_every_traditional_character_is_found() -> None:
    table = lexicon.traditional_map().keys
    assert all(has_traditional(f"市{char}局") for char in table)
