"""Which owners are the same body across documents: the key the agency index and the per-agency
sheets group by, and the name they show.

A body is its jurisdiction and its canonical name without the prefix that jurisdiction stands
for: 市公安局 and 公安局 in a 中卫市 notice, and 中卫市公安局 anywhere, are (中卫市, 公安局),
shown "中卫市 公安局"; 市公安局 in a 济南市 notice is another body. 市发改委 and 市发展改革委 meet
in their canonical name. An owner whose place is unknown stays apart per notice place (per
文号, title or document when that is unknown too): 区政府 in a 广州市 notice is not 区政府 in a
北京市 one. On request, a body renamed by a reform joins its successor (市工商局 → 中卫市
市场监督管理局).

>>> group_of("市公安局", "市公安局", "中卫市", "中卫市").label
'中卫市 公安局'
>>> bare = group_of("公安局", "公安局", "中卫市", "中卫市")
>>> bare == group_of("市公安局", "市公安局", "中卫市", "中卫市")
True
>>> group_of("区政府", "区人民政府", None, "广州市").label
'区人民政府（广州市）'
>>> group_of("市工商局", "市工商行政管理局", "中卫市", "中卫市", merge_successors=True).label
'中卫市 市场监督管理局'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.gazetteer import find_place
from ..values.agency_names import successor
from ..values.places import administrative_prefix

__all__ = ["AgencyGroup", "group_of", "notice_context"]


@dataclass(frozen=True, order=True)
class AgencyGroup:
    """One body: its jurisdiction (or, when unknown, where it was named) and its name there."""

    jurisdiction: str | None
    body: str
    context: str | None = None  # the notice's place or the document, for a body of unknown place

    @property
    def label(self) -> str:
        """中卫市 公安局; 中卫市委 网络安全和信息化委员会办公室; 财政部; 区政府（广州市）."""
        if self.jurisdiction is None:
            return f"{self.body}（{self.context}）" if self.context else self.body
        if self.body.startswith("委"):  # 市委网信办: the party committee of the place
            return f"{self.jurisdiction}委 {self.body[1:]}"
        return f"{self.jurisdiction} {self.body}"


def notice_context(place: str | None, doc_number: str | None, title: str | None, document: str) -> str:
    """Where an owner was named, for one of unknown place: the notice's place, else its 文号,
    else its title, else the document. Copies of one notice in an archive share it."""
    return place or doc_number or title or document


def group_of(
    name: str,
    canonical: str | None,
    jurisdiction: str | None,
    notice: str,
    *,
    merge_successors: bool = False,
) -> AgencyGroup:
    """The body an owner stands for (``canonical`` and ``jurisdiction`` as in AgencyRole;
    ``notice`` is ``notice_context`` of the notice that names it)."""
    full = canonical or name
    if merge_successors:
        full = successor(full)
    if jurisdiction is not None:
        return AgencyGroup(jurisdiction, _without_place(full, jurisdiction))
    if administrative_prefix(full):  # 区政府 in a city's notice: which district is not said
        return AgencyGroup(None, full, notice)
    return AgencyGroup(None, full)


def _without_place(name: str, jurisdiction: str) -> str:
    """``name`` without the prefix or place that ``jurisdiction`` replaces: 市公安局 → 公安局,
    中卫市公安局 → 公安局, 大连海关 → 海关 (in 大连市); a name that is nothing else is kept."""
    place = find_place(jurisdiction)
    forms = {jurisdiction, *(place.forms if place is not None else ())}
    for form in sorted(forms, key=len, reverse=True):
        if name.startswith(form) and len(name) > len(form):
            return name[len(form) :]
    prefix = administrative_prefix(name)
    return name[len(prefix) :] if prefix and len(name) > len(prefix) else name
