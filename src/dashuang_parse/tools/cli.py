"""The command-line tool: a thin layer over the public API.

    dashuang-parse parse FILE... [-o OUT] [--compact] [--no-text] [--stage STAGE]
    dashuang-parse schema [-o FILE] [--check]
    dashuang-parse eval [CORPUS_DIR] [--json] [--details]
    dashuang-parse batch INPUT... -o OUTDIR [--jobs N] [--format json,jsonl,csv,xlsx] [--resume]
    dashuang-parse agencies DOCS... [--format table|json|csv] [-o FILE]
    dashuang-parse serve [--host 127.0.0.1] [--port 8000] [--workers N] [--queue N] [--limit NAME=VALUE]

Exit status: 0 on success; for bad input the status of the error's class (see
docs/cli.md); 2 for wrong usage; 1 when eval finds a gold file it cannot read.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from .. import __version__
from ..batch import FORMATS, Progress, convert
from ..batch.inputs import NOTICE_SUFFIXES, count_items
from ..core.diagnostics import render_diagnostic
from ..core.errors import DashuangError, UnsupportedFormat
from ..core.limits import DEFAULT_LIMITS, Limits, parse_limit
from ..core.models import Document
from ..export.agency_index import build_index, format_index, index_rows
from ..export.output import document_json, write_atomic
from ..pipeline import STAGE_NAMES, ParseState, parse_file, run_stages
from ..read import read_file
from .evaluation import evaluate_corpus, format_table
from .schema import schema_json
from .serve_command import add_serve_command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool with ``argv`` (default: the process arguments); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except DashuangError as exc:
        _report(exc, args.debug)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dashuang-parse",
        description="Parse Chinese government policy notices into structured task trees (JSON).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse notice files into JSON Documents")
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="output file (one input) or folder (several); default: standard output",
    )
    parse.add_argument("--compact", action="store_true", help="one line of JSON per document")
    parse.add_argument("--no-text", action="store_true", help="leave the normalized text out")
    parse.add_argument(
        "--stage",
        choices=STAGE_NAMES,
        default="document",
        help="run the pipeline up to STAGE and print its result instead of the Document",
    )
    _add_limit_option(parse)
    parse.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parse.set_defaults(run=_run_parse)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE")
    schema.add_argument(
        "--check", type=Path, metavar="FILE", help="exit 1 if FILE differs from the schema the models give"
    )
    schema.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    schema.set_defaults(run=_run_schema)

    evaluate = commands.add_parser("eval", help="score the parser against a gold corpus")
    evaluate.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"), metavar="CORPUS_DIR")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--details", action="store_true", help="list every difference from the gold")
    evaluate.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    evaluate.set_defaults(run=_run_eval)

    batch = commands.add_parser(
        "batch",
        help="convert folders, zip/tar archives and list files of notices",
        description="Convert every notice in the INPUTs; one bad file never stops the batch.",
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="INPUT",
        help="a folder (recursive), a zip or tar(.gz) archive, a list file (.lst) or a notice",
    )
    batch.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR", help="output folder")
    batch.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    batch.add_argument(
        "--format",
        type=_formats,
        default=("json", "jsonl"),
        metavar="LIST",
        help=f"comma-separated outputs among {','.join(FORMATS)} (default: json,jsonl)",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="skip inputs the manifest in OUTDIR records as converted, with the same sha256",
    )
    batch.add_argument("--no-text", action="store_true", help="leave the normalized text out of each JSON")
    batch.add_argument("--quiet", action="store_true", help="no progress output")
    _add_limit_option(batch)
    batch.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    batch.set_defaults(run=_run_batch)

    agencies = commands.add_parser(
        "agencies",
        help="index agencies across documents: tasks each leads, joins, is responsible for",
    )
    agencies.add_argument(
        "docs",
        nargs="+",
        type=Path,
        metavar="DOCS",
        help="Document JSON files, folders of them (e.g. a batch OUTDIR) or notices",
    )
    agencies.add_argument("--format", choices=("table", "json", "csv"), default="table")
    agencies.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    _add_limit_option(agencies)
    agencies.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    agencies.set_defaults(run=_run_agencies)
    add_serve_command(commands, _add_limit_option)
    return parser


def _add_limit_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--limit",
        action="append",
        type=_limit,
        default=[],
        metavar="NAME=VALUE",
        help="change a limit, e.g. --limit input_bytes=200M --limit seconds=30 (see docs/limits.md)",
    )


def _limit(value: str) -> tuple[str, float]:
    try:
        return parse_limit(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(**{**DEFAULT_LIMITS.__dict__, **dict(args.limit)}) if args.limit else DEFAULT_LIMITS


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(FORMATS)}")
    return chosen


def _report(exc: DashuangError, debug: bool) -> None:
    print(f"dashuang-parse: {exc}", file=sys.stderr)
    if debug:
        traceback.print_exception(exc)


def _run_parse(args: argparse.Namespace) -> int:
    many = len(args.files) > 1 or (args.output is not None and args.output.is_dir())
    status = 0
    for path in args.files:
        try:
            content = _render(path, args)
        except DashuangError as exc:
            _report(exc, args.debug)
            status = max(status, exc.exit_status)
            continue
        if args.output is None:
            sys.stdout.write(content + "\n")
        elif many:
            write_atomic(args.output / f"{path.stem}.json", content + "\n")
        else:
            write_atomic(args.output, content + "\n")
    return status


def _render(path: Path, args: argparse.Namespace) -> str:
    if args.stage == "document":
        return document_json(
            parse_file(path, limits=_limits(args)), compact=args.compact, include_text=not args.no_text
        )
    limits = _limits(args)
    result = read_file(path, limits=limits)
    state = run_stages(result.text, source=result.source, limits=limits, until=args.stage)
    return _stage_output(state, args.stage, compact=args.compact)


def _stage_output(state: ParseState, stage: str, *, compact: bool = False) -> str:
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


def _run_schema(args: argparse.Namespace) -> int:
    text = schema_json()
    if args.check is not None:
        try:
            current = args.check.read_text(encoding="utf-8")
        except OSError as exc:
            raise DashuangError(f"cannot read schema: {exc.strerror}", path=str(args.check)) from exc
        if current != text:
            print(f"{args.check} is stale: run `dashuang-parse schema -o {args.check}`", file=sys.stderr)
            return 1
        return 0
    if args.output is not None:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    if not args.corpus.is_dir():
        raise DashuangError("not a folder", path=str(args.corpus))
    report, errors = evaluate_corpus(args.corpus, parse_file)
    for error in errors:
        _report(error, args.debug)
    if not report.notices:
        raise DashuangError("no readable *.gold.json files in the folder", path=str(args.corpus))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_table(report))
    if args.details:
        for notice in report.notices:
            if notice.differences:
                print(f"\n{notice.doc}")
                print("\n".join(f"  {line}" for line in notice.differences))
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    progress = None if args.quiet else Progress(total=count_items(args.inputs))
    failures = 0
    outcomes = convert(
        args.inputs,
        args.output,
        jobs=args.jobs,
        formats=args.format,
        resume=args.resume,
        include_text=not args.no_text,
        progress=progress,
        limits=_limits(args),
    )
    for outcome in outcomes:
        failures += not outcome.ok
    print(f"dashuang-parse: wrote {args.output}; {failures} input(s) failed (see manifest.json)", file=sys.stderr)
    return _PARTIAL if failures else 0


# Exit status of a batch that finished with some inputs failed (each is in the manifest).
_PARTIAL = 15


def _run_agencies(args: argparse.Namespace) -> int:
    documents = []
    status = 0
    for path in _document_paths(args.docs):
        try:
            documents.append((str(path), _load_document(path, _limits(args))))
        except DashuangError as exc:
            _report(exc, args.debug)
            status = max(status, exc.exit_status)
    index = build_index(documents)
    if args.format == "json":
        text = json.dumps([entry.to_dict() for entry in index.values()], ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(index_rows(index))
        text = buffer.getvalue()
    else:
        text = format_index(index) + "\n"
    if args.output is not None:
        # A BOM lets spreadsheet programs open a Chinese CSV file as UTF-8.
        write_atomic(args.output, ("\ufeff" if args.format == "csv" else "") + text)
    else:
        sys.stdout.write(text)
    return status


# Batch outputs and gold annotations in a folder of JSON files: not Documents.
_NOT_DOCUMENTS = ("manifest.json", ".gold.json")


def _document_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The files the agency index reads: files as given; in folders, Document JSONs and notices."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for found in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if found.name.endswith(_NOT_DOCUMENTS):
                continue
            if found.suffix.lower() == ".json" or found.suffix.lower() in NOTICE_SUFFIXES - {""}:
                yield found


def _load_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """A Document from its JSON (as ``parse``/``batch`` write it) or by parsing a notice."""
    if path.suffix.lower() != ".json":
        return parse_file(path, limits=limits)
    try:
        return Document.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise DashuangError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from exc
    except ValidationError as exc:
        raise UnsupportedFormat(f"not a Document JSON ({exc.error_count()} schema error(s))", path=str(path)) from exc
