"""What the OpenAPI document says beyond what FastAPI infers: the two forms of request body
(read by upload.py, not by FastAPI, so that a body is streamed to disk within its limit),
the problem responses, and the health report."""

from __future__ import annotations

from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..export.rows import TaskRow
from .media import JSON
from .problems import PROBLEM_MEDIA_TYPE, PROBLEMS, Problem
from .upload import FORM, FORM_FIELD, RAW

_BINARY = {"type": "string", "format": "binary"}
# A notice small enough for the docs page's "try it out".
EXAMPLE = "关于印发工作要点的通知\n一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n"

PARSE_BODY: dict[str, Any] = {
    "required": True,
    "description": f"The notice file: the raw bytes ({RAW}, its name in `filename`), or a form upload "
    f"({FORM}) with the file in the part `{FORM_FIELD}`. Text in any supported encoding, markdown, "
    "HTML, PDF with a text layer or DOCX; the content decides the reader.",
    "content": {
        RAW: {"schema": _BINARY, "example": EXAMPLE},
        FORM: {
            "schema": {
                "type": "object",
                "properties": {FORM_FIELD: _BINARY},
                "required": [FORM_FIELD],
            },
        },
    },
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI responses of problem ``statuses``, each listing the codes it may carry."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        codes = sorted(code for code, (code_status, _) in PROBLEMS.items() if code_status == status)
        responses[status] = {
            "description": "Problem details; `code` is one of: " + ", ".join(f"`{c}`" for c in codes),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
    return responses


def add_components(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI ``document`` FastAPI made, with the models the responses above refer to."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    return document


class Health(BaseModel):
    """The service's state: its workers, how many parse now and how many requests wait."""

    status: str = Field(description='"ok" while the service answers')
    version: str
    workers: int = Field(description="worker processes")
    busy: int = Field(description="workers parsing now")
    queued: int = Field(description="requests waiting for a worker")
    restarts: int = Field(description="workers replaced so far: recycled, killed at their deadline or crashed")


SCHEMA_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "JSON Schema (2020-12) of a Document", "content": {JSON: {"schema": {"type": "object"}}}},
    **problem_responses(500),
}
HEALTH_RESPONSES = problem_responses(500)


def _row_model() -> type[BaseModel]:
    """A model of ``TaskRow`` for the OpenAPI document, made from its annotations so that a
    column added there is documented here. (Pydantic reads a ``typing.TypedDict`` itself
    only from Python 3.12.)"""
    fields: dict[str, Any] = {name: (kind, ...) for name, kind in get_type_hints(TaskRow).items()}
    return create_model("TaskRow", __config__=ConfigDict(extra="forbid"), __doc__=TaskRow.__doc__, **fields)


TaskRowModel = _row_model()
