from __future__ import annotations

import pytest
from cases import rows

from dashuang_parse import parse_text


@pytest.mark.parametrize("case", rows("metadata"))
def test_metadata(case: dict) -> None:
    metadata = parse_text(case["input"]).metadata.model_dump(mode="json")
    for key, want in case.get("metadata", {}).items():
        assert metadata[key] == want, key
    if "references" in case:
        assert [[r["title"], r["doc_number"]] for r in metadata["references"]] == case["references"]
