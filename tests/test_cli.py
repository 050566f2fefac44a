from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS

from dashuang_parse.pipeline import STAGE_NAMES
from dashuang_parse.tools.cli import main

SAMPLE = CORPUS / "003_71ac9bd14a8fd19d.txt"


def test_parse_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLE), "--no-text"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["metadata"]["doc_number"] == "大政办发〔2012〕45号"
    assert "text" not in doc


def test_parse_several_files_into_a_folder(tmp_path: Path) -> None:
    files = [str(p) for p in sorted(CORPUS.glob("00[0-2]_*.txt"))]
    assert main(["parse", *files, "-o", str(tmp_path), "--compact"]) == 0
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    # Named as batch names them: the whole file name, so a.txt and a.md never meet.
    assert written == [Path(f).name + ".json" for f in files]
    assert len((tmp_path / written[0]).read_text(encoding="utf-8").splitlines()) == 1


def test_parse_one_file_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "doc.json"
    assert main(["parse", str(SAMPLE), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sections"][0]["id"] == "1"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "empty-input"), (b"\x00\x01\x02\xff\xfe\x00binary", "decode-error"), (b"\x80\xff" * 100, "decode-error")],
    ids=["empty", "binary", "not text"],
)
def test_bad_input_is_a_clear_error_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, code: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    status = main(["parse", str(bad), str(SAMPLE), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status != 0
    assert str(bad) in err and code in err and "Traceback" not in err
    assert (tmp_path / "out" / f"{SAMPLE.name}.json").exists()


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "no/such/file.txt"]) != 0
    assert "no/such/file.txt" in capsys.readouterr().err


def test_stage_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLE), "--stage", "normalize"]) == 0
    assert capsys.readouterr().out.startswith("发布文号：大政办发[2012]45号")
    assert main(["parse", str(SAMPLE), "--stage", "tokens"]) == 0
    assert "marker" in capsys.readouterr().out


@pytest.mark.parametrize("stage", STAGE_NAMES)
def test_every_stage_prints_its_result(stage: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SAMPLE), "--stage", stage]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    if stage in ("closing", "metadata", "document"):
        json.loads(out)
    if stage == "tree":
        assert out.splitlines()[0].split()[:2] == ["1", "cn"]
    if stage == "tasks":
        assert "市农委" in out


TRADITIONAL = "一、重點任務\n（一）加強監管。\n責任單位：市公安局、市場監督管理局\n"


def test_stage_tokens_runs_the_real_stages_on_traditional_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "traditional.txt"
    notice.write_text(TRADITIONAL, encoding="utf-8")
    assert main(["parse", str(notice), "--stage", "tokens"]) == 0
    owner_lines = [line for line in capsys.readouterr().out.splitlines() if " owner_line " in line]
    assert len(owner_lines) == 1 and "責任單位" in owner_lines[0]  # matched on the view, printed as written
    assert main(["parse", str(notice)]) == 0
    task = json.loads(capsys.readouterr().out)["sections"][0]["children"][0]["tasks"][0]
    assert [a["name"] for a in task["agencies"]] == ["市公安局", "市市場監督管理局"]


def test_stage_output_renders_diagnostics_with_a_caret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notice = tmp_path / "gap.txt"
    notice.write_text("一、任务\n（一）甲。（市公安局负责）\n（三）乙。（市商务局负责）\n", encoding="utf-8")
    assert main(["parse", str(notice), "--stage", "tree"]) == 0
    out = capsys.readouterr().out
    assert "line 3: warning numbering-gap: number 3 after 1" in out and "~^" in out


def test_eval_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["notice", "sections", "headings"]
    assert "micro-average" in out


def test_eval_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(CORPUS), "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"notices", "micro"}


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dashuang_parse", "parse", str(SAMPLE), "--compact", "--no-text"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["schema_version"] == "1.1"


def test_eval_goes_on_past_a_missing_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("003_71ac9bd14a8fd19d.txt", "003_71ac9bd14a8fd19d.gold.json"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "lost.gold.json").write_text('{"doc": "lost.txt", "sections": ["1"], "tasks": []}', encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "lost.txt" in captured.err
    rows = {line.split()[0]: line.split()[1:] for line in captured.out.splitlines()[1:]}
    assert rows["003_71ac9bd14a8fd19d.txt"][0] == "1.000"
    assert rows["lost.txt"][0] == "0.000"


def test_batch_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_bytes(SAMPLE.read_bytes())
    (source / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    status = main(["batch", str(source), "-o", str(out), "--jobs", "1", "--format", "json,csv", "--quiet"])
    assert status == 15  # finished, with a failure recorded in the manifest
    assert "1 converted; 1 failed (empty-input 1); 0 skipped" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [
        "agencies.csv",
        "documents.csv",
        "manifest.json",
        "sub",
        "tasks.csv",
    ]
    assert (out / "sub" / "a.txt.json").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [(f["key"], f["status"]) for f in manifest["files"]] == [("empty.txt", "failed"), ("sub/a.txt", "ok")]


@pytest.mark.parametrize("argv", [["--format", "json,pdf"], ["--jobs", "0"], []], ids=["format", "jobs", "no -o"])
def test_batch_usage_errors(argv: list[str], tmp_path: Path) -> None:
    out = ["-o", str(tmp_path / "out")] if argv else []
    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(SAMPLE), *out, *argv])
    assert exit_.value.code == 2


def test_agencies_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    main(["batch", str(CORPUS / "d001.txt"), str(SAMPLE), "-o", str(out), "--jobs", "1", "--quiet"])
    capsys.readouterr()
    assert main(["agencies", str(out), "--format", "json"]) == 0
    index = {entry["name"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert len({doc for entry in index.values() for doc in entry["documents"]}) == 2
    # The counts for one notice are those its hand-written gold gives, each owner counted under
    # the body it names (市科技局 is 市科学技术局 of this notice, whose place the metadata does not
    # give; a body counts once per task and role).
    assert main(["agencies", str(CORPUS / "d001.txt"), "--format", "json"]) == 0
    body = {name: entry["name"] for entry in json.loads(capsys.readouterr().out) for name in entry["names"]}
    assert body["市科技局"] == f"市科学技术局（{CORPUS / 'd001.txt'}）"
    gold = json.loads((CORPUS / "d001.gold.json").read_text(encoding="utf-8"))
    expected: dict[tuple[str, str], int] = {}
    for task in gold["tasks"]:
        for name, role in {(body[owner[0]], owner[1]) for owner in task["agencies"]}:
            expected[name, role] = expected.get((name, role), 0) + 1
    assert main(["agencies", str(CORPUS / "d001.txt"), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "agency,document,lead,participant,responsible"
    roles = ("lead", "participant", "responsible")
    counted = {
        (name, role): int(count)
        for name, document, *counts in (row.split(",") for row in rows[1:])
        if document == "*"
        for role, count in zip(roles, counts)
        if int(count)
    }
    assert counted == expected
    assert main(["agencies", str(out)]) == 0
    assert capsys.readouterr().out.startswith("agency")


def test_agencies_merge_successors(capsys: pytest.CaptureFixture[str]) -> None:
    """001 驻马店 (2015) names the three regulators the 2018 reform merged (市工商局, 市质监局,
    市食品药品监管局): three bodies, or on request one, their successor."""
    notice = str(next(CORPUS.glob("001_*.txt")))
    old = {"驻马店市 工商行政管理局", "驻马店市 质量技术监督局", "驻马店市 食品药品监督管理局"}
    assert main(["agencies", notice, "--format", "json"]) == 0
    assert old <= {entry["name"] for entry in json.loads(capsys.readouterr().out)}
    assert main(["agencies", notice, "--format", "json", "--merge-successors"]) == 0
    merged = {entry["name"]: entry for entry in json.loads(capsys.readouterr().out)}
    assert not old & set(merged)
    assert {"市工商局", "市质监局", "市食品药品监管局"} <= set(merged["驻马店市 市场监督管理局"]["names"])
