"""``dashuang-parse serve``: the command that starts the HTTP service (serve/)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..core.limits import DEFAULT_LIMITS, Limits
from ..serve import ServiceConfig


def add_serve_command(commands: Any, add_limit_option: Any) -> None:
    """Add the ``serve`` subcommand to the CLI's ``commands``."""
    serve = commands.add_parser(
        "serve",
        help="run the HTTP parsing service (needs the serve extra)",
        description="Serve POST /v1/parse, POST /v1/tasks, GET /v1/schema and GET /healthz (see docs/service.md). "
        "Each parse runs in a worker process under the limits; a request may lower them, not raise them.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "-j",
        "--workers",
        type=_count(1),
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes that parse (default: all cores)",
    )
    serve.add_argument(
        "--queue",
        type=_count(0),
        default=ServiceConfig.queue,
        metavar="N",
        help=f"requests that may wait for a worker before the service answers 503 (default: {ServiceConfig.queue})",
    )
    serve.add_argument("--no-access-log", action="store_true", help="do not log each request")
    add_limit_option(serve)
    serve.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Run the service until interrupted."""
    from ..serve.server import MissingExtra, serve

    limits = Limits(**{**DEFAULT_LIMITS.__dict__, **dict(args.limit)}) if args.limit else DEFAULT_LIMITS
    config = ServiceConfig(limits=limits, workers=args.workers, queue=args.queue)
    try:
        serve(config, host=args.host, port=args.port, access_log=not args.no_access_log)
    except MissingExtra as exc:
        print(f"dashuang-parse: {exc}", file=sys.stderr)
        return 2
    return 0


def _count(least: int) -> Any:
    def parse(value: str) -> int:
        number = int(value)
        if number < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more")
        return number

    return parse
