"""The pipeline: text → normalize → tokenize → layout → tree → tasks/agencies → metadata → Document."""

from __future__ import annotations

from bisect import bisect_left
from functools import partial
from pathlib import Path

from .agencies import OwnerContext
from .diagnostics import cap_diagnostics
from .errors import InputTooLarge
from .headings import find_heading
from .layout import find_closing
from .lex import Token, TokenKind, tokenize
from .limits import DEFAULT_LIMITS, Limits, bound_text
from .metadata import extract_metadata
from .models import Diagnostic, Document, Metadata, Reference, Section, Source
from .normalize import normalize_text
from .read import read_file
from .select import fill_gaps, select_markers
from .tasks import find_owner_parens, split_tasks
from .tree import SectionNode, build_tree
from .variants import restore, simplified_view


def parse_text(text: str, *, source: Source | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse the text of one notice into a Document.

    Problems in the notice (unbalanced brackets, numbering gaps, an owner list that cannot
    be read, a text cut at ``limits.text_chars``) become ``diagnostics``; only a notice over
    a hard limit (a line over ``limits.line_chars``, more than ``limits.sections``
    sections) raises ``InputTooLarge``.

    >>> doc = parse_text("一、重点任务\\n（一）加强监管。（市市场监管局牵头，市公安局配合）")
    >>> [(a.name, a.role) for a in doc.sections[0].children[0].tasks[0].agencies]
    [('市市场监管局', 'lead'), ('市公安局', 'participant')]
    """
    path = source.path if source is not None else None
    text, cut = bound_text(text, limits, path)
    norm = normalize_text(text)
    # Patterns match a simplified view (same offsets); output strings come from ``norm``.
    view = simplified_view(norm)
    tokens, diagnostics = tokenize(view, max_depth=limits.bracket_depth)
    tokens = fill_gaps(view, select_markers(view, tokens))
    markers = sum(1 for token in tokens if token.kind is TokenKind.MARKER)
    if markers > limits.sections:
        raise InputTooLarge(f"{markers} section markers, over the limit of {limits.sections}", path=path)
    if cut is not None:
        end = (len(norm), len(norm))
        diagnostics.append(Diagnostic(code="text-truncated", severity="error", message=cut, span=end))
    closing_start = find_closing(view, tokens)
    roots, tree_diagnostics = build_tree(view, tokens, closing_start)
    diagnostics.extend(tree_diagnostics)
    body_start = roots[0].marker_start if roots else closing_start
    metadata, header_end = extract_metadata(view, body_start, closing_start)
    builder = _SectionBuilder(norm, view, tokens, diagnostics)
    builder.read_preamble(header_end, body_start)
    sections = [builder.build(node) for node in roots]
    diagnostics.sort(key=lambda d: (d.span or (0, 0))[0])
    return Document(
        source=source,
        metadata=_restore_metadata(metadata, view, norm),
        preamble=norm[header_end:body_start].strip(),
        sections=sections,
        closing=norm[closing_start:].strip(),
        diagnostics=cap_diagnostics(diagnostics),
        text=norm,
    )


def parse_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one notice file (.txt, .md, .html/.htm, .pdf, .docx; the content
    decides, the extension only breaks ties).

    Raises a ``DashuangError`` subclass naming the file when it cannot be read.
    """
    result = read_file(path, limits=limits)
    return parse_text(result.text, source=result.source, limits=limits)


def _restore_metadata(metadata: Metadata, view: str, text: str) -> Metadata:
    if view == text:
        return metadata
    back = partial(restore, view=view, original=text)
    strings = {
        key: back(value)
        for key in ("title", "notice_title", "doc_number", "issuer", "index_number")
        if (value := getattr(metadata, key)) is not None
    }
    return metadata.model_copy(
        update={
            **strings,
            "recipients": [back(r) for r in metadata.recipients],
            "references": [
                Reference(title=back(r.title), doc_number=r.doc_number and back(r.doc_number))
                for r in metadata.references
            ],
        }
    )


class _SectionBuilder:
    """Turns SectionNodes into Section models, reading tasks in document order."""

    def __init__(self, text: str, view: str, tokens: list[Token], diagnostics: list[Diagnostic]) -> None:
        self.text = text
        self.view = view
        self.tokens = tokens
        self.starts = [token.start for token in tokens]
        self.diagnostics = diagnostics
        self.context = OwnerContext()

    def _tokens(self, start: int, end: int) -> list[Token]:
        return self.tokens[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def read_preamble(self, start: int, end: int) -> None:
        """Aliases and conventions stated before the first section apply to all of it."""
        find_owner_parens(self.view, self._tokens(start, end), self.context, [], self.text)

    def build(self, node: SectionNode) -> Section:
        text, view = self.text, self.view
        parens = find_owner_parens(
            view, self._tokens(node.marker_end, node.own_end), self.context, self.diagnostics, text
        )
        line_end = view.find("\n", node.marker_end, node.own_end)
        line_end = node.own_end if line_end < 0 else line_end
        heading = find_heading(
            view, node.marker_end, node.own_end, any(p.token.start < line_end for p in parens)
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
            heading=heading.text and text[node.marker_end : node.marker_end + len(heading.text)],
            text=text[node.marker_end : node.own_end],
            tasks=tasks,
            children=[self.build(child) for child in node.children],
            span=(node.marker_start, node.end),
        )

