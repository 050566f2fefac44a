"""Render a notice's paragraphs as a DOCX typed the way Word users type notices.

python-docx builds the document; the rest is WordprocessingML added by hand, as Word
writes it:

- Section markers made by automatic numbering, removed from the text: "一、" (chineseCounting
  "%1、", level 0, linked through a paragraph style), "（一）" (level 1, "（%2）", restarting
  under each level 0), and "1." / "1．" items (decimal lists of their own, so that they may
  run on across parents). A marker becomes automatic only when Word's counter would show
  the same number there; a new list (a ``w:num`` with ``w:startOverride``) starts where the
  original restarts at 1; any other marker (a gap, a run-on 五 under 二、) stays literal text.
- Titles and the masthead centred, the closing's issuer and date set right.
- Runs split inside words, a deleted run (tracked change) and an inserted one, a page-break
  paragraph before the plan's title, and a header and footer (page furniture the reader
  must skip).
- Fixed core properties and zip timestamps: the same paragraphs give the same bytes.

>>> from dashuang_parse import Metadata
>>> render_docx(["一、总体要求", "加强监管。（市公安局负责）"], Metadata())[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import docx
import regex
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from dashuang_parse import Metadata
from dashuang_parse.core.numerals import marker_value

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_TIME = dt.datetime(2024, 1, 2, 9, 30, tzinfo=dt.timezone.utc)
ZIP_TIME = (2024, 1, 2, 9, 30, 0)
HEADING_STYLE = "一级标题"
# Marker patterns: (list kind, pattern). The kind names the abstract numbering it belongs to
# and its level: "outline" levels 0 and 1 share one multilevel list.
MARKERS = (
    ("outline", 0, regex.compile(r"^([一二三四五六七八九十]+)、")),  # 一、总体要求
    ("outline", 1, regex.compile(r"^（([一二三四五六七八九十]+)）")),  # （一）加强监管
    ("decimal", 0, regex.compile(r"^(\d+)\.(?!\d)")),  # 1.强化产业基础
    ("decimal_fw", 0, regex.compile(r"^(\d+)．")),  # 1．支持研发（full-width stop）
)
# abstractNumId of each list kind (the template's own lists use small ids).
ABSTRACT_IDS = {"outline": 100, "decimal": 101, "decimal_fw": 102}
_LEVELS = {
    "outline": (("chineseCounting", "%1、"), ("chineseCounting", "（%2）")),
    "decimal": (("decimal", "%1."),),
    "decimal_fw": (("decimal", "%1．"),),
}
# Paragraphs within this many of the end may be the closing's issuer and date.
_CLOSING_REACH = 3
_MASTHEAD_MAX = 20
# Paragraphs at least this long get their runs split inside words.
_SPLIT_MIN = 12


@dataclass
class _List:
    """Word's counters of one abstract numbering as the document goes, and its current num."""

    kind: str
    num_id: int
    counters: list[int | None]


class _Numberer:
    """Decides, paragraph by paragraph, whether Word's numbering can make the marker."""

    def __init__(self) -> None:
        self.lists = {kind: _List(kind, 0, [None, None]) for kind in ABSTRACT_IDS}
        self.nums: list[tuple[int, str, bool]] = []  # (numId, kind, restarts)
        self.next_id = 100
        self.style_num: int | None = None

    def number(self, text: str) -> tuple[str, int, int] | None:
        """(text without the marker, numId, level) when automatic numbering reproduces it."""
        for kind, level, pattern in MARKERS:
            match = pattern.match(text)
            if not match:
                continue
            value = marker_value(match.group(1))
            state = self.lists[kind]
            current = state.counters[level]
            expected = 1 if current is None else current + 1
            if value != expected:
                if value != 1 or level != 0:
                    return None
                state.num_id = 0  # a list that starts again: a new num restarting it
            if state.num_id == 0:
                state.num_id = self._new_num(kind, restarts=any(k == kind for _, k, _ in self.nums))
                if kind == "outline" and self.style_num is None:
                    self.style_num = state.num_id
            state.counters[level] = value
            state.counters[level + 1 :] = [None] * (len(state.counters) - level - 1)
            return text[match.end() :], state.num_id, level
        return None

    def _new_num(self, kind: str, *, restarts: bool) -> int:
        self.next_id += 1
        self.nums.append((self.next_id, kind, restarts))
        return self.next_id


def render_docx(paragraphs: list[str], metadata: Metadata) -> bytes:
    """The notice as DOCX bytes: one Word paragraph per line of ``paragraphs``."""
    document = docx.Document()
    _fix_properties(document)
    heading_style = document.styles.add_style(HEADING_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    heading_style.base_style = document.styles["Normal"]
    numberer = _Numberer()
    page_break_at = _plan_start(paragraphs, metadata)
    for index, text in enumerate(paragraphs):
        if index == page_break_at:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        numbered = numberer.number(text)
        paragraph = document.add_paragraph()
        if numbered is not None:
            text, num_id, level = numbered
            if num_id == numberer.style_num and level == 0:
                paragraph.style = heading_style
            else:
                _set_numbering(paragraph, num_id, level)
        _add_runs(paragraph, text, tracked=index == 1)
        paragraph.alignment = _alignment(index, text, paragraphs, metadata)
    _add_numbering(document, numberer)
    section = document.sections[0]
    section.header.paragraphs[0].text = metadata.issuer or "XX市人民政府办公室"
    section.footer.paragraphs[0].text = "— 1 —"
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


def _plan_start(paragraphs: list[str], metadata: Metadata) -> int:
    """Where the page break goes: before the plan's title, else after the first paragraph."""
    if metadata.title and metadata.title in paragraphs[1:]:
        return paragraphs.index(metadata.title, 1)
    return 1


def _alignment(index: int, text: str, paragraphs: list[str], metadata: Metadata) -> WD_ALIGN_PARAGRAPH | None:
    titles = {metadata.title, metadata.notice_title, metadata.doc_number} - {None}
    if text in titles or (index < _CLOSING_REACH and text.endswith("文件") and len(text) <= _MASTHEAD_MAX):
        return WD_ALIGN_PARAGRAPH.CENTER
    if index >= len(paragraphs) - _CLOSING_REACH and text and text in {metadata.issuer, _date_line(metadata)}:
        return WD_ALIGN_PARAGRAPH.RIGHT
    return WD_ALIGN_PARAGRAPH.JUSTIFY


def _date_line(metadata: Metadata) -> str | None:
    date = metadata.date
    return f"{date.year}年{date.month}月{date.day}日" if date else None


def _add_runs(paragraph: Paragraph, text: str, *, tracked: bool) -> None:
    """The text in runs split inside words, as Word leaves them after edits."""
    if len(text) < _SPLIT_MIN:
        paragraph.add_run(text)
        return
    cuts = [0, len(text) // 3, 2 * len(text) // 3, len(text)]
    for number, (start, end) in enumerate(zip(cuts, cuts[1:])):
        run = paragraph.add_run(text[start:end])
        run.font.size = Pt(16)
        if number == 1:
            run.font.name = "仿宋_GB2312"
    if tracked:
        _add_tracked_changes(paragraph)


def _add_tracked_changes(paragraph: Paragraph) -> None:
    """A deleted run in the middle of the text and the last run wrapped in an insertion."""
    runs = paragraph._p.findall(qn("w:r"))
    deleted = parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="审核" w:date="2024-01-02T09:30:00Z">'
        "<w:r><w:delText>（此句已删除）</w:delText></w:r></w:del>"
    )
    runs[1].addnext(deleted)
    inserted = parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="审核" w:date="2024-01-02T09:30:00Z"/>')
    runs[-1].addprevious(inserted)
    inserted.append(runs[-1])


def _set_numbering(paragraph: Paragraph, num_id: int, level: int) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _add_numbering(document: docx.document.Document, numberer: _Numberer) -> None:
    """The abstract numberings and nums used, and the heading style's link to the first."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for kind, abstract_id in ABSTRACT_IDS.items():
        element = parse_xml(_abstract_xml(abstract_id, _LEVELS[kind]))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    for num_id, kind, restarts in numberer.nums:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restarts else ""
        numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{ABSTRACT_IDS[kind]}"/>'
                f"{override}</w:num>"
            )
        )
    if numberer.style_num is not None:
        style = document.styles[HEADING_STYLE].element
        numpr = style.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = numberer.style_num


def _abstract_xml(abstract_id: int, levels: tuple[tuple[str, str], ...]) -> str:
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    kind = "multilevel" if len(levels) > 1 else "singleLevel"
    return (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="{kind}"/>{body}</w:abstractNum>'
    )


def _fix_properties(document: docx.document.Document) -> None:
    props = document.core_properties
    props.author = props.last_modified_by = "dashuang_parse tests"
    props.created = props.modified = props.last_printed = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1


def _rezip(data: bytes) -> bytes:
    """The package again with fixed timestamps, so that the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=ZIP_TIME),
                source.read(info.filename),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()
