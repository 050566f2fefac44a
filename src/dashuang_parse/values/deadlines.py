"""Task deadlines (contract 1.1 ``Task.deadline``): 年底前, 2025年6月底前, 每月25日前, 持续推进.

Pure functions over a phrase or a short text; ``values`` re-exports them. Every pattern lives in
``DEADLINE_RULES``, one named row with a real example, tried in order at each position.

>>> parse_deadline("2025年6月底前", 2023)
{'as_written': '2025年6月底前', 'date': '2025-06-30', 'recurring': None, 'ongoing': False}
>>> find_deadline("6月底完成，牵头考核单位：市工信局", 2021)["date"]
'2021-06-30'
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

# Number fragments shared by the rules. A year or month is never read out of a longer number.
_YEAR = r"(?<![\d０-９])(?P<year>[0-9０-９]{4}|[〇零一二三四五六七八九]{4})\s*年"
_MONTH = r"(?<![\d０-９])(?P<month>[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?"
_DAY = r"(?P<day>[0-9０-９]{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_PART = r"(?P<part>底|末|中旬|上旬|下旬|初)?"
_BEFORE = r"(?P<before>前|之前|以前)?"
_QUARTER = r"第?(?P<quarter>[一二三四1-4１-４])\s*季度"


def _number(text: str) -> int:
    """2023, ２０２３, 二〇二三 → 2023; 十二 → 12; 二十五 → 25."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    value = 0
    for char in text:
        value = value * 10 + _CN_DIGITS[char]
    return value


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _in_month(year: int, month: int, part: str | None, before: str | None) -> datetime.date:
    """The last day allowed in a month: 6月底(前) → 30th; 6月中旬 → 20th; 6月前 (literally
    "before June") → 31 May."""
    if part in ("上旬", "初"):
        return datetime.date(year, month, 10)
    if part == "中旬":
        return datetime.date(year, month, 20)
    if before and not part:
        return _month_end(year, month - 1) if month > 1 else datetime.date(year - 1, 12, 31)
    return _month_end(year, month)


@dataclass(frozen=True)
class _Found:
    """One rule's reading of a stretch of text: a date, a recurrence or "ongoing"."""

    date: datetime.date | None = None
    recurring: str | None = None
    ongoing: bool = False
    dated: bool = False  # the rule gives a date (None when the notice year is unknown)


Resolver = Callable[[regex.Match[str], int | None], _Found]


def _full_date(m: regex.Match[str], notice_year: int | None) -> _Found:
    year = _number(m["year"]) if m["year"] else notice_year
    if year is None:
        return _Found(dated=True)
    try:
        return _Found(datetime.date(year, _number(m["month"]), _number(m["day"])), dated=True)
    except ValueError:  # 2月30日
        return _Found(dated=True)


def _month(m: regex.Match[str], notice_year: int | None) -> _Found:
    year = _number(m["year"]) if m["year"] else notice_year
    month = _number(m["month"])
    if year is None or not 1 <= month <= 12:
        return _Found(dated=True)
    return _Found(_in_month(year, month, m["part"], m["before"]), dated=True)


def _quarter(m: regex.Match[str], notice_year: int | None) -> _Found:
    year = _number(m["year"]) if m["year"] else notice_year
    quarter = _number(m["quarter"])
    if year is None:
        return _Found(dated=True)
    if m["before"] and not m["part"]:  # 第三季度前: before the quarter starts
        return _Found(_in_month(year, quarter * 3 - 2, None, "前"), dated=True)
    return _Found(_month_end(year, quarter * 3), dated=True)


_HALF_MONTH = {"上半年": 6, "年中": 6, "下半年": 12, "年底": 12, "年末": 12, "年内": 12, "底": 12, "末": 12}
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "当年": 0, "本年度": 0, "明年": 1, "次年": 1, "下一年": 1}


def _half(m: regex.Match[str], notice_year: int | None) -> _Found:
    if m["year"]:
        year: int | None = _number(m["year"])
    else:
        year = None if notice_year is None else notice_year + _RELATIVE_YEAR.get(m["rel"] or "", 0)
    if year is None:
        return _Found(dated=True)
    return _Found(_month_end(year, _HALF_MONTH[m["half"]]), dated=True)


def _year(m: regex.Match[str], notice_year: int | None) -> _Found:
    year = _number(m["year"])
    if m["before"]:  # 2025年前: before 2025 begins
        return _Found(datetime.date(year - 1, 12, 31), dated=True)
    return _Found(datetime.date(year, 12, 31), dated=True)


def _every(period: str) -> Resolver:
    return lambda m, notice_year: _Found(recurring=period)


def _ongoing(m: regex.Match[str], notice_year: int | None) -> _Found:
    return _Found(ongoing=True)


@dataclass(frozen=True)
class Rule:
    """One deadline pattern: its name, the regex, what it means, and a real example."""

    name: str
    pattern: regex.Pattern[str]
    resolve: Resolver
    example: str
    whole_only: bool = False  # only when the phrase is nothing else (a 完成时限 cell: 2021年6月)


def _rule(name: str, pattern: str, resolve: Resolver, example: str, whole_only: bool = False) -> Rule:
    return Rule(name, regex.compile(pattern), resolve, example, whole_only)


# Tried in this order at each position: recurrences and the more specific dates first.
DEADLINE_RULES: tuple[Rule, ...] = (
    _rule(
        "monthly", r"每(?:个)?月(?:" + _DAY + r"|底|末|初|上旬|中旬|下旬)" + _BEFORE, _every("monthly"), "每月25日前"
    ),
    _rule("quarterly", r"每(?:个)?季度(?:末|初|首月|结束后)?" + _BEFORE, _every("quarterly"), "每季度末"),
    _rule("half_yearly", r"每半年", _every("half-yearly"), "每半年报送一次"),
    _rule(
        "yearly",
        r"每年(?:" + _MONTH + r"(?:" + _DAY + r"|底|末)?|年底|年末|底)" + _BEFORE,
        _every("yearly"),
        "每年12月底前",
    ),
    _rule("weekly", r"每周(?:[一二三四五六日])?" + _BEFORE, _every("weekly"), "每周五前"),
    _rule("full_date", r"(?:" + _YEAR + r")?" + _MONTH + _DAY + _BEFORE, _full_date, "2021年12月31日前; 6月30日前"),
    _rule("year_quarter", _YEAR + r"\s*" + _QUARTER + r"(?P<part>末|底)?" + _BEFORE, _quarter, "2025年第三季度末前"),
    _rule(
        "year_half",
        _YEAR + r"(?P<half>上半年|下半年|年中|年底|年末|年内|底|末)" + _BEFORE,
        _half,
        "2023年底前; 2013年年底前; 2026年上半年",
    ),
    _rule("year_month", _YEAR + r"\s*" + _MONTH + _PART + _BEFORE, _month, "2023年10月底前; 完成时限：2021年6月"),
    _rule("year_before", _YEAR + r"(?P<before>前|之前|以前)", _year, "2025年前"),
    _rule("year_by", r"(?:到|至|截至|截止到?)\s*" + _YEAR + r"(?:年底|年末|底|末)?(?P<before>)", _year, "到2026年底"),
    _rule("year_alone", r"^" + _YEAR + r"(?:度)?(?P<before>)$", _year, "2023年 (a 完成时限 cell)", whole_only=True),
    _rule("quarter", r"(?<!\d)" + _QUARTER + r"(?P<year>)(?P<part>末|底)?" + _BEFORE, _quarter, "三季度末前"),
    _rule(
        "half",
        r"(?P<rel>今年|本年度|本年|当年|明年|次年|下一年)?(?P<year>)(?P<half>上半年|下半年|年中|年底|年末|年内)"
        + _BEFORE,
        _half,
        "年底前; 明年上半年",
    ),
    _rule(
        "relative_end",
        r"(?P<rel>今年|本年度|本年|当年|明年|次年)(?P<year>)(?P<half>底|末)" + _BEFORE,
        _half,
        "今年底前",
    ),
    _rule(
        "month",
        r"(?P<year>)" + _MONTH + r"(?P<part>底|末|中旬|上旬|下旬|初)" + _BEFORE,
        _month,
        "6月底完成; 10月底前",
    ),
    _rule("month_before", r"(?P<year>)" + _MONTH + r"(?P<part>)(?P<before>前|之前|以前)", _month, "9月前"),
    _rule(
        "month_done",
        r"(?P<year>)" + _MONTH + r"(?P<part>)(?P<before>)(?=\s*(?:完成|取得|建成|实现|上线|出台))",
        _month,
        "11月取得明显成效; 6月份取得明显成效 (d019: by the end of the month)",
    ),
    _rule("month_alone", r"^(?P<year>)" + _MONTH + r"(?P<part>)(?P<before>)$", _month, "6月 (a cell)", whole_only=True),
    _rule(
        "ongoing",
        r"长期坚持|长期推进|长期开展|持续推进|持续开展|持续实施|持续优化|常态化推进|常态化开展|长期|常态化",
        _ongoing,
        "持续推进; 长期坚持; 持续优化 (d019)",
    ),
)

# Labels that introduce a deadline: 完成时限：2021年6月.
_LABEL = regex.compile(
    r"(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|时限)\s*[：:]\s*(?P<value>[^；;。，,）)\n]+)"
)
# A character every label holds (时 of 完成时限/时间节点…, 期 of 完成期限): the label is
# searched for only in texts that have one.
_LABEL_HINT = regex.compile(r"[时期]")
# Clause boundaries for find_deadline: punctuation and brackets.
_CLAUSE = regex.compile(r"[，,；;。！!？?\n（）()【】]+")
# The last clause of a text, searched backwards: the last run between clause marks that holds
# more than spaces (what ``_CLAUSE.split`` would give last, after empty clauses are dropped).
_MARKS = r"，,；;。！!？?\n（）()【】"
_LAST_CLAUSE = regex.compile(rf"(?r)[^{_MARKS}]*[^{_MARKS}\s][^{_MARKS}]*")


def _last_clause(text: str) -> str:
    """A statement's last clause, found from its end: its other clauses are never read."""
    found = _LAST_CLAUSE.search(text)
    return found.group() if found else ""


# What may surround a deadline inside a cell or phrase: labels, blanks, closing punctuation.
_TRIM = regex.compile(r"^(?:(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|时限)\s*[：:])?\s*|[\s。；;，,]+$")


# The characters a rule's match can start with (digits, Chinese numerals, 每, 今/本/当/明/次/下,
# 到/至/截, 长/持/常, 上/年 of 上半年/年底, 第 of 第三季度).
_STARTS = "[0-9０-９〇零一二三四五六七八九十每今本当明次下到至截长持常上年第]"


class _Alternation:
    """The rules in one alternation, each branch in a group of its own (``rule0``, ``rule1``…),
    behind a look-ahead for the characters they start with. One search in C finds the next
    place a rule matches, skipping the text between, and its first matching branch is the
    rule the table's order picks there (every rule matches at least one character, so no
    branch wins with an empty match). The rules' own groups (year, month…) keep their names:
    only the branch that matched sets them, so a resolver reads the match as its own."""

    def __init__(self, whole: bool) -> None:
        self.rules = [rule for rule in DEADLINE_RULES if whole or not rule.whole_only]
        branches = "|".join(f"(?P<rule{i}>{rule.pattern.pattern})" for i, rule in enumerate(self.rules))
        self.pattern = regex.compile(f"(?={_STARTS})(?:{branches})")
        self.groups = [self.pattern.groupindex[f"rule{i}"] for i in range(len(self.rules))]

    def rule_of(self, match: regex.Match[str]) -> Rule:
        spans = match.regs  # every group's span in one call: asking by name costs more
        for group, rule in zip(self.groups, self.rules):
            if spans[group][0] >= 0:
                return rule
        raise AssertionError("a match of the alternation matched one of its branches")


_ANY_RULE = {False: _Alternation(False), True: _Alternation(True)}


def _scan(text: str, whole: bool) -> list[tuple[regex.Match[str], Rule]]:
    """The rules' matches in ``text``, left to right; at each place the first rule (in table
    order) that matches wins, and the scan goes on after its match."""
    alternation = _ANY_RULE[whole]
    return [(match, alternation.rule_of(match)) for match in alternation.pattern.finditer(text)]


def _result(text: str, found: list[tuple[regex.Match[str], Rule]], notice_year: int | None) -> dict[str, Any]:
    readings = [rule.resolve(match, notice_year) for match, rule in found]
    dates = [r.date for r in readings if r.date is not None]
    recurring = next((r.recurring for r in readings if r.recurring), None)
    return {
        "as_written": text[found[0][0].start() : found[-1][0].end()],
        "date": max(dates).isoformat() if dates and recurring is None else None,
        "recurring": recurring,
        "ongoing": any(r.ongoing for r in readings),
    }


def parse_deadline(text: str, notice_year: int | None) -> dict[str, Any] | None:
    """Read a phrase that states a deadline (a 完成时限 cell, an owner line's time clause).

    Returns ``{as_written, date, recurring, ongoing}`` (contract 1.1 ``Task.deadline``) or None
    when the phrase states none. ``date`` is the last day allowed, ISO, resolved against
    ``notice_year`` when the phrase gives no year; None for a recurrence or when the year is
    unknown. ``as_written`` is the phrase without its label and closing punctuation.

    >>> parse_deadline("年底前", 2023)["date"]
    '2023-12-31'
    >>> parse_deadline("每月25日前", 2023)
    {'as_written': '每月25日前', 'date': None, 'recurring': 'monthly', 'ongoing': False}
    >>> parse_deadline("持续推进", 2023)["ongoing"]
    True
    """
    phrase = _TRIM.sub("", text)
    found = _scan(phrase, whole=True)
    if not found:
        return None
    result = _result(phrase, found, notice_year)
    if len(found) == 1 and found[0][0].group() == phrase:
        result["as_written"] = phrase
    return result


def find_deadline(text: str, notice_year: int | None, *, last_clause_only: bool = False) -> dict[str, Any] | None:
    """Find a deadline in an owner parenthetical, an owner line, a 完成时限 cell or a statement.

    A labelled value (完成时限：2021年6月) wins; otherwise the last clause that holds a date or
    a recurrence, or that ends in an "ongoing" phrase (持续推进 at a clause's end, not
    持续推进降本增效). Pass ``last_clause_only=True`` for a statement, whose earlier clauses
    state targets (到2026年底，…全国领先), not deadlines.

    >>> find_deadline("市工信局牵头，2023年10月底前完成并持续推进", 2023)["as_written"]
    '2023年10月底前完成并持续推进'
    >>> find_deadline("持续推进降本增效", 2023) is None
    True
    """
    label = _LABEL.search(text) if _LABEL_HINT.search(text) else None
    if label:
        labelled = parse_deadline(label["value"], notice_year)
        if labelled:
            return labelled
    if last_clause_only:
        return _in_clauses([_last_clause(text)], notice_year) or _limit_in_statement(text, notice_year)
    if _ANY_RULE[False].pattern.search(text) is None:
        return None  # most owner texts: no rule matches anywhere, nothing to split
    return _in_clauses([clause for clause in _CLAUSE.split(text) if clause.strip()], notice_year)


def _in_clauses(clauses: list[str], notice_year: int | None) -> dict[str, Any] | None:
    """The deadline of the last clause that states one (持续推进 only at a clause's end)."""
    for clause in reversed(clauses):
        clause = clause.strip()
        found = [
            (match, rule)
            for match, rule in _scan(clause, whole=False)
            if rule.name != "ongoing" or clause[match.end() :].strip() == ""
        ]
        if found:
            return _result(clause, found, notice_year)
    return None


# A dated or recurring phrase earlier in a statement is a time limit when it ends in 前 or
# opens its clause with the action after it: 2013年年底前，财政部…要… (d011); 7月底前完成项目
# 前期手续 and 10月底完善平台各项功能 (d019); 每月25日前，报送…信息 (000). A target
# (到2026年底，…全国领先) or a period (延长至2015年底) is none: the year_by rule and a clause
# that is only the phrase are skipped; so is the start of a period (2019年1月1日至12月31日，
# …返还, when a policy applies: d014).
_LIMIT_END = ("前",)
_PERIOD_START = regex.compile(r"\s*(?:至|到|起|以来|开始|—|-|－|~|～)")


def _limit_in_statement(text: str, notice_year: int | None) -> dict[str, Any] | None:
    """The last time limit stated in any clause of a statement, when its last clause has none."""
    if _ANY_RULE[False].pattern.search(text) is None:
        return None  # most statements: no rule matches anywhere, nothing to split
    for clause in reversed([clause.strip() for clause in _CLAUSE.split(text)]):
        found = [
            (match, rule) for match, rule in _scan(clause, whole=False) if _is_limit(clause, match, rule, notice_year)
        ]
        if found:
            return _result(clause, found, notice_year)
    return None


def _is_limit(clause: str, match: regex.Match[str], rule: Rule, notice_year: int | None) -> bool:
    reading = rule.resolve(match, notice_year)
    if rule.name == "year_by" or not (reading.dated or reading.recurring):
        return False
    if _PERIOD_START.match(clause, match.end()):
        return False
    opens_clause = match.start() == 0 and match.end() < len(clause)
    return opens_clause or match.group().endswith(_LIMIT_END)
