"""The command-line tool: a thin layer over the public API.

    dashuang-parse parse FILE... [-o OUT] [--compact] [--no-text] [--stage STAGE]
    dashuang-parse schema [-o FILE] [--check]
    dashuang-parse eval [CORPUS_DIR] [--json] [--details]

Exit status: 0 on success; for bad input the status of the error's class (see
docs/cli.md); 2 for wrong usage; 1 when eval finds a gold file it cannot read.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__, parse_file
from .errors import DashuangError
from .evaluation import evaluate_corpus, format_table
from .lex import tokenize
from .normalize import normalize
from .output import document_json, write_atomic
from .read import read_file
from .schema import schema_json

_STAGES = ("normalize", "tokens", "document")


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
    parse.add_argument("-o", "--output", type=Path, metavar="OUT",
                       help="output file (one input) or folder (several); default: standard output")
    parse.add_argument("--compact", action="store_true", help="one line of JSON per document")
    parse.add_argument("--no-text", action="store_true", help="leave the normalized text out")
    parse.add_argument("--stage", choices=_STAGES, default="document",
                       help="print an earlier stage's output instead: normalized text or tokens")
    parse.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    parse.set_defaults(run=_run_parse)

    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE")
    schema.add_argument("--check", type=Path, metavar="FILE",
                        help="exit 1 if FILE differs from the schema the models give")
    schema.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    schema.set_defaults(run=_run_schema)

    evaluate = commands.add_parser("eval", help="score the parser against a gold corpus")
    evaluate.add_argument("corpus", nargs="?", type=Path, default=Path("corpus"), metavar="CORPUS_DIR")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--details", action="store_true", help="list every difference from the gold")
    evaluate.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    evaluate.set_defaults(run=_run_eval)
    return parser


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
    if args.stage == "normalize":
        return normalize(read_file(path).text).text
    if args.stage == "tokens":
        text = normalize(read_file(path).text).text
        tokens, _ = tokenize(text)
        return "\n".join(
            f"{t.start:>6} {t.end:>6} {t.kind.value:<12} {t.section_kind or '':<12} {t.text(text)[:40]!r}"
            for t in tokens
        )
    return document_json(parse_file(path), compact=args.compact, include_text=not args.no_text)


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
