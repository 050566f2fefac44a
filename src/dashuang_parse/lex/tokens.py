"""Token types of the lexer's flat stream."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..core.models import SectionKind


class TokenKind(enum.Enum):
    """What a token stands for."""

    LINE = "line"  # a line (paragraph) of the normalized text, without its newline
    MARKER = "marker"  # a section marker at the start of a line: 二、 （三） 1. （2） 第五条
    PAREN = "paren"  # a balanced （…） group; ``depth`` 0 is outermost
    CANDIDATE = "candidate"  # a marker elsewhere than at a line start: select.py decides
    OWNER_LINE = "owner_line"  # 责任单位：… on lines of its own (consecutive label lines are one)


class Token(NamedTuple):
    """One token; ``start``/``end`` are a half-open span of the normalized text.

    A named tuple rather than a dataclass: a notice makes thousands of tokens, and a tuple
    is built in half the time of a frozen dataclass.
    """

    kind: TokenKind
    start: int
    end: int
    depth: int = 0
    section_kind: SectionKind | None = None
    number: int | None = None

    def text(self, source: str) -> str:
        """The token's text, cut from the normalized text it was lexed from."""
        return source[self.start : self.end]
