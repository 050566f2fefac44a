"""The service against its own OpenAPI document: schemathesis generates requests from
/openapi.json (positive and negative, examples, coverage and fuzzing) and runs every check
on each response — no server error, statuses, media types, headers and bodies as documented,
schema-invalid requests refused — for at least 500 cases."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
pytest.importorskip("uvicorn", reason="the serve extra is not installed")
pytest.importorskip("schemathesis", reason="the serve extra's test tools are not installed")

from service import Service, running_service  # noqa: E402

CONFIG = Path(__file__).resolve().parent / "schemathesis.toml"
CASES = 500
# Examples per operation: the two parsing operations give ~2.5 cases per example across the
# phases, the two GETs a handful; 220 leaves a margin over CASES.
_PER_OPERATION = 220


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service(tmp_path_factory.mktemp("schema"), "--workers", "2") as running:
        yield running


def test_the_service_keeps_its_openapi_contract(service: Service, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
        "run", f"{service.url}/openapi.json",
        "--checks", "all",
        "--max-examples", str(_PER_OPERATION),
        "--seed", "20",
        "--generation-database", "none",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, output
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["failures"] == [] and summary["errors"] == [], output
    assert summary["operations"]["tested"] == 4, output
    assert summary["test_cases"]["generated"] >= CASES, output
    assert [p.name for p in service.tmp.iterdir() if p.name.startswith("dashuang-serve-")] == []
