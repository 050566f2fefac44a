"""Each named rule (pattern) with strings it must match and must not match: tests/cases/rules.json.

A row names the rule as ``module:NAME`` (``module:MARKER_RULES[kind]`` for a marker rule),
how it is applied (``match`` at the start, as the stages do for anchored line rules, or
``search``), the strings it must match — a string, or [string, {group: value}] — and the
strings it must not. The examples are the ones in the comment above each pattern.
"""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from conftest import CASES

from dashuang_parse.core.markers import MARKER_RULES

ROWS = json.loads((CASES / "rules.json").read_text(encoding="utf-8"))


def _pattern(rule: str) -> Any:
    module, _, name = rule.partition(":")
    if name.startswith("MARKER_RULES["):
        return dict(MARKER_RULES)[name[len("MARKER_RULES[") : -1]]  # type: ignore[index]
    return getattr(importlib.import_module(f"dashuang_parse.{module}"), name)


def _apply(row: dict[str, Any], text: str) -> Any:
    return getattr(_pattern(row["rule"]), row["how"])(text)


@pytest.mark.parametrize("row", ROWS, ids=[row["rule"] for row in ROWS])
def test_rule(row: dict[str, Any]) -> None:
    assert row["match"] and row["no_match"], "every rule needs examples both ways"
    for example in row["match"]:
        text, groups = (example, {}) if isinstance(example, str) else example
        found = _apply(row, text)
        assert found is not None, f"{row['rule']} should match {text!r}"
        for group, value in groups.items():
            assert found.group(group) == value, (row["rule"], text, group)
    for text in row["no_match"]:
        assert _apply(row, text) is None, f"{row['rule']} should not match {text!r}"


def test_every_marker_rule_has_a_row() -> None:
    named = {row["rule"] for row in ROWS}
    assert {f"core.markers:MARKER_RULES[{kind}]" for kind, _ in MARKER_RULES} <= named


def test_every_owner_line_label_ends_as_the_lexer_prefilter_expects() -> None:
    """``lex.rules.LINE_LABEL_ANYWHERE`` looks only for 单位：/部门：; a line label ending
    otherwise would never be read."""
    from dashuang_parse.core import roles

    assert all(word.endswith(roles.LABEL_HEADS) for word in roles.words("line"))
