"""Issue 17: a batch loses nothing silently. Each test reproduces one finding of the issue:
the input that was lost, the collision, the traceback or the wrong exit, and checks what
happens now."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest
from faults import exploding_member

from dashuang_parse import OutputBusy, OutputError, OutputNotOwned
from dashuang_parse.batch import convert
from dashuang_parse.batch.outdir import OutputFolder
from dashuang_parse.batch.pool import Pool
from dashuang_parse.batch.worker import Job, Settings
from dashuang_parse.tools.cli import main

NOTICE = "一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n（二）严格执法。（市公安局负责）\n"


def _write(path: Path, text: str = NOTICE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _files(out: Path) -> dict[str, dict]:
    return {f["key"]: f for f in _manifest(out)["files"]}


def _batch(*argv: str) -> int:
    return main(["batch", *argv, "--jobs", "1", "--quiet"])


# -- outputs never collide, never leave OUT -------------------------------------------


def test_parse_several_files_with_one_stem_into_a_folder(tmp_path: Path) -> None:
    files = [_write(tmp_path / "a" / "x.txt"), _write(tmp_path / "b" / "x.txt"), _write(tmp_path / "a" / "x.md")]
    assert main(["parse", *map(str, files), "-o", str(tmp_path / "coll")]) == 0
    written = sorted(p.name for p in (tmp_path / "coll").iterdir())
    assert written == ["x.md.json", "x.txt.json", "x.txt~2.json"]
    sources = {json.loads((tmp_path / "coll" / n).read_text(encoding="utf-8"))["source"]["path"] for n in written}
    assert sources == {str(f) for f in files}


def test_list_lines_meeting_on_one_key_get_two_outputs(tmp_path: Path) -> None:
    listing = tmp_path / "lists" / "in.lst"
    _write(tmp_path / "lists" / "a" / "x.txt")
    _write(tmp_path / "a" / "x.txt", NOTICE.replace("加强监管", "强化监管"))
    _write(listing, "a/x.txt\n../a/x.txt\n")
    out = tmp_path / "out"
    assert _batch(str(listing), "-o", str(out)) == 0
    files = _files(out)
    assert sorted(files) == ["a/x.txt", "a/x.txt~2"]
    assert {f["output"] for f in files.values()} == {"a/x.txt.json", "a/x.txt~2.json"}
    assert len({f["sha256"] for f in files.values()}) == 2


def test_dot_dot_inputs_stay_inside_the_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "work" / "here"
    _write(here / "a.txt")
    _write(tmp_path / "work" / "b.txt")
    monkeypatch.chdir(here)
    assert _batch("..", "a.txt", "-o", "../out") == 16  # a.txt was met in .. already; out is skipped
    out = tmp_path / "work" / "out"
    outputs = sorted(str(p.relative_to(out)) for p in out.rglob("*.json") if p.name != "manifest.json")
    assert outputs == ["work/b.txt.json", "work/here/a.txt.json"]
    skipped = {f["key"]: f["error"]["code"] for f in _files(out).values() if f["status"] == "skipped"}
    assert skipped == {"work/out": "output-folder", "a.txt": "duplicate"}
    assert not list(tmp_path.glob("*.json")) and not list((tmp_path / "work").glob("*.json"))


def test_archive_members_named_like_the_outputs(tmp_path: Path) -> None:
    archive = tmp_path / "odd.zip"
    names = ["manifest.json/x.txt", "manifest", "MANIFEST", "_manifest", "a", "a.json/b", "A", "\u200b"]
    with zipfile.ZipFile(archive, "w") as z:
        for name in names:
            z.writestr(name, NOTICE)
    out = tmp_path / "out"
    assert _batch(str(archive), "-o", str(out)) == 0
    files = _files(out)
    assert len(files) == len(names) and all(f["status"] == "ok" for f in files.values())
    outputs = [f["output"] for f in files.values()]
    assert len({o.casefold() for o in outputs}) == len(names)  # distinct, even on a case-blind share
    for output in outputs:
        assert json.loads((out / output).read_text(encoding="utf-8"))["sections"]
    assert _manifest(out)["status"] == "complete" and (out / "tasks.jsonl").is_file()


def test_long_cjk_names_are_bounded(tmp_path: Path) -> None:
    name = "关于印发" + "打击侵犯知识产权和制售假冒伪劣商品" * 5 + "工作要点的通知.txt"  # 100 characters, 300 bytes
    assert len(name.encode()) > 255 - len(".json")
    source = tmp_path / "in"
    _write(source / "short.txt")
    (source / name[:80]).write_text(NOTICE, encoding="utf-8")  # as long as the file system takes
    out = tmp_path / "out"
    assert _batch(str(source), "-o", str(out)) == 0
    outputs = [f["output"] for f in _files(out).values()]
    assert all(len(part.encode()) <= 200 for o in outputs for part in o.split("/"))
    assert all((out / o).is_file() for o in outputs)
    # Two long names with the same beginning stay apart.
    (source / (name[:70] + "甲.txt")).write_text(NOTICE, encoding="utf-8")
    (source / (name[:70] + "乙.txt")).write_text(NOTICE, encoding="utf-8")
    assert _batch(str(source), "-o", str(out), "--overwrite") == 0
    assert len({f["output"] for f in _files(out).values()}) == 4


# -- every input accounted for ---------------------------------------------------------


def test_every_file_in_a_folder_is_accounted_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in"
    _write(source / "notice.txt")
    _write(source / "page.doc", "<html><body><p>一、任务</p><p>（一）加强监管。（市公安局负责）</p></body></html>")
    (source / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (source / "b.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _write(source / "c.rtf", "{\\rtf1\\ansi 一、任务}")
    (source / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    _write(source / ".notes.txt")
    os.symlink("loop.txt", source / "loop.txt")  # a link to itself
    os.symlink("nowhere.txt", source / "dangling.txt")
    os.symlink(source, source / "again")  # a link to a folder, back to the top
    os.link(source / "notice.txt", source / "z-hardlink.txt")  # met after notice.txt
    os.mkfifo(source / "pipe.txt")
    out = tmp_path / "out"
    status = _batch(str(source), "-o", str(out))
    err = capsys.readouterr().err
    files = _files(out)
    got = {k: f["error"]["code"] if f["error"] else f["status"] for k, f in files.items()}
    assert got == {
        "notice.txt": "ok",
        "page.doc": "ok",  # the content decides: a saved page
        "old.doc": "unsupported-format",
        "b.wps": "unsupported-format",
        "c.rtf": "unsupported-format",
        "logo.png": "not-a-notice",
        "_.notes.txt": "hidden",
        "loop.txt": "symlink-loop",
        "dangling.txt": "broken-link",
        "again": "linked-folder",
        "z-hardlink.txt": "duplicate",
        "pipe.txt": "not-a-file",
    }
    assert all(files[k]["status"] == "skipped" for k in got if got[k] not in ("ok",))
    assert status == 16  # nothing failed, something skipped
    assert "2 converted; 0 failed; 10 skipped (" in err and "unsupported-format 3" in err
    totals = _manifest(out)["totals"]
    assert (totals["converted"], totals["skipped"], totals["reasons"]["unsupported-format"]) == (2, 10, 3)


def test_names_that_are_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in"
    source.mkdir()
    gbk = os.fsdecode("工作要点.txt".encode("gbk"))
    junk = os.fsdecode(b"\xff\xfe-notice.txt")
    for name in (gbk, junk):
        (source / name).write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "out"
    assert _batch(str(source), "-o", str(out)) == 0
    files = _files(out)
    assert sorted(files) == ["%FF%FE-notice.txt", "工作要点.txt"]  # GBK read as such, the rest as bytes
    assert files["工作要点.txt"]["input_hex"] == os.fsencode(source / gbk).hex()
    assert files["%FF%FE-notice.txt"]["input"].endswith("\\xff\\xfe-notice.txt")
    # parse takes the same files, and records the name as written.
    assert main(["parse", str(source / gbk), "--compact"]) == 0
    doc = json.loads(capsys.readouterr().out)
    # b"\xd2\xaa" (要) happens to be valid UTF-8 (U+04AA): kept as that, the rest as \xNN.
    assert doc["source"]["path"].endswith("\\xb9\\xa4\\xd7\\xf7\u04aa\\xb5\\xe3.txt")


def test_a_text_that_is_not_a_notice_is_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _write(tmp_path / "in" / "pyproject.toml", '[project]\nname = "x"\n')
    _write(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    assert _batch(str(config), str(tmp_path / "in" / "a.txt"), "-o", str(out)) == 0
    assert "1 without numbered sections or owners (no-structure)" in capsys.readouterr().err
    assert _manifest(out)["totals"]["warnings"] == {"no-structure": 1}
    assert _files(out)["pyproject.toml"]["warnings"] == ["no-structure"]


# -- one output folder, one batch ------------------------------------------------------


def test_a_second_batch_into_the_folder_is_refused_or_replaces_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    _write(first / "a.txt")
    _write(first / "b.txt")
    _write(second / "c.txt")
    assert _batch(str(first), "-o", str(out)) == 0
    mine = _write(out / "notes" / "mine.json", "{}")  # a file of the user's among the outputs
    foreign_temp = _write(out / ".draft.tmp", "x")
    capsys.readouterr()
    assert _batch(str(second), "-o", str(out)) == OutputNotOwned.exit_status
    assert "--resume finishes it, --overwrite replaces it" in capsys.readouterr().err
    assert _batch(str(second), "-o", str(out), "--overwrite") == 0
    assert sorted(p.name for p in out.glob("*.json")) == ["c.txt.json", "manifest.json"]
    assert mine.is_file() and foreign_temp.is_file()  # only the outputs it owned were removed
    capsys.readouterr()
    assert main(["agencies", str(out), "--format", "json"]) == 0
    index = json.loads(capsys.readouterr().out)
    assert {doc for entry in index for doc in entry["documents"]} == {str(out / "c.txt.json")}


def test_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(out / "report.docx", "x")
    _write(tmp_path / "a.txt")
    with pytest.raises(OutputNotOwned):
        list(convert([tmp_path / "a.txt"], out, jobs=1))
    assert sorted(p.name for p in out.iterdir()) == ["report.docx"]


def test_two_batches_at_once_into_one_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _write(tmp_path / "a.txt")
    running = OutputFolder(out, resume=False, overwrite=False)  # what a running batch holds
    try:
        with pytest.raises(OutputBusy):
            list(convert([tmp_path / "a.txt"], out, jobs=1))
    finally:
        running.release()
    assert not (out / "manifest.json").exists()
    list(convert([tmp_path / "a.txt"], out, jobs=1))  # free again once the first is done
    assert _manifest(out)["status"] == "complete" and not (out / ".dashuang.lock").exists()


# -- one input can only fail itself ---------------------------------------------------


def test_a_base_exception_in_a_worker_fails_only_its_input(tmp_path: Path) -> None:
    good = _write(tmp_path / "a.txt")
    settings = Settings(tmp_path / "out", write_json=False)
    pool = Pool(settings, 1)
    try:
        pool.submit(
            [Job(0, "boom.txt", "boom.txt", None, data=exploding_member()), Job(1, "a.txt", "a", None, str(good))]
        )
        outcomes = sorted(pool.drain(), key=lambda o: o.index)
    finally:
        pool.close()
    assert [o.status for o in outcomes] == ["failed", "ok"]
    assert outcomes[0].error_code == "internal-error" and "Unpicklable" in (outcomes[0].error_message or "")


def test_a_workbook_of_20000_agencies_with_few_file_handles(tmp_path: Path) -> None:
    import resource

    from dashuang_parse.export.spreadsheet import AGENCY_SHEETS, REST_SHEET, write_ledgers

    tasks, docs = tmp_path / "tasks.jsonl", tmp_path / "docs.jsonl"
    with tasks.open("w", encoding="utf-8") as out:
        for n in range(20_000):
            row = {"document": "a.txt", "section": "1", "headings": ["任务"], "task": f"1/{n}", "text": f"任务{n}。"}
            row.update(leads=[f"第{n}局"], participants=["市公安局"] if n % 2 else [], responsible=[])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    docs.write_text("", encoding="utf-8")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(64, hard), hard))  # openpyxl needed one per sheet
    try:
        write_ledgers(tmp_path, tasks, docs, with_csv=True, with_xlsx=True)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    book = openpyxl.load_workbook(tmp_path / "tasks.xlsx", read_only=True)
    assert len(book.sheetnames) == 2 + AGENCY_SHEETS + 1
    # The agency with the most tasks has its own sheet; a notice of no known place names
    # its bodies by the notice (agency_groups).
    assert book.sheetnames[2] == "市公安局（a.txt）"
    rest = list(book[REST_SHEET].iter_rows(values_only=True))
    assert len(rest) == 1 + 20_000 - (AGENCY_SHEETS - 1)
    book.close()
    assert sum(1 for _ in (tmp_path / "agencies.csv").open(encoding="utf-8-sig")) == 1 + 20_000 + 10_000


def test_ledgers_are_built_without_holding_the_rows(tmp_path: Path) -> None:
    import tracemalloc

    from dashuang_parse.export.spreadsheet import write_ledgers

    tasks, docs = tmp_path / "tasks.jsonl", tmp_path / "docs.jsonl"
    text = "加强监管，严格执法。" * 20
    with tasks.open("w", encoding="utf-8") as out:
        for n in range(60_000):
            row = {"document": f"d{n // 20}.txt", "section": "1.1", "headings": ["任务", "监管"], "task": f"1.1/{n}"}
            row.update(text=text, leads=[f"局{n % 300}"], participants=["市公安局"], responsible=[])
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    docs.write_text("", encoding="utf-8")
    assert tasks.stat().st_size > 40_000_000
    tracemalloc.start()
    try:
        write_ledgers(tmp_path, tasks, docs, with_csv=True, with_xlsx=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000, peak  # the rows were 40 MB on disk; the parent held ~MB at a time


# -- faults of the machine ---------------------------------------------------------------


def test_output_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = _write(tmp_path / "taken.txt", "keep")
    notice = _write(tmp_path / "a.txt")
    assert _batch(str(notice), "-o", str(taken)) == OutputError.exit_status
    assert "is a file, not a folder" in capsys.readouterr().err and taken.read_text() == "keep"
    assert main(["parse", str(notice), str(notice), "-o", str(taken)]) == OutputError.exit_status
    assert "Traceback" not in capsys.readouterr().err


def test_a_write_the_disk_refuses_stops_the_batch_with_a_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    for name in ("a.txt", "b.txt", "sub/c.txt", "z.txt"):
        _write(source / name)
    _write(out / "sub", "a file where the batch needs a folder")  # as a full or broken disk would refuse
    status = _batch(str(source), "-o", str(out), "--overwrite")
    err = capsys.readouterr().err
    assert status == OutputError.exit_status and "output-error" in err and "Traceback" not in err
    manifest = _manifest(out)
    assert manifest["status"] == "stopped" and manifest["error"]["code"] == "output-error"
    # What was done up to the fault (a folder's files come before its subfolders).
    assert [f["key"] for f in manifest["files"]] == ["a.txt", "b.txt", "z.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert _batch(str(_write(tmp_path / "a.txt")), "-o", str(out)) == OutputError.exit_status
    finally:
        out.chmod(0o755)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("limit", ["seconds=inf", "archive_members=inf", "seconds=nan", "input_bytes=1e400"])
def test_limits_no_run_could_honour_are_usage_errors(limit: str, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(_write(tmp_path / "a.txt")), "-o", str(tmp_path / "out"), "--limit", limit])
    assert exit_.value.code == 2


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(tmp_path / "no-such"), "-o", str(tmp_path / "out")])
    assert exit_.value.code == 2 and not (tmp_path / "out").exists()


# -- shareable outputs ---------------------------------------------------------------


def test_outputs_follow_the_umask(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt")
    old = os.umask(0o002)
    try:
        list(convert([tmp_path / "in"], tmp_path / "out", jobs=1, formats=["json", "jsonl", "csv", "xlsx"]))
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert modes == dict.fromkeys(modes, 0o664) and len(modes) == 8, modes
