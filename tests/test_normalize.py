from __future__ import annotations

import pytest
from cases import rows

from dashuang_parse.normalize import normalize


@pytest.mark.parametrize("case", rows("normalize"))
def test_normalize(case: dict) -> None:
    assert normalize(case["input"]).text == case["output"]


@pytest.mark.parametrize("case", rows("normalize"))
def test_offsets_point_at_the_source_character(case: dict) -> None:
    source = case["input"]
    result = normalize(source)
    assert len(result.offsets) == len(result.text) + 1
    for index, ch in enumerate(result.text):
        original = source[result.offsets[index]]
        if ch == "\n":
            continue
        widened = ch in "（），：；？！【】"  # 【】: half-width square brackets around words
        assert ch == original or widened or original.isdigit() or ord(original) > 0xFF00, (ch, original)


@pytest.mark.parametrize("case", rows("normalize"))
def test_normalize_is_idempotent(case: dict) -> None:
    once = normalize(case["input"]).text
    assert normalize(once).text == once
