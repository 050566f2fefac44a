"""A section's own text → its tasks, split at owner parentheticals.

A task is the text from the previous task's end (or the start of the section's body) to a
parenthetical that names owners; a paragraph with several "statement（owners）" pairs gives
several tasks, and the parenthetical may stand before or after the 。.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.models import Diagnostic, Task
from ..core.valuing import NO_VALUES, TaskValues
from ..lex.tokens import Token, TokenKind
from ..normalize.variants import restore
from ..owners import rules
from ..owners.grammar import OwnerContext, OwnerList, read_owners
from ..owners.names import is_agency_name

# Characters a statement does not start with (left over from the previous task).
_LEADING = "。；，、！？ \n"
# What may follow a bare owner list (no role words) for it to close a clause.
_CLAUSE_END = "。；\n"


@dataclass(frozen=True)
class OwnerParen:
    """A parenthetical (or an owner line) that names owners, and what it names."""

    token: Token
    owners: OwnerList

    @property
    def content(self) -> tuple[int, int]:
        """Span of the owner list itself: inside the brackets, or the whole owner line."""
        if self.token.kind is TokenKind.OWNER_LINE:
            return self.token.start, self.token.end
        return self.token.start + 1, self.token.end - 1


def find_owner_parens(
    text: str,
    tokens: list[Token],
    context: OwnerContext,
    diagnostics: list[Diagnostic],
    original: str | None = None,
) -> list[OwnerParen]:
    """The owner parentheticals among ``tokens`` (one span of text, in document order).

    ``text`` is what patterns match (the simplified view); owner names are written back in
    the characters of ``original`` (the text as written) when it is given. Also records in
    ``context`` the aliases and conventions the span defines, so later spans read them:
    call once per span, in document order.
    """
    found: list[OwnerParen] = []
    owner_line_end = -1  # brackets inside an owner line belong to it
    for token in tokens:
        if token.kind is TokenKind.LINE:
            _learn_prose_convention(text, token, context)
            continue
        if token.kind is TokenKind.OWNER_LINE:
            owner_line_end = token.end
        elif token.kind is not TokenKind.PAREN or token.depth != 0 or token.start < owner_line_end:
            continue
        owners = _read_token(text, token, context)
        if owners is None:
            continue
        context.seen_owners = True
        context.learn(owners.aliases, owners.convention)
        diagnostics.extend(_list_diagnostics(owners, text, token))
        if original is not None and original is not text:
            span = slice(token.start, token.end)
            owners = _restore_owners(owners, text[span], original[span], (text, original))
        found.append(OwnerParen(token, owners))
    return found


def _learn_prose_convention(text: str, line: Token, context: OwnerContext) -> None:
    """各项任务中列第一位的为牵头单位 — a convention stated in prose before the first owner
    list applies to the whole notice."""
    if context.seen_owners or context.first_is_lead:
        return
    if rules.OWNER_CONVENTION.search(text, line.start, line.end):
        context.learn({}, first_is_lead=True)


def _list_diagnostics(owners: OwnerList, text: str, token: Token) -> list[Diagnostic]:
    """What an owner list says that is not an owner of its task, or that could not be read."""
    span = (token.start, token.end)
    written = text[token.start : token.end]
    found: list[Diagnostic] = []
    if owners.open_list:
        found.append(
            Diagnostic(
                code="open-agency-list",
                severity="info",
                message=f"owner list ends in 等 and may name only some owners: {written}",
                span=span,
            )
        )
    if owners.standing_rule is not None:
        rule, names = owners.standing_rule
        found.append(
            Diagnostic(
                code="standing-owner-rule",
                severity="info",
                message=f"standing rule for the tasks below, not copied into their owners: {rule} "
                f"(owners: {'、'.join(names)})",
                span=span,
            )
        )
    if owners.unreadable is not None:
        found.append(
            Diagnostic(
                code="unreadable-owners",
                severity="warning",
                message=f"owner list names owners that could not be read: {owners.unreadable}",
                span=span,
            )
        )
    return found


def _restore_owners(owners: OwnerList, view: str, original: str, whole: tuple[str, str]) -> OwnerList:
    restored = [
        agency.model_copy(
            update={
                "name": restore(agency.name, view, original, wider=whole),
                "as_written": restore(agency.as_written, view, original, wider=whole),
            }
        )
        for agency in owners.owners
    ]
    leaders = [restore(leader, view, original) for leader in owners.leaders]
    return replace(owners, owners=restored, leaders=leaders)


def _read_token(text: str, token: Token, context: OwnerContext) -> OwnerList | None:
    """The owners an owner line or a parenthetical names, if it names any."""
    if token.kind is TokenKind.OWNER_LINE:
        return read_owners(text[token.start : token.end], context)
    content = text[token.start + 1 : token.end - 1]
    owners = read_owners(content, context)
    if owners is None:
        _register_gloss_alias(text, token, content, context)
        return None
    if not owners.has_role_words and not _closes_clause(text, token):
        return None  # a bare name list inside a sentence is a gloss, not owners
    if not owners.has_role_words and text[token.start] != rules.OPEN_BRACKET:
        return None  # 【…】 and 〔…〕 hold owners only with a label or role word
    return owners


def _closes_clause(text: str, token: Token) -> bool:
    after = text[token.end : token.end + 1]
    before = text[token.start - 1 : token.start] if token.start else ""
    return not after or after in _CLAUSE_END or (bool(before) and before in "。；")


# Characters before a gloss searched for the name it abbreviates (more than the 40 of a
# name and its lead-in word, so cutting there never makes a name of a longer run).
_ALIAS_REACH = 64


def _register_gloss_alias(text: str, token: Token, content: str, context: OwnerContext) -> None:
    """市打击侵权假冒工作领导小组办公室（以下简称市打假办）defines an alias for later lists."""
    gloss = rules.ALIAS_GLOSS.match(content.strip())
    if gloss is None:
        return
    # Only the last few characters can hold the name (ALIAS_TARGET reads at most 40 and the
    # word before them); looking further back makes a line of glosses quadratic.
    line_start = max(text.rfind("\n", 0, token.start) + 1, token.start - _ALIAS_REACH)
    target = rules.ALIAS_TARGET.search(text[line_start : token.start])
    if target is None:
        return
    name = target.group("name")
    lead_word = rules.ALIAS_LEAD_WORD.search(name)  # 成立市…办公室, …设在市市场监督管理局
    if lead_word and is_agency_name(name[lead_word.end() :]):
        name = name[lead_word.end() :]
    if is_agency_name(name):
        context.learn({gloss.group("alias"): name})


def split_tasks(
    text: str, body_start: int, owner_parens: list[OwnerParen], section_id: str, values: TaskValues = NO_VALUES
) -> tuple[list[Task], list[Diagnostic]]:
    """Cut the tasks of one section's own text at its owner parentheticals.

    >>> from dashuang_parse.lex import tokenize
    >>> text = "加强监管。（市公安局负责）开展抽查（市场监管局牵头）。"
    >>> parens = find_owner_parens(text, tokenize(text)[0], OwnerContext(), [])
    >>> [t.text for t in split_tasks(text, 0, parens, "1")[0]]
    ['加强监管。', '开展抽查']
    """
    tasks: list[Task] = []
    diagnostics: list[Diagnostic] = []
    cursor = body_start
    for paren in owner_parens:
        start = cursor
        while start < paren.token.start and text[start] in _LEADING:
            start += 1
        end = paren.token.start
        while end > start and text[end - 1].isspace():
            end -= 1
        cursor = paren.token.end
        if start >= end:
            diagnostics.append(
                Diagnostic(
                    code="owners-without-statement",
                    severity="warning",
                    message="owner parenthetical with no statement before it",
                    span=(paren.token.start, paren.token.end),
                )
            )
            continue
        content_start, content_end = paren.content
        statement, responsibility = text[start:end], text[content_start:content_end]
        tasks.append(
            Task(
                id=f"{section_id}/{len(tasks) + 1}",
                text=statement,
                responsibility=responsibility,
                agencies=paren.owners.owners,
                leaders=paren.owners.leaders,
                deadline=values.deadline(responsibility, statement),
                span=(start, paren.token.end),
            )
        )
    return tasks, diagnostics
