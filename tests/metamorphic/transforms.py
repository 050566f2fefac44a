"""Layout transforms for the metamorphic suite (issue 14, item 2).

Each transform is a pure, deterministic function ``str -> str`` that re-lays-out the text of
a notice the way real copies of notices differ (one-line web saves, PDF wrapping, other item
separators, page furniture, traditional characters, ...) while a careful reader would read
it identically: the same sections, the same tasks, the same owners. Where a transform is
random, its generator is seeded from a fixed seed and the text itself, so the same text
always gives the same output.

What a transform may change: the scorer (``dashuang_parse.evaluation``) compares every
string after NFKC with all whitespace removed (``canon``). So line breaks, spaces and
characters NFKC maps back (（ → (, １ → 1, ． → .) are free; the marker separators are not
scored text (a gold ``end`` stops before the owner parenthetical, a section is scored by its
id); inserted furniture lines are the parser's to drop. Traditional characters change
scored text, so that transform comes with a gold transform (``Transform.gold``) that writes
the gold's strings the same way. ``tests/test_metamorphic.py`` checks each transform's
promise (``Transform.keeps``) on every corpus notice.

    >>> join_all("一、总则\\n  （一）加强监管。\\n（市公安局负责）\\n")
    '一、总则（一）加强监管。（市公安局负责）'
    >>> separators_spaced("1.加强监管。\\n12．完善制度。\\n2017.9 不是编号")
    '1 . 加强监管。\\n12 . 完善制度。\\n2017.9 不是编号'
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

SEED = 14
"""The fixed part of every random transform's seed (the issue number)."""

_LINE_START = r"(?m)^(?P<lead>[ \t\u3000#]*)"
_ARABIC_MARKER = re.compile(_LINE_START + r"(?P<number>\d{1,2})(?P<sep>[.．])(?!\d)")
_CHINESE_MARKER = re.compile(_LINE_START + r"(?P<number>[一二三四五六七八九十]{1,3})(?P<sep>、)")
_OWNER_LINE = re.compile(r"^[ \t\u3000]*[（(](?![一二三四五六七八九十\d]{1,3}[）)])")
"""A line that starts with a parenthetical other than a marker such as （一） or (1)."""


def _lines(text: str) -> list[str]:
    return text.split("\n")


# --- 1. one line -------------------------------------------------------------------------


def join_all(text: str) -> str:
    """Every line stripped and all joined with no separator at all: a notice saved on one
    line ("…负责）二、保障措施…", "…。（二）…").

    >>> join_all("一、总则\\n\\n二、任务\\n")
    '一、总则二、任务'
    """
    return "".join(line.strip() for line in _lines(text))


# --- 2. paragraphs joined ------------------------------------------------------------------


def join_paragraphs(text: str) -> str:
    """The physical lines of each paragraph joined (no separator; continuation lines lose
    their indentation). A paragraph ends at a blank line or at a line ending in 。; blank
    lines are kept.

    >>> join_paragraphs("一、总则\\n（一）加强\\n监管。\\n（市公安局负责）\\n\\n二、任务")
    '一、总则（一）加强监管。\\n（市公安局负责）\\n\\n二、任务'
    """
    out: list[str] = []
    current: str | None = None
    for line in _lines(text):
        if not line.strip():
            if current is not None:
                out.append(current)
                current = None
            out.append(line)
            continue
        current = line.rstrip() if current is None else current + line.strip()
        if current.endswith("。"):
            out.append(current)
            current = None
    if current is not None:
        out.append(current)
    return "\n".join(out)


def join_except_full_stop(text: str) -> str:
    """Every line break removed except after a line ending in 。 (blank lines go too).

    >>> join_except_full_stop("一、总则\\n（一）加强\\n监管。\\n\\n（市公安局负责）\\n二、任务")
    '一、总则（一）加强监管。\\n（市公安局负责）二、任务'
    """
    out: list[str] = []
    current = ""
    for line in _lines(text):
        current += line.strip() if current else line.rstrip()
        if current.endswith("。"):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)


# --- 3. hard wrap --------------------------------------------------------------------------


def wrap(width: int) -> Callable[[str], str]:
    """A transform hard-wrapping every line at ``width`` characters, as PDF text copies
    are (a line's indentation counts; no character is dropped or added).

    >>> wrap(4)("一、总则\\n（一）加强监管。")
    '一、总则\\n（一）加\\n强监管。'
    """

    def wrapped(text: str) -> str:
        out: list[str] = []
        for line in _lines(text):
            line = line.rstrip()
            out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
        return "\n".join(out)

    wrapped.__name__ = f"wrap_{width}"
    wrapped.__doc__ = f"Every line hard-wrapped at {width} characters (see ``wrap``)."
    return wrapped


wrap_28 = wrap(28)
wrap_40 = wrap(40)


def one_line_wrapped(text: str) -> str:
    """A notice saved on one line, then hard-wrapped at 28 characters: a one-line web copy
    printed to PDF and copied back (markers, numbers and owner lists cut anywhere).

    >>> one_line_wrapped("一、总则\\n（一）加强监管。（市公安局负责）（二）完善制度。（市财政局负责）")
    '一、总则（一）加强监管。（市公安局负责）（二）完善制度。\\n（市财政局负责）'
    """
    return wrap_28(join_all(text))


# --- 4. separators -------------------------------------------------------------------------


def _arabic_separator(separator: str, name: str) -> Callable[[str], str]:
    def swapped(text: str) -> str:
        return _ARABIC_MARKER.sub(lambda m: m["lead"] + m["number"] + separator, text)

    swapped.__name__ = name
    swapped.__doc__ = (
        f"Every line-start arabic item marker 1. / 1． written {separator.strip()!r}-style: "
        f"``1.`` → ``1{separator}`` (the number kept; 2017.9 and 3.5 untouched)."
    )
    return swapped


separators_fullwidth_stop = _arabic_separator("．", "separators_fullwidth_stop")
separators_dunhao = _arabic_separator("、", "separators_dunhao")
separators_spaced = _arabic_separator(" . ", "separators_spaced")


def separators_chinese_stop(text: str) -> str:
    """Every line-start 一、 written 一． (the number kept).

    >>> separators_chinese_stop("一、总则\\n  十二、附则\\n第一、二季度")
    '一．总则\\n  十二．附则\\n第一、二季度'
    """
    return _CHINESE_MARKER.sub(lambda m: m["lead"] + m["number"] + "．", text)


# --- 5. brackets ---------------------------------------------------------------------------


def halfwidth_brackets(text: str) -> str:
    """（ and ） written ( and ) everywhere (NFKC maps them back).

    >>> halfwidth_brackets("（一）加强监管。（市公安局负责）")
    '(一)加强监管。(市公安局负责)'
    """
    return text.replace("（", "(").replace("）", ")")


# --- 6. page furniture ---------------------------------------------------------------------


def _running_title(text: str) -> str:
    """The notice's first non-blank line (markdown # marks dropped), at most 30 characters:
    running titles are short, and some notices open with a whole paragraph."""
    first = next((line for line in _lines(text) if line.strip()), "")
    return first.strip().lstrip("#").strip()[:30]


_FURNITURE: dict[str, Callable[[int, int, str], str]] = {
    "dash": lambda page, total, title: f"- {page} -",
    "emdash": lambda page, total, title: f"— {page} —",
    "page_of": lambda page, total, title: f"第 {page} 页 共 {total} 页",
    "page_hash": lambda page, total, title: f"# Page {842 + page}:",
    "slash": lambda page, total, title: f"{page}/{total}",
    "running_title": lambda page, total, title: title,
}


def insert_furniture(text: str, style: str, *, every: int = 20) -> str:
    """Page furniture lines of ``style`` inserted between lines: before every line that
    starts with a (non-marker) parenthetical (between a statement and its owners, even
    across a blank line), and at random line breaks, about one in ``every`` (at least two
    in all). Pages are numbered from 1 in order; the total is the number of breaks + 1.

    Deleting the inserted lines gives ``text`` back exactly.

    >>> insert_furniture("一、总则\\n加强监管。\\n（市公安局负责）", "page_of")
    '一、总则\\n第 1 页 共 3 页\\n加强监管。\\n第 2 页 共 3 页\\n（市公安局负责）'
    """
    lines = _lines(text)
    rng = random.Random(SEED * 1_000_003 + zlib.crc32(text.encode("utf-8")))
    breaks = range(1, len(lines))  # a break i sits between lines i-1 and i
    chosen = {i for i in breaks if _OWNER_LINE.match(lines[i])}
    chosen |= {i for i in breaks if rng.random() < 1 / every}
    spare = [i for i in breaks if i not in chosen]
    chosen |= set(rng.sample(spare, min(len(spare), max(0, 2 - len(chosen)))))
    title = _running_title(text)
    total = len(chosen) + 1
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in chosen:
            out.append(_FURNITURE[style](len(out) - i + 1, total, title))
        out.append(line)
    return "\n".join(out)


def _furniture(style: str) -> Callable[[str], str]:
    def furnished(text: str) -> str:
        return insert_furniture(text, style)

    furnished.__name__ = f"furniture_{style}"
    furnished.__doc__ = (
        f"Page furniture lines like {_FURNITURE[style](3, 9, '<first line>')!r} inserted at "
        "line breaks (see ``insert_furniture``)."
    )
    return furnished


furniture_dash = _furniture("dash")
furniture_emdash = _furniture("emdash")
furniture_page_of = _furniture("page_of")
furniture_page_hash = _furniture("page_hash")
furniture_slash = _furniture("slash")
furniture_running_title = _furniture("running_title")


# --- 7. traditional characters -------------------------------------------------------------


@cache
def to_traditional_table() -> dict[int, str]:
    """simplified → traditional, the inverse of the package's ``data/traditional.txt``
    (traditional → simplified), for the simplified characters whose inverse is unique and
    that are not themselves traditional characters of the table (so the parser's simplified
    view reads the transformed text exactly as it reads the original).

    The table is used only to generate the transform; nothing here tests it.
    """
    text = resources.files("dashuang_parse.data").joinpath("traditional.txt").read_text(encoding="utf-8")
    pairs = [tok for line in text.splitlines() if not line.startswith("#") for tok in line.split()]
    sources: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        sources[pair[1]].append(pair[0])
    keys = {pair[0] for pair in pairs}
    return {
        ord(simplified): found[0]
        for simplified, found in sources.items()
        if len(found) == 1
        and found[0] != simplified
        and simplified not in keys
        and unicodedata.normalize("NFKC", found[0]) == found[0]
    }


def traditional(text: str) -> str:
    """Simplified characters written traditional, one for one, wherever the inverse of the
    package's table is unique (干, 里, 发, 别 ... have several sources and stay as they are).
    The rule is mechanical: 局's only source in the table is the variant 侷, so 局 becomes 侷.

    >>> traditional("市场监督管理局按职责分工分别负责")
    '市場監督管理侷按職責分工分别負責'
    """
    return text.translate(to_traditional_table())


def traditional_gold(gold: dict[str, Any]) -> dict[str, Any]:
    """A gold annotation written as ``traditional`` writes its notice: every string value
    (ends, owner names, headings, metadata) converted; keys and ids are ASCII and stay."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return traditional(value)
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    converted = convert(gold)
    converted["doc"] = gold["doc"]
    return converted


# --- 8. NFKC -------------------------------------------------------------------------------


def nfkc(text: str) -> str:
    """The whole text in NFKC (（ → (, １ → 1, ． → ., ⼀ → 一, … → ...).

    >>> nfkc("１．加强监管。（市公安局负责）")
    '1.加强监管。(市公安局负责)'
    """
    return unicodedata.normalize("NFKC", text)


# --- registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transform:
    """A named transform, what it promises to keep, and how it rewrites a gold file.

    ``keeps`` is checked by the suite on every notice:
    - ``"canon"``: ``canon(apply(text)) == canon(text)``: only whitespace and NFKC-equivalent
      characters change;
    - ``"markers"``: only the separator of line-start item markers changes;
    - ``"insertions"``: only whole lines are inserted;
    - ``"characters"``: characters are replaced one for one (and the gold is rewritten).
    """

    name: str
    apply: Callable[[str], str]
    keeps: str
    gold: Callable[[dict[str, Any]], dict[str, Any]] = lambda gold: gold


TRANSFORMS: tuple[Transform, ...] = (
    Transform("join_all", join_all, "canon"),
    Transform("join_paragraphs", join_paragraphs, "canon"),
    Transform("join_except_full_stop", join_except_full_stop, "canon"),
    Transform("wrap_28", wrap_28, "canon"),
    Transform("wrap_40", wrap_40, "canon"),
    Transform("one_line_wrapped", one_line_wrapped, "canon"),
    Transform("separators_fullwidth_stop", separators_fullwidth_stop, "markers"),
    Transform("separators_dunhao", separators_dunhao, "markers"),
    Transform("separators_spaced", separators_spaced, "markers"),
    Transform("separators_chinese_stop", separators_chinese_stop, "markers"),
    Transform("halfwidth_brackets", halfwidth_brackets, "canon"),
    *(
        Transform(f.__name__, f, "insertions")
        for f in (
            furniture_dash,
            furniture_emdash,
            furniture_page_of,
            furniture_page_hash,
            furniture_slash,
            furniture_running_title,
        )
    ),
    Transform("traditional", traditional, "characters", traditional_gold),
    Transform("nfkc", nfkc, "canon"),
)
BY_NAME = {t.name: t for t in TRANSFORMS}
MARKER_PREFIX = re.compile(r"^[ \t\u3000#]*(?:\d{1,2}|[一二三四五六七八九十]{1,3})[ ]?[.．、][ ]*")
"""The marker a ``"markers"`` transform may rewrite, with its separator and the spaces after it
(for the check: ``1. 开展`` written ``1 .  开展`` keeps the notice's own space)."""
