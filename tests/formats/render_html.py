"""Render a notice's paragraphs as a government web page, the way sites publish notices.

GBK-era markup: an XHTML doctype, ``<meta http-equiv … charset=gb2312>`` (the bytes are
GB18030, GBK's superset, so the few characters GBK lacks survive), a ``<style>`` and
``<script>`` in the head. The body has what a reader must see past: the site header with
accessibility links, a nav menu (首页 | 政务公开 | …), a breadcrumb (当前位置：首页 > …), the
信息公开 table (索引号 / 发布机构 / 文号 / 生成日期 / 标题, cells left empty when the metadata
has no value), an ``<h1>`` title and an info bar above the article, then the article in
``<div id="zoom" class="TRS_Editor">`` with one ``<p>`` a paragraph in the markup editors
produce (``text-indent:2em``, ``&nbsp;`` indents, ``<span>``/``<font>`` wrappers, ``&ldquo;``
references, two lines sometimes as ``text<br />text`` in one ``<p>``), and after it the print
bar, a share bar (分享到：微信 微博), related links (相关链接), the footer (主办单位 … 网站标识码 …
扫一扫在手机打开当前页) and a closing ``<script>``. Every choice is by paragraph index:
the same notice renders to the same bytes.

>>> from dashuang_parse import Metadata
>>> page = render_html(["一、总体要求", "加强监管。（市公安局负责）"], Metadata())
>>> b"charset=gb2312" in page, "<p" in page.decode("gb18030")
(True, True)
"""

from __future__ import annotations

from html import escape

from dashuang_parse import Metadata

SITE = "某某市人民政府"
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进某某", "专题专栏")
CRUMBS = ("首页", "政务公开", "通知公告")
RELATED = ("关于做好政务公开工作的通知", "某某市人民政府工作报告", "政策解读：一图读懂")
# Paragraph styles, cycled by index: the markup a web editor (TRS, UEditor) leaves.
_STYLES = 5
# Every _BR_EVERY-th paragraph shares its <p> with the next one, split by <br />.
_BR_EVERY = 7
_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<meta name="SiteName" content="{site}" />
<title>{title}</title>
<style type="text/css">
body {{ font-family: "宋体"; }} .TRS_Editor p {{ line-height: 2; }} /* 正文 */
</style>
<script type="text/javascript">
var _hmt = _hmt || []; document.write("<div class='stat'>统计代码：访问量</div>");
</script>
</head>
<body>
<!-- 头部 -->
<div class="header"><div class="logo">{site}</div>
<div class="top-links"><a href="#">无障碍浏览</a> <a href="#">长者模式</a> <a href="#">登录</a></div></div>
<div class="nav"><ul>{nav}</ul></div>
<noscript>您的浏览器不支持脚本</noscript>
<div class="position">当前位置：{crumbs}</div>
"""
_TAIL = """<div class="print">【<a href="javascript:window.print()">打印本页</a>】\
【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="share bdsharebuttonbox">分享到：<a href="#" class="bds_weixin">微信</a> \
<a href="#" class="bds_tsina">微博</a></div>
<div class="xglj"><h3>相关链接</h3><ul>{related}</ul></div>
<iframe src="about:blank" title="统计"></iframe>
<div class="footer">
<p>主办单位：{site}办公室&nbsp;&nbsp;承办单位：{site}大数据中心</p>
<p>网站标识码：1234000001&nbsp;&nbsp;某ICP备05001234号</p>
<p><img src="qr.png" alt="二维码" />扫一扫在手机打开当前页</p>
</div>
<script type="text/javascript">window._bd_share_config = {{"common": {{}}}};</script>
</body>
</html>
"""


def render_html(paragraphs: list[str], metadata: Metadata) -> bytes:
    """The notice as the bytes of a GBK-declared web page."""
    title = metadata.notice_title or metadata.title
    head = _HEAD.format(
        site=SITE,
        title=escape(f"{title}_{SITE}" if title else SITE),
        nav="".join(f'<li><a href="/{i}/">{word}</a></li>' for i, word in enumerate(NAV)),
        crumbs=" &gt; ".join(f'<a href="#">{word}</a>' for word in CRUMBS),
    )
    parts = [head, _metadata_table(metadata), '<div class="article">\n']
    if title:
        parts.append(f'<h1 class="title">{escape(title)}</h1>\n')
    if metadata.date:
        source = escape(metadata.issuer or SITE)
        fonts = "【字体：<a>大</a> <a>中</a> <a>小</a>】"
        published = f"发布时间：{metadata.date.isoformat()}&nbsp;&nbsp;来源：{source}"
        parts.append(f'<div class="info">{published}&nbsp;&nbsp;{fonts}</div>\n')
    parts.append('<div id="zoom" class="TRS_Editor">\n')
    parts.extend(_article(paragraphs))
    parts.append("</div>\n")
    related = "".join(f'<li><a href="/{i}.html">{word}</a></li>' for i, word in enumerate(RELATED))
    parts.append(_TAIL.format(site=SITE, related=related))
    return "".join(parts).encode("gb18030")


def _metadata_table(metadata: Metadata) -> str:
    """The 信息公开 table: label cells with spaced labels, empty cells where nothing is known."""
    date = metadata.date.isoformat() if metadata.date else ""
    rows = (
        (("索&nbsp;引&nbsp;号：", metadata.index_number), ("主题分类：", "综合政务")),
        (("发布机构：", metadata.issuer), ("生成日期：", date)),
        (("标　　题：", metadata.notice_title or metadata.title),),
        (("文　　号：", metadata.doc_number), ("公开方式：", "主动公开")),
    )
    lines = ['<div class="xxgk_table"><table width="100%" cellspacing="0">']
    for row in rows:
        span = ' colspan="3"' if len(row) == 1 else ""
        cells = "".join(
            f'<td class="label"><b>{label}</b></td><td{span}>{escape(value or "")}</td>' for label, value in row
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</table></div>\n")
    return "\n".join(lines)


def _article(paragraphs: list[str]) -> list[str]:
    """One <p> a paragraph in cycling styles; every _BR_EVERY-th pair shares one <p>."""
    out: list[str] = []
    index = 0
    while index < len(paragraphs):
        if index % _BR_EVERY == _BR_EVERY - 1 and index + 1 < len(paragraphs):
            first, second = _markup(paragraphs[index], index), _markup(paragraphs[index + 1], index + 1)
            out.append(f'<p style="text-indent:2em">{first}<br />\n&nbsp;&nbsp;&nbsp;&nbsp;{second}</p>\n')
            index += 2
            continue
        out.append(_paragraph(paragraphs[index], index))
        index += 1
    return out


def _markup(text: str, index: int) -> str:
    """Escaped text; in every third paragraph the quotes are written as references."""
    text = escape(text, quote=False)
    if index % 3 == 0:
        text = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return text


def _paragraph(text: str, index: int) -> str:
    style = index % _STYLES
    if style == 0:
        return f'<p style="text-indent:2em">{_markup(text, index)}</p>\n'
    if style == 1:
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{_markup(text, index)}</p>\n"
    if style == 2:
        span = '<span style="font-family:仿宋_GB2312;font-size:16pt">'
        return f'<p style="text-indent:2em">{span}{_markup(text, index)}</span></p>\n'
    if style == 3:
        middle = len(text) // 2  # a run of bold in mid-sentence, as editors leave it
        first, second = _markup(text[:middle], index), _markup(text[middle:], index)
        return f'<p>　　<font face="仿宋">{first}<strong>{second}</strong></font></p>\n'
    return f'<p class="MsoNormal" align="justify">\n    {_markup(text, index)}\n</p>\n'
