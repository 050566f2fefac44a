"""Line patterns: what the normalizer (and the line joiner in particular) recognises a line by.

One named, compiled pattern per entry, each with a real example in the comment above it
(after the widths are unified: brackets are full width, indentation is gone). Later stages
that read the same kinds of line (the lexer's owner lines, the header fields and titles of
``metadata``, the dates of the closing) import them from here: the joiner needs them first,
and a stage never reaches forward.
"""

from __future__ import annotations

import regex

from ..core import roles
from ..core.doc_numbers import DOC_NUMBER_BODY
from ..core.markers import CN_NUMBER

# Brackets: after normalization every round bracket is full width.
OPEN_BRACKET = "（"
CLOSE_BRACKET = "）"

# A line of running text that opens with an owner parenthetical which belongs to the line
# before it (page wrapping put it alone on the next line):
#   （市工商局负责）梳理排查线索…
OWNERS_AT_LINE_START = regex.compile(
    r"^（(?![一二三四五六七八九十\d]+）)[^（）\n]{0,160}?"
    r"(?:负责|牵头|配合|参与|协助|单位[：:]|部门[：:]|局|委|办|厅|政府|海关)）"
)

# Owners on a line of their own, without brackets (任务分工 lists):
#   责任单位：市公安局、市商务局        牵头单位：市发展改革委
OWNER_LINE = regex.compile(rf"^(?:{roles.label_alternation('line')})\s*[：:]\s*\S")

# Header field lines printed by government web sites (metadata tables), kept apart from the
# text around them:  索引号 640502001/2017-66845 文号 生成日期 2017-09-25
FIELD_LINE = regex.compile(
    r"^(?:索\s*引\s*号|文\s*号|发文字号|发布文号|发文机关|发布机构|生成日期|成文日期|发布日期|发文日期|"
    r"公开方式|公开范围|责任部门|主题分类|主题词|联系人|联系电话|电话|传真|邮箱|电子邮箱|地址|邮编|"
    r"抄送|印发|来源|发布时间|时效|有效性|名\s*称|标\s*题)"
)
# Field lines keep their inner spaces (they separate a label from its value). Searched in the
# whole text, so the space after the label must be on its line:  索引号 640502001/2017-66845
FIELD_ROW = regex.compile(r"(?:索引号|发布机构|生成日期|公开方式|主题分类|发文字号|成文日期)[^\n]*[^\S\n]")

# A line that is only a date:  2015年8月31日   二〇一二年四月十二日   2017-09-25
DATE_LINE = regex.compile(
    rf"^（?(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{CN_NUMBER}年{CN_NUMBER}月{CN_NUMBER}日|"
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}})）?$"
)
# A line that is only a document number (perhaps with the signer):  鲁政办字〔2024〕52号 签发人：张三
DOC_NUMBER_LINE = regex.compile(rf"^(?:{DOC_NUMBER_BODY})(?:\s*签发人[：:]\S{{0,12}})?$")
# Any of the header lines above, in one call: what the line joiner keeps apart.
#   索引号：640502001/2017-66845   2017-09-25   驻政办〔2015〕100号
HEADER_LINE = regex.compile("|".join(f"(?:{p.pattern})" for p in (FIELD_LINE, DATE_LINE, DOC_NUMBER_LINE)))

# The notice title:  中卫市人民政府办公室关于印发中卫市2017年…实施方案的通知
#   国务院关于促进综合保税区高水平开放高质量发展的若干意见   (的 + a qualifier + 意见)
#   江西省市场监管局印发《关于有效应对疫情促进经济稳定增长若干举措》的通知   (no 关于)
#   安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室关于印发…的通知
NOTICE_TITLE_WORD = r"的\p{Han}{0,2}?(?:通知|通报|意见|决定|批复|函)"
NOTICE_TITLE = regex.compile(
    rf"^(?P<issuer>[\p{{Han}}（）“”]{{0,40}}?)(?P<title>(?:关于|印发|转发).{{2,150}}{NOTICE_TITLE_WORD})$"
)
# What a plan's title ends in.
_TITLE_WORDS = (
    r"(?:方案|要点|计划|意见|办法|细则|规定|措施|政策|规划|纲要|决定|清单|通知|通报|分工|安排|规则|制度|指引|指南)"
    r"(?:（[^）]{0,20}）)?"
)
# A plan's own title line:  宿迁市2017年互联网领域侵权假冒专项治理工作方案
#   新一代信息技术产业行动计划（2024-2025年）
TITLE_LINE = regex.compile(rf"^[^。，；：！？]{{4,80}}{_TITLE_WORDS}$")
# A title cut short by wrapping ends in one of these, and the second half starts a line:
#   关于印发宿迁市2017年互联网领域 / 侵权假冒专项治理工作方案的通知
TITLE_END_WORD = regex.compile(rf"{_TITLE_WORDS}$")
# A notice title's verb with its object still to come: the title goes on on the next line.
#   深圳市政务服务和数据管理局关于印发 / 《深圳市“数据要素×”赋能…》的通知
TITLE_VERB_END = regex.compile(r"(?:关于|印发|转发)$")

# Sentence-final punctuation: a line that ends in it is not cut by wrapping.
#   加强监管。   （市公安局负责）   各有关单位：
# (Searched from the end, ``(?r)``: it can only match there, and lines are long.)
TERMINAL_PUNCT = regex.compile(r"(?r)(?:[。！？；：!?;:）)…]|[。！？!?][”」』])$")
# A line that ends in a short parenthetical glued to a word, not after a sentence end: in
# hard-wrapped text, a full line ending so was cut inside its sentence.
#   …需经常性与市健康专家委员会办公室（设在市健委） / 沟通公共政策…
# (Not a year or a document number: …行动计划（2021-2023年）, …的通知（皖政办秘〔2021〕82号）.)
GLOSS_END = regex.compile(r"(?r)[^。；！？\s]（[^（）\d〔〕]{1,30}）$")
# A line that ends in an item's marker, its text cut off to the next line by wrapping:
#   …（农业农村部、生态环境部按职责分工负责）（十一） / 推进农业领域协同增效。
MARKER_AT_END = regex.compile(
    r"(?r)(?:（[一二三四五六七八九十]{1,4}）|（\d{1,2}）|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])$"
)
# The rest of a Chinese item number cut by a wrap:  …（农业农村部负责）三 / 十、对落实…
CN_MARKER_START = regex.compile(r"[一二三四五六七八九十]{1,2}[、．.]")
# The second line of a 发文机关标志 printed over two lines:  昆明市官渡区 / 文件
LINE_IS_ONLY = regex.compile(r"^文件$")
# What no paragraph opens with, so a line that does continues the line before:
#   关于印发…工作方案 / 的通知
CONTINUATION_START = regex.compile(r"^[的、，。；：！？）》”]")
# What continues a list or a sentence even after a closing bracket, so a line that opens with
# it continues the line before whatever that line ends in:  …各乡镇（街道） / 、各部门是…
LIST_CONTINUATION_START = regex.compile(r"^[、，]")
# A title's period or status on a line of its own:  （2024—2025年）  （试行）
TITLE_SUBTITLE = regex.compile(r"^（(?![^）]*月)[^（）]{0,20}(?:年|试行|暂行|征求意见稿|修订)[^（）]{0,4}）$")
