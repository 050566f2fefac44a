"""Score parses against hand-written gold files, exactly as ``shared/spec/gold-format.md`` says.

Text is compared after NFKC normalization with all whitespace removed. Per notice and
micro-averaged over a corpus: sections P/R/F1, headings accuracy, tasks P/R/F1 (a parsed
task matches a gold task in the same section when its statement ends with the gold
``end``), agencies strict and lenient P/R/F1 over matched tasks, roles accuracy over
strictly matched owners, and metadata accuracy over the keys a gold file lists.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import regex

from ..core.errors import DashuangError, GoldFormatError
from ..core.models import Document

GOLD_SUFFIX = ".gold.json"
_BRACKETED = regex.compile(r"\([^()]*\)")
_LENIENT_PREFIX = regex.compile(r"^[省市区县]")


def canon(text: str) -> str:
    """NFKC with all whitespace removed: the form every scored string is compared in."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def lenient(name: str) -> str:
    """A name without a leading 省/市/区/县 and without bracketed parts."""
    name = canon(name)
    while _BRACKETED.search(name):
        name = _BRACKETED.sub("", name)
    return _LENIENT_PREFIX.sub("", name)


@dataclass
class Counts:
    """Raw counts for one notice; they add up over a corpus (micro-averaging)."""

    sections_tp: int = 0
    sections_fp: int = 0
    sections_fn: int = 0
    headings_ok: int = 0
    headings_total: int = 0
    tasks_tp: int = 0
    tasks_fp: int = 0
    tasks_fn: int = 0
    agencies_tp: int = 0
    agencies_fp: int = 0
    agencies_fn: int = 0
    lenient_tp: int = 0
    lenient_fp: int = 0
    lenient_fn: int = 0
    roles_ok: int = 0
    roles_total: int = 0
    metadata_ok: int = 0
    metadata_total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def scores(self) -> dict[str, float | None]:
        """The reported figures; None where there is nothing to score."""
        return {
            "sections_f1": _f1(self.sections_tp, self.sections_fp, self.sections_fn),
            "headings": _share(self.headings_ok, self.headings_total),
            "tasks_f1": _f1(self.tasks_tp, self.tasks_fp, self.tasks_fn),
            "agencies_f1": _f1(self.agencies_tp, self.agencies_fp, self.agencies_fn),
            "agencies_lenient_f1": _f1(self.lenient_tp, self.lenient_fp, self.lenient_fn),
            "roles": _share(self.roles_ok, self.roles_total),
            "metadata": _share(self.metadata_ok, self.metadata_total),
        }

    def precision_recall(self) -> dict[str, tuple[float | None, float | None]]:
        """Precision and recall of the F1 figures."""
        out = {}
        for name in ("sections", "tasks", "agencies", "lenient"):
            tp, fp, fn = (getattr(self, f"{name}_{k}") for k in ("tp", "fp", "fn"))
            out[name] = (_share(tp, tp + fp), _share(tp, tp + fn))
        return out


def _share(ok: int, total: int) -> float | None:
    return ok / total if total else None


def _f1(tp: int, fp: int, fn: int) -> float | None:
    if tp + fp + fn == 0:
        return None
    return 2 * tp / (2 * tp + fp + fn)


@dataclass
class NoticeScore:
    """The score of one notice, with the differences that explain it."""

    doc: str
    counts: Counts
    differences: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Scores of a corpus: one row per notice and the micro-average."""

    notices: list[NoticeScore]

    @property
    def total(self) -> Counts:
        """Counts summed over the corpus."""
        total = Counts()
        for notice in self.notices:
            total = total + notice.counts
        return total

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: per-notice and micro-averaged scores."""
        return {
            "notices": {n.doc: n.counts.scores() for n in self.notices},
            "micro": self.total.scores(),
        }


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read gold file: {exc}", path=str(path)) from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("doc"), str):
        raise GoldFormatError('gold file needs a "doc" naming the notice', path=str(path))
    for key, kind in (("sections", list), ("tasks", list), ("metadata", dict), ("headings", dict)):
        if key in gold and not isinstance(gold[key], kind):
            raise GoldFormatError(f'"{key}" must be a {kind.__name__}', path=str(path))
    return gold


def iter_gold(corpus: Path) -> Iterator[tuple[Path, Path]]:
    """(gold file, notice file) pairs of a corpus folder, sorted by name."""
    for gold_path in sorted(corpus.glob(f"*{GOLD_SUFFIX}")):
        gold = load_gold(gold_path)
        notice = corpus / gold["doc"]
        if not notice.exists():
            raise GoldFormatError(f"notice {gold['doc']} not found beside the gold file", path=str(gold_path))
        yield gold_path, notice


def evaluate_corpus(corpus: Path, parse: Callable[[Path], Document]) -> tuple[Report, list[DashuangError]]:
    """Score every gold file of ``corpus``; a notice that cannot be read scores as an empty
    parse (everything missed) and its error is returned, so one bad file never hides the rest.
    """
    notices: list[NoticeScore] = []
    errors: list[DashuangError] = []
    for gold_path in sorted(corpus.glob(f"*{GOLD_SUFFIX}")):
        try:
            gold = load_gold(gold_path)
        except GoldFormatError as error:
            errors.append(error)
            continue
        notice = corpus / gold["doc"]
        try:
            doc = parse(notice)
        except DashuangError as error:
            errors.append(error)
            doc = Document()
        except Exception as error:  # noqa: BLE001 - a parser bug must not hide the other scores
            errors.append(DashuangError(f"parser failed: {error!r}", path=str(notice)))
            doc = Document()
        notices.append(score(doc, gold))
    return Report(notices), errors


def score(doc: Document, gold: dict[str, Any]) -> NoticeScore:
    """Score one parsed notice against its gold annotation."""
    counts = Counts()
    diffs: list[str] = []
    _score_sections(doc, gold, counts, diffs)
    _score_tasks(doc, gold, counts, diffs)
    _score_metadata(doc, gold, counts, diffs)
    return NoticeScore(gold["doc"], counts, diffs)


def _score_sections(doc: Document, gold: dict[str, Any], counts: Counts, diffs: list[str]) -> None:
    parsed = {s.id: s for s in doc.iter_sections()}
    expected = set(gold.get("sections", []))
    counts.sections_tp = len(expected & parsed.keys())
    counts.sections_fp = len(parsed.keys() - expected)
    counts.sections_fn = len(expected - parsed.keys())
    diffs += [f"section missing: {s}" for s in sorted(expected - parsed.keys())]
    diffs += [f"section extra: {s}" for s in sorted(parsed.keys() - expected)]
    for section_id, heading in gold.get("headings", {}).items():
        counts.headings_total += 1
        got = parsed[section_id].heading if section_id in parsed else None
        if got is not None and canon(got) == canon(heading):
            counts.headings_ok += 1
        else:
            diffs.append(f"heading {section_id}: want {heading!r}, got {got!r}")


def _score_tasks(doc: Document, gold: dict[str, Any], counts: Counts, diffs: list[str]) -> None:
    parsed = [(task.id.split("/")[0], task) for task in doc.iter_tasks()]
    used = [False] * len(parsed)
    for gold_task in gold.get("tasks", []):
        end = canon(gold_task["end"])
        match = next(
            (
                i
                for i, (section, task) in enumerate(parsed)
                if not used[i] and section == gold_task["section"] and canon(task.text).endswith(end)
            ),
            None,
        )
        if match is None:
            counts.tasks_fn += 1
            diffs.append(f"task missing: {gold_task['section']} …{gold_task['end']}")
            continue
        used[match] = True
        counts.tasks_tp += 1
        _score_owners(parsed[match][1].agencies, gold_task, counts, diffs)
    for i, (section, task) in enumerate(parsed):
        if not used[i]:
            counts.tasks_fp += 1
            diffs.append(f"task extra: {section} …{task.text[-16:]} ({task.responsibility})")


def _score_owners(agencies: Iterable[Any], gold_task: dict[str, Any], counts: Counts, diffs: list[str]) -> None:
    got = {canon(a.name): a.role for a in agencies}
    want = {canon(name): role for name, role in gold_task.get("agencies", [])}
    where = f"{gold_task['section']} …{gold_task['end'][-8:]}"
    counts.agencies_tp += len(got.keys() & want.keys())
    counts.agencies_fp += len(got.keys() - want.keys())
    counts.agencies_fn += len(want.keys() - got.keys())
    for name in sorted(want.keys() - got.keys()):
        diffs.append(f"owner missing: {where}: {name}")
    for name in sorted(got.keys() - want.keys()):
        diffs.append(f"owner extra: {where}: {name}")
    got_lenient = {lenient(name) for name in got}
    want_lenient = {lenient(name) for name in want}
    counts.lenient_tp += len(got_lenient & want_lenient)
    counts.lenient_fp += len(got_lenient - want_lenient)
    counts.lenient_fn += len(want_lenient - got_lenient)
    for name in got.keys() & want.keys():
        counts.roles_total += 1
        if got[name] == want[name]:
            counts.roles_ok += 1
        else:
            diffs.append(f"role {where}: {name} want {want[name]}, got {got[name]}")


def _score_metadata(doc: Document, gold: dict[str, Any], counts: Counts, diffs: list[str]) -> None:
    parsed = doc.metadata.model_dump(mode="json")
    for key, want in gold.get("metadata", {}).items():
        counts.metadata_total += 1
        got = parsed.get(key)
        if _same_value(got, want):
            counts.metadata_ok += 1
        else:
            diffs.append(f"metadata {key}: want {want!r}, got {got!r}")


def _same_value(got: Any, want: Any) -> bool:
    if not got and not want:
        return True  # null, "" and [] all mean "not stated"
    if isinstance(want, list) and isinstance(got, list):
        return [canon(str(x)) for x in got] == [canon(str(x)) for x in want]
    if isinstance(want, str) and isinstance(got, str):
        return canon(got) == canon(want)
    return bool(got == want)


def format_table(report: Report) -> str:
    """The per-notice and micro-averaged table ``dashuang-parse eval`` prints."""
    columns = ("sections_f1", "headings", "tasks_f1", "agencies_f1", "agencies_lenient_f1", "roles", "metadata")
    titles = ("sections", "headings", "tasks", "agencies", "lenient", "roles", "metadata")
    width = max([len("micro-average"), *(len(n.doc) for n in report.notices)])
    lines = [f"{'notice':<{width}}  " + "  ".join(f"{t:>8}" for t in titles)]
    rows = [(n.doc, n.counts.scores()) for n in report.notices] + [("micro-average", report.total.scores())]
    for name, scores in rows:
        cells = "  ".join(f"{_cell(scores[c]):>8}" for c in columns)
        lines.append(f"{name:<{width}}  {cells}")
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
