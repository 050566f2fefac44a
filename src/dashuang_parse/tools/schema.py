"""The JSON Schema of the output contract, generated from the Pydantic models."""

from __future__ import annotations

import json
from typing import Any

from ..core.models import SCHEMA_VERSION, Document

SCHEMA_ID = "https://dashuang-parse.invalid/schemas/document.schema.json"


def document_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of ``Document`` as serialized by ``dashuang-parse parse``."""
    schema = Document.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"dashuang_parse Document (schema {SCHEMA_VERSION})",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_json() -> str:
    """The schema as the text checked in at ``schemas/document.schema.json``."""
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"
