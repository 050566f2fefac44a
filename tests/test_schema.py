from __future__ import annotations

from conftest import ROOT

from dashuang_parse.tools.cli import main
from dashuang_parse.tools.schema import schema_json

SCHEMA = ROOT / "schemas" / "document.schema.json"


def test_checked_in_schema_is_current() -> None:
    stale = "run: dashuang-parse schema -o schemas/document.schema.json"
    assert SCHEMA.read_text(encoding="utf-8") == schema_json(), stale


def test_schema_check_command() -> None:
    assert main(["schema", "--check", str(SCHEMA)]) == 0
