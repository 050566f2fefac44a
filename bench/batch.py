"""Batch throughput: a generated zip of the corpus repeated to ≥ 2,000 notices, converted
with one worker and with two, in the same run.

    python bench/batch.py [--notices 2010] [--jobs 1,2] [--rounds 2]

Prints notices/s and MB/s per run and the speed-up of each run over the first; the
target (issue 5) is a speed-up of at least 1.7 on two cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from batch_inputs import NOTICES, make_zip  # noqa: E402

from dashuang_parse.batch import convert  # noqa: E402

SPEEDUP_TARGET = 1.7


@dataclass(frozen=True)
class BatchRun:
    jobs: int
    notices: int
    megabytes: float
    seconds: float

    @property
    def rate(self) -> float:
        return self.notices / self.seconds

    @property
    def throughput(self) -> float:
        return self.megabytes / self.seconds


def run_batch(archive: Path, jobs: int) -> BatchRun:
    """Convert ``archive`` into a fresh folder with ``jobs`` workers (JSON and JSON Lines)."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        outcomes = list(convert([archive], out, jobs=jobs))
        seconds = time.perf_counter() - started
    converted = [o for o in outcomes if o.ok]
    assert len(converted) == len(outcomes), "the benchmark archive holds only good notices"
    return BatchRun(jobs, len(converted), sum(o.size or 0 for o in converted) / 1e6, seconds)


def measure(notices: int = 2010, jobs: tuple[int, ...] = (1, 2), rounds: int = 2) -> list[BatchRun]:
    """Build the archive and convert it with each entry of ``jobs``, ``rounds`` times over,
    interleaved (so a slow spell of the machine falls on both sides); the fastest run of each.
    """
    repeat = -(-notices // len(NOTICES))
    with tempfile.TemporaryDirectory() as folder:
        archive = make_zip(Path(folder) / "notices.zip", repeat, bad=False)
        runs = [[run_batch(archive, n) for n in jobs] for _ in range(rounds)]
    return [min((round_[i] for round_ in runs), key=lambda run: run.seconds) for i in range(len(jobs))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=2010)
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each worker count; the fastest counts")
    args = parser.parse_args()
    runs = measure(args.notices, tuple(int(j) for j in args.jobs.split(",")), args.rounds)
    base = runs[0]
    for run in runs:
        print(
            f"jobs {run.jobs}: {run.notices} notices, {run.megabytes:.1f} MB in {run.seconds:.1f} s = "
            f"{run.rate:.0f} notices/s, {run.throughput:.2f} MB/s, speed-up {base.seconds / run.seconds:.2f}x"
        )
    best = max(base.seconds / run.seconds for run in runs)
    verdict = "PASS" if best >= SPEEDUP_TARGET else "MISS"
    print(f"speed-up {best:.2f}x (target ≥ {SPEEDUP_TARGET}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
