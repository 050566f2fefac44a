"""The lexer's patterns: brackets, attachment lists and owner-line labels.

Section markers are in ``core.markers`` (readers and the normalizer read them too) and owner
lines in ``normalize.rules`` (the line joiner keeps them apart); the labels come from the one
role-word table, ``core.roles``.
"""

from __future__ import annotations

import re

import regex

from ..core import roles
from ..normalize.rules import OWNER_LINE

__all__ = [
    "ATTACHMENT_ITEM",
    "ATTACHMENT_LABEL_BEFORE",
    "ATTACHMENT_START",
    "ATTACHMENT_TITLE_MAX",
    "BRACKET_PAIRS",
    "INLINE",
    "INLINE_OWNER_LABEL",
    "LINE_LABEL_ANYWHERE",
    "OWNER_LINE",
]

# What the lexer reads inside a line, brackets, and the newline that ends the line. The
# stdlib ``re``, which scans a plain class several times faster than ``regex``.
#   （市公安局负责）   【责任单位：市公安局】   〔2017〕
INLINE = re.compile(r"[（）【】〔〕\n]")
# Closing bracket → its opening bracket, for every kind the lexer balances.
BRACKET_PAIRS = {"）": "（", "】": "【", "〕": "〔"}

# An attachment list after the body:  附件：1.重点任务分工表 / 2.联络员名单   2 . 联络员名单
ATTACHMENT_START = regex.compile(r"^附\s*件\s*\d*\s*[：:]?")
ATTACHMENT_ITEM = regex.compile(r"^\d{1,2}[ \t]?[.．、][ \t]?[^。；]{2,60}$")
# The same list inside a line (a notice saved on one line): the label just before a
# candidate "1." (searched backwards from it), and the most an attachment title runs
# before the next item's number.   …工作能力。附件：1.各部门政策制定重点领域2.阜蒙县…
ATTACHMENT_LABEL_BEFORE = regex.compile(r"(?r)附\s*件\s*[：:]\s*$")
ATTACHMENT_TITLE_MAX = 60

# What every owner-line label ends in:  责任单位：  牵头考核单位：   without one, the lexer need
# not look for owner lines at all. A superset test (OWNER_LINE decides at each line start),
# in the stdlib ``re``: one fast scan instead of trying every label at every character.
LINE_LABEL_ANYWHERE = re.compile(rf"(?:{'|'.join(roles.LABEL_HEADS)})\s*[：:]")
# Owners after the statement on the same line, without brackets:
#   1.加快建设产业园区。责任单位：市发展改革委、市财政局
# The match ends where the list starts. (It opens with the 。 rather than looking behind for
# it, so the search jumps from one 。 to the next instead of trying every character.)
INLINE_OWNER_LABEL = regex.compile(rf"[。；]\s*(?=(?:{roles.alternation('inline')})\s*[：:][^。]+。?$)")
