"""The notice's text as HTML with its sections, tasks and diagnostics marked where they lie.

Every mark is an element around the characters its span covers, so a page can highlight a
task by adding a class to the elements of its span. Spans of sections and tasks nest, but a
diagnostic may cross them; a mark that crosses another is split into pieces at the crossing
(every piece carries the same ``data-`` attribute, only the first one the ``id``), the way
syntax highlighters split a token that crosses a line.

>>> html = mark_text("abcdef", [Mark(0, 4, "section", "s0"), Mark(2, 6, "diag", "d0")])
>>> print(str(html).replace("><", ">\\n<"))
<span class="m-section" data-section="s0" id="x-s0">ab<span class="m-diag" data-diag="d0" id="x-d0">cd</span>
</span>
<span class="m-diag" data-diag="d0">ef</span>
>>> str(mark_text("<b>", []))
'&lt;b&gt;'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# Marks that start at the same place open outer-first: a section around its task, a task
# around a diagnostic of the same extent.
_ORDER = {"section": 0, "task": 1, "diag": 2}


@dataclass(frozen=True)
class Mark:
    """A half-open span of the text that the page can highlight, e.g. a task's."""

    start: int
    end: int
    kind: str  # section, task or diag: the element's class and data attribute
    key: str  # the page's id of the thing marked: s3, t12, d0


def _open(mark: Mark, first: bool) -> str:
    anchor = f' id="x-{escape(mark.key)}"' if first else ""
    return f'<span class="m-{mark.kind}" data-{mark.kind}="{escape(mark.key)}"{anchor}>'


def mark_text(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with an element around each mark's span (see the module's doc).

    Empty marks become empty anchors, so that a diagnostic at one place can still be linked."""
    ordered = sorted(
        (m for m in marks if 0 <= m.start <= m.end <= len(text)),
        key=lambda m: (m.start, -m.end, _ORDER.get(m.kind, 9)),
    )
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[Mark] = set()
    position = 0
    cuts = sorted({0, len(text), *(m.start for m in ordered), *(m.end for m in ordered)})
    pending = 0  # index into ordered of the next mark to open
    for cut in cuts:
        out.append(escape(text[position:cut], quote=False))
        position = cut
        # Close the marks ending here; those opened after one of them close and reopen.
        if any(m.end == cut for m in stack):
            reopen: list[Mark] = []
            while any(m.end == cut for m in stack):
                mark = stack.pop()
                out.append("</span>")
                if mark.end != cut:
                    reopen.append(mark)
            for mark in reversed(reopen):
                out.append(_open(mark, first=False))
                stack.append(mark)
        while pending < len(ordered) and ordered[pending].start == cut:
            mark = ordered[pending]
            pending += 1
            first = mark not in opened
            opened.add(mark)
            if mark.start == mark.end:
                out.append(_open(mark, first) + "</span>")
            else:
                out.append(_open(mark, first))
                stack.append(mark)
    out.extend("</span>" for _ in stack)
    return Markup("".join(out))
