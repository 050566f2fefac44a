"""The metamorphic suite (issue 14, item 2): corpus notices re-laid-out by ``transforms``
and scored against their unchanged gold, with ``dashuang_parse.tools.evaluation``'s own scorer.

``tests/test_metamorphic.py`` holds every (notice, transform) pair at ``FLOOR``;
``bench/metamorphic.py`` prints where the parser stands.
"""

from __future__ import annotations

from pathlib import Path

from dashuang_parse import parse_text
from dashuang_parse.core.lexicon import compatibility_map
from dashuang_parse.read import read_file
from dashuang_parse.tools.evaluation import NoticeScore, iter_gold, load_gold, score

from .transforms import TRANSFORMS, Transform

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"
PAIRS: list[tuple[Path, Path]] = list(iter_gold(CORPUS))
"""(gold file, notice file) of every corpus notice."""
FIGURES = ("sections_f1", "tasks_f1", "agencies_f1", "roles")
"""The figures a transform must leave at ``FLOOR`` (None, nothing to score, is skipped)."""
FLOOR = 0.99


def notice_text(notice: Path) -> str:
    """The notice's text as its reader gives it (HTML, PDF and DOCX notices are read first:
    the transforms re-lay-out text, whatever file it came from), with look-alike characters
    (a PDF's Kangxi radicals ⻔ ⺠) already mapped: ``traditional`` maps 门 and would leave ⻔."""
    return compatibility_map().apply(read_file(notice).text)


def score_transformed(gold_path: Path, notice: Path, transform: Transform) -> NoticeScore:
    """Parse ``transform`` of the notice's text and score it against its gold file
    (rewritten by ``transform.gold``: only traditional characters need that)."""
    text = transform.apply(notice_text(notice))
    return score(parse_text(text), transform.gold(load_gold(gold_path)))


__all__ = ["CORPUS", "FIGURES", "FLOOR", "PAIRS", "TRANSFORMS", "Transform", "notice_text", "score_transformed"]
