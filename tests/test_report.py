"""The HTML report and the terminal summary without a browser: the marked text gives the text
back and each mark covers its span; pages escape the notice and load nothing; ``view``,
``show`` and ``batch --format html`` write what they promise. (tests/test_browser.py checks
the pages in Chromium.)"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given
from hypothesis import strategies as st

from dashuang_parse import parse_file, parse_text
from dashuang_parse.batch import convert
from dashuang_parse.export.html_archive import page_name
from dashuang_parse.export.html_page import render_page
from dashuang_parse.export.html_text import Mark, mark_text
from dashuang_parse.export.summary import summarize, width
from dashuang_parse.tools.cli import main

SAMPLE = CORPUS / "004_03e7c1fd95997908.txt"


class _Coverage(HTMLParser):
    """The text of marked-up HTML, and for each mark key the offsets its elements cover."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str | None] = []
        self.covered: dict[str, set[int]] = {}
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        key = next((v for k, v in found.items() if k.startswith("data-")), None)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        self.stack.append(key)
        if key is not None:
            self.covered.setdefault(key, set())

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        start = sum(map(len, self.text))
        self.text.append(data)
        for key in filter(None, self.stack):
            self.covered[key].update(range(start, start + len(data)))


_marks = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(["section", "task", "diag"])), max_size=12
)


@given(text=st.text(alphabet="ab<>&\"'\n加强", max_size=30), spans=_marks)
def test_marked_text_gives_the_text_back_and_each_mark_its_span(text: str, spans: list[tuple[int, int, str]]) -> None:
    marks = [
        Mark(min(a, b, len(text)), min(max(a, b), len(text)), kind, f"{kind[0]}{n}")
        for n, (a, b, kind) in enumerate(spans)
    ]
    parser = _Coverage()
    parser.feed(str(mark_text(text, marks)))
    parser.close()
    assert "".join(parser.text) == text
    for mark in marks:
        assert parser.covered[mark.key] == set(range(mark.start, mark.end))
    # One anchor per mark, however many pieces it was cut into.
    assert sorted(parser.ids) == sorted(f"x-{m.key}" for m in marks)


HOSTILE = (
    '关于<script>alert(1)</script>的通知\n一、<img src=x onerror="alert(2)">任务\n（一）加强"监管"。（市公安局负责）\n'
)


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S)


def test_a_page_escapes_the_notice_and_runs_only_its_own_script() -> None:
    page = render_page(parse_text(HOSTILE))
    assert "<img" not in page and not re.search(r"<script>alert", page)
    assert "&lt;script&gt;alert" in page  # (its brackets normalized to full width)
    scripts = _scripts(page)
    assert len(scripts) == 1
    # The Content-Security-Policy names that one script by its hash: nothing else may run.
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode("ascii")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    content = html.unescape(policy.group(1))
    assert f"script-src 'sha256-{digest}'" in content and "default-src 'none'" in content


@pytest.mark.parametrize("name", ["004_03e7c1fd95997908.txt", "d016.html"])
def test_a_page_loads_nothing_from_outside(name: str) -> None:
    page = render_page(parse_file(CORPUS / name))
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page)
    assert not re.search(r"\bsrc=", page)
    assert not re.search(r"(href|url\()\s*=?\s*[\"']?(https?:)?//", page)


def test_a_page_without_text_says_so(tmp_path: Path) -> None:
    saved = tmp_path / "doc.json"
    assert main(["parse", str(SAMPLE), "--no-text", "-o", str(saved)]) == 0
    assert main(["view", str(saved), "-o", str(tmp_path / "doc.html")]) == 0
    page = (tmp_path / "doc.html").read_text(encoding="utf-8")
    assert "saved without its text" in page and 'class="task"' in page


def test_view_one_notice_writes_its_page_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["view", str(SAMPLE)]) == 0
    page = (tmp_path / f"{SAMPLE.name}.html").read_text(encoding="utf-8")
    assert "官打假办〔2020〕2号" in page and page.count('class="task"') == len(list(parse_file(SAMPLE).iter_tasks()))


def test_view_several_notices_writes_pages_and_an_index(tmp_path: Path) -> None:
    files = [SAMPLE, CORPUS / "d010.txt", tmp_path / "missing.txt"]
    status = main(["view", *map(str, files), "-o", str(tmp_path / "out")])
    assert status != 0  # the missing file, reported; the others still written
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(["index.html", f"{SAMPLE.name}.html", "d010.txt.html"])
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SAMPLE.name}.html"' in index and "missing.txt" in index


def test_view_several_notices_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["view", str(SAMPLE), str(CORPUS / "d010.txt")]) == 2
    assert "-o OUT" in capsys.readouterr().err


def test_batch_html_writes_a_page_per_notice_and_the_index(tmp_path: Path) -> None:
    inputs = [SAMPLE, CORPUS / "d010.txt"]
    outcomes = list(convert(inputs, tmp_path, jobs=1, formats=["html"]))
    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted(
        ["index.html", *(f"{p.name}.html" for p in inputs)]
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert "index.html" in manifest["outputs"]
    # A resumed batch writes the page again if it was lost (the JSON alone is not enough).
    list(convert(inputs, tmp_path, jobs=1, formats=["json", "html"], overwrite=True))
    (tmp_path / page_name(SAMPLE.name)).unlink()
    again = list(convert(inputs, tmp_path, jobs=1, formats=["json", "html"], resume=True))
    assert [o.status for o in again] == ["ok", "resumed"]
    assert (tmp_path / page_name(SAMPLE.name)).is_file()


def test_show_prints_every_task_with_its_owners(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(SAMPLE), "--width", "80"]) == 0
    out = capsys.readouterr().out
    doc = parse_file(SAMPLE)
    for task in doc.iter_tasks():
        assert re.search(rf"^ *{re.escape(task.id)}  ", out, flags=re.M), task.id
    owners = {agency.name for task in doc.iter_tasks() for agency in task.agencies}
    flat = out.replace("\n", "").replace(" ", "")
    assert all(name in flat for name in owners)


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("full", [False, True])
def test_show_fits_chinese_text_in_the_width(columns: int, full: bool) -> None:
    lines = summarize(parse_file(SAMPLE), width=columns, full=full).splitlines()
    # Punctuation that may not start a line stays at the end of the one before: one over.
    assert max(width(line) for line in lines[3:]) <= columns + 2
    # An owner list wrapped over several lines goes on in the column where it began.
    labels = ("牵头 ", "配合 ", "负责 ")
    column = None
    continued = 0
    for line in lines:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.startswith(labels):
            column = indent + width(stripped[:3])
        elif column is not None and indent == column:
            continued += 1
        else:
            column = None
    assert continued > 0
