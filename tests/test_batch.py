"""Batch conversion end to end: a folder and a zip of the corpus repeated, with bad files
mixed in, convert completely; a killed batch resumed gives the same outputs.

The repetition is small here so the suite stays quick; set DASHUANG_BATCH_REPEAT=500 to run
the full-size check of issue 5 (bench/batch.py measures its speed).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from batch_inputs import BAD_FILES, BAD_MEMBERS, NOTICES, good_keys, make_folder, make_zip

from dashuang_parse import parse_file
from dashuang_parse.batch import convert
from dashuang_parse.export.rows import task_rows

REPEAT = int(os.environ.get("DASHUANG_BATCH_REPEAT", "6"))


@cache
def _rows_of(name: str) -> list[dict[str, object]]:
    notice = next(n for n in NOTICES if n.name == name)
    return [dict(row) for row in task_rows(parse_file(notice), "")]


def _expected_rows(keys: list[str]) -> list[dict[str, object]]:
    """The task rows of the good notices, computed notice by notice without the batch."""
    rows = []
    for key in keys:
        for row in _rows_of(Path(key).name):
            rows.append({**row, "document": key})
    return rows


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_outputs(out: Path, bad: dict[str, str]) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    keys = good_keys(REPEAT)
    files = {f["key"]: f for f in manifest["files"]}
    # Every good file converted, with its JSON where the manifest says.
    for key in keys:
        entry = files[key]
        assert entry["status"] in ("ok", "resumed"), entry
        doc = json.loads((out / entry["output"]).read_text(encoding="utf-8"))
        assert doc["source"]["sha256"] == entry["sha256"]
    # Every bad file failed, with the reason its kind calls for, and wrote nothing.
    failed = {k: f["error"]["code"] for k, f in files.items() if f["status"] == "failed"}
    assert failed == bad
    assert all(files[k]["error"]["message"] for k in failed)
    assert not any(out.rglob("*escape*")) and not (out.parent / "escape.txt.json").exists()
    assert manifest["totals"]["converted"] == len(keys) and manifest["totals"]["failed"] == len(bad)
    # tasks.jsonl holds exactly the good files' tasks, in input order.
    assert _jsonl(out / "tasks.jsonl") == _expected_rows(keys)
    assert [d["document"] for d in _jsonl(out / "documents.jsonl")] == keys
    # The workbook opens and holds every task and document.
    workbook = openpyxl.load_workbook(out / "tasks.xlsx", read_only=True)
    tasks_sheet, documents_sheet = workbook["任务分工"], workbook["文件"]
    task_cells = list(tasks_sheet.iter_rows(values_only=True))
    assert task_cells[0] == (
        "序号", "文件", "文号", "标题", "章节", "任务内容", "牵头单位", "配合单位", "责任单位", "完成时限",
    )  # fmt: skip
    assert len(task_cells) == 1 + len(_expected_rows(keys))
    assert len(list(documents_sheet.iter_rows(values_only=True))) == 1 + len(keys)
    assert len(workbook.sheetnames) > 2  # one sheet per agency
    workbook.close()
    # Nothing half-written is left behind.
    assert not [p for p in out.rglob(".*") if p.is_file()]


def _bad_codes(*tables: dict[str, tuple[bytes, str]]) -> dict[str, str]:
    return {name: code for table in tables for name, (_, code) in table.items()}


def test_folder_with_bad_files_converts_completely(tmp_path: Path) -> None:
    source = make_folder(tmp_path / "in", REPEAT)
    out = tmp_path / "out"
    outcomes = list(convert([source], out, jobs=2, formats=["json", "jsonl", "csv", "xlsx"]))
    assert [o.key for o in outcomes] == sorted(o.key for o in outcomes)
    _check_outputs(out, {**_bad_codes(BAD_FILES), "bad/link-out.txt": "unsafe-input"})
    assert (out / "tasks.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_zip_with_bad_members_converts_completely(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "notices.zip", REPEAT)
    out = tmp_path / "out"
    list(convert([archive], out, jobs=2, formats=["json", "jsonl", "xlsx"]))
    # Keys are always safe relative paths; the manifest's "input" keeps the name as written.
    safe = {"../escape.txt": "_../escape.txt", "/abs/root.txt": "abs/root.txt"}
    _check_outputs(out, {safe.get(k, k): code for k, code in _bad_codes(BAD_FILES, BAD_MEMBERS).items()})


def _batch_command(source: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dashuang_parse",
        "batch",
        str(source),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--format",
        "json,jsonl,xlsx",
        "--quiet",
        *extra,
    ]


def _converted(out: Path) -> int:
    try:
        return len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError):
        return 0


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
def test_killed_batch_resumes_to_the_same_outputs(tmp_path: Path) -> None:
    # Long enough to be caught running: the first manifest checkpoint comes after 2 s, and
    # two workers convert a few hundred notices a second.
    source = make_folder(tmp_path / "in", max(REPEAT, 200))
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    run = subprocess.Popen(_batch_command(source, out), start_new_session=True)
    deadline = time.monotonic() + 120
    while _converted(out) < 20 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    killed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert killed["status"] == "running"
    # What the killed run wrote is whole: every JSON it left parses.
    for path in out.glob("copy*/*.json"):
        json.loads(path.read_text(encoding="utf-8"))

    assert subprocess.run(_batch_command(source, out, "--resume")).returncode == 15  # bad files fail
    assert subprocess.run(_batch_command(source, fresh)).returncode == 15
    resumed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert resumed["status"] == "complete" and resumed["totals"]["resumed"] >= 20
    for name in ("tasks.jsonl", "documents.jsonl"):
        assert (out / name).read_text(encoding="utf-8") == (fresh / name).read_text(encoding="utf-8")
    outputs = sorted(p.relative_to(out) for p in out.rglob("*.json"))
    assert outputs == sorted(p.relative_to(fresh) for p in fresh.rglob("*.json"))
    for relative in outputs:
        if relative.name != "manifest.json":
            assert (out / relative).read_bytes() == (fresh / relative).read_bytes(), relative


def test_manifest_is_json_with_one_line_per_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcomes = list(convert([make_folder(tmp_path / "in", 1)], out))
    text = (out / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert len(manifest["files"]) == len(outcomes)
    lines = text.splitlines()
    for record in manifest["files"]:
        # Each record is one line, and reads back as it was written.
        line = next(line for line in lines if f'"key": {json.dumps(record["key"], ensure_ascii=False)}' in line)
        assert json.loads(line.strip().rstrip(",")) == record
