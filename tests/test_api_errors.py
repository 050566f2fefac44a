"""Issue 17: every wrong call a clear error, and the input conveniences of the API and the
command line (standard input, ``-o DIR/``, several documents on standard output)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from dashuang_parse import FileNotFound, Limits, NotAFile, Source, __version__, parse_bytes, parse_file, parse_text
from dashuang_parse.tools.cli import main

NOTICE = "一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n"
SAMPLE = CORPUS / "003_71ac9bd14a8fd19d.txt"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: parse_text(NOTICE.encode()), "'text'"),
        (lambda: parse_text(None), "'text'"),  # type: ignore[arg-type]
        (lambda: parse_text(NOTICE, source="x.txt"), "'source'"),  # type: ignore[arg-type]
        (lambda: parse_text(NOTICE, limits={"seconds": 1}), "'limits'"),  # type: ignore[arg-type]
        (lambda: parse_bytes(NOTICE), "'data'"),  # type: ignore[arg-type]
        (lambda: parse_bytes(b"x", 3), "'filename'"),  # type: ignore[arg-type]
        (lambda: parse_file(42), "'path'"),  # type: ignore[arg-type]
        (lambda: parse_file(None), "'path'"),  # type: ignore[arg-type]
    ],
    ids=["bytes", "None", "source str", "limits dict", "bytes str", "filename int", "path int", "path None"],
)
def test_wrong_types_name_the_argument(call: object, argument: str) -> None:
    with pytest.raises(TypeError, match=argument):
        call()  # type: ignore[operator]


def test_parse_bytes_and_file_objects() -> None:
    data = SAMPLE.read_bytes()
    by_bytes = parse_bytes(data, SAMPLE.name)
    assert by_bytes.source == Source(
        path=SAMPLE.name, format="text", encoding="utf-8", sha256=by_bytes.source.sha256, size=len(data)
    )
    assert parse_bytes(data).source.path is None
    with SAMPLE.open("rb") as handle:
        by_file = parse_file(handle)
    assert by_file.sections == by_bytes.sections and by_file.source.path == str(SAMPLE)
    assert parse_file(io.BytesIO(data)).sections == by_bytes.sections
    with SAMPLE.open(encoding="utf-8") as text_handle:
        assert parse_file(text_handle).sections == by_bytes.sections


def test_missing_file_and_folder_have_their_own_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FileNotFound) as missing:
        parse_file(tmp_path / "nope.txt")
    assert missing.value.code == "file-not-found"
    with pytest.raises(NotAFile) as folder:
        parse_file(tmp_path)
    assert folder.value.code == "not-a-file"
    assert main(["parse", str(tmp_path / "nope.txt")]) == FileNotFound.exit_status == 17
    assert main(["parse", str(tmp_path)]) == NotAFile.exit_status == 18
    assert main(["parse", str(tmp_path / "nope.txt"), "--stage", "tokens"]) == 17
    err = capsys.readouterr().err
    assert "[file-not-found]" in err and "[not-a-file]" in err
    stale = tmp_path / "schema.json"
    stale.write_text("{}", encoding="utf-8")
    assert main(["schema", "--check", str(stale)]) == 1  # a stale schema keeps 1, told apart from a missing file


def test_a_text_with_no_structure_is_warned_about() -> None:
    doc = parse_file(ROOT / "pyproject.toml")
    assert [d.code for d in doc.diagnostics] == ["no-structure"]
    assert not parse_text(NOTICE).diagnostics
    # Owners without sections are a structure of a kind, reported as such.
    assert [d.code for d in parse_text("市公安局负责。（市公安局负责）").diagnostics] == ["task-outside-sections"]


def _cli(*argv: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dashuang_parse", *argv], input=stdin, capture_output=True)


def test_parse_standard_input() -> None:
    result = _cli("parse", "-", "--compact", "--no-text", stdin=NOTICE.encode("gb18030"))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["path"] == "<stdin>" and doc["source"]["encoding"] == "gb18030"
    assert doc["sections"][0]["children"][0]["tasks"][0]["agencies"][0]["name"] == "市市场监管局"


def test_output_folder_named_with_a_slash(tmp_path: Path) -> None:
    assert main(["parse", str(SAMPLE), "-o", f"{tmp_path / 'newdir'}/"]) == 0
    assert [p.name for p in (tmp_path / "newdir").iterdir()] == [f"{SAMPLE.name}.json"]


def test_several_documents_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SAMPLE), str(CORPUS / "d001.txt")]
    assert main(["parse", *files, "--no-text"]) == 0
    docs = json.loads(capsys.readouterr().out)  # one JSON array, which every reader takes
    assert [d["source"]["path"] for d in docs] == files
    assert main(["parse", *files, "--jsonl", "--no-text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == files
    assert main(["parse", str(SAMPLE), "no/such.txt", "--no-text"]) == 17
    assert len(json.loads(capsys.readouterr().out)) == 1  # still a whole array


def test_version_and_verbosity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("-V", "--version"):
        with pytest.raises(SystemExit) as exit_:
            main([flag])
        assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"dashuang-parse {__version__}"
    assert main(["parse", str(SAMPLE), "-o", str(tmp_path / "a.json"), "-v"]) == 0
    assert f"wrote {tmp_path / 'a.json'}" in capsys.readouterr().err


def test_limits_are_checked_in_the_api(tmp_path: Path) -> None:
    from dashuang_parse.batch import convert

    with pytest.raises(ValueError, match="seconds"):
        convert([SAMPLE], tmp_path / "out", limits=Limits(seconds=float("inf")))
    with pytest.raises(TypeError, match="inputs"):
        convert(str(SAMPLE), tmp_path / "out")  # type: ignore[arg-type]
    with pytest.raises(FileNotFound):
        convert([tmp_path / "no-such.txt"], tmp_path / "out")
    assert not (tmp_path / "out").exists()
