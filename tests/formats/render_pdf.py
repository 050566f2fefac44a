"""Render a notice's paragraphs as a PDF laid out like a published government notice.

A4 pages; the masthead (…文件), 文号 and titles centred; the recipients flush left; body
paragraphs (headings too) justified with a two-character first-line indent and wrapped to
the text width; the issuer and date of the closing set right. Every page has a running
header (the issuer) drawn before its text and a page number ``— N —`` drawn after it, so
a reader meets furniture at both ends of a page's text. The font is reportlab's built-in
CID font STSong-Light (no CJK TrueType font is needed, and pypdf extracts its text).

>>> from dashuang_parse import Metadata
>>> render_pdf(["一、总体要求", "加强监管。（市公安局负责）"], Metadata())[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from dashuang_parse import Metadata

FONT = "STSong-Light"
BODY_SIZE = 12
# Margins of GB/T 9704 (公文格式): 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
MARGINS = {"topMargin": 37 * mm, "bottomMargin": 35 * mm, "leftMargin": 28 * mm, "rightMargin": 26 * mm}
FALLBACK_HEADER = "XX市人民政府文件"
# Paragraphs within this many of the end may be the closing's issuer and date.
_CLOSING_REACH = 3
_MASTHEAD_MAX = 20

pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_BODY = ParagraphStyle(
    "body",
    fontName=FONT,
    fontSize=BODY_SIZE,
    leading=20,
    firstLineIndent=2 * BODY_SIZE,
    alignment=TA_JUSTIFY,
    wordWrap="CJK",
)
_FLUSH = ParagraphStyle("flush", parent=_BODY, firstLineIndent=0)
_RIGHT = ParagraphStyle("right", parent=_FLUSH, alignment=TA_RIGHT, rightIndent=4 * BODY_SIZE)
_CENTRED = ParagraphStyle("centred", parent=_FLUSH, alignment=TA_CENTER, spaceBefore=4, spaceAfter=4)
_TITLE = ParagraphStyle("title", parent=_CENTRED, fontSize=18, leading=28, spaceBefore=12, spaceAfter=12)
_MASTHEAD = ParagraphStyle("masthead", parent=_CENTRED, fontSize=26, leading=36, spaceAfter=18)


def render_pdf(paragraphs: list[str], metadata: Metadata) -> bytes:
    """The notice as PDF bytes: one reportlab paragraph per line of ``paragraphs``."""
    header = metadata.issuer or FALLBACK_HEADER
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, invariant=True, title="notice", **MARGINS)
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height, id="body")

    def draw_header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 18 * mm, header)
        canvas.line(MARGINS["leftMargin"], A4[1] - 20 * mm, A4[0] - MARGINS["rightMargin"], A4[1] - 20 * mm)
        canvas.restoreState()

    def draw_page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 14)
        canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {doc.page} —")
        canvas.restoreState()

    document.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw_header, onPageEnd=draw_page_number)])
    story = [Paragraph(escape(text), _style(i, text, paragraphs, metadata)) for i, text in enumerate(paragraphs)]
    document.build(story)
    return buffer.getvalue()


def _style(index: int, text: str, paragraphs: list[str], metadata: Metadata) -> ParagraphStyle:
    """The style a paragraph is set in, from where it stands and what the metadata says."""
    titles = {metadata.title, metadata.notice_title} - {None}
    if text in titles:
        return _TITLE
    if index < _CLOSING_REACH and text.endswith("文件") and len(text) <= _MASTHEAD_MAX:
        return _MASTHEAD
    if metadata.doc_number and text == metadata.doc_number:
        return _CENTRED
    if metadata.recipients and text.startswith(metadata.recipients[0]) and text.endswith("："):
        return _FLUSH
    near_end = index >= len(paragraphs) - _CLOSING_REACH
    if near_end and (text == metadata.issuer or _is_date(text, metadata)):
        return _RIGHT
    return _BODY


def _is_date(text: str, metadata: Metadata) -> bool:
    if metadata.date is None or len(text) > 14:
        return False
    return text.endswith("日") and str(metadata.date.year) in text or text.startswith(("二〇", "二○", "二零"))
