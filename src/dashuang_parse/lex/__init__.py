"""Lexing: the pattern table (rules), token types (tokens) and the lexer (tokenize)."""

from .lexer import tokenize
from .tokens import Token, TokenKind

__all__ = ["Token", "TokenKind", "tokenize"]
