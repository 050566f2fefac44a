"""Tokens → the section tree, built with a stack keyed by marker rank.

Grammar (one marker per line start; ``kind`` ranks part > chapter > … > circled)::

    document := preamble section* closing
    section  := MARKER own_text section*      -- children rank below their parent

A marker closes every open section of its rank or below and opens a child of the nearest
open section ranked above it, so skipped levels need no special case. Ids are the numbers
as written along the path (（五） under 二、 is "2.5"). Numbering that runs on across
parents is accepted; gaps, repeats and numbers going backwards become diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.markers import KIND_RANK
from ..core.models import Diagnostic, SectionKind
from ..lex.tokens import Token, TokenKind


@dataclass
class SectionNode:
    """A section while the document is being built; spans index the normalized text."""

    kind: SectionKind
    number: int
    marker_start: int
    marker_end: int
    end: int = 0  # end of the section, children included
    own_end: int = 0  # end of the section's own text (first child's start, or ``end``)
    id: str = ""
    level: int = 1
    children: list[SectionNode] = field(default_factory=list)

    def walk(self):  # noqa: ANN201 - generator of SectionNode
        """This node and its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def build_tree(text: str, tokens: list[Token], body_end: int) -> tuple[list[SectionNode], list[Diagnostic]]:
    """Build the section tree from the MARKER tokens before ``body_end``.

    >>> from dashuang_parse.lex import tokenize
    >>> text = "一、任务\\n（五）监管\\n1.抽查"
    >>> roots, _ = build_tree(text, tokenize(text)[0], len(text))
    >>> [n.id for n in roots[0].walk()]
    ['1', '1.5', '1.5.1']
    """
    roots: list[SectionNode] = []
    stack: list[SectionNode] = []
    for token in tokens:
        if token.kind is not TokenKind.MARKER or token.start >= body_end:
            continue
        assert token.section_kind is not None and token.number is not None
        rank = KIND_RANK[token.section_kind]
        while stack and KIND_RANK[stack[-1].kind] >= rank:
            _close(stack.pop(), token.start, text)
        node = SectionNode(token.section_kind, token.number, token.start, token.end)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    while stack:
        _close(stack.pop(), body_end, text)
    diagnostics: list[Diagnostic] = []
    _number(roots, "", 1, diagnostics, _Ids(), {})
    return roots, diagnostics


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _close(node: SectionNode, end: int, text: str) -> None:
    node.end = _trim_end(text, node.marker_start, end)
    own = node.children[0].marker_start if node.children else node.end
    node.own_end = _trim_end(text, node.marker_end, own)


def _number(
    nodes: list[SectionNode],
    parent_id: str,  # the parent's path of numbers, without suffixes
    level: int,
    diagnostics: list[Diagnostic],
    used: _Ids,
    run_on: dict[SectionKind, int],
) -> None:
    """Give ids and levels; check each kind's numbering among siblings.

    ``run_on`` holds, per kind, the last number seen under the previous sibling of this
    list's parent, so （五） may continue （四） of the section before.
    """
    last: dict[SectionKind, SectionNode] = {}
    child_run_on: dict[SectionKind, int] = {}
    for node in nodes:
        previous = last.get(node.kind)
        expected = previous.number + 1 if previous else None
        if previous is None:
            if node.number not in (1, run_on.get(node.kind, 0) + 1):
                _diagnose(diagnostics, node, "numbering-gap", f"{node.kind} numbering starts at {node.number}")
        elif node.number == previous.number:
            _diagnose(diagnostics, node, "numbering-repeat", f"number {node.number} repeats")
        elif node.number < previous.number:
            _diagnose(diagnostics, node, "numbering-order", f"number {node.number} after {previous.number}")
        elif node.number != expected:
            _diagnose(diagnostics, node, "numbering-gap", f"number {node.number} after {previous.number}")
        last[node.kind] = node
        # The id is the path of numbers as written; only an id already taken gets a suffix
        # (a second document restarting at 一、 is "1~2", its （一） is "1.1" unless taken).
        path = f"{parent_id}.{node.number}" if parent_id else str(node.number)
        node.id = used.claim(path)
        node.level = level
        _number(node.children, path, level + 1, diagnostics, used, child_run_on)
        for child in node.children:
            child_run_on[child.kind] = child.number


class _Ids:
    """The ids given so far. A path taken again gets the next free copy number ("1~2",
    "1~3"…): the last one given per path is kept, so thirty thousand "一、" lines cost one
    step each, not a count from 1 each."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.copies: dict[str, int] = {}  # path → the last copy number tried for it

    def claim(self, base: str) -> str:
        """A free id for the path ``base``: ``base`` itself, else ``base~N``."""
        candidate, copy = base, self.copies.get(base, 1)
        if copy > 1:
            candidate = f"{base}~{copy}"
        while candidate in self.used:
            copy += 1
            candidate = f"{base}~{copy}"
        self.copies[base] = copy
        self.used.add(candidate)
        return candidate


def _diagnose(diagnostics: list[Diagnostic], node: SectionNode, code: str, message: str) -> None:
    diagnostics.append(
        Diagnostic(code=code, severity="warning", message=message, span=(node.marker_start, node.marker_end))
    )
