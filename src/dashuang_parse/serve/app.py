"""The HTTP application: routes, the worker pool's life, and every error as problem+json.

>>> from fastapi.testclient import TestClient
>>> with TestClient(create_app(ServiceConfig(workers=1))) as client:
...     reply = client.post("/v1/tasks?filename=a.txt", content="一、任务\\n（一）加强监管。（市公安局负责）".encode(),
...                         headers={"Content-Type": "application/octet-stream"})
>>> reply.status_code, [(row["task"], row["responsible"]) for row in reply.json()]
(200, [('1.1/1', ['市公安局'])])
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import StringConstraints
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from .. import __version__
from ..core.limits import Limits
from ..core.models import Document
from ..tools.schema import document_schema
from .config import LIMIT_PATTERN, REQUEST_OVERHEAD, ServiceConfig, request_limits
from .media import JSON, JSON_LINES, choose
from .openapi import (
    HEALTH_RESPONSES,
    PARSE_BODY,
    SCHEMA_RESPONSES,
    Health,
    TaskRowModel,
    add_components,
    problem_responses,
)
from .pool import Busy, WorkerPool
from .problems import HTTP_CODES, PROBLEM_MEDIA_TYPE, problem
from .upload import UploadError, over_limit, receive
from .worker import ParseJob, Reply

# Seconds a client told "server busy" is asked to wait before trying again.
_RETRY_AFTER = "1"
_TASKS_MEDIA = (JSON, JSON_LINES[0])
_CLIENT_GONE = 499


class ProblemError(Exception):
    """Answer the request with the problem ``code``."""

    def __init__(self, code: str, detail: str, *, file: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.code, self.detail, self.file, self.headers = code, detail, file, headers or {}


def problem_response(
    code: str,
    detail: str,
    *,
    file: str | None = None,
    headers: dict[str, str] | None = None,
    status: int | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem+json response for ``code`` (with the status of its code, unless ``status``)."""
    body = problem(code, detail, file=file, **extra)
    if status is not None:
        body["status"] = status
    return JSONResponse(body, status_code=body["status"], headers=headers, media_type=PROBLEM_MEDIA_TYPE)


FileName = Annotated[
    str | None,
    Query(
        max_length=1000,
        description="The file's name: the suffix breaks ties the content leaves open (.md, .html), and it names "
        "the document in errors and rows. A form upload's own file name is used when this is absent.",
    ),
]
LimitList = Annotated[
    list[Annotated[str, StringConstraints(pattern=LIMIT_PATTERN)]],
    Query(
        description="Lower a limit for this request, as the CLI's --limit: NAME=VALUE, repeatable, "
        "byte values with K, M or G, e.g. seconds=5 or input_bytes=2M. A limit cannot be raised above "
        "the server's (422 invalid-request); see docs/limits.md for each.",
    ),
]


def create_app(config: ServiceConfig | None = None) -> FastAPI:
    """The service's ASGI application; its workers start and stop with the app's lifespan."""
    config = config or ServiceConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(config)
        app.state.pool = pool
        try:
            await pool.start()
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="dashuang-parse",
        version=__version__,
        description="Parse Chinese government policy notices (工作要点, 实施方案, 任务分工方案) into task trees. "
        "Errors are RFC 9457 problem details whose `code` is stable (see docs/service.md).",
        lifespan=lifespan,
    )
    _add_error_handlers(app)
    make_document = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_components(make_document())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.post(
        "/v1/parse",
        response_model=Document,
        summary="Parse a notice into its Document",
        openapi_extra={"requestBody": PARSE_BODY},
        responses=problem_responses(413, 415, 422, 500, 503),
    )
    async def parse(
        request: Request,
        filename: FileName = None,
        no_text: Annotated[bool, Query(alias="no-text", description="Leave the normalized text out")] = False,
        compact: Annotated[bool, Query(description="One line of JSON instead of 2-space indentation")] = False,
        limit: LimitList = [],  # noqa: B006 - FastAPI copies defaults per request
    ) -> Response:
        content = await _run(request, config, filename, limit, "document", compact=compact, include_text=not no_text)
        return Response(content, media_type=JSON)

    @app.post(
        "/v1/tasks",
        response_model=list[TaskRowModel],  # type: ignore[valid-type]
        summary="Parse a notice into its task rows",
        description="The rows of tasks.jsonl: one per task, with its section, headings and owners by role. "
        f"JSON array by default; JSON Lines ({JSON_LINES[0]}) when the Accept header prefers it "
        f"({', '.join(JSON_LINES)} are understood).",
        openapi_extra={"requestBody": PARSE_BODY},
        responses={
            200: {"content": {JSON_LINES[0]: {"schema": {"type": "string", "description": "a TaskRow a line"}}}},
            **problem_responses(406, 413, 415, 422, 500, 503),
        },
    )
    async def tasks(request: Request, filename: FileName = None, limit: LimitList = []) -> Response:  # noqa: B006
        media = choose(request.headers.get("accept"), _TASKS_MEDIA)
        if media is None:
            raise ProblemError("not-acceptable", f"task rows are served as {' or '.join(_TASKS_MEDIA)}")
        lines = await _run(request, config, filename, limit, "tasks")
        if media == JSON:
            # split at "\n" only: a row's text may hold U+2028, which JSON leaves unescaped
            return Response("[" + ",".join(line for line in lines.split("\n") if line) + "]", media_type=JSON)
        return Response(lines, media_type=media)

    @app.get("/v1/schema", summary="The JSON Schema of a Document", responses=SCHEMA_RESPONSES)
    async def schema() -> JSONResponse:
        return JSONResponse(document_schema())

    @app.get("/healthz", response_model=Health, summary="Whether the service is up", responses=HEALTH_RESPONSES)
    async def healthz(request: Request) -> Health:
        pool: WorkerPool = request.app.state.pool
        return Health(
            status="ok",
            version=__version__,
            workers=len(pool.slots),
            busy=pool.busy,
            queued=pool.waiting,
            restarts=pool.restarts,
        )

    return app


async def _run(
    request: Request,
    config: ServiceConfig,
    filename: str | None,
    asked: list[str],
    want: Literal["document", "tasks"],
    **options: bool,
) -> str:
    """Receive the request's file into a temporary folder, parse it in a worker, and give
    the response body; a ProblemError for anything that is not a parse."""
    limits = _limits(config.limits, asked)
    # A request that lowers input_bytes lowers the body it may send with it.
    max_bytes = min(config.max_request_bytes, limits.input_bytes + REQUEST_OVERHEAD)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        error = over_limit(int(declared), max_bytes)
        raise ProblemError(error.code, error.detail, file=filename)
    pool: WorkerPool = request.app.state.pool
    with tempfile.TemporaryDirectory(prefix="dashuang-serve-") as folder:
        try:
            upload = await receive(request.headers.get("content-type"), request.stream(), Path(folder), max_bytes)
        except UploadError as error:
            raise ProblemError(error.code, error.detail, file=filename) from None
        except ClientDisconnect:
            raise ClientGone from None
        name = filename or upload.filename or "upload"
        job = ParseJob(str(upload.path), name, want, limits, **options)
        try:
            reply = await _unless_gone(request, pool.run(job))
        except Busy:
            detail = f"all {len(pool.slots)} workers are busy and {config.queue} requests wait"
            raise ProblemError("server-busy", detail, file=name, headers={"Retry-After": _RETRY_AFTER}) from None
    if reply.code is not None:
        raise ProblemError(reply.code, reply.message or reply.code, file=name)
    assert reply.content is not None
    return reply.content


class ClientGone(Exception):
    """The client closed the connection before its answer was ready."""


async def _unless_gone(request: Request, work: Coroutine[Any, Any, Reply]) -> Reply:
    """The result of ``work``, or ``ClientGone`` when the client disconnects first: then
    ``work`` is cancelled, which stops its parse (the pool replaces that worker), so a
    client that gives up frees its worker for the others."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        raise ClientGone
    return task.result()


async def _disconnected(request: Request) -> None:
    """Return when the client disconnects. The body has been read, so the next message the
    server gives is the disconnection."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _limits(server: Limits, asked: list[str]) -> Limits:
    try:
        return request_limits(server, asked)
    except ValueError as error:
        raise ProblemError("invalid-request", str(error)) from None


def _add_error_handlers(app: FastAPI) -> None:
    """Every error the service answers is problem+json with a ``code``."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, error: ProblemError) -> JSONResponse:
        return problem_response(error.code, error.detail, file=error.file, headers=error.headers)

    @app.exception_handler(ClientGone)
    async def _gone(request: Request, error: ClientGone) -> Response:
        # No one reads this answer; 499 (nginx's "client closed request") says so in the log.
        return Response(status_code=_CLIENT_GONE)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [
            {"where": ".".join(str(part) for part in item.get("loc", ())), "message": str(item.get("msg", ""))}
            for item in error.errors()
        ]
        detail = "; ".join(f"{item['where']}: {item['message']}" for item in errors) or "invalid request"
        return problem_response("invalid-request", detail, errors=errors)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        code = HTTP_CODES.get(error.status_code, "invalid-request")
        return problem_response(code, str(error.detail), headers=dict(error.headers or {}), status=error.status_code)

    @app.exception_handler(Exception)
    async def _defect(request: Request, error: Exception) -> JSONResponse:
        return problem_response("internal-error", f"{type(error).__name__} (please report it)")
