"""Header patterns: the lines and fields a notice's metadata is read from.

The kinds of line the line joiner must recognise too (header fields, dates, document
numbers, titles) are defined with the normalizer's line rules and used from there.
"""

from __future__ import annotations

import regex

from ..core.markers import CN_DIGITS, CN_NUMBER
from ..normalize.rules import (
    CLOSE_BRACKET,
    DATE_LINE,
    DOC_NUMBER_LINE,
    FIELD_LINE,
    NOTICE_TITLE,
    OPEN_BRACKET,
    TITLE_LINE,
)

__all__ = [
    "CITATION",
    "CLOSE_BRACKET",
    "DATED_FIELD",
    "DATE_ARABIC",
    "DATE_CN",
    "DATE_LINE",
    "DOC_NUMBER",
    "DOC_NUMBER_FIELD",
    "DOC_NUMBER_LINE",
    "FIELD_LINE",
    "FORWARDED_TITLE",
    "INDEX_NUMBER",
    "ISSUER_MARK",
    "LINE",
    "NOTICE_TITLE",
    "OPEN_BRACKET",
    "PUBLISHER_FIELD",
    "RECIPIENTS_LINE",
    "SENTENCE_PUNCT",
    "TITLE_FIELD",
    "TITLE_LINE",
]

# A line of the text:  驻政办〔2015〕100号
LINE = regex.compile(r"[^\n]+")

# A date anywhere, with its parts:  2015年8月31日   2017-09-25   二〇一二年四月十二日
DATE_ARABIC = regex.compile(r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?")
DATE_CN = regex.compile(rf"(?P<y>[{CN_DIGITS}]{{4}})年(?P<m>{CN_NUMBER})月(?P<d>{CN_NUMBER})日")

# A document number (发文字号):  驻政办〔2015〕100号   大政办发[2012]45号   官打假办〔2020〕2号
DOC_NUMBER = regex.compile(
    r"(?P<org>[\p{Han}A-Za-z]{1,16})\s*[〔\[【（(［]\s*(?P<year>\d{4})\s*[〕\]】）)］]\s*(?P<seq>\d{1,5})\s*号"
)
# A field that states this notice's own number:  发布文号：大政办发[2012]45号   文号：…
DOC_NUMBER_FIELD = regex.compile(r"(?:发布文号|发文字号|文\s*号)\s*[：:]?\s*(?P<value>[^\s，；]+号)")

# The header's 发文机关标志:  驻马店市人民政府办公室文件   昆明市官渡区文件
ISSUER_MARK = regex.compile(r"^(?P<issuer>[\p{Han}（）]{2,40}?)\s*文件$")

# What a forwarding notice forwards:  关于印发《X》的通知 / 关于印发X的通知 / 关于转发…
FORWARDED_TITLE = regex.compile(r"关于(?:印发|转发|下发|发布|公布)(?:<|《)?(?P<title>.+?)(?:>|》)?的通知$")

# 主送机关:  各县、区人民政府，经济开发区、市产业集聚区管委会，市人民政府各部门：
RECIPIENTS_LINE = regex.compile(r"^(?P<list>(?:各|市|区|县|省|自治区)[^。！？]{2,300})：$")

# 索引号 640502001/2017-66845
INDEX_NUMBER = regex.compile(r"索\s*引\s*号\s*[：:]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z/\-_.]{3,60})")
# 生成日期 2017-09-25 / 发布日期：2020年3月1日
DATED_FIELD = regex.compile(r"(?:生成日期|成文日期|发布日期|发文日期|印发日期|发布时间)\s*[：:]?\s*(?P<value>\S{8,14})")
# 标题：关于印发…的通知 (the title row of a web page's metadata table)
TITLE_FIELD = regex.compile(r"(?:标\s*题|名\s*称)\s*[：:]\s*(?P<value>\S.*)$")
# 发布机构 市人民政府办公室
PUBLISHER_FIELD = regex.compile(r"(?:发布机构|发文机关)\s*[：:]?\s*(?P<value>[\p{Han}（）]{2,40})")

# A cited document:  《关于印发2017年全区…工作要点的通知》(宁政办发〔2017〕139号)
CITATION = regex.compile(r"《(?P<title>[^《》\n]{2,120})》(?:[\p{Han}]{0,4}（(?P<number>[^（）\n]{2,40}?号)）)?")

# Punctuation a signature's issuing body never holds:  市打击侵权假冒领导小组办公室
SENTENCE_PUNCT = regex.compile(r"[。，；：！？]")
