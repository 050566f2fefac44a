"""Traditional characters: matched through a simplified view, kept in the output.

A notice written in traditional characters (Big5 pages, Hong Kong and Taiwan copies) is
parsed on a *view* of its normalized text in which every traditional character is
replaced by its simplified form, one character for one, so offsets are shared. Patterns
and lexicons are written once, in simplified characters; every string the Document
carries is cut from, or mapped back to, the text as written.
"""

from __future__ import annotations

from functools import lru_cache

from ..core import lexicon


def simplified_view(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, same length (the
    text itself, not a copy, when it has none: almost every notice).

    >>> simplified_view("市公安局、市場監督管理局按職責分工分別負責")
    '市公安局、市场监督管理局按职责分工分别负责'
    """
    return lexicon.traditional_map().apply(text)


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character of the traditional table.

    >>> has_traditional("市场监管局"), has_traditional("市場監管局"), has_traditional("於")
    (False, True, True)
    """
    return lexicon.traditional_map().contains_any(text)


@lru_cache(maxsize=16)
def _char_map(view: str, original: str) -> dict[str, str]:
    """View character → its writing in ``original``, a changed writing winning over the same
    character. Cached: every owner name of a notice is restored against the same pair, and a
    string's hash is kept by the string, so a hit costs no second pass over the text."""
    back: dict[str, str] = {}
    for v, o in zip(view, original):
        if v != o or v not in back:
            back[v] = o
    return back


def restore(value: str, view: str, original: str, *, wider: tuple[str, str] | None = None) -> str:
    """Write ``value`` (read from ``view``) in the characters of ``original``.

    A substring of the view maps to the same offsets of the original; a string built from
    pieces (a carried prefix, a shared suffix) maps character by character. ``wider`` is a
    larger (view, original) pair searched when ``value`` is not in ``view``: a name an alias
    stands for was written where the alias was defined, not in the parenthetical using it.

    >>> restore("市市场监督管理局", "市公安局、市场监督管理局", "市公安局、市場監督管理局")
    '市市場監督管理局'
    >>> restore("市场监督管理局", "市监局", "市監局", wider=("市场监督管理局（市监局）", "市場監督管理局（市監局）"))
    '市場監督管理局'
    """
    if not value or (view == original and (wider is None or wider[0] == wider[1])):
        return value
    for seen, written in (view, original), wider or ("", ""):
        at = seen.find(value)
        if at >= 0:
            return written[at : at + len(value)]
    # Character by character, learnt from the wider text when there is one (a name built
    # from pieces may hold characters its own parenthetical does not: 市直各部門).
    back = _char_map(*(wider or (view, original)))
    return "".join(back.get(ch, ch) for ch in value)
