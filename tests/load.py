"""A bounded load on the service: corpus notices, hostile files and garbage, mixed, at a fixed
concurrency; every response is checked and timed. Used by tests/test_serve_load.py (a
short run in CI) and bench/serve.py (the figures in docs/performance.md).

A request's outcome is one of: the right answer (a corpus notice: byte-identical to
``parse_file``; a hostile file: its error code), a documented refusal (4xx problem+json with
a code; 503 ``server-busy`` is the one documented 5xx), or a failure — a 5xx, a response
that does not match what was sent, or no response at all ("lost").
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from conftest import CORPUS
from hostile.make import HOSTILE, make

from dashuang_parse import parse_file
from dashuang_parse.export.output import document_json
from dashuang_parse.export.rows import task_rows
from dashuang_parse.tools.evaluation import iter_gold

PROBLEM = "application/problem+json"
# Hostile files that are large: sent a few times only, so the load stays on the server and
# not on the loopback copying 50 MB.
_BIG = {"single-line-50mb.txt"}
# Slow to parse (a PDF takes a second or two): once per run, not one request in twenty.
_SLOW_SUFFIXES = {".pdf"}


@dataclass(frozen=True)
class Request:
    """One request of the load and how to judge its response."""

    kind: str  # "notice", "hostile" or "garbage"
    method: str
    path: str
    params: dict[str, object] = field(default_factory=dict)
    content: bytes | None = None
    files: dict[str, tuple[str, bytes]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect_body: str | None = None  # a notice: the exact body
    expect_code: str | None = None  # a hostile file: the error code, or "ok" for a Document


@dataclass
class Result:
    request: Request
    status: int | None  # None: no response (lost)
    seconds: float
    failure: str | None = None


@dataclass
class LoadReport:
    results: list[Result]
    seconds: float
    concurrency: int

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.failure is not None]

    @property
    def lost(self) -> int:
        return sum(r.status is None for r in self.results)

    def latency(self, quantile: float) -> float:
        times = sorted(r.seconds for r in self.results)
        return times[min(len(times) - 1, int(quantile * len(times)))]

    @property
    def throughput(self) -> float:
        return len(self.results) / self.seconds

    def summary(self) -> dict[str, object]:
        statuses = Counter(r.status for r in self.results)
        kinds = Counter(r.request.kind for r in self.results)
        notices = [r.seconds for r in self.results if r.request.kind == "notice" and r.status == 200]
        return {
            "requests": len(self.results),
            "concurrency": self.concurrency,
            "seconds": round(self.seconds, 2),
            "requests_per_s": round(self.throughput, 1),
            "p50_ms": round(self.latency(0.50) * 1000, 1),
            "p99_ms": round(self.latency(0.99) * 1000, 1),
            "notice_p50_ms": round(statistics.median(notices) * 1000, 1) if notices else None,
            "kinds": dict(sorted(kinds.items())),
            "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))},
            "lost": self.lost,
            "failures": len(self.failures),
        }


def notice_requests() -> list[Request]:
    """Every corpus notice, as raw bytes and as a form upload, for /v1/parse and /v1/tasks,
    each with the exact body ``parse_file`` gives."""
    requests = []
    for _, notice in iter_gold(CORPUS):
        doc = parse_file(notice)
        assert doc.source is not None
        doc = doc.model_copy(update={"source": doc.source.model_copy(update={"path": notice.name})})
        data = notice.read_bytes()
        raw = {"Content-Type": "application/octet-stream"}
        body = document_json(doc, compact=True)
        rows = task_rows(doc, notice.name)
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        name = {"filename": notice.name}
        compact = {**name, "compact": "true"}
        requests += [
            Request("notice", "POST", "/v1/parse", compact, content=data, headers=raw, expect_body=body),
            Request(
                "notice",
                "POST",
                "/v1/parse",
                {"compact": "true"},
                files={"file": (notice.name, data)},
                expect_body=body,
            ),
            Request(
                "notice",
                "POST",
                "/v1/tasks",
                name,
                content=data,
                headers={**raw, "Accept": "application/jsonl"},
                expect_body=lines,
            ),
        ]
    return requests


def hostile_requests(folder: Path) -> list[Request]:
    """Each file of the hostile set with its expected code (archives: any refusal)."""
    make(folder)
    requests = []
    for name, (_, expected) in HOSTILE.items():
        code = None if expected.code == "archive" else expected.code
        requests.append(
            Request(
                "hostile",
                "POST",
                "/v1/parse",
                {"filename": name},
                content=(folder / name).read_bytes(),
                headers={"Content-Type": "application/octet-stream"},
                expect_code=code,
            )
        )
    return requests


def garbage_request(rng: random.Random) -> Request:
    """A request no client should send: random bytes, wrong media types, bad parameters,
    wrong methods and paths, a cut multipart body."""
    data = rng.randbytes(rng.choice([0, 1, 17, 300, 4096, 65536]))
    choice = rng.randrange(8)
    if choice == 0:
        return Request(
            "garbage",
            "POST",
            "/v1/parse",
            {"filename": "g.bin"},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
    if choice == 1:
        return Request(
            "garbage",
            "POST",
            rng.choice(["/v1/parse", "/v1/tasks"]),
            content=data,
            headers={"Content-Type": rng.choice(["text/plain", "application/json", "", "image/png"])},
        )
    if choice == 2:
        params = {"limit": [rng.choice(["seconds=0", "seconds=1e9", "speed=1", "memory_bytes=100G", "sections=abc"])]}
        return Request(
            "garbage", "POST", "/v1/parse", params, content=data, headers={"Content-Type": "application/octet-stream"}
        )
    if choice == 3:
        return Request(
            "garbage",
            "POST",
            "/v1/parse",
            {"compact": "maybe", "no-text": "2"},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
    if choice == 4:
        return Request(
            "garbage",
            rng.choice(["GET", "PUT", "DELETE", "PATCH"]),
            rng.choice(["/v1/parse", "/v1/tasks", "/v1/schema"]),
        )
    if choice == 5:
        return Request("garbage", "GET", rng.choice(["/", "/v2/parse", "/v1/parse/x", "/../etc/passwd", "/healthz/x"]))
    if choice == 6:
        boundary = "b0undary"
        body = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'.encode() + data
        return Request(
            "garbage",
            "POST",
            "/v1/parse",
            content=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
    return Request(
        "garbage",
        "POST",
        "/v1/tasks",
        {"filename": "g.txt"},
        content=data,
        headers={
            "Content-Type": "application/octet-stream",
            "Accept": rng.choice(["text/html", "application/jsonl", "*/*", "application/json;q=0"]),
        },
    )


def mixed_requests(count: int, folder: Path, *, seed: int = 20) -> list[Request]:
    """``count`` requests: about half corpus notices, a quarter hostile files, a quarter
    garbage; the slow and the big ones a few times each, wherever they fall."""
    rng = random.Random(seed)
    notices = notice_requests()
    hostile = hostile_requests(folder)
    quick = [r for r in notices if not slow(r)]
    pdfs = [r for r in notices if slow(r)]
    small_hostile = [r for r in hostile if r.params.get("filename") not in _BIG]
    big_hostile = [r for r in hostile if r.params.get("filename") in _BIG]
    chosen = pdfs[::3] + big_hostile * 3  # each PDF once (raw, to /v1/parse); the 50 MB file thrice
    while len(chosen) < count:
        roll = rng.random()
        if roll < 0.5:
            chosen.append(rng.choice(quick))
        elif roll < 0.75:
            chosen.append(rng.choice(small_hostile))
        else:
            chosen.append(garbage_request(rng))
    chosen = chosen[:count]
    rng.shuffle(chosen)
    return chosen


def slow(request: Request) -> bool:
    """Whether ``request`` sends a notice that takes long to parse (a PDF)."""
    name = str(request.params.get("filename") or (request.files or {}).get("file", ("",))[0])
    return Path(name).suffix in _SLOW_SUFFIXES


def judge(request: Request, response: httpx.Response) -> str | None:
    """Why ``response`` is wrong for ``request``, or None when it is right."""
    status = response.status_code
    if status >= 500 and not (status == 503 and _code(response) == "server-busy"):
        return f"server error {status}: {response.text[:200]}"
    if status >= 400:
        if not response.headers.get("content-type", "").startswith(PROBLEM) or not _code(response):
            return f"{status} without problem details: {response.text[:200]}"
    if request.expect_body is not None and status != 503:
        if status != 200 or response.text != request.expect_body:
            return f"wrong answer ({status}) for {request.params}"
    if request.expect_code == "ok":
        if status not in (200, 503):
            return f"expected a Document, got {status} {_code(response)}"
    elif request.expect_code is not None and status != 503 and _code(response) != request.expect_code:
        return f"expected {request.expect_code}, got {status} {_code(response)}"
    if request.kind == "hostile" and request.expect_code is None and status not in (413, 422, 503):
        return f"an archive was not refused: {status}"
    return None


def _code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("code") if isinstance(body, dict) else None


async def _send(client: httpx.AsyncClient, request: Request, gate: asyncio.Semaphore, timeout: float) -> Result:
    async with gate:
        started = time.perf_counter()
        try:
            response = await client.request(
                request.method,
                request.path,
                params=request.params,  # type: ignore[arg-type]
                content=request.content,
                files=request.files,
                headers=request.headers,
                timeout=timeout,
            )
        except httpx.HTTPError as error:
            return Result(request, None, time.perf_counter() - started, f"lost: {type(error).__name__}: {error}")
        return Result(request, response.status_code, time.perf_counter() - started, judge(request, response))


async def _run(url: str, requests: list[Request], concurrency: int, timeout: float) -> LoadReport:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(_send(client, r, gate, timeout) for r in requests))
        seconds = time.perf_counter() - started
    return LoadReport(list(results), seconds, concurrency)


def run_load(
    url: str,
    requests: list[Request],
    *,
    concurrency: int = 16,
    timeout: float = 120.0,
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Send ``requests`` to the service at ``url``, ``concurrency`` at a time."""
    if progress:
        progress(f"{len(requests)} requests at concurrency {concurrency} to {url}")
    return asyncio.run(_run(url, requests, concurrency, timeout))
