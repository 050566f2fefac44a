"""``dashuang-parse parse``: notices → Documents (or any stage's output), on standard
output or into files.

    parse FILE              the Document as JSON on standard output
    parse - < notice.txt    the same from standard input
    parse A B C             one JSON array of the Documents (``--jsonl``: one per line)
    parse A -o doc.json     into a file
    parse A B -o DIR/       into DIR, a JSON per input named after it (a.txt → a.txt.json)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..batch.names import Names
from ..core.deadline import deadline, memory_cap
from ..core.diagnostics import render_diagnostic
from ..core.errors import DashuangError, OutputError, os_error
from ..core.limits import Limits
from ..core.models import Source
from ..core.paths import check_file, display_name
from ..export.output import document_json
from ..pipeline import ParseState, parse_bytes, parse_file, run_stages
from ..read import read_bytes, read_file
from .common import limits_of, report, say, write_output

STDIN = "-"
# The name standard input is known by in messages and Source.path.
STDIN_NAME = "<stdin>"


def run_parse(args: argparse.Namespace) -> int:
    """Parse every FILE; report those that fail and go on; return the worst exit status."""
    limits = limits_of(args)
    folder = _folder(args.output, len(args.files))
    names = Names(set())
    out = _Stdout(args) if args.output is None else None
    status = 0
    # A deadline and a memory cap per file only when asked for: ``parse`` is the API on
    # the command line, and the API has neither (batch, for untrusted crawls, has both).
    given = dict(args.limit or ())
    seconds, memory = given.get("seconds", 0), int(given.get("memory_bytes", 0))
    for name in args.files:
        try:
            with deadline(seconds, display_name(name)), memory_cap(memory, display_name(name)):
                content = _render(name, args, limits)
        except DashuangError as exc:
            report(exc, args.debug)
            status = max(status, exc.exit_status)
            continue
        if out is not None:
            out.write(content)
            continue
        target = folder / names.output(names.key(_base(name))) if folder is not None else Path(args.output)
        write_output(target, content + "\n")
        say(args, f"wrote {display_name(target)}")
    if out is not None:
        out.close()
    return status


def _base(name: str) -> str:
    return "stdin" if name == STDIN else os.path.basename(os.path.normpath(name)) or "input"


def _folder(output: str | None, count: int) -> Path | None:
    """The folder ``-o`` names, or None when it names one file (or is not given): a folder
    when it ends with a slash, exists as one, or several FILEs are given."""
    if output is None:
        return None
    path = Path(output)
    wanted = output.endswith(("/", os.sep)) or path.is_dir() or count > 1
    if not wanted:
        return None
    if path.exists() and not path.is_dir():
        raise OutputError("is a file, but several inputs need a folder: name a folder for -o", path=output)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}", path=output) from exc
    return path


class _Stdout:
    """Documents on standard output: one as it is, several as one JSON array, or with
    ``--jsonl`` one per line — never JSON objects run together, which no reader takes."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.array = args.stage == "document" and not args.jsonl and len(args.files) > 1
        self.count = 0

    def write(self, content: str) -> None:
        if self.array:
            content = ("[\n" if self.count == 0 else ",\n") + content
        else:
            content += "\n"
        sys.stdout.write(content)
        self.count += 1

    def close(self) -> None:
        if self.array:
            sys.stdout.write("[]\n" if self.count == 0 else "\n]\n")
        sys.stdout.flush()


def _read_stdin(limits: Limits) -> bytes:
    try:
        return sys.stdin.buffer.read(limits.input_bytes + 1)
    except OSError as exc:
        raise os_error(exc, STDIN_NAME) from exc


def _render(name: str, args: argparse.Namespace, limits: Limits) -> str:
    compact = args.compact or args.jsonl
    if args.stage == "document":
        if name == STDIN:
            doc = parse_bytes(_read_stdin(limits), STDIN_NAME, limits=limits)
        else:
            doc = parse_file(name, limits=limits)
        return document_json(doc, compact=compact, include_text=not args.no_text)
    if name == STDIN:
        data = _read_stdin(limits)
        decoded = read_bytes(data, path=STDIN_NAME, limits=limits)
        source = Source(path=STDIN_NAME, format=decoded.format, encoding=decoded.encoding, sha256="-", size=len(data))
        text = decoded.text
    else:
        check_file(name)
        result = read_file(name, limits=limits)
        text, source = result.text, result.source
    state = run_stages(text, source=source, limits=limits, until=args.stage)
    return stage_output(state, args.stage, compact=compact)


def stage_output(state: ParseState, stage: str, *, compact: bool = False) -> str:
    """A stage's result as text: the text itself, a table of tokens or nodes, or JSON."""
    indent = None if compact else 2
    text = state.text
    if stage == "bound":
        return state.bounded + (f"\n[{state.cut}]" if state.cut else "")
    if stage == "normalize":
        return text
    if stage == "simplify":
        return state.view
    if stage in ("tokens", "markers"):
        lines = [
            f"{t.start:>6} {t.end:>6} {t.kind.value:<12} {t.section_kind or '':<12} {t.text(text)[:40]!r}"
            for t in state.tokens
        ]
        return "\n".join(lines + [render_diagnostic(d, text) for d in state.diagnostics])
    if stage == "closing":
        return json.dumps(
            {"closing_start": state.closing_start, "closing": text[state.closing_start :]},
            ensure_ascii=False,
            indent=indent,
        )
    if stage == "tree":
        lines = [
            f"{'  ' * (node.level - 1)}{node.id:<10} {node.kind:<12} {node.marker_start:>6} {node.end:>6} "
            f"{text[node.marker_start : node.own_end][:40]!r}"
            for root in state.roots
            for node in root.walk()
        ]
        return "\n".join(lines + [render_diagnostic(d, text) for d in state.diagnostics])
    if stage in ("metadata", "values"):
        assert state.metadata is not None
        return json.dumps(
            {"metadata": state.metadata.model_dump(mode="json"), "header_end": state.header_end},
            ensure_ascii=False,
            indent=indent,
        )
    # tasks: the sections with their tasks, then what reading them noticed
    sections = [section.model_dump(mode="json") for section in state.sections]
    lines = [json.dumps(sections, ensure_ascii=False, indent=indent)]
    return "\n".join(lines + [render_diagnostic(d, text) for d in state.diagnostics])
