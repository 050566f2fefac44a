"""The owner grammar's patterns and word tables: the inside of a responsibility parenthetical.

Labels and role words are generated from the one role-word table (``core.roles``); the
rest are the owner-list patterns, each with a real example above it.
"""

from __future__ import annotations

import regex

from ..core import roles
from ..normalize.rules import CLOSE_BRACKET, OPEN_BRACKET

__all__ = [
    "ALIAS_GLOSS",
    "ALIAS_IN_LIST",
    "ALIAS_TARGET",
    "CLOSE_BRACKET",
    "COLLECTIVE",
    "COUNTED_REST",
    "GENERIC_OWNER",
    "INNER_LABEL",
    "MEMBER_ROLE",
    "NOT_OWNERS",
    "OPEN_BRACKET",
    "OWNER_CONJUNCTION",
    "OWNER_CONVENTION",
    "OWNER_GROUP_SEP",
    "OWNER_LABEL",
    "OWNER_LEAD_IN",
    "OWNER_MEMBER_SEP",
    "OWNER_ROLE",
    "PLACE_AND_LEVEL",
    "PLACE_COLLECTIVE",
    "PLACE_KINDS_ONLY",
    "PLACE_KIND_TAIL",
    "SAME_BELOW",
    "TIME_GROUP",
    "UNSPECIFIED",
]

# A notice-wide convention stated once:  …，列第一位者为牵头部门，下同
OWNER_CONVENTION = regex.compile(
    r"[，；]?\s*(?:排|列)(?:在)?(?:第一位|首位|第一)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:部门|单位)"
    r"(?:[，；]\s*下同)?"
)
# "the same below" on its own, after a list:  （…负责，下同）
SAME_BELOW = regex.compile(r"[，；]\s*下同$")
# An alias defined inside a list:  市打击…领导小组办公室，以下简称领导小组办公室
ALIAS_IN_LIST = regex.compile(r"[，；]?\s*(?:以下简称|以下称|下称|简称)[“\"]?(?P<alias>[^”\"，；（）]{2,30})[”\"]?")
# An alias defined in running text:  市打击侵权假冒工作领导小组办公室（以下简称市打假办）
ALIAS_GLOSS = regex.compile(r"^(?:以下简称|以下称|下称|简称)[“\"]?(?P<alias>[^”\"，；（）]{2,30})[”\"]?$")
# The agency name a running-text alias stands for: the words before the bracket.
#   由市打击侵权假冒工作领导小组办公室（以下简称…）  →  市打击侵权假冒工作领导小组办公室
# The name never starts with 由, 将 or 请 (no agency name does): after a comma, "，由市…办公室"
# gives 市…办公室.
ALIAS_TARGET = regex.compile(r"(?:^|[，。；：、“”\n]|由|经|将|和|与|及|请)(?P<name>(?![由将请])[\p{Han}（）]{2,40})$")
# A group's label:  牵头单位：省科技厅   配合单位：省发展改革委、省科技厅   责任单位：市公安局
OWNER_LABEL = regex.compile(rf"^(?P<label>{roles.alternation('label')})\s*[：:]?\s*")
# A group's role words at its end:  …牵头负责   …按职责分工分别负责   …等按部门分工分别负责   …配合
OWNER_ROLE = regex.compile(
    r"(?P<etc>等)?(?P<manner>(?:按|根据|依据)(?:照)?(?:各自)?(?:职责|职能|部门)?(?:分工)?(?:职责)?)?"
    r"(?P<adverb>分别|共同|具体|各自|主要)?"
    rf"(?P<role>{roles.alternation('verb')})$"
)
# A role written on one member in brackets:  市发展改革委（牵头）、市财政局  (searched from the
# end, where it must be)
MEMBER_ROLE = regex.compile(rf"(?r)（(?P<role>{roles.alternation('member')})）$")
# A group that states a deadline, not owners:  完成时限：2024年12月底   2025年底前完成   持续推进
TIME_GROUP = regex.compile(
    r"^(?:完成时限|完成时间|时间节点|时限要求|时限|进度安排)[：:]|\d{4}\s*年|年底|年内|月底|底前|前完成|持续推进|长期坚持|持续开展|长期推进|分阶段"
)
# Nouns that may follow 等 and name owners left unnamed:  X、Y等有关部门   X等部门
GENERIC_OWNER = regex.compile(r"^(?:有关|相关|其他|其它)?(?:部门|单位|机构|成员单位|部门和单位|单位和部门)$")
# An owner label that opens a group in the middle of a list written without separators:
#   牵头单位：市公安局 配合单位：市检察院   (the space is gone after normalization)
INNER_LABEL = regex.compile(rf"(?<=\p{{Han}}\s?)(?=(?:{roles.alternation('inner')})\s*[：:])")
# A count after 等 closes an open list without naming anyone:  市公安局等8个部门
COUNTED_REST = regex.compile(r"^(?:\d+|[一二三四五六七八九十]+)个")
# Words before the list that are not part of it:  由市公安局负责
OWNER_LEAD_IN = regex.compile(r"^(?:由|请)")
# Separators inside an owner list (outside nested brackets).
OWNER_GROUP_SEP = "，；\n"
OWNER_MEMBER_SEP = "、"
# Conjunctions that join two owners when the part before them is a whole name:
#   各县区和市公安局   市工业和信息化局及专班成员单位
OWNER_CONJUNCTION = regex.compile(r"以及|会同|和|及|与|同")
# 各… and …成员单位 owners:  各县区  各成员单位  市打击侵权假冒工作领导小组各成员单位
COLLECTIVE = regex.compile(r"^(?:[省市区县](?:直|级)?)?各|成员单位$|^全体")
# A 各… collective made only of kinds of place, complete on its own:  各县区  各区市  各乡镇
PLACE_COLLECTIVE = regex.compile(r"^各(?:省|市|区|县|州|旗|乡|镇|街道|县区|区县|区市|县市区|市县区|乡镇|镇街)+$")
# Unnamed owners:  有关部门  相关单位  市相关行业主管部门  其他成员单位
UNSPECIFIED = regex.compile(r"^(?:[省市区县](?:直|级)?)?(?:有关|相关|其他|其它)|^(?:部门|单位|机构)$")
# A member that names only kinds of place, joined by 、 to the next one:  各县、区人民政府
PLACE_KINDS_ONLY = regex.compile(r"^(?:各|有关|相关)(?:省|市|区|县|县级市|地|州|盟|旗|乡|镇|乡镇|街道)$")
# …and the member after it that completes the phrase:  区人民政府  县级市  市政府
PLACE_KIND_TAIL = regex.compile(
    r"^(?:省|市|区|县|县级市|地|州|盟|旗|乡|镇|乡镇|街道)(?:（[^（）]{1,12}）)?(?:人民政府|政府|党委|管委会)?$"
)
# A name that opens with a place and its level:  崂山区政府  济南高新区管委会
PLACE_AND_LEVEL = regex.compile(r"^\p{Han}{2,5}?(?:省|市|区|县|州|盟|旗)(?=\p{Han})")
# Parentheticals that are never owner lists:  （《通知》）  （以下简称市打假办）  （2017年）
NOT_OWNERS = regex.compile(r"[《》。“”\"]|^(?:以下简称|以下称|下称|简称|含|包括|即|如|注|详见|见|试行|暂行)|\d{4}|号$")
