"""PDF text lines → paragraphs: page furniture dropped, wrapped lines joined.

Pure functions over the lines pypdf extracts from each page, so every rule can be tested
on a list of strings. Two jobs:

* ``strip_furniture``: drop page numbers (— 3 —, 第 3 页 共 10 页, 3/10, a bare 3) and
  running headers and footers (a line repeated at the same end of most pages) from the
  first and last few lines of each page. pypdf gives lines in content-stream order, which
  puts a header or footer drawn by a page template at either end of the page's text, not
  always at the end its position would suggest — so both ends are searched, but a line
  is only taken as running furniture at the end where it repeats.
* ``join_lines``: every physical line → one line per paragraph, heading or field. A line
  continues the one before when the one before fills the line width and nothing marks a
  new paragraph (a section marker, an indent, a sentence end in a text without indents).

>>> pages = [["市政府文件", "— 1 —", "  一、总体要求", "  坚持依法管网，落实平台主体"],
...          ["市政府文件", "— 2 —", "责任。"]]
>>> assemble(pages, full_width=26)
'一、总体要求\\n坚持依法管网，落实平台主体责任。'
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from ..core.markers import ANY_MARKER

# Page numbers, each alone on a line at the top or bottom of a page.
PAGE_NUMBER_RULES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # — 3 —   - 3 -   －3－   ·3·   —3
    ("dashed", regex.compile(r"^[-—–－―‒·•‛]+\s*\d{1,4}\s*[-—–－―‒·•‛]*$|^\d{1,4}\s*[-—–－―‒·•‛]+$")),
    # ‛  (what is left of "‛ 3 ‛" when the text layer puts each glyph on a line of its own)
    ("dash_alone", regex.compile(r"^[—–－―‒‛]{1,2}$")),
    # 第3页   第 3 页 共 10 页   第3页/共10页   第三页
    ("di_ye", regex.compile(r"^第\s*[\d一二三四五六七八九十百〇零]{1,6}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$")),
    # 共10页 第3页
    ("gong_di", regex.compile(r"^共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页$")),
    # 3/10   3 / 10
    ("fraction", regex.compile(r"^\d{1,4}\s*[/／]\s*\d{1,4}$")),
    # Page 3   Page 3 of 10   p. 3
    ("page_word", regex.compile(r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", regex.I)),
    # 3   (a bare number: only ever looked for at a page's ends)
    ("bare", regex.compile(r"^\d{1,4}$")),
)
# How many lines at each end of a page may be header, footer or page number.
EDGE_LINES = 3
# A line is a running header or footer when it repeats at one end of this share of the
# pages (and of at least two).
RUNNING_SHARE = 0.5
# Characters other than digits a running line has at least.
_RUNNING_MIN_CHARS = 2
# What a date has besides its numbers (2026年11月): no running line is only that.
_DATE_UNITS = frozenset("年月日")

# Width units: a CJK or full-width character is 2, anything else 1 (half width). The
# first-line indent of a paragraph is two characters; pypdf shows it as leading spaces.
WIDE = 2
INDENT = 2 * WIDE
# A line counts as full when it is at most this much narrower than the typical full line:
# text with Latin letters or digits, and lines that stop before a word that will not
# fit, fall a little short of the margin.
SLACK = 2 * WIDE
# Lines narrower than this never set the full width (headings, dates, short fields).
_MIN_FULL = 10 * WIDE

# No paragraph opens with closing punctuation: a line that does was pushed there by
# wrapping (PDF writers without line-start rules put ，。 at the start of a line).
_CLOSING = set("，。、；：！？）》」』”’〕】］｝,.;:!?)]}…%％")
# A line that ends in an opening bracket is continued on the next line.
_OPENING = set("（《「『“‘〔【［｛([{")
# What ends a paragraph in a text whose lines carry no indent.
_SENTENCE_END = set("。！？；：!?;:")
# Brackets and digits as the section markers are written after normalizing.
_MARKER_FORM = str.maketrans({"(": "（", ")": "）"} | {chr(0xFF10 + i): str(i) for i in range(10)})
# Radicals and compatibility ideographs some PDF writers map CJK glyphs to (⼀ for 一,
# ⻓ for 长); NFKC maps each back to the unified ideograph the text means.
_RADICALS = regex.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")
_DIGITS = regex.compile(r"\d+")
_SPACES = regex.compile(r"\s+")


def is_page_number(line: str) -> bool:
    """Whether ``line`` is only a page number.

    >>> [is_page_number(x) for x in ("— 3 —", "第 3 页 共 10 页", "3/10", "12", "3.加强监管")]
    [True, True, True, True, False]
    """
    text = line.strip()
    return any(pattern.match(text) for _, pattern in PAGE_NUMBER_RULES)


def _key(line: str) -> str:
    """A line as running headers are compared: no spaces, any number the same."""
    return _DIGITS.sub("#", _SPACES.sub("", line))


def find_running(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """Keys of the lines that repeat at the top and at the bottom of most pages."""
    if len(pages) < 2:
        return set(), set()
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()
    for lines in pages:
        top.update({_key(line) for line in lines[:EDGE_LINES]})
        bottom.update({_key(line) for line in lines[-EDGE_LINES:]})
    need = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    return (
        {k for k, n in top.items() if n >= need and _can_run(k)},
        {k for k, n in bottom.items() if n >= need and _can_run(k)},
    )


def _can_run(key: str) -> bool:
    """A running header or footer says something: not a number, nor a single character
    (年, 11 月), nor a date (2026年11 月, 2025年6 月: with the numbers made alike, the date
    cells that end many pages of a 任务分工表 look like one line repeated)."""
    words = key.replace("#", "")
    return len(words) >= _RUNNING_MIN_CHARS and not set(words) <= _DATE_UNITS


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without page numbers and running headers or footers.

    Only lines at a page's ends are dropped, outside in, and each running line once per
    end: the title ``XX市人民政府文件`` on page one stays when the running header on every
    page is that same line.

    >>> pages = [["市政府文件", "— 1 —", "市政府文件", "一、总体要求"], ["市政府文件", "2", "二、重点任务"]]
    >>> strip_furniture(pages)
    [['市政府文件', '一、总体要求'], ['二、重点任务']]
    """
    pages = [[line for line in lines if line.strip()] for lines in pages]
    top_keys, bottom_keys = find_running(pages)
    return [_strip_page(lines, top_keys, bottom_keys) for lines in pages]


def _strip_page(lines: list[str], top_keys: set[str], bottom_keys: set[str]) -> list[str]:
    from .flat_tables import opens_header

    start, end = 0, len(lines)
    used: set[str] = set()
    # A table's header repeated at the top of each page is the table's, not furniture:
    # the rows below it are read by their header (序号 / 重点任务 / … on every page).
    while start < min(end, EDGE_LINES) and _furniture(lines[start], top_keys, used) and not opens_header(lines, start):
        start += 1
    used = set()
    while end > max(start, len(lines) - EDGE_LINES) and _furniture(lines[end - 1], bottom_keys, used):
        end -= 1
    return lines[start:end]


def _furniture(line: str, running: set[str], used: set[str]) -> bool:
    if is_page_number(line):
        return True
    key = _key(line)
    if key in running and key not in used:
        used.add(key)
        return True
    return False


def line_width(line: str) -> int:
    """Width of a line in half-width units, its indent counted as two characters.

    >>> line_width("加强监管"), line_width("  加强监管"), line_width("APP")
    (8, 12, 3)
    """
    text = line.strip()
    width = sum(WIDE if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)
    return width + (INDENT if _indented(line) else 0)


def _indented(line: str) -> bool:
    return line[:1].isspace() and bool(line.strip())


def typical_width(lines: Iterable[str]) -> int:
    """The width of a full line: the commonest width among the wider half of the lines."""
    widths = sorted((w for w in map(line_width, lines) if w >= _MIN_FULL), reverse=True)
    if not widths:
        return 0
    wider = widths[: max(1, math.ceil(len(widths) / 2))]
    counts = Counter(wider)
    # Ties go to the wider width: a notice of one-line paragraphs has no mode to speak of.
    return max(counts, key=lambda w: (counts[w], w))


@dataclass(frozen=True)
class Shape:
    """What the join rules need to know about a document's lines."""

    full_width: int  # width units of a full line
    indents: bool  # pypdf shows paragraph indents as leading spaces in this document


def measure(lines: list[str]) -> Shape:
    """The shape of a document's lines: full width, and whether indents show."""
    indented = sum(1 for line in lines if _indented(line))
    return Shape(typical_width(lines), indents=indented >= 2)


def opens_section(line: str) -> bool:
    """Whether ``line`` starts with a section marker: 一、 （一） 1. （1） ①, 第一章 …

    >>> opens_section("(二)加强监管"), opens_section("1.5亿元的资金")
    (True, False)
    """
    # ANY_MARKER is the rules' alternation: one match instead of one per rule.
    return ANY_MARKER.match(line.strip().translate(_MARKER_FORM)) is not None


def continues(prev: str, nxt: str, shape: Shape) -> bool:
    """Whether PDF line ``nxt`` continues the paragraph whose last line is ``prev``.

    >>> shape = Shape(full_width=20, indents=True)
    >>> continues("加强监管，落实平台", "责任。", shape), continues("加强监管。", "  落实责任。", shape)
    (True, False)
    """
    before, after = prev.strip(), nxt.strip()
    if after[:1] in _CLOSING or before[-1:] in _OPENING:
        return True
    if shape.indents and _indented(nxt):
        return False  # an indent opens a paragraph
    if line_width(prev) < shape.full_width - SLACK:
        return False  # the line before stops short of the margin: its paragraph ended
    opens, ends = opens_section(after), before[-1:] in _SENTENCE_END
    if shape.indents:
        # A full line followed by one at the margin is wrapped text, even when the
        # wrapped text happens to begin like a marker (…第一、/二、三季度); only a sentence
        # end before a marker says otherwise (a heading set flush left).
        return not (opens and ends)
    return not (opens or ends)


def join_lines(lines: list[str], *, full_width: int | None = None) -> list[str]:
    """Physical lines → one string per paragraph.

    ``full_width`` overrides the measured width of a full line (for tests).

    >>> join_lines(["  一、总体要求", "  坚持依法管网，落实平台主体", "责任。"])
    ['一、总体要求', '坚持依法管网，落实平台主体责任。']
    """
    lines = [_unify(line) for line in lines if line.strip()]
    shape = measure(lines)
    if full_width is not None:
        shape = Shape(full_width, shape.indents)
    return _join(lines, shape)


def _join(lines: list[str], shape: Shape) -> list[str]:
    paragraphs: list[list[str]] = []
    for i, line in enumerate(lines):
        if paragraphs and continues(lines[i - 1], line, shape):
            paragraphs[-1].append(line.strip())
        else:
            paragraphs.append([line.strip()])
    return [_glue(parts) for parts in paragraphs]


def _glue(parts: list[str]) -> str:
    """Join a paragraph's lines; Latin words broken at a space get their space back."""
    text = parts[0]
    for part in parts[1:]:
        latin = text[-1:].isascii() and text[-1:].isalpha() and part[:1].isascii() and part[:1].isalpha()
        text += (" " if latin else "") + part
    return text


def _unify(line: str) -> str:
    line = line.rstrip()
    if _RADICALS.search(line):
        line = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    return line


@dataclass(frozen=True)
class Run:
    """A piece of text pypdf drew at one place: where it starts, how big an em is."""

    text: str
    x: float
    y: float
    em: float  # the font size as drawn (device units)


# pypdf's plain mode starts a new line at every text object, even one that goes on along
# the same baseline: a writer that draws each font change (“数据要素 / × / ”生活服务消费) or
# each phrase of a justified line as its own object gives a line in pieces:
#   '1.“数据要素' / '×”' / '生活服务消费。'   (one heading on one printed line)
# Two runs are one line when the second starts on the first's baseline (within this share
# of an em) ...
SAME_BASELINE = 0.3
# ... no further right of where the first ends than this share of an em (table cells in
# one row are apart by the cell padding, more than an em: 序号 ⟷ 重点任务 is 1.3 em) ...
RUN_GAP = 0.6
# ... and not left of where the first starts. Where a run ends is estimated: an em for a
# wide or ambiguous character, half of one for any other; proportional Latin letters stray from that,
# so each half-width character allows this much more of a gap.
HALF_WIDTH_SLACK = 0.15
# A gap this wide between two Latin words is a space.
WORD_SPACE = 0.2


def _run_width(text: str) -> tuple[float, int]:
    """Width of a run in ems, and how many half-width characters it has. Characters of
    ambiguous width (× “ ” ·) count as wide: CJK fonts draw them so (a width guessed too
    wide only lets the next run start further left, which never parts a line)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WFA")
    half = len(text) - wide
    return wide + half / 2, half


def runs_lines(runs: Iterable[Run]) -> list[str]:
    """Runs in drawing order → lines. pypdf reports each line break it makes as a run of
    its own (``"\\n"``); such a break is undone when the run after it starts on the
    baseline of the run before it, right after it. Breaks inside a run stay, and so does
    every join pypdf made.

    >>> runs_lines([Run("1.“数据要素", 50.0, 100.0, 4.0), Run("\\n", 0, 0, 0), Run("×”", 76.0, 100.0, 4.0),
    ...             Run("\\n", 0, 0, 0), Run("生活服务消费。", 84.0, 100.0, 4.0), Run("\\n", 0, 0, 0),
    ...             Run("构建", 50.0, 93.0, 4.0)])
    ['1.“数据要素×”生活服务消费。', '构建']
    >>> runs_lines([Run("序号", 36.0, 173.5, 5.0), Run("\\n", 0, 0, 0), Run("重点任务", 52.5, 173.5, 5.0)])
    ['序号', '重点任务']
    """
    lines: list[str] = [""]
    last: Run | None = None  # the run the current line ends with, when its end is known
    pending = False  # pypdf broke the line after ``last``
    for run in runs:
        if not run.text:
            continue
        if not run.text.strip("\n"):
            pending = True
            continue
        parts = run.text.split("\n")
        if pending:
            gap = _gap_after(last, run)
            if gap is None:
                lines.append("")
            elif gap > WORD_SPACE * run.em and _latin_end(lines[-1]) and _latin_end(parts[0][:1]):
                lines[-1] += " "
            pending = False
        lines[-1] += parts[0]
        lines.extend(parts[1:])
        # After a break inside the run, where its last line ends is not known.
        last = run if len(parts) == 1 else None
    return lines if lines != [""] else []


def _latin_end(text: str) -> bool:
    return text[-1:].isascii() and text[-1:].isalnum()


def _gap_after(last: Run | None, run: Run) -> float | None:
    """How far right of ``last``'s end ``run`` starts, when it goes on ``last``'s line."""
    if last is None or run.em <= 0 or last.em <= 0:
        return None
    em = max(last.em, run.em)
    if abs(run.y - last.y) > SAME_BASELINE * em or run.x < last.x:
        return None
    width, half = _run_width(last.text)
    gap = run.x - (last.x + width * last.em)
    return gap if gap <= (RUN_GAP + HALF_WIDTH_SLACK * half) * em else None


def assemble(pages: list[list[str]], *, full_width: int | None = None) -> str:
    """Pages of extracted lines → the text the parser takes: one paragraph a line.

    A 任务分工表 flattened into the text layer (``flat_tables``) becomes a task line a row
    before the other lines are joined; the joining measures the prose lines only.
    ``full_width`` overrides the measured width of a full line (for tests).
    """
    from .flat_tables import segments

    lines = [_unify(line) for page in strip_furniture(pages) for line in page if line.strip()]
    parts = segments(lines)
    shape = measure([line for is_table, part in parts if not is_table for line in part])
    if full_width is not None:
        shape = Shape(full_width, shape.indents)
    return "\n".join(line for is_table, part in parts for line in (part if is_table else _join(part, shape)))
