"""The service under a bounded load on 127.0.0.1: 2,000 requests at concurrency 16 mixing
corpus notices, hostile files and garbage. No 5xx but the documented 503, no lost response,
every notice answered exactly, and the memory of the server and its workers flat after the
run. bench/serve.py runs the same load and reports throughput and latency."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
pytest.importorskip("uvicorn", reason="the serve extra is not installed")

from load import mixed_requests, run_load  # noqa: E402
from service import Service, running_service  # noqa: E402

REQUESTS = 2000
CONCURRENCY = 16
# Growth allowed between the end of a warm-up load and the end of the full one (MiB): the
# workers are recycled every 200 parses, so what grows without bound would show here.
_SERVER_GROWTH = 32
_TOTAL_GROWTH = 96


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    folder = tmp_path_factory.mktemp("load")
    # 8 MiB per file: the 50 MB hostile file is then refused at the door (413), under load.
    with running_service(folder, "--workers", "2", "--limit", "input_bytes=8M") as running:
        yield running


def test_load(service: Service, tmp_path: Path) -> None:
    requests = mixed_requests(REQUESTS, tmp_path / "hostile")
    warm = run_load(service.url, requests[:200], concurrency=CONCURRENCY)
    assert not warm.failures, [r.failure for r in warm.failures[:5]]
    time.sleep(0.5)
    server_before, total_before = _rss(service)

    report = run_load(service.url, requests, concurrency=CONCURRENCY)
    time.sleep(0.5)
    server_after, total_after = _rss(service)
    summary = report.summary()
    summary["server_rss_mib"] = [round(server_before), round(server_after)]
    summary["total_rss_mib"] = [round(total_before), round(total_after)]
    print(json.dumps(summary))

    assert len(report.results) == REQUESTS
    assert report.lost == 0, [r.failure for r in report.results if r.status is None][:5]
    assert not report.failures, [r.failure for r in report.failures[:5]]
    assert server_after - server_before < _SERVER_GROWTH, summary
    assert total_after - total_before < _TOTAL_GROWTH, summary
    assert [p.name for p in service.tmp.iterdir() if p.name.startswith("dashuang-serve-")] == []
    health = service.client().get("/healthz").json()
    assert health["busy"] == 0 and health["queued"] == 0


def _rss(service: Service) -> tuple[float, float]:
    """Resident MiB of the server process alone, and of it with its workers."""
    server = service.rss_of(service.process.pid)
    return server / 2**20, service.rss() / 2**20
