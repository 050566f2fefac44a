"""A service started for tests: ``dashuang-parse serve`` in a child process on 127.0.0.1,
with its own temporary folder (so a test can see that every request's folder is removed)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from conftest import ROOT

# Seconds a service may take to start: spawning workers and loading the dictionaries.
_START = 60.0


@dataclass(frozen=True)
class Service:
    url: str
    process: subprocess.Popen[bytes]
    tmp: Path  # the service's TMPDIR
    log: Path

    def client(self, timeout: float = 120.0) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)

    def pids(self) -> list[int]:
        """The server process and its workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [self.process.pid]
        if children.exists():
            found += [int(pid) for pid in children.read_text().split()]
        return found

    def rss(self) -> int:
        """Resident memory of the server and its workers, in bytes (Linux)."""
        return sum(self.rss_of(pid) for pid in self.pids())

    @staticmethod
    def rss_of(pid: int) -> int:
        """Resident memory of one process, in bytes; 0 when it is gone."""
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass  # a worker that was being replaced
        return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_service(folder: Path, *options: str) -> Iterator[Service]:
    """Start ``dashuang-parse serve`` with ``options``; stop it (and its workers) afterwards."""
    tmp = folder / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    log = folder / "service.log"
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "dashuang_parse", "serve", "--port", str(port), "--no-access-log", *options]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=folder)
    service = Service(f"http://127.0.0.1:{port}", process, tmp, log)
    try:
        _wait_until_up(service)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(service: Service) -> None:
    deadline = time.monotonic() + _START
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"the service exited: {service.log.read_text(errors='replace')}")
        try:
            if httpx.get(service.url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the service did not start in {_START:g} s: {service.log.read_text(errors='replace')}")
