"""Properties that hold for any input string."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashuang_parse import Document, parse_text
from dashuang_parse.normalize import normalize

# Pieces of notice-like text, so generated inputs reach the interesting paths.
PIECES = st.sampled_from([
    "一、", "二、", "十一、", "（一）", "(二)", "（三十一）", "1.", "2、", "１．", "（1）", "(2)", "①", "第一章", "第三条",
    "加强监管", "。", "，", "\n", "\n\n", "  ", "\u3000", "（", "）", "(", ")", "（市公安局负责）",
    "（市市场监督管理局牵头，公安局、农业局按职责分工分别负责）", "（责任单位：市农委、市科技局（知识产权局））",
    "（大连海关）", "（以下简称领导小组办公室）", "领导小组办公室", "（IP地址）", "（宁政办发〔2017〕139号）",
    "《通知》", "等", "各县区", "有关部门", "2015年8月31日", "二〇一二年四月十二日", "# ", "---", "\x00", "\r\n",
])
NOTICE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NOTICE_LIKE)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ANY_TEXT)
def test_parse_never_raises_and_validates(text: str) -> None:
    doc = parse_text(text)
    assert Document.model_validate_json(doc.model_dump_json()) == doc


@SETTINGS
@given(ANY_TEXT)
def test_spans_are_inside_the_text_and_nest(text: str) -> None:
    doc = parse_text(text)
    norm = doc.text or ""

    def check(section, outer: tuple[int, int]) -> None:
        start, end = section.span
        assert 0 <= outer[0] <= start <= end <= outer[1] <= len(norm)
        assert section.text in norm[start:end]
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


@SETTINGS
@given(ANY_TEXT)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once
