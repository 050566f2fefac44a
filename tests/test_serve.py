"""The HTTP service (serve/): a live `dashuang-parse serve` on 127.0.0.1 answers every corpus
notice exactly as parse_file does, refuses bad input with problem+json and its error code,
keeps each request to its limits, and leaves no file behind."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
pytest.importorskip("uvicorn", reason="the serve extra is not installed")

import httpx  # noqa: E402
from conftest import CORPUS, ROOT  # noqa: E402
from hostile.make import HOSTILE, Expected, make  # noqa: E402
from service import Service, running_service  # noqa: E402

from dashuang_parse import DEFAULT_LIMITS, Limits, parse_file  # noqa: E402
from dashuang_parse.core.models import Document  # noqa: E402
from dashuang_parse.export.output import document_json  # noqa: E402
from dashuang_parse.export.rows import task_rows  # noqa: E402
from dashuang_parse.serve.config import ServiceConfig  # noqa: E402
from dashuang_parse.serve.pool import Busy, WorkerPool, _Slot  # noqa: E402
from dashuang_parse.serve.problems import PROBLEM_MEDIA_TYPE, PROBLEMS, status_of  # noqa: E402
from dashuang_parse.serve.worker import ParseJob  # noqa: E402
from dashuang_parse.tools.evaluation import iter_gold  # noqa: E402

RAW = {"Content-Type": "application/octet-stream"}
NOTICES = [notice for _, notice in iter_gold(CORPUS)]
SAMPLE = CORPUS / "003_71ac9bd14a8fd19d.txt"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service(tmp_path_factory.mktemp("service"), "--workers", "2") as running:
        yield running


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[httpx.Client]:
    with service.client() as http:
        yield http


def _named(doc: Document, name: str) -> Document:
    """``doc`` as parsed from a file called ``name`` (the service knows no folder)."""
    assert doc.source is not None
    return doc.model_copy(update={"source": doc.source.model_copy(update={"path": name})})


def _assert_problem(reply: httpx.Response, code: str, status: int | None = None) -> dict[str, object]:
    assert reply.headers["content-type"] == PROBLEM_MEDIA_TYPE, reply.text[:300]
    body = reply.json()
    assert body["code"] == code, body
    assert reply.status_code == body["status"] == (status or status_of(code))
    assert body["type"].endswith("/" + code) and body["title"] and body["detail"]
    return dict(body)


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.name)
def test_every_corpus_notice_equals_parse_file(notice: Path, client: httpx.Client) -> None:
    reply = client.post("/v1/parse", params={"filename": notice.name}, content=notice.read_bytes(), headers=RAW)
    assert reply.status_code == 200, reply.text[:300]
    assert reply.headers["content-type"] == "application/json"
    assert reply.text == document_json(_named(parse_file(notice), notice.name))


def test_a_form_upload_is_the_same_as_raw_bytes(client: httpx.Client) -> None:
    notice = CORPUS / "d032.docx"
    form = client.post("/v1/parse", files={"file": (notice.name, notice.read_bytes())})
    raw = client.post("/v1/parse", params={"filename": notice.name}, content=notice.read_bytes(), headers=RAW)
    assert form.status_code == raw.status_code == 200
    assert form.text == raw.text
    # the query's name wins over the form's
    renamed = client.post(
        "/v1/parse", params={"filename": "x.docx"}, files={"file": (notice.name, notice.read_bytes())}
    )
    assert renamed.json()["source"]["path"] == "x.docx"


def test_options_as_the_cli(client: httpx.Client) -> None:
    doc = _named(parse_file(SAMPLE), SAMPLE.name)
    reply = client.post(
        "/v1/parse",
        params={"filename": SAMPLE.name, "no-text": "true", "compact": "true"},
        content=SAMPLE.read_bytes(),
        headers=RAW,
    )
    assert reply.text == document_json(doc, compact=True, include_text=False)
    assert "\n" not in reply.text and "text" not in reply.json()


def test_tasks_as_json_and_as_json_lines(client: httpx.Client) -> None:
    rows = task_rows(parse_file(SAMPLE), SAMPLE.name)
    assert len(rows) > 10
    params = {"filename": SAMPLE.name}
    as_json = client.post("/v1/tasks", params=params, content=SAMPLE.read_bytes(), headers=RAW)
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json() == rows
    for accept in ("application/jsonl", "application/x-ndjson", "application/json;q=0.5, application/jsonl"):
        lines = client.post("/v1/tasks", params=params, content=SAMPLE.read_bytes(), headers={**RAW, "Accept": accept})
        assert lines.status_code == 200
        assert lines.headers["content-type"].startswith("application/jsonl")
        assert [json.loads(line) for line in lines.text.split("\n") if line] == rows
    refused = client.post(
        "/v1/tasks", params=params, content=SAMPLE.read_bytes(), headers={**RAW, "Accept": "text/html"}
    )
    _assert_problem(refused, "not-acceptable", 406)


FILES = [name for name, (_, expected) in HOSTILE.items() if expected.code != "archive"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make(folder)


@pytest.mark.parametrize("name", FILES)
def test_hostile_files_get_their_code(
    name: str, hostile: tuple[Path, dict[str, Expected]], client: httpx.Client
) -> None:
    folder, expected = hostile
    started = time.monotonic()
    reply = client.post("/v1/parse", params={"filename": name}, content=(folder / name).read_bytes(), headers=RAW)
    outcome = expected[name]
    if outcome.code == "ok":
        assert reply.status_code == 200, reply.text[:300]
        assert outcome.diagnostics <= {d["code"] for d in reply.json()["diagnostics"]}
    else:
        body = _assert_problem(reply, outcome.code)
        assert body["file"] == name
    assert time.monotonic() - started < 30


def test_archives_are_refused_not_crashed_on(hostile: tuple[Path, dict[str, Expected]], client: httpx.Client) -> None:
    folder, expected = hostile
    for name, outcome in expected.items():
        if outcome.code == "archive":
            reply = client.post(
                "/v1/parse", params={"filename": name}, content=(folder / name).read_bytes(), headers=RAW
            )
            assert reply.status_code in (413, 422), (name, reply.text[:300])


def test_a_request_may_lower_limits_not_raise_them(client: httpx.Client) -> None:
    params: dict[str, object] = {"filename": SAMPLE.name, "limit": ["sections=3"]}
    _assert_problem(
        client.post("/v1/parse", params=params, content=SAMPLE.read_bytes(), headers=RAW), "input-too-large"
    )
    too_high = {"filename": SAMPLE.name, "limit": ["seconds=100000"]}
    body = _assert_problem(
        client.post("/v1/parse", params=too_high, content=SAMPLE.read_bytes(), headers=RAW), "invalid-request"
    )
    assert "above this server's" in str(body["detail"])
    for bad in ("seconds", "speed=3", "seconds=-1", "seconds = 3"):
        reply = client.post("/v1/parse", params={"limit": [bad]}, content=SAMPLE.read_bytes(), headers=RAW)
        _assert_problem(reply, "invalid-request")


def test_a_parse_over_its_time_limit_is_stopped(client: httpx.Client) -> None:
    big = "\n".join([SAMPLE.read_text(encoding="utf-8")] * 50).encode()
    reply = client.post(
        "/v1/parse", params={"filename": "big.txt", "limit": ["seconds=0.01"]}, content=big, headers=RAW
    )
    _assert_problem(reply, "timeout")
    assert (
        client.post("/v1/parse", params={"filename": "a.txt"}, content=SAMPLE.read_bytes(), headers=RAW).status_code
        == 200
    )


def test_a_parse_out_of_memory_is_stopped(client: httpx.Client) -> None:
    big = "\n".join([SAMPLE.read_text(encoding="utf-8")] * 50).encode()
    reply = client.post(
        "/v1/parse", params={"filename": "big.txt", "limit": ["memory_bytes=1M"]}, content=big, headers=RAW
    )
    assert reply.json()["code"] in ("input-too-large", "worker-crashed"), reply.text[:300]
    assert reply.status_code in (413, 422)
    assert (
        client.post("/v1/parse", params={"filename": "a.txt"}, content=SAMPLE.read_bytes(), headers=RAW).status_code
        == 200
    )


def test_request_size_limit(client: httpx.Client) -> None:
    small = {"filename": SAMPLE.name, "limit": ["input_bytes=1K"]}
    # declared by Content-Length: refused before the body is read
    _assert_problem(client.post("/v1/parse", params=small, content=SAMPLE.read_bytes(), headers=RAW), "input-too-large")
    # streamed without a length: refused as soon as it passes the limit

    def chunks() -> Iterator[bytes]:
        for _ in range(2000):
            yield b"x" * 65536

    reply = client.post(
        "/v1/parse", params={"filename": "a.txt", "limit": ["input_bytes=1M"]}, content=chunks(), headers=RAW
    )
    _assert_problem(reply, "input-too-large")


def test_bodies_that_cannot_be_read(client: httpx.Client) -> None:
    data = SAMPLE.read_bytes()
    _assert_problem(
        client.post("/v1/parse", content=data, headers={"Content-Type": "text/plain"}), "unsupported-media-type"
    )
    _assert_problem(client.post("/v1/parse", content=data), "unsupported-media-type")
    no_file = client.post("/v1/parse", files={"other": ("a.txt", data)})
    _assert_problem(no_file, "invalid-request")
    two = client.post("/v1/parse", files=[("file", ("a.txt", data)), ("file", ("b.txt", data))])
    _assert_problem(two, "invalid-request")
    request = client.build_request("POST", "/v1/parse", files={"file": ("a.txt", data)})
    body = request.read()
    cut = client.post(
        "/v1/parse", content=body[: len(body) // 2], headers={"Content-Type": request.headers["content-type"]}
    )
    _assert_problem(cut, "invalid-request")
    no_boundary = client.post("/v1/parse", content=body, headers={"Content-Type": "multipart/form-data"})
    _assert_problem(no_boundary, "invalid-request")
    _assert_problem(client.post("/v1/parse", params={"filename": "e.txt"}, content=b"", headers=RAW), "empty-input")


def test_routing_errors_are_problems_too(client: httpx.Client) -> None:
    _assert_problem(client.get("/nowhere"), "not-found", 404)
    wrong = client.get("/v1/parse")
    _assert_problem(wrong, "method-not-allowed", 405)
    assert wrong.headers["allow"] == "POST"
    _assert_problem(
        client.post("/v1/parse", params={"compact": "perhaps"}, content=b"x", headers=RAW), "invalid-request"
    )


def test_schema_health_and_docs(client: httpx.Client) -> None:
    schema = client.get("/v1/schema")
    assert schema.json() == json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["workers"] == 2
    openapi = client.get("/openapi.json").json()
    assert {"/v1/parse", "/v1/tasks", "/v1/schema", "/healthz"} <= set(openapi["paths"])
    assert client.get("/docs").status_code == 200


def test_a_client_that_gives_up_frees_its_worker(service: Service, client: httpx.Client) -> None:
    big = "\n".join([SAMPLE.read_text(encoding="utf-8")] * 400).encode()  # a parse of a second or more
    before = client.get("/healthz").json()["restarts"]
    with pytest.raises(httpx.TimeoutException), service.client(timeout=0.5) as impatient:
        impatient.post("/v1/parse", params={"filename": "big.txt"}, content=big, headers=RAW)
    deadline = time.monotonic() + 10
    while client.get("/healthz").json()["restarts"] == before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.get("/healthz").json()["restarts"] == before + 1  # its parse was stopped
    assert (
        client.post("/v1/parse", params={"filename": "a.txt"}, content=SAMPLE.read_bytes(), headers=RAW).status_code
        == 200
    )


def test_no_file_is_left_behind(service: Service, client: httpx.Client) -> None:
    data = SAMPLE.read_bytes()
    client.post("/v1/parse", params={"filename": "a.txt"}, content=data, headers=RAW)
    client.post("/v1/parse", files={"file": ("a.txt", data)})
    client.post("/v1/parse", params={"limit": ["input_bytes=1K"]}, content=data, headers=RAW)
    client.post("/v1/parse", content=data, headers={"Content-Type": "text/plain"})
    assert [p.name for p in service.tmp.iterdir() if p.name.startswith("dashuang-serve-")] == []


def test_the_error_table_of_the_docs_is_the_services() -> None:
    """docs/service.md lists every code with the status the service answers."""
    text = (ROOT / "docs" / "service.md").read_text(encoding="utf-8")
    table = text.split("### Errors", 1)[1].split("## Examples", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (\d{3}) \|", table, flags=re.MULTILINE)
    assert {code: int(status) for code, status in rows} == {code: status for code, (status, _) in PROBLEMS.items()}


# The pool itself, in this process: a full queue, a deadline, a worker that dies.


def _job(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParseJob:
    return ParseJob(str(path), path.name, "document", limits)


def test_a_full_queue_answers_busy() -> None:
    async def scenario() -> None:
        pool = WorkerPool(ServiceConfig(workers=1, queue=0))
        try:
            first = asyncio.create_task(pool.run(_job(SAMPLE)))
            await asyncio.sleep(0)  # the first request takes the only worker
            with pytest.raises(Busy):
                await pool.run(_job(SAMPLE))
            assert (await first).content is not None
        finally:
            pool.close()

    asyncio.run(scenario())


def test_a_worker_past_its_deadline_or_dead_is_replaced(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"  # a parse of most of a second: long enough to be killed in
    big.write_text("\n".join([SAMPLE.read_text(encoding="utf-8")] * 200), encoding="utf-8")

    async def scenario() -> None:
        slot = _Slot(WorkerPool(ServiceConfig(workers=1)).slots[0].settings, parses=100)
        try:
            # a deadline the worker cannot meet (it is still starting): killed, reported, replaced
            reply = await slot.run(_job(SAMPLE), timeout=0.001)
            assert reply.code == "timeout" and slot.restarts == 1
            assert (await slot.run(_job(SAMPLE), timeout=60)).content is not None
            # a worker that dies mid-parse
            running = asyncio.create_task(slot.run(_job(big), timeout=60))
            await asyncio.sleep(0.1)
            for process in list(slot.executor._processes.values()):
                process.kill()
            assert (await running).code == "worker-crashed"
            assert (await slot.run(_job(SAMPLE), timeout=60)).content is not None
        finally:
            slot.close(kill=True, wait=True)

    asyncio.run(scenario())
