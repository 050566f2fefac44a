"""``dashuang-parse batch``: the batch run from the command line, with what only a command
line needs: progress, a summary of every input's fate, the exit status, and a batch that
ends properly when it is told to stop (Ctrl-C, SIGTERM, SIGHUP: workers stopped, manifest
"interrupted"; a SIGKILL gives no such chance, and ``--resume`` takes over from there).
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from ..batch import Progress, convert
from ..batch.inputs import count_items
from ..core.paths import display_name
from .common import limits_of

# Exit statuses of a batch that finished: some inputs failed / none failed, some skipped.
FAILED = 15
SKIPPED = 16
# The exit status after SIGTERM or SIGHUP (128 + the signal, as shells report it).
TERMINATED = 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread so that the batch ends as after Ctrl-C."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signal.Signals(signum).name)


@contextlib.contextmanager
def _stoppable() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Terminated`` while the block runs."""
    kinds = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {kind: signal.signal(kind, _terminate) for kind in kinds}
    try:
        yield
    finally:
        for kind, handler in previous.items():
            signal.signal(kind, handler)


def run_batch(args: argparse.Namespace) -> int:
    """Run the batch; print what became of the inputs; 0, FAILED or SKIPPED."""
    progress = None if args.quiet else Progress(total=count_items(args.inputs))
    status: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    with _stoppable():
        outcomes = convert(
            args.inputs,
            args.output,
            jobs=args.jobs,
            formats=args.format,
            resume=args.resume,
            overwrite=args.overwrite,
            include_text=not args.no_text,
            progress=progress,
            limits=limits_of(args),
        )
        try:
            for outcome in outcomes:
                status[outcome.status] += 1
                warnings.update(outcome.warnings)
                if outcome.status in ("failed", "skipped"):
                    reasons[f"{outcome.status} {outcome.error_code}"] += 1
                    if outcome.status == "skipped" and args.verbose:
                        print(f"skipped {outcome.label}: {outcome.error_message}", file=sys.stderr)
                elif args.verbose >= 2:
                    print(f"{outcome.status} {outcome.label} → {outcome.output}", file=sys.stderr)
        finally:
            outcomes.close()  # on an interruption: workers stopped, manifest "interrupted"
    print(_summary(args.output, status, reasons, warnings), file=sys.stderr)
    return FAILED if status["failed"] else SKIPPED if status["skipped"] else 0


def _summary(out: Path, status: Counter[str], reasons: Counter[str], warnings: Counter[str]) -> str:
    """One line on every input: converted, failed and skipped, with their reasons."""
    converted = status["ok"] + status["resumed"]
    parts = [f"{converted} converted" + (f" ({status['resumed']} resumed)" if status["resumed"] else "")]
    for kind in ("failed", "skipped"):
        why = ", ".join(
            f"{reason.split(' ', 1)[1]} {count}" for reason, count in sorted(reasons.items()) if reason.startswith(kind)
        )
        parts.append(f"{status[kind]} {kind}" + (f" ({why})" if why else ""))
    if warnings["no-structure"]:
        parts.append(f"{warnings['no-structure']} without numbered sections or owners (no-structure)")
    where = display_name(out / "manifest.json")
    return f"dashuang-parse: {'; '.join(parts)}; see {where}"
