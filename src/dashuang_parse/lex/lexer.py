"""Normalized text → a flat token stream: lines, section markers, owner lines, brackets.

The tree builder reads the markers, the task splitter reads brackets and owner lines.
"""

from __future__ import annotations

from bisect import bisect_right
from heapq import merge

from ..core.errors import InputTooLarge
from ..core.markers import ANY_MARKER, BARE_NUMBER, INLINE_HINT, MARKER_RULES, marker_number, marker_rank
from ..core.models import Diagnostic
from ..core.numerals import marker_value
from . import rules
from .tokens import Token, TokenKind

# Nesting depth of brackets read as structure (the default of Limits.bracket_depth). Deeper
# nesting is not a parenthetical any notice writes: the excess brackets are reported as
# unbalanced instead of growing the stack without bound.
MAX_BRACKET_DEPTH = 32


def tokenize(
    text: str, *, max_depth: int = MAX_BRACKET_DEPTH, max_sections: int | None = None
) -> tuple[list[Token], list[Diagnostic]]:
    """Lex ``text`` (already normalized) into tokens in document order.

    ``max_sections``: ``InputTooLarge`` as soon as more lines than that open with a section
    marker (each is a section: the limit is checked while the work is done, not after it).

    >>> tokens, _ = tokenize("一、总体要求\\n（一）加强监管（市公安局负责）。")
    >>> [(t.kind.value, t.section_kind) for t in tokens if t.kind.value == "marker"]
    [('marker', 'cn'), ('marker', 'cn_paren')]
    """
    lexer = _Lexer(text, max_depth, max_sections)
    lexer.scan()
    return lexer.tokens, lexer.diagnostics


class _Lexer:
    """One pass over the text: line tokens at each line start, then the line's brackets,
    found by one scan of the whole text (a scan per line costs more in calls than in
    characters).

    Tokens come out in document order without sorting: a bracket pair takes its place in
    the list when it opens, and is filled in when it closes.
    """

    def __init__(self, text: str, max_depth: int = MAX_BRACKET_DEPTH, max_sections: int | None = None) -> None:
        self.text = text
        self.max_depth = max_depth
        self.max_sections = max_sections
        self.markers = 0  # MARKER tokens so far
        self.tokens: list[Token] = []
        self.diagnostics: list[Diagnostic] = []
        self.in_attachments = False
        self.owner_line_at: int | None = None  # index in tokens of the last owner line
        # An owner list that starts inside the current line, placed when the scan reaches it.
        self.pending_owners: Token | None = None
        # Owner lines and inline owner lists both open with a label; most notices have none.
        self.has_labels = rules.LINE_LABEL_ANYWHERE.search(text) is not None
        # Per bracket kind, the open brackets of the current line: (offset, place in tokens).
        self.stacks: dict[str, list[tuple[int, int]]] = {opening: [] for opening in rules.BRACKET_PAIRS.values()}

    def scan(self) -> None:
        """Lex the whole text into ``tokens`` and ``diagnostics``."""
        text, tokens, stacks = self.text, self.tokens, self.stacks
        self._line(0)
        for match in rules.INLINE.finditer(text):
            ch = match.group()
            pos = match.start()
            if self.pending_owners is not None and pos >= self.pending_owners.start:
                tokens.append(self.pending_owners)
                self.pending_owners = None
            if ch == "\n":
                self._end_line()
                self._line(pos + 1)
            elif ch in stacks:
                stack = stacks[ch]
                if len(stack) >= self.max_depth:
                    _unbalanced(self.diagnostics, pos, "bracket nesting too deep")
                    continue
                stack.append((pos, len(tokens)))
                tokens.append(_PLACEHOLDER)
            else:
                stack = stacks[rules.BRACKET_PAIRS[ch]]
                if not stack:
                    _unbalanced(self.diagnostics, pos, "closing bracket without an opening one")
                    continue
                open_at, place = stack.pop()
                tokens[place] = Token(TokenKind.PAREN, open_at, pos + 1, len(stack))
        self._end_line()
        if _PLACEHOLDER in tokens:
            self.tokens = [token for token in tokens if token is not _PLACEHOLDER]
        candidates = self._inline_candidates()
        if candidates:
            self.tokens = list(merge(self.tokens, candidates, key=lambda token: token.start))

    def _inline_candidates(self) -> list[Token]:
        """Markers inside lines, outside brackets: candidates for tree/select.py."""
        parens = [(t.start, t.end) for t in self.tokens if t.kind is TokenKind.PAREN and t.depth == 0]
        starts = [start for start, _ in parens]
        found: list[Token] = []
        text = self.text
        attachment: Token | None = None  # the last title of an attachment list in a line
        for hint in INLINE_HINT.finditer(text):
            at = hint.start()
            if at == 0 or text[at - 1] == "\n":
                continue  # a line start: read by _line
            match = ANY_MARKER.match(text, at)
            if match is None:
                continue
            inside = bisect_right(starts, at) - 1
            if inside >= 0 and parens[inside][0] < at < parens[inside][1]:
                continue  # （责任单位：1.市公安局…）: part of a parenthetical
            kind = MARKER_RULES[marker_rank(match)][0]
            token = Token(TokenKind.CANDIDATE, at, match.end(), 0, kind, marker_value(marker_number(match)))
            if _attachment_title(text, token, attachment):
                attachment = token  # 附件：1.重点任务分工表2.联络员名单: titles, not sections
                continue
            found.append(token)
        return found

    def _line(self, start: int) -> None:
        """Tokens of the line starting at ``start`` that its start decides: line, marker, owners."""
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        if end == start:
            return
        content = self.text[start:end]
        self.tokens.append(Token(TokenKind.LINE, start, end))
        self._marker(content, start, end)
        if self.has_labels:
            self._owner_line(content, start, end)

    def _end_line(self) -> None:
        """Brackets still open at a line's end are unbalanced: a parenthetical stays in its paragraph."""
        if self.pending_owners is not None:
            self.tokens.append(self.pending_owners)
            self.pending_owners = None
        for stack in self.stacks.values():
            for open_at, _ in stack:
                _unbalanced(self.diagnostics, open_at, "opening bracket never closed in its paragraph")
            stack.clear()

    def _marker(self, content: str, start: int, end: int) -> None:
        # 附件：1.任务分工表 / 2.联络员名单 — titles of attachments, not sections.
        if rules.ATTACHMENT_START.match(content):
            self.in_attachments = True
            return
        if self.in_attachments and rules.ATTACHMENT_ITEM.match(content):
            return
        self.in_attachments = False
        marker = _match_marker(self.text, start, end)
        if marker is not None:
            self.tokens.append(marker)
            if marker.kind is TokenKind.MARKER:
                self.markers += 1
                if self.max_sections is not None and self.markers > self.max_sections:
                    raise InputTooLarge(f"more than {self.max_sections} section markers (limit sections)")

    def _owner_line(self, content: str, start: int, end: int) -> None:
        # The list without the line's final 。:  责任单位：市发展改革委。
        end -= content.endswith("。")
        if rules.OWNER_LINE.match(content):
            at = self.owner_line_at
            previous = self.tokens[at] if at is not None else None
            if at is not None and previous is not None and previous.end in (start - 1, start - 2):
                # 牵头单位：… / 配合单位：… on two lines: one owner list.
                self.tokens[at] = Token(TokenKind.OWNER_LINE, previous.start, end)
                return
            self.owner_line_at = len(self.tokens)
            self.tokens.append(Token(TokenKind.OWNER_LINE, start, end))
        elif inline := rules.INLINE_OWNER_LABEL.search(content):
            # …。责任单位：市发展改革委 — owners after the statement, on its line.
            self.pending_owners = Token(TokenKind.OWNER_LINE, start + inline.end(), end)


def _attachment_title(text: str, token: Token, previous: Token | None) -> bool:
    """Whether candidate ``token`` numbers an attachment's title inside a line: "1." right
    after 附件：, or the next number soon after the ``previous`` title of the list."""
    if token.section_kind != "arabic":
        return False
    if previous is not None and token.start - previous.end <= rules.ATTACHMENT_TITLE_MAX:
        return token.number == previous.number + 1  # type: ignore[operator]
    label = rules.ATTACHMENT_LABEL_BEFORE.search(text, max(0, token.start - 8), token.start)
    return token.number == 1 and label is not None


# Holds a bracket's place in the token list until the bracket closes.
_PLACEHOLDER = Token(TokenKind.PAREN, -1, -1)


def _match_marker(text: str, start: int, end: int) -> Token | None:
    match = ANY_MARKER.match(text, start, end)
    if match is None:
        bare = BARE_NUMBER.match(text, start, end)
        if bare is None:
            return None
        return Token(TokenKind.CANDIDATE, start, bare.end(), 0, "arabic", int(bare.group("num")))
    rank = marker_rank(match)
    kind = MARKER_RULES[rank][0]
    following = ANY_MARKER.match(text, match.end(), end)
    if following is not None and marker_rank(following) == rank:
        return None  # 一、二、三产业融通发展: numerals listed, a wrap put at a line start
    if match.end() < end or kind not in _FRAGMENT_KINDS:
        return Token(TokenKind.MARKER, start, match.end(), 0, kind, marker_value(marker_number(match)))
    # A bare "3." or "二、" line is a wrapped fragment, not a section; a later rule may still
    # read the line as a marker.
    for kind, pattern in MARKER_RULES[rank + 1 :]:
        later = pattern.match(text, start, end)
        if later is not None and (later.end() < end or kind not in _FRAGMENT_KINDS):
            return Token(TokenKind.MARKER, start, later.end(), 0, kind, marker_value(later.group("num")))
    return None


# Kinds whose marker alone on a line is a fragment of a wrapped line.
_FRAGMENT_KINDS = ("arabic", "cn")


def _unbalanced(diagnostics: list[Diagnostic], pos: int, why: str) -> None:
    diagnostics.append(Diagnostic(code="unbalanced-bracket", severity="warning", message=why, span=(pos, pos + 1)))
