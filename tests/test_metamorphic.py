"""Metamorphic tests (issue 14, item 2): a re-laid-out notice parses as the notice does.

Every corpus notice under every transform of ``metamorphic.transforms`` (one line, joined
paragraphs, hard wraps, one line re-wrapped, other separators, half-width brackets, page
furniture, traditional characters, NFKC) must score at least 0.99 on sections, tasks, agencies and roles against
its own gold file. A second set of tests checks each transform's own promise, so a failure
of the first set is the parser's, not the transform's. ``python bench/metamorphic.py``
prints the whole table and the differences of the worst pairs.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import pytest
from metamorphic import FIGURES, FLOOR, PAIRS, notice_text, score_transformed
from metamorphic.transforms import MARKER_PREFIX, TRANSFORMS, Transform, to_traditional_table

from dashuang_parse import parse_file
from dashuang_parse.tools.evaluation import canon, load_gold, score

# (notice-transform) pairs the parser does not yet read the same, each with its reason
# (issue 14): strict xfails, so a fix shows as XPASS and the line must go.
KNOWN_FAILURES: dict[str, str] = {}
for _line in (Path(__file__).parent / "metamorphic" / "known_failures.txt").read_text(encoding="utf-8").splitlines():
    if _line.strip() and not _line.startswith("#"):
        _case, _, _reason = _line.partition(" ")
        KNOWN_FAILURES[_case] = _reason.strip()


def _marks(case_id: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_FAILURES.get(case_id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


CASES = [
    pytest.param(
        gold,
        notice,
        transform,
        id=f"{notice.stem}-{transform.name}",
        marks=_marks(f"text:{notice.stem}-{transform.name}"),
    )
    for gold, notice in PAIRS
    for transform in TRANSFORMS
]
SCORED_CASES = [pytest.param(*case.values, id=case.id, marks=_marks(str(case.id))) for case in CASES]


def test_every_corpus_notice_is_covered() -> None:
    assert len(PAIRS) >= 15
    assert len({t.name for t in TRANSFORMS}) == len(TRANSFORMS)


@pytest.mark.parametrize(("gold", "notice", "transform"), SCORED_CASES)
def test_transformed_notice_scores_as_its_gold(gold: Path, notice: Path, transform: Transform) -> None:
    result = score_transformed(gold, notice, transform)
    scores = result.counts.scores()
    # A transform must leave the figures where they were: at FLOOR, or at the untransformed
    # notice's own score when that is lower (a layout the parser does not yet read fully).
    floors = _untransformed_floor(gold, notice)
    low = {f: value for f in FIGURES if (value := scores[f]) is not None and value < floors[f]}
    assert not low, f"{transform.name} on {notice.name}: {low}\n" + "\n".join(result.differences[:15])


@cache
def _untransformed_floor(gold: Path, notice: Path) -> dict[str, float]:
    scores = score(parse_file(notice), load_gold(gold)).counts.scores()
    return {f: min(FLOOR, scores[f] if scores[f] is not None else 1.0) for f in FIGURES}


# --- the transforms keep what they promise -------------------------------------------------


def _inserted_only(before: str, after: str) -> bool:
    matcher = difflib.SequenceMatcher(a=before.split("\n"), b=after.split("\n"), autojunk=False)
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def _without_markers(text: str) -> list[str]:
    return [MARKER_PREFIX.sub("", line) for line in text.split("\n")]


@pytest.mark.parametrize(("gold", "notice", "transform"), CASES)
def test_transform_keeps_the_compared_text(gold: Path, notice: Path, transform: Transform) -> None:
    text = notice_text(notice)
    changed = transform.apply(text)
    assert transform.apply(text) == changed, "not deterministic"
    if transform.keeps == "canon":
        assert canon(changed) == canon(text)
    elif transform.keeps == "markers":
        assert _without_markers(changed) == _without_markers(text)
    elif transform.keeps == "insertions":
        # (a notice saved on one line has no line break to put furniture at)
        assert changed.count("\n") > text.count("\n") or "\n" not in text.strip()
        assert _inserted_only(text, changed)
    elif transform.keeps == "characters":
        assert len(changed) == len(text)
        back = {traditional: chr(simplified) for simplified, traditional in to_traditional_table().items()}
        # (mapped back on both sides: a notice may already hold traditional characters, 產 發)
        assert "".join(back.get(c, c) for c in changed) == "".join(back.get(c, c) for c in text)
        assert canon(changed) == transform.apply(canon(text))
    else:
        pytest.fail(f"unknown promise {transform.keeps!r}")
    if transform.keeps == "insertions":
        return  # furniture may land inside a statement (or a name): the parser's to drop
    # Every gold end, written as the transform writes it, is still in the text to be found.
    written = canon(changed)
    missing = [t["end"] for t in transform.gold(load_gold(gold))["tasks"] if canon(t["end"]) not in written]
    assert not missing
