"""Metamorphic report (issue 14, item 2): where the parser stands on re-laid-out notices.

    python bench/metamorphic.py [--details [N]] [--lines L] [--transform NAME ...] [--json]

Every corpus notice is re-laid-out by every transform of ``tests/metamorphic/transforms.py``
(one line, joined paragraphs, hard wraps, separators, half-width brackets, page furniture,
traditional characters, NFKC), parsed, and scored against its own gold file by
``dashuang_parse.tools.evaluation``. Prints one row per transform: the figures micro-averaged over
the corpus (the test holds sections, tasks, agencies and roles at 0.99 on every notice),
how many notices fall below that floor, and the worst notice. ``identity`` (the notice as it
is) is the baseline. ``--details`` adds the scorer's differences for the N worst
(transform, notice) pairs (3 by default), ``--lines`` lines of each.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

from metamorphic import FIGURES, FLOOR, PAIRS, score_transformed  # noqa: E402
from metamorphic.transforms import TRANSFORMS, Transform  # noqa: E402

from dashuang_parse.tools.evaluation import Counts, NoticeScore  # noqa: E402

_KIND = re.compile(r"(?:section|task|owner) (?:missing|extra)|\S+")
IDENTITY = Transform("identity", lambda text: text, "canon")
COLUMNS = (*FIGURES, "headings", "metadata")
TITLES = {"sections_f1": "sections", "tasks_f1": "tasks", "agencies_f1": "agencies"}


def worst_figure(result: NoticeScore) -> float:
    """The lowest of the held figures (1.0 when none is scored)."""
    scores = result.counts.scores()
    return min((v for f in FIGURES if (v := scores[f]) is not None), default=1.0)


def _grouped(differences: list[str], lines: int) -> list[str]:
    """About ``lines`` differences, taken in turn from each kind (section missing, task
    extra, owner missing, ...) so one long kind does not hide the others, with the count of
    each kind."""
    kinds: dict[str, list[str]] = {}
    for line in differences:
        kind = _KIND.match(line)
        kinds.setdefault(kind[0] if kind else line, []).append(line)
    summary = ", ".join(f"{len(v)} × {k}" for k, v in kinds.items())
    shown: list[str] = []
    for depth in range(lines):
        for group in kinds.values():
            if depth < len(group) and len(shown) < lines:
                shown.append(group[depth])
    return [f"({len(differences)} differences: {summary})", *sorted(shown, key=differences.index)]


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--details",
        nargs="?",
        type=int,
        const=3,
        default=0,
        metavar="N",
        help="print the differences of the N worst (transform, notice) pairs (default 3)",
    )
    parser.add_argument("--lines", type=int, default=12, help="difference lines shown per pair (default 12)")
    parser.add_argument("--transform", action="append", metavar="NAME", help="only these transforms")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    transforms = [IDENTITY, *TRANSFORMS]
    if args.transform:
        unknown = set(args.transform) - {t.name for t in transforms}
        if unknown:
            parser.error(f"unknown transform(s): {', '.join(sorted(unknown))}")
        transforms = [t for t in transforms if t.name in args.transform]

    started = time.perf_counter()
    results = {t.name: [score_transformed(gold, notice, t) for gold, notice in PAIRS] for t in transforms}
    seconds = time.perf_counter() - started

    rows = {}
    for name, notices in results.items():
        total = sum((n.counts for n in notices), Counts())
        worst = min(notices, key=worst_figure)
        rows[name] = {
            "micro": total.scores(),
            "below_floor": sum(worst_figure(n) < FLOOR for n in notices),
            "worst": {"notice": worst.doc, "score": worst_figure(worst), "figures": worst.counts.scores()},
        }
    pairs = sorted(
        ((worst_figure(n), name, n) for name, notices in results.items() if name != IDENTITY.name for n in notices),
        key=lambda item: (item[0], item[1], item[2].doc),
    )

    if args.json:
        print(json.dumps({"floor": FLOOR, "notices": len(PAIRS), "transforms": rows}, ensure_ascii=False, indent=2))
        return 0

    width = max(len(t.name) for t in transforms)
    header = f"{'transform':<{width}}  " + "  ".join(f"{TITLES.get(c, c):>8}" for c in COLUMNS)
    print(
        f"{len(PAIRS)} notices × {len(transforms)} transforms, micro-averaged; "
        f"floor {FLOOR} on {', '.join(TITLES.get(f, f) for f in FIGURES)} ({seconds:.1f} s)"
    )
    print(header + f"  {'<floor':>6}  worst notice (its lowest held figure)")
    for name, row in rows.items():
        cells = "  ".join(f"{_cell(row['micro'][c]):>8}" for c in COLUMNS)
        worst = row["worst"]
        where = "—" if worst["score"] >= 1 else f"{worst['notice']} ({worst['score']:.3f})"
        print(f"{name:<{width}}  {cells}  {row['below_floor']:>6}  {where}")
    failing = sum(1 for score, *_ in pairs if score < FLOOR)
    print(f"\n(transform, notice) pairs below the floor: {failing} of {len(pairs)}")

    for _, name, result in pairs[: args.details]:
        figures = ", ".join(f"{TITLES.get(f, f)} {_cell(result.counts.scores()[f])}" for f in FIGURES)
        print(f"\n## {name} × {result.doc}: {figures}")
        for line in _grouped(result.differences, args.lines):
            print(f"   {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
