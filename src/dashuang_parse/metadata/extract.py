"""Header and closing → the notice's metadata: titles, 文号, issuer, date, recipients, 索引号,
and the documents the text cites. Nothing is guessed: a field the notice does not state
stays null or empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from ..core.doc_numbers import normalize_doc_number
from ..core.models import Metadata, Reference
from ..core.numerals import chinese_to_int
from ..normalize.variants import restore
from ..owners.names import is_agency_name
from . import rules

# Longest line that can be a signature's issuing body.
_SIGNATURE_MAX = 40
# How far into a line, and into the text's end, glued header fields and signatures are looked
# for: a header is short, and the search stays linear on a one-line megabyte text.
_GLUED_REACH = 1500


@dataclass
class _Header:
    issuer_mark: str | None = None
    doc_number: str | None = None
    notice_title: str | None = None
    title_issuer: str | None = None
    plan_title: str | None = None
    recipients: list[str] = field(default_factory=list)
    index_number: str | None = None
    field_date: dt.date | None = None
    publisher: str | None = None
    signature_date: dt.date | None = None
    signature_issuer: str | None = None
    end: int = 0  # where the header ends and the preamble begins


def extract_metadata(text: str, body_start: int, closing_start: int) -> tuple[Metadata, int]:
    """Metadata of a notice, and the offset where its preamble begins.

    ``body_start`` is where the first section starts, ``closing_start`` where the closing
    (text after the last section) starts.

    >>> meta, _ = extract_metadata("驻政办〔2015〕100号\\n一、任务", 16, 21)
    >>> meta.doc_number
    '驻政办〔2015〕100号'
    """
    header = _read_header(text, body_start)
    _read_signature(text, closing_start, len(text), header)
    if header.signature_date is None:
        _read_glued_signature(text, body_start, header)
    title = header.plan_title
    if title is None and header.notice_title:
        forwarded = rules.FORWARDED_TITLE.search(header.notice_title)
        title = forwarded.group("title") if forwarded else header.notice_title
    issuer = header.issuer_mark or header.signature_issuer or header.title_issuer or header.publisher
    metadata = Metadata(
        title=title,
        notice_title=header.notice_title,
        doc_number=header.doc_number,
        issuer=issuer,
        date=header.signature_date or header.field_date,
        recipients=header.recipients,
        index_number=header.index_number,
        references=find_references(text),
    )
    return metadata, header.end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for match in rules.LINE.finditer(text, start, end):
        if match.group():
            out.append((match.start(), match.end(), match.group()))
    return out


def _read_header(text: str, body_start: int) -> _Header:
    header = _Header()
    previous = ""
    for start, end, line in _lines(text, 0, body_start):
        if _read_header_line(line, previous, header):
            header.end = end
        elif not header.recipients:
            # A line no header kind explains may hold several fields glued together.
            for field_start, field_end in _glued_fields(line):
                if _read_header_line(line[field_start:field_end].strip(), previous, header):
                    header.end = start + field_end
        if not rules.NOTE_LINE.match(line):
            previous = line
    return header


def _glued_fields(line: str) -> list[tuple[int, int]]:
    """Spans of the header fields glued into ``line``, cut where one field ends.

    >>> line = "国务院办公厅关于促进煤炭行业平稳运行的意见国办发〔2013〕104号各省人民政府：现提出以下意见："
    >>> [line[a:b] for a, b in _glued_fields(line)][:3]
    ['国务院办公厅关于促进煤炭行业平稳运行的意见', '国办发〔2013〕104号', '各省人民政府：']
    """
    window = line[:_GLUED_REACH]
    cuts = {0, len(window)}
    for title in rules.NOTICE_TITLE_IN_TEXT.finditer(window):
        # …42号关于印发…: the characters before 关于 are the issuer only when they name a body.
        start = title.start() if is_agency_name(title.group("issuer")) else title.start("title")
        if window[start - 1 : start] != "《" and window[title.end() : title.end() + 1] != "》":
            cuts.update((start, title.end()))
    cuts.update(number.end() for number in rules.GLUED_DOC_NUMBER_END.finditer(window))
    cuts.update(mark.end() for mark in rules.GLUED_MARK_END.finditer(window))
    for cut in sorted(cuts - {0}):
        if recipients := rules.GLUED_RECIPIENTS.match(window, cut):
            cuts.add(recipients.end())
            break
    ordered = sorted(cuts)
    return list(zip(ordered, ordered[1:]))


def _read_header_line(line: str, previous: str, header: _Header) -> bool:
    """Read one header line into ``header``; True when the line is part of the header."""
    if rules.FIELD_LINE.match(line):
        _read_fields(line, header)
        return True
    if (mark := rules.ISSUER_MARK.match(line)) and header.issuer_mark is None:
        header.issuer_mark = mark.group("issuer")
        return True
    if rules.DOC_NUMBER_LINE.match(number := _unbracketed(line)):
        header.doc_number = header.doc_number or normalize_doc_number(number)
        return True
    if (notice := rules.NOTICE_TITLE.match(line)) and _is_new_notice_title(line, header.notice_title):
        header.notice_title = line
        header.title_issuer = notice.group("issuer") or None
        return True
    if rules.DATE_LINE.match(line):
        header.signature_date = header.signature_date or parse_date(line)
        if header.signature_issuer is None and _is_signature_issuer(previous):
            header.signature_issuer = previous
        return True
    if (recipients := rules.RECIPIENTS_LINE.match(line)) and not header.recipients:
        header.recipients = split_recipients(recipients.group("list"))
        return True
    if rules.TITLE_LINE.match(line) and header.plan_title is None and line != header.notice_title:
        header.plan_title = line
        return True
    return False


def _read_fields(line: str, header: _Header) -> None:
    if (index := rules.INDEX_NUMBER.search(line)) and header.index_number is None:
        header.index_number = index.group("value")
    if (number := rules.DOC_NUMBER_FIELD.search(line)) and rules.DOC_NUMBER.fullmatch(number.group("value")):
        header.doc_number = header.doc_number or normalize_doc_number(number.group("value"))
    if (dated := rules.DATED_FIELD.search(line)) and header.field_date is None:
        header.field_date = parse_date(dated.group("value"))
    if (publisher := rules.PUBLISHER_FIELD.search(line)) and header.publisher is None:
        header.publisher = publisher.group("value")
    if (title := rules.TITLE_FIELD.search(line)) and header.notice_title is None:
        value = title.group("value").strip()
        if notice := rules.NOTICE_TITLE.match(value):
            header.notice_title = value
            header.title_issuer = notice.group("issuer") or None


def _unbracketed(line: str) -> str:
    """（皖政办秘〔2021〕82号） → 皖政办秘〔2021〕82号; any other line as it is."""
    bracketed = rules.BRACKETED_DOC_NUMBER_LINE.match(line)
    return bracketed.group("number") if bracketed else line


def _is_new_notice_title(line: str, known: str | None) -> bool:
    """Whether ``line`` gives the notice title: the first one, or a later copy of it.

    A web page's caption repeats the title above the document's own (安徽省…行动计划（2021—2023年）
    的通知 / …（2021-2023年）的通知); the copy nearest the text is the document's.
    """
    return known is None or _letters(line) == _letters(known)


def _letters(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum())


def _read_signature(text: str, start: int, end: int, header: _Header) -> None:
    previous = ""
    for _, _, line in _lines(text, start, end):
        if rules.DATE_LINE.match(line) and header.signature_date is None:
            header.signature_date = parse_date(line)
            if header.signature_issuer is None and _is_signature_issuer(previous):
                header.signature_issuer = previous
        if not rules.NOTE_LINE.match(line):
            previous = line


def _read_glued_signature(text: str, body_start: int, header: _Header) -> None:
    """A signature glued after a sentence: in the header (before the plan) or at the text's end."""
    head = rules.GLUED_SIGNATURE.search(text, 0, min(body_start, _GLUED_REACH))
    tail = [*rules.GLUED_SIGNATURE.finditer(text, max(0, len(text) - _GLUED_REACH), len(text))]
    for signature in (head, tail[-1] if tail else None):
        if signature is not None and is_agency_name(issuer := "".join(signature.group("issuer").split())):
            header.signature_date = parse_date(signature.group("date"))
            if header.signature_issuer is None and _is_signature_issuer(issuer):
                header.signature_issuer = issuer
            return


def _is_signature_issuer(line: str) -> bool:
    return 0 < len(line) <= _SIGNATURE_MAX and not rules.SENTENCE_PUNCT.search(line) and is_agency_name(line)


def parse_date(value: str) -> dt.date | None:
    """2015年8月31日, 二〇一二年四月十二日, 2017-09-25 → a date; None if not a real date.

    >>> parse_date("二〇一二年四月十二日"), parse_date("2017-09-25")
    (datetime.date(2012, 4, 12), datetime.date(2017, 9, 25))
    """
    try:
        if match := rules.DATE_ARABIC.search(value):
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        if match := rules.DATE_CN.search(value):
            return dt.date(*(chinese_to_int(match.group(part)) for part in ("y", "m", "d")))
    except ValueError:
        return None
    return None


def split_recipients(value: str) -> list[str]:
    """主送机关 → one entry per comma-separated recipient (commas inside brackets kept)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in value:
        depth += ch == rules.OPEN_BRACKET
        depth -= ch == rules.CLOSE_BRACKET and depth > 0
        if ch == "，" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def find_references(text: str) -> list[Reference]:
    """Documents the text cites: 《title》 followed by （doc number）, each once.

    >>> find_references("根据《关于印发…的通知》（宁政办发〔2017〕139号）精神")
    [Reference(title='关于印发…的通知', doc_number='宁政办发〔2017〕139号')]
    """
    references: list[Reference] = []
    seen: set[tuple[str, str]] = set()
    for match in rules.CITATION.finditer(text):
        number = match.group("number")
        if number is None or not rules.DOC_NUMBER.fullmatch(number.strip()):
            continue
        number = normalize_doc_number(number)
        key = (match.group("title"), number)
        if key in seen:
            continue
        seen.add(key)
        references.append(Reference(title=match.group("title"), doc_number=number))
    return references


def restore_metadata(metadata: Metadata, view: str, text: str) -> Metadata:
    """``metadata`` read from the simplified ``view``, its strings written as in ``text``.

    >>> meta = Metadata(issuer="市场监督管理局")
    >>> restore_metadata(meta, "市场监督管理局", "市場監督管理局").issuer
    '市場監督管理局'
    """
    if view == text:
        return metadata
    back = partial(restore, view=view, original=text)
    strings = {
        key: back(value)
        for key in ("title", "notice_title", "doc_number", "issuer", "index_number")
        if (value := getattr(metadata, key)) is not None
    }
    return metadata.model_copy(
        update={
            **strings,
            "recipients": [back(r) for r in metadata.recipients],
            "references": [
                Reference(title=back(r.title), doc_number=r.doc_number and back(r.doc_number))
                for r in metadata.references
            ],
        }
    )
