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

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .core.diagnostics import cap_diagnostics
from .core.errors import InputTooLarge, os_error
from .core.limits import DEFAULT_LIMITS, Limits, bound_text
from .core.models import Diagnostic, Document, Metadata, Section, Source
from .core.paths import check_file, display_name
from .core.valuing import NO_VALUES, TaskValues
from .lex import Token, TokenKind, tokenize
from .metadata.extract import extract_metadata, restore_metadata
from .normalize import normalize_text
from .normalize.variants import simplified_view
from .read import read_bytes, read_file
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
    diagnostics = sorted((*state.diagnostics, *_structure(state)), key=lambda d: (d.span or (0, 0))[0])
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


def _structure(state: ParseState) -> list[Diagnostic]:
    """A ``no-structure`` warning for a text with no numbered section and no owner: not a
    notice of the kind this tool reads (a README, a config file), though it parsed."""
    if state.sections or any(d.code == "task-outside-sections" for d in state.diagnostics):
        return []
    message = "no numbered sections and no owners found: this may not be a notice"
    return [Diagnostic(code="no-structure", severity="warning", message=message, span=(0, 0))]


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

    A wrong type is a ``TypeError`` naming the argument:

    >>> parse_text(b"bytes")
    Traceback (most recent call last):
    ...
    TypeError: parse_text() argument 'text' must be str, not bytes (use parse_bytes for bytes)
    """
    _check_type("parse_text", "text", text, str, " (use parse_bytes for bytes)" if _is_bytes(text) else "")
    _check_type("parse_text", "source", source, (Source, type(None)), " (a dashuang_parse.Source, or None)")
    _check_type("parse_text", "limits", limits, Limits)
    document = run_stages(text, source=source, limits=limits).document
    assert document is not None
    return document


def parse_bytes(data: bytes, filename: str | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse the bytes of one notice file, in any format ``parse_file`` reads.

    ``filename`` is recorded as ``source.path`` and its extension breaks the ties the
    content leaves open (``.md``, ``.html``), as a file's would.

    >>> doc = parse_bytes("一、任务\\n（一）加强监管。（市公安局负责）".encode("gb18030"), "a.txt")
    >>> doc.source.path, doc.source.encoding, len(list(doc.iter_tasks()))
    ('a.txt', 'gb18030', 1)
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    _check_type("parse_bytes", "data", data, bytes, " (use parse_text for str)" if isinstance(data, str) else "")
    _check_type("parse_bytes", "filename", filename, (str, os.PathLike, type(None)))
    _check_type("parse_bytes", "limits", limits, Limits)
    name = display_name(filename) if filename is not None else None
    return parse_data(data, name, Path(name).suffix.lower() if name else "", limits)


def parse_data(data: bytes, path: str | None, suffix: str, limits: Limits) -> Document:
    """Decode and parse a file's bytes, recording ``path`` as its source; ``suffix`` breaks
    the ties the content leaves open. What ``parse_bytes``, a batch worker and the service
    share, without the checks of the public functions."""
    decoded = read_bytes(data, path=path, suffix=suffix, limits=limits)
    source = Source(
        path=path,
        format=decoded.format,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return parse_text(decoded.text, source=source, limits=limits)


def parse_file(path: str | os.PathLike[str] | IO[bytes], *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one notice file (.txt, .md, .html/.htm, .pdf, .docx; the content
    decides, the extension only breaks ties). ``path`` may also be a file object open for
    reading (bytes; a text-mode file is read as its characters).

    Raises a ``DashuangError`` subclass naming the file when it cannot be read: a missing
    file is ``FileNotFound``, a folder ``NotAFile``.
    """
    _check_type("parse_file", "limits", limits, Limits)
    if hasattr(path, "read"):
        return _parse_stream(path, limits)
    _check_type("parse_file", "path", path, (str, os.PathLike), " (a path or a file object)")
    name = display_name(os.fspath(path))
    check_file(path)
    result = read_file(Path(path), limits=limits)
    source = result.source
    if source.path != name:  # a name that is not UTF-8: recorded with its bytes as \xNN
        source = source.model_copy(update={"path": name})
    return parse_text(result.text, source=source, limits=limits)


def _parse_stream(stream: Any, limits: Limits) -> Document:
    name = getattr(stream, "name", None)
    name = name if isinstance(name, str) and not name.startswith("<") else None
    try:
        data = stream.read(limits.input_bytes + 1)
    except OSError as exc:
        raise os_error(exc, name) from exc
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"parse_file() argument 'path': read() returned {type(data).__name__}, not bytes")
    return parse_bytes(bytes(data), name, limits=limits)


def _is_bytes(value: object) -> bool:
    return isinstance(value, (bytes, bytearray, memoryview))


def _check_type(function: str, argument: str, value: object, kinds: type | tuple[type, ...], hint: str = "") -> None:
    """Raise ``TypeError`` naming ``argument`` when ``value`` is not of ``kinds``: a wrong
    call is told at the door, not by an AttributeError from deep inside."""
    if not isinstance(value, kinds):
        wanted = kinds if isinstance(kinds, tuple) else (kinds,)
        names = " or ".join(k.__name__ for k in wanted if k is not type(None))
        raise TypeError(f"{function}() argument {argument!r} must be {names}, not {type(value).__name__}{hint}")
