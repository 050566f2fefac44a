"""Issue 17: killing a batch is safe. A 600-file batch is killed 20 times at random points,
by SIGTERM (which it may answer) and SIGKILL (which it may not), each run resuming the one
before; then a last ``--resume`` finishes it. Every output must exist once, the JSON Lines
have no duplicate or torn line, only inputs without a whole output were converted again,
and no process of any run is left behind.

Small generated notices keep it to about a minute on two cores; DASHUANG_KILL_ROUNDS
changes the number of kills.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROUNDS = int(os.environ.get("DASHUANG_KILL_ROUNDS", "20"))
FILES = 600
# Seconds a killed run's processes may take to vanish (a worker ends as soon as it is told).
_GONE_WITHIN = 10.0

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")


def _make_inputs(root: Path) -> list[str]:
    keys = []
    for n in range(FILES):
        key = f"part{n % 7}/notice{n:04d}.txt"
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"关于印发第{n}号工作要点的通知\n一、重点任务\n（一）加强第{n}项监管。（市市场监管局牵头，市公安局配合）\n"
            f"（二）开展专项行动{n}。（区{n % 13}局负责）\n",
            encoding="utf-8",
        )
        keys.append(key)
    return sorted(keys)


def _command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "dashuang_parse", "batch", str(source), "-o", str(out), "--jobs", "2"]


def _options() -> list[str]:
    return ["--resume", "--quiet", "--format", "json,jsonl"]


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a zombie not yet reaped by anyone: gone for our purpose
        return False
    return True


def _wait_gone(group: int) -> bool:
    deadline = time.monotonic() + _GONE_WITHIN
    while _alive(group):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _whole_outputs(out: Path, keys: list[str]) -> int:
    """How many inputs have a whole JSON (one that parses) at their output."""
    count = 0
    for key in keys:
        try:
            json.loads((out / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            continue
        count += 1
    return count


def test_killed_twenty_times_then_resumed(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    keys = _make_inputs(source)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, *sys.path])}
    chance = random.Random(os.environ.get("DASHUANG_KILL_SEED", "17"))
    for round_ in range(ROUNDS):
        kind = signal.SIGTERM if round_ % 2 else signal.SIGKILL
        delay = chance.uniform(0.5, 3.5)
        run = subprocess.Popen(
            [*_command(source, out), *_options()], start_new_session=True, env=env, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        finished = run.poll() is not None
        if not finished:
            os.kill(run.pid, kind)  # the batch process only: its workers must follow by themselves
        code = run.wait(timeout=60)
        assert _wait_gone(run.pid), f"round {round_}: processes left after {kind.name}"
        if finished:
            continue
        manifest_path = out / "manifest.json"
        if delay >= 1.5:  # past its start-up, the batch has a manifest
            assert manifest_path.is_file(), f"round {round_}: no manifest after {delay:.1f} s"
        if kind == signal.SIGTERM and code == 128 + signal.SIGTERM:
            assert json.loads(manifest_path.read_bytes())["status"] == "interrupted"
    whole = _whole_outputs(out, keys)

    final = subprocess.run([*_command(source, out), *_options()], env=env, capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    manifest = json.loads((out / "manifest.json").read_bytes())
    assert manifest["status"] == "complete"
    files = manifest["files"]
    assert [f["key"] for f in files] == keys and all(f["status"] in ("ok", "resumed") for f in files)
    # Only what had no whole output was converted again.
    assert manifest["totals"]["resumed"] == whole
    # Every output exists once: on disk exactly the outputs the manifest names, at their keys.
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*.json") if p.name != "manifest.json")
    assert on_disk == sorted(f["output"] for f in files) == [f"{key}.json" for key in keys]
    # The JSON Lines hold each input's rows once, whole.
    tasks = [json.loads(line) for line in (out / "tasks.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == 2 * FILES
    assert len({(t["document"], t["task"]) for t in tasks}) == len(tasks)
    documents = [json.loads(line)["document"] for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert documents == keys
    assert not [p for p in out.rglob(".*")]  # no temporary file, spool or lock left
