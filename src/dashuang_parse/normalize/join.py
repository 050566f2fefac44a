"""The line joiner: whether a line break came from wrapping, and the width text is wrapped at.

Text copied from a PDF or a web page breaks paragraphs, titles and owner parentheticals over
several lines; ``joins`` decides, for each break, whether the next line continues the line
before. Its patterns are the line rules of ``normalize.rules``; the heading rule is
``core.markers.is_heading``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..core.markers import ANY_MARKER, HEADING_MAX, is_heading, starts_section
from . import rules

# A line at least this long that stops without punctuation was cut by wrapping.
WRAPPED_MIN = 20
# Hard-wrapped text: at least this many lines stop without punctuation, and this share of
# them are of one length.
_WRAP_MIN_LINES = 6
_WRAP_SHARE = 0.6
# A heading line with a comma is at most this long (二、突出监管重点，开展专项整治).
_SHORT_HEADING = 24
# How far back an unclosed bracket may open and still pull the next line in.
_OPEN_BRACKET_REACH = 300
# How much of a logical line's start the rules read: every rule anchored at both ends
# (a title, a date, a heading) matches at most ~200 characters, so a line longer than this
# is none of them.
HEAD_CHARS = 512
# How much of its end they read: an open bracket looks back _OPEN_BRACKET_REACH.
TAIL_CHARS = _OPEN_BRACKET_REACH


@dataclass
class LineSoFar:
    """The logical line being built, as far as the join rules read it: its start, its end
    and its length. The rules never read its middle, and keeping (and searching) the whole
    line at every break would make joining a long unpunctuated paragraph quadratic.

    >>> line = LineSoFar.of("关于印发")
    >>> line.extend("工作方案")
    >>> line.whole, line.tail, line.length
    ('关于印发工作方案', '关于印发工作方案', 8)
    """

    head: str  # the first HEAD_CHARS characters
    tail: str  # the last TAIL_CHARS characters
    length: int

    @classmethod
    def of(cls, text: str) -> LineSoFar:
        """The view of a line that has just begun with ``text``."""
        return cls(text[:HEAD_CHARS], text[-TAIL_CHARS:], len(text))

    def extend(self, piece: str) -> None:
        """Add the next physical line ``piece`` (joined without a separator)."""
        if len(self.head) < HEAD_CHARS:
            self.head = (self.head + piece[:HEAD_CHARS])[:HEAD_CHARS]
        self.tail = (self.tail + piece[-TAIL_CHARS:])[-TAIL_CHARS:]
        self.length += len(piece)

    @property
    def whole(self) -> str | None:
        """The whole line when it is short enough to be read whole, else None."""
        return self.head if self.length <= HEAD_CHARS else None


def _is_heading_line(line: str) -> bool:
    """A marker line that holds only a heading: 一、指导思想 / （三）强化重点产品重点领域监管"""
    marker = ANY_MARKER.match(line)
    if marker is None:
        return False
    end = len(line.rstrip("。"))
    if end - marker.end() > HEADING_MAX:
        return False  # decided without copying a long line
    body = line[marker.end() : end]
    # A long line with commas is prose cut by wrapping, not a heading.
    return is_heading(body) and ("，" not in body or len(body) <= _SHORT_HEADING)


def _is_header_line(line: str) -> bool:
    return rules.HEADER_LINE.match(line) is not None


def joins(prev: LineSoFar, last: int, nxt: str, width: int | None) -> bool:
    """Whether line ``nxt`` continues ``prev`` (the break between them came from wrapping).

    ``prev`` is the logical line built so far, ``last`` the width of its last physical line, ``width``
    the width the text is hard-wrapped at, if it is. Rules anchored at the line's start read
    its head, rules anchored at its end its tail, and rules about the whole line (a title, a
    heading, a header field) apply only to a line short enough to be one (``prev.whole``).
    """
    whole, tail = prev.whole, prev.tail
    if rules.OWNERS_AT_LINE_START.match(nxt):
        return True  # （市工商局负责）… closes the statement on the line before
    if rules.LINE_IS_ONLY.match(nxt):
        return True  # 昆明市官渡区 / 文件: the 发文机关标志 printed over two lines
    if rules.TITLE_SUBTITLE.match(nxt) and rules.TITLE_END_WORD.search(tail):
        return True  # …行动计划 / （2024—2025年）: the title's period on a line of its own
    if open_bracket(tail) and (_closes_bracket(nxt) or not starts_section(nxt)):
        return True  # 严格落实《政府机关办公通 / 用软件资产配置标准（试行）》   （FP / 16）突破…
    if width is not None and last >= width and _splits_number(tail, nxt):
        return True  # …（牵头单位：省工业和信息化厅）1 / 2.培育…: item 12, cut by the wrap
    if starts_section(nxt):
        return False
    if _is_header_line(prev.head) or _is_header_line(nxt):
        return False
    if rules.OWNER_LINE.match(prev.head) or rules.OWNER_LINE.match(nxt):
        return False  # 责任单位：… lines stand on their own
    if rules.LIST_CONTINUATION_START.match(nxt):
        return True  # …各乡镇（街道） / 、各部门: no paragraph opens with 、 or ，
    if rules.MARKER_AT_END.search(tail):
        return True  # …负责）（十一） / 推进农业领域协同增效: an item's text follows its marker
    if width is not None and last >= width and rules.GLOSS_END.search(tail):
        return True  # a full line cut after a gloss: …办公室（设在市健委） / 沟通…
    if rules.TERMINAL_PUNCT.search(tail) or (whole is not None and rules.NOTICE_TITLE.match(whole)):
        return False
    if rules.CONTINUATION_START.match(nxt):
        return True  # 关于印发…工作方案 / 的通知: no paragraph opens with 的 or a comma
    if rules.TITLE_VERB_END.search(tail):
        return True  # …关于印发 / 《…》的通知: the title's object is still to come
    if width is not None and last >= width:
        return True  # a full line of hard-wrapped text, even one that opens with a marker
    if whole is not None and (_is_heading_line(whole) or rules.TITLE_LINE.match(whole)):
        return False  # 一、指导思想 / a complete title line: 宿迁市…专项治理工作方案
    if rules.TITLE_END_WORD.search(nxt) and prev.length + len(nxt) <= 80:
        return True  # 关于印发宿迁市2017年互联网领域 / 侵权假冒专项治理工作方案的通知
    return prev.length >= WRAPPED_MIN


def _splits_number(prev: str, nxt: str) -> bool:
    """Whether a full line's end and the next line's start are one number cut in two: digits
    (…负责）1 / 2.), or Chinese numerals after a sentence end or bracket (…负责）三 / 十、,
    二十 / 一、; not 统一 / 二、, a word and then an item)."""
    last, first = prev[-1:], nxt[:1]
    if last.isdigit() and first.isdigit():
        return True
    before = prev[-2:-1]
    return (
        last in _CN_NUMERALS
        and (before in _CN_NUMERALS or before in _AFTER_ITEM_END)
        and rules.CN_MARKER_START.match(nxt) is not None
    )


_CN_NUMERALS = "一二三四五六七八九十"
# What ends the item before a marker (a line start counts too: before is then "").
_AFTER_ITEM_END = "。；）】"


def _closes_bracket(line: str) -> bool:
    """Whether ``line`` closes a bracket before it opens one of the same kind."""
    for opening, closing in (("（", "）"), ("《", "》")):
        close = line.find(closing)
        if close >= 0 and not 0 <= line.find(opening) < close:
            return True
    return False


def open_bracket(line: str) -> bool:
    """Whether ``line`` ends inside a （…）, 《…》 or […] opened not long before.

    Read backwards from the end, so a bracket closed near the start of the window, its
    opening cut off, does not hide one still open at the end (…2026年8月）… （牵头单位：…完成时限：).
    """
    closed = dict.fromkeys(_CLOSING_OF.values(), 0)
    for ch in reversed(_BRACKET.findall(line, max(0, len(line) - _OPEN_BRACKET_REACH))):
        if ch in closed:
            closed[ch] += 1
        elif closed[_CLOSING_OF[ch]]:
            closed[_CLOSING_OF[ch]] -= 1
        else:
            return True
    return False


# The brackets a wrapped line may end inside:  …考核方式。 [ / 责任单位：市发展改革委… ]
_CLOSING_OF = {"《": "》", "（": "）", "[": "]", "【": "】"}
_BRACKET = re.compile(r"[《》（）\[\]【】]")


def wrap_width(lengths: list[int], texts: list[str]) -> int | None:
    """The width a hard-wrapped text is cut at, or None when its lines are paragraphs.

    Text copied from a PDF breaks every paragraph into lines of nearly one length; those
    lines stop without punctuation. When most such lines share a length, that is the width.

    ``lengths[i]`` is the length of line ``i`` as cleaned (before the context rules),
    ``texts[i]`` the line as it will be written.

    >>> wrap_width([15] * 6, ["0" * 15] * 6), wrap_width([15] * 5, ["0" * 15] * 5)
    (13, None)
    """
    # Header fields (索引号：…, a date, a 文号) are short by nature, not cut by wrapping.
    cut = [
        length
        for length, text in zip(lengths, texts)
        if length >= WRAPPED_MIN - 5 and not rules.TERMINAL_PUNCT.search(text) and not _is_header_line(text)
    ]
    if len(cut) < _WRAP_MIN_LINES:
        return None
    mode = Counter(cut).most_common(1)[0][0]
    near = sum(1 for n in cut if mode - 2 <= n <= mode + 6)
    return mode - 2 if near >= _WRAP_SHARE * len(cut) else None
