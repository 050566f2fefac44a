"""The owner grammar's patterns and word tables: the inside of a responsibility parenthetical.

Labels and role words are generated from the one role-word table (``core.roles``); the
rest are the owner-list patterns, each with a real example above it.
"""

from __future__ import annotations

import regex

from ..core import roles
from ..core.lexicon import word_list
from ..normalize.rules import CLOSE_BRACKET, OPEN_BRACKET

__all__ = [
    "ALIAS_GLOSS",
    "ALIAS_IN_LIST",
    "ALIAS_LEAD_WORD",
    "ALIAS_TARGET",
    "BARE_HEAD",
    "CLOSE_BRACKET",
    "COLLECTIVE",
    "COUNTED_REST",
    "ENTERPRISE",
    "GENERIC_OWNER",
    "INNER_LABEL",
    "MEMBER_ROLE",
    "NESTED_CLOSE",
    "NESTED_OPEN",
    "NOT_OWNERS",
    "NOT_PLACE_STEM",
    "OPEN_BRACKET",
    "OWNERS_LOOK",
    "OWNER_CONJUNCTION",
    "OWNER_CONVENTION",
    "OWNER_GROUP_SEP",
    "OWNER_LABEL",
    "OWNER_LEAD_IN",
    "OWNER_MEMBER_SEP",
    "OWNER_ROLE",
    "PLACE_AND_LEVEL",
    "PLACE_AT_START",
    "PLACE_COLLECTIVE",
    "PLACE_COUNT",
    "PLACE_GENERIC",
    "PLACE_KINDS_ONLY",
    "PLACE_KIND_TAIL",
    "QUOTED",
    "SAME_BELOW",
    "STANDING_RULE",
    "TIME_GROUP",
    "UNSPECIFIED",
]

# A notice-wide convention stated once:  …，列第一位者为牵头部门，下同
#   (in prose too: 各项任务中列第一位的为牵头单位   排在第一位的部门为牵头部门)
OWNER_CONVENTION = regex.compile(
    #   (after a full stop inside the bracket too: （人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）)
    r"[，；。]?\s*(?:排|列)(?:在)?(?:第一位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:部门|单位)"
    r"(?:[，；]\s*下同)?。?"
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
    "(?r)(?:" + "|".join(map(regex.escape, word_list("alias_lead_words.txt"))) + r")(?=\p{Han}{2})"
)
# A group's label:  牵头单位：省科技厅   配合单位：省发展改革委、省科技厅   责任领导：张三
OWNER_LABEL = regex.compile(
    rf"^(?P<label>{roles.alternation('label')})\s*[：:]?\s*|^(?P<label>{roles.label_phrase()})\s*[：:]\s*"
)
# How a group does its part, between its members and its role word:
#   按职责分工   依职责   按分管领域   根据职能   分工 (省通信管理局分工负责)
_MANNER = r"(?:(?:按照|依照|根据|依据|按|依)(?:各自)?(?:工作职责|职责|职能|部门|分管领域)?(?:分工)?(?:职责)?|分工)"
# A group's role words at its end:  …牵头负责   …按职责分工分别负责   …等按部门分工分别负责   …配合
#   …牵头落实   …依职责办理   …按分管领域负责   …分别牵头
OWNER_ROLE = regex.compile(
    rf"(?P<etc>等)?(?P<manner>{_MANNER})?"
    r"(?P<adverb>分别|共同|具体|各自|主要)?"
    rf"(?P<role>{roles.alternation('verb')})$"
)
# A role written on one member in brackets:  市发展改革委（牵头）、市财政局  (searched from the
# end, where it must be)
MEMBER_ROLE = regex.compile(rf"(?r)（(?P<role>{roles.alternation('member')})）$")
# What makes a parenthetical look like owners even when its members cannot be read: a label,
# or a role word after something that holds an agency head (县市场监管局综合执法科负责).
OWNERS_LOOK = regex.compile(r"局|委|办|厅|政府|部门|单位|中心|公司|集团|科|股|处|所|站|队")
# A group that states a deadline, not owners:  完成时限：2024年12月底   2025年底前完成   持续推进
TIME_GROUP = regex.compile(
    r"^(?:完成时限|完成时间|时间节点|时限要求|时限|进度安排)[：:]|\d{4}\s*年|年底|年内|月底|底前|前完成|分阶段"
    # 11月取得明显成效   6月份取得明显成效   按进度推进   持续优化   长期坚持
    r"|\d{1,2}\s*月份?|[一二三四五六七八九十]{1,2}月份?(?:底|中旬|上旬|下旬|前)|取得\p{Han}{0,4}成效|按(?:计划|进度|时序)"
    r"|^(?:持续|长期|逐步|全年)\p{Han}{2}$"
)
# Nouns that may follow 等 and name owners left unnamed:  X、Y等有关部门   X等部门
GENERIC_OWNER = regex.compile(r"^(?:有关|相关|其他|其它)?(?:部门|单位|机构|成员单位|部门和单位|单位和部门)$")
# An owner label that opens a group in the middle of a list written without separators:
#   牵头单位：市公安局 配合单位：市检察院   (the space is gone after normalization)
# Matched backwards from a colon (reverse, anchored at the end given): trying the label at
# every character of every list cost more than all the rest of reading it.
INNER_LABEL = regex.compile(rf"(?r)(?<=\p{{Han}}\s?)(?:{roles.label_alternation('label')})\s*\Z")
# A count after 等 closes an open list without naming anyone:  市公安局等8个部门
COUNTED_REST = regex.compile(r"^(?:\d+|[一二三四五六七八九十]+)个")
# Words before the list that are not part of it:  由市公安局负责
#   (会同天津市、河北省相关部门协同推进: 会同 opens the partners' group)
OWNER_LEAD_IN = regex.compile(r"^(?:由|请|会同|联合)")
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
#   各场景牵头部门和配合部门 (a role word before the head changes nothing)
BARE_HEAD = regex.compile(
    r"^(?:(?:牵头|配合|责任|协办|参与)?(?:单位|部门)|政府|人民政府|党委|机构|机关|组织|企业|团体|事业单位|直属单位)$"
)
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
# A place's unnamed departments, shared back over a list of places:  天津市、河北省相关部门
PLACE_GENERIC = regex.compile(
    r"^(?P<place>\p{Han}{1,8}?[省市区县州旗盟])(?P<generic>(?:有关|相关)\p{Han}{0,4}?(?:部门|单位))$"
)
# A name that opens with a place and its level:  崂山区政府  济南高新区管委会
PLACE_AND_LEVEL = regex.compile(r"^\p{Han}{2,5}?(?:省|市|区|县|州|盟|旗)(?=\p{Han})")
# A place named with a district-or-lower level, at the start of a name:  越秀区  岚城乡人民政府
#   北厝镇人民政府  (not 住房城乡建设局, 乡村振兴局: the level opens another word)
PLACE_AT_START = regex.compile(r"^(?P<place>(?P<stem>\p{Han}{2,4}?)(?:街道|区|县|乡|镇))(?!村|镇|域|级|街|县|区|市|建)")
# A counted set of districts, counties or towns: an owner on its own that names its own places:
#   16区和北京经济技术开发区  (each of the 16 districts; no list prefix: not 市16区)  十三个区县
PLACE_COUNT = regex.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})个?(?:区|县|区县|县区|县市区|乡镇|镇街|街道)$")
# Stems that are no place name: kinds of zone and agency words (经济开发区, 高新区, 各片区).
NOT_PLACE_STEM = regex.compile(
    r"^(?:各|有关|相关|全|本|该|所|其|辖|[省市区县州])|开发|高新|经济|保税|示范|试验|实验|工业|产业|园|风景|"
    r"管理|自贸|综合|片|社|住房|市场|城市|农村"
)
# Names of enterprises (never given a carried prefix) end in a word of data/enterprise_heads.txt.
ENTERPRISE = regex.compile("(?:" + "|".join(map(regex.escape, word_list("enterprise_heads.txt"))) + ")$")
# Quotes: a quoted phrase is things or slogans （“双随机、一公开”）, unless labels or role words
# make the group owners: （省推进“三地一区”建设领导小组…成员单位按职责分工负责）
QUOTED = regex.compile(r"[“”\"]")
# Parentheticals that are never owner lists.
NOT_OWNERS = regex.compile(
    r"[《》。]|见附件|附件\d*$|^(?:以下简称|以下称|下称|简称|含|包括|即|如|注|详见|见|试行|暂行)|\d{4}|号$"
)
