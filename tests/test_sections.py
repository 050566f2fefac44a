from __future__ import annotations

import pytest
from cases import rows

from dashuang_parse import parse_text


@pytest.mark.parametrize("case", rows("sections"))
def test_section_ids(case: dict) -> None:
    doc = parse_text(case["input"])
    assert [s.id for s in doc.iter_sections()] == case["ids"]
    if "closing" in case:
        assert doc.closing == case["closing"]
    if "diagnostics" in case:
        codes = sorted(d.code for d in doc.diagnostics if d.code.startswith("numbering"))
        assert codes == sorted(case["diagnostics"])


def test_levels_kinds_markers_and_numbers() -> None:
    doc = parse_text("一、任务\n（五）监管\n1.抽查\n（1）开展行动。")
    got = [(s.level, s.kind, s.marker, s.number) for s in doc.iter_sections()]
    assert got == [
        (1, "cn", "一、", 1),
        (2, "cn_paren", "（五）", 5),
        (3, "arabic", "1.", 1),
        (4, "arabic_paren", "（1）", 1),
    ]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        pytest.param("一、指导思想\n以党的精神为指导。", "指导思想", id="marker line"),
        pytest.param(
            "二、突出监管重点,开展专项整治\n（一）开展行动。",
            "突出监管重点，开展专项整治",
            id="marker line with a comma",
        ),
        pytest.param("1.加大治理。坚持依法管网，强化监管。", "加大治理", id="short first sentence"),
        pytest.param("（2）开展专项行动，探索完善规则（市局牵头负责）。", None, id="first sentence with a comma"),
        pytest.param("1.加强市场监督检查维护秩序（市场监督管理局负责）", None, id="one paragraph ending in its owners"),
    ],
)
def test_heading(text: str, heading: str | None) -> None:
    assert parse_text(text).sections[0].heading == heading


def test_closing_after_a_nested_list() -> None:
    doc = parse_text("一、任务\n（一）加强监管。（市公安局负责）\n各地要认真落实。\n2017年3月22日")
    assert doc.closing == "各地要认真落实。\n2017年3月22日"
    assert doc.sections[0].children[0].text == "加强监管。（市公安局负责）"


def test_top_level_section_keeps_its_paragraphs() -> None:
    doc = parse_text("一、任务\n加强监管。\n落实责任。\n二〇一二年四月十二日")
    assert doc.sections[0].text == "任务\n加强监管。\n落实责任。"
    assert doc.closing == "二〇一二年四月十二日"
