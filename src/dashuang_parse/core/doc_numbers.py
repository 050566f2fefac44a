"""The 发文字号 (document number) grammar, one pattern for every stage that reads one.

The normalizer keeps a 文号 line apart when it joins broken lines, the metadata stage finds
the notice's own number and the numbers of the documents it cites, and the values stage
splits the number into code, year and serial: all three read the same forms, so the pattern
lives here, beside the models, and each stage builds on ``DOC_NUMBER_BODY``.

The forms seen in notices and their web or PDF copies:

- 驻政办〔2015〕100号 (the printed form), 大政办发[2012]45号, 国发 [2011] 37号 (web copies),
  豫政办〔2015〕81 号 (a space before 号), 國發〔2017〕14號 (traditional characters);
- the same number in other brackets: 国办发(2013)104号, 国办发（2013）104号, 国办发﹝2013﹞104号,
  国办发【2013】104号, 国办发［2013］104号;
- a 第 before the serial or a 年 after the year: 国发〔2019〕第3号, 国发〔2019年〕3号;
- announcements numbered by year without brackets: 国家税务总局公告2018年第28号.

>>> split_doc_number("驻政办〔2015〕100号")
{'code': '驻政办', 'year': 2015, 'serial': 100}
>>> split_doc_number("国家税务总局公告2018年第28号")
{'code': '国家税务总局公告', 'year': 2018, 'serial': 28}
>>> normalize_doc_number("大政办发[2012]45号"), normalize_doc_number("国办发﹝2013﹞104號")
('大政办发〔2012〕45号', '国办发〔2013〕104号')
"""

from __future__ import annotations

from typing import Any

import regex

__all__ = ["DOC_NUMBER", "DOC_NUMBER_BODY", "normalize_doc_number", "split_doc_number"]

_OPEN = r"[〔\[【（(［﹝]"
_CLOSE = r"[〕\]】）)］﹞]"
# The serial and its 号:  100号   81 号   第3号   14號
_SERIAL = r"第?\s*(?P<serial>\d{1,5})\s*[号號]"

# The pattern source, without anchors, for stages that embed it (the normalizer's 文号 line).
# Its groups: code, year (one of two: a bracketed year or a year before 年第), serial.
#   驻政办〔2015〕100号   国发〔2019年〕第3号   国家税务总局公告2018年第28号
DOC_NUMBER_BODY = (
    r"(?P<code>[\p{Han}A-Za-z]{1,16})\s*"
    rf"(?:{_OPEN}\s*(?P<year>\d{{4}})\s*年?\s*{_CLOSE}|(?P<year_word>\d{{4}})\s*年\s*(?=第))"
    rf"\s*{_SERIAL}"
)
DOC_NUMBER = regex.compile(DOC_NUMBER_BODY)


def _year(match: regex.Match[str]) -> str:
    return match["year"] or match["year_word"]


def split_doc_number(doc_number: str | None) -> dict[str, Any] | None:
    """``{code, year, serial}`` of a whole 文号 (contract 1.1 ``Metadata.doc_number_parts``);
    None when ``doc_number`` is not one.

    >>> split_doc_number("宁政办发[2017]139号")
    {'code': '宁政办发', 'year': 2017, 'serial': 139}
    >>> split_doc_number("关于印发的通知") is None
    True
    """
    if not doc_number:
        return None
    match = DOC_NUMBER.fullmatch(doc_number.strip())
    if match is None:
        return None
    return {"code": match["code"], "year": int(_year(match)), "serial": int(match["serial"])}


def normalize_doc_number(value: str) -> str:
    """The first 文号 in ``value`` in its printed form: brackets 〔〕, no spaces, 号; the
    year-numbered form (公告2018年第28号) and a written 第 kept. ``value`` without blanks when
    it holds none.

    >>> normalize_doc_number("国发 [2011] 37号"), normalize_doc_number("国发(2019)第3号")
    ('国发〔2011〕37号', '国发〔2019〕第3号')
    """
    match = DOC_NUMBER.search(value)
    if match is None:
        return "".join(value.split())
    number = ("第" if "第" in match.group() else "") + match["serial"] + "号"
    if match["year_word"]:
        return f"{match['code']}{match['year_word']}年{number}"
    return f"{match['code']}〔{match['year']}〕{number}"
