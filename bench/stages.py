"""Where parse time goes: time per pipeline stage, and self time per module under cProfile.

Used by bench/run.py; on its own:

    python bench/stages.py

The stage times come from wrapping the very functions ``parse_text`` calls (looked up in
``dashuang_parse.parse`` and the modules that build the models) with an exclusive timer and
running the corpus through it, so they follow parse.py as it changes.
"""

from __future__ import annotations

import cProfile
import importlib
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from dashuang_parse import parse_text  # noqa: E402
from dashuang_parse.export.output import document_json  # noqa: E402
from dashuang_parse.read import read_bytes  # noqa: E402

CORPUS = REPO / "corpus"


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


# Stage → (module, attribute) whose calls are charged to it. Time is exclusive: a call
# charged to one stage made from inside another (a Task built in split_tasks) is taken out
# of the outer stage. Names a module does not have are skipped (old and new names of a
# function can both be listed); a stage none of whose names is found is reported, and its
# time then shows as "parse_text itself".
STAGES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("normalize", (("parse", "bound_text"), ("parse", "normalize"), ("parse", "normalize_text"))),
    ("simplified view", (("parse", "simplified_view"),)),
    ("lex", (("parse", "tokenize"),)),
    ("tree", (("parse", "find_closing"), ("parse", "build_tree"))),
    ("metadata", (("parse", "extract_metadata"), ("parse", "_restore_metadata"))),
    ("tasks+agencies", (("parse", "_SectionBuilder.read_preamble"), ("parse", "_SectionBuilder.build"))),
    ("models", (
        ("parse", "Document"), ("parse", "Section"), ("parse", "Reference"), ("tasks", "Task"),
        ("agencies", "AgencyRole"), ("metadata", "Metadata"), ("metadata", "Reference"),
    )),
)
_GLUE = "parse_text itself"
_ORDER = ["read", *(stage for stage, _ in STAGES), _GLUE, "serialize"]


class _StageClock:
    """Exclusive time per stage over calls wrapped by ``wrap``."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []  # per open call, time spent in wrapped calls inside it

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                self.totals[stage] += elapsed - self._inner.pop()
                if self._inner:
                    self._inner[-1] += elapsed

        return timed


@contextmanager
def _stages_patched(clock: _StageClock) -> Iterator[list[str]]:
    """Wrap the pipeline's calls with the clock; yield the names that were not found."""
    missing: list[str] = []
    undo: list[tuple[object, str, object]] = []
    try:
        for stage, sites in STAGES:
            found = len(undo)
            for module_name, dotted in sites:
                owner: object = importlib.import_module(f"dashuang_parse.{module_name}")
                *path, name = dotted.split(".")
                for part in path:
                    owner = getattr(owner, part, None)
                if owner is None or name not in vars(owner):
                    continue
                original = vars(owner)[name]
                undo.append((owner, name, original))
                setattr(owner, name, clock.wrap(stage, original))
            if len(undo) == found:
                missing.append(stage)
        yield missing
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


def measure_stages(passes: int) -> dict[str, Any]:
    """Milliseconds per corpus pass in each stage (the fastest of ``passes`` passes)."""
    files = [(path.name, path.read_bytes()) for path in _corpus_files()]
    best: dict[str, float] | None = None
    for index in range(passes + 1):
        clock = _StageClock()
        read = clock.wrap("read", read_bytes)
        parse = clock.wrap(_GLUE, parse_text)
        serialize = clock.wrap("serialize", document_json)
        with _stages_patched(clock) as missing:
            for name, data in files:
                serialize(parse(read(data, path=name, suffix=".txt").text))
        totals = dict(clock.totals)
        if index == 0:
            continue  # the first pass warms caches and is not counted
        if best is None or sum(totals.values()) < sum(best.values()):
            best = totals
    assert best is not None
    total = sum(best.values())
    rows = [
        {"stage": s, "ms": round(best.get(s, 0.0) * 1000, 2), "pct": round(100 * best.get(s, 0.0) / total, 1)}
        for s in _ORDER
    ]
    return {"passes": passes, "total_ms": round(total * 1000, 2), "stages": rows, "missing": missing}


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
    if stages["missing"]:
        print(f"(stages whose functions were not found, so counted as {_GLUE}: {', '.join(stages['missing'])})")
    print("\nself time by module under cProfile (share of the profiled pass)")
    for row in modules:
        print(f"{row['module']:<30}{row['pct']:>6.1f}%")


if __name__ == "__main__":
    print_stages(measure_stages(3), profile_modules())
