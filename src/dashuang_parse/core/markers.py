"""The numbering grammar: section markers, their kinds and ranks, and the heading predicate.

Readers (``read/pdf_layout``, the DOCX numbering), the normalizer (line joining), the lexer
and the tree all ask what a marker is and whether a marker line is a heading, so this module
sits at the bottom of the layers, beside the models: one table (``MARKER_RULES``) and one
predicate (``is_heading``), used everywhere. Patterns match after normalization (brackets
full width, indentation gone).

>>> match = ANY_MARKER.match("（三）强化监管")
>>> MARKER_RULES[marker_rank(match)][0], marker_number(match)
('cn_paren', '三')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .models import SectionKind

# Chinese numerals as written in section markers, dates and counts.
CN_DIGITS = "零〇○Ｏ一二三四五六七八九十百千两"
CN_NUMBER = f"[{CN_DIGITS}]+"

# Section markers, in rank order from outer to inner (contract.md `kind`). Each matches at
# the start of a line; group "num" holds the number as written.
MARKER_RULES: tuple[tuple[SectionKind, regex.Pattern[str]], ...] = (
    # 第一编 总则   第一部分 总体要求
    ("part", regex.compile(rf"第(?P<num>{CN_NUMBER}|\d+)(?:编|部分)[ \t]*")),
    # 第二章 组织领导
    ("chapter", regex.compile(rf"第(?P<num>{CN_NUMBER}|\d+)章[ \t]*")),
    # 第一节 一般规定
    ("division", regex.compile(rf"第(?P<num>{CN_NUMBER}|\d+)节[ \t]*")),
    # 第九条 本办法自发布之日起施行。
    ("article", regex.compile(rf"第(?P<num>{CN_NUMBER}|\d+)条[ \t]*")),
    # 二、重点任务   (also 二．/二. as some notices write it)
    ("cn", regex.compile(rf"(?P<num>{CN_NUMBER})[ \t]?[、．.](?![\d０-９])[ \t]*")),
    # （一）加强互联网领域侵权假冒治理。  （三十一）提升舆论引导能力。
    ("cn_paren", regex.compile(rf"（(?P<num>{CN_NUMBER})）[ \t]*")),
    # 1.加大互联网领域侵权假冒治理。  1、  １．   — but not the decimal 1.5亿元
    # (a space may stand before the separator: 1 . 加强 / 1 ．)
    ("arabic", regex.compile(r"(?P<num>\d{1,3})[ \t]?(?:[.．](?![\d０-９])|、)[ \t]*|(?P<num>[⒈-⒛])[ \t]*")),
    # （1）开展2017互联网领域打击侵权假冒专项行动。   1）建立台账   ⑴完善机制
    ("arabic_paren", regex.compile(r"（(?P<num>\d{1,3})）[ \t]*|(?P<num>\d{1,2})）(?!）)[ \t]*|(?P<num>[⑴-⒇])[ \t]*")),
    # ①建立工作台账
    ("circled", regex.compile(r"(?P<num>[①-⑳㉑-㉟㊱-㊿])[ \t]*")),
)

KIND_RANK: dict[SectionKind, int] = {kind: rank for rank, (kind, _) in enumerate(MARKER_RULES)}

# All the markers as one pattern, tried in rank order like the rules (alternation keeps the
# first that matches): one match per line instead of one per rule. Group "rN" holds rule N's
# match and "nN" its number, so the last group a match sets, either one, names the rule.
ANY_MARKER = regex.compile(
    "|".join(
        f"(?P<r{rank}>{pattern.pattern.replace('(?P<num>', f'(?P<n{rank}>')})"
        for rank, (_, pattern) in enumerate(MARKER_RULES)
    )
)


# Where a marker may stand inside a line: a candidate the selector (tree/select.py) takes only
# when numbering confirms it.  …（省商务厅负责）四、实施…   …。（1）…（2）…   加强组织领导1.建立…
# A hint, in the stdlib ``re`` (it scans plain text many times faster than ``regex``): each
# hit is checked with ``ANY_MARKER`` at its position. The look-ahead names every first
# character the branches can start with: ``re`` then skips to those at once instead of
# trying each branch at every character (three times faster over a notice).
_CIRCLED = "⒈-⒛⑴-⒇①-⑳㉑-㉟㊱-㊿"
INLINE_HINT = re.compile(
    rf"(?=[（0-9{CN_DIGITS}{_CIRCLED}第])"
    rf"(?:（[{CN_DIGITS}0-9]{{1,4}}）|[0-9]{{1,3}}[ \t]?[.．、]|[{CN_DIGITS}]{{1,4}}[ \t]?[、．.]"
    rf"|[{_CIRCLED}]|第[{CN_DIGITS}0-9]{{1,4}}(?:编|部分|章|节|条)|[0-9]{{1,2}}）)"
)
# A raw line (before normalizing: any width, any indent) that opens like a section marker:
#   "  (1)加强"   "１．开展"   "一、任务"   "第三章"   — counted in one scan by the bound stage, so
# that a text of a million marker lines is refused before it is normalized (core/limits.py).
SECTION_LINE_HINT = re.compile(
    rf"^[ \t\u3000]*(?:[（(][{CN_DIGITS}0-9０-９]{{1,4}}[）)]|[0-9０-９]{{1,3}}[ \t]?[.．、]"
    rf"|[{CN_DIGITS}]{{1,4}}[ \t]?[、．.]|[{_CIRCLED}]|第[{CN_DIGITS}0-9０-９]{{1,4}}(?:编|部分|章|节|条))",
    re.MULTILINE,
)
# A number alone before the item's text at a line start, its separator lost (a private-use
# glyph deleted by the normalizer):  1加强组织领导  — a candidate, never a marker by itself.
# Not a count or a date:  3个工作日  12月底前
BARE_NUMBER = regex.compile(r"(?P<num>\d{1,2})(?=\p{Han})(?![年月日号个项次家名人万亿元倍条款批期届])")

# Looser forms of a marker, searched only in a numbering gap (tree/select.fill_gaps), between
# the siblings before and after it:  4.0402年启动…   4 ．   4*.   4)   （ 4 ）
LOOSE_MARKERS: dict[SectionKind, regex.Pattern[str]] = {
    "cn": regex.compile(rf"(?P<num>[{CN_DIGITS}]{{1,3}})\s*[、．.，,]"),
    "cn_paren": regex.compile(rf"[（(]\s*(?P<num>[{CN_DIGITS}]{{1,3}})\s*[）)]"),
    "arabic": regex.compile(r"(?P<num>\d{1,2})(?!\d)[\s*·]*(?:[.．、，,）)]|(?=\p{Han}))"),
    "arabic_paren": regex.compile(r"[（(]\s*(?P<num>\d{1,2})\s*[）)]"),
}


def marker_rank(match: regex.Match[str]) -> int:
    """The rank of the rule an ``ANY_MARKER`` match comes from."""
    group = match.lastgroup
    assert group is not None  # every alternative is a named group
    return int(group[1:])


def marker_number(match: regex.Match[str]) -> str:
    """The number of an ``ANY_MARKER`` match, as written."""
    return str(match.group(f"n{marker_rank(match)}"))


def starts_section(line: str) -> bool:
    """Whether ``line`` opens with a section marker.

    >>> starts_section("（一）加强监管"), starts_section("加强监管")
    (True, False)
    """
    return ANY_MARKER.match(line) is not None


# The longest line a heading sits on (characters after the marker); longer lines are prose.
HEADING_MAX = 40


def is_heading(body: str) -> bool:
    """Whether ``body`` — a marker line's text after the marker, its closing 。 taken off by
    the caller — can be a heading: one phrase, no full stop inside, at most ``HEADING_MAX``.

    The one heading rule of the pipeline: the line joiner (a heading line is never continued),
    the closing finder (a heading item has no paragraph of its own) and the section heading
    all ask it, each adding what only it knows (commas, a closing bracket, owners on the line).

    >>> is_heading("指导思想"), is_heading("加强监管。开展抽查"), is_heading("长" * 41)
    (True, False, False)
    """
    return "。" not in body and len(body) <= HEADING_MAX
