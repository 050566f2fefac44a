"""The command-line tool: a thin layer over the public API.

    dashuang-parse parse FILE... [-o OUT] [--compact] [--jsonl] [--no-text] [--stage STAGE]
    dashuang-parse schema [-o FILE] [--check]
    dashuang-parse eval [CORPUS_DIR] [--json] [--details]
    dashuang-parse batch INPUT... -o OUTDIR [--jobs N] [--format json,jsonl,csv,xlsx,html] [--resume|--overwrite]
    dashuang-parse agencies DOCS... [--format table|json|csv] [--merge-successors] [-o FILE]
    dashuang-parse view FILE... [-o OUT]
    dashuang-parse show FILE [--full] [--width N]
    dashuang-parse serve [--host 127.0.0.1] [--port 8000] [--workers N] [--queue N] [--limit NAME=VALUE]

Exit status: 0 on success; for bad input the status of the error's class; 2 for wrong
usage; 15/16 for a batch that failed/skipped inputs (the table is in docs/limits.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from .. import __version__
from ..batch import FORMATS
from ..batch.inputs import NOTICE_SUFFIXES
from ..core.errors import DashuangError, OutputError, UnsupportedFormat, os_error
from ..core.limits import DEFAULT_LIMITS, Limits, parse_limit
from ..core.models import Document
from ..core.paths import display_name
from ..export.agency_index import build_index, format_index, index_from_rows, index_rows
from ..export.html_archive import ARCHIVE_PAGE, page_name, render_archive
from ..export.html_page import render_page
from ..export.output import write_atomic
from ..export.rows import document_row, task_rows
from ..export.summary import summarize
from ..pipeline import STAGE_NAMES, parse_file
from .batch_command import TERMINATED, Terminated, run_batch
from .common import limits_of, write_output
from .common import report as _report
from .evaluation import evaluate_corpus, format_table
from .parse_command import run_parse
from .schema import schema_json
from .serve_command import add_serve_command

# Exit status when interrupted by Ctrl-C (128 + SIGINT), and when standard output is closed.
_INTERRUPTED = 130
_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool with ``argv`` (default: the process arguments); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "batch":
        missing = [path for path in args.inputs if not os.path.lexists(path)]
        if missing:
            parser.error(f"batch: no such INPUT: {', '.join(display_name(p) for p in missing)}")
    try:
        return int(args.run(args))
    except DashuangError as exc:
        _report(exc, args.debug)
        return exc.exit_status
    except BrokenPipeError:
        # A reader that stopped early (| head): not an error of ours; keep Python quiet at exit.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return _BROKEN_PIPE
    except OSError as exc:  # a write no command wrapped: still the machine's fault, said in one line
        where = display_name(exc.filename) if isinstance(exc.filename, str) else None
        error = OutputError(os_error(exc, where, "cannot write").message, path=where)
        _report(error, args.debug)
        return error.exit_status
    except KeyboardInterrupt as exc:
        return TERMINATED if isinstance(exc, Terminated) else _INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dashuang-parse",
        description="Parse Chinese government policy notices into structured task trees (JSON).",
    )
    parser.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="say more (-vv: more still)")
    commands = parser.add_subparsers(dest="command", required=True)

    parse = commands.add_parser("parse", help="parse notice files into JSON Documents")
    parse.add_argument("files", nargs="+", metavar="FILE", help="a notice file, or - for standard input")
    parse.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (one input) or folder (several, or a name ending in /); default: standard output",
    )
    parse.add_argument("--compact", action="store_true", help="one line of JSON per document")
    parse.add_argument(
        "--jsonl", action="store_true", help="on standard output, one Document a line (default for several: an array)"
    )
    parse.add_argument("--no-text", action="store_true", help="leave the normalized text out")
    parse.add_argument(
        "--stage",
        choices=STAGE_NAMES,
        default="document",
        help="run the pipeline up to STAGE and print its result instead of the Document",
    )
    _add_limit_option(parse)
    _add_common(parse)
    parse.set_defaults(run=run_parse)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE")
    schema.add_argument(
        "--check", type=Path, metavar="FILE", help="exit 1 if FILE differs from the schema the models give"
    )
    _add_common(schema)
    schema.set_defaults(run=_run_schema)

    evaluate = commands.add_parser("eval", help="score the parser against a gold corpus")
    evaluate.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"), metavar="CORPUS_DIR")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--details", action="store_true", help="list every difference from the gold")
    _add_common(evaluate)
    evaluate.set_defaults(run=_run_eval)

    batch = commands.add_parser(
        "batch",
        help="convert folders, zip/tar archives and list files of notices",
        description="Convert every notice in the INPUTs; one bad file never stops the batch.",
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        type=_path,
        metavar="INPUT",
        help="a folder (recursive), a zip or tar(.gz) archive, a list file (.lst) or a notice",
    )
    batch.add_argument(
        "-o", "--output", type=_path, required=True, metavar="OUTDIR", help="output folder: new, empty or a batch's"
    )
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
    again = batch.add_mutually_exclusive_group()
    again.add_argument(
        "--resume",
        action="store_true",
        help="finish the batch in OUTDIR: inputs whose JSON is there for the same bytes are not converted again",
    )
    again.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the batch in OUTDIR (only the outputs it recorded are removed); write into a folder not empty",
    )
    batch.add_argument("--no-text", action="store_true", help="leave the normalized text out of each JSON")
    batch.add_argument("--quiet", action="store_true", help="no progress output")
    _add_limit_option(batch)
    _add_common(batch)
    batch.set_defaults(run=run_batch)

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
    agencies.add_argument(
        "--merge-successors",
        action="store_true",
        help="count a body renamed by a reform (市工商局, 市质监局, 市食药监局 …) with its successor (市场监督管理局)",
    )
    agencies.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    _add_limit_option(agencies)
    _add_common(agencies)
    agencies.set_defaults(run=_run_agencies)

    view = commands.add_parser(
        "view",
        help="self-contained HTML pages of notices, with an index page for several",
        description="Write an HTML page per notice: its tree, tasks, owners and diagnostics beside its text.",
    )
    view.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a notice or a Document JSON file")
    view.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="one FILE: the page to write (default: FILE's name + .html in the current folder); "
        f"several FILEs, or OUT an existing folder: a page each in OUT and {ARCHIVE_PAGE}",
    )
    _add_limit_option(view)
    view.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    view.set_defaults(run=_run_view)

    show = commands.add_parser("show", help="print a notice's sections, tasks and owners as a tree")
    show.add_argument("file", type=Path, metavar="FILE", help="a notice or a Document JSON file")
    show.add_argument("--full", action="store_true", help="print whole statements, wrapped (default: one line each)")
    show.add_argument(
        "--width", type=_positive, default=None, metavar="N", help="columns (default: the terminal's, else 100)"
    )
    _add_limit_option(show)
    show.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    show.set_defaults(run=_run_show)
    add_serve_command(commands, _add_limit_option)
    return parser


def _add_common(command: argparse.ArgumentParser) -> None:
    """--debug and -v after the command too (``parse x.txt -v``), as before it."""
    command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    command.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _path(value: str) -> Path:
    # argparse's type=Path drops a trailing slash and would take "" as the current folder.
    if not value:
        raise argparse.ArgumentTypeError("an empty path")
    return Path(value)


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
        write_output(args.output, text)
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


def _run_agencies(args: argparse.Namespace) -> int:
    documents = []
    status = 0
    for path in _document_paths(args.docs):
        try:
            documents.append((str(path), _load_document(path, limits_of(args))))
        except DashuangError as exc:
            _report(exc, args.debug)
            status = max(status, exc.exit_status)
    index = build_index(documents, merge_successors=args.merge_successors)
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
        write_output(args.output, ("\ufeff" if args.format == "csv" else "") + text)
    else:
        sys.stdout.write(text)
    return status


def _run_view(args: argparse.Namespace) -> int:
    many = len(args.files) > 1 or (args.output is not None and args.output.is_dir())
    if many and args.output is None:
        print("dashuang-parse: view: several FILEs need -o OUT (a folder)", file=sys.stderr)
        return 2
    documents: list[tuple[str, Document]] = []
    failures: list[tuple[str, str]] = []
    status = 0
    for path in args.files:
        try:
            documents.append((path.name, _load_document(path, limits_of(args))))
        except DashuangError as exc:
            _report(exc, args.debug)
            failures.append((str(path), exc.message))
            status = max(status, exc.exit_status)
    if not many:
        if documents:
            target = args.output or Path(page_name(documents[0][0]))
            write_atomic(target, render_page(documents[0][1]))
            print(f"dashuang-parse: wrote {target}", file=sys.stderr)
        return status
    pages: dict[str, str] = {}
    rows, tasks = [], []
    for name, doc in documents:
        key = _unique(name, pages)
        pages[key] = page_name(key)
        write_atomic(args.output / pages[key], render_page(doc, archive=ARCHIVE_PAGE))
        rows.append(document_row(doc, key))
        tasks.extend(task_rows(doc, key))
    write_atomic(args.output / ARCHIVE_PAGE, render_archive(rows, index_from_rows(tasks), pages, failures=failures))
    print(f"dashuang-parse: wrote {args.output / ARCHIVE_PAGE} and {len(pages)} page(s)", file=sys.stderr)
    return status


def _unique(name: str, taken: dict[str, str]) -> str:
    """``name``, or ``name-2``, ``name-3``… when files of the same name came from several folders."""
    key, number = name, 1
    while key in taken:
        number += 1
        key = f"{name}-{number}"
    return key


def _run_show(args: argparse.Namespace) -> int:
    doc = _load_document(args.file, limits_of(args))
    width = args.width or shutil.get_terminal_size((100, 24)).columns
    sys.stdout.write(summarize(doc, width=width, full=args.full) + "\n")
    return 0


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
        raise os_error(exc, display_name(path)) from exc
    except ValidationError as exc:
        raise UnsupportedFormat(f"not a Document JSON ({exc.error_count()} schema error(s))", path=str(path)) from exc
