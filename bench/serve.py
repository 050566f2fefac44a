"""The HTTP service under load: `dashuang-parse serve` on 127.0.0.1, two loads sent to it.

    python bench/serve.py [--requests 2000] [--concurrency 16] [--workers 2] [--json]

*mixed*: the load of tests/test_serve_load.py — about half corpus notices (raw and form
uploads, /v1/parse and /v1/tasks), a quarter hostile files, a quarter garbage. *notices*: the
corpus notices alone (each PDF once), the throughput a client feeding real notices sees.
For each: requests/s, p50 and p99 latency (a request's time from sending to the last byte
of its response, queueing included), and the server's resident memory with its workers
before and after. Every response is checked as the load test checks it; failures and lost
responses are counted, and the run exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from load import LoadReport, Request, mixed_requests, run_load, slow  # noqa: E402
from service import running_service  # noqa: E402


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def notice_load(load: list[Request], count: int) -> list[Request]:
    """``count`` notice requests: the quick ones of ``load`` over and over, each PDF once."""
    quick = [r for r in load if r.kind == "notice" and not slow(r)]
    pdfs = [r for r in load if r.kind == "notice" and slow(r)]
    return pdfs + (quick * (count // max(1, len(quick)) + 1))[: count - len(pdfs)]


def measure(requests: int, concurrency: int, workers: int) -> dict[str, object]:
    """Start a service, warm it up, send both loads; the summaries and memory figures."""
    figures: dict[str, object] = {"requests": requests, "concurrency": concurrency, "workers": workers}
    with tempfile.TemporaryDirectory() as folder:
        load = mixed_requests(requests, Path(folder) / "hostile")
        notices = notice_load(load, requests)
        options = ("--workers", str(workers), "--limit", "input_bytes=8M")
        with running_service(Path(folder) / "service", *options) as service:
            _progress(f"service at {service.url} with {workers} workers; warming up")
            run_load(service.url, load[:200], concurrency=concurrency)
            for name, requests_ in (("mixed", load), ("notices", notices)):
                before = service.rss() / 2**20
                report: LoadReport = run_load(service.url, requests_, concurrency=concurrency, progress=_progress)
                time.sleep(0.5)
                summary = report.summary()
                summary["rss_mib_before_after"] = [round(before, 1), round(service.rss() / 2**20, 1)]
                summary["first_failures"] = [r.failure for r in report.failures[:3]]
                figures[name] = summary
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return figures


def _print(figures: dict[str, object]) -> None:
    print(f"{'load':<10}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'lost':>6}{'failed':>8}  RSS MiB")
    for name in ("mixed", "notices"):
        s = figures[name]
        assert isinstance(s, dict)
        rss = s["rss_mib_before_after"]
        print(
            f"{name:<10}{s['requests']:>9}{s['requests_per_s']:>9}{s['p50_ms']:>9}{s['p99_ms']:>9}"
            f"{s['lost']:>6}{s['failures']:>8}  {rss[0]} → {rss[1]}"
        )
    mixed = figures["mixed"]
    assert isinstance(mixed, dict)
    print(f"mixed statuses: {mixed['statuses']}")
    print(f"concurrency {figures['concurrency']}, {figures['workers']} workers, load average {figures['load_average']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.requests, args.concurrency, args.workers)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _print(figures)
    bad = any(isinstance(s, dict) and (s["lost"] or s["failures"]) for s in figures.values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
