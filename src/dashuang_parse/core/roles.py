"""Role words: the ONE table of every word that gives an owner a role, and where it is read.

Owners are labelled (牵头单位：…), marked at a group's end (…牵头负责, …配合) or on one member
(市发展改革委（牵头）). Each word is listed once with its role and the places it is read in;
the patterns of the normalizer, the lexer and the owner grammar, the role maps of the owner
grammar and the labels the task-table reader writes are all generated from this table.

It sits in ``core`` because the readers (``read/task_tables``) need it as well as the stages
after them.

>>> role_of("牵头单位"), role_of("配合"), role_of("按职责分工负责")
('lead', 'participant', 'responsible')
>>> words("inline")
('牵头单位', '牵头部门', '主办单位', '责任单位', '责任部门')
>>> line_label("participant")
'配合单位'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .models import Role

# Where a word is read:
#   label   opens a group inside an owner list:          （牵头单位：省科技厅；配合单位：…）
#   line    opens an owner line of its own:               责任单位：市公安局、市商务局
#   inner   opens a group in a list with no separator:   牵头单位：市公安局 配合单位：市检察院
#   inline  opens owners after the statement on its line: …园区。责任单位：市发展改革委
#   verb    ends a group:                                 …按职责分工分别负责   …配合
#   member  marks one member, in brackets:                市发展改革委（牵头）
Use = Literal["label", "line", "inner", "inline", "verb", "member"]

# word, role, where it is read. The order is the order of each pattern's alternation.
ROLE_WORDS: tuple[tuple[str, Role, tuple[Use, ...]], ...] = (
    ("牵头单位", "lead", ("label", "line", "inner", "inline", "member")),
    ("牵头部门", "lead", ("label", "line", "inner", "inline", "member")),
    ("主办单位", "lead", ("label", "line", "inline")),
    ("主责单位", "lead", ("label",)),
    ("责任单位", "responsible", ("label", "line", "inner", "inline", "member")),
    ("责任部门", "responsible", ("label", "line", "inner", "inline")),
    ("实施单位", "responsible", ("label",)),
    ("落实单位", "responsible", ("label",)),
    ("配合单位", "participant", ("label", "line", "inner", "member")),
    ("配合部门", "participant", ("label", "line", "inner")),
    ("参与单位", "participant", ("label", "line", "inner")),
    ("参加单位", "participant", ("label",)),
    ("协办单位", "participant", ("label", "line", "inner")),
    ("协助单位", "participant", ("label",)),
    ("协同单位", "participant", ("label",)),
    ("负责牵头", "lead", ("verb",)),
    ("牵头负责", "lead", ("verb",)),
    ("牵头落实", "lead", ("verb",)),
    ("牵头", "lead", ("verb", "member")),
    ("负责落实", "responsible", ("verb",)),
    ("负责", "responsible", ("verb",)),
    ("配合", "participant", ("verb", "member")),
    ("参与", "participant", ("verb", "member")),
    ("协助", "participant", ("verb",)),
    ("参加", "participant", ("verb",)),
    ("落实", "responsible", ("verb",)),
    ("为牵头单位", "lead", ("verb",)),
    ("为牵头部门", "lead", ("verb",)),
    ("为责任单位", "responsible", ("verb",)),
    ("为责任部门", "responsible", ("verb",)),
    ("为配合单位", "participant", ("verb",)),
    ("为配合部门", "participant", ("verb",)),
)

_ROLES: dict[str, Role] = {word: role for word, role, _ in ROLE_WORDS}


def words(use: Use) -> tuple[str, ...]:
    """The words read in ``use``, in table order."""
    return tuple(word for word, _, uses in ROLE_WORDS if use in uses)


def alternation(use: Use) -> str:
    """The words read in ``use`` as a regex alternation (they are plain Chinese words)."""
    return "|".join(words(use))


def role_of(word: str) -> Role:
    """The role a label or role word gives; any other word (按职责分工负责…) gives responsible."""
    return _ROLES.get(word, "responsible")


def line_label(role: Role) -> str:
    """The label an owner line of ``role`` is written with (the first in the table)."""
    return next(word for word, r, uses in ROLE_WORDS if r == role and "line" in uses)
