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

``--corpus DIR`` adds the real DOCX, PDF and HTML files of a folder (``corpus/``) to the
seeds mutated. ``--deadline S`` stops an input after S seconds and reports it as a hang;
``--memory BYTES`` caps the process's address space, so an input that blows up memory is a
``MemoryError``, reported as a crash.
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

from dashuang_parse import DashuangError, Timeout, parse_text
from dashuang_parse.core.deadline import deadline
from dashuang_parse.core.models import Source
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
    hangs: list[str] = field(default_factory=list)  # input kinds stopped at the deadline
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        return (
            f"{self.inputs} inputs in {self.seconds:.0f} s ({rate:.0f}/s): {len(self.crashes)} crashes, "
            f"{len(self.hangs)} hangs, {len(self.slow)} slow, {self.typed_errors} typed errors (expected for bad input)"
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


def _check(run: Callable[[], object], kind: str, report: Report, slow_after: float, stop_after: float = 0) -> None:
    started = time.perf_counter()
    try:
        with deadline(stop_after, kind):
            run()
    except Timeout:
        report.hangs.append(kind)
    except DashuangError:
        report.typed_errors += 1
    except Exception:  # noqa: BLE001 - finding these is the point
        report.crashes.append((kind, traceback.format_exc()))
    elapsed = time.perf_counter() - started
    if elapsed > slow_after:
        report.slow.append((kind, elapsed))


def _one(
    rng: random.Random,
    report: Report,
    slow_after: float,
    save: Path | None,
    seeds: list[tuple[str, bytes]] = SEED_FILES,
    stop_after: float = 0,
) -> None:
    crashes, slow, hangs = len(report.crashes), len(report.slow), len(report.hangs)
    if rng.random() < 0.5:
        text = generate_text(rng)
        kind, payload = "text", text.encode("utf-8", "surrogatepass")
        _check(lambda: parse_text(text), kind, report, slow_after, stop_after)
    else:
        suffix, seed = rng.choice(seeds)
        data = mutate(seed, rng)
        kind, payload = f"bytes{suffix}", data

        def run() -> object:
            decoded = read_bytes(data, path=f"fuzz{suffix}", suffix=suffix)
            return parse_text(decoded.text, source=_source(decoded.format))

        _check(run, kind, report, slow_after, stop_after)
    report.inputs += 1
    found = (len(report.crashes) > crashes, len(report.hangs) > hangs, len(report.slow) > slow)
    if save is not None and any(found):
        save.mkdir(parents=True, exist_ok=True)
        what = "crash" if found[0] else "hang" if found[1] else "slow"
        (save / f"{what}-{report.inputs:07d}.{kind}").write_bytes(payload)


def _source(fmt: str) -> Source:
    """A Source of the format read, so the pipeline bounds the text as for a file."""
    return Source(path="fuzz", format=fmt, sha256="0" * 64, size=0)  # type: ignore[arg-type]


def corpus_seeds(folder: Path) -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the DOCX, PDF and HTML files of ``folder``: real files to mutate."""
    suffixes = {".docx", ".pdf", ".html", ".htm"}
    return [
        (path.suffix.lower(), path.read_bytes()) for path in sorted(folder.iterdir()) if path.suffix.lower() in suffixes
    ]


def fuzz(
    *,
    seconds: float | None = None,
    count: int | None = None,
    seed: int = 0,
    slow_after: float = 5.0,
    save: Path | None = None,
    progress: Callable[[Report], None] | None = None,
    seeds: list[tuple[str, bytes]] = SEED_FILES,
    stop_after: float = 0,
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
        _one(rng, report, slow_after, save, seeds, stop_after)
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
    parser.add_argument("--corpus", type=Path, help="also mutate the DOCX, PDF and HTML files of this folder")
    parser.add_argument("--deadline", type=float, default=0, help="stop an input after this long: a hang")
    parser.add_argument("--memory", type=int, default=0, help="cap the address space (bytes): a blow-up crashes")
    args = parser.parse_args(argv)
    seconds = args.seconds if args.seconds is not None or args.count is not None else 60.0
    seeds = SEED_FILES + (corpus_seeds(args.corpus) if args.corpus else [])
    if args.memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (args.memory, resource.getrlimit(resource.RLIMIT_AS)[1]))
    report = fuzz(
        seeds=seeds,
        stop_after=args.deadline,
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
    for kind in report.hangs[:5]:
        print(f"hang: {kind} input stopped at the deadline", file=sys.stderr)
    print(report.summary())
    return 1 if report.crashes or report.hangs else 0
