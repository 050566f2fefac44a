"""The archive page (``index.html`` of a batch or a ``view`` folder): every document with its
counts and diagnostics, and an agency × document matrix of lead / participant / responsible
task counts; both tables sortable, with a search box. Self-contained like the notice pages.

The page is built from rows (``documents.jsonl`` and ``tasks.jsonl`` lines), so a batch can
write it from what its workers sent back without holding every Document.

>>> from dashuang_parse import parse_text
>>> from .agency_index import index_from_rows
>>> from .rows import document_row, task_rows
>>> doc = parse_text("一、任务\\n（一）加强监管。（市公安局牵头，市商务局配合）")
>>> index = index_from_rows(task_rows(doc, "a.txt"))
>>> index["市公安局（a.txt）"].documents
{'a.txt': {'lead': 1, 'participant': 0, 'responsible': 0}}
>>> page = render_archive([document_row(doc, "a.txt")], index, {"a.txt": "a.txt.html"})
>>> 'href="a.txt.html"' in page
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

from markupsafe import Markup

from .agency_index import ROLE_LABELS, ROLES, AgencyEntry
from .html_page import asset, csp, environment
from .rows import DocumentRow

ARCHIVE_PAGE = "index.html"


def page_name(key: str) -> str:
    """The notice page of the document ``key`` (its path in the batch), beside its JSON.

    >>> page_name("sub/a.txt"), page_name("index")
    ('sub/a.txt.html', '_index.html')
    """
    name = f"{key}.html"
    return f"_{name}" if name == ARCHIVE_PAGE else name


def href(path: str) -> str:
    """A relative link to ``path`` (a page name): Chinese and spaces quoted, slashes kept."""
    return quote(path, safe="/")


def render_archive(
    documents: Sequence[DocumentRow],
    index: Mapping[str, AgencyEntry],
    pages: Mapping[str, str],
    *,
    failures: Sequence[tuple[str, str]] = (),
) -> str:
    """The archive page: ``documents`` (rows), the agency matrix of ``index``, links to the
    notice pages ``pages`` (document → relative path) and the inputs that failed (label, why)."""
    script = asset("archive.js")
    return (
        environment()
        .get_template("archive.html")
        .render(
            documents=documents,
            index=list(index.values()),
            pages={name: href(path) for name, path in pages.items()},
            failures=failures,
            roles=ROLES,
            role_labels=ROLE_LABELS,
            totals={key: sum(int(row[key]) for row in documents) for key in ("sections", "tasks", "diagnostics")},
            style=Markup(asset("report.css")),
            script=Markup(script),
            csp=csp(script),
        )
    )
