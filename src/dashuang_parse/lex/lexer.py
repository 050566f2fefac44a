"""Normalized text → a flat token stream: lines, section markers, brackets, sentence ends.

The tree builder reads the markers, the task splitter reads brackets and sentence ends.
"""

from __future__ import annotations

from ..models import Diagnostic
from . import rules
from .numerals import marker_value
from .tokens import Token, TokenKind

# Deeper nesting than this is not a parenthetical any notice writes; the excess brackets are
# treated as unbalanced instead of growing the stack without bound.
# Nesting depth of brackets read as structure (Limits.bracket_depth); deeper ones are noise.
MAX_BRACKET_DEPTH = 32


def tokenize(text: str, *, max_depth: int = MAX_BRACKET_DEPTH) -> tuple[list[Token], list[Diagnostic]]:
    """Lex ``text`` (already normalized) into tokens in document order.

    >>> tokens, _ = tokenize("一、总体要求\\n（一）加强监管（市公安局负责）。")
    >>> [(t.kind.value, t.section_kind) for t in tokens if t.kind.value == "marker"]
    [('marker', 'cn'), ('marker', 'cn_paren')]
    """
    lexer = _Lexer(text, max_depth)
    for line in rules.LINE.finditer(text):
        lexer.line(line.start(), line.end())
    lexer.tokens.sort(key=lambda t: (t.start, _ORDER[t.kind], -t.end))
    return lexer.tokens, lexer.diagnostics


class _Lexer:
    """Line-by-line state: an attachment list in progress, the owner line before."""

    def __init__(self, text: str, max_depth: int = MAX_BRACKET_DEPTH) -> None:
        self.text = text
        self.max_depth = max_depth
        self.tokens: list[Token] = []
        self.diagnostics: list[Diagnostic] = []
        self.in_attachments = False
        self.owner_line_at: int | None = None  # index in tokens of the last owner line

    def line(self, start: int, end: int) -> None:
        content = self.text[start:end]
        self.tokens.append(Token(TokenKind.LINE, start, end))
        self._marker(content, start, end)
        self._owner_line(content, start, end)
        _lex_inline(self.text, start, end, self.tokens, self.diagnostics, self.max_depth)

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

    def _owner_line(self, content: str, start: int, end: int) -> None:
        # The list without the line's final 。:  责任单位：市发展改革委。
        end -= content.endswith("。")
        if rules.OWNER_LINE.match(content):
            previous = self.tokens[self.owner_line_at] if self.owner_line_at is not None else None
            if previous is not None and previous.end in (start - 1, start - 2):
                # 牵头单位：… / 配合单位：… on two lines: one owner list.
                self.tokens[self.owner_line_at] = Token(TokenKind.OWNER_LINE, previous.start, end)
                return
            self.owner_line_at = len(self.tokens)
            self.tokens.append(Token(TokenKind.OWNER_LINE, start, end))
        elif inline := rules.INLINE_OWNER_LABEL.search(content):
            # …。责任单位：市发展改革委 — owners after the statement, on its line.
            self.tokens.append(Token(TokenKind.OWNER_LINE, start + inline.end(), end))


_ORDER = {
    TokenKind.LINE: 0,
    TokenKind.MARKER: 1,
    TokenKind.OWNER_LINE: 2,
    TokenKind.PAREN: 3,
    TokenKind.SENTENCE_END: 4,
}


def _match_marker(text: str, start: int, end: int) -> Token | None:
    match = rules.ANY_MARKER.match(text, start, end)
    if match is None:
        return None
    rank = rules.marker_rank(match)
    for kind, pattern in rules.MARKER_RULES[rank:]:
        if kind != rules.MARKER_RULES[rank][0]:
            match = pattern.match(text, start, end)  # the rule before was passed over
            if match is None:
                continue
        if match.end() == end and kind in ("arabic", "cn"):
            continue  # a bare "3." or "二、" line is a wrapped fragment, not a section
        return Token(
            TokenKind.MARKER,
            start,
            match.end(),
            section_kind=kind,
            number=marker_value(match.group("num")),
        )
    return None


def _lex_inline(
    text: str, start: int, end: int, tokens: list[Token], diagnostics: list[Diagnostic], max_depth: int
) -> None:
    """Brackets (each kind balanced on its own, within the line) and sentence ends.

    Round brackets （…） hold owners and glosses; 【…】 and 〔…〕 are lexed too, because
    some notices print owner lists in them (【责任单位：市公安局】).
    """
    stacks: dict[str, list[int]] = {opening: [] for opening in rules.BRACKET_PAIRS.values()}
    for match in rules.INLINE.finditer(text, start, end):
        ch = match.group()
        pos = match.start()
        if ch in stacks:
            if len(stacks[ch]) >= max_depth:
                _unbalanced(diagnostics, pos, "bracket nesting too deep")
                continue
            stacks[ch].append(pos)
        elif ch in rules.BRACKET_PAIRS:
            stack = stacks[rules.BRACKET_PAIRS[ch]]
            if not stack:
                _unbalanced(diagnostics, pos, "closing bracket without an opening one")
                continue
            open_at = stack.pop()
            tokens.append(Token(TokenKind.PAREN, open_at, pos + 1, depth=len(stack)))
        else:
            depth = len(stacks[rules.OPEN_BRACKET])
            tokens.append(Token(TokenKind.SENTENCE_END, pos, pos + 1, depth=depth))
    for stack in stacks.values():
        for open_at in stack:
            _unbalanced(diagnostics, open_at, "opening bracket never closed in its paragraph")


def _unbalanced(diagnostics: list[Diagnostic], pos: int, why: str) -> None:
    diagnostics.append(
        Diagnostic(code="unbalanced-bracket", severity="warning", message=why, span=(pos, pos + 1))
    )
