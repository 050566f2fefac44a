from __future__ import annotations

import pytest
from cases import rows

from dashuang_parse import parse_text


@pytest.mark.parametrize("case", rows("tasks"))
def test_tasks(case: dict) -> None:
    doc = parse_text(case["input"])
    tasks = list(doc.iter_tasks())
    if "tasks" in case:
        got = [[t.id.split("/")[0], t.text, [a.name for a in t.agencies]] for t in tasks]
        assert got == case["tasks"]
    if "roles" in case:
        assert [[[a.name, a.role] for a in t.agencies] for t in tasks] == case["roles"]


def test_task_ids_spans_and_responsibility() -> None:
    doc = parse_text("一、任务\n（一）完善考核。（市打假办牵头负责）完善机制。（市环保局负责）")
    tasks = list(doc.iter_tasks())
    assert [t.id for t in tasks] == ["1.1/1", "1.1/2"]
    assert tasks[0].responsibility == "市打假办牵头负责"
    assert doc.text is not None
    assert doc.text[tasks[1].span[0] : tasks[1].span[1]] == "完善机制。（市环保局负责）"


def test_open_list_diagnostic() -> None:
    doc = parse_text("一、任务\n1.打击违法行为。（区生态环境局、区市场监管局等按职责分工分别负责）")
    assert [d.code for d in doc.diagnostics] == ["open-agency-list"]


def test_leaders_are_people_not_agencies() -> None:
    doc = parse_text("一、任务\n1.建设平台。（责任领导：黄水利、刘小辉；责任单位：市科技局、经信局）")
    (task,) = doc.iter_tasks()
    assert task.leaders == ["黄水利", "刘小辉"]
    assert [a.name for a in task.agencies] == ["市科技局", "市经信局"]


def test_standing_rule_is_an_info_diagnostic_not_owners() -> None:
    doc = parse_text(
        "一、任务\n1.清理市场。（区市场监管局牵头，各片区负责配合；以下均需各片区配合，不再列出）\n"
        "2.整治环境。（区生态环境局负责）"
    )
    tasks = list(doc.iter_tasks())
    assert [[a.name for a in t.agencies] for t in tasks] == [["区市场监管局", "各片区"], ["区生态环境局"]]
    (rule,) = [d for d in doc.diagnostics if d.code == "standing-owner-rule"]
    assert rule.severity == "info" and "以下均需各片区配合，不再列出" in rule.message and "各片区" in rule.message


def test_standing_rule_in_the_first_list_is_never_dropped() -> None:
    doc = parse_text("一、任务\n1.宣传法规。（以下均需各地各部门落实，不再列出）\n2.整治环境。（省生态环境厅负责）")
    tasks = list(doc.iter_tasks())
    assert [t.text for t in tasks] == ["宣传法规。", "整治环境。"]
    assert tasks[0].agencies == []
    assert [d.code for d in doc.diagnostics] == ["standing-owner-rule"]


def test_unreadable_owner_list_keeps_its_task() -> None:
    doc = parse_text("一、任务\n1.开展检查。（责任单位：按照属地管理原则由所在地负责组织实施的各类机构和团体）")
    (task,) = doc.iter_tasks()
    assert task.text == "开展检查。" and task.agencies == []
    (warning,) = doc.diagnostics
    assert (warning.code, warning.severity) == ("unreadable-owners", "warning")
    assert "各类机构和团体" in warning.message


def test_section_names_ending_in_ke_gu_keep_the_task() -> None:
    doc = parse_text("一、任务\n1.查处违法行为。（县市场监管局综合执法科、县农业农村局执法股负责）")
    names = [[a.name for a in t.agencies] for t in doc.iter_tasks()]
    assert names == [["县市场监管局综合执法科", "县农业农村局执法股"]]


def test_convention_in_preamble_prose_applies_to_the_notice() -> None:
    doc = parse_text(
        "各项任务中列第一位的为牵头单位。\n一、任务\n1.建设平台。（市科技局、市财政局负责）\n"
        "2.培养人才。（市人社局、市教育局负责）"
    )
    roles = [[(a.name, a.role) for a in t.agencies] for t in doc.iter_tasks()]
    assert roles == [
        [("市科技局", "lead"), ("市财政局", "participant")],
        [("市人社局", "lead"), ("市教育局", "participant")],
    ]


def test_convention_in_a_section_before_the_lists_applies() -> None:
    doc = parse_text("一、总体要求\n排在第一位的部门为牵头部门。\n二、任务\n1.建设平台。（市科技局、市财政局负责）")
    (task,) = doc.iter_tasks()
    assert [a.role for a in task.agencies] == ["lead", "participant"]


def test_alias_target_drops_lead_in_verbs() -> None:
    doc = parse_text(
        "一、组织\n成立市打击侵权假冒工作领导小组办公室（以下简称市双打办），办公室设在市市场监督管理局"
        "（以下简称市市场监管局）。\n二、任务\n1.统筹协调。（市双打办牵头，市市场监管局配合）"
    )
    (task,) = doc.iter_tasks()
    assert [(a.name, a.as_written) for a in task.agencies] == [
        ("市打击侵权假冒工作领导小组办公室", "市双打办"),
        ("市市场监督管理局", "市市场监管局"),
    ]


def test_traditional_notice_gives_its_doc_number() -> None:
    doc = parse_text(
        "駐馬店市人民政府辦公室文件\n駐政辦〔2015〕100號\n駐馬店市人民政府辦公室關於印發駐馬店市打擊侵權假冒工作方案的通知\n"
        "各縣區人民政府：\n一、工作任務\n（一）加強監管。（市公安局負責）\n駐馬店市人民政府辦公室\n2015年8月31日"
    )
    assert doc.metadata.doc_number == "駐政辦〔2015〕100號"
    assert doc.metadata.notice_title == "駐馬店市人民政府辦公室關於印發駐馬店市打擊侵權假冒工作方案的通知"
