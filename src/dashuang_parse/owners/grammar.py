"""One owner parenthetical → the owners it names, with their roles.

The owner grammar, in one place. It reads the inside of a parenthetical (or an owner line);
``，`` ``；`` and a label in mid-list separate groups, ``、`` and the conjunctions separate
members (EBNF; terminals in capitals are word lists)::

    owners   := [standing] group (GSEP group)* [standing] [convention] [alias]
    GSEP     := "，" | "；" | newline | (before a LABEL "：")
    group    := [LEAD_IN] [LABEL "："] members [tail]
    tail     := ["等"] [MANNER] [ADVERB] SUFFIX             -- the group's role words
    members  := member ("、" member)* ["等" [GENERIC | COUNT]]
    member   := name ["（" MEMBER_ROLE "）"]
              | name CONJ member                         -- only when name is a whole name
              | name "等" GENERIC                        -- X等有关部门 → X, 有关部门
              | PLACE_KINDS ("、" PLACE_KIND)+ [HEAD]    -- 各县、区人民政府: one collective
    name     := [PREFIX] word+ [HEAD] ["（" gloss "）" | "〔" gloss "〕"]
    standing := ("以下"|"下列"|"其余") ["均"] ["需"] members [SUFFIX] "，" "不再列出"
    convention := "列第一位者为牵头部门" ["，下同"]
    alias    := "，以下简称" NAME

    LABEL, SUFFIX, MEMBER_ROLE  one table, data/role_words.tsv (word, role, uses), read by
             core.roles; the patterns are generated in owners.rules
    MANNER   按职责分工 | 依职责 | 按分管领域 | 分工 …     ADVERB  分别 | 共同 | 具体 …
    CONJ     以及 | 会同 | 和 | 及 | 与 | 同               LEAD_IN 由 | 请
    GENERIC  有关部门 | 相关单位 …                        COUNT   8个部门 …

Meaning:

- A group's role is its SUFFIX's when that is lead or participant, else its LABEL's, else
  responsible; a MEMBER_ROLE overrides both for its member. A parenthetical that names a
  lead makes every other owner a participant; a convention makes the first owner the lead.
- A LABEL of role ``leader`` (责任领导, 分管领导, 牵头领导, 责任人) names people: they go
  to ``OwnerList.leaders``, never to the owners.
- CONJ splits only between two whole names, and never when what follows it is a bare head
  (国务院相关部门和单位, 各县（市、区）党委和政府 are one collective each).
- Separators inside （…） and 〔…〕 do not count: 各市〔州〕、县〔市、区、特区〕人民政府 is one owner.
- Members that are not names on their own take the suffix of the last member
  (甲、乙、丙县政府); the PREFIX of the first ordinary member is carried to later members
  without one, never to names with a place of their own or to enterprises (``names``).
- A standing rule is no owner of this task: it is reported (``OwnerList.standing_rule``).
- A group that carries a label or role words but whose members cannot be read is reported
  (``OwnerList.unreadable``), never silently dropped.

What a member name is (its head, kind, prefix and place) is decided in ``names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..core.models import AgencyKind, AgencyRole, Role
from ..core.roles import role_of
from ..core.valuing import NO_VALUES, TaskValues
from . import rules
from .names import (
    admin_prefix,
    has_own_place,
    head_strength,
    is_place_name,
    is_whole_name,
    kind_of,
    shared_suffix,
    suffix_fits,
    takes_no_prefix,
)

# Longest member (characters) an owner list holds; longer pieces are prose.
MAX_MEMBER = 40


def _agency_role(word: str) -> Role:
    """``role_of`` for words that mark agencies (a suffix or member role is never a leader)."""
    role = role_of(word)
    return "responsible" if role == "leader" else role


@dataclass
class OwnerContext:
    """What a notice states once and every later owner list obeys.

    Change it through ``learn``: lists read under one state of the context are remembered
    (a notice repeats its owner lists), and a change starts a new state.
    """

    aliases: dict[str, str] = field(default_factory=dict)  # alias → full name
    first_is_lead: bool = False  # 列第一位者为牵头部门，下同
    seen_owners: bool = False  # an owner list has been read (a convention in prose comes before)
    version: int = 0  # bumped by every change, so remembered readings stay valid
    readings: dict[tuple[str, int], OwnerList | None] = field(default_factory=dict, repr=False)
    # The owners named so far: one frozen model per (name, as written, role, kind), shared.
    agencies: dict[tuple[str, str, Role, AgencyKind], AgencyRole] = field(default_factory=dict, repr=False)
    # The notice's canonical names and jurisdictions, asked once per owner model made.
    values: TaskValues = field(default=NO_VALUES, repr=False)

    def agency(self, name: str, as_written: str, role: Role, kind: AgencyKind) -> AgencyRole:
        """The AgencyRole for these values; a notice names the same owners in list after list."""
        key = (name, as_written, role, kind)
        found = self.agencies.get(key)
        if found is None:
            canonical, jurisdiction = self.values.owner(name)
            found = self.agencies[key] = AgencyRole(
                name=name,
                as_written=as_written,
                role=role,
                kind=kind,
                canonical=canonical,
                jurisdiction=jurisdiction,
            )
        return found

    def learn(self, aliases: dict[str, str], first_is_lead: bool = False) -> None:
        """Add aliases and the 列第一位者为牵头部门 convention, as a list or the text states them."""
        changed = any(self.aliases.get(alias) != name for alias, name in aliases.items())
        changed = changed or (first_is_lead and not self.first_is_lead)
        if changed:
            self.aliases.update(aliases)
            self.first_is_lead = self.first_is_lead or first_is_lead
            self.version += 1


@dataclass(frozen=True)
class OwnerList:
    """The owners one parenthetical names."""

    owners: list[AgencyRole]
    has_role_words: bool  # a label or role word was present (负责, 牵头单位：…)
    open_list: bool  # the list ends in 等
    convention: bool  # the list states 列第一位者为牵头部门
    aliases: dict[str, str]  # aliases this list defines
    leaders: list[str] = field(default_factory=list)  # people: 责任领导：张三、李四
    # A standing rule stated in the list (以下均需各片区配合，不再列出): (rule, its owners).
    standing_rule: tuple[str, list[str]] | None = None
    unreadable: str | None = None  # owner text that carries role words but could not be read


@dataclass(slots=True)
class _Member:
    as_written: str
    group: int
    name: str = ""
    kind: AgencyKind = "agency"
    role: Role | None = None  # a role written on the member itself: 市发展改革委（牵头）


@dataclass(slots=True)
class _Group:
    members: list[_Member]
    role: Role | None  # what the group's label or role words say, if anything


@dataclass(slots=True)
class _Groups:
    """A list split into groups, with what is not owners set aside."""

    groups: list[_Group] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    open_list: bool = False


def read_owners(content: str, context: OwnerContext | None = None) -> OwnerList | None:
    """Read the inside of a parenthetical as an owner list, or return None if it is not one.

    >>> owners = read_owners("市市场监督管理局牵头，旅游发展委员会、公安局按职责分工分别负责")
    >>> [(a.name, a.role) for a in owners.owners]
    [('市市场监督管理局', 'lead'), ('市旅游发展委员会', 'participant'), ('市公安局', 'participant')]
    >>> read_owners("IP地址") is None
    True
    """
    if context is None:
        return _read_owners(content, OwnerContext())
    key = (content, context.version)
    if key not in context.readings:
        context.readings[key] = _read_owners(content, context)
    return context.readings[key]


def _read_owners(content: str, context: OwnerContext) -> OwnerList | None:
    body = content.strip()
    if not body or len(body) > 400:
        return None
    if body.count(rules.OPEN_BRACKET) != body.count(rules.CLOSE_BRACKET):
        return None  # …；责任单位：省商务厅） — the tail of a parenthetical, read with it
    convention = False
    match = rules.OWNER_CONVENTION.search(body)
    if match:
        convention = True
        body = (body[: match.start()] + body[match.end() :]).strip()
    body = rules.SAME_BELOW.sub("", body)
    standing = None
    rule = rules.STANDING_RULE.search(body)
    if rule:
        standing = (rule.group("rule"), _standing_owners(rule.group("who")))
        body = (body[: rule.start()] + body[rule.end() :]).strip("，；、 ")
    aliases: dict[str, str] = {}
    alias_match = rules.ALIAS_IN_LIST.search(body)
    alias = None
    if alias_match:
        alias = alias_match.group("alias")
        body = body[: alias_match.start()].strip()
    if not body:
        if standing is None:
            return None
        return OwnerList([], True, False, convention, {}, standing_rule=standing)
    split = _split_groups(body)
    if split is None:
        return None
    groups = split.groups
    has_role_words = (
        any(group.role is not None or any(m.role for m in group.members) for group in groups)
        or bool(split.leaders)
        or _had_role_words(body)
    )
    members = [member for group in groups for member in group.members]
    unreadable = "、".join(split.unreadable) or None
    if not members or not _plausible(members, has_role_words):
        if not (split.leaders or standing) and not (has_role_words and _looks_like_owners(body)):
            return None
        # Owners are named (a label, role words) but none can be read: say so, drop nothing.
        unreadable = unreadable or ("、".join(m.as_written for m in members) if members else None)
        members, groups = [], []
    elif unreadable and not (has_role_words and _looks_like_owners(body)):
        return None
    _name_members(members, context)
    if alias and members:
        aliases[alias] = members[-1].name
    roles = _assign_roles(groups, context.first_is_lead or convention)
    owners: list[AgencyRole] = []
    seen: set[str] = set()
    for member, role in zip(members, roles):
        if member.name in seen:
            continue
        seen.add(member.name)
        owners.append(context.agency(member.name, member.as_written, role, member.kind))
    return OwnerList(owners, has_role_words, split.open_list, convention, aliases, split.leaders, standing, unreadable)


def _looks_like_owners(body: str) -> bool:
    """Role words after something that holds an agency head: 县市场监管局综合执法科负责."""
    return bool(rules.OWNER_LABEL.match(body)) or rules.OWNERS_LOOK.search(body) is not None


def _standing_owners(who: str) -> list[str]:
    """The owners a standing rule names (各片区, 各地各部门), as written."""
    members, _ = _split_members(who.strip(), 0)
    return [member.as_written for member in members] if members else [who.strip()]


def _names_an_agency(text: str) -> bool:
    return any(head_strength(piece) is not None for piece in _split_top(text, rules.OWNER_MEMBER_SEP))


def _had_role_words(body: str) -> bool:
    return bool(rules.OWNER_LABEL.match(body) or rules.OWNER_ROLE.search(body))


@cache
def _separator_pattern(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")  # stdlib: faster on a plain class


_NESTED_OPEN = re.compile(f"[{re.escape(rules.NESTED_OPEN)}]")


def _split_top(text: str, separators: str) -> list[str]:
    """Split at separators outside nested brackets （…） and 〔…〕."""
    if _NESTED_OPEN.search(text) is None:  # most lists: one split in C
        if len(separators) == 1:
            return [part.strip() for part in text.split(separators)]
        return [part.strip() for part in _separator_pattern(separators).split(text)]
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in rules.NESTED_OPEN:
            depth += 1
        elif ch in rules.NESTED_CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _split_inner_labels(group: str) -> list[str]:
    """牵头单位：市公安局 配合单位：市检察院 → two groups (a label needs its colon)."""
    cuts: list[int] = []
    for colon in (":", "："):
        at = group.find(colon, 1)
        while at > 0:
            label = rules.INNER_LABEL.match(group, 0, at)  # reverse: the label ending at the colon
            if label is not None:
                cuts.append(label.start())
            at = group.find(colon, at + 1)
    if not cuts:
        return [group]
    bounds = [0, *sorted(set(cuts)), len(group)]
    return [group[start:end] for start, end in zip(bounds, bounds[1:])]


def _split_groups(body: str) -> _Groups | None:
    """Groups of a list (None: not an owner list); leaders and unreadable groups set aside."""
    split = _Groups()
    pieces = [part for group in _split_top(body, rules.OWNER_GROUP_SEP) for part in _split_inner_labels(group)]
    for index, raw in enumerate(pieces):
        if not raw or (rules.TIME_GROUP.search(raw) and not _names_an_agency(raw)):
            continue  # 完成时限：2024年底 — a deadline beside the owners
        if rules.NOT_OWNERS.search(raw):
            return None
        role: Role | None = None
        text = rules.OWNER_LEAD_IN.sub("", raw)
        label = rules.OWNER_LABEL.match(text)
        if label:
            labelled = role_of(label.group("label"))
            text = text[label.end() :]
            if labelled == "leader":  # 责任领导：张三、李四 — people, not agencies
                split.leaders.extend(name for name in _split_top(text, rules.OWNER_MEMBER_SEP) if name)
                continue
            role = labelled
        suffix = rules.OWNER_ROLE.search(text)
        if suffix and suffix.start() > 0:
            said = _agency_role(suffix.group("role"))
            # A role word after the names overrides the label before them:
            #   责任单位：区经济发展局牵头 → lead
            if role is None or said in ("lead", "participant"):
                role = said
            split.open_list = split.open_list or bool(suffix.group("etc"))
            text = text[: suffix.start()]
        elif rules.QUOTED.search(raw) and label is None:
            return None  # （“双随机、一公开”）: a quoted phrase with no role words is no owner list
        members, etc = _split_members(text.strip(), index)
        if members is None:
            split.unreadable.append(raw)
            continue
        split.open_list = split.open_list or etc
        split.groups.append(_Group(members, role))
    return split


def _split_members(text: str, group: int) -> tuple[list[_Member] | None, bool]:
    """A group's member list → members; also whether it ended in an open 等."""
    pieces: list[str] = []
    open_list = False
    for piece in _split_top(text, rules.OWNER_MEMBER_SEP):
        if not piece or len(piece) > MAX_MEMBER:
            return None, False
        pieces.extend(_split_conjunctions(piece))
    if pieces and pieces[-1].endswith("等"):
        pieces[-1] = pieces[-1][:-1]
        open_list = True
    expanded: list[str] = []
    for piece in pieces:
        head, sep, tail = piece.partition("等")
        if sep and head and tail and rules.COUNTED_REST.match(tail):
            expanded.append(head)  # 市公安局等8个部门: an open list
            open_list = True
        elif sep and head and tail and (rules.GENERIC_OWNER.match(tail) or head_strength(tail) is not None):
            expanded.extend([head, tail])  # X、Y等有关部门: 有关部门 is an owner too
        else:
            expanded.append(piece)
    merged = _merge_place_kinds(expanded)
    if any(not piece for piece in merged):
        return None, False
    members = []
    for piece in merged:
        marked = rules.MEMBER_ROLE.search(piece)
        if marked and marked.start() > 0:
            role = _agency_role(marked.group("role"))
            members.append(_Member(piece[: marked.start()], group, role=role))
        else:
            members.append(_Member(piece, group))
    return members, open_list


@lru_cache(maxsize=8192)
def _split_conjunctions(piece: str) -> tuple[str, ...]:
    """各县区和市公安局 → 各县区, 市公安局; 市发展和改革委员会 stays whole.

    Cached like the name tests it makes: the same members come back list after list.
    """
    for match in rules.OWNER_CONJUNCTION.finditer(piece):
        left, right = piece[: match.start()], piece[match.end() :]
        if rules.BARE_HEAD.match(right):
            continue  # 国务院相关部门和单位: 和 joins two heads of one name
        if left and right and is_whole_name(left) and is_whole_name(right.split("、")[0]):
            return (left, *_split_conjunctions(right))
    return (piece,)


def _merge_place_kinds(pieces: list[str]) -> list[str]:
    """各县、区人民政府 and 各区、县级市 are one owner: a 各… phrase joining kinds of place."""
    merged: list[str] = []
    for piece in pieces:
        if merged and rules.PLACE_KINDS_ONLY.match(merged[-1]) and rules.PLACE_KIND_TAIL.match(piece):
            merged[-1] = f"{merged[-1]}、{piece}"
        else:
            merged.append(piece)
    return merged


def _plausible(members: list[_Member], has_role_words: bool) -> bool:
    """Whether the members read as owners: every one must, in a bare list."""
    strengths: list[bool | None] = []
    for member in members:
        if kind_of(member.as_written) != "agency":
            strengths.append(True)
        else:
            strengths.append(head_strength(member.as_written))
    if has_role_words:
        return any(strength is not None for strength in strengths)
    # A bare list: every member must be an agency; a weak head (院, 中心) needs a place of
    # its own or an administrative prefix (市科学技术研究院), else it is a list of things.
    return all(
        strength is True or (strength is False and (admin_prefix(m.as_written) or has_own_place(m.as_written)))
        for m, strength in zip(members, strengths)
    )


def _name_members(members: list[_Member], context: OwnerContext) -> None:
    """Full names: aliases resolved, shared suffixes expanded, the list's prefix carried."""
    _share_suffixes(members)
    prefix: str | None = None
    prefix_known = False
    for member in members:
        member.kind = kind_of(member.name or member.as_written)
        written = member.name or member.as_written
        if written in context.aliases:
            member.name = context.aliases[written]
            continue
        member.name = written
        if member.kind != "agency":
            continue
        own = admin_prefix(written)
        if not prefix_known and not takes_no_prefix(written):
            prefix, prefix_known = own, True
            continue
        if own is None and prefix and not takes_no_prefix(written):
            member.name = prefix + written


def _share_suffixes(members: list[_Member]) -> None:
    """甲、乙、丙县政府 → 甲县政府…; 教育、财政、人社部门 → 教育部门…"""
    pending: list[_Member] = []
    for member in members:
        text = member.as_written
        if head_strength(text) is None and kind_of(text) == "agency" and len(text) <= 8:
            pending.append(member)
            continue
        generic = rules.PLACE_GENERIC.match(text)
        if pending and member.group == pending[0].group and generic:
            # 天津市、河北省相关部门: each place's own unnamed departments
            if all(is_place_name(m.as_written) for m in pending):
                for waiting in pending:
                    waiting.name = waiting.as_written + generic.group("generic")
        elif pending and member.group == pending[0].group and kind_of(text) == "agency":
            stems = [m.as_written for m in pending]
            suffix = shared_suffix(text, stems)
            if suffix and suffix_fits(stems, text, suffix):
                for waiting in pending:
                    waiting.name = waiting.as_written + suffix
        pending = []


def _assign_roles(groups: list[_Group], first_is_lead: bool) -> list[Role]:
    """Roles in member order (contract: lead / participant / responsible)."""
    marked = [(member.role or group.role) for group in groups for member in group.members]
    has_lead = "lead" in marked
    roles: list[Role] = []
    for role in marked:
        if has_lead:
            roles.append("lead" if role == "lead" else "participant")
        elif first_is_lead:
            roles.append("lead" if not roles else "participant")
        elif role == "participant":
            roles.append("participant")
        else:
            roles.append("responsible")
    return roles
