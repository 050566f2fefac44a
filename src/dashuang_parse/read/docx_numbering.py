"""Word's automatic numbering: the "一、", "（一）" and "1." that a DOCX paragraph shows but its
text does not hold.

A notice typed in Word often has its section markers made by the numbering engine, so the
marker exists only in ``numbering.xml``; without it the parser sees no sections. A
paragraph is numbered by ``w:numPr`` (numId + ilvl), given directly or through its
paragraph style. ``w:num`` points at a ``w:abstractNum`` whose ``w:lvl`` per level says the
start value, the number format and the label text ("%1、", "（%2）", "%1.%2").

Counting follows Word: counters belong to the abstract definition, so two ``w:num`` that
share one continue each other's numbers ("continue numbering"); a ``w:num`` with a
``w:lvlOverride`` ("restart numbering" writes a ``w:startOverride``) is a list of its own,
with its own counters. A level restarts when a higher level advances (or only after the
level ``w:lvlRestart`` names; 0 = never).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from lxml import etree

from ..core.errors import InputTooLarge
from ..core.limits import DEFAULT_LIMITS, Limits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's numbering has nine levels, 0-8.
LEVELS = 9
# A placeholder in lvlText: "%1" is level 0's number.
_PLACEHOLDER = regex.compile(r"%([1-9])")
_CHINESE_DIGITS = "〇一二三四五六七八九"
# Powers of ten Chinese counting writes out, largest first (numbers past 9999 are rare in
# a list: they are written as decimals).
_CHINESE_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_CHINESE_MAX = 9999
# ideographTraditional counts with the ten heavenly stems: 甲、乙、丙…
_STEMS = "甲乙丙丁戊己庚辛壬癸"
# First code point and the range it covers of each enclosed-number block: ①-⑳, ㉑-㉟, ㊱-㊿.
_CIRCLED = ((0x2460, 1, 20), (0x3251, 21, 35), (0x32B1, 36, 50))
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
# Formats that label nothing: the level's text is shown without a number.
_NO_NUMBER = {"none", "bullet"}


def chinese_counting(value: int) -> str:
    """A number in Chinese counting, as Word's chineseCounting shows it.

    >>> [chinese_counting(n) for n in (1, 10, 11, 20, 21, 31, 105, 110)]
    ['一', '十', '十一', '二十', '二十一', '三十一', '一百〇五', '一百一十']
    """
    if value <= 0 or value > _CHINESE_MAX:
        return str(value)
    if 10 <= value < 20:
        return "十" + (_CHINESE_DIGITS[value - 10] if value > 10 else "")
    out: list[str] = []
    rest, gap = value, False
    for unit, name in _CHINESE_UNITS:
        digit, rest = divmod(rest, unit)
        if digit:
            out.append(("〇" if gap else "") + _CHINESE_DIGITS[digit] + name)
            gap = False
        elif out:
            gap = True  # 一百〇五: one 〇 stands for the missing places
    if rest:
        out.append(("〇" if gap else "") + _CHINESE_DIGITS[rest])
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    """A counter's value in a ``w:numFmt`` format; unknown formats fall back to decimal.

    >>> [format_number(n, f) for n, f in ((3, "chineseCounting"), (12, "decimalFullWidth"),
    ...  (2, "decimalEnclosedCircleChinese"), (4, "upperRoman"), (28, "lowerLetter"), (7, "decimalZero"))]
    ['三', '１２', '②', 'IV', 'bb', '07']
    """
    if fmt in _NO_NUMBER:
        return ""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "chineseLegalSimplified",
    ):
        return chinese_counting(value)
    if fmt == "ideographTraditional" and 1 <= value <= len(_STEMS):
        return _STEMS[value - 1]
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt.startswith("decimalEnclosedCircle"):
        for base, first, last in _CIRCLED:
            if first <= value <= last:
                return chr(base + value - first)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = []
    for unit, numeral in _ROMAN:
        count, value = divmod(value, unit)
        out.append(numeral * count)
    return "".join(out)


class _Level:
    """One ``w:lvl``: how a level starts, counts and labels."""

    def __init__(self, lvl: etree._Element | None) -> None:
        self.start = _int(_val(lvl, "start"), 1)
        self.fmt = _val(lvl, "numFmt") or "decimal"
        self.text = _val(lvl, "lvlText") or ""
        restart = _val(lvl, "lvlRestart")
        # None: restart after any higher level; 0: never; n: only after levels 0..n-1.
        self.restart = _int(restart, -1) if restart is not None else None
        self.suffix = _val(lvl, "suff") or "tab"
        self.legal = lvl is not None and lvl.find(f"{W}isLgl") is not None
        self.style = _val(lvl, "pStyle")


@dataclass
class _Num:
    """One ``w:num``: its abstract definition and the levels it overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level → startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # level → w:lvlOverride/w:lvl

    @classmethod
    def from_xml(cls, num: etree._Element) -> _Num:
        made = cls(_val(num, "abstractNumId") or "")
        for over in num.iterfind(f"{W}lvlOverride"):
            level = _int(over.get(f"{W}ilvl"), 0)
            if over.find(f"{W}startOverride") is not None:
                made.starts[level] = _int(_val(over, "startOverride"), 1)
            lvl = over.find(f"{W}lvl")
            if lvl is not None:
                made.levels[level] = _Level(lvl)
        return made

    @property
    def own_list(self) -> bool:
        return bool(self.starts or self.levels)


class Numbering:
    """The numbering definitions of one document and the counters as paragraphs go by.

    >>> numbering = Numbering.from_xml(None, None)
    >>> numbering.label("1", 0)
    ''
    """

    def __init__(
        self,
        levels: dict[str, list[_Level]],
        nums: dict[str, _Num],
        styles: dict[str, tuple[str | None, str | None, str | None]],
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self._levels = levels  # abstractNumId → nine levels
        self._nums = nums  # numId → its definition
        self._styles = styles  # styleId → (numId, ilvl, basedOn)
        self._counters: dict[tuple[str, str], list[int | None]] = {}
        self._limits = limits
        self._style_numprs: dict[str, tuple[str | None, str | None]] = {}  # styleId → what its chain gives

    @classmethod
    def from_xml(
        cls, numbering: etree._Element | None, styles: etree._Element | None, limits: Limits = DEFAULT_LIMITS
    ) -> Numbering:
        """Read ``numbering.xml`` and ``styles.xml`` (either may be missing).

        ``limits``: labels are refused (``InputTooLarge``) past ``numbering_value`` and
        ``label_chars``, chains of styles past ``style_depth``.
        """
        levels: dict[str, list[_Level]] = {}
        links: dict[str, str] = {}  # abstractNumId → numbering style it takes its levels from
        nums: dict[str, _Num] = {}
        style_map = _style_numbering(styles)
        if numbering is not None:
            for abstract in numbering.iterfind(f"{W}abstractNum"):
                by_level = {_int(lvl.get(f"{W}ilvl"), 0): lvl for lvl in abstract.iterfind(f"{W}lvl")}
                ident = abstract.get(f"{W}abstractNumId", "")
                levels[ident] = [_Level(by_level.get(i)) for i in range(LEVELS)]
                link = _val(abstract, "numStyleLink")
                if link:
                    links[ident] = link
            for num in numbering.iterfind(f"{W}num"):
                nums[num.get(f"{W}numId", "")] = _Num.from_xml(num)
        for ident, style in links.items():  # a list style: its levels live where the style points
            target = nums.get(style_map.get(style, (None, None, None))[0] or "")
            if target and target.abstract in levels and target.abstract != ident:
                levels[ident] = levels[target.abstract]
        return cls(levels, nums, style_map, limits)

    def resolve(self, num_id: str | None, ilvl: str | None, style: str | None) -> tuple[str, int] | None:
        """(numId, level) a paragraph is numbered with: its own ``w:numPr`` over its style's."""
        style_num, style_lvl = self._style_numpr(style)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        if ilvl is None:
            ilvl = style_lvl
        if ilvl is None and style:  # a heading style tied to a level by the level's w:pStyle
            levels = self._levels.get(self._nums[num_id].abstract, [])
            ilvl = next((str(i) for i, level in enumerate(levels) if level.style == style), None)
        return num_id, min(max(_int(ilvl, 0), 0), LEVELS - 1)

    def label(self, num_id: str, level: int) -> str:
        """Advance the counter of ``level`` in ``num_id``'s list and return the label shown."""
        num = self._nums.get(num_id)
        base = self._levels.get(num.abstract) if num is not None else None
        if num is None or base is None:
            return ""
        levels = [num.levels.get(i, base[i]) for i in range(LEVELS)]
        starts = [num.starts.get(i, levels[i].start) for i in range(LEVELS)]
        key = ("num", num_id) if num.own_list else ("abstract", num.abstract)
        counters = self._counters.setdefault(key, [None] * LEVELS)
        current = counters[level]
        counters[level] = starts[level] if current is None else current + 1
        for deeper in range(level + 1, LEVELS):
            restart = levels[deeper].restart
            if restart is None or (restart > 0 and level < restart):
                counters[deeper] = None
        spec = levels[level]

        def number(match: regex.Match[str]) -> str:
            index = int(match.group(1)) - 1
            value = counters[index]
            value = starts[index] if value is None else value
            if abs(value) > self._limits.numbering_value:
                # Checked before formatting: a letter format writes a huge value as tens of
                # millions of letters, and a value of thousands of digits is slow to write.
                most = self._limits.numbering_value
                shown = str(value) if value.bit_length() < 64 else f"a number of {value.bit_length() * 3 // 10}+ digits"
                raise InputTooLarge(f"automatic numbering shows {shown}, over {most} (limit numbering_value)")
            fmt = "decimal" if spec.legal and index < level else levels[index].fmt
            return format_number(value, fmt)

        text = _PLACEHOLDER.sub(number, spec.text)
        if len(text) > self._limits.label_chars:
            raise InputTooLarge(
                f"an automatic-numbering label is {len(text)} characters long, over {self._limits.label_chars} "
                "(limit label_chars)"
            )
        # Word's tab or space after the label: CJK needs no separator ("一、任务", "①任务"),
        # while "1." takes a space ("1. 任务").
        if text and spec.suffix != "nothing" and text[-1].isascii():
            return text + " "
        return text

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None]:
        """The numbering a paragraph style gives, along its chain of basedOn styles: walked
        once per style (remembered), and refused past ``style_depth`` styles, so twenty
        thousand chained styles cost neither a walk per paragraph nor a long one."""
        if not style:
            return None, None
        known = self._style_numprs.get(style)
        if known is not None:
            return known
        num_id = ilvl = None
        seen: set[str] = set()
        at: str | None = style
        while at and at not in seen:  # basedOn chains can loop in damaged files
            if len(seen) >= self._limits.style_depth:
                message = (
                    f"style {style} is based on a chain of over {self._limits.style_depth} styles (limit style_depth)"
                )
                raise InputTooLarge(message)
            seen.add(at)
            style_num, style_lvl, based_on = self._styles.get(at, (None, None, None))
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
            at = based_on
        self._style_numprs[style] = (num_id, ilvl)
        return num_id, ilvl


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str | None, str | None, str | None]]:
    """styleId → (numId, ilvl, basedOn) of every paragraph and numbering style."""
    table: dict[str, tuple[str | None, str | None, str | None]] = {}
    if styles is None:
        return table
    for style in styles.iterfind(f"{W}style"):
        numpr = style.find(f"{W}pPr/{W}numPr")
        num_id = _val(numpr, "numId")
        ilvl = _val(numpr, "ilvl")
        table[style.get(f"{W}styleId", "")] = (num_id, ilvl, _val(style, "basedOn"))
    return table


def _val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
