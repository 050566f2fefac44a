"""The hostile set (tests/hostile/make.py): every file has the outcome it is made for — a
typed error with its code, or a Document with the diagnostics it must carry — quickly, and
without writing anything outside the output folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile.bounded import CASES as BOUNDED
from hostile.bounded import PEAK_BYTES, SECONDS
from hostile.make import HOSTILE, Expected, make

from dashuang_parse import DashuangError, parse_file
from dashuang_parse.batch import convert
from dashuang_parse.tools.cli import main

# A hostile file is dealt with in well under this (seconds); a hang or an expansion is not.
_QUICK = 20.0
SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Expected]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, make(folder)


FILES = [name for name, (_, expected) in HOSTILE.items() if expected.code != "archive"]
ARCHIVES = [name for name, (_, expected) in HOSTILE.items() if expected.code == "archive"]


@pytest.mark.parametrize("name", FILES)
def test_parse_file(name: str, hostile: tuple[Path, dict[str, Expected]]) -> None:
    folder, expected = hostile
    outcome = expected[name]
    started = time.monotonic()
    if outcome.code == "ok":
        doc = parse_file(folder / name)
        assert outcome.diagnostics <= {d.code for d in doc.diagnostics}
        assert len(doc.diagnostics) <= 200  # capped: one problem is not ten thousand lines
    else:
        with pytest.raises(DashuangError) as error:
            parse_file(folder / name)
        assert error.value.code == outcome.code, error.value
        assert name in str(error.value)  # the message names the file
    assert time.monotonic() - started < _QUICK


@pytest.mark.parametrize("name", FILES[:6] + ["empty.txt", "junk.txt"])
def test_cli_prints_one_line_and_the_code_status(
    name: str, hostile: tuple[Path, dict[str, Expected]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, expected = hostile
    status = main(["parse", str(folder / name)])
    err = capsys.readouterr().err
    assert expected[name].code in err and name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert status > 2


def test_debug_shows_the_traceback(
    hostile: tuple[Path, dict[str, Expected]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = hostile
    main(["--debug", "parse", str(folder / "junk.txt")])
    assert "Traceback" in capsys.readouterr().err


def test_batch_over_the_whole_set(hostile: tuple[Path, dict[str, Expected]], tmp_path: Path) -> None:
    folder, expected = hostile
    out = tmp_path / "out"
    # By the name as written (the label): keys are made safe, "../" included.
    outcomes = {o.label.removeprefix(f"{folder}/").replace("::", "/"): o for o in convert([folder], out, jobs=2)}
    for name in FILES:
        code = expected[name].code
        assert (outcomes[name].error_code or "ok") == code, (name, outcomes[name].error_message)
    for name in ARCHIVES:
        for key, code in expected[name].members.items():
            assert (outcomes[key].error_code or "ok") == code, (key, outcomes[key].error_message)
    # Nothing escaped the output folder; every JSON written is whole.
    assert not (tmp_path / "evil.txt.json").exists() and not (out.parent.parent / "evil.txt.json").exists()
    for path in out.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"


# --- issue 18: bounded on every input, each class in a process of its own ----------------

# The child: runs the CLI on the case, then reports its own peak RSS (VmHWM: the peak of
# this process since it was exec'd, unlike ru_maxrss, which carries the RSS its parent had
# when it forked) and its children's (batch workers).
_RUNNER = """
import contextlib, io, json, resource, sys
from dashuang_parse.tools.cli import main
err = io.StringIO()
with contextlib.redirect_stderr(err):
    status = main(json.loads(sys.argv[1]))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
except OSError:
    pass
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"status": status, "err": err.getvalue(), "peak": max(peak, workers)}))
"""


@pytest.mark.parametrize("name", list(BOUNDED))
def test_each_class_is_bounded(name: str, tmp_path: Path) -> None:
    case = BOUNDED[name]
    path = case.make(tmp_path)
    options = [arg for limit in case.limits for arg in ("--limit", limit)]
    if case.command == "batch":
        args = ["batch", str(path), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1", *options]
    else:
        args = ["parse", str(path), "--no-text", "-o", str(tmp_path / "out.json"), *options]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(args)], capture_output=True, text=True, env=env, timeout=120
    )
    elapsed = time.monotonic() - started
    assert child.returncode == 0, child.stderr[-2000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert "Traceback" not in report["err"], report["err"]
    if case.command == "batch":
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
        codes = {(entry["error"] or {}).get("code", "ok") for entry in manifest["files"]}
        assert codes == {case.code}, manifest["files"]
    elif case.code == "ok":
        assert report["status"] == 0, report["err"]
    else:
        assert f"[{case.code}]" in report["err"], report["err"]
    assert elapsed < SECONDS, f"{name}: {elapsed:.1f} s"
    assert report["peak"] < PEAK_BYTES, f"{name}: peak RSS {report['peak'] / 2**20:.0f} MB"
