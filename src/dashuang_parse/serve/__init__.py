"""The parsing service: ``dashuang-parse serve``, an HTTP API over the parser.

    POST /v1/parse    a notice file → its Document JSON
    POST /v1/tasks    a notice file → its task rows (JSON, or JSON Lines when Accept asks)
    GET  /v1/schema   the JSON Schema of a Document
    GET  /healthz     the workers, busy and queued
    GET  /openapi.json, /docs

Each parse runs in a worker process under the same limits as batch (time, memory, input
size); errors are RFC 9457 problem details with the library's error ``code``. See
docs/service.md. FastAPI and uvicorn come with the ``serve`` extra
(``pip install "dashuang-parse[serve]"``); this package's own modules that need them import
them, so ``config`` is usable without.
"""

from __future__ import annotations

from .config import ServiceConfig

__all__ = ["ServiceConfig"]
