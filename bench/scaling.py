"""Linear time on the inputs issue 18 found superlinear: each shape at 1×, 10× and 100×.

    python bench/scaling.py [--base N] [--json]

For every shape (a generator of N units of text), ``parse_text`` is timed on N, 10·N and
100·N units (best of a few runs) and the ratios time(10×)/time(1×), time(100×)/time(1×)
and time(100×)/time(10×) are printed. Linear work gives ratios near 10, 100 and 10;
quadratic work gives 100, 10,000 and 100. Python's garbage collector makes a large heap
cost a little more per object (a full collection walks every object, and they come more
often as the heap grows), so 100× may cost up to ~2× its share; a shape whose 100× costs
over 150 times its 1× (bench/run.py's bound for the generated notice) is marked SLOW.
A report, not a test: it exits 0 unless ``--strict`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dashuang_parse import DashuangError, Limits, parse_text  # noqa: E402

# Raised so that the largest inputs of each shape stay under the hard limits: the point is
# how the work grows, not where it is refused.
_LIMITS = Limits(sections=10**7, line_chars=10**9, text_chars=10**9)
_SLOW = 150.0


def _unpunctuated(n: int) -> str:
    """Lines of twenty characters without punctuation: every break is joined (one paragraph)."""
    return "一、任务\n" + "".join(f"加强监管开展专项整治行动落实主体{i % 7}{i % 3}{i % 11}\n" for i in range(n))


def _repeated_ids(n: int) -> str:
    """The same marker again and again: ids 1, 1~2, 1~3…"""
    return "一、任务\n" * n


def _nested_lines(n: int) -> str:
    """Lines nested ever deeper (markdown quotes), none closed."""
    return "".join(">" * (i % 200) + " 任务\n" for i in range(n))


def _unconfirmed_runs(n: int) -> str:
    """A paragraph of "1." candidates no "2." confirms."""
    return "一、任务\n" + "加强。1.任务" * n + "\n"


def _nested_brackets(n: int) -> str:
    """Brackets nested n deep in one owner parenthetical."""
    return "一、任务\n加强监管" + "（" * n + "市公安局负责" + "）" * n + "。\n"


def _tasks(n: int) -> str:
    """A task a line, each with its owner."""
    return "一、任务\n" + "".join(f"加强监管第{i}项（市公安局负责）。\n" for i in range(n))


def _sections(n: int) -> str:
    """Sections of every level, a line each."""
    levels = ("一、任务", "（一）加强", "1.监管", "（1）执法", "①抽查")
    return "".join(f"{levels[i % 5]}\n" for i in range(n))


SHAPES: dict[str, Callable[[int], str]] = {
    "unpunctuated lines": _unpunctuated,
    "repeated ids": _repeated_ids,
    "nested lines": _nested_lines,
    "unconfirmed 1. runs": _unconfirmed_runs,
    "nested brackets": _nested_brackets,
    "task lines": _tasks,
    "section lines": _sections,
}


def _best(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        try:
            parse_text(text, limits=_LIMITS)
        except DashuangError:
            pass
        best = min(best, time.perf_counter() - started)
    return best


def measure(base: int) -> dict[str, dict[str, float]]:
    """For each shape: seconds at 1×, 10×, 100× ``base`` units, and the two ratios."""
    parse_text("一、任务")  # compiled patterns and lexicons loaded before timing
    figures = {}
    for name, shape in SHAPES.items():
        times = [_best(shape(base * factor), runs) for factor, runs in ((1, 5), (10, 3), (100, 2))]
        figures[name] = {
            "t1": times[0],
            "t10": times[1],
            "t100": times[2],
            "ratio10": times[1] / times[0],
            "ratio100": times[2] / times[0],
            "ratio100_10": times[2] / times[1],
        }
        print(f"  {name}: done", file=sys.stderr, flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1000, help="units of the 1× input (default 1000)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a shape is SLOW")
    args = parser.parse_args()
    figures = measure(args.base)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{'shape':22} {'1x s':>8} {'10x s':>8} {'100x s':>8} {'10x/1x':>8} {'100x/1x':>8} {'100x/10x':>9}")
        for name, f in figures.items():
            mark = "  SLOW" if f["ratio100"] > _SLOW else ""
            print(
                f"{name:22} {f['t1']:8.4f} {f['t10']:8.4f} {f['t100']:8.3f} "
                f"{f['ratio10']:8.1f} {f['ratio100']:8.1f} {f['ratio100_10']:9.1f}{mark}"
            )
    slow = any(f["ratio100"] > _SLOW for f in figures.values())
    return 1 if args.strict and slow else 0


if __name__ == "__main__":
    sys.exit(main())
