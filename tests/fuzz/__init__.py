"""A fuzz target: generated and mutated notices through every public entry point.

    PYTHONPATH=tests python -m fuzz --seconds 300            # run for five minutes
    PYTHONPATH=tests python -m fuzz --count 100000 --seed 7  # a fixed number of inputs
    PYTHONPATH=tests python -m fuzz --count 5000 --save crashes/

Each input is either text built from the pieces notices are made of (markers of every
level and width, owner parentheticals, brackets nested deep or left open, control and
invisible characters, long lines) and given to ``parse_text``, or the bytes of a seed file
(UTF-8, GB18030, UTF-16, HTML, DOCX, PDF) mutated — bytes flipped, cut, repeated, pieces
spliced in — and given to ``read_bytes`` and ``parse_text``. Any exception other than a
``DashuangError`` is a crash; an input that takes longer than ``--slow`` seconds is
reported as slow. The run is reproducible from its seed. It uses only the standard library,
so it runs wherever the package is installed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dashuang_parse import DashuangError, parse_text
from dashuang_parse.read import read_bytes

from .seeds import SEED_FILES
from .text import generate_text

# Bytes-level mutations per input, at most.
_MAX_MUTATIONS = 8


@dataclass
class Report:
    """What a fuzz run found."""

    inputs: int = 0
    typed_errors: int = 0
    crashes: list[tuple[str, str]] = field(default_factory=list)  # (input kind, traceback)
    slow: list[tuple[str, float]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        return (
            f"{self.inputs} inputs in {self.seconds:.0f} s ({rate:.0f}/s): {len(self.crashes)} crashes, "
            f"{len(self.slow)} slow, {self.typed_errors} typed errors (expected for bad input)"
        )


def mutate(data: bytes, rng: random.Random) -> bytes:
    """``data`` with a few random edits: flips, cuts, repeats and spliced-in pieces."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, _MAX_MUTATIONS)):
        if not buffer:
            buffer.extend(rng.choice(SPLICES))
            continue
        at = rng.randrange(len(buffer))
        action = rng.randrange(5)
        if action == 0:
            buffer[at] = rng.randrange(256)
        elif action == 1:
            del buffer[at : at + rng.randint(1, 64)]
        elif action == 2:
            buffer[at:at] = rng.choice(SPLICES)
        elif action == 3:
            piece = bytes(buffer[at : at + rng.randint(1, 32)])
            buffer[at:at] = piece * rng.randint(2, 50)
        else:
            del buffer[at:]  # truncated, as a download cut short
    return bytes(buffer)


# Byte strings that reach the readers' special cases when spliced in.
SPLICES = [
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"&a;",
    b"<br>",
    b"</p><p>",
    b"<script>",
    b"%%EOF",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    "（市公安局负责）".encode(),
    "（".encode() * 50,
    b"PK\x03\x04",
    b"stream\nendstream",
    "一、".encode("gb18030"),
    b'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
]


def _check(run: Callable[[], object], kind: str, report: Report, slow_after: float) -> None:
    started = time.perf_counter()
    try:
        run()
    except DashuangError:
        report.typed_errors += 1
    except Exception:  # noqa: BLE001 - finding these is the point
        report.crashes.append((kind, traceback.format_exc()))
    elapsed = time.perf_counter() - started
    if elapsed > slow_after:
        report.slow.append((kind, elapsed))


def _one(rng: random.Random, report: Report, slow_after: float, save: Path | None) -> None:
    crashes, slow = len(report.crashes), len(report.slow)
    if rng.random() < 0.5:
        text = generate_text(rng)
        kind, payload = "text", text.encode("utf-8", "surrogatepass")
        _check(lambda: parse_text(text), kind, report, slow_after)
    else:
        suffix, seed = rng.choice(SEED_FILES)
        data = mutate(seed, rng)
        kind, payload = f"bytes{suffix}", data
        _check(lambda: parse_text(read_bytes(data, path=f"fuzz{suffix}", suffix=suffix).text), kind, report, slow_after)
    report.inputs += 1
    if save is not None and (len(report.crashes) > crashes or len(report.slow) > slow):
        save.mkdir(parents=True, exist_ok=True)
        what = "crash" if len(report.crashes) > crashes else "slow"
        (save / f"{what}-{report.inputs:07d}.{kind}").write_bytes(payload)


def fuzz(
    *,
    seconds: float | None = None,
    count: int | None = None,
    seed: int = 0,
    slow_after: float = 5.0,
    save: Path | None = None,
    progress: Callable[[Report], None] | None = None,
) -> Report:
    """Run until ``seconds`` have passed or ``count`` inputs were tried (whichever first).

    >>> report = fuzz(count=30, seed=1)
    >>> report.inputs, report.crashes
    (30, [])
    """
    rng = random.Random(seed)
    report = Report()
    started = time.monotonic()
    while (count is None or report.inputs < count) and (seconds is None or time.monotonic() - started < seconds):
        _one(rng, report, slow_after, save)
        if progress is not None and report.inputs % 5000 == 0:
            report.seconds = time.monotonic() - started
            progress(report)
    report.seconds = time.monotonic() - started
    return report


def main(argv: list[str] | None = None) -> int:
    """The command line; exit status 1 when a crash was found."""
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, help="run this long (default 60 unless --count is given)")
    parser.add_argument("--count", type=int, help="stop after this many inputs")
    parser.add_argument("--seed", type=int, default=0, help="random seed (a run is reproducible from it)")
    parser.add_argument("--slow", type=float, default=5.0, help="report inputs slower than this (seconds)")
    parser.add_argument("--save", type=Path, help="write crashing and slow inputs to this folder")
    args = parser.parse_args(argv)
    seconds = args.seconds if args.seconds is not None or args.count is not None else 60.0
    report = fuzz(
        seconds=seconds,
        count=args.count,
        seed=args.seed,
        slow_after=args.slow,
        save=args.save,
        progress=lambda r: print(r.summary(), file=sys.stderr, flush=True),
    )
    for kind, trace in report.crashes[:5]:
        print(f"--- crash on {kind} input\n{trace}", file=sys.stderr)
    for kind, elapsed in report.slow[:5]:
        print(f"slow {kind} input: {elapsed:.1f} s", file=sys.stderr)
    print(report.summary())
    return 1 if report.crashes else 0
