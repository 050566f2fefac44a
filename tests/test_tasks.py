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
