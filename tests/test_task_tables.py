"""任务分工表 written as text or HTML become task lines, and the parser reads their owners."""

from __future__ import annotations

import pytest

from dashuang_parse import parse_text
from dashuang_parse.read import read_bytes
from dashuang_parse.read.task_tables import text_tables

TAB_TABLE = (
    "附件\n2024年任务分工表\n"
    "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
    "1\t加强互联网领域侵权假冒治理\t市市场监管局\t市公安局、市商务局\t2024年底\n"
    "二、加强执法\n"
    "2\t严厉打击侵权假冒犯罪\t市公安局\t\t持续推进\n"
)
MARKDOWN_TABLE = "| 序号 | 重点任务 | 责任单位 |\n| --- | :--- | --- |\n| 1 | 强化进出口环节知识产权保护 | 大连海关 |\n"

# (id, text, expected text)
CASES = [
    (
        "tab-separated-task-table",
        TAB_TABLE,
        "附件\n2024年任务分工表\n"
        "1.加强互联网领域侵权假冒治理（牵头单位：市市场监管局；配合单位：市公安局、市商务局；完成时限：2024年底）\n"
        "二、加强执法\n2.严厉打击侵权假冒犯罪（牵头单位：市公安局；完成时限：持续推进）\n",
    ),
    ("markdown-task-table", MARKDOWN_TABLE, "1.强化进出口环节知识产权保护（责任单位：大连海关）\n"),
    ("table-without-task-header-unchanged", "名称\t数量\n宣传册\t300\n", "名称\t数量\n宣传册\t300\n"),
    (
        "prose-with-tabs-unchanged",
        "\t一、总体要求\n\t加强监管。（市公安局负责）\n",
        "\t一、总体要求\n\t加强监管。（市公安局负责）\n",
    ),
    ("no-table", "一、任务\n加强监管。", "一、任务\n加强监管。"),
]


@pytest.mark.parametrize(("text", "expected"), [row[1:] for row in CASES], ids=[row[0] for row in CASES])
def test_text_tables(text: str, expected: str) -> None:
    assert text_tables(text) == expected


def test_a_tab_separated_table_in_a_text_file_gives_tasks_with_roles() -> None:
    doc = parse_text(read_bytes(TAB_TABLE.encode("gb18030")).text)
    tasks = [(task.text, [(a.name, a.role) for a in task.agencies]) for task in doc.iter_tasks()]
    assert tasks == [
        (
            "加强互联网领域侵权假冒治理",
            [("市市场监管局", "lead"), ("市公安局", "participant"), ("市商务局", "participant")],
        ),
        ("严厉打击侵权假冒犯罪", [("市公安局", "lead")]),
    ]


def test_an_html_task_table_gives_the_same_tasks_as_the_text_one() -> None:
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>"
        if "\t" in line
        else f'<tr><td colspan="5">{line}</td></tr>'
        for line in TAB_TABLE.splitlines()[2:]
    )
    page = f'<html><body><div id="zoom"><p>附件</p><p>2024年任务分工表</p><table>{rows}</table></div></body></html>'
    from_html = parse_text(read_bytes(page.encode("utf-8"), suffix=".html").text)
    from_text = parse_text(read_bytes(TAB_TABLE.encode("utf-8")).text)
    assert [t.model_dump(exclude={"span", "id"}) for t in from_html.iter_tasks()] == [
        t.model_dump(exclude={"span", "id"}) for t in from_text.iter_tasks()
    ]
