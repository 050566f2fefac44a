from __future__ import annotations

from conftest import CORPUS

import dashuang_parse
from dashuang_parse import Document, parse_file, parse_text


def test_parse_file_sets_the_source() -> None:
    path = CORPUS / "000_1636da96d756686d.txt"
    doc = parse_file(path)
    assert doc.source is not None
    assert (doc.source.format, doc.source.encoding, doc.source.size) == ("text", "utf-8", path.stat().st_size)
    assert len(doc.source.sha256) == 64


def test_gb18030_file(tmp_path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("一、任务\n（一）加强监管。（市公安局负责）".encode("gb18030"))
    doc = parse_file(path)
    assert doc.source is not None and doc.source.encoding == "gb18030"
    assert [t.id for t in doc.iter_tasks()] == ["1.1/1"]


def test_markdown_file(tmp_path) -> None:
    path = tmp_path / "notice.md"
    path.write_text("## 一、任务\n\n（一）加强监管。（市公安局负责）\n", encoding="utf-8")
    doc = parse_file(path)
    assert doc.source is not None and doc.source.format == "markdown"
    assert doc.sections[0].heading == "任务"


def test_iter_tasks_and_sections_follow_document_order() -> None:
    doc = parse_file(CORPUS / "003_71ac9bd14a8fd19d.txt")
    ids = [s.id for s in doc.iter_sections()]
    assert ids[:4] == ["1", "1.1", "1.1.1", "1.1.2"]
    task_sections = [t.id.split("/")[0] for t in doc.iter_tasks()]
    assert task_sections == sorted(task_sections, key=ids.index)


def test_empty_text_gives_an_empty_document() -> None:
    doc = parse_text("")
    assert isinstance(doc, Document) and doc.sections == [] and doc.text == ""


def test_models_are_frozen_and_strict() -> None:
    doc = parse_text("一、任务")
    try:
        doc.sections[0].id = "9"  # type: ignore[misc]
    except Exception:  # noqa: BLE001 - pydantic raises ValidationError
        pass
    else:  # pragma: no cover
        raise AssertionError("sections must be immutable")
    assert dashuang_parse.__version__


def test_big5_file_keeps_traditional_text(tmp_path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("一、重點任務\n（一）加強監管。（市公安局牽頭，市場監管局配合）".encode("big5"))
    doc = parse_file(path)
    assert doc.source is not None and doc.source.encoding == "big5"
    task = next(doc.iter_tasks())
    assert task.text == "加強監管。"
    assert [(a.name, a.role) for a in task.agencies] == [("市公安局", "lead"), ("市市場監管局", "participant")]


def test_utf16_without_bom(tmp_path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("一、任务\n（一）加强监管。（市公安局负责）".encode("utf-16-le"))
    doc = parse_file(path)
    assert doc.source is not None and doc.source.encoding == "utf-16-le"
    assert [t.id for t in doc.iter_tasks()] == ["1.1/1"]
