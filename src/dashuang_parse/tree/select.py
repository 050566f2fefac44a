"""Choose the section markers from the candidates the lexer proposes.

The lexer reports a *strong* marker where a line starts with a marker in its usual form
(``二、``, ``（三）``, ``4.``), and a *candidate* wherever else a marker may stand: glued after
``。`` or ``）`` when a notice was saved on one line ("…（省商务厅负责）四、实施…"), packed inside
a paragraph ("…。（1）…（2）…"), or after page furniture. A candidate is only a possibility: the
same characters are often plain text (``统一、规范``, ``第1、2批``). Numbering decides.

The algorithm, in one pass over markers and candidates in document order, with the stack of
open sections the tree builder will make (a marker nests under the nearest open section of a
higher rank):

1. A strong marker is always taken.
2. A candidate of kind *k* and number *n* is taken when it continues a numbering run at the
   place it would go:
   - its parent already has a *k* child numbered *n − 1* (the next item), or
   - its parent has no *k* child yet and either *n* is one more than the last *k* anywhere
     before (numbering that runs on across parents, ``1.``–``55.`` over several （一）), or
     *n* = 1 and a run is confirmed: a later marker or candidate of kind *k* numbered 2,
     written with the same separator, comes before the parent's run moves on (before the next
     marker or candidate that would close the parent),
   - or its number is 1 and it heads its first child: a marker numbered 1 of a deeper kind
     follows it after no more than a heading ("…。一、总体要求（一）指导思想…"), or it is that
     child, right after the heading of the parent just taken. Two runs opening together
     are evidence enough, even for a run of one (a notice of one 一、 with one （一）), and
     even where the parent's run already has items: a numbering that starts again (an
     attachment's own 一、 after the plan's 四、, a 一、 written twice).
   Otherwise it is text.
3. Gaps left after selection (siblings 3 then 5) are searched for the missing number written
   in a looser form (``4.0402年…``, ``4 ．``, ``4)``): see ``fill_gaps``.

A cn candidate (``一、``) must also follow a sentence end, a colon or a closing bracket: glued to
a word it is almost always part of it (统一、唯一、). Glued, it is taken only as a run's first
item (confirmed as above), or as the next item of a run that goes on after it: ``十七、`` after
``十六、`` with a ``十八、`` further on (page furniture glued before it in a PDF print,
"…相关文件十七、强化…"; "三、四线城市" has its 四、 at once, not an item's length away), or
that heads its first child ("…第 5 页 共 7 页四、保障措施（一）加强…").
Every candidate must be followed by the item's text, not by a digit or punctuation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

import regex

from ..core.markers import CN_DIGITS, HEADING_MAX, KIND_RANK, LOOSE_MARKERS
from ..core.models import SectionKind
from ..core.numerals import marker_value
from ..lex.tokens import Token, TokenKind

# Characters after which any candidate may open an item: sentence ends, colons, closing
# brackets and quotes.
_BOUNDARY = "。；！？：）】〕”’」』…\n"
# What an item's text may start with.
_ITEM_START = regex.compile(r"[\p{Han}《“\"‘「A-Za-z]")
# How far ahead a "2" is looked for to confirm a run starting at 1 (characters).
_CONFIRM_REACH = 6000
# The least text an item holds before the next item's marker (a glued cn item must be
# confirmed by a next number at least this far on: "三、四线城市" is a phrase).
_ITEM_MIN = 6
# What ends a sentence or a line: a heading between a marker and its first child holds none.
_SENTENCE_END = regex.compile(r"[。；！？\n]")


@dataclass
class _Open:
    """An open section on the stack: its kind, number, where its marker ends, and its
    children's last numbers."""

    rank: int
    number: int
    end: int = -1
    last_child: dict[SectionKind, int] = field(default_factory=dict)


def select_markers(text: str, tokens: list[Token]) -> list[Token]:
    """Tokens with the chosen candidates turned into MARKER tokens and the others dropped.

    >>> from dashuang_parse.lex import tokenize
    >>> text = "总体要求：一、加强监管。统一、规范执法（市公安局负责）。二、强化保障（一）完善机制。（二）加强考核。"
    >>> tokens = select_markers(text, tokenize(text)[0])
    >>> [text[t.start:t.end] for t in tokens if t.kind is TokenKind.MARKER]
    ['一、', '二、', '（一）', '（二）']
    """
    markers = [t for t in tokens if t.kind in (TokenKind.MARKER, TokenKind.CANDIDATE)]
    if not any(t.kind is TokenKind.CANDIDATE for t in markers):
        return tokens
    chosen = _choose(text, markers)
    out: list[Token] = []
    for token in tokens:
        if token.kind is TokenKind.CANDIDATE:
            if token.start in chosen:
                out.append(token._replace(kind=TokenKind.MARKER))
        else:
            out.append(token)
    return out


def _before(text: str, at: int) -> str:
    """The character before ``at``, past spaces and markdown marks (…：## 一、总体要求)."""
    at -= 1
    while at >= 0 and text[at] in _SKIPPED:
        at -= 1
    return text[at] if at >= 0 else "\n"


# What may stand between a sentence end and the marker after it.
_SKIPPED = " \t#*"


def _separator(text: str, token: Token) -> str:
    """The marker's punctuation: 、 . ． （） … (what a confirming "2" must share)."""
    written = text[token.start : token.end].strip()
    if written.startswith("（"):
        return "（）"
    return "".join(ch for ch in written if not ch.isdigit() and ch not in CN_DIGITS) or "?"


def _choose(text: str, markers: list[Token]) -> set[int]:
    chosen: set[int] = set()
    stack: list[_Open] = []
    root = _Open(-1, 0)
    last_anywhere: dict[SectionKind, int] = {}
    ahead = _Lookahead(text, markers)
    for index, token in enumerate(markers):
        kind = token.section_kind
        assert kind is not None and token.number is not None
        rank = KIND_RANK[kind]
        depth = len(stack)
        while depth and stack[depth - 1].rank >= rank:
            depth -= 1
        parent = stack[depth - 1] if depth else root
        if token.kind is TokenKind.CANDIDATE and not _fits(text, ahead, index, parent, stack[:depth], last_anywhere):
            continue
        if token.kind is TokenKind.CANDIDATE:
            chosen.add(token.start)
        del stack[depth:]
        parent.last_child[kind] = token.number
        last_anywhere[kind] = token.number
        stack.append(_Open(rank, token.number, token.end))
    return chosen


def _fits(
    text: str,
    ahead: _Lookahead,
    index: int,
    parent: _Open,
    ancestors: list[_Open],
    last_anywhere: dict[SectionKind, int],
) -> bool:
    token = ahead.markers[index]
    kind, number = token.section_kind, token.number
    assert kind is not None and number is not None
    if not _ITEM_START.match(text, token.end) or text[token.start - 1 : token.start] == "第":
        return False  # 第（一）项: a reference to an item, not one
    previous = parent.last_child.get(kind)
    if number == 1 and (_heads_child(text, ahead.markers, index) or _first_child(text, token, parent)):
        return True
    if kind == "cn" and _before(text, token.start) not in _BOUNDARY:
        # 一、 glued to a title (…工作要点一、围绕…, a notice saved on one line) opens the
        # plan when a 二、 confirms it; any other cn numeral inside a sentence is a word,
        # unless the run it continues goes on after it (…相关文件十七、… then 十八、) or it
        # heads its first child (…第 5 页 共 7 页四、保障措施（一）…).
        if previous is None:
            return number == 1 and ahead.confirmed(index, ancestors)
        return number == previous + 1 and (
            _heads_child(text, ahead.markers, index) or ahead.confirmed(index, ancestors, _ITEM_MIN)
        )
    if previous is not None:
        return number == previous + 1
    if number == last_anywhere.get(kind, 0) + 1 and number > 1:
        return True
    return number == 1 and ahead.confirmed(index, ancestors)


def _is_heading_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be a heading between a marker and its first child's
    marker: short, and no sentence ends in it."""
    return 0 <= end - start <= HEADING_MAX and not _SENTENCE_END.search(text, start, end)


def _heads_child(text: str, markers: list[Token], index: int) -> bool:
    """Whether the next marker or candidate is a first child (numbered 1, of a deeper kind)
    after no more than a heading:  一、总体要求（一）指导思想  （一）重点任务分工表1.构建…"""
    if index + 1 >= len(markers):
        return False
    token, child = markers[index], markers[index + 1]
    return (
        child.number == 1
        and KIND_RANK[child.section_kind] > KIND_RANK[token.section_kind]  # type: ignore[index]
        and _ITEM_START.match(text, child.end) is not None
        and _is_heading_gap(text, token.end, child.start)
    )


def _first_child(text: str, token: Token, parent: _Open) -> bool:
    """Whether ``token`` follows its parent's marker after no more than the parent's heading:
    the other half of ``_heads_child``, where the parent was taken first."""
    return parent.end >= 0 and not parent.last_child and _is_heading_gap(text, parent.end, token.start)


class _Lookahead:
    """Whether a run through a candidate numbered n is confirmed: an n + 1 of the same kind
    and separator follows within ``_CONFIRM_REACH`` before the run's parent moves on (at the
    next marker of a higher rank, or the next candidate of a higher rank continuing an open
    ancestor's run).

    Each of those is found by a binary search in indices built once, so a text of a hundred
    thousand unconfirmed "1." candidates costs a search each instead of a walk over every
    marker in reach of each.
    """

    def __init__(self, text: str, markers: list[Token]) -> None:
        self.markers = markers
        self.ranks = [KIND_RANK[m.section_kind] for m in markers]  # type: ignore[index]
        self.starts = [m.start for m in markers]
        # (rank, separator, number) → indices
        self.runs: dict[tuple[int, str, int], list[int]] = defaultdict(list)
        self.strong: dict[int, list[int]] = defaultdict(list)  # rank → indices of MARKER tokens
        self.numbered: dict[tuple[int, int], list[int]] = defaultdict(list)  # (rank, number) → indices
        self.text = text
        for at, (marker, rank) in enumerate(zip(markers, self.ranks)):
            self.runs[(rank, _separator(text, marker), marker.number)].append(at)  # type: ignore[index]
            if marker.kind is TokenKind.MARKER:
                self.strong[rank].append(at)
            self.numbered[(rank, marker.number)].append(at)  # type: ignore[index]

    def confirmed(self, index: int, ancestors: list[_Open], reach: int = 0) -> bool:
        """Whether the candidate at ``index`` is confirmed by the next number of its run, found
        first at least ``reach`` characters after the marker."""
        rank, token = self.ranks[index], self.markers[index]
        wanted = (rank, _separator(self.text, token), token.number + 1)  # type: ignore[operator]
        two = _next(self.runs.get(wanted, []), index)
        if two is None or self.starts[two] - self.starts[index] > _CONFIRM_REACH:
            return False
        for higher in range(rank):
            stop = _next(self.strong.get(higher, []), index)
            if stop is not None and stop < two:
                return False
        for ancestor in ancestors:
            if ancestor.rank < rank:
                stop = _next(self.numbered.get((ancestor.rank, ancestor.number + 1), []), index)
                if stop is not None and stop < two:
                    return False
        return self.starts[two] - token.end >= reach


def _next(indices: list[int], after: int) -> int | None:
    """The first of the sorted ``indices`` above ``after``, if any."""
    at = bisect_right(indices, after)
    return indices[at] if at < len(indices) else None


def fill_gaps(text: str, tokens: list[Token]) -> list[Token]:
    """Markers for numbers missing between siblings, found in a looser form.

    After ``3.`` and before ``5.`` under the same parent, a ``4`` at a line start or after a
    sentence end, followed by a loose separator (``4 ．``, ``4)``, ``4*.``, or a digit glued to
    it: ``4.0402年``), is taken as item 4.
    """
    markers = [t for t in tokens if t.kind is TokenKind.MARKER]
    added: list[Token] = []
    stack: list[tuple[int, Token]] = []  # (rank, marker) of the open sections
    last_child: dict[tuple[int, SectionKind], Token] = {}  # (parent start, kind) → last child
    for token in markers:
        kind = token.section_kind
        assert kind is not None  # every marker token has a kind
        rank = KIND_RANK[kind]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent_at = stack[-1][1].start if stack else -1
        key = (parent_at, kind)
        previous = last_child.get(key)
        if previous is not None and token.number - previous.number > 1:  # type: ignore[operator]
            added.extend(_search_gap(text, previous, token))
        last_child[key] = token
        stack.append((rank, token))
    if not added:
        return tokens
    return sorted([*tokens, *added], key=lambda t: (t.start, t.kind is not TokenKind.LINE))


def _search_gap(text: str, previous: Token, following: Token) -> list[Token]:
    kind = following.section_kind
    pattern = LOOSE_MARKERS.get(kind)  # type: ignore[arg-type]
    if pattern is None:
        return []
    found: list[Token] = []
    expected = previous.number + 1  # type: ignore[operator]
    for match in pattern.finditer(text, previous.end, following.start):
        if _before(text, match.start()) not in _BOUNDARY:
            continue
        if marker_value(match.group("num")) != expected:
            continue
        found.append(Token(TokenKind.MARKER, match.start(), match.end(), 0, kind, expected))
        expected += 1
        if expected >= following.number:  # type: ignore[operator]
            break
    return found
