"""Load table-driven test cases: one JSON file per stage, one row per quirk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).resolve().parent / "cases"


def rows(name: str) -> list[Any]:
    """The rows of ``cases/<name>.json`` as pytest params, each named by its quirk."""
    data = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return [pytest.param(row, id=row["quirk"]) for row in data]
