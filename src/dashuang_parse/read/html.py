"""HTML: bytes → text, the article of a government web page with its metadata rows.

Notices are published as web pages: the article sits in a container among the site's
furniture (header, menus, breadcrumb, share bar, related links, footer), and the 信息公开
table (索引号, 发布机构, 文号, 生成日期, 标题) often sits outside it. The reader

1. decodes: a BOM, else the charset the page declares (``<meta charset>``, ``<meta
   http-equiv>``, the XML declaration; GB2312 and GBK read as their superset GB18030), else
   the detection text files get (``text.decode_text``);
2. refuses entity declarations (billion laughs, ``SYSTEM "file:///etc/passwd"``) before
   parsing; lxml's HTML parser never loads a DTD or fetches anything, keeps no comments
   or processing instructions and caps tree depth (huge_tree off);
3. reads the metadata rows, wherever they are, into labelled lines (``索引号：X``) that
   ``metadata`` reads, and removes them (data/html_fields.txt);
4. drops furniture: script, style, nav, forms, header and footer elements, blocks whose id
   or class names them (data/html_classes.txt), and blocks of mostly links;
5. picks the article container: the element named like one (zoom, TRS_Editor, content…)
   that most directly holds the most Chinese text outside links, unless an unnamed one
   holds far more; the visible title (<h1>) above it is kept;
6. writes the metadata lines, the title, then the container one block a line (p, div, li,
   h1–h6, tr with its cells joined by a tab; ``<br>`` breaks a line).

What boilerplate survives (当前位置, 打印本页…) the normalizer drops; nothing here drops a
line for its words, so an article paragraph is never lost to a rule about furniture.
"""

from __future__ import annotations

import codecs
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import regex
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from ..core.errors import CorruptFile, DecodeError, EmptyInput, InputTooLarge, UnsafeInput
from ..core.lexicon import data_lines
from ..core.limits import DEFAULT_LIMITS, Limits
from . import task_tables
from .decoded import Decoded
from .task_tables import TableBudget
from .text import decode_text

# How far into the file a charset declaration is looked for (pages put <meta> in <head>,
# but some after kilobytes of scripts).
_PRESCAN_BYTES = 8192
# <?xml version="1.0" encoding="GB2312"?>
_XML_DECLARATION = regex.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']?\s*(?P<name>[A-Za-z0-9._:-]+)", regex.I)
# <meta charset="gbk">   <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
_META_CHARSET = regex.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*(?P<name>[A-Za-z0-9._:-]+)", regex.I)
# <!DOCTYPE html [ <!ENTITY lol "lol"> … ]>: declared entities are how billion laughs and
# external-file attacks work; no real page declares any.
_ENTITY_DECLARATION = regex.compile(r"<!ENTITY", regex.I)
# The XML declaration, removed before lxml gets the text re-encoded as UTF-8.
_XML_DECLARATION_TEXT = regex.compile(r"^\s*<\?xml[^>]*\?>")
# Control characters lxml refuses; a page with more than a few is not text.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
# Declared charsets read as GB18030, their superset; one a Chinese page never is in (a
# Western single-byte one) says nothing, and detection decides.
_GB_NAMES = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "gb18030", "csgb2312"})
_DISTRUSTED = ("iso8859", "cp125", "ascii", "latin")
# A page in its declared charset with a few bad bytes (a character cut by a CMS) is read as
# browsers read it, U+FFFD for each, when detection finds nothing better.
_MAX_REPLACED_SHARE = 0.001
_MIN_REPLACED = 3
_WHITESPACE = regex.compile(r"\s+")
_CJK = regex.compile(r"[\p{Han}]")
# Line end and cell marks in text being written: control characters, taken out of the text
# (&#x1e; would make one).
_LINE_END, _CELL = "\x1e", "\x1f"
# A line break inside <pre>, where the text's own breaks are the lines.
_PRE_BREAK = regex.compile(r"\r\n?|\n")

# Elements that never hold article text, dropped wherever they are.
_DROPPED_TAGS = tuple(
    "script style noscript nav aside iframe frame object embed svg template select button textarea input map "
    "head".split()
)
# Dropped unless they hold the article (ASP.NET pages wrap the whole page in a <form>).
_GUARDED_TAGS = frozenset({"form", "header", "footer"})
# A block with this much non-link Chinese text, or a named container, is never dropped.
_ARTICLE_MIN_CJK = 300
# A block of at least this many links making up this share of its text, with no prose
# punctuation outside them, is a menu or link list. 、（） keep an owner list of links.
_LINK_BLOCK_MIN_LINKS = 3
_LINK_BLOCK_SHARE = 0.7
_PROSE_PUNCTUATION = frozenset("，。；、（）,;")
# A named container scoring less than this share of the densest element is a wrong name.
_NAMED_MIN_SHARE = 0.5
# Elements that start and end a line; table cells are joined by a tab.
_BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd details div dl dt fieldset figcaption figure footer h1 h2 h3 h4 "
    "h5 h6 header hr html legend li main ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
# The largest colspan or rowspan read; a larger one is a page's way of saying "the rest".
_SPAN_MAX = 100
# Tags a page may have per element it may have: a start and an end tag each, and some to
# spare (comments, scripts): over this many, the page is refused before it is parsed.
_TAGS_PER_ELEMENT = 4
# Hidden by the page itself: a hidden copy of the text (for sharing, for print) would be
# read twice. Dropped unless what is left holds less than this share of the Chinese text
# hidden: a page whose article a script reveals is still read.
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
_VISIBLE_MIN_SHARE = 0.5
# Metadata rows: elements small enough to be one row, and what must not be inside one.
_ROW_TAGS = frozenset({"tr", "dl", "li", "p", "div"})
_ROW_BREAKERS = frozenset({"table", "tr", "dl", "ul", "ol", "li", "p", "div", "section", "article", "h1", "h2"})
_ROW_MAX_CHARS = 300
_FIELD_VALUE_MAX = 200
# Spaces in a value left by markup (<td>关于印发<span>…</span>) go, but not between Latin
# letters or digits (2019-07-05 15:00).
_VALUE_SPACE = regex.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
# A visible title is one line of this many characters.
_TITLE_CHARS = (4, 120)
# The visible title is not written again when one of the article's first lines is it.
_TITLE_REACH = 10
# <title>关于印发…的通知_中卫市人民政府</title>: the part before the site name.
_TITLE_SEPARATOR = regex.compile(r"\s*(?:_|\||｜|—{1,2}|－|\s-\s)\s*")
_TITLE_MIN = 6
# Words of an id or class: main-nav → main nav, newsNav → news nav, nav1 → nav.
_NAME_WORD = regex.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def read_html(data: bytes, *, path: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Decoded:
    """Read a web page's article into one paragraph, heading, row or field a line.

    Raises ``EmptyInput`` (no bytes, or no article text), ``UnsafeInput`` (entity
    declarations), ``DecodeError`` (not text), ``InputTooLarge`` (over the parser's limits,
    ``html_elements``, or a table over ``table_cells`` or copying more than ``text_chars``
    into the rows its cells span) and ``CorruptFile`` (lxml cannot parse it).

    >>> page = '<meta charset="gbk"><div id="zoom"><p>一、任务</p><p>加强监管。（市公安局负责）</p></div>'
    >>> read_html(page.encode("gbk"))
    Decoded(text='一、任务\\n加强监管。（市公安局负责）', format='html', encoding='gb18030')
    """
    if not data.strip():
        raise EmptyInput("file is empty", path=path)
    text, encoding = decode_html(data, path=path)
    if _ENTITY_DECLARATION.search(text):
        raise UnsafeInput("HTML declares entities (<!ENTITY …) in its DOCTYPE; such pages are refused", path=path)
    root = _parse(text, path, limits.html_elements)
    page_title = _WHITESPACE.sub(" ", root.findtext(".//title") or "").strip()
    etree.strip_elements(root, *_DROPPED_TAGS, with_tail=False)
    body = next(iter(root.xpath("//body")), root)
    _drop_hidden(body)
    fields = read_fields(body)
    _drop_furniture(body)
    container = _pick_container(body)
    try:
        lines = _render(container, TableBudget(limits))
    except InputTooLarge as exc:  # a table's budget, raised without the name
        raise InputTooLarge(exc.message, path=path) from None
    if not lines or not any(_squeeze(text) for text in _unlinked_text(container)):
        raise EmptyInput("page has no article text", path=path)
    title = _visible_title(body, container, page_title) or _page_title(page_title, fields)
    head = [f"{label}：{value}" for label, value in fields]
    if title and _squeeze(title) not in {_squeeze(line) for line in lines[:_TITLE_REACH]}:
        head.append(title)
    return Decoded("\n".join(head + lines), "html", encoding)


def decode_html(data: bytes, *, path: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, then its declared charset, then detection; text and encoding.

    >>> decode_html('<?xml version="1.0" encoding="GB2312"?><p>通知</p>'.encode("gbk"))[1]
    'gb18030'
    >>> decode_html(b'\\xef\\xbb\\xbf<p>\\xe9\\x80\\x9a\\xe7\\x9f\\xa5</p>')
    ('<p>通知</p>', 'utf-8')
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, path=path)
    declared = _declared_charset(data[:_PRESCAN_BYTES])
    if declared is not None:
        try:
            return _checked(data.decode(declared), declared, path), declared
        except UnicodeDecodeError:
            pass  # saved in another encoding than it declares, or a few bad bytes
    try:
        return decode_text(data, path=path)
    except DecodeError:
        if declared is None:
            raise
    text = data.decode(declared, errors="replace")
    if text.count("\ufffd") > max(_MIN_REPLACED, len(text) * _MAX_REPLACED_SHARE):
        raise DecodeError(f"file is not text in {declared}, the charset the page declares", path=path)
    return _checked(text, declared, path), declared


def _declared_charset(head: bytes) -> str | None:
    """The codec a page declares, canonical (gb2312 → gb18030), or None."""
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    name = match.group("name").decode("ascii").lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        info = codecs.lookup(name)
        b"<p>".decode(info.name)  # "undefined" is a codec that refuses everything
    except (LookupError, UnicodeError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # rot13, hex, base64, zlib…: codecs Python has, but no page is written in
    codec = info.name
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"  # an ASCII-readable declaration cannot be in UTF-16 (HTML says so too)
    if codec.startswith(_DISTRUSTED):
        return None
    return {"big5hkscs": "big5", "cp950": "big5"}.get(codec, codec)


def _checked(text: str, encoding: str, path: str | None) -> str:
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > len(text) * _MAX_CONTROL_SHARE:
        raise DecodeError(f"file looks binary, not {encoding} HTML", path=path)
    return text


def _parse(text: str, path: str | None, max_elements: int) -> HtmlElement:
    """The page's tree. lxml gets UTF-8 bytes and is told so: a <meta charset> left in the
    text must not make it decode the page a second time. (HTMLParser takes no
    ``resolve_entities``: libxml2's HTML parser never expands declared entities, and pages
    declaring any were refused before.)

    A page of more than ``max_elements`` elements is refused: before parsing when its tags
    alone say so (the tree of a 50 MB page of cells is gigabytes), else once the tree is
    built, before any of the passes over it (each costs tens of microseconds an element).
    """
    text = _CONTROL.sub("", _XML_DECLARATION_TEXT.sub("", text, count=1))
    if not text.strip():
        raise EmptyInput("page has no content", path=path)
    too_many = f"page has more than {max_elements} elements (limit html_elements)"
    if text.count("<") > _TAGS_PER_ELEMENT * max_elements:
        raise InputTooLarge(too_many, path=path)
    parser = HTMLParser(encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError as exc:
        raise EmptyInput(f"page has no content ({exc})", path=path) from exc
    except (etree.LxmlError, ValueError) as exc:
        raise CorruptFile(f"HTML cannot be parsed ({' '.join(str(exc).split())[:160]})", path=path) from exc
    # Without huge_tree libxml2 stops at a 10 MB text node or 255 levels, and says so only here.
    if any(e.type_name == "ERR_RESOURCE_LIMIT" or "huge" in e.message.lower() for e in parser.error_log):
        raise InputTooLarge("HTML has a text run or nesting over the parser's limits", path=path)
    if sum(1 for _ in zip(root.iter(), range(max_elements + 1))) > max_elements:
        raise InputTooLarge(too_many, path=path)
    return root


# --- data --------------------------------------------------------------------------------


@cache
def _class_words() -> dict[str, frozenset[str]]:
    """data/html_classes.txt: kind (container, junk, title) → lowercased names."""
    table: dict[str, set[str]] = defaultdict(set)
    for line in data_lines("html_classes.txt"):
        kind, *words = line.split()
        table[kind].update(word.lower() for word in words)
    return {kind: frozenset(words) for kind, words in table.items()}


@cache
def _field_labels() -> tuple[regex.Pattern[str], dict[str, int]]:
    """(pattern of every label, written label → its field), from data/html_fields.txt.

    A label starts the text or follows a space, and is followed by a colon or stands alone
    between spaces (索引号 640502001/…). The labels of one "emit" line are one field.
    """
    fields: dict[str, int] = {}
    labels: set[str] = set()
    for number, line in enumerate(data_lines("html_fields.txt")):
        kind, *words = line.split()
        labels.update(words)
        fields.update(dict.fromkeys(words, number) if kind == "emit" else {})
    spaced = (r"\s*".join(map(regex.escape, label)) for label in sorted(labels, key=len, reverse=True))
    pattern = regex.compile(rf"(?:^|(?<=\s))(?P<label>{'|'.join(spaced)})(?:\s*[：:]|(?=\s|$))")
    return pattern, fields


def _has_name(element: HtmlElement, kind: str) -> bool:
    """Whether an id or class token of the element is a name of ``kind`` (container, title)."""
    words = _class_words()[kind]
    return any(name.lower() in words for name in f"{element.get('id', '')} {element.get('class', '')}".split())


def _is_junk_name(element: HtmlElement) -> bool:
    """Whether a word of the element's id or class names furniture (nav in main-nav)."""
    words = _class_words()["junk"]
    names = _NAME_WORD.findall(f"{element.get('id', '')} {element.get('class', '')}")
    return any(word.lower() in words for word in names)


# --- metadata rows -----------------------------------------------------------------------


def read_fields(root: HtmlElement) -> list[tuple[str, str]]:
    """The metadata rows' labelled values (索引号, 发布机构…) in page order, the first of each
    field (metadata reads only the first date, 文号…); the rows are removed from the tree.

    >>> page = document_fromstring("<table><tr><td>索 引 号：</td><td>640502001/2017-66845</td>"
    ...     "<td>文　　号：</td><td></td></tr></table><dl><dt>发布机构</dt><dd>市政府办公室</dd></dl>")
    >>> read_fields(page)
    [('索引号', '640502001/2017-66845'), ('发布机构', '市政府办公室')]
    """
    pattern, emitted = _field_labels()
    fields: dict[int, tuple[str, str]] = {}
    for row in [el for el in root.iter() if el.tag in _ROW_TAGS]:
        if not _is_row(row):
            continue
        pairs = _row_fields("\t".join(row.itertext()), pattern)
        if pairs is None or not any(label in emitted for label, _ in pairs):
            continue
        for label, value in pairs:
            if label in emitted and value:
                fields.setdefault(emitted[label], (label, value))
        row.drop_tree()
    return list(fields.values())


def _is_row(element: HtmlElement) -> bool:
    """Whether an element is one row: short, with no row or block inside it."""
    if element.getparent() is None or any(el.tag in _ROW_BREAKERS for el in element.iterdescendants()):
        return False
    return 0 < len(_squeeze("".join(element.itertext()))) <= _ROW_MAX_CHARS


def _row_fields(text: str, pattern: regex.Pattern[str]) -> list[tuple[str, str]] | None:
    """A row's (label, value) pairs, or None when the row does not start with a label."""
    text = text.strip()
    matches = list(pattern.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    pairs = []
    for match, after in zip(matches, [*matches[1:], None]):
        value = text[match.end() : after.start() if after else len(text)]
        value = _WHITESPACE.sub(" ", _VALUE_SPACE.sub("", value)).strip(" ：:")
        pairs.append((_squeeze(match.group("label")), value if len(value) <= _FIELD_VALUE_MAX else ""))
    return pairs


# --- furniture ---------------------------------------------------------------------------


@dataclass
class _Counts:
    """Text under an element: Chinese characters and all characters outside links,
    characters in links, and links."""

    cjk: int = 0
    text: int = 0
    linked: int = 0
    links: int = 0


def _measure(root: HtmlElement) -> dict[HtmlElement, _Counts]:
    """Counts for every element, children before parents (reversed document order)."""
    in_link = {el for link in root.iter("a") for el in link.iter()}
    counts: dict[HtmlElement, _Counts] = {}
    for element in reversed(list(root.iter())):
        own = _Counts(links=int(element.tag == "a"))
        pieces = [element.text or "", *(child.tail or "" for child in element)]
        chars = sum(len(_squeeze(piece)) for piece in pieces)
        if element in in_link:
            own.linked = chars
        else:
            own.text = chars
            own.cjk = sum(len(_CJK.findall(piece)) for piece in pieces)
        for sub in (counts[child] for child in element):
            own.cjk, own.text = own.cjk + sub.cjk, own.text + sub.text
            own.linked, own.links = own.linked + sub.linked, own.links + sub.links
        counts[element] = own
    return counts


def _drop_furniture(root: HtmlElement) -> None:
    """Drop guarded tags, blocks named as furniture and blocks of mostly links, top down,
    never one that holds the article."""
    counts = _measure(root)
    stack = [root]
    while stack:
        element = stack.pop()
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            junk = child.tag in _GUARDED_TAGS or _is_junk_name(child)
            if junk and child.tag in ("header", "footer") and any(a.tag == "article" for a in child.iterancestors()):
                junk = False  # <article><header><h1>: the article's own title
            if (junk and not _holds_article(child, counts[child])) or _is_link_block(child, counts[child]):
                child.drop_tree()
            else:
                stack.append(child)


def _drop_hidden(body: HtmlElement) -> None:
    """Drop what the page hides (``hidden``, ``display: none``, ``visibility: hidden``),
    unless the hidden part is where the text is."""
    hidden = {
        element
        for element in body.iter()
        if isinstance(element.tag, str)
        and (element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or ""))
    }
    if not hidden:
        return
    total = len(_CJK.findall(body.text_content()))
    # An element inside another hidden one is counted with it, not again.
    outermost = [e for e in body.iter() if e in hidden and not any(a in hidden for a in e.iterancestors())]
    hidden_cjk = sum(len(_CJK.findall(e.text_content())) for e in outermost)
    if total - hidden_cjk < _VISIBLE_MIN_SHARE * hidden_cjk:
        return
    for element in outermost:
        element.drop_tree()


def _holds_article(element: HtmlElement, counts: _Counts) -> bool:
    if counts.cjk >= _ARTICLE_MIN_CJK:
        return True
    return any(_has_name(el, "container") for el in element.iter())


def _is_link_block(element: HtmlElement, counts: _Counts) -> bool:
    """A menu or list of links: 首页 | 政务公开 | …, 相关链接 lists."""
    if counts.links < _LINK_BLOCK_MIN_LINKS or element.tag == "a":
        return False
    if counts.linked < _LINK_BLOCK_SHARE * (counts.linked + counts.text):
        return False
    return not any(ch in _PROSE_PUNCTUATION for piece in _unlinked_text(element) for ch in piece)


def _unlinked_text(element: HtmlElement) -> Iterator[str]:
    """The text of an element outside its links (a link's tail is outside it)."""
    if element.tag == "a":
        return
    yield element.text or ""
    for child in element:
        yield from _unlinked_text(child)  # depth is capped by libxml2 (255 levels)
        yield child.tail or ""


# --- the article container ---------------------------------------------------------------


def _pick_container(body: HtmlElement) -> HtmlElement:
    """The element holding the article: the densest one named like a container, unless an
    unnamed one is far denser (the name was a sidebar's)."""
    score = _density(body)
    dense = max(body.iter(), key=lambda el: score.get(el, 0.0))
    named = [el for el in body.iter() if _has_name(el, "container")]
    best = max(named, key=lambda el: score.get(el, 0.0), default=None)
    if best is not None and score.get(best, 0.0) >= _NAMED_MIN_SHARE * score.get(dense, 0.0):
        return best
    return dense


def _density(body: HtmlElement) -> dict[HtmlElement, float]:
    """Chinese text outside links, by element: a paragraph's (its nearest block) counts for
    itself and its parent, and half for its grandparent, so that the element directly
    holding the paragraphs scores highest."""
    in_link = {el for link in body.iter("a") for el in link.iter()}
    own: dict[HtmlElement, int] = defaultdict(int)
    for element in body.iter():
        if element in in_link:
            continue
        count = sum(len(_CJK.findall(piece or "")) for piece in (element.text, *(c.tail for c in element)))
        if count:
            own[_paragraph_of(element)] += count
    score: dict[HtmlElement, float] = defaultdict(float)
    for paragraph, count in own.items():
        score[paragraph] += count
        if (parent := paragraph.getparent()) is not None:
            score[parent] += count
            if (grandparent := parent.getparent()) is not None:
                score[grandparent] += count / 2
    return score


def _paragraph_of(element: HtmlElement) -> HtmlElement:
    """The nearest block around an element's text: <span> in <p> → the <p>. Text right in a
    table cell counts for the whole table: the cells of a 任务分工表 are one block of the
    article, and its longest row must not outscore the article around it."""
    for candidate in (element, *element.iterancestors()):
        if candidate.tag in _BLOCK_TAGS:
            return candidate
        if candidate.tag in _CELL_TAGS:
            return next(candidate.iterancestors("table"), candidate)
    return element


def _visible_title(body: HtmlElement, container: HtmlElement, page_title: str) -> str | None:
    """The article's title: the last element before the container that is an <h1>, is
    named as a title, or shows the page's <title> (<td><font><b>关于…的通知</b></font>)."""
    shown = {_squeeze(part) for part in (page_title, _TITLE_SEPARATOR.split(page_title, maxsplit=1)[0]) if part}
    title = None
    for element in body.iter():
        if element is container:
            break
        named = element.tag == "h1" or _has_name(element, "title")
        if not (named or (element.text or "").strip()):
            continue
        text = _short_text(element)
        if text and _CJK.search(text) and (named or _squeeze(text) in shown):
            title = text
    return title


def _short_text(element: HtmlElement) -> str | None:
    """An element's text when it is one title's length; read lazily, the element may be
    the whole page."""
    pieces: list[str] = []
    length = 0
    for piece in element.itertext():
        pieces.append(piece)
        length += len(piece)
        if length > _TITLE_CHARS[1] * 2:
            return None
    text = _WHITESPACE.sub(" ", "".join(pieces)).strip()
    return text if _TITLE_CHARS[0] <= len(text) <= _TITLE_CHARS[1] else None


def _page_title(page_title: str, fields: list[tuple[str, str]]) -> str | None:
    """The page's <title> without the site name, when the page shows no title of its own."""
    if any(label == "标题" for label, _ in fields):
        return None
    parts = _TITLE_SEPARATOR.split(page_title, maxsplit=1)
    if len(parts) < 2 or len(parts[0]) < _TITLE_MIN or not _CJK.search(parts[0]):
        return None
    return parts[0]


# --- writing lines -----------------------------------------------------------------------


def _render(container: HtmlElement, budget: TableBudget) -> list[str]:
    """The container's text, one block a line: whitespace runs become one space, cells
    are joined by a tab. ``budget`` counts what task tables' grids cost.

    >>> _render(document_fromstring("<div><p>&nbsp;一、任务<br>（一）加强<b>监管</b>。</p>"
    ...     "<table><tr><td>1</td><td>市公安局</td></tr></table></div>"), TableBudget(DEFAULT_LIMITS))
    ['一、任务', '（一）加强监管。', '1\\t市公安局']
    """
    lines = []
    for line in "".join(_pieces(container, budget)).split(_LINE_END):
        cells = (_WHITESPACE.sub(" ", cell).strip() for cell in line.split(_CELL))
        if text := "\t".join(cell for cell in cells if cell):
            lines.append(text)
    return lines


def _pieces(element: HtmlElement, budget: TableBudget, pre: bool = False) -> Iterator[str]:
    """Text pieces in document order, with a line end around each block and at <br>, and a
    cell mark around each table cell; inside <pre>, at each line break of the text too. A
    任务分工表 is written a task line a row (``task_tables``)."""
    if element.tag == "br":
        yield _LINE_END
        return
    if element.tag == "table" and (lines := _task_table_lines(element, budget)) is not None:
        yield _LINE_END + _LINE_END.join(lines) + _LINE_END
        return
    pre = pre or element.tag == "pre"
    edge = _LINE_END if element.tag in _BLOCK_TAGS else _CELL if element.tag in _CELL_TAGS else ""
    yield edge
    yield _text_piece(element.text, pre)
    for child in element:
        yield from _pieces(child, budget, pre)  # depth is capped by libxml2 (255 levels)
        yield _text_piece(child.tail, pre)
    yield edge


def _task_table_lines(table: HtmlElement, budget: TableBudget) -> list[str] | None:
    """A 任务分工表's task lines, or None for any other table.

    The header is looked for in the first rows' plain text before any cell is rendered:
    rendering a cell renders the tables inside it, and rendering them again when the table
    turns out not to be a task table would double the work at every level of nesting.
    """
    trs = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    head = list(_grid(trs[: task_tables.HEADER_REACH], _plain_cell, budget))
    if not task_tables.has_task_header(head):
        return None
    return task_tables.task_lines(list(_grid(trs, lambda cell: _render(cell, budget), budget)))


def _plain_cell(cell: HtmlElement) -> list[str]:
    return [_WHITESPACE.sub(" ", cell.text_content()).strip()]


def _grid(
    trs: list[HtmlElement], read_cell: Callable[[HtmlElement], list[str]], budget: TableBudget
) -> Iterator[task_tables.Row]:
    """A table's rows with each cell's grid column and lines (``read_cell``); a cell under a
    ``rowspan`` continues the one above, as a vertically merged Word cell. ``budget`` counts
    the grid's cells (a spanning cell for each it covers) and the text spans copy."""
    above: dict[int, tuple[int, task_tables.Cell]] = {}  # column → (rows still covered, cell)
    grid_cells = 0
    for tr in trs:
        row, col = task_tables.Row(), 0
        cells = iter(tr.xpath("./td | ./th"))
        while True:
            if col in above:  # covered by a rowspan from a row above
                left, cell = above.pop(col)
                grid_cells = budget.cover(grid_cells, cell.span)
                row.cells.append(task_tables.Cell(budget.copy(cell.lines), col, cell.span, "continue"))
                if left > 1:
                    above[col] = (left - 1, cell)
                col += cell.span
                continue
            td = next(cells, None)
            if td is None:
                later = [c for c in above if c > col]  # a short row: columns covered further right
                if not later:
                    break
                col = min(later)
                continue
            span = _span(td.get("colspan"))
            grid_cells = budget.cover(grid_cells, span)
            cell = task_tables.Cell(read_cell(td), col, span, None)
            row.cells.append(cell)
            if (down := _span(td.get("rowspan"))) > 1:
                above[col] = (down - 1, cell)
            col += span
        yield row


def _span(value: str | None) -> int:
    """A colspan or rowspan: at least 1, and at most _SPAN_MAX (a page may say 1000)."""
    try:
        return min(max(int(value or 1), 1), _SPAN_MAX)
    except ValueError:
        return 1


def _text_piece(text: str | None, pre: bool) -> str:
    text = _CONTROL.sub("", text or "")
    return _PRE_BREAK.sub(_LINE_END, text) if pre else text


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)
