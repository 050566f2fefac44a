"""Header patterns: the lines and fields a notice's metadata is read from.

The kinds of line the line joiner must recognise too (header fields, dates, document
numbers, titles) are defined with the normalizer's line rules and used from there.
"""

from __future__ import annotations

import regex

from ..core import doc_numbers as core_doc_numbers
from ..core.markers import CN_DIGITS, CN_NUMBER
from ..normalize.rules import (
    CLOSE_BRACKET,
    DATE_LINE,
    DOC_NUMBER_LINE,
    FIELD_LINE,
    NOTICE_TITLE,
    NOTICE_TITLE_WORD,
    OPEN_BRACKET,
    TITLE_LINE,
)

__all__ = [
    "BRACKETED_DOC_NUMBER_LINE",
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
    "GLUED_DOC_NUMBER_END",
    "GLUED_MARK_END",
    "GLUED_RECIPIENTS",
    "GLUED_SIGNATURE",
    "INDEX_NUMBER",
    "ISSUER_MARK",
    "LINE",
    "NOTE_LINE",
    "NOTICE_TITLE",
    "NOTICE_TITLE_IN_TEXT",
    "OPEN_BRACKET",
    "PUBLISHER_FIELD",
    "RECIPIENTS_LINE",
    "SENTENCE_PUNCT",
    "TITLE_FIELD",
    "TITLE_LINE",
]

# A line of the text:  驻政办〔2015〕100号
LINE = regex.compile(r"[^\n]+")
# A note in brackets between a signature's body and its date, not itself the signer:
#   北京市政务公开领导小组办公室 / （北京市政务服务管理局代章） / 2021年3月31日
NOTE_LINE = regex.compile(r"^（[^（）]{1,40}）$")

# A date anywhere, with its parts:  2015年8月31日   2017-09-25   二〇一二年四月十二日
DATE_ARABIC = regex.compile(r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?")
DATE_CN = regex.compile(rf"(?P<y>[{CN_DIGITS}]{{4}})年(?P<m>{CN_NUMBER})月(?P<d>{CN_NUMBER})日")

# A document number (发文字号), one grammar for every stage (core.doc_numbers):
#   驻政办〔2015〕100号   大政办发[2012]45号   官打假办〔2020〕2号   国办发﹝2013﹞104号
DOC_NUMBER = core_doc_numbers.DOC_NUMBER
# A field that states this notice's own number:  发布文号：大政办发[2012]45号   文号：…
DOC_NUMBER_FIELD = regex.compile(r"(?:发布文号|发文字号|文\s*号)\s*[：:]?\s*(?P<value>[^\s，；]+号)")

# The header's 发文机关标志:  驻马店市人民政府办公室文件   昆明市官渡区文件
# A joint notice names every body, 44 characters for seven ministries:
#   生态环境部国家发展和改革委员会工业和信息化部住房和城乡建设部交通运输部农业农村部国家能源局文件
ISSUER_MARK = regex.compile(r"^(?P<issuer>[\p{Han}（）]{2,80}?)\s*文件$")

# What a forwarding notice forwards:  关于印发《X》的通知 / 关于印发X的通知 / 关于转发…
#   江西省市场监管局印发《X》的通知 (no 关于)
FORWARDED_TITLE = regex.compile(r"(?:关于)?(?:印发|转发|下发|发布|公布)(?:<|《)?(?P<title>.+?)(?:>|》)?的通知$")

# A 文号 printed in brackets on its own line under the title (法宝 copies):  （皖政办秘〔2021〕82号）
BRACKETED_DOC_NUMBER_LINE = regex.compile(r"^[（(](?P<number>[^（）()]{3,30}号)[）)]$")

# Header fields glued into one long line (a notice saved without its line breaks). Each
# pattern marks where one field ends; the next field starts there. Searched only in the first
# stretch of a line (extract._GLUED_REACH), so none of them runs over a whole text.
#   国务院办公厅关于促进煤炭行业平稳运行的意见国办发〔2013〕104号各省、…直属机构：2012年以来…
#   …国家能源局文件环综合〔2022〕42号关于印发《减污降碳协同增效实施方案》的通知各省、…能源局：《减污…
# A notice title inside a line: a 《》 pair is skipped whole, so a cited 《…的意见》 does not end
# it, and sentence punctuation stops it, so 国务院关于稳就业工作的决策部署，… is no title.
NOTICE_TITLE_IN_TEXT = regex.compile(
    r"(?P<issuer>[\p{Han}（）“”]{0,40}?)(?P<title>(?:关于|印发|转发)"
    rf"(?:《[^《》\n]{{0,150}}》|[^《》。，；：！？\n]){{2,150}}?{NOTICE_TITLE_WORD})"
)
# The end of a 文号 (its code starts where the field before it ended):  …的意见国办发〔2013〕104号
#   …的通知（皖政办秘〔2021〕82号）
GLUED_DOC_NUMBER_END = regex.compile(r"[〔\[［]\d{4}[〕\]］]\d{1,5}号[）)]?")
# The end of a 发文机关标志 X文件, known by the 文号 right after it:  …国家能源局文件环综合〔2022〕42号
GLUED_MARK_END = regex.compile(r"(?<=\p{Han})文件(?=[\p{Han}A-Za-z]{1,16}[〔\[［]\d{4}[〕\]］]\d{1,5}号)")
# A 主送机关 list opening where a header field ended, up to its colon:  各省、自治区、直辖市人民政府，…：
GLUED_RECIPIENTS = regex.compile(r"(?:各|市|区|县|省|自治区)[^。！？：\n]{2,300}：")
# A signature glued after the last sentence: issuing body and date, then no more sentence.
#   …扎实做好各项工作。国务院办公厅2013年11月18日（此件公开发布）
#   …请认真抓好贯彻落实。深圳市政务服务和数据管理局2025年3月31日
# Not:  …。市政府2022年6月10日起施行 (the date goes on into a sentence)
GLUED_SIGNATURE = regex.compile(
    r"(?:(?<=[。\n])|^)(?P<issuer>[\p{Han}（）“” ]{2,80}?)(?P<date>\d{4}年\d{1,2}月\d{1,2}日)(?![\p{Han}\d，、；：。])"
)

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
