"""The section tree → Section models: each section's heading, and its tasks with their owners.

Owner lists are read in document order, the preamble first: an alias or a convention
(列第一位者为牵头部门) stated once applies to every later list.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from ..core.models import Diagnostic, Section
from ..core.valuing import NO_VALUES, TaskValues
from ..lex.tokens import Token
from ..owners.grammar import OwnerContext
from ..tree.build import SectionNode
from ..tree.headings import find_heading
from .split import find_owner_parens, split_tasks


def build_sections(
    text: str,
    view: str,
    tokens: list[Token],
    roots: list[SectionNode],
    preamble: tuple[int, int],
    values: TaskValues = NO_VALUES,
) -> tuple[list[Section], list[Diagnostic]]:
    """Section models of ``roots``, with their tasks, and the diagnostics reading them gave.

    ``view`` is what patterns match (the simplified view of ``text``, same offsets); every
    string comes from ``text``. ``preamble`` is the span read first for aliases. ``values``
    gives each task its deadline and each owner its canonical name and jurisdiction.

    >>> from dashuang_parse.lex import tokenize
    >>> from dashuang_parse.tree.build import build_tree
    >>> text = "一、任务\\n（一）加强监管。（市公安局负责）"
    >>> tokens = tokenize(text)[0]
    >>> sections, _ = build_sections(text, text, tokens, build_tree(text, tokens, len(text))[0], (0, 0))
    >>> [t.agencies[0].name for t in sections[0].children[0].tasks]
    ['市公安局']
    """
    builder = _SectionBuilder(text, view, tokens, values)
    builder.read_preamble(*preamble)
    return [builder.build(node) for node in roots], builder.diagnostics


class _SectionBuilder:
    """Turns SectionNodes into Section models, reading tasks in document order."""

    def __init__(self, text: str, view: str, tokens: list[Token], values: TaskValues) -> None:
        self.text = text
        self.view = view
        self.tokens = tokens
        self.starts = [token.start for token in tokens]
        self.diagnostics: list[Diagnostic] = []
        self.context = OwnerContext(values=values)
        self.values = values

    def _tokens(self, start: int, end: int) -> list[Token]:
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def read_preamble(self, start: int, end: int) -> None:
        """Aliases and conventions stated before the first section apply to all of it.

        A statement with owners there is a task no section holds (the contract has no place
        for it): it is reported, not silently dropped."""
        for paren in find_owner_parens(self.view, self._tokens(start, end), self.context, [], self.text):
            if paren.owners.has_role_words and paren.owners.owners:
                token = paren.token
                self.diagnostics.append(
                    Diagnostic(
                        code="task-outside-sections",
                        severity="warning",
                        message="owners named before the first numbered section; no section holds their task: "
                        + self.text[token.start : token.end][:80],
                        span=(token.start, token.end),
                    )
                )

    def build(self, node: SectionNode) -> Section:
        """The Section model of ``node`` and its children, in document order."""
        text, view = self.text, self.view
        parens = find_owner_parens(
            view, self._tokens(node.marker_end, node.own_end), self.context, self.diagnostics, text
        )
        line_end = view.find("\n", node.marker_end, node.own_end)
        line_end = node.own_end if line_end < 0 else line_end
        heading = find_heading(view, node.marker_end, node.own_end, any(p.token.start < line_end for p in parens))
        body_start = heading.body_start
        if parens and _only_glosses(view, body_start, parens[0].token.start):
            # 1.完善政策体系。/ 责任单位：…  35．配合…工作。/ （0.25分）（牵头考核单位：…）:
            # nothing but the owners (and a gloss) after the heading line: the heading is the task
            body_start = node.marker_end
        tasks, task_diagnostics = split_tasks(text, body_start, parens, node.id, self.values)
        self.diagnostics.extend(task_diagnostics)
        return Section(
            id=node.id,
            level=node.level,
            kind=node.kind,
            marker=text[node.marker_start : node.marker_end].strip(),
            number=node.number,
            heading=heading.text and text[node.marker_end : node.marker_end + len(heading.text)],
            text=text[node.marker_end : node.own_end],
            tasks=tasks,
            children=[self.build(child) for child in node.children],
            span=(node.marker_start, node.end),
        )


# A parenthetical that is no statement (a score, a note) between a heading and its owners:
#   （0.25分）
_GLOSS = regex.compile(r"（[^（）\n]*）")


def _only_glosses(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` holds no statement: only parentheticals and punctuation."""
    return start >= end or not _GLOSS.sub("", view[start:end]).strip(" \n。；，")
