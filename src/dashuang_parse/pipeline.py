"""The pipeline as data: an ordered list of named stages, and ``parse_text`` running it.

Each stage is a function from the ``ParseState`` the stages before it left to a new state
with its own result filled in (markdown-it's core chain is the model). ``parse_text`` runs
them all; the CLI's ``--stage NAME`` runs them up to NAME and prints that stage's result;
bench/stages.py times each by running the same list.

    bound     text within the limits (cut at ``text_chars``, refused over ``line_chars``)
    normalize widths, spaces, boilerplate, wrapped lines (normalize/)
    simplify  the simplified view patterns match, same offsets (normalize/variants.py)
    tokens    lines, marker candidates, owner lines, brackets (lex/)
    markers   the candidates that form numbering runs (tree/select.py)
    closing   where the numbered body ends (tree/closing.py)
    tree      the section tree and its numbering checks (tree/build.py)
    metadata  header and closing → Metadata (metadata/)
    values    the notice's place and year → 1.1 metadata values, and what tasks ask (values/)
    tasks     sections with headings and tasks, owners read (tasks/, owners/)
    document  the Document model, diagnostics sorted and capped

>>> state = run_stages("一、重点任务\\n（一）加强监管。（市公安局负责）", until="tree")
>>> [node.id for node in state.roots[0].walk()]
['1', '1.1']
>>> STAGE_NAMES[-1]
'document'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .core.diagnostics import cap_diagnostics
from .core.errors import InputTooLarge
from .core.limits import DEFAULT_LIMITS, Limits, bound_text
from .core.models import Diagnostic, Document, Metadata, Section, Source
from .core.valuing import NO_VALUES, TaskValues
from .lex import Token, TokenKind, tokenize
from .metadata.extract import extract_metadata, restore_metadata
from .normalize import normalize_text
from .normalize.variants import simplified_view
from .read import read_file
from .tasks.sections import build_sections
from .tree.build import SectionNode, build_tree
from .tree.closing import find_closing
from .tree.select import fill_gaps, select_markers
from .values import notice_values


@dataclass(frozen=True)
class ParseState:
    """What the stages have made so far; each stage fills in its own fields.

    All spans index ``text`` (the normalized text) and ``view`` alike.
    """

    raw: str  # the text given to parse_text
    source: Source | None = None
    limits: Limits = DEFAULT_LIMITS
    bounded: str = ""  # bound: the text within the limits
    cut: str | None = None  # bound: what was cut, if anything
    text: str = ""  # normalize: the normalized text every span indexes
    view: str = ""  # simplify: the text patterns match (simplified characters)
    tokens: list[Token] = field(default_factory=list)  # tokens
    diagnostics: tuple[Diagnostic, ...] = ()  # every stage's, in the order found
    closing_start: int = 0  # closing
    roots: list[SectionNode] = field(default_factory=list)  # tree
    body_start: int = 0  # tree: where the first section starts
    metadata: Metadata | None = None  # metadata
    header_end: int = 0  # metadata: where the preamble begins
    values: TaskValues = NO_VALUES  # values: what the tasks stage asks for deadlines and owners
    sections: list[Section] = field(default_factory=list)  # tasks
    document: Document | None = None  # document

    @property
    def path(self) -> str | None:
        """The input's file name, for errors."""
        return self.source.path if self.source is not None else None


# Formats whose lines are the file's own (the readers of the others make the lines).
_OWN_LINES = frozenset({"text", "markdown"})


def _bound(state: ParseState) -> ParseState:
    own_lines = state.source is None or state.source.format in _OWN_LINES
    bounded, cut = bound_text(state.raw, state.limits, state.path, own_lines=own_lines)
    return replace(state, bounded=bounded, cut=cut)


def _normalize(state: ParseState) -> ParseState:
    return replace(state, text=normalize_text(state.bounded))


def _simplify(state: ParseState) -> ParseState:
    # Patterns match a simplified view (same offsets); output strings come from ``text``.
    return replace(state, view=simplified_view(state.text))


def _tokens(state: ParseState) -> ParseState:
    try:
        tokens, diagnostics = tokenize(
            state.view, max_depth=state.limits.bracket_depth, max_sections=state.limits.sections
        )
    except InputTooLarge as exc:
        raise InputTooLarge(exc.message, path=state.path) from None
    if state.cut is not None:
        end = (len(state.text), len(state.text))
        diagnostics.append(Diagnostic(code="text-truncated", severity="error", message=state.cut, span=end))
    return replace(state, tokens=tokens, diagnostics=(*state.diagnostics, *diagnostics))


def _markers(state: ParseState) -> ParseState:
    # The lexer proposes markers anywhere; numbering decides which are sections.
    tokens = fill_gaps(state.view, select_markers(state.view, state.tokens))
    markers = sum(1 for token in tokens if token.kind is TokenKind.MARKER)
    if markers > state.limits.sections:
        message = f"{markers} section markers, over the limit of {state.limits.sections} (limit sections)"
        raise InputTooLarge(message, path=state.path)
    return replace(state, tokens=tokens)


def _closing(state: ParseState) -> ParseState:
    return replace(state, closing_start=find_closing(state.view, state.tokens))


def _tree(state: ParseState) -> ParseState:
    roots, diagnostics = build_tree(state.view, state.tokens, state.closing_start)
    body_start = roots[0].marker_start if roots else state.closing_start
    return replace(state, roots=roots, body_start=body_start, diagnostics=(*state.diagnostics, *diagnostics))


def _metadata(state: ParseState) -> ParseState:
    metadata, header_end = extract_metadata(state.view, state.body_start, state.closing_start)
    return replace(state, metadata=restore_metadata(metadata, state.view, state.text), header_end=header_end)


def _values(state: ParseState) -> ParseState:
    metadata, values = notice_values(state.metadata or Metadata())
    return replace(state, metadata=metadata, values=values)


def _tasks(state: ParseState) -> ParseState:
    preamble = (state.header_end, state.body_start)
    sections, diagnostics = build_sections(state.text, state.view, state.tokens, state.roots, preamble, state.values)
    return replace(state, sections=sections, diagnostics=(*state.diagnostics, *diagnostics))


def _document(state: ParseState) -> ParseState:
    text = state.text
    diagnostics = sorted(state.diagnostics, key=lambda d: (d.span or (0, 0))[0])
    document = Document(
        source=state.source,
        metadata=state.metadata or Metadata(),
        preamble=text[state.header_end : state.body_start].strip(),
        sections=state.sections,
        closing=text[state.closing_start :].strip(),
        diagnostics=cap_diagnostics(diagnostics),
        text=text,
    )
    return replace(state, document=document)


Stage = Callable[[ParseState], ParseState]

# THE STAGE LIST: the order data flows in. Add, remove or reorder stages here only.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("bound", _bound),
    ("normalize", _normalize),
    ("simplify", _simplify),
    ("tokens", _tokens),
    ("markers", _markers),
    ("closing", _closing),
    ("tree", _tree),
    ("metadata", _metadata),
    ("values", _values),  # before tasks: they are built with their deadlines and owner values
    ("tasks", _tasks),
    ("document", _document),
)
STAGE_NAMES: tuple[str, ...] = tuple(name for name, _ in STAGES)


def run_stages(
    text: str, *, source: Source | None = None, limits: Limits = DEFAULT_LIMITS, until: str = "document"
) -> ParseState:
    """Run the stages in order up to and including ``until``; the state they leave."""
    if until not in STAGE_NAMES:
        raise ValueError(f"unknown stage {until!r}; choose from {', '.join(STAGE_NAMES)}")
    state = ParseState(raw=text, source=source, limits=limits)
    for name, stage in STAGES:
        state = stage(state)
        if name == until:
            break
    return state


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
    document = run_stages(text, source=source, limits=limits).document
    assert document is not None
    return document


def parse_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one notice file (.txt, .md, .html/.htm, .pdf, .docx; the content
    decides, the extension only breaks ties).

    Raises a ``DashuangError`` subclass naming the file when it cannot be read.
    """
    result = read_file(path, limits=limits)
    return parse_text(result.text, source=result.source, limits=limits)
