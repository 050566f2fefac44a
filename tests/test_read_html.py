"""The HTML reader's rules, one row per quirk of a real government page, and its refusals."""

from __future__ import annotations

import time

import pytest
from hostile.make import LAUGHS_DTD, XXE_DTD

from dashuang_parse.core.errors import CorruptFile, DashuangError, DecodeError, EmptyInput, InputTooLarge, UnsafeInput
from dashuang_parse.read import read_bytes
from dashuang_parse.read.html import read_html

GBK_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
ARTICLE = "<p>一、总体要求</p><p>加强监管。（市公安局负责）</p>"
ARTICLE_TEXT = "一、总体要求\n加强监管。（市公安局负责）"


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# (id, page, bytes encoding, expected text, expected encoding name)
DECODING = [
    ("gbk-meta-http-equiv", _page(f'<div id="zoom">{ARTICLE}</div>', GBK_META), "gbk", ARTICLE_TEXT, "gb18030"),
    (
        "gbk-meta-charset",
        _page(f'<div class="TRS_Editor">{ARTICLE}</div>', '<meta charset="GBK">'),
        "gbk",
        ARTICLE_TEXT,
        "gb18030",
    ),
    ("utf8-bom-no-meta", "\ufeff" + _page(f"<div>{ARTICLE}</div>"), "utf-8", ARTICLE_TEXT, "utf-8"),
    (
        "charset-in-xml-declaration",
        '<?xml version="1.0" encoding="GB2312"?>' + _page(f"<div>{ARTICLE}</div>"),
        "gbk",
        ARTICLE_TEXT,
        "gb18030",
    ),
    (
        "declared-utf8-but-gbk-bytes",
        _page(f"<div>{ARTICLE}</div>", '<meta charset="utf-8">'),
        "gbk",
        ARTICLE_TEXT,
        "gb18030",
    ),
    (
        "declared-latin1-ignored",
        _page(f"<div>{ARTICLE}</div>", '<meta charset="iso-8859-1">'),
        "utf-8",
        ARTICLE_TEXT,
        "utf-8",
    ),
    (
        "big5-declared",
        _page("<div><p>一、重點任務</p><p>加強監管。</p></div>", '<meta charset="big5">'),
        "big5",
        "一、重點任務\n加強監管。",
        "big5",
    ),
    ("utf16-with-bom", _page(f"<div>{ARTICLE}</div>"), "utf-16", ARTICLE_TEXT, "utf-16"),
]


@pytest.mark.parametrize(
    ("page", "encoding", "text", "name"), [row[1:] for row in DECODING], ids=[row[0] for row in DECODING]
)
def test_decoding(page: str, encoding: str, text: str, name: str) -> None:
    decoded = read_html(page.encode(encoding), path="notice.html")
    assert (decoded.text, decoded.format, decoded.encoding) == (text, "html", name)


def test_a_few_bad_bytes_in_the_declared_charset_are_replaced() -> None:
    data = _page(f'<div id="zoom">{ARTICLE * 20}<p>落实责任。</p></div>', GBK_META).encode("gbk")
    cut = data.rindex("落实".encode("gbk"))
    decoded = read_html(data[:cut] + b"\x80" + data[cut:])
    assert decoded.encoding == "gb18030"
    assert decoded.text.endswith("\n\ufffd落实责任。")


META_TABLE = (
    '<table class="xxgk"><tr><td><b>索&nbsp;引&nbsp;号：</b></td><td>640502001/2017-66845</td>'
    "<td>主题分类：</td><td>综合政务</td></tr>"
    "<tr><td>发布机构：</td><td>市人民政府<span>办公室</span></td><td>生成日期：</td><td> 2017-09-25 10:30 </td></tr>"
    '<tr><td>标　　题：</td><td colspan="3">关于印发<span>工作方案</span>的通知</td></tr>'
    "<tr><td>文　　号：</td><td></td><td>公开方式：</td><td>主动公开</td></tr></table>"
)
META_LINES = (
    "索引号：640502001/2017-66845\n发布机构：市人民政府办公室\n生成日期：2017-09-25 10:30\n标题：关于印发工作方案的通知"
)

# (id, page body, expected text)
STRUCTURE = [
    (
        "br-splits-a-paragraph",
        '<div id="zoom"><p>一、总体要求<br/>&nbsp;&nbsp;（一）加强监管。<br><br>（二）落实责任。</p></div>',
        "一、总体要求\n（一）加强监管。\n（二）落实责任。",
    ),
    (
        "inline-elements-join",
        '<div id="zoom"><p>加强<span style="x">网络</span><font face="仿宋">市场</font>'
        "<strong>监管</strong>。（<a href='#'>市公安局</a>负责）</p></div>",
        "加强网络市场监管。（市公安局负责）",
    ),
    (
        "indents-stripped-spaces-collapsed",
        '<div id="zoom"><p>\u3000\u3000一、任务</p><p>&nbsp;&nbsp; 加强\n   监管 ，\t落实。</p></div>',
        "一、任务\n加强 监管 ， 落实。",
    ),
    ("character-references", '<div id="zoom"><p>&ldquo;双打&rdquo;&amp;&#x4E00;&#19968;&lt;</p></div>', "“双打”&一一<"),
    (
        "table-rows-cells-tab-joined",
        '<div id="zoom"><table><tr><th>序号</th><th>名称</th><th>数量</th></tr>'
        "<tr><td>1</td><td>宣传册</td><td>300</td></tr></table></div>",
        "序号\t名称\t数量\n1\t宣传册\t300",
    ),
    (
        "task-table-a-task-line-a-row",
        '<div id="zoom"><p>附件</p><table><thead><tr><th>序号</th><th>工作任务</th>'
        "<th>牵头单位</th><th>配合单位</th></tr></thead><tbody><tr><td>1</td><td>加强监管</td>"
        '<td rowspan="2">市公安局</td><td>市商务局<br>市农业局</td></tr><tr><td>2</td><td>严格执法</td><td></td></tr>'
        '<tr><td colspan="4">二、宣传</td></tr><tr><td>3</td><td>开展宣传</td><td>市委宣传部</td><td>—</td></tr>'
        "</tbody></table></div>",
        "附件\n1.加强监管（牵头单位：市公安局；配合单位：市商务局、市农业局）\n2.严格执法（牵头单位：市公安局）\n"
        "二、宣传\n3.开展宣传（牵头单位：市委宣传部）",
    ),
    (
        "headings-and-lists-start-lines",
        '<div id="zoom"><h2>一、总体要求</h2><div>（一）加强监管。</div>'
        "<ul><li>1.落实责任。</li><li>2.强化宣传。</li></ul></div>",
        "一、总体要求\n（一）加强监管。\n1.落实责任。\n2.强化宣传。",
    ),
    (
        "script-style-noscript-dropped",
        "<style>.a{color:red}</style><script>var a='<p>脚本</p>';</script>"
        f'<div id="zoom"><script>document.write("统计")</script>{ARTICLE}<noscript>请启用脚本</noscript></div>',
        ARTICLE_TEXT,
    ),
    (
        "furniture-dropped",
        '<div class="header"><div class="logo">某某市人民政府</div></div>'
        '<div class="nav"><a href="#">首页</a> | <a href="#">政务公开</a></div><nav><a>政务服务</a></nav>'
        '<div class="position">当前位置：<a>首页</a> &gt; <a>通知公告</a></div>'
        f'<div id="zoom">{ARTICLE}</div>'
        '<div class="bdsharebuttonbox">分享到：<a>微信</a> <a>微博</a></div>'
        '<div class="xglj">相关链接<ul><li><a>关于甲的通知</a></li><li><a>关于乙的通知</a></li></ul></div>'
        "<footer>主办单位：某某市人民政府办公室 网站标识码：1234000001</footer>"
        '<div class="footer-wrap">扫一扫在手机打开当前页</div>',
        ARTICLE_TEXT,
    ),
    (
        "link-list-dropped-owner-links-kept",
        '<div id="zoom"><p>加强监管。（责任单位：<a>市公安局</a>、<a>市商务局</a>、'
        "<a>市市场监管局</a>）</p><p>（<a>市市场监督管理局</a>、<a>市发展和改革委员会</a>、<a>市工业和信息化局</a>负责）</p>"
        "<div><a>上一篇</a> <a>下一篇</a> <a>返回列表</a></div></div>",
        "加强监管。（责任单位：市公安局、市商务局、市市场监管局）\n（市市场监督管理局、市发展和改革委员会、市工业和信息化局负责）",
    ),
    (
        "metadata-table-outside-container",
        f'{META_TABLE}<div id="zoom">{ARTICLE}</div>',
        f"{META_LINES}\n{ARTICLE_TEXT}",
    ),
    (
        "metadata-table-inside-container",
        f'<div class="content">{META_TABLE}{ARTICLE}</div>',
        f"{META_LINES}\n{ARTICLE_TEXT}",
    ),
    (
        "metadata-dl",
        "<dl><dt>索引号：</dt><dd>000014349/2017-00123</dd><dt>发文机关：</dt><dd>市人民政府办公室</dd>"
        f'<dt>发文字号：</dt><dd>驻政办〔2015〕100号</dd></dl><div id="zoom">{ARTICLE}</div>',
        f"索引号：000014349/2017-00123\n发文机关：市人民政府办公室\n发文字号：驻政办〔2015〕100号\n{ARTICLE_TEXT}",
    ),
    (
        "metadata-li-span",
        '<ul class="xxgk"><li><span>索引号</span><em>640502001/2017-66845</em></li>'
        "<li><span>成文日期：</span>2015年8月31日</li><li><span>主题分类：</span>综合政务</li></ul>"
        f'<div id="zoom">{ARTICLE}</div>',
        f"索引号：640502001/2017-66845\n成文日期：2015年8月31日\n{ARTICLE_TEXT}",
    ),
    (
        "metadata-info-bar-spans",
        '<div class="article"><div class="info"><span>发布时间：2024-01-05</span>'
        f"<span>来源：市科技局</span><span>【字体：<a>大</a> <a>中</a> <a>小</a>】</span></div>{ARTICLE}</div>",
        f"发布时间：2024-01-05\n{ARTICLE_TEXT}",
    ),
    (
        "metadata-first-of-each-field",
        "<table><tr><td>成文日期：</td><td>2015-08-31</td><td>发布日期：</td>"
        f'<td>2015-09-02</td></tr></table><div id="zoom">{ARTICLE}</div>',
        f"成文日期：2015-08-31\n{ARTICLE_TEXT}",
    ),
    (
        "paragraph-starting-with-other-label-kept",
        '<div id="zoom"><p>联系人：赵力</p><p>来源：市统计局</p></div>',
        "联系人：赵力\n来源：市统计局",
    ),
    (
        "visible-title-above-container",
        '<div class="article"><h1>关于印发工作方案的通知</h1>'
        f'<div class="info">浏览次数：12</div><div id="zoom">{ARTICLE * 3}</div></div>',
        "\n".join(["关于印发工作方案的通知"] + [ARTICLE_TEXT] * 3),
    ),
    (
        "visible-title-not-repeated",
        f'<h1>关于印发工作方案的通知</h1><div id="zoom"><p>关于印发工作方案的通知</p>{ARTICLE}</div>',
        f"关于印发工作方案的通知\n{ARTICLE_TEXT}",
    ),
    (
        "nested-containers-innermost-holding-the-text",
        '<div class="content"><div class="left">'
        "<p>本站说明：欢迎访问本站，请使用新版浏览器。</p></div>"
        f'<div class="con"><div id="zoom">{ARTICLE * 3}</div></div></div>',
        "\n".join([ARTICLE_TEXT] * 3),
    ),
    (
        "density-picks-the-article",
        '<div class="box"><p>欢迎访问，本站办公时间为工作日。</p></div>'
        f'<div class="wrap"><div class="box2">{ARTICLE * 4}</div></div><div><p>联系电话：12345。</p></div>',
        "\n".join([ARTICLE_TEXT] * 4),
    ),
    (
        "wrong-name-loses-to-density",
        f'<div class="content"><a>首页</a></div><div class="main">{ARTICLE * 3}</div>',
        "\n".join([ARTICLE_TEXT] * 3),
    ),
    ("aspnet-form-wrapping-the-page-kept", f'<form id="form1"><div id="zoom">{ARTICLE}</div></form>', ARTICLE_TEXT),
    (
        "task-table-short-row-under-rowspans",
        '<div id="zoom"><table><tr><td>序号</td><td>工作任务</td>'
        '<td>牵头单位</td><td>配合单位</td></tr><tr><td>1</td><td>加强监管</td><td rowspan="2">市公安局</td>'
        '<td rowspan="3">市商务局</td></tr><tr><td>2</td><td>严格执法</td></tr><tr></tr>'
        "<tr><td>3</td><td>开展宣传</td><td>市委宣传部</td></tr></table></div>",
        "1.加强监管（牵头单位：市公安局；配合单位：市商务局）\n2.严格执法（牵头单位：市公安局；配合单位：市商务局）\n"
        "3.开展宣传（牵头单位：市委宣传部）",
    ),
    (
        "pre-keeps-its-line-breaks",
        '<div id="zoom"><pre>一、总体要求\r\n（一）加强监管。\n  （二）落实责任。</pre></div>',
        "一、总体要求\n（一）加强监管。\n（二）落实责任。",
    ),
    (
        "hidden-copies-dropped",
        f'<div id="zoom">{ARTICLE * 3}<div style="DISPLAY: none">{ARTICLE}</div>'
        '<p hidden>隐藏的摘要</p><span style="visibility:hidden">分享</span></div>',
        "\n".join([ARTICLE_TEXT] * 3),
    ),
    ("hidden-article-read-when-nothing-else-is", f'<div id="zoom" style="display:none">{ARTICLE}</div>', ARTICLE_TEXT),
]


@pytest.mark.parametrize(("body", "text"), [row[1:] for row in STRUCTURE], ids=[row[0] for row in STRUCTURE])
def test_structure(body: str, text: str) -> None:
    assert read_html(_page(body).encode("utf-8")).text == text


def test_page_title_used_only_without_a_visible_title() -> None:
    head = "<title>关于印发工作方案的通知_某某市人民政府</title>"
    assert read_html(_page(f'<div id="zoom">{ARTICLE}</div>', head).encode()).text == (
        f"关于印发工作方案的通知\n{ARTICLE_TEXT}"
    )
    shown = _page(f'<h1>关于印发实施方案的通知</h1><div id="zoom">{ARTICLE}</div>', head)
    assert read_html(shown.encode()).text == f"关于印发实施方案的通知\n{ARTICLE_TEXT}"
    site_only = _page(f'<div id="zoom">{ARTICLE}</div>', "<title>某某市人民政府</title>")
    assert read_html(site_only.encode()).text == ARTICLE_TEXT


def test_table_layout_page_without_names() -> None:
    """An old county site: layout tables, no ids or classes; the title shown in a cell is the
    page's <title>, the article is text split by <br> in one cell."""
    page = _page(
        '<table><tr><td><a href="#">首页</a> | <a>机构设置</a> | <a>政务公开</a> | <a>办事指南</a></td></tr></table>'
        "<table><tr><td><table><tr><td>栏目导航</td></tr><tr><td><a>通知公告</a></td></tr></table></td>"
        '<td><table><tr><td align="center"><font size="4"><b>关于印发工作要点的通知</b></font></td></tr>'
        "<tr><td>发布时间：2017-03-01 点击数：321</td></tr>"
        "<tr><td>各乡镇人民政府：<br>　　一、加强组织领导<br>　　（一）健全工作机制。（县商务局负责）<br><br>"
        "　　XX县人民政府办公室<br>　　2017年3月1日</td></tr></table></td></tr></table>"
        "<table><tr><td>版权所有：XX县人民政府 技术支持：XX网络公司</td></tr></table>",
        f"{GBK_META}<title>关于印发工作要点的通知</title>",
    )
    assert read_html(page.encode("gbk")).text == (
        "发布时间：2017-03-01\n关于印发工作要点的通知\n各乡镇人民政府：\n一、加强组织领导\n"
        "（一）健全工作机制。（县商务局负责）\nXX县人民政府办公室\n2017年3月1日"
    )


BILLION_LAUGHS = f'<?xml version="1.0"?>{LAUGHS_DTD}<html><body><p>&lol9;</p></body></html>'
EXTERNAL_ENTITY = f'{XXE_DTD}<html><body><div id="zoom"><p>&xxe;</p></div></body></html>'

# (id, bytes, error class, code)
BROKEN = [
    ("zero-bytes", b"", EmptyInput, "empty-input"),
    ("only-whitespace", b" \r\n\t ", EmptyInput, "empty-input"),
    ("billion-laughs", BILLION_LAUGHS.encode(), UnsafeInput, "unsafe-input"),
    ("external-entity", EXTERNAL_ENTITY.encode(), UnsafeInput, "unsafe-input"),
    ("entity-declared-in-lowercase", b'<!doctype html [<!entity a "b">]><p>&a;</p>', UnsafeInput, "unsafe-input"),
    ("binary-declaring-gbk", b'<meta charset="gbk">' + bytes(range(32)) * 20, DecodeError, "decode-error"),
    (
        "only-nav",
        _page(
            '<div class="nav"><a>首页</a> <a>政务公开</a></div><nav><a>互动交流</a></nav>'
            "<ul><li><a>关于甲</a></li><li><a>关于乙</a></li><li><a>关于丙</a></li></ul>"
        ).encode(),
        EmptyInput,
        "empty-input",
    ),
    ("only-comments-and-scripts", b"<!-- nothing --><script>var a = 1;</script>", EmptyInput, "empty-input"),
    ("only-links", _page("<div><a>首页</a></div>").encode(), EmptyInput, "empty-input"),
    (
        "nested-past-the-parser-depth",
        ("<div>" * 1000 + "<p>一、任务</p>" + "</div>" * 1000).encode(),
        InputTooLarge,
        "input-too-large",
    ),
    (
        "text-run-past-the-parser-limit",
        f"<div id='zoom'><p>{'加强监管。' * 2_500_000}</p></div>".encode(),
        InputTooLarge,
        "input-too-large",
    ),
]


@pytest.mark.parametrize(("data", "error", "code"), [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN])
def test_broken_input_raises_a_typed_error(data: bytes, error: type[DashuangError], code: str) -> None:
    with pytest.raises(error) as caught:
        read_html(data, path="broken.html")
    assert caught.value.code == code
    assert caught.value.path == "broken.html"


def test_billion_laughs_is_refused_without_expanding() -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeInput, match="entities"):
        read_html(BILLION_LAUGHS.encode())
    assert time.perf_counter() - start < 1.0


def test_binary_junk_with_html_suffix_is_a_typed_error() -> None:
    junk = bytes((i * 7919 + 13) % 256 for i in range(4096))
    with pytest.raises((DecodeError, CorruptFile)) as caught:
        read_bytes(junk, path="junk.html", suffix=".html")
    assert caught.value.path == "junk.html"


def test_only_nav_says_there_is_no_article() -> None:
    page = _page('<div class="nav"><a>首页</a> <a>政务公开</a></div>')
    with pytest.raises(EmptyInput, match="no article text"):
        read_html(page.encode())


def test_read_bytes_dispatches_html() -> None:
    data = _page(f'<div id="zoom">{ARTICLE}</div>', GBK_META).encode("gbk")
    decoded = read_bytes(data, path="notice.htm", suffix=".htm")
    assert (decoded.format, decoded.encoding, decoded.text) == ("html", "gb18030", ARTICLE_TEXT)
