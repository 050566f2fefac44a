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

from . import lexicon
from .charmap import CharMap
from .lex import rules
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
# The longest line a heading sits on (characters after the marker); longer lines are prose.
HEADING_MAX = 40
# A line at least this long that stops without punctuation was cut by wrapping.
WRAPPED_MIN = 20
# Hard-wrapped text: at least this many lines stop without punctuation, and this share of
# them are of one length.
_WRAP_MIN_LINES = 6
_WRAP_SHARE = 0.6
# A heading line with a comma is at most this long (二、突出监管重点，开展专项整治).
_SHORT_HEADING = 24
# How far back an unclosed bracket may open and still pull the next line in.
_OPEN_BRACKET_REACH = 300


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
    table: dict[str, str] = {ch: " " for ch in _SPACES}
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
    chars = _CLEAN.apply(chars)
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
                chars, line_origins = chars[heading.end():], line_origins and line_origins[heading.end():]
            if _MARKDOWN_EMPHASIS in chars:
                chars, line_origins = _drop_emphasis(chars, line_origins)
        keep_spaces = i in field_rows
        content, _ = _finish_line(chars, None, keep_spaces, marks=i in mark_lines)
        if not content or (content[0] in _MARKDOWN_STARTS and _is_markdown_mark(content)):
            continue
        # Boilerplate is matched with its spaces: they separate the items of a nav bar.
        spaced = " ".join(cleaned.raws[i].split()).lstrip("#").strip()
        if boilerplate.match(spaced) or (content != spaced and boilerplate.match(content)):
            continue
        lines.append(_Line(chars, line_origins, cleaned.ends[i] if track else 0, keep_spaces, content))
    return _drop_forms(lines)


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


def _starts_section(line: str) -> bool:
    return rules.ANY_MARKER.match(line) is not None


def _is_heading(line: str) -> bool:
    """A marker line that holds only a heading: 一、指导思想 / （三）强化重点产品重点领域监管"""
    marker = rules.ANY_MARKER.match(line)
    if marker is None:
        return False
    body = line[marker.end():].rstrip("。")
    # A long line with commas is prose cut by wrapping, not a heading.
    return "。" not in body and len(body) <= HEADING_MAX and ("，" not in body or len(body) <= _SHORT_HEADING)


def _is_header_line(line: str) -> bool:
    return rules.HEADER_LINE.match(line) is not None


def _joins(prev: str, last: str, nxt: str, width: int | None) -> bool:
    """Whether line ``nxt`` continues ``prev`` (the break between them came from wrapping).

    ``prev`` is the logical line built so far, ``last`` its last physical line, ``width``
    the width the text is hard-wrapped at, if it is.
    """
    if rules.OWNERS_AT_LINE_START.match(nxt):
        return True  # （市工商局负责）… closes the statement on the line before
    if rules.LINE_IS_ONLY.match(nxt):
        return True  # 昆明市官渡区 / 文件: the 发文机关标志 printed over two lines
    if rules.TITLE_SUBTITLE.match(nxt) and rules.TITLE_END_WORD.search(prev):
        return True  # …行动计划 / （2024—2025年）: the title's period on a line of its own
    if _open_bracket(prev) and (_closes_bracket(nxt) or not _starts_section(nxt)):
        return True  # 严格落实《政府机关办公通 / 用软件资产配置标准（试行）》   （FP / 16）突破…
    if _starts_section(nxt):
        return False
    if _is_header_line(prev) or _is_header_line(nxt):
        return False
    if rules.OWNER_LINE.match(prev) or rules.OWNER_LINE.match(nxt):
        return False  # 责任单位：… lines stand on their own
    if rules.TERMINAL_PUNCT.search(prev) or rules.NOTICE_TITLE.match(prev):
        return False
    if rules.CONTINUATION_START.match(nxt):
        return True  # 关于印发…工作方案 / 的通知: no paragraph opens with 的 or a comma
    if width is not None and len(last) >= width:
        return True  # a full line of hard-wrapped text, even one that opens with a marker
    if _is_heading(prev) or rules.TITLE_LINE.match(prev):
        return False  # 一、指导思想 / a complete title line: 宿迁市…专项治理工作方案
    if rules.TITLE_END_WORD.search(nxt) and len(prev) + len(nxt) <= 80:
        return True  # 关于印发宿迁市2017年互联网领域 / 侵权假冒专项治理工作方案的通知
    return len(prev) >= WRAPPED_MIN


def _closes_bracket(line: str) -> bool:
    """Whether ``line`` closes a bracket before it opens one of the same kind."""
    for opening, closing in (("（", "）"), ("《", "》")):
        close = line.find(closing)
        if close >= 0 and not 0 <= line.find(opening) < close:
            return True
    return False


def _open_bracket(line: str) -> bool:
    """Whether ``line`` ends inside a （…） or 《…》 opened not long before."""
    tail = line[-_OPEN_BRACKET_REACH:]
    return tail.count("《") > tail.count("》") or tail.count("（") > tail.count("）")


def _wrap_width(lines: list[_Line], texts: list[str]) -> int | None:
    """The width a hard-wrapped text is cut at, or None when its lines are paragraphs.

    Text copied from a PDF breaks every paragraph into lines of nearly one length; those
    lines stop without punctuation. When most such lines share a length, that is the width.
    """
    # Header fields (索引号：…, a date, a 文号) are short by nature, not cut by wrapping.
    lengths = [
        len(line.chars)
        for line, text in zip(lines, texts)
        if not rules.TERMINAL_PUNCT.search(text) and not _is_header_line(text)
    ]
    lengths = [n for n in lengths if n >= WRAPPED_MIN - 5]
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    mode = Counter(lengths).most_common(1)[0][0]
    near = sum(1 for n in lengths if mode - 2 <= n <= mode + 6)
    return mode - 2 if near >= _WRAP_SHARE * len(lengths) else None


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
    lines = _split_lines(text, track)
    texts = [line.text for line in lines]
    if has_traditional(text):  # joining decisions read the simplified view: 駐政辦〔2015〕100號
        texts = [simplified_view(piece) for piece in texts]
    width = _wrap_width(lines, texts)
    chars: list[str] = []
    offsets = array("q") if track else None
    previous: _Line | None = None
    logical = last_piece = ""  # the logical line so far, and its last physical line
    for line, piece in zip(lines, texts):
        if previous is not None:
            if _joins(logical, last_piece, piece, width):
                # Merge into one logical line; the next decision looks at this piece.
                previous.chars += line.chars
                if previous.origins is not None and line.origins is not None:
                    previous.origins.extend(line.origins)
                previous.end = line.end
                previous.merged = True
                logical += piece
                last_piece = piece
                continue
            _emit(previous, chars, offsets, newline=True)
        previous = line
        logical = last_piece = piece
    if previous is not None:
        _emit(previous, chars, offsets, newline=False)
    if offsets is None:
        return Normalized("".join(chars), array("q"))
    offsets.append(len(text))
    return Normalized("".join(chars), offsets)


def _emit(line: _Line, chars: list[str], offsets: array | None, *, newline: bool) -> None:
    if offsets is None and not line.merged:
        chars.append(line.text)  # already finished when it was looked at
        if newline:
            chars.append("\n")
        return
    finished, origins = _finish_line(line.chars, line.origins, line.keep_spaces)
    chars.append(finished)
    if offsets is not None and origins is not None:
        offsets.extend(origins)
    if newline:
        chars.append("\n")
        if offsets is not None:
            offsets.append(line.end)
