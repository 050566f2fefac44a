"""Where parse time goes: time per pipeline stage, and self time per module under cProfile.

Used by bench/run.py; on its own:

    python bench/stages.py

The stage times come from running the pipeline's own stage list (``dashuang_parse.pipeline.STAGES``)
over the corpus, one stage at a time with a timer around each: the stages measured are the
stages ``parse_text`` runs, in its order, whatever they become.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from dashuang_parse import parse_text  # noqa: E402
from dashuang_parse.export.output import document_json  # noqa: E402
from dashuang_parse.pipeline import STAGE_NAMES, STAGES, ParseState  # noqa: E402
from dashuang_parse.read import read_bytes  # noqa: E402

CORPUS = REPO / "corpus"
_ORDER = ["read", *STAGE_NAMES, "serialize"]


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def _one_pass(files: list[tuple[str, bytes]]) -> dict[str, float]:
    """Seconds per stage over one pass of the corpus."""
    totals: dict[str, float] = defaultdict(float)
    clock = time.perf_counter
    for name, data in files:
        started = clock()
        text = read_bytes(data, path=name, suffix=".txt").text
        totals["read"] += clock() - started
        state = ParseState(raw=text)
        for stage, run in STAGES:
            started = clock()
            state = run(state)
            totals[stage] += clock() - started
        assert state.document is not None
        started = clock()
        document_json(state.document)
        totals["serialize"] += clock() - started
    return totals


def measure_stages(passes: int) -> dict[str, Any]:
    """Milliseconds per corpus pass in each stage (the fastest of ``passes`` passes)."""
    files = [(path.name, path.read_bytes()) for path in _corpus_files()]
    _one_pass(files)  # the first pass warms caches and is not counted
    best = min((_one_pass(files) for _ in range(passes)), key=lambda totals: sum(totals.values()))
    total = sum(best.values())
    rows = [
        {"stage": s, "ms": round(best.get(s, 0.0) * 1000, 2), "pct": round(100 * best.get(s, 0.0) / total, 1)}
        for s in _ORDER
    ]
    return {"passes": passes, "total_ms": round(total * 1000, 2), "stages": rows}


def _module_group(filename: str, function: str) -> str:
    """The library or project module a profiled function belongs to."""
    if filename == "~":  # a built-in: tell C code of the libraries apart by its type's name
        for library in ("_regex", "pydantic_core", "jieba", "json"):
            if library in function:
                return f"{library.lstrip('_')} (C)"
        return "builtins"
    path = Path(filename)
    if "dashuang_parse" in path.parts:
        return "/".join(path.parts[path.parts.index("dashuang_parse") + 1 :])
    if filename.startswith("<"):
        return "generated code"  # dataclass and namedtuple methods are compiled from strings
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1]
    return f"stdlib {path.stem}"


def profile_modules(limit: int = 10) -> list[dict[str, Any]]:
    """Self time per module over one corpus pass under cProfile (shares only: cProfile slows
    Python code more than C code)."""
    texts = [path.read_text(encoding="utf-8") for path in _corpus_files()]
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        document_json(parse_text(text))
    profiler.disable()
    totals: dict[str, float] = defaultdict(float)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _, function), (_, _, self_time, _, _) in stats.items():
        totals[_module_group(filename, function)] += self_time
    whole = sum(totals.values())
    top = sorted(totals.items(), key=lambda item: -item[1])[:limit]
    return [{"module": name, "pct": round(100 * seconds / whole, 1)} for name, seconds in top]


def print_stages(stages: dict[str, Any], modules: list[dict[str, Any]]) -> None:
    """The two tables: ms and share per stage, share per module."""
    print(f"where parse time goes: one corpus pass ({len(_corpus_files())} notices), best of {stages['passes']}")
    print(f"{'stage':<22}{'ms':>9}{'share':>8}")
    for row in stages["stages"]:
        print(f"{row['stage']:<22}{row['ms']:>9.1f}{row['pct']:>7.1f}%")
    print(f"{'total':<22}{stages['total_ms']:>9.1f}")
    print("\nself time by module under cProfile (share of the profiled pass)")
    for row in modules:
        print(f"{row['module']:<30}{row['pct']:>6.1f}%")


if __name__ == "__main__":
    print_stages(measure_stages(3), profile_modules())
