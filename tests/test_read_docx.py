"""DOCX reader: one row per quirk of Word documents, and the broken inputs it must refuse.

Each case is a hand-written package (document.xml, and numbering.xml / styles.xml where the
quirk needs them) and the lines the reader must give.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass

import pytest

from dashuang_parse import Limits, parse_text
from dashuang_parse.core.errors import (
    CorruptFile,
    DashuangError,
    EmptyInput,
    EncryptedFile,
    InputTooLarge,
    UnsafeInput,
    UnsupportedFormat,
)
from dashuang_parse.read import read_bytes
from dashuang_parse.read.docx import read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHINESE_1_TO_31 = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
    "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十 三十一"
).split()


# ---- building packages ----------------------------------------------------------------


def package(
    body: str, *, numbering: str | None = None, styles: str | None = None, extra: dict[str, str] | None = None
) -> bytes:
    """A DOCX zip with ``body`` as the content of ``w:body``."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"/>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>',
    }
    if numbering is not None:
        parts["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    if styles is not None:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    parts.update(extra or {})
    return zip_of(parts)


def zip_of(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def p(*runs: str, num: int | None = None, lvl: int | None = None, style: str | None = None) -> str:
    """A paragraph of plain runs; ``num``/``lvl`` give it a direct w:numPr."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None or lvl is not None:
        ilvl = f'<w:ilvl w:val="{lvl}"/>' if lvl is not None else ""
        num_id = f'<w:numId w:val="{num}"/>' if num is not None else ""
        props += f"<w:numPr>{ilvl}{num_id}</w:numPr>"
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(r(text) for text in runs)}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def lvl(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract(ident: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{ident}">{"".join(levels)}</w:abstractNum>'


def num(ident: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def style(ident: str, numpr: str = "", based_on: str | None = None) -> str:
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'<w:style w:type="paragraph" w:styleId="{ident}">{base}<w:pPr>{numpr}</w:pPr></w:style>'


def tc(text: str | list[str], *, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    paragraphs = [text] if isinstance(text, str) else text
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(p(t) if t else '<w:p/>' for t in paragraphs)}</w:tc>"


def tbl(*rows: list[str]) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows) + "</w:tbl>"


OUTLINE = abstract(1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）"))


# ---- rules: one row per quirk -----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    body: str
    expected: list[str]
    numbering: str | None = None
    styles: str | None = None


CASES = [
    # Automatic numbering formats.
    Case(
        "chineseCounting 1-31",
        "".join(p("任务", num=1, lvl=0) for _ in range(31)),
        [f"{n}、任务" for n in CHINESE_1_TO_31],
        abstract(1, lvl(0, "chineseCounting", "%1、")) + num(1, 1),
    ),
    Case(
        "decimal takes a space after an ASCII label",
        p("任务", num=1) * 2,
        ["1. 任务", "2. 任务"],
        abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1),
    ),
    Case(
        "suff nothing: no space",
        p("任务", num=1),
        ["1.任务"],
        abstract(1, lvl(0, "decimal", "%1.", extra='<w:suff w:val="nothing"/>')) + num(1, 1),
    ),
    Case(
        "decimalFullWidth",
        p("任务", num=1) * 12,
        [f"{n}．任务" for n in "１ ２ ３ ４ ５ ６ ７ ８ ９ １０ １１ １２".split()],
        abstract(1, lvl(0, "decimalFullWidth", "%1．")) + num(1, 1),
    ),
    Case(
        "decimalEnclosedCircleChinese",
        p("甲", num=1) + p("乙", num=1),
        ["①甲", "②乙"],
        abstract(1, lvl(0, "decimalEnclosedCircleChinese", "%1")) + num(1, 1),
    ),
    Case(
        "ideographTraditional, letters, roman",
        p("a", num=1) + p("b", num=1, lvl=1) + p("c", num=1, lvl=2),
        ["甲、a", "A) b", "i. c"],
        abstract(1, lvl(0, "ideographTraditional", "%1、"), lvl(1, "upperLetter", "%2)"), lvl(2, "lowerRoman", "%3."))
        + num(1, 1),
    ),
    Case(
        "lvlText naming two levels: %1.%2",
        p("总体", num=1, lvl=0)
        + p("子项", num=1, lvl=1)
        + p("子项", num=1, lvl=1)
        + p("下一", num=1, lvl=0)
        + p("子项", num=1, lvl=1),
        ["1. 总体", "1.1 子项", "1.2 子项", "2. 下一", "2.1 子项"],
        abstract(1, lvl(0, "decimal", "%1."), lvl(1, "decimal", "%1.%2")) + num(1, 1),
    ),
    Case(
        "w:start and startOverride",
        p("甲", num=1) + p("乙", num=1) + p("丙", num=2) + p("丁", num=2),
        ["三、甲", "四、乙", "五、丙", "六、丁"],
        abstract(1, lvl(0, "chineseCounting", "%1、", start=3)) + num(1, 1) + num(2, 1, start_override(0, 5)),
    ),
    Case(
        "a restarted list is a list of its own: the first runs on after it",
        p("甲", num=1) + p("乙", num=2) + p("丙", num=1),
        ["一、甲", "一、乙", "二、丙"],
        abstract(1, lvl(0, "chineseCounting", "%1、")) + num(1, 1) + num(2, 1, start_override(0, 1)),
    ),
    Case(
        "w:lvlOverride with a whole w:lvl",
        p("甲", num=2) + p("乙", num=2),
        ["（1）甲", "（2）乙"],
        abstract(1, lvl(0, "chineseCounting", "%1、"))
        + num(1, 1)
        + num(2, 1, f'<w:lvlOverride w:ilvl="0">{lvl(0, "decimal", "（%1）")}</w:lvlOverride>'),
    ),
    Case(
        "an empty numbered paragraph is dropped but counted",
        p("甲", num=1) + p(num=1) + p("丙", num=1),
        ["一、甲", "三、丙"],
        abstract(1, lvl(0, "chineseCounting", "%1、")) + num(1, 1),
    ),
    Case(
        "nums sharing an abstract continue each other",
        p("甲", num=1) + p("乙", num=2),
        ["一、甲", "二、乙"],
        abstract(1, lvl(0, "chineseCounting", "%1、")) + num(1, 1) + num(2, 1),
    ),
    Case(
        "a lower level restarts when a higher one advances",
        p("a", num=1, lvl=0)
        + p("b", num=1, lvl=1)
        + p("c", num=1, lvl=1)
        + p("d", num=1, lvl=0)
        + p("e", num=1, lvl=1),
        ["一、a", "（一）b", "（二）c", "二、d", "（一）e"],
        OUTLINE + num(1, 1),
    ),
    Case(
        "lvlRestart 0: the lower level runs on",
        p("a", num=1, lvl=0) + p("b", num=1, lvl=1) + p("d", num=1, lvl=0) + p("e", num=1, lvl=1),
        ["一、a", "1.b", "二、d", "2.e"],
        abstract(
            1,
            lvl(0, "chineseCounting", "%1、"),
            lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/><w:suff w:val="nothing"/>'),
        )
        + num(1, 1),
    ),
    Case(
        "numbering through the paragraph style and its basedOn chain",
        p("总体要求", style="H1") + p("指导思想", style="H2") + p("正文") + p("重点任务", style="H1"),
        ["一、总体要求", "（一）指导思想", "正文", "二、重点任务"],
        OUTLINE + num(1, 1),
        style("H1", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
        + style("H2", '<w:numPr><w:ilvl w:val="1"/></w:numPr>', based_on="H1"),
    ),
    Case(
        "a style tied to a level by the level's pStyle",
        p("甲", style="H2"),
        ["（一）甲"],
        abstract(
            1, lvl(0, "chineseCounting", "%1、"), lvl(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="H2"/>')
        )
        + num(1, 1),
        style("H2", '<w:numPr><w:numId w:val="1"/></w:numPr>'),
    ),
    Case(
        "numId 0 takes the style's numbering away",
        p("甲", style="H1", num=0),
        ["甲"],
        OUTLINE + num(1, 1),
        style("H1", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
    ),
    Case("a numId with no definition is plain text", p("甲", num=7), ["甲"], OUTLINE + num(1, 1)),
    # Runs and paragraphs.
    Case("runs split inside words", p("加强", "市场", "监管"), ["加强市场监管"]),
    Case(
        "tracked changes: inserted kept, deleted and moved-away dropped",
        '<w:p><w:r><w:t>加强</w:t></w:r><w:del w:id="1"><w:r><w:delText>草稿</w:delText></w:r></w:del>'
        '<w:ins w:id="2"><w:r><w:t>市场</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>旧</w:t></w:r>'
        "</w:moveFrom><w:r><w:t>监管</w:t></w:r></w:p>",
        ["加强市场监管"],
    ),
    Case(
        "field instructions dropped, results kept",
        '<w:p><w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>',
        ["见第3页"],
    ),
    Case(
        "line breaks start lines; page breaks and tabs do not",
        '<w:p><w:r><w:t>标题上行</w:t><w:br/><w:t>标题下行</w:t><w:br w:type="page"/><w:t>续</w:t>'
        "<w:tab/><w:t>完</w:t><w:cr/><w:t>末行</w:t></w:r></w:p>",
        ["标题上行", "标题下行续 完", "末行"],
    ),
    Case(
        "ruby: the base text, not the phonetic guide",
        "<w:p><w:r><w:t>加强</w:t></w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>jiān</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>监</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>管</w:t></w:r></w:p>",
        ["加强监管"],
    ),
    Case(
        "hidden text dropped",
        "<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>",
        ["可见"],
    ),
    Case(
        "content controls are read through",
        f"<w:sdt><w:sdtPr/><w:sdtContent>{p('一、总体要求')}</w:sdtContent></w:sdt>{p('正文')}",
        ["一、总体要求", "正文"],
    ),
    Case("empty paragraphs dropped", "<w:p/>" + p("正文") + p(" "), ["正文"]),
    Case(
        "text boxes are page furniture",
        '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:t>框</w:t></mc:Choice><mc:Fallback>'
        "<w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        ["正文"],
    ),
    # Tables.
    Case(
        "task table: vMerge lead, empty 配合单位, 完成时限 in the parenthetical",
        tbl(
            [tc("序号"), tc("工作任务"), tc("牵头单位"), tc("配合单位"), tc("完成时限")],
            [tc("1"), tc("开展专项整治"), tc("市公安局", vmerge="restart"), tc("市市场监管局"), tc("2024年底")],
            [tc("2"), tc("加强宣传"), tc("", vmerge="continue"), tc(""), tc("")],
        ),
        [
            "1.开展专项整治（牵头单位：市公安局；配合单位：市市场监管局；完成时限：2024年底）",
            "2.加强宣传（牵头单位：市公安局）",
        ],
    ),
    Case(
        "task table with 责任单位 only, no 序号: rows are tasks of the section around it, owners a paragraph each",
        tbl(
            [tc("重点任务"), tc("责任单位")],
            [tc("推进软件正版化"), tc(["市委网信办", "市版权局"])],
            [tc("加强诚信建设"), tc("市发展改革委")],
        ),
        ["推进软件正版化（责任单位：市委网信办、市版权局）", "加强诚信建设（责任单位：市发展改革委）"],
    ),
    Case(
        "task table: title row, spanning heading rows, repeated header, spaced header words",
        tbl(
            [tc("重点任务分工表", span=3)],
            [tc("序  号"), tc("主要任务"), tc("牵头部门")],
            [tc("一、加强组织领导", span=3)],
            [tc("（一）"), tc("建立工作机制"), tc("市政府办公室")],
            [tc("序  号"), tc("主要任务"), tc("牵头部门")],
            [tc("（二）"), tc("完善考核"), tc("市考核办")],
            [tc("备注"), tc(""), tc("各县区参照执行")],
        ),
        [
            "重点任务分工表",
            "一、加强组织领导",
            "（一）建立工作机制（牵头单位：市政府办公室）",
            "（二）完善考核（牵头单位：市考核办）",
            "备注 各县区参照执行",
        ],
    ),
    Case(
        "task table: two header rows, 责任单位 over 牵头 | 配合",
        tbl(
            [tc("序号", vmerge="restart"), tc("任务", vmerge="restart"), tc("责任单位", span=2)],
            [tc("", vmerge="continue"), tc("", vmerge="continue"), tc("牵头"), tc("配合")],
            [tc("1"), tc("打击侵权"), tc("市公安局"), tc("市检察院")],
        ),
        ["1.打击侵权（牵头单位：市公安局；配合单位：市检察院）"],
    ),
    Case(
        "other tables: a line a row, cells joined by a space",
        tbl([tc("联系人"), tc("赵力")], [tc("电话"), tc("80908092")]),
        ["联系人 赵力", "电话 80908092"],
    ),
    Case(
        "a one-cell layout table gives a line a paragraph",
        tbl([tc(["一、总体要求", "（一）指导思想"])]),
        ["一、总体要求", "（一）指导思想"],
    ),
    Case(
        "numbered paragraphs inside table cells",
        tbl([tc("甲")], [f"<w:tc>{p('乙', num=1)}</w:tc>"]),
        ["甲", "一、乙"],
        OUTLINE + num(1, 1),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_reader_rule(case: Case) -> None:
    data = package(case.body, numbering=case.numbering, styles=case.styles)
    decoded = read_docx(data, path="case.docx")
    assert decoded.format == "docx" and decoded.encoding is None
    assert decoded.text.split("\n") == case.expected


def test_headers_footers_and_footnotes_are_not_read() -> None:
    page = f'<w:hdr xmlns:w="{W_NS}">{p("XX市人民政府办公室")}</w:hdr>'
    data = package(p("正文"), extra={"word/header1.xml": page, "word/footer1.xml": page.replace("hdr", "ftr")})
    assert read_docx(data).text == "正文"


def test_task_table_lines_parse_into_tasks_with_roles() -> None:
    body = p("一、重点任务") + tbl(
        [tc("序号"), tc("工作任务"), tc("牵头单位"), tc("配合单位")],
        [tc("1"), tc("开展专项整治"), tc("市公安局", vmerge="restart"), tc(["市市场监管局", "市税务局"])],
        [tc("2"), tc("加强宣传"), tc("", vmerge="continue"), tc("")],
    )
    doc = parse_text(read_docx(package(body)).text)
    tasks = [(t.id, t.text, [(a.name, a.role) for a in t.agencies]) for t in doc.iter_tasks()]
    assert tasks == [
        ("1.1/1", "开展专项整治", [("市公安局", "lead"), ("市市场监管局", "participant"), ("市税务局", "participant")]),
        ("1.2/1", "加强宣传", [("市公安局", "lead")]),
    ]


def test_strict_open_xml_namespace_is_read() -> None:
    document = zipfile.ZipFile(io.BytesIO(package(p("正文")))).read("word/document.xml")
    strict = zip_of(
        {"word/document.xml": document.replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")}
    )
    assert read_docx(strict).text == "正文"


# ---- broken inputs ----------------------------------------------------------------------


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return zip_of({"word/document.xml": document})


def _bomb() -> bytes:
    document = f'<w:document xmlns:w="{W_NS}"><w:body>' + " " * (8 * 1024 * 1024) + "</w:body></w:document>"
    return zip_of({"word/document.xml": document})


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
BROKEN = [
    ("empty file", b"", EmptyInput),
    ("zip that is not a DOCX", zip_of({"a.txt": "x"}), CorruptFile),
    ("DOCX without document.xml", zip_of({"word/styles.xml": f'<w:styles xmlns:w="{W_NS}"/>'}), CorruptFile),
    ("truncated DOCX", package(p("正文" * 200))[: len(package(p("正文" * 200))) // 2], CorruptFile),
    ("document.xml not well-formed", zip_of({"word/document.xml": "<w:document"}), CorruptFile),
    ("document.xml of another vocabulary", zip_of({"word/document.xml": "<html><body/></html>"}), CorruptFile),
    ("billion laughs", _billion_laughs(), UnsafeInput),
    (
        "entity declared in UTF-16",
        zip_of({"word/document.xml": '<!DOCTYPE d [<!ENTITY a "b">]><d/>'.encode("utf-16")}),
        UnsafeInput,
    ),
    ("zip bomb", _bomb(), InputTooLarge),
    ("encrypted DOCX (OLE2 with EncryptedPackage)", OLE2 + "EncryptedPackage".encode("utf-16-le"), EncryptedFile),
    ("Word 97-2003 .doc named .docx", OLE2, UnsupportedFormat),
    ("body without text", package("<w:p/>"), EmptyInput),
]


@pytest.mark.parametrize(("data", "error"), [(d, e) for _, d, e in BROKEN], ids=[name for name, _, _ in BROKEN])
def test_broken_input(data: bytes, error: type[DashuangError]) -> None:
    started = time.monotonic()
    with pytest.raises(error) as caught:
        read_bytes(data, path="broken.docx", suffix=".docx")
    assert caught.value.code == error.code
    assert caught.value.path == "broken.docx"
    assert time.monotonic() - started < 5  # refused, not expanded


def test_part_over_the_size_limit_is_refused_while_reading() -> None:
    data = package(p("正文" * 100))
    with pytest.raises(InputTooLarge) as caught:
        read_docx(data, path="big.docx", limits=Limits(input_bytes=200))
    assert caught.value.code == "input-too-large"
    assert "input_bytes" in caught.value.message
