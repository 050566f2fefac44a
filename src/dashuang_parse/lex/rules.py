"""The pattern table: every regular expression the pipeline matches text with.

One named, compiled pattern per entry, each with a real example in the comment above it
(after normalization: brackets are full width, indentation is gone). Stages look
patterns up by name here instead of writing regex literals of their own.
"""

from __future__ import annotations

import re

import regex

from .. import lexicon
from ..models import SectionKind

# Chinese numerals as written in section markers, dates and counts.
CN_DIGITS = "零〇○Ｏ一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]+"

# Section markers, in rank order from outer to inner (contract.md `kind`). Each matches at
# the start of a line; group "num" holds the number as written.
MARKER_RULES: tuple[tuple[SectionKind, regex.Pattern[str]], ...] = (
    # 第一编 总则   第一部分 总体要求
    ("part", regex.compile(rf"第(?P<num>{_CN}|\d+)(?:编|部分)[ \t]*")),
    # 第二章 组织领导
    ("chapter", regex.compile(rf"第(?P<num>{_CN}|\d+)章[ \t]*")),
    # 第一节 一般规定
    ("division", regex.compile(rf"第(?P<num>{_CN}|\d+)节[ \t]*")),
    # 第九条 本办法自发布之日起施行。
    ("article", regex.compile(rf"第(?P<num>{_CN}|\d+)条[ \t]*")),
    # 二、重点任务   (also 二．/二. as some notices write it)
    ("cn", regex.compile(rf"(?P<num>{_CN})[、．.](?![\d０-９])[ \t]*")),
    # （一）加强互联网领域侵权假冒治理。  （三十一）提升舆论引导能力。
    ("cn_paren", regex.compile(rf"（(?P<num>{_CN})）[ \t]*")),
    # 1.加大互联网领域侵权假冒治理。  1、  １．   — but not the decimal 1.5亿元
    ("arabic", regex.compile(r"(?P<num>\d{1,3})(?:[.．](?![\d０-９])|、)[ \t]*|(?P<num>[⒈-⒛])[ \t]*")),
    # （1）开展2017互联网领域打击侵权假冒专项行动。   1）建立台账   ⑴完善机制
    ("arabic_paren", regex.compile(r"（(?P<num>\d{1,3})）[ \t]*|(?P<num>\d{1,2})）(?!）)[ \t]*|(?P<num>[⑴-⒇])[ \t]*")),
    # ①建立工作台账
    ("circled", regex.compile(r"(?P<num>[①-⑳㉑-㉟㊱-㊿])[ \t]*")),
)

KIND_RANK: dict[SectionKind, int] = {kind: rank for rank, (kind, _) in enumerate(MARKER_RULES)}

# All the markers as one pattern, tried in rank order like the rules (alternation keeps the
# first that matches): one match per line instead of one per rule. Group "rN" holds rule N's
# match and "nN" its number, so the last group a match sets, either one, names the rule.
ANY_MARKER = regex.compile(
    "|".join(
        f"(?P<r{rank}>{pattern.pattern.replace('(?P<num>', f'(?P<n{rank}>')})"
        for rank, (_, pattern) in enumerate(MARKER_RULES)
    )
)


def marker_rank(match: regex.Match[str]) -> int:
    """The rank of the rule an ``ANY_MARKER`` match comes from."""
    return int(match.lastgroup[1:])  # type: ignore[index]


def marker_number(match: regex.Match[str]) -> str:
    """The number of an ``ANY_MARKER`` match, as written."""
    return match.group(f"n{marker_rank(match)}")


# A line, for the lexer's line-start tokens.
LINE = regex.compile(r"[^\n]+")

# Brackets, after normalization every round bracket is full width.
OPEN_BRACKET = "（"
CLOSE_BRACKET = "）"
BRACKET = regex.compile(r"[（）]")

# A line of running text that opens with an owner parenthetical which belongs to the line
# before it (page wrapping put it alone on the next line):
#   （市工商局负责）梳理排查线索…
OWNERS_AT_LINE_START = regex.compile(
    r"^（(?![一二三四五六七八九十\d]+）)[^（）\n]{0,160}?"
    r"(?:负责|牵头|配合|参与|协助|单位[：:]|部门[：:]|局|委|办|厅|政府|海关)）"
)

# Header field lines printed by government web sites (metadata tables), kept apart from the
# text around them:  索引号 640502001/2017-66845 文号 生成日期 2017-09-25
FIELD_LINE = regex.compile(
    r"^(?:索\s*引\s*号|文\s*号|发文字号|发布文号|发文机关|发布机构|生成日期|成文日期|发布日期|发文日期|"
    r"公开方式|公开范围|责任部门|主题分类|主题词|联系人|联系电话|电话|传真|邮箱|电子邮箱|地址|邮编|"
    r"抄送|印发|来源|发布时间|时效|有效性|名\s*称|标\s*题)"
)
# Field lines keep their inner spaces (they separate a label from its value). Searched in the
# whole text, so the space after the label must be on its line.
FIELD_ROW = regex.compile(r"(?:索引号|发布机构|生成日期|公开方式|主题分类|发文字号|成文日期)[^\n]*[^\S\n]")

# A line that is only a date:  2015年8月31日   二〇一二年四月十二日   2017-09-25
DATE_LINE = regex.compile(
    rf"^（?(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_CN}年{_CN}月{_CN}日|\d{{4}}-\d{{1,2}}-\d{{1,2}})）?$"
)
# A date anywhere, with its parts.
DATE_ARABIC = regex.compile(r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?")
DATE_CN = regex.compile(rf"(?P<y>[{CN_DIGITS}]{{4}})年(?P<m>{_CN})月(?P<d>{_CN})日")

# A document number (发文字号):  驻政办〔2015〕100号   大政办发[2012]45号   官打假办〔2020〕2号
DOC_NUMBER = regex.compile(
    r"(?P<org>[\p{Han}A-Za-z]{1,16})\s*[〔\[【（(［]\s*(?P<year>\d{4})\s*[〕\]】）)］]\s*(?P<seq>\d{1,5})\s*号"
)
# A line that is only a document number (perhaps with the signer):  鲁政办字〔2024〕52号 签发人：张三
DOC_NUMBER_LINE = regex.compile(
    r"^(?:[\p{Han}A-Za-z]{1,16})\s*[〔\[【（(［]\s*\d{4}\s*[〕\]】）)］]\s*\d{1,5}\s*号(?:\s*签发人[：:]\S{0,12})?$"
)
# Any of the header lines above, in one call: what the line joiner keeps apart.
HEADER_LINE = regex.compile("|".join(f"(?:{p.pattern})" for p in (FIELD_LINE, DATE_LINE, DOC_NUMBER_LINE)))
# A field that states this notice's own number:  发布文号：大政办发[2012]45号   文号：…
DOC_NUMBER_FIELD = regex.compile(r"(?:发布文号|发文字号|文\s*号)\s*[：:]?\s*(?P<value>[^\s，；]+号)")

# The header's 发文机关标志:  驻马店市人民政府办公室文件   昆明市官渡区文件
ISSUER_MARK = regex.compile(r"^(?P<issuer>[\p{Han}（）]{2,40}?)\s*文件$")

# The notice title:  中卫市人民政府办公室关于印发中卫市2017年…实施方案的通知
NOTICE_TITLE = regex.compile(
    r"^(?P<issuer>[\p{Han}（）]{0,40}?)(?P<title>关于.{2,150}的(?:通知|通报|意见|决定|批复|函))$"
)
# What a forwarding notice forwards:  关于印发《X》的通知 / 关于印发X的通知 / 关于转发…
FORWARDED_TITLE = regex.compile(r"关于(?:印发|转发|下发|发布|公布)(?:<|《)?(?P<title>.+?)(?:>|》)?的通知$")

# A plan's own title line:  宿迁市2017年互联网领域侵权假冒专项治理工作方案
#   新一代信息技术产业行动计划（2024-2025年）
TITLE_LINE = regex.compile(
    r"^[^。，；：！？]{4,80}(?:方案|要点|计划|意见|办法|细则|规定|措施|政策|规划|纲要|决定|清单|通知|通报|分工|安排|规则|制度|指引|指南)"
    r"(?:（[^）]{0,20}）)?$"
)
# A title cut short by wrapping ends in one of these, and the second half starts a line.
TITLE_END_WORD = regex.compile(
    r"(?:方案|要点|计划|意见|办法|细则|规定|措施|政策|规划|纲要|决定|清单|通知|通报|分工|安排|规则|制度|指引|指南)"
    r"(?:（[^）]{0,20}）)?$"
)

# 主送机关:  各县、区人民政府，经济开发区、市产业集聚区管委会，市人民政府各部门：
RECIPIENTS_LINE = regex.compile(r"^(?P<list>(?:各|市|区|县|省|自治区)[^。！？]{2,300})：$")

# 索引号 640502001/2017-66845
INDEX_NUMBER = regex.compile(r"索\s*引\s*号\s*[：:]?\s*(?P<value>[0-9A-Za-z][0-9A-Za-z/\-_.]{3,60})")
# 生成日期 2017-09-25 / 发布日期：2020年3月1日
DATED_FIELD = regex.compile(r"(?:生成日期|成文日期|发布日期|发文日期|印发日期|发布时间)\s*[：:]?\s*(?P<value>\S{8,14})")
# 标题：关于印发…的通知 (the title row of a web page's metadata table)
TITLE_FIELD = regex.compile(r"(?:标\s*题|名\s*称)\s*[：:]\s*(?P<value>\S.*)$")
# An attachment list after the body:  附件：1.重点任务分工表 / 2.联络员名单
ATTACHMENT_START = regex.compile(r"^附\s*件\s*\d*\s*[：:]?")
ATTACHMENT_ITEM = regex.compile(r"^\d{1,2}[.．、][^。；]{2,60}$")
# 发布机构 市人民政府办公室
PUBLISHER_FIELD = regex.compile(r"(?:发布机构|发文机关)\s*[：:]?\s*(?P<value>[\p{Han}（）]{2,40})")

# A cited document:  《关于印发2017年全区…工作要点的通知》(宁政办发〔2017〕139号)
CITATION = regex.compile(r"《(?P<title>[^《》\n]{2,120})》(?:[\p{Han}]{0,4}（(?P<number>[^（）\n]{2,40}?号)）)?")

# Signature lines and sentence-final punctuation used by the line joiner.
# (Searched from the end, ``(?r)``: it can only match there, and lines are long.)
TERMINAL_PUNCT = regex.compile(r"(?r)(?:[。！？；：!?;:）)…]|[。！？!?][”」』])$")
LINE_IS_ONLY = regex.compile(r"^文件$")
# What no paragraph opens with, so a line that does continues the line before:
#   关于印发…工作方案 / 的通知
CONTINUATION_START = regex.compile(r"^[的、，。；：！？）》”]")
# A title's period or status on a line of its own:  （2024—2025年）  （试行）
TITLE_SUBTITLE = regex.compile(r"^（(?![^）]*月)[^（）]{0,20}(?:年|试行|暂行|征求意见稿|修订)[^（）]{0,4}）$")

# What the lexer reads inside a line, brackets, and the newline that ends the line. The
# stdlib ``re``, which scans a plain class several times faster than ``regex``.
INLINE = re.compile(r"[（）【】〔〕\n]")
# Closing bracket → its opening bracket, for every kind the lexer balances.
BRACKET_PAIRS = {"）": "（", "】": "【", "〕": "〔"}

# --- Owner lists (the inside of a responsibility parenthetical) -------------------------
# The grammar is written down in ``agencies``; its role words come from ONE table,
# ``data/role_words.tsv`` (word, role, where), and the patterns below are generated from it.


def _words(where: str) -> str:
    """The role table's words used at ``where``, as an alternation, longest first."""
    return "|".join(map(regex.escape, lexicon.role_words_at(where)))


_LABELS = _words("label")
_SUFFIX_ROLES = _words("suffix")
_MEMBER_ROLES = _words("member")

# A notice-wide convention stated once:  …，列第一位者为牵头部门，下同
#   (in prose too: 各项任务中列第一位的为牵头单位   排在第一位的部门为牵头部门)
OWNER_CONVENTION = regex.compile(
    r"[，；]?\s*(?:排|列)(?:在)?(?:第一位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:部门|单位)"
    r"(?:[，；]\s*下同)?"
)
# "the same below" on its own, after a list:  （…负责，下同）
SAME_BELOW = regex.compile(r"[，；]\s*下同$")
# A standing rule inside a list, stated once for every later task (not owners of this one):
#   以下均需各片区配合，不再列出      以下均需各地各部门落实，不再列出
STANDING_RULE = regex.compile(
    r"[，；]?\s*(?P<rule>(?:以下|下列|其余|后续)(?:各项|所有)?(?:任务|工作)?(?:均|都|皆)?(?:需要|需|须|由|要)?"
    r"(?P<who>[^，；]{2,40}?)(?:等)?(?P<role>负责配合|配合|参与|协助|牵头|负责)?(?:落实|实施|完成|办理)?"
    r"[，；、]?\s*(?:均)?(?:不再|不另|不一一)(?:一一)?(?:列出|列明|列举|标注|标明|注明))"
)
# An alias defined inside a list:  市打击…领导小组办公室，以下简称领导小组办公室
ALIAS_IN_LIST = regex.compile(r"[，；]?\s*(?:以下简称|以下称|下称|简称)[“\"]?(?P<alias>[^”\"，；（）]{2,30})[”\"]?")
# An alias defined in running text:  市打击侵权假冒工作领导小组办公室（以下简称市打假办）
ALIAS_GLOSS = regex.compile(r"^(?:以下简称|以下称|下称|简称)[“\"]?(?P<alias>[^”\"，；（）]{2,30})[”\"]?$")
# The agency name a running-text alias stands for: the words before the bracket.
#   由市打击侵权假冒工作领导小组办公室（以下简称…）  →  市打击侵权假冒工作领导小组办公室
# The name never starts with 由, 将 or 请 (no agency name does): after a comma, "，由市…办公室"
# gives 市…办公室. Verbs inside the run (成立市…办公室, 设在市…局) are cut by the words of
# ``data/alias_lead_words.txt``.
ALIAS_TARGET = regex.compile(r"(?:^|[，。；：、“”\n]|由|经|将|和|与|及|请)(?P<name>(?![由将请])[\p{Han}（）]{2,40})$")
# The last lead-in word inside an alias target:  成立市…办公室   …办公室设在市市场监督管理局
ALIAS_LEAD_WORD = regex.compile(
    "(?r)(?:" + "|".join(map(regex.escape, lexicon.word_list("alias_lead_words.txt"))) + r")(?=\p{Han}{2})"
)
# A group's label:  牵头单位：省科技厅   配合单位：省发展改革委、省科技厅   责任领导：张三
OWNER_LABEL = regex.compile(rf"^(?P<label>{_LABELS})\s*[：:]?\s*")
# How a group does its part, between its members and its role word:
#   按职责分工   依职责   按分管领域   根据职能   分工 (省通信管理局分工负责)
_MANNER = r"(?:(?:按照|依照|根据|依据|按|依)(?:各自)?(?:工作职责|职责|职能|部门|分管领域)?(?:分工)?(?:职责)?|分工)"
# A group's role words at its end:  …牵头负责   …按职责分工分别负责   …等按部门分工分别负责   …配合
#   …牵头落实   …依职责办理   …按分管领域负责   …分别牵头
OWNER_ROLE = regex.compile(
    rf"(?P<etc>等)?(?P<manner>{_MANNER})?"
    r"(?P<adverb>分别|共同|具体|各自|主要)?"
    rf"(?P<role>{_SUFFIX_ROLES})$"
)
# A role written on one member in brackets:  市发展改革委（牵头）、市财政局  (searched from the
# end, where it must be)
MEMBER_ROLE = regex.compile(rf"(?r)（(?P<role>{_MEMBER_ROLES})）$")
# What makes a parenthetical look like owners even when its members cannot be read: a label,
# or a role word after something that holds an agency head (县市场监管局综合执法科负责).
OWNERS_LOOK = regex.compile(r"局|委|办|厅|政府|部门|单位|中心|公司|集团|科|股|处|所|站|队")
# A group that states a deadline, not owners:  完成时限：2024年12月底   2025年底前完成   持续推进
TIME_GROUP = regex.compile(
    r"^(?:完成时限|完成时间|时间节点|时限要求|时限|进度安排)[：:]|\d{4}\s*年|年底|年内|月底|底前|前完成|持续推进|长期坚持|持续开展|长期推进|分阶段"
)
# Nouns that may follow 等 and name owners left unnamed:  X、Y等有关部门   X等部门
GENERIC_OWNER = regex.compile(r"^(?:有关|相关|其他|其它)?(?:部门|单位|机构|成员单位|部门和单位|单位和部门)$")
# Owners on a line of their own, without brackets (任务分工 lists):
#   责任单位：市公安局、市商务局        牵头单位：市发展改革委
_LINE_LABELS = "牵头单位|牵头部门|主办单位|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位"
OWNER_LINE = regex.compile(rf"^(?:{_LINE_LABELS})\s*[：:]\s*\S")
# Any such label in a text: without one, the lexer need not look for owner lines at all.
LINE_LABEL_ANYWHERE = regex.compile(rf"(?:{_LINE_LABELS})\s*[：:]")
# An owner label that opens a group in the middle of a list written without separators:
#   牵头单位：市公安局 配合单位：市检察院   (the space is gone after normalization)
INNER_LABEL = regex.compile(rf"(?<=\p{{Han}}\s?)(?=(?:{_LABELS})\s*[：:])")
# Owners after the statement on the same line, without brackets:
#   1.加快建设产业园区。责任单位：市发展改革委、市财政局
# The match ends where the list starts; its labels are among _LINE_LABELS. (It opens with the
# 。 rather than looking behind for it, so the search jumps from one 。 to the next instead of
# trying every character.)
INLINE_OWNER_LABEL = regex.compile(
    r"[。；]\s*(?=(?:牵头单位|牵头部门|主办单位|责任单位|责任部门)\s*[：:][^。]+。?$)"
)
# A count after 等 closes an open list without naming anyone:  市公安局等8个部门
COUNTED_REST = regex.compile(r"^(?:\d+|[一二三四五六七八九十]+)个")
# Words before the list that are not part of it:  由市公安局负责
OWNER_LEAD_IN = regex.compile(r"^(?:由|请)")
# Separators inside an owner list (outside nested brackets).
OWNER_GROUP_SEP = "，；\n"
OWNER_MEMBER_SEP = "、"
# Brackets a member may hold, separators inside them not counting:  县〔市、区、特区〕人民政府
NESTED_OPEN = "（〔"
NESTED_CLOSE = "）〕"
# Conjunctions that join two owners when the part before them is a whole name:
#   各县区和市公安局   市工业和信息化局及专班成员单位   市公安局会同市商务局
OWNER_CONJUNCTION = regex.compile(r"以及|会同|和|及|与|同")
# What is left after a conjunction when it joins two heads of one name, not two owners:
#   国务院相关部门和单位   各县（市、区）党委和政府
BARE_HEAD = regex.compile(r"^(?:单位|部门|政府|人民政府|党委|机构|机关|组织|企业|团体|事业单位|直属单位)$")
# 各… and …成员单位 owners:  各县区  各成员单位  市打击侵权假冒工作领导小组各成员单位
#   国务院相关部门和单位 (a named body's unnamed units)
COLLECTIVE = regex.compile(r"^(?:[省市区县](?:直|级)?)?各|成员单位$|^全体|^\p{Han}{2,}?(?:有关|相关)(?:部门|单位)")
# A 各… collective made only of kinds of place, complete on its own:  各县区  各区市  各乡镇  各地区
PLACE_COLLECTIVE = regex.compile(
    r"^各(?:省|市|区|县|州|旗|乡|镇|街道|地区|地|县区|区县|区市|县市区|市县区|乡镇|镇街)+$"
)
# Unnamed owners:  有关部门  相关单位  市相关行业主管部门  其他成员单位
UNSPECIFIED = regex.compile(r"^(?:[省市区县](?:直|级)?)?(?:有关|相关|其他|其它)|^(?:部门|单位|机构)$")
# A member that names only kinds of place, joined by 、 to the next one:  各县、区人民政府
#   各市（县）、区政府   各市〔州〕、县〔市、区、特区〕人民政府   各有关区、县级市
_PLACE_KIND = r"(?:省|市|区|县|县级市|地|州|盟|旗|乡|镇|乡镇|街道)"
_PLACE_GLOSS = r"(?:[（〔][^（）〔〕]{1,12}[）〕])?"
PLACE_KINDS_ONLY = regex.compile(rf"^(?:各有关|各相关|各|有关|相关){_PLACE_KIND}{_PLACE_GLOSS}$")
# …and the member after it that completes the phrase:  区人民政府  县级市  市政府
PLACE_KIND_TAIL = regex.compile(rf"^{_PLACE_KIND}{_PLACE_GLOSS}(?:人民政府|政府|党委|管委会)?$")
# A name that opens with a place and its level:  崂山区政府  济南高新区管委会
PLACE_AND_LEVEL = regex.compile(r"^\p{Han}{2,5}?(?:省|市|区|县|州|盟|旗)(?=\p{Han})")
# A place named with a district-or-lower level, at the start of a name:  越秀区  岚城乡人民政府
#   北厝镇人民政府  (not 住房城乡建设局, 乡村振兴局: the level opens another word)
PLACE_AT_START = regex.compile(r"^(?P<place>(?P<stem>\p{Han}{2,4}?)(?:街道|区|县|乡|镇))(?!村|镇|域|级|街|县|区|市|建)")
# Stems that are no place name: kinds of zone and agency words (经济开发区, 高新区, 各片区).
NOT_PLACE_STEM = regex.compile(
    r"^(?:各|有关|相关|全|本|该|所|其|辖|[省市区县州])|开发|高新|经济|保税|示范|试验|实验|工业|产业|园|风景|"
    r"管理|自贸|综合|片|社|住房|市场|城市|农村"
)
# Names of enterprises (never given a carried prefix) end in a word of data/enterprise_heads.txt.
ENTERPRISE = regex.compile("(?:" + "|".join(map(regex.escape, lexicon.word_list("enterprise_heads.txt"))) + ")$")
# Parentheticals that are never owner lists.
NOT_OWNERS = regex.compile(r"[《》。“”\"]|^(?:以下简称|以下称|下称|简称|含|包括|即|如|注|详见|见|试行|暂行)|\d{4}|号$")

# --- Layout -----------------------------------------------------------------------------

# A paragraph that assigns owners (used to find where the last item's text ends):
#   …（市公安局负责）   …（责任单位：市农委、市工商局）
OWNERS_HINT = regex.compile(r"（[^（）\n]{0,300}?(?:负责|牵头|配合|参与|协助|单位：|部门：)[^（）\n]{0,300}）")
# Lines of a signature block at the end of a notice besides the date:
#   市打击侵权假冒领导小组办公室   （此件公开发布）   抄送：…
SIGNATURE_NOTE = regex.compile(
    r"^（此件[^）]{0,12}）$|^(?:抄送|印发|附件)[：:]|^（联系人[：:].{0,80}）$|"
    r"^.{0,40}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"
)
