"""Task deadlines on real phrasings, and a coverage check over the corpus.

``cases/deadlines.json``: one row per phrasing, quoted as the notice writes it (each row names
its notice, and the test checks that the quote is in that notice's text), with the notice's
year and where the phrase stands: ``owners`` (an owner parenthetical or line, read whole) or
``statement`` (a task's text, whose earlier clauses may state targets, not deadlines).

The coverage check defines a "deadline phrase" on its own, by a few patterns kept apart from
the extractor's rule table (``DEADLINE_PHRASES`` below), and counts the corpus tasks whose text
or owners hold one but that got no deadline: there must be none.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import regex
from cases import rows
from conftest import CORPUS

from dashuang_parse import parse_file
from dashuang_parse.values.deadlines import find_deadline


@cache
def _notice_text(notice: str) -> str:
    path = next(p for p in sorted(CORPUS.glob(f"{notice}*")) if not p.name.endswith(".gold.json"))
    return parse_file(path).text


@pytest.mark.parametrize("row", rows("deadlines"))
def test_deadline_case(row: dict[str, Any]) -> None:
    assert row["text"] in _notice_text(row["notice"]), "quote the phrase as the notice writes it"
    found = find_deadline(row["text"], row["year"], last_clause_only=row["where"] == "statement")
    assert found == row["deadline"]


def test_enough_real_phrasings() -> None:
    cases = rows("deadlines")
    assert sum(1 for case in cases if case.values[0]["deadline"]) >= 25


# What a reader takes for a deadline, written without the extractor's rules. A target
# (到2026年底，…) and a period (延长至2015年年底, 至2020年12月底) are no deadline: a phrase
# right after 到/至 is skipped.
_NUMERAL = r"(?:\d|[一二三四五六七八九十〇])"
_NOT_AFTER_TO = r"(?<![到至]\s*\d{0,4}\s*年?\s*)"
DEADLINE_PHRASES: dict[str, regex.Pattern[str]] = {
    # 2013年年底前, 12月10日前, 7月底前, 三季度末前
    "before": regex.compile(
        _NOT_AFTER_TO + _NUMERAL + r"\s*(?:年|月|日|号|季度)\s*(?:底|末|中旬|下旬|上旬|初)?\s*(?:之|以)?前"
    ),
    # 6月底完成, 10月底完善平台, 年底前完成
    "month_or_year_end": regex.compile(
        _NOT_AFTER_TO + r"(?:" + _NUMERAL + r"|今|本|明)\s*(?:月|年|季度)\s*(?:底|末)|年[底末]前"
    ),
    # 11月取得明显成效, 6月份取得明显成效
    "month_then_done": regex.compile(_NUMERAL + r"\s*月份?\s*(?:完成|取得|建成)"),
    # 每月25日前, 每年2月底前
    "every": regex.compile(r"每个?(?:月|季度|半年|年|周)\s*(?:" + _NUMERAL + r"{1,2}\s*[月日号]|底|末|初)"),
    # 完成时限：2021年6月
    "label": regex.compile(r"(?:完成时限|完成时间|完成期限|时间节点)\s*[：:]"),
    # 持续推进 / 长期坚持 / 持续优化 as a clause of its own
    "ongoing": regex.compile(r"(?:^|[，,；;。])\s*(?:长期坚持|持续推进|持续优化|长期)\s*[。；;]?\s*(?=$|[，,；;])"),
}


def _corpus_notices() -> list[Any]:
    return sorted(p for p in CORPUS.iterdir() if not p.name.endswith((".gold.json", ".md")))


def test_every_corpus_task_with_a_deadline_phrase_has_a_deadline() -> None:
    missing = []
    for path in _corpus_notices():
        for task in parse_file(path).iter_tasks():
            if task.deadline is not None:
                continue
            for where in (task.text, task.responsibility):
                hits = [name for name, pattern in DEADLINE_PHRASES.items() if pattern.search(where)]
                if hits:
                    missing.append((path.name, task.id, hits, where[:60]))
    assert missing == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("2013年年底前，财政部…", True),
        ("6月底完成，牵头考核单位：市工信局", True),
        ("11月取得明显成效", True),
        ("完成时限：2021年9月", True),
        ("持续推进，牵头考核单位：市审批服务局", True),
        ("到2026年底，数据要素应用水平全国领先", False),
        ("专项行动延长至2015年年底", False),
        ("持续推进降本增效", False),
        ("每年遴选20家网络改造应用良好的企业", False),
    ],
)
def test_deadline_phrase_patterns(text: str, phrase: bool) -> None:
    """The check's own patterns: what they take for a deadline phrase, and what not."""
    assert any(pattern.search(text) for pattern in DEADLINE_PHRASES.values()) is phrase
