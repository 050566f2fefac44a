"""The HTML report in a real browser (headless Chromium): every section and task of the
Document is on the page, clicking a task highlights its span in the text, the archive's
matrix counts are the Document's, the page of a 500-section notice is ready in under 2 s,
and a notice's own markup never runs. A screenshot of each page goes to the artifacts folder
(see ``browser.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser import chromium, load, screenshot  # noqa: F401 - chromium is the fixture "browser"
from conftest import CORPUS

from dashuang_parse import Document, parse_file, parse_text
from dashuang_parse.batch import convert
from dashuang_parse.export.agency_index import build_index
from dashuang_parse.export.html_page import render_page

# A notice with many levels and tasks, and one with diagnostics that cross nothing and some.
NOTICES = ["003_71ac9bd14a8fd19d.txt", "004_03e7c1fd95997908.txt", "d029.pdf", "d016.html"]
ARCHIVE = ["003_71ac9bd14a8fd19d.txt", "004_03e7c1fd95997908.txt", "d001.txt", "d010.txt", "d016.html", "d032.docx"]


def _page(tmp_path: Path, doc: Document, name: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(render_page(doc), encoding="utf-8")
    return path


def _span_text(driver: Any, kind: str, key: str) -> str:
    """The text the marks of ``key`` cover, pieces joined in order."""
    return driver.execute_script(
        "const [kind, key] = arguments;"
        'return Array.from(document.querySelectorAll(`#text .m-${kind}[data-${kind}="${key}"]`))'
        ".map(e => e.textContent).join('')",
        kind,
        key,
    )


@pytest.mark.parametrize("name", NOTICES)
def test_every_section_and_task_is_on_the_page(browser: Any, tmp_path: Path, name: str) -> None:
    doc = parse_file(CORPUS / name)
    load(browser, _page(tmp_path, doc, name))
    screenshot(browser, f"notice-{name}")
    sections = list(doc.iter_sections())
    tasks = list(doc.iter_tasks())
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#tree details.section')).map(d => ["
        "d.querySelector(':scope > summary .goto').textContent, d.querySelector(':scope > summary').textContent])"
    )
    assert [section_id for section_id, _ in shown] == [s.id for s in sections]
    for (_, summary), section in zip(shown, sections):
        assert section.marker in summary and (section.heading or "") in summary
    statements = browser.execute_script(
        "return Array.from(document.querySelectorAll('#tree li.task')).map(li => ["
        "li.querySelector('.task-id').textContent, li.querySelector('.statement').textContent,"
        "Array.from(li.querySelectorAll('.owner')).map(o => [o.textContent, o.title])])"
    )
    assert [task_id for task_id, _, _ in statements] == [t.id for t in tasks]
    for (_, statement, owners), task in zip(statements, tasks):
        assert statement == f"{task.id} {task.text}"
        # Owners grouped by role in the page; the same (name, role) pairs as the Document.
        assert sorted(map(tuple, owners)) == sorted((a.name, a.role) for a in task.agencies)
    assert doc.text is not None
    for number, section in enumerate(sections):
        assert _span_text(browser, "section", f"s{number}") == doc.text[section.span[0] : section.span[1]]
    for number, task in enumerate(tasks):
        assert _span_text(browser, "task", f"t{number}") == doc.text[task.span[0] : task.span[1]]
    # The whole text is there, once, in order.
    assert browser.execute_script("return document.querySelector('#text pre').textContent") == doc.text
    diagnostics = browser.execute_script("return document.querySelectorAll('#diagnostics li').length")
    assert diagnostics == len(doc.diagnostics)


def _active(driver: Any) -> dict[str, list[str]]:
    return driver.execute_script(
        "const keys = s => Array.from(document.querySelectorAll(s)).map(e => e.dataset.task || e.dataset.diag"
        " || e.dataset.section);"
        "return {text: keys('#text .active'), tree: keys('#tree .active, #diagnostics .active')}"
    )


def test_clicking_a_task_highlights_its_span(browser: Any, tmp_path: Path) -> None:
    doc = parse_file(CORPUS / "004_03e7c1fd95997908.txt")
    load(browser, _page(tmp_path, doc, "click"))
    tasks = list(doc.iter_tasks())
    for number in (0, len(tasks) // 2, len(tasks) - 1):
        key = f"t{number}"
        browser.find_element("id", key).click()
        assert _active(browser) == {"text": [key] * len(_pieces(browser, key)), "tree": [key]}
        mark = browser.find_element("id", f"x-{key}")
        # Highlighted as a reader sees it: the active colour, and scrolled into view.
        assert mark.value_of_css_property("background-color") == "rgba(255, 217, 102, 1)"
        assert browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(), p = document.getElementById('text')"
            ".getBoundingClientRect(); return r.bottom > p.top && r.top < p.bottom",
            mark,
        )
    screenshot(browser, "click-task")
    # And back: clicking the text selects the task in the tree, its sections opened.
    browser.find_element("id", "collapse").click()
    browser.execute_script("document.getElementById('x-t1').scrollIntoView()")
    browser.find_element("id", "x-t1").click()
    assert _active(browser)["tree"] == ["t1"]
    assert browser.find_element("id", "t1").is_displayed()
    # A diagnostic's link highlights its place in the text.
    first = browser.find_element("css selector", "#diagnostics a.goto-diag")
    first.click()
    assert _active(browser) == {"text": ["d0"] * len(_pieces(browser, "d0", "diag")), "tree": []}
    assert _span_text(browser, "diag", "d0") == doc.text[doc.diagnostics[0].span[0] : doc.diagnostics[0].span[1]]
    screenshot(browser, "click-diagnostic")


def _pieces(driver: Any, key: str, kind: str = "task") -> list[Any]:
    return driver.find_elements("css selector", f'#text .m-{kind}[data-{kind}="{key}"]')


def test_archive_matrix_counts_are_the_documents(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    outdir = tmp_path / "out"
    outcomes = list(convert([CORPUS / name for name in ARCHIVE], outdir, jobs=1, formats=["json", "html"]))
    assert all(outcome.ok for outcome in outcomes)
    load(browser, outdir / "index.html")
    screenshot(browser, "archive")
    documents = [(outcome.key, parse_file(CORPUS / outcome.key)) for outcome in outcomes]
    index = build_index(documents)
    cells = browser.execute_script(
        "const out = {};"
        "for (const row of document.querySelectorAll('#matrix tbody tr')) {"
        "  const counts = out[row.dataset.agency] = {};"
        "  for (const cell of row.querySelectorAll('td.cell[data-document]')) {"
        "    counts[cell.dataset.document] = {};"
        "    for (const n of cell.querySelectorAll('[data-role]')) counts[cell.dataset.document][n.dataset.role] ="
        "      Number(n.textContent);"
        "  }"
        "  counts['*'] = {};"
        "  for (const cell of row.querySelectorAll('td[data-total]')) counts['*'][cell.dataset.total] ="
        "    Number(cell.textContent);"
        "}"
        "return out;"
    )
    expected = {name: {**entry.documents, "*": entry.total} for name, entry in index.items()}
    assert cells == expected
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#documents tbody tr')).map(r => "
        "[r.dataset.document, Number(r.cells[5].textContent), Number(r.cells[6].textContent),"
        " Number(r.cells[8].textContent)])"
    )
    assert rows == [
        [key, sum(1 for _ in doc.iter_sections()), sum(1 for _ in doc.iter_tasks()), len(doc.diagnostics)]
        for key, doc in documents
    ]
    # Sorting: a click on "tasks" orders the documents by it, a second click reverses.
    header = browser.find_element("css selector", "#documents thead th:nth-child(7)")
    header.click()
    ascending = browser.execute_script(
        "return Array.from(document.querySelectorAll('#documents tbody tr')).map(r => Number(r.cells[6].textContent))"
    )
    assert ascending == sorted(ascending)
    header.click()
    descending = browser.execute_script(
        "return Array.from(document.querySelectorAll('#documents tbody tr')).map(r => Number(r.cells[6].textContent))"
    )
    assert descending == sorted(ascending, reverse=True)
    # Search: only the agencies and documents containing the words stay.
    agency = next(iter(index))
    search = browser.find_element("id", "search")
    search.send_keys(agency)
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('#matrix tbody tr')).filter(r => !r.hidden)"
        ".map(r => r.dataset.agency)"
    )
    assert visible == [name for name in index if agency in name]
    screenshot(browser, "archive-search")
    search.send_keys(Keys.CONTROL, "a", Keys.DELETE)
    assert browser.execute_script("return document.querySelectorAll('tr[hidden]').length") == 0
    # Each document links to its page, which links back.
    browser.find_element("css selector", "#documents tbody tr a").click()
    assert browser.execute_script("return document.body.classList.contains('notice')")
    assert browser.find_element("css selector", ".back a").get_attribute("href").endswith("/index.html")


_DIGITS = "零一二三四五六七八九"


def _chinese(number: int) -> str:
    """1…99 in Chinese numerals: 十, 十一, 二十, 五十."""
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def _big_notice(sections: int) -> str:
    """A notice of ``sections`` sections: top-level sections of nine sub-sections with a task each."""
    lines = ["关于印发测试工作要点的通知", ""]
    for top in range(1, sections // 10 + 1):
        lines.append(f"{_chinese(top)}、第{top}项重点工作")
        for sub in range(1, 10):
            lines.append(
                f"（{_chinese(sub)}）加强第{top}.{sub}项监管执法，严厉打击侵权假冒行为。（市市场监管局牵头，市公安局、市商务局配合）"
            )
    return "\n".join(lines) + "\n"


def test_a_notice_of_500_sections_renders_in_under_2_seconds(browser: Any, tmp_path: Path) -> None:
    doc = parse_text(_big_notice(500))
    assert sum(1 for _ in doc.iter_sections()) == 500
    page = _page(tmp_path, doc, "big")
    load(browser, page)
    # Time since navigation began, read once the layout is done (offsetHeight forces it).
    elapsed = browser.execute_script("document.body.offsetHeight; return performance.now()")
    screenshot(browser, "big")
    assert browser.execute_script("return document.querySelectorAll('#tree details.section').length") == 500
    assert browser.execute_script("return document.querySelectorAll('#tree li.task').length") == 450
    assert elapsed < 2000, f"{elapsed:.0f} ms"


HOSTILE = (
    "关于<script>window.pwned = 1</script>的通知\n"
    '一、<img src=x onerror="window.pwned = 2">任务\n'
    '（一）加强</pre><script>window.pwned = 3</script>监管。（市公安局<b onmouseover="window.pwned=4">负责）\n'
)


def test_markup_in_a_notice_is_shown_not_run(browser: Any, tmp_path: Path) -> None:
    doc = parse_text(HOSTILE)
    load(browser, _page(tmp_path, doc, "hostile"))
    screenshot(browser, "hostile")
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('img, b, #text script').length") == 0
    assert browser.execute_script("return document.querySelector('#text pre').textContent") == doc.text
    assert "<script>" in browser.execute_script("return document.querySelector('#text pre').textContent")
