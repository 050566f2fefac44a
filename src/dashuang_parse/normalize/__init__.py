"""Text → normalized text with an offset map back to the input.

The normalized text is what every span of a Document indexes. Normalizing:

* unifies widths for matching: round brackets become full width （）, Chinese-context
  ``, : ;`` become ，：；, full-width digits and Latin letters become ASCII;
* removes indentation, markdown heading marks and rules, control characters, and spaces
  between Chinese characters (``通 知`` → ``通知``, ``2015 年`` → ``2015年``);
* drops whole lines of web-page boilerplate and trailing report forms (data/boilerplate.txt);
* repairs lines broken by page or line wrapping (inside a word or number, a title over two
  lines, an owners' parenthetical alone on the next line), and writes one ``\\n`` between
  the lines that remain: paragraphs, headings, header fields.

>>> normalize("一、总体要求\\n  (一)加强监管。坚持依法管网,落实平台主体责\\n\\n任。").text
'一、总体要求\\n（一）加强监管。坚持依法管网，落实平台主体责任。'
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

import regex

from ..core import lexicon
from ..core.charmap import CharMap
from ..core.markers import starts_section
from . import rules
from .join import LineSoFar, joins, open_bracket, wrap_width
from .variants import has_traditional, simplified_view

_SPACES = " \t\u3000\xa0\u2002\u2003\u2009\u200a\u202f\u205f"
_HALF_TO_FULL = {"(": "（", ")": "）"}
# ASCII punctuation that becomes full width when it touches a Chinese character.
_CONTEXT_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_MARKDOWN_HEADING = regex.compile(r"^(?:#{1,6}(?:\s+|$))+")
_MARKDOWN_RULE = regex.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$")
# Markdown bold and italics around text converted from Word or PDF:  **一、总体要求**
_MARKDOWN_EMPHASIS = "**"
# What a line that is only a markdown mark starts with.
_MARKDOWN_STARTS = frozenset("#-*_=")
_EMPHASIS = regex.compile(r"\*\*")
# How many times at most the lines are joined again when a pass made them look hard-wrapped.
_MAX_PASSES = 4
# The longest line that may be page boilerplate: a longer one holds the notice (saved on one
# line, it may start with a nav bar that a boilerplate pattern would take to the line's end).
_BOILERPLATE_MAX = 200
# A running title is one of the first lines, this short, written again this many times or more.
_HEADER_LINES = 5
_RUNNING_TITLE_MAX = 40
_RUNNING_REPEATS = 2
_HAN = regex.compile(r"\p{Han}")
# Half-width square brackets around Chinese words are the 【】 a notice means; around a year
# (大政办发[2012]45号) they are a document number's and stay:  [ 责任单位：市发展改革委牵头 ]
_SQUARE_WORDS = regex.compile(r"\[(\s*[\u4e00-\u9fff][^\[\]\n]{0,300}?)\]")


@dataclass(frozen=True)
class Normalized:
    """Normalized text and, for each of its characters, the offset in the input."""

    text: str
    offsets: array  # offsets[i]: input offset of text[i]; one extra entry: len(input)

    def source_offset(self, index: int) -> int:
        """Input offset of normalized offset ``index`` (``len(text)`` maps to the input end)."""
        return self.offsets[max(0, min(index, len(self.offsets) - 1))]


@dataclass
class _Line:
    chars: str  # the cleaned physical line, before the context rules
    origins: list[int] | None  # input offset of each character (None: not tracked)
    end: int  # input offset of the line's end, its newline (0: not tracked)
    keep_spaces: bool  # a metadata table row: spaces separate labels and values
    text: str  # the line as it will be written (context rules applied)
    width: int = 0  # characters the physical line took, indentation included
    merged: bool = False  # whether later physical lines were joined to it


# Characters of Chinese text: ideographs, CJK and full-width punctuation, Chinese quotes.
_CJK = "[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2e80-\u2fdf\U00020000-\U0002fa1f“”‘’…—·《》]"
_CJK_CHAR = regex.compile(_CJK)
# Invisible and control characters, deleted: \p{Cc}, \p{Cs} and \p{Co} written out for the
# stdlib ``re``, which scans a plain class several times faster than ``regex``. A tab is a
# space, not a control, and the newline is what the text is cut into lines at.
_DELETE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
    "\u200b\u200c\u200d\u2060\u00ad\ufeff]"
)
# Spaces to squeeze: at the ends of a line, and all but the first of a run. (``regex`` here:
# ``re`` tries the look-behind at every character, and is twenty times slower on this one.)
_EXTRA_SPACE = regex.compile(r"^ +| +$|(?<= ) +", regex.MULTILINE)
# A run of ASCII marks that widens as one when it touches Chinese (!!, ?:).
_MARK_RUN = re.compile(r"[,:;?!][,:;?! ]*")
# A space touching a Chinese character.
_CJK_SPACE = regex.compile(rf" (?={_CJK})|(?<={_CJK}) ")
_WIDEN = str.maketrans(_CONTEXT_FULL)


def _clean_table() -> CharMap:
    table: dict[str, str] = {ch: " " for ch in _SPACES if ch != " "}  # a space stays: no call per space
    table.update(_HALF_TO_FULL)
    # Full-width digits and Latin letters: １．→ 1．, ＡＰＰ → APP.
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        table.update({chr(code): chr(code - 0xFEE0) for code in range(first, last + 1)})
    return CharMap(table)


_CLEAN = _clean_table()


_Pattern = regex.Pattern[str] | re.Pattern[str]
_Tracked = tuple[str, list[int] | None]  # characters and, if tracked, their input offsets


def _delete(chars: str, origins: list[int] | None, pattern: _Pattern) -> _Tracked:
    """Remove what ``pattern`` matches, keeping each remaining character's input offset."""
    if origins is None:
        return pattern.sub("", chars), None
    spans = [m.span() for m in pattern.finditer(chars)]
    if not spans:
        return chars, origins
    kept_chars: list[str] = []
    kept_origins: list[int] = []
    at = 0
    for start, end in spans:
        kept_chars.append(chars[at:start])
        kept_origins.extend(origins[at:start])
        at = end
    kept_chars.append(chars[at:])
    kept_origins.extend(origins[at:])
    return "".join(kept_chars), kept_origins


def _drop_emphasis(chars: str, origins: list[int] | None) -> _Tracked:
    """Remove markdown ``**`` marks (a notice never writes two asterisks itself)."""
    chars, origins = _delete(chars, origins, _EMPHASIS)
    return _delete(chars, origins, _EXTRA_SPACE)


def _finish_line(chars: str, origins: list[int] | None, keep_spaces: bool, marks: bool = True) -> _Tracked:
    """Context rules, once a line is whole (joins done): ``, : ; ? !`` touching a Chinese
    character become full width, then spaces touching one are dropped (``2015 年``).

    ``marks`` False: the caller knows the line has none of ``, : ; ? !``.
    """
    if marks and _MARK_RUN.search(chars):
        pieces: list[str] = []
        at = 0
        for run in _MARK_RUN.finditer(chars):
            before = chars[: run.start()].rstrip(" ")[-1:]
            after = chars[run.end() : run.end() + 1]
            if _CJK_CHAR.match(before or " ") or _CJK_CHAR.match(after or " ") or (not after and ":" in run.group()):
                pieces.append(chars[at : run.start()])
                pieces.append(run.group().translate(_WIDEN))
                at = run.end()
        pieces.append(chars[at:])
        chars = "".join(pieces)
    if keep_spaces or " " not in chars:
        return chars, origins
    return _delete(chars, origins, _CJK_SPACE)


@dataclass
class _Cleaned:
    """The input cut into physical lines, raw and cleaned, each also joined with ``\\n``."""

    raws: list[str]
    raw_text: str
    lines: list[str]  # widths unified, invisible characters deleted, space runs squeezed
    text: str
    origins: list[list[int]] | None  # each cleaned line's input offsets, if tracked
    ends: list[int]  # the input offset each line ends at, if tracked


def _clean(text: str, track: bool) -> _Cleaned:
    """Input → its physical lines, raw and cleaned.

    The cleaning is done on the whole text at once: a pass per line costs more in calls
    than in characters.
    """
    raws = text.splitlines()
    ends: list[int] = []
    origins: list[int] | None = None
    if track:
        origins, start = [], 0
        for piece, raw in zip(text.splitlines(keepends=True), raws):
            origins.extend(range(start, start + len(raw) + 1))  # the line, then its newline
            ends.append(start + len(raw))
            start += len(piece)
    raw_text = "\n".join(raws)
    chars, origins = _delete(raw_text + "\n", origins, _DELETE)
    chars = _CLEAN.apply(lexicon.compatibility_map().apply(chars))
    if "[" in chars:
        chars = _SQUARE_WORDS.sub(r"【\1】", chars)  # same length: offsets stay valid
    if " " in chars:
        chars, origins = _delete(chars, origins, _EXTRA_SPACE)
    clean_text = chars[:-1]  # without the newline added for the last line's offset
    lines = clean_text.split("\n") if raws else []
    line_origins: list[list[int]] | None = None
    if origins is not None:
        line_origins, at = [], 0
        for line in lines:
            line_origins.append(origins[at : at + len(line)])
            at += len(line) + 1
    return _Cleaned(raws, raw_text, lines, clean_text, line_origins, ends)


def _line_indices(pattern: _Pattern, text: str, starts: list[int]) -> set[int]:
    """Indices of the lines of ``text`` (which start at ``starts``) that ``pattern`` matches in."""
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(text)}


def _line_starts(lines: list[str]) -> list[int]:
    return [0, *accumulate(len(line) + 1 for line in lines)][:-1]


def _split_lines(text: str, track: bool) -> list[_Line]:
    """Input → cleaned, non-empty lines with markdown marks and boilerplate removed."""
    boilerplate = lexicon.boilerplate_pattern()
    cleaned = _clean(text, track)
    # Which lines need the rules that few lines do, found with one search of the whole text.
    field_rows = _line_indices(rules.FIELD_ROW, cleaned.raw_text, _line_starts(cleaned.raws))
    mark_lines = _line_indices(_MARK_RUN, cleaned.text, _line_starts(cleaned.lines))
    markdown = "#" in cleaned.text or _MARKDOWN_EMPHASIS in cleaned.text
    lines: list[_Line] = []
    for i, chars in enumerate(cleaned.lines):
        if not chars:
            continue
        line_origins = cleaned.origins[i] if cleaned.origins is not None else None
        if markdown:
            heading = _MARKDOWN_HEADING.match(chars)
            if heading:
                chars, line_origins = chars[heading.end() :], line_origins and line_origins[heading.end() :]
            if _MARKDOWN_EMPHASIS in chars:
                chars, line_origins = _drop_emphasis(chars, line_origins)
        keep_spaces = i in field_rows
        content, _ = _finish_line(chars, None, keep_spaces, marks=i in mark_lines)
        if not content or (content[0] in _MARKDOWN_STARTS and _is_markdown_mark(content)):
            continue
        # Boilerplate is matched with its spaces: they separate the items of a nav bar.
        spaced = " ".join(cleaned.raws[i].split()).lstrip("#").strip()
        if len(content) <= _BOILERPLATE_MAX and (
            boilerplate.match(spaced) or (content != spaced and boilerplate.match(content))
        ):
            continue
        # The width counts the indentation: the first line of a wrapped paragraph is indented
        # and as wide as the others.
        width = len(chars) + len(cleaned.raws[i]) - len(cleaned.raws[i].lstrip())
        lines.append(_Line(chars, line_origins, cleaned.ends[i] if track else 0, keep_spaces, content, width))
    return _drop_running_titles(_drop_forms(lines))


def _is_markdown_mark(content: str) -> bool:
    """A markdown rule (---) or a heading mark with nothing after it (##)."""
    return bool(_MARKDOWN_RULE.match(content) or _MARKDOWN_HEADING.fullmatch(content))


def _drop_forms(lines: list[_Line]) -> list[_Line]:
    """Remove report forms: fill-in field lines and the form title just above them."""
    field, title = lexicon.form_patterns()
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        content = line.text
        if field.match(content) and not rules.FIELD_LINE.match(content):
            keep[i] = False
            if i > 0 and title.match(lines[i - 1].text):
                keep[i - 1] = False
    return [line for line, kept in zip(lines, keep) if kept]


def _drop_running_titles(lines: list[_Line]) -> list[_Line]:
    """Remove running titles: a short line of the header (the issuer or title printed at the
    top of the first page) written again, alone, at least ``_RUNNING_REPEATS`` times further
    down is page furniture there (a PDF's or a print's page head); its first writing stays.
    Marker and owner lines never are: they repeat as a notice's own content."""
    header = [line.text for line in lines[:_HEADER_LINES]]
    titles = {
        text
        for text in header
        if 4 <= len(text) <= _RUNNING_TITLE_MAX
        and _HAN.search(text)  # words, not a rule of digits or dashes
        and not starts_section(text)
        and not rules.OWNER_LINE.match(text)
    }
    if not titles:
        return lines
    counts = Counter(line.text for line in lines if line.text in titles)
    repeated = {text for text, count in counts.items() if count > _RUNNING_REPEATS}
    if not repeated:
        return lines
    seen: set[str] = set()
    kept: list[_Line] = []
    for line in lines:
        if line.text in repeated:
            if line.text in seen:
                continue
            seen.add(line.text)
        kept.append(line)
    return kept


def normalize(text: str) -> Normalized:
    """Normalize ``text``; see the module docstring for what changes.

    Normalizing is idempotent: ``normalize(normalize(t).text).text == normalize(t).text``.
    """
    return _normalize(text, track=True)


def normalize_text(text: str) -> str:
    """``normalize(text).text``, without building the offset map (the parser's fast path).

    >>> sample = "一、总体要求 (一)加强监管,坚持依法管网"
    >>> normalize_text(sample) == normalize(sample).text
    True
    """
    return _normalize(text, track=False).text


def _normalize(text: str, *, track: bool) -> Normalized:
    """Normalize to a fixed point: ``_normalize(result.text)`` gives ``result.text`` again.

    A pass decides whether the text is hard-wrapped from its lines; joining lines can make
    lines of one length (``000…\\r`` × 5 + ``00…\\r、``: joining the 、 makes a sixth), so a
    second pass would decide otherwise; a line left open in a bracket may be joined once the
    next line was (``_may_join_again``). While that can happen, the lines are joined again
    (offsets composed), until nothing changes.
    """
    result = _normalize_once(text, track)
    for _ in range(_MAX_PASSES):
        if not _may_join_again(result.text):
            break
        again = _normalize_once(result.text, track)
        if again.text == result.text:
            break
        if track:
            offsets = array("q", (result.offsets[i] for i in again.offsets))
            again = Normalized(again.text, offsets)
        result = again
    return result


def _may_join_again(text: str) -> bool:
    """Whether a second pass could join lines the first pass left apart: the lines now look
    hard-wrapped, or a line still ends inside an open bracket (``（`` / ``一、`` / ``）``: the
    first pass saw ``一、`` alone, the second sees ``一、）`` close the bracket)."""
    lines = text.split("\n")
    if wrap_width([len(line) for line in lines], lines) is not None:
        return True
    return any(open_bracket(line) for line in lines[:-1])


def _normalize_once(text: str, track: bool) -> Normalized:
    lines = _split_lines(text, track)
    texts = [line.text for line in lines]
    if has_traditional(text):  # joining decisions read the simplified view: 駐政辦〔2015〕100號
        texts = [simplified_view(piece) for piece in texts]
    width = wrap_width([line.width for line in lines], texts)
    chars: list[str] = []
    offsets = array("q") if track else None
    previous: _Line | None = None
    joined: list[str] = []  # the physical lines merged into ``previous`` after its own
    logical = LineSoFar.of("")  # the logical line so far, as the join rules read it
    last_width = 0  # the width of its last physical line
    for line, piece in zip(lines, texts):
        if previous is not None:
            if joins(logical, last_width, piece, width):
                # Merge into one logical line; the next decision looks at this piece. The
                # pieces are gathered and joined once: appending to a growing string at
                # every break would copy a long paragraph once per line.
                joined.append(line.chars)
                if previous.origins is not None and line.origins is not None:
                    previous.origins.extend(line.origins)
                previous.end = line.end
                previous.merged = True
                logical.extend(piece)
                last_width = line.width
                continue
            _emit(previous, joined, chars, offsets, newline=True)
        previous, joined = line, []
        logical = LineSoFar.of(piece)
        last_width = line.width
    if previous is not None:
        _emit(previous, joined, chars, offsets, newline=False)
    if offsets is None:
        return Normalized("".join(chars), array("q"))
    offsets.append(len(text))
    return Normalized("".join(chars), offsets)


def _emit(line: _Line, joined: list[str], chars: list[str], offsets: array | None, *, newline: bool) -> None:
    if joined:
        line.chars += "".join(joined)
    if offsets is None and not line.merged:
        chars.append(line.text)  # already finished when it was looked at
        if newline:
            chars.append("\n")
        return
    finished, origins = _finish_line(line.chars, line.origins, line.keep_spaces)
    if line.merged and "[" in finished:
        # [ 责任单位：… ] wrapped over lines is whole only now (same length: offsets stay).
        finished = _SQUARE_WORDS.sub(r"【\1】", finished)
    chars.append(finished)
    if offsets is not None and origins is not None:
        offsets.extend(origins)
    if newline:
        chars.append("\n")
        if offsets is not None:
            offsets.append(line.end)
