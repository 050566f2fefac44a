"""Performance report (issue 7): every figure measured against its target in one run.

    python bench/run.py [--quick] [--json] [--strict]

Each figure is a ratio of two timings taken in the same run (or a memory size), so a busy or
slow machine moves both sides alike; timings are the best of several runs. Prints a table
(measured, target, PASS/MISS) and where the parse time goes, stage by stage. Exits 0 unless
``--strict`` is given and a figure misses its target. ``--json`` prints the same figures as
JSON (docs/performance.md is written from it). See docs/performance.md for what each means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO / "bench")]

import jieba  # noqa: E402
from batch import measure as measure_batch  # noqa: E402
from generate import generate_notice  # noqa: E402
from stages import measure_stages, print_stages, profile_modules  # noqa: E402

from dashuang_parse import parse_text  # noqa: E402
from dashuang_parse.export.output import document_json  # noqa: E402

CORPUS = REPO / "corpus"
CLI_NOTICE = "corpus/003_71ac9bd14a8fd19d.txt"
SCALING_NOTICE = CORPUS / "d003.txt"
GENERATED_SIZE = 10_000  # characters of the small generated notice; the large one is 100×
PEAK_TEXT_BYTES = 10_000_000
_MB = 1024 * 1024


@dataclass
class Figure:
    """One measured figure; ``target`` None marks a figure reported for context only."""

    key: str
    label: str
    measured: float
    unit: str  # "x", "s", "MB" or "MB/s"
    target: float | None = None
    at_least: bool = False  # the target is a floor (ratios of speed) rather than a ceiling
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def result(self) -> str:
        if self.target is None:
            return "info"
        ok = self.measured >= self.target if self.at_least else self.measured <= self.target
        return "PASS" if ok else "MISS"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "result": self.result}


def _format(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MB/s":
        return f"{value:.2f} MB/s"
    return f"{value:.1f} {unit}"


def _progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _best(fn: Callable[[], object], runs: int) -> float:
    return min(_timed(fn) for _ in range(runs))


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


# 1. Throughput ---------------------------------------------------------------------------


def measure_throughput(passes: int) -> list[Figure]:
    """parse_text + document_json over the corpus against jieba.lcut over the same texts."""
    texts = [path.read_text(encoding="utf-8") for path in _corpus_files()]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # its dictionary loads once, outside the timing
    document_json(parse_text(texts[0]))  # first-use costs (compiled patterns, lexicons) likewise
    parse_times: list[float] = []
    jieba_times: list[float] = []
    cold_times: list[float] = []
    for _ in range(passes):  # interleaved, so load on the machine falls on both sides
        parse_times.append(_timed(lambda: [document_json(parse_text(text)) for text in texts]))
        jieba_times.append(_timed(lambda: [jieba.lcut(text) for text in texts]))
        _clear_content_caches()
        cold_times.append(_timed(lambda: [document_json(parse_text(text)) for text in texts]))
    parse_rate, jieba_rate = megabytes / min(parse_times), megabytes / min(jieba_times)
    cold_rate = megabytes / min(cold_times)
    details = {
        "corpus_mb": round(megabytes, 3),
        "notices": len(texts),
        "passes": passes,
        "parse_median_s": round(statistics.median(parse_times), 4),
        "jieba_median_s": round(statistics.median(jieba_times), 4),
    }
    return [
        Figure("parse_mb_s", "parse_text + document_json", parse_rate, "MB/s", details=details),
        Figure("jieba_mb_s", "jieba.lcut", jieba_rate, "MB/s"),
        Figure("throughput_ratio", "throughput vs jieba.lcut", parse_rate / jieba_rate, "x", 4.0, at_least=True),
        Figure("cold_cache_ratio", "the same, name caches emptied first", cold_rate / jieba_rate, "x"),
    ]


def _clear_content_caches() -> None:
    """Empty the parser's bounded caches: those keyed on what notices contain (agency names,
    marker numbers), which the passes over the same corpus would otherwise find full.

    Unbounded ``@cache`` functions are one-time loaders (lexicons, patterns), kept.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith("dashuang_parse"):
            continue
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] is not None:
                value.cache_clear()


# 2. Cold start ---------------------------------------------------------------------------


def _console_script() -> str | None:
    """The installed ``dashuang-parse`` script of this interpreter, else the first on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "dashuang-parse"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("dashuang-parse")


def _child_env() -> dict[str, str]:
    # The children import the working tree even where the project is not installed.
    path = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def measure_cold_start(runs: int) -> list[Figure]:
    """Wall time of fresh processes, each against ``python -c pass`` in the same run."""
    script = _console_script()
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "import": [sys.executable, "-c", "import dashuang_parse"],
        "cli_m": [sys.executable, "-m", "dashuang_parse", "parse", CLI_NOTICE],
    }
    if script:
        commands["cli_script"] = [script, "parse", CLI_NOTICE]
    env = _child_env()
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):  # round robin, so a burst of load hits every command alike
        for name, command in commands.items():
            times[name].append(
                _timed(lambda c=command: subprocess.run(c, cwd=REPO, env=env, stdout=subprocess.DEVNULL, check=True))
            )
    best = {name: min(values) for name, values in times.items()}
    cli = "cli_script" if script else "cli_m"
    how = f"console script {script}" if script else "python -m dashuang_parse"
    figures = [
        Figure("python_pass_s", "python -c pass", best["pass"], "s", details={"runs": runs}),
        Figure(
            "import_over_pass_s",
            "import dashuang_parse over python -c pass",
            best["import"] - best["pass"],
            "s",
            0.15,
            details={"import_wall_s": round(best["import"], 4)},
        ),
        Figure("cli_parse_s", "CLI parse 003 wall", best[cli], "s", 0.6, details={"command": how}),
        Figure("cli_parse_over_pass_s", "CLI parse 003 over python -c pass", best[cli] - best["pass"], "s"),
    ]
    if script:
        figures.append(Figure("cli_parse_m_s", "CLI parse 003 wall (python -m)", best["cli_m"], "s"))
    return figures


# 3. Scaling ------------------------------------------------------------------------------


def _scaling(key: str, label: str, small: str, large: str, runs: tuple[int, int], target: float) -> Figure:
    parse_text(small)  # first-use costs out of the small timing, which they would dominate
    small_s = _best(lambda: parse_text(small), runs[0])
    large_s = _best(lambda: parse_text(large), runs[1])
    # The generated large text is not exactly 100× the small one (it ends on a whole
    # section): scale the time ratio to exactly 100× the size, assuming the growth is linear.
    size_ratio = len(large) / len(small)
    ratio = large_s / small_s * 100 / size_ratio
    details = {
        "small_chars": len(small),
        "large_chars": len(large),
        "small_s": round(small_s, 5),
        "large_s": round(large_s, 4),
        "raw_ratio": round(large_s / small_s, 1),
    }
    return Figure(key, label, ratio, "x", target, details=details)


def measure_scaling(quick: bool) -> list[Figure]:
    """One notice against itself 100× over, and a generated notice of size S against 100×S."""
    runs = (10, 2) if quick else (15, 3)
    notice = SCALING_NOTICE.read_text(encoding="utf-8")
    return [
        _scaling("scaling_d003", "scaling d003: time(100x) / time(1x)", notice, "\n".join([notice] * 100), runs, 120),
        _scaling(
            "scaling_generated",
            "scaling generated: time(100xS) / time(S)",
            generate_notice(GENERATED_SIZE),
            generate_notice(100 * GENERATED_SIZE),
            runs,
            150,
        ),
    ]


# 4. Batch --------------------------------------------------------------------------------


def measure_batch_speedup(notices: int, rounds: int) -> list[Figure]:
    """bench/batch.py's measure() with one worker and with two, the best of ``rounds``."""
    one, two = measure_batch(notices, (1, 2), rounds)
    details = {
        "notices": one.notices,
        "megabytes": round(one.megabytes, 1),
        "jobs1_s": round(one.seconds, 2),
        "jobs2_s": round(two.seconds, 2),
        "jobs1_notices_per_s": round(one.rate, 1),
        "jobs2_notices_per_s": round(two.rate, 1),
    }
    return [
        Figure(
            "batch_speedup",
            "batch speed-up, jobs 2 vs 1",
            one.seconds / two.seconds,
            "x",
            1.7,
            at_least=True,
            details=details,
        )
    ]


# 5. Memory -------------------------------------------------------------------------------


def _peak_mb() -> float:
    """Peak RSS of this process so far (MiB).

    VmHWM first: on Linux ``ru_maxrss`` carries over the RSS the parent had when it forked
    this process (it survives exec), so a child of a big benchmark process would report the
    parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / _MB if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _current_mb() -> float:
    try:
        resident = int(Path("/proc/self/statm").read_text().split()[1])
        return resident * os.sysconf("SC_PAGE_SIZE") / _MB
    except (OSError, ValueError, IndexError):
        return _peak_mb()  # no /proc: the peak is the closest figure there is


def _child_peak(target_bytes: int) -> dict[str, Any]:
    """In a child: peak RSS around parsing the corpus repeated to ``target_bytes``."""
    corpus = "\n".join(path.read_text(encoding="utf-8") for path in _corpus_files())
    text = "\n".join([corpus] * -(-target_bytes // len(corpus.encode("utf-8"))))
    marks = {"text_mb": len(text.encode("utf-8")) / 1e6, "before_parse_mb": _peak_mb()}
    doc = parse_text(text)
    marks["after_parse_mb"] = _peak_mb()
    content = document_json(doc)
    marks["after_json_mb"] = _peak_mb()
    marks["json_mb"] = len(content) / 1e6
    return marks


def _child_growth(count: int) -> dict[str, Any]:
    """In a child: RSS of a batch worker's convert_one over ``count`` corpus notices."""
    from dashuang_parse.batch.worker import Job, Settings, convert_one

    notices = _corpus_files()
    marks: dict[str, Any] = {"count": count, "start_mb": _current_mb()}
    with tempfile.TemporaryDirectory() as out:
        settings = Settings(outdir=Path(out))
        for index in range(count):
            notice = notices[index % len(notices)]
            key = f"copy{index // len(notices):04d}/{notice.name}"
            outcome = convert_one(Job(index, key, key, f"{key}.json", path=str(notice)), settings)
            if not outcome.ok:
                raise RuntimeError(f"{key}: {outcome.error_code} {outcome.error_message}")
            if index + 1 == count // 10:
                gc.collect()  # garbage awaiting collection is not growth
                marks["at_10pct_mb"] = _current_mb()
    gc.collect()
    marks["end_mb"] = _current_mb()
    marks["peak_mb"] = _peak_mb()
    return marks


_CHILDREN: dict[str, Callable[[int], dict[str, Any]]] = {"peak": _child_peak, "growth": _child_growth}


def _run_child(name: str, argument: int) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(argument)]
    done = subprocess.run(command, cwd=REPO, env=_child_env(), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def measure_memory(notices: int) -> list[Figure]:
    """Peak RSS of a child parsing ~10 MB, and RSS growth of a child running batch jobs."""
    peak = _run_child("peak", PEAK_TEXT_BYTES)
    growth = _run_child("growth", notices)
    rounded = {key: round(value, 1) for key, value in peak.items()}
    return [
        Figure(
            "peak_rss_parse_mb",
            f"peak RSS parsing {peak['text_mb']:.1f} MB",
            peak["after_parse_mb"],
            "MB",
            300,
            details=rounded,
        ),
        Figure("peak_rss_json_mb", "peak RSS after document_json", peak["after_json_mb"], "MB"),
        Figure("worker_rss_10pct_mb", f"worker RSS after {notices // 10} notices", growth["at_10pct_mb"], "MB"),
        Figure("worker_rss_end_mb", f"worker RSS after {notices} notices", growth["end_mb"], "MB"),
        Figure(
            "worker_rss_growth_mb",
            "worker RSS growth, 10% to end",
            growth["end_mb"] - growth["at_10pct_mb"],
            "MB",
            20,
            details={key: round(value, 1) for key, value in growth.items()},
        ),
    ]


# Report ----------------------------------------------------------------------------------


def print_report(figures: list[Figure], stages: dict[str, Any], modules: list[dict[str, Any]]) -> None:
    width = max(len(f.label) for f in figures) + 2
    print(f"{'figure':<{width}}{'measured':>12}{'target':>14}  result")
    for f in figures:
        target = "-" if f.target is None else ("≥ " if f.at_least else "≤ ") + _format(f.target, f.unit)
        print(f"{f.label:<{width}}{_format(f.measured, f.unit):>12}{target:>14}  {f.result}")
    print()
    print_stages(stages, modules)


def run(quick: bool) -> tuple[list[Figure], dict[str, Any], list[dict[str, Any]]]:
    """Measure every figure; ``quick`` uses fewer passes and notices."""
    figures: list[Figure] = []
    _progress("throughput")
    figures += measure_throughput(3 if quick else 5)
    _progress("cold start")
    figures += measure_cold_start(5 if quick else 7)
    _progress("scaling")
    figures += measure_scaling(quick)
    _progress("batch")
    figures += measure_batch_speedup(600 if quick else 2010, 2 if quick else 3)
    _progress("memory")
    figures += measure_memory(750 if quick else 1500)
    _progress("profile")
    stages = measure_stages(2 if quick else 3)
    modules = profile_modules()
    return figures, stages, modules


def _load() -> str:
    """The 1-minute load average: other work on the machine skews the two-worker figures most."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer passes and notices (about half a minute)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any figure misses its target")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_CHILDREN[args.child[0]](int(args.child[1]))))
        return 0
    started = time.perf_counter()
    load_before = _load()
    figures, stages, modules = run(args.quick)
    load = f"load average {load_before} before, {_load()} after"
    if args.json:
        report = {
            "date": dt.date.today().isoformat(),
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.system()},
            "load": load,
            "quick": args.quick,
            "seconds": round(time.perf_counter() - started, 1),
            "figures": [f.as_dict() for f in figures],
            "stages": stages,
            "modules": modules,
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(figures, stages, modules)
        seconds = time.perf_counter() - started
        python = platform.python_version()
        print(f"\n{dt.date.today()}: {os.cpu_count()} cores, Python {python}, {seconds:.0f} s, {load}")
    return 1 if args.strict and any(f.result == "MISS" for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
