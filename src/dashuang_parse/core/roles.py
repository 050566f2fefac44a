"""Role words: the ONE table of every word that gives an owner a role, and where it is read.

Owners are labelled (牵头单位：…), marked at a group's end (…牵头负责, …配合) or on one member
(市发展改革委（牵头）). Each word is listed once, in ``data/role_words.tsv``, with its role and
the places it is read in;
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

from functools import cache
from typing import TYPE_CHECKING, Literal, cast

from .lexicon import data_rows

if TYPE_CHECKING:
    from .models import Role

# Where a word is read (the uses column of data/role_words.tsv, which explains each).
Use = Literal["label", "line", "inner", "inline", "verb", "member"]
# What a word gives: an owner's role, or "leader" (a named official: Task.leaders).
RoleWord = Literal["lead", "responsible", "participant", "leader"]


@cache
def table() -> tuple[tuple[str, RoleWord, tuple[Use, ...]], ...]:
    """The role-word table, in file order: (word, role, uses)."""
    rows: list[tuple[str, RoleWord, tuple[Use, ...]]] = []
    for word, role, uses in data_rows("role_words.tsv"):
        rows.append((word, cast("RoleWord", role), cast("tuple[Use, ...]", tuple(uses.split(",")))))
    return tuple(rows)


@cache
def words(use: Use) -> tuple[str, ...]:
    """The words read in ``use``, in table order."""
    return tuple(word for word, _, uses in table() if use in uses)


def alternation(use: Use) -> str:
    """The words read in ``use`` as a regex alternation, longer words first (so that 牵头负责
    is one role word, not 牵头 and a rest)."""
    return "|".join(sorted(words(use), key=len, reverse=True))


# A label the table does not list: a short phrase holding a role word (or 责任/主办/主责) and
# ending in a head that names who:  牵头考核单位：   协同配合部门：   具体落实单位：
# Labels are a small open class; their role comes from the role word inside them.
_LABEL_MARKS = ("责任", "主办", "主责")
LABEL_HEADS = ("单位", "部门")  # what every label ends in


@cache
def label_phrase() -> str:
    """A regex for a label the table does not list (see ``_LABEL_MARKS``), never a plain word:
    it must hold a role word or a label mark, so 成员单位：, 主送单位： are no labels."""
    marks = "|".join(sorted((*words("verb"), *_LABEL_MARKS), key=len, reverse=True))
    heads = "|".join(LABEL_HEADS)
    return rf"\p{{Han}}{{0,4}}?(?:{marks})\p{{Han}}{{0,4}}?(?:{heads})"


def label_alternation(use: Use) -> str:
    """``alternation(use)`` and any label the table does not list (``label_phrase``)."""
    return f"{alternation(use)}|{label_phrase()}"


@cache
def _roles() -> dict[str, RoleWord]:
    return {word: role for word, role, _ in table()}


def role_of(word: str) -> RoleWord:
    """The role a label or role word gives. A label the table does not list takes the role of
    the longest role word inside it (牵头考核单位 → lead); any other word (按职责分工负责…) gives
    responsible.

    >>> role_of("牵头考核单位"), role_of("协同配合部门"), role_of("考核责任单位")
    ('lead', 'participant', 'responsible')
    """
    known = _roles().get(word)
    if known is not None:
        return known
    inside = [verb for verb in words("verb") if verb in word and len(verb) < len(word)]
    if inside and word.endswith(LABEL_HEADS):
        return _roles()[max(inside, key=len)]
    return "responsible"


def line_label(role: Role) -> str:
    """The label an owner line of ``role`` is written with (the first in the table)."""
    return next(word for word, r, uses in table() if r == role and "line" in uses)
