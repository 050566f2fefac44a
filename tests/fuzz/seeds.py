"""Seed files for the fuzz target's mutations, one of each format the readers take, built
here so the fuzz target needs nothing outside the package."""

from __future__ import annotations

import io
import zipfile

NOTICE = (
    "关于印发2017年打击侵权假冒工作要点的通知\n各县区人民政府：\n"
    "一、重点任务\n（一）加强监管。（市市场监管局牵头，市公安局配合）\n"
    "1.开展专项行动。（责任单位：市公安局、市商务局）\n二、保障措施\n（二）严格执法。（大连海关）\n"
    "市人民政府办公室\n2017年9月25日\n"
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _html() -> bytes:
    paragraphs = "".join(f"<p style='text-indent:2em'>{line}</p>" for line in NOTICE.splitlines())
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'><title>通知</title>"
        "<script>var x = '<p>';</script></head><body><div class='nav'>首页 | 政务公开</div>"
        "<table><tr><td>索引号：</td><td>0001</td><td>文号：</td><td>政办发〔2017〕1号</td></tr></table>"
        f"<div class='TRS_Editor'>{paragraphs}<br/>&nbsp;&#x4E00;</div><div class='footer'>扫一扫在手机打开当前页</div>"
        "</body></html>"
    )
    return page.encode("gb18030")


def _docx() -> bytes:
    numbered = "<w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>"
    body = "".join(
        # A 一、 heading's number comes from the numbering definition, as Word writes it.
        f"<w:p>{numbered}<w:r><w:t>{line[2:]}</w:t></w:r></w:p>"
        if line.endswith("任务") or line.endswith("措施")
        else f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in NOTICE.splitlines()
    )
    table = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>工作任务</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>加强监管</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>市公安局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    numbering = (
        f"<w:numbering xmlns:w='{_W}'><w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:start w:val='1'/>"
        "<w:numFmt w:val='chineseCounting'/><w:lvlText w:val='%1、'/></w:lvl></w:abstractNum>"
        "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num></w:numbering>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document xmlns:w='{_W}'><w:body>{body}{table}</w:body></w:document>")
        archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def _pdf() -> bytes:
    """A minimal one-page PDF with a Latin text layer (a CJK font needs more than a seed)."""
    content = b"BT /F1 12 Tf 72 720 Td (1. Strengthen supervision. ) Tj 0 -20 Td (- 1 -) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# (suffix, bytes) of every seed
SEED_FILES: list[tuple[str, bytes]] = [
    (".txt", NOTICE.encode("utf-8")),
    (".txt", NOTICE.encode("gb18030")),
    (".txt", NOTICE.encode("utf-16")),
    (".md", ("# " + NOTICE).encode("utf-8")),
    (".html", _html()),
    (".docx", _docx()),
    (".pdf", _pdf()),
]
