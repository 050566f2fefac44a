"""The pipeline: text → normalize → tokenize → layout → tree → tasks/agencies → metadata → Document."""

from __future__ import annotations

from bisect import bisect_left

from .agencies import OwnerContext
from .headings import find_heading
from .layout import find_closing
from .lex import Token, tokenize
from .metadata import extract_metadata
from .models import Diagnostic, Document, Section, Source
from .normalize import normalize
from .tasks import find_owner_parens, split_tasks
from .tree import SectionNode, build_tree


def parse_text(text: str, *, source: Source | None = None) -> Document:
    """Parse the text of one notice into a Document.

    >>> doc = parse_text("一、重点任务\\n（一）加强监管。（市市场监管局牵头，市公安局配合）")
    >>> [(a.name, a.role) for a in doc.sections[0].children[0].tasks[0].agencies]
    [('市市场监管局', 'lead'), ('市公安局', 'participant')]
    """
    normalized = normalize(text)
    norm = normalized.text
    tokens, diagnostics = tokenize(norm)
    closing_start = find_closing(norm, tokens)
    roots, tree_diagnostics = build_tree(norm, tokens, closing_start)
    diagnostics.extend(tree_diagnostics)
    body_start = roots[0].marker_start if roots else closing_start
    metadata, header_end = extract_metadata(norm, body_start, closing_start)
    builder = _SectionBuilder(norm, tokens, diagnostics)
    builder.read_preamble(header_end, body_start)
    sections = [builder.build(node) for node in roots]
    diagnostics.sort(key=lambda d: (d.span or (0, 0))[0])
    return Document(
        source=source,
        metadata=metadata,
        preamble=norm[header_end:body_start].strip(),
        sections=sections,
        closing=norm[closing_start:].strip(),
        diagnostics=diagnostics,
        text=norm,
    )


class _SectionBuilder:
    """Turns SectionNodes into Section models, reading tasks in document order."""

    def __init__(self, text: str, tokens: list[Token], diagnostics: list[Diagnostic]) -> None:
        self.text = text
        self.tokens = tokens
        self.starts = [token.start for token in tokens]
        self.diagnostics = diagnostics
        self.context = OwnerContext()

    def _tokens(self, start: int, end: int) -> list[Token]:
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def read_preamble(self, start: int, end: int) -> None:
        """Aliases and conventions stated before the first section apply to all of it."""
        find_owner_parens(self.text, self._tokens(start, end), self.context, [])

    def build(self, node: SectionNode) -> Section:
        text = self.text
        parens = find_owner_parens(
            text, self._tokens(node.marker_end, node.own_end), self.context, self.diagnostics
        )
        line_end = text.find("\n", node.marker_end, node.own_end)
        line_end = node.own_end if line_end < 0 else line_end
        heading = find_heading(
            text, node.marker_end, node.own_end, any(p.token.start < line_end for p in parens)
        )
        body_start = heading.body_start
        if parens and parens[0].token.start <= body_start:
            body_start = node.marker_end  # 1.完善政策体系。/ 责任单位：…: the heading is the task
        tasks, task_diagnostics = split_tasks(text, body_start, parens, node.id)
        self.diagnostics.extend(task_diagnostics)
        return Section(
            id=node.id,
            level=node.level,
            kind=node.kind,
            marker=text[node.marker_start : node.marker_end].strip(),
            number=node.number,
            heading=heading.text,
            text=text[node.marker_end : node.own_end],
            tasks=tasks,
            children=[self.build(child) for child in node.children],
            span=(node.marker_start, node.end),
        )

