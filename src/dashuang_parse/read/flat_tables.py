"""Flattened tables → task lines: a 任务分工表 whose cells come one after another, each on
lines of its own, as saved web pages and PDF text layers give a table.

Used by the text reader and the PDF reader on their lines before anything joins them.
A table starts at a header run: at least three consecutive short lines that are header
cells (``task_tables.header_role``: 序号, 重点任务, 责任单位…), among them a task and an
owner column; a header cell broken over two lines (责任单位 / （第一位为牵头单位）) is one
cell. The rows follow in one of two layouts:

* **cells** — the header cells are separated by blank lines (a saved web page): each
  blank-separated block is a cell, in column order; a row starts at the block holding the
  next 序号 (n+1).
* **fragments** — no blank lines (a PDF text layer): a cell's text is broken over any
  number of lines, a line may hold the end of one cell and the start of the next
  (``11 月 49 完善…``), and the header is repeated on every page with the row it
  interrupts going on below it. Lines are given to columns by their shape: the next
  序号 starts a row (a number followed by owners is a count column's value, not a 序号);
  dates (2026 / 年 / 11 月, 持续推进) are the deadline; agency lists (pieces ending in
  局/委/办/厅/政府/中心…, 各区…, or the rest of a name left open on the line before) are the
  owners, rejoined without a separator when a name was broken (市公安 / 局、) and with 、
  when a line ended with a whole name; other text is the task. When the table has a
  broad task column beside the specific one (重点任务 + 具体内容), a row's text opening with
  the broad cell's own number (``7.“数据要素×”…``) gives its short leading lines up to a
  sentence end to the broad column. A row without owners or deadline shares those of the
  row above (a merged cell).

The table ends where a complete row (owners and deadline seen) is followed by a line that
does not start the next row and does not continue a row cut by a page break, or at a
numbered title line followed by a header (the next table). Each row is then written as
``task_tables`` writes every table's rows: ``3.加强监管（牵头单位：…；配合单位：…；完成时限：…）``.

>>> lines = ["序号", "", "工作任务", "", "责任单位", "", "1", "", "加强监管", "", "市公安局", "", "2", "",
...          "开展宣传", "", "市委宣传部", "", "附件2"]
>>> flat_table_text("\\n".join(lines)).split("\\n")
['1.加强监管（责任单位：市公安局）', '2.开展宣传（责任单位：市委宣传部）', '附件2']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from ..core.lexicon import agency_heads
from . import task_tables
from .pdf_layout import opens_section
from .task_tables import Cell, Row

# A header cell is short (a title line naming the 任务分工表 is not one); a header run has at
# least this many cells.
_HEADER_CELL_MAX = 12
_HEADER_MIN_CELLS = 3
# No header has more cells than this: reading stops there (a long run of header-like lines
# would otherwise be read again from each of its lines).
_HEADER_MAX_CELLS = 16
# A cell line opening with a bracket continues the header cell above it: 责任单位 / （第一位为牵头单位）.
_BRACKETED = regex.compile(r"^[（(〔【\[].*[）)〕】\]]$")
# A 序号.
_NUMBER = regex.compile(r"^\d{1,3}$")
# A number glued to 年/月/日 by a space (2026 年, 11 月): one fragment.
_DATE_SPACE = regex.compile(r"(\d)\s+(?=[年月日])")
# Shapes of a deadline cell's fragments.
_DEADLINE = regex.compile(
    r"^(?:(?:19|20)\d{2}年?)?(?:[上下]半年|\d{1,2}月(?:\d{1,2}日)?)?(?:底|前|末|中旬|上旬|下旬|份|起|以前|之前)*$"
)
_DEADLINE_WORDS = frozenset(
    "年 月 日 年底 年底前 年内 上半年 下半年 持续推进 长期推进 长期坚持 长期 持续开展 常态化推进 常态化 每年 每季度 "
    "一季度 二季度 三季度 四季度".split()
)
_DIGIT = regex.compile(r"\d")
# A fragment of an owner list continues the list when it is this short (局、 / 作区）/ 和数据局，).
_OWNER_PIECE_MAX = 16
_CONTINUATION_MAX = 10
_SEPARATORS = "、，,；;"
_OPENING = "（(〔【["
_CLOSING = "）)〕】]"
_SENTENCE_END = "。．.；;"
_TEXT_END = "。．.！!？?"
# How an owner list opens when it interrupts task text: with a place or 各.
_PLACE_START = regex.compile(r"^(?:[市省区县各]|\p{Han}{1,3}[市省区县])")
# Pieces with these are phrases or quotations, not names.
_NOT_IN_NAMES = regex.compile(r"[“”\"《》+＋\d]")
_WEAK_HEAD_MAX = 10
# A district or county as an owner: 福田区, 宝安区.
_DISTRICT = regex.compile(r"^\p{Han}{2,4}[区县]$")
# A broad task cell (重点任务) opens with its own number, and is short.
_TOPIC_MARK = regex.compile(r"^\d{1,3}[.．、]")
_TOPIC_LINE_MAX = 10
_TOPIC_MAX = 30
# How far past a complete row the next 序号 may come (the cells of a column after the owners).
_TAIL_FRAGMENTS = 3


def flat_table_text(text: str) -> str:
    """``text`` with each flattened 任务分工表 written a task line a row."""
    return "\n".join(line for _, lines in segments(text.split("\n")) for line in lines)


def segments(lines: list[str]) -> list[tuple[bool, list[str]]]:
    """``lines`` cut into (is a table, lines): text as it was, and each flattened table's
    task lines (which a line joiner must leave as they are)."""
    out: list[tuple[bool, list[str]]] = []
    plain: list[str] = []
    memo: dict[int, str | None] = {}  # line → header role: each line is looked at once
    at = 0
    while at < len(lines):
        header = _header_at(lines, at, memo) if _could_start(lines[at]) else None
        if header is None:
            plain.append(lines[at])
            at += 1
            continue
        table = _Table(header)
        end = table.read(lines, header.end)
        task_lines = table.task_lines()
        if not task_lines:
            plain.append(lines[at])
            at += 1
            continue
        if plain:
            out.append((False, plain))
            plain = []
        out.append((True, task_lines))
        at = end
    if plain:
        out.append((False, plain))
    return out


@dataclass
class _Header:
    cells: list[str]
    roles: list[str]
    end: int  # index of the first line after the header
    blank_separated: bool

    @property
    def key(self) -> list[str]:
        return ["".join(cell.split()) for cell in self.cells]


@cache
def _header_chars() -> frozenset[str]:
    """Characters a header word can start with: a cheap test before the full match."""
    return frozenset(word.lstrip("=")[0] for _, words in task_tables.header_roles() for word in words)


def _could_start(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= _HEADER_CELL_MAX and any(ch in _header_chars() for ch in text)


def opens_header(lines: list[str], at: int) -> bool:
    """Whether a task table's header run starts at ``lines[at]``.

    >>> opens_header(["序号", "重点任务", "责任单位", "完成时限", "1"], 0)
    True
    """
    return _could_start(lines[at]) and _header_at(lines, at) is not None


def _header_at(lines: list[str], at: int, memo: dict[int, str | None] | None = None) -> _Header | None:
    """The header run starting at ``lines[at]``, if one does; ``memo`` keeps the role of
    each line looked at (a run of header-like lines is tried from each of its lines)."""
    cells: list[str] = []
    roles: list[str] = []
    blanks = 0
    end = at
    index = at
    while index < len(lines):
        text = lines[index].strip()
        index += 1
        if not text:
            if cells:
                blanks += 1
            continue
        if cells and _BRACKETED.match(text) and len(text) <= 2 * _HEADER_CELL_MAX:
            cells[-1] += text
            roles[-1] = task_tables.header_role(cells[-1]) or roles[-1]
            end = index
            continue
        if memo is not None and index - 1 in memo:
            role = memo[index - 1]
        else:
            role = task_tables.header_role(text) if _header_cell_shape(text) else None
            if memo is not None:
                memo[index - 1] = role
        if role is None or len(cells) >= _HEADER_MAX_CELLS:
            break
        cells.append(text)
        roles.append(role)
        end = index
    if len(cells) < _HEADER_MIN_CELLS or not task_tables.is_task_header(roles):
        return None
    columns = task_tables.task_columns(dict(enumerate(roles)))
    return _Header(cells, [columns[i] for i in range(len(cells))], end, blanks >= len(cells) - 1)


def _header_cell_shape(text: str) -> bool:
    """A header cell is short and is not a title (（一）重点任务分工表, …任务表)."""
    return len(text) <= _HEADER_CELL_MAX and not text.endswith("表") and not opens_section(text)


@dataclass
class _FlatRow:
    number: str = ""
    text: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    owners: str = ""
    deadline: str = ""
    cells: dict[int, str] = field(default_factory=dict)  # the cells layout: column → text


class _Table:
    def __init__(self, header: _Header) -> None:
        self.header = header
        self.rows: list[_FlatRow] = []
        self.owner_col = next((i for i, r in enumerate(header.roles) if r in task_tables.OWNER_ROLES), None)
        self.has_number = "number" in header.roles
        self.has_deadline = "deadline" in header.roles
        self.has_note = "note" in header.roles
        self.has_topic = "topic" in header.roles

    # --- reading ---------------------------------------------------------------------------

    def read(self, lines: list[str], at: int) -> int:
        """Read rows from ``lines[at]``; return the index of the first line after the table."""
        if self.header.blank_separated:
            return self._read_cells(lines, at)
        return self._read_fragments(lines, at)

    def _expected(self) -> int:
        if not self.rows:
            return 1
        last = self.rows[-1].number
        return int(last) + 1 if last.isdigit() else len(self.rows) + 1

    def _header_repeat(self, lines: list[str], at: int) -> _Header | None:
        if not _could_start(lines[at]):
            return None
        header = _header_at(lines, at)
        return header

    def _read_cells(self, lines: list[str], at: int) -> int:
        """Blank-separated cells, in column order; a row starts at the next 序号."""
        columns = len(self.header.roles)
        number_col = self.header.roles.index("number") if self.has_number else None
        index = at
        while index < len(lines):
            if not lines[index].strip():
                index += 1
                continue
            start = index
            block: list[str] = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index].strip())
                index += 1
            text = "".join(block)
            header = self._header_repeat(lines, start)
            if header is not None:
                if header.key != self.header.key:
                    return start
                index = header.end
                continue
            row = self.rows[-1] if self.rows else None
            if number_col is not None:
                starts = text == str(self._expected())
            else:
                starts = row is None or len(row.cells) >= columns
            if starts:
                row = _FlatRow(number=text if number_col is not None else "")
                if number_col is not None:
                    row.cells[number_col] = text
                self.rows.append(row)
                continue
            if row is None or len(row.cells) >= columns:
                return start  # a complete row, and no next row: the table ended
            col = len(row.cells)
            row.cells[col] = "\n".join(block) if col == self.owner_col else text
        return index

    def _read_fragments(self, lines: list[str], at: int) -> int:
        """Cells broken into fragments, given to columns by their shape."""
        index = at
        spill = False  # a page break came since the row started: its cells may go on
        tail = 0  # fragments read since the row became complete
        row: _FlatRow | None = None
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
                continue
            header = self._header_repeat(lines, index)
            if header is not None:
                if header.key != self.header.key:
                    return index
                index = header.end
                spill = True
                continue
            if opens_section(line) and self._header_after(lines, index + 1):
                return index  # the title of the next table
            fragments = _fragments(line)
            for at_fragment, fragment in enumerate(fragments):
                following = (
                    fragments[at_fragment + 1] if at_fragment + 1 < len(fragments) else _next_text(lines, index + 1)
                )
                if self._starts_row(row, fragment, following):
                    row = _FlatRow(number=fragment)
                    self.rows.append(row)
                    spill, tail = False, 0
                    continue
                if row is None:
                    return index if self.rows else at
                if self._complete(row) and not spill and not self._continues_last(row, fragment):
                    tail += 1
                    if tail > _TAIL_FRAGMENTS or not self._note_after_owners():
                        return index
                    continue
                self._add(row, fragment)
            index += 1
        return index

    def _header_after(self, lines: list[str], at: int) -> bool:
        while at < len(lines) and not lines[at].strip():
            at += 1
        return at < len(lines) and _could_start(lines[at]) and _header_at(lines, at) is not None

    def _starts_row(self, row: _FlatRow | None, fragment: str, following: str | None) -> bool:
        if not self.has_number:
            if row is None:
                return True
            dated = _is_deadline(fragment) or _is_year(fragment)
            return self._complete(row) and not dated and not self._is_owner(row, fragment)
        if not _NUMBER.match(fragment) or int(fragment) != self._expected():
            return False
        if row is None or row.owners or row.deadline:
            return True
        # A number right before owners is a count column's value (场景数量), not a 序号.
        return following is None or not (_owner_like(following) or _is_deadline(following) or _is_year(following))

    def _complete(self, row: _FlatRow) -> bool:
        return (self.owner_col is None or bool(row.owners)) and (not self.has_deadline or bool(row.deadline))

    def _continues_last(self, row: _FlatRow, fragment: str) -> bool:
        """Whether a fragment goes on with the cell a complete row ended on (年 / 11 月 after 2026)."""
        last = next((role for role in reversed(self.header.roles) if role not in ("note", "topic")), None)
        if last == "deadline":
            return _is_deadline(fragment) or _is_year(fragment)
        return last in task_tables.OWNER_ROLES and self._is_owner(row, fragment)

    def _note_after_owners(self) -> bool:
        roles = self.header.roles
        last_closing = max(i for i, role in enumerate(roles) if role in task_tables.OWNER_ROLES or role == "deadline")
        return any(role in ("note", "topic") for role in roles[last_closing + 1 :])

    def _add(self, row: _FlatRow, fragment: str) -> None:
        if self.has_deadline and (_is_deadline(fragment) or _is_year(fragment)):
            row.deadline += "".join(fragment.split())
            return
        if self._is_owner(row, fragment):
            row.owners = _join_owner(row.owners, _cell_end(fragment))
            return
        if _NUMBER.match(fragment) and self.has_note:
            return  # a count (场景数量)
        if self.has_topic and not row.text and (row.topic or _TOPIC_MARK.match(fragment)) and not row.owners:
            topic = _TOPIC_MARK.sub("", "".join(row.topic))
            if (
                not (topic and topic[-1] in _SENTENCE_END)
                and len(fragment) <= _TOPIC_LINE_MAX
                and len(topic) + len(fragment) <= _TOPIC_MAX
            ):
                row.topic.append(fragment)
                return
        row.text.append(fragment)

    def _is_owner(self, row: _FlatRow, fragment: str) -> bool:
        if self.owner_col is None or "。" in _cell_end(fragment):
            return False
        if row.owners:
            if fragment[0] in _SEPARATORS + _CLOSING + _OPENING and len(fragment) <= _OWNER_PIECE_MAX:
                return True
            if all(ch in _SEPARATORS for ch in fragment):
                return True
            if _open(row.owners):
                if len(fragment) <= _CONTINUATION_MAX and "。" not in fragment:
                    return True
                # A list left mid-name or after a separator goes on with the cell's next
                # line, however long: 市交通运输局、市规划和自 / 然资源局、市政务和数据
                if _owner_like(_last_piece(row.owners) + fragment):
                    return True
        if not _owner_like(fragment):
            return False
        # Owners follow the task text, which ends a sentence; elsewhere only a list that
        # opens with a place (市科技创新局, 各区…) is taken for owners (the text went on
        # past a page break), not a phrase that ends like a name (产业布局).
        text = "".join(row.text).rstrip()
        return (bool(text) and text[-1] in _TEXT_END) or bool(_PLACE_START.match(fragment))

    # --- writing ---------------------------------------------------------------------------

    def task_lines(self) -> list[str]:
        roles = self.header.roles
        header = Row([Cell([text], col) for col, text in enumerate(self.header.cells)])
        rows = [header]
        above: _FlatRow | None = None
        for flat in self.rows:
            if self.header.blank_separated:
                rows.append(Row([Cell(_cell_lines(roles[col], text), col) for col, text in sorted(flat.cells.items())]))
                continue
            if above is not None and not flat.owners and not flat.deadline:
                flat.owners, flat.deadline = above.owners, above.deadline  # a merged cell
            above = flat
            rows.append(self._row(flat))
        table_roles = dict(enumerate(roles))
        return task_tables.rows_lines(rows, table_roles) if len(rows) > 1 else []

    def _row(self, flat: _FlatRow) -> Row:
        values = {
            "number": flat.number,
            "task": "".join(flat.text),
            "topic": "".join(flat.topic),
            "deadline": flat.deadline,
        }
        cells = []
        for col, role in enumerate(self.header.roles):
            if role in task_tables.OWNER_ROLES:
                cells.append(Cell(task_tables.split_owners(flat.owners) if col == self.owner_col else [], col))
            else:
                cells.append(Cell([values.get(role, "")], col))
        return Row(cells)


def _cell_lines(role: str, text: str) -> list[str]:
    if role in task_tables.OWNER_ROLES:
        return [name for line in text.split("\n") for name in task_tables.split_owners(line)]
    return [text]


def _fragments(line: str) -> list[str]:
    """A line's fragments: split at spaces only when a piece is a number (a cell ending or
    starting there: ``11 月 49 完善…``, ``体系。 15``); otherwise the whole line."""
    text = _DATE_SPACE.sub(lambda m: m.group(1) or "", line.strip())
    pieces = text.split()
    if len(pieces) > 1 and any(_NUMBER.match(piece) or _is_deadline(piece) for piece in pieces):
        return pieces
    return [text]


def _next_text(lines: list[str], at: int) -> str | None:
    while at < len(lines):
        if lines[at].strip():
            return _fragments(lines[at])[0]
        at += 1
    return None


def _is_deadline(fragment: str) -> bool:
    """2026 / 年 / 11月 / 2025年底前 / 持续推进: a deadline cell or a piece of one."""
    text = "".join(fragment.split())
    return text in _DEADLINE_WORDS or (
        bool(_DIGIT.search(text)) and bool(_DEADLINE.match(text)) and not _NUMBER.match(text)
    )


def _is_year(fragment: str) -> bool:
    return fragment.isdigit() and len(fragment) == 4 and fragment[:2] in ("19", "20")


def _is_whole(name: str) -> bool:
    """Whether ``name`` ends like an agency name (a strong head: 局, 委, 办…; a weak one such
    as 中心 only in a short name) or is a collective (各区)."""
    name = name.strip()
    while name.endswith(tuple(_CLOSING)) and any(ch in name for ch in _OPENING):
        name = name[: max(name.rfind(ch) for ch in _OPENING)]
    if _NOT_IN_NAMES.search(name):
        return False
    if (name.startswith("各") and len(name) >= 2) or _DISTRICT.match(name):
        return True
    head = next((head for head in agency_heads() if name.endswith(head)), None)
    return head is not None and len(name) > len(head) and (agency_heads()[head] or len(name) <= _WEAK_HEAD_MAX)


def _last_piece(owners: str) -> str:
    """The name an owner list ends with, or the start of it: 市政务和数据局、市商务 → 市商务."""
    cut = max(owners.rfind(ch) for ch in _SEPARATORS)
    return owners[cut + 1 :]


def _cell_end(fragment: str) -> str:
    """A fragment without the full stop some writers end an owner cell with:
    合作区）、各部门。"""
    return fragment.rstrip("。")


def _owner_like(fragment: str) -> bool:
    """Whether a fragment reads as (part of) an agency list: its pieces are names, but
    the first may end a name and the last begin one."""
    fragment = _cell_end(fragment)
    if not fragment or "。" in fragment or "：" in fragment:
        return False
    pieces = [piece for piece in task_tables.split_owners(fragment.strip(_SEPARATORS))]
    if not pieces or any(len(piece) > _OWNER_PIECE_MAX for piece in pieces):
        return False
    whole = [_is_whole(piece) for piece in pieces]
    inner = whole[1:-1]
    return any(whole) and all(inner) and (whole[0] or len(pieces) > 1 or whole[-1])


def _open(owners: str) -> bool:
    """Whether an owner list stops mid-name: after a separator, inside brackets, or on a
    piece that is not a whole name (市公安)."""
    text = owners.strip()
    if not text or text[-1] in _SEPARATORS:
        return True
    if sum(text.count(ch) for ch in _OPENING) > sum(text.count(ch) for ch in _CLOSING):
        return True
    pieces = task_tables.split_owners(text)
    return not pieces or not _is_whole(pieces[-1])


def _join_owner(owners: str, fragment: str) -> str:
    """Add a fragment to an owner list: glued when the list stops mid-name, after 、 when
    it ends with a whole name and the fragment starts another."""
    if owners and not _open(owners) and fragment[0] not in _SEPARATORS + _CLOSING + _OPENING:
        return owners + "、" + fragment
    return owners + fragment
