"""Flattened 任务分工表 (each cell on lines of its own), space-aligned text tables, header
conventions (第一位为牵头单位, 部  门, 重点任务 + 具体内容), and the real notices they come from.

The end-to-end expectations were written from reading the files in tests/fixtures/devset2/
(copies of ../shared/devset2: real public notices), not from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashuang_parse import parse_file, parse_text
from dashuang_parse.read import read_bytes
from dashuang_parse.read.flat_tables import flat_table_text
from dashuang_parse.read.pdf_layout import Run, assemble, runs_lines, strip_furniture
from dashuang_parse.read.task_tables import header_role, text_tables

DEVSET = Path(__file__).parent / "fixtures" / "devset2"


def owners(task) -> list[tuple[str, str]]:
    return [(agency.name, agency.role) for agency in task.agencies]


# --- header recognition -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("部  门", "responsible"),  # inner spaces (d033)
        ("部门", "responsible"),
        ("部门职责", None),  # 部门 counts only as the whole cell
        ("单位", "responsible"),
        ("责任单位（第一位为牵头单位）", "lead_first"),  # d028
        ("责任单位（排名第一的为牵头单位）", "lead_first"),
        ("牵头单位", "lead"),
        ("配合单位", "partner"),
        ("责任部门", "responsible"),
        ("完成时限", "deadline"),
        ("进展情况", "note"),  # d034: not the task
        ("场景数量", "note"),
        ("具体内容", "detail"),
        ("内容与要求", "detail"),
        ("政策制定重点领域", "detail"),  # d032
        ("重点任务", "task"),
        ("市公安局", None),
    ],
)
def test_header_roles(cell: str, role: str | None) -> None:
    assert header_role(cell) == role


def test_first_listed_unit_leads_when_the_header_says_so() -> None:
    text = (
        "序号\t重点任务\t具体内容\t责任单位（第一位为牵头单位）\t完成时限\n"
        "1\t数据要素×消费\t构建用户画像。\t市民政局、市卫生健康委，各区（新区、合作区）\t2026年11月\n"
    )
    doc = parse_text(text_tables(text))
    (task,) = doc.iter_tasks()
    assert task.text == "构建用户画像。"  # the specific column, not 重点任务
    assert owners(task) == [
        ("市民政局", "lead"),
        ("市卫生健康委", "participant"),
        ("各区（新区、合作区）", "participant"),
    ]


def test_a_table_without_numbers_outside_any_section_is_reported() -> None:
    text = "部  门\t政策制定重点领域\n公安局\t维护社会治安，减少犯罪。\n"
    document = parse_text(text_tables(text))
    assert list(document.iter_tasks()) == []
    assert [d.code for d in document.diagnostics] == ["task-outside-sections"]


def test_a_department_column_is_the_responsible_owner() -> None:
    text = (
        "一、重点领域\n部  门\t政策制定重点领域\t对应的健康因素\n公安局\t维护社会治安，减少犯罪。\t社会环境、意外伤害\n"
    )
    (task,) = parse_text(text_tables(text)).iter_tasks()
    assert task.id == "1/1"  # no 序号 column: the row is a task of the section the table sits in
    assert task.text == "维护社会治安，减少犯罪。"  # 对应的健康因素 is no part of it
    assert owners(task) == [("公安局", "responsible")]


# --- space-aligned text tables --------------------------------------------------------------

SPACED = (
    "附件\n"
    "序号  工作任务                牵头单位      配合单位\n"
    "1     加强互联网领域侵权假冒治理  市市场监管局  市公安局、市商务局\n"
    "2     严厉打击侵权假冒犯罪        市公安局\n"
    "3     开展宣传                                  市委宣传部\n"
)


def test_a_space_aligned_table_gives_a_task_a_row_with_cells_in_their_columns() -> None:
    assert text_tables(SPACED).split("\n") == [
        "附件",
        "1.加强互联网领域侵权假冒治理（牵头单位：市市场监管局；配合单位：市公安局、市商务局）",
        "2.严厉打击侵权假冒犯罪（牵头单位：市公安局）",
        "3.开展宣传（配合单位：市委宣传部）",  # the empty 牵头单位 cell leaves its column empty
        "",
    ]


def test_prose_with_double_spaces_is_left_alone() -> None:
    text = "一、总体要求  加强监管。\n二、工作任务  开展宣传。（市委宣传部负责）\n"
    assert text_tables(text) == text


# --- flattened tables: a cell a block (saved web pages) --------------------------------------

BLOCKS = "\n\n".join(
    [
        "市政府2020年重点工作进展情况表",
        "序号",
        "内容与要求",
        "进展情况",
        "责任单位",
        "1",
        "确保地区生产总值增长7%左右。",
        "1-2月主要经济指标实现正增长。",
        "市发改委",
        "2",
        "持续推进重大项目攻坚。",
        "市县长项目目前已安排36个项目。",
        "市发改委",
        "附件2",
    ]
)


def test_blank_separated_cells_give_a_task_a_row_without_the_progress_column() -> None:
    lines = flat_table_text(BLOCKS).split("\n")
    assert lines[-3:] == [
        "1.确保地区生产总值增长7%左右。（责任单位：市发改委）",
        "2.持续推进重大项目攻坚。（责任单位：市发改委）",
        "附件2",
    ]


# --- flattened tables: fragments (PDF text layers) ------------------------------------------

HEADER = ["序号", "重点任务", "具体内容", "场景数量", "责任单位", "（第一位为牵头单位）", "完成时限"]
FRAGMENTS = [
    "附件",
    "（一）重点任务分工表",
    *HEADER,
    "1 ",
    "1.",
    "“",
    "数据要素",
    "×”生活服务",
    "消费。",
    "构建“",
    "一老一小",
    "”",
    "用户画像，精准匹配",
    "养老服务。",
    "15",
    "市民政局、市卫生健康委，",
    "各区（新区、合作区）",
    "2026",
    "年",
    "11 月",
    "2",
    "依托深圳科技创新优势，拓",
    "展智能点餐。",
    "市商务局、福田区，市公安",
    "局、",
    "市交通运输局",
    "、市政务",
    "和数据局，",
    "各区",
    "（新区、合",
    *HEADER,  # the header again at the top of the next page; row 2 goes on below it
    "作区）",
    "2026",
    "年",
    "11 月 3 推动商圈数据融合应用。",
    "市商务局",
    "2025",
    "年",
    "9 月",
    "深圳市政务服务和数据管理局办公室",
]


def test_fragments_give_a_task_a_row_across_a_page_break() -> None:
    lines = flat_table_text("\n".join(FRAGMENTS)).split("\n")
    assert lines == [
        "附件",
        "（一）重点任务分工表",
        "1.构建“一老一小”用户画像，精准匹配养老服务。"
        "（牵头单位：市民政局；配合单位：市卫生健康委、各区（新区、合作区）；完成时限：2026年11月）",
        "2.依托深圳科技创新优势，拓展智能点餐。（牵头单位：市商务局；"
        "配合单位：福田区、市公安局、市交通运输局、市政务和数据局、各区（新区、合作区）；完成时限：2026年11月）",
        "3.推动商圈数据融合应用。（牵头单位：市商务局；完成时限：2025年9月）",
        "深圳市政务服务和数据管理局办公室",  # after a complete row: the table ended
    ]


def test_a_count_equal_to_the_next_number_is_not_a_row() -> None:
    lines = [
        "序号",
        "工作任务",
        "场景数量",
        "责任单位",
        "完成时限",
        "1",
        "建设数据平台。",
        "2",
        "市政务和数据局",
        "2026年",
        "2",
        "开展培训。",
        "市人社局",
        "持续推进",
    ]
    assert flat_table_text("\n".join(lines)).split("\n") == [
        "1.建设数据平台。（责任单位：市政务和数据局；完成时限：2026年）",
        "2.开展培训。（责任单位：市人社局；完成时限：持续推进）",
    ]


def test_a_numbered_title_and_a_new_header_start_the_next_table() -> None:
    first = ["序号", "工作任务", "责任单位", "完成时限", "1", "建设数据平台。", "市政务和数据局", "2026年"]
    second = [
        "（二）保障任务分工表",
        "序号",
        "重点任务",
        "责任单位",
        "完成时限",
        "1",
        "加强组织领导。",
        "市委办",
        "持续推进",
    ]
    assert flat_table_text("\n".join(first + second)).split("\n") == [
        "1.建设数据平台。（责任单位：市政务和数据局；完成时限：2026年）",
        "（二）保障任务分工表",
        "1.加强组织领导。（责任单位：市委办；完成时限：持续推进）",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "一、工作任务\n加强监管。\n二、责任单位\n市公安局",  # headings, not a header run
        "序号\n工作任务\n备注\n1\n加强监管",  # no owner column
        "工作任务\n责任单位\n完成时限\n以上内容请各单位认真落实。",  # a header run and no rows
    ],
)
def test_text_that_is_no_flattened_table_is_unchanged(text: str) -> None:
    assert flat_table_text(text) == text


def test_a_pdf_table_is_converted_before_lines_are_joined() -> None:
    pages = [
        [
            "‛",
            "1",
            "‛",
            "  一、工作任务",
            "  加强监管，落实平台主体责任，推进数据共享。",
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "1",
            "建设数据平",
            "台。",
            "市政务和数据局",
            "2026",
            "年",
            "11 月",
        ],
        [
            "‛",
            "2",
            "‛",
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "2",
            "开展培训。",
            "市人社局",
            "2026",
            "年",
            "11 月",
        ],
    ]
    assert assemble(pages).split("\n") == [
        "一、工作任务",
        "加强监管，落实平台主体责任，推进数据共享。",
        "1.建设数据平台。（责任单位：市政务和数据局；完成时限：2026年11月）",
        "2.开展培训。（责任单位：市人社局；完成时限：2026年11月）",
    ]


def test_a_date_cell_ending_most_pages_is_no_running_footer() -> None:
    pages = [["正文一", "2026", "年", "11 月"], ["正文二", "2025", "年", "9 月"], ["正文三", "2026", "年", "11 月"]]
    assert strip_furniture(pages) == pages


def test_a_date_cell_on_one_line_ending_most_pages_is_no_running_footer() -> None:
    pages = [["正文一", "2026年11 月"], ["正文二", "2025年9 月"], ["正文三", "2026年11 月"]]
    assert strip_furniture(pages) == pages


def test_a_table_header_repeated_at_the_top_of_pages_is_not_stripped() -> None:
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    pages = [
        [*header, "1", "建设数据平台。", "市政务和数据局", "2026年11 月"],
        [*header, "2", "开展培训。", "市人社局", "2026年9 月"],
        [*header, "3", "加强宣传。", "市委宣传部", "2025年6 月"],
    ]
    assert strip_furniture(pages) == pages


# --- PDF runs on one baseline (d028: pypdf breaks a line at every text object) --------------

NL = Run("\n", 0.0, 0.0, 0.0)  # a line break as pypdf reports it


def test_runs_on_one_baseline_are_one_line() -> None:
    # d028 page 3: a heading drawn as four text objects on one baseline (em 5.6)
    runs = [
        Run("1.“", 39.3, 190.5, 5.6),
        NL,
        Run("数据要素", 50.2, 190.5, 5.6),
        NL,
        Run("×”", 72.8, 190.5, 5.6),
        NL,
        Run("生活服务消费", 83.6, 190.5, 5.6),
        NL,
        Run("。", 117.5, 190.5, 5.6),
        NL,
        Run("构建", 39.3, 180.3, 5.6),
    ]
    assert runs_lines(runs) == ["1.“数据要素×”生活服务消费。", "构建"]


def test_table_cells_in_one_row_stay_apart() -> None:
    # d028 page 19: header cells on one baseline, a gap of more than an em between them;
    # a cell's next line (lower) and the next column's cell (back up) start lines too
    runs = [
        Run("序号", 36.0, 173.5, 4.96),
        NL,
        Run("重点任务", 52.5, 173.5, 4.96),
        NL,
        Run("实交互等智慧服务，提升消费体验和商", 78.0, 163.9, 4.23),
        NL,
        Run("业活力。", 78.0, 157.5, 4.23),
        NL,
        Run("作区）", 180.1, 163.9, 4.23),
        NL,
        Run("市商务局，", 180.1, 141.5, 4.23),
        NL,
        Run("各区", 201.0, 141.5, 4.23),
        NL,
        Run("2026", 233.8, 138.3, 4.23),
        NL,
        Run("年", 243.3, 138.3, 4.23),
        NL,
        Run("11 月", 248.6, 138.3, 4.23),
    ]
    assert runs_lines(runs) == [
        "序号",
        "重点任务",
        "实交互等智慧服务，提升消费体验和商",
        "业活力。",
        "作区）",
        "市商务局，各区",
        "2026年11 月",
    ]


def test_joins_pypdf_made_are_kept() -> None:
    # d029: one object's text goes on in another font without a break; nothing is parted
    runs = [Run("基金（", 100.0, 50.0, 10.5), Run(" REITs ）高质量发展", 20.0, 50.0, 10.5)]
    assert runs_lines(runs) == ["基金（ REITs ）高质量发展"]


# --- owner cells whose lines are whole (d028 read by baseline) -----------------------------


def test_an_owner_list_left_mid_name_goes_on_with_a_long_line() -> None:
    # d028 rows 29 and 10.2.7 (numbered 1 and 2 here)
    lines = [
        "序号",
        "具体内容",
        "责任单位",
        "完成时限",
        "1",
        "依托全市域统一时空信息平台，汇聚整",
        "合空间地理信息。",
        "市交通运输局、市规划和自",
        "然资源局、市政务和数据",
        "局、市气象局，各区（新区、",
        "合作区）、各部门",
        "2026年11 月",
        "2",
        "鼓励企业参与共建城市可信数据空间。",
        "市政务和数据局、市商务",
        "局、市文化广电旅游体育",
        "局、市卫生健康委、市国资",
        "委，各区（新区、合作区）、",
        "各部门。",
        "2026年11 月",
    ]
    assert flat_table_text("\n".join(lines)).split("\n") == [
        "1.依托全市域统一时空信息平台，汇聚整合空间地理信息。（责任单位：市交通运输局、市规划和自然资源局、"
        "市政务和数据局、市气象局、各区（新区、合作区）、各部门；完成时限：2026年11月）",
        "2.鼓励企业参与共建城市可信数据空间。（责任单位：市政务和数据局、市商务局、市文化广电旅游体育局、"
        "市卫生健康委、市国资委、各区（新区、合作区）、各部门；完成时限：2026年11月）",
    ]


def test_task_text_going_on_after_a_page_break_is_not_an_owner() -> None:
    # d028 table 2 row 6 (numbered 1 here): the task cell's last line 用。 comes below the repeated header,
    # after the owner cell's first lines (which end on a separator)
    header = ["序号", "具体内容", "责任单位", "完成时限"]
    lines = [
        *header,
        "1",
        "重点挖掘半导体与集成电路等重点产业",
        "链基础数据共享，推动跨产业融合应",
        "市政务和数据局、市工业和",
        "信息化局、市发展改革委、",
        *header,
        "用。",
        "市科技创新局、市交通运输",
        "局",
        "2026年6 月",
    ]
    assert flat_table_text("\n".join(lines)).split("\n") == [
        "1.重点挖掘半导体与集成电路等重点产业链基础数据共享，推动跨产业融合应用。（责任单位：市政务和数据局、"
        "市工业和信息化局、市发展改革委、市科技创新局、市交通运输局；完成时限：2026年6月）",
    ]


# --- the real notices -------------------------------------------------------------------------


def test_d034_flattened_web_table() -> None:
    """4 rows (序号/内容与要求/进展情况/责任单位); the copy stops inside the 4th owner (市发)."""
    tasks = list(parse_file(DEVSET / "d034.txt").iter_tasks())
    assert len(tasks) >= 3
    first, second, third = tasks[:3]
    assert first.text.startswith("坚持“稳开稳走") and first.text.endswith("确保地区生产总值增长7%左右。")
    assert second.text.startswith("持续推进重大项目攻坚")
    assert third.text.startswith("聚焦重点领域编制培育发展新兴产业")
    for task in (first, second, third):
        assert owners(task) == [("市发改委", "responsible")]
        assert "全省" not in task.text  # the 进展情况 cell is no part of the task


def _table_tasks(path: Path) -> list:
    return [task for task in parse_file(path).iter_tasks() if (task.responsibility or "").startswith("责任单位：")]


def test_d032_department_table() -> None:
    """附件1: 部门/政策制定重点领域/对应的健康因素, 26 rows, one department each."""
    tasks = _table_tasks(DEVSET / "d032.docx")
    assert len(tasks) == 26

    def owners_of(start: str) -> list[tuple[str, str]]:
        return next(owners(task) for task in tasks if task.text.startswith(start))

    assert owners_of("维护社会治安，减少犯罪") == [("公安局", "responsible")]
    assert owners_of("加强水资源保护，保障饮水安全。") == [("水利局", "responsible")]
    assert tasks[-1].text.startswith("动员广大职工、青年、学生和妇女")
    assert [name for name, _ in owners(tasks[-1])] == ["工会", "团委", "妇联"]
    assert not any("健康环境、意外伤害" in task.text for task in tasks)  # 对应的健康因素


def test_d033_department_table_with_a_two_unit_cell() -> None:
    """附件: `部  门` with inner spaces, 23 rows; 市人社局 / 医保中心 share one cell."""
    tasks = _table_tasks(DEVSET / "d033.docx")
    assert len(tasks) == 23
    assert owners(tasks[0]) == [("市政府办", "responsible")]
    shared = next(task for task in tasks if task.text.startswith("提髙医疗、工伤、生育、养老等保险水平"))
    assert [name for name, role in owners(shared) if role == "responsible"][:1] == ["市人社局"]
    assert len(owners(shared)) == 2  # 市人社局 and 医保中心
    assert owners(tasks[-1]) == [("各镇（街道、管委会）", "responsible")]


def test_d028_pdf_task_table() -> None:
    """Two tables: 69 rows (重点任务分工表) and 28 (基础支撑保障任务分工表), header repeated on
    every page, 责任单位（第一位为牵头单位）: the first unit of each cell leads."""
    tasks = list(parse_file(DEVSET / "d028.pdf").iter_tasks())
    assert len(tasks) >= 96  # of 97 rows; see docs/formats.md for the ones still missed
    first = tasks[0]
    assert first.text.startswith("构建“一老一小”用户画像")  # 具体内容, without the 重点任务 cell
    assert owners(first) == [
        ("市民政局", "lead"),
        ("市卫生健康委", "participant"),
        ("各区（新区、合作区）", "participant"),
    ]
    third = tasks[2]
    assert third.text.startswith("以福田中心全国示范智慧商圈为试点")
    assert owners(third)[0] == ("市商务局", "lead")
    # The cell as the table gives it (a name broken over lines rejoined); how 福田区 is then
    # named is the owner grammar's business.
    assert (third.responsibility or "").startswith(
        "牵头单位：市商务局；配合单位：福田区、市公安局、市交通运输局、市政务和数据局、各区（新区、合作区）；"
    )
    assert "完成时限：2026年11月" in (first.responsibility or "")
    for task in tasks:  # a 完成时限 cell is never an owner
        assert not any(name[:1].isdigit() or name in ("年", "月") for name, _ in owners(task))
    assert sum(1 for task in tasks if any(role == "lead" for _, role in owners(task))) >= 90


def test_a_flattened_table_in_a_text_file_is_read_by_the_text_reader() -> None:
    doc = parse_text(read_bytes(BLOCKS.encode("gb18030")).text)
    assert [owners(task) for task in doc.iter_tasks()] == [[("市发改委", "responsible")]] * 2
