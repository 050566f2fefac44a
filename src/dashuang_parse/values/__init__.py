"""The values stage: the schema-1.1 values of a notice.

The metadata gets its doc-number parts and the place its issuer governs; from that place and
the notice's year comes a ``NoticeValues``, which the tasks stage asks, as it builds them, for
each task's deadline (from its owner parenthetical or line, else the last clause of its
statement) and each owner's canonical name and jurisdiction (the place its prefix stands for
in this notice). The functions are pure and table-driven: ``places`` (the gazetteer,
``data/divisions.tsv``, and ``data/canonical_names.tsv``) and ``deadlines`` (one named rule
table).

>>> metadata, values = notice_values(Metadata(issuer="驻马店市人民政府办公室", doc_number="驻政办〔2015〕100号"))
>>> metadata.jurisdiction, metadata.doc_number_parts.year
('驻马店市', 2015)
>>> values.owner("市发改委")
('市发展和改革委员会', '驻马店市')
>>> values.deadline("市公安局负责，6月底前完成", "加强监管。").date.isoformat()
'2015-06-30'
"""

from __future__ import annotations

from ..core.gazetteer import Place
from ..core.models import Deadline, DocNumberParts, Metadata
from .deadlines import find_deadline
from .places import canonical, doc_number_parts, jurisdiction, notice_place

__all__ = ["NoticeValues", "notice_values"]


def notice_values(metadata: Metadata) -> tuple[Metadata, NoticeValues]:
    """``metadata`` with its 1.1 values filled in, and the values its tasks will be given."""
    place = notice_place(metadata.issuer, metadata.notice_title or metadata.title, metadata.doc_number)
    parts = doc_number_parts(metadata.doc_number)
    metadata = metadata.model_copy(
        update={
            "doc_number_parts": DocNumberParts(**parts) if parts else None,
            "jurisdiction": place.name if place is not None else None,
        }
    )
    return metadata, NoticeValues(place, _notice_year(metadata))


def _notice_year(metadata: Metadata) -> int | None:
    if metadata.date is not None:
        return metadata.date.year
    if metadata.doc_number_parts is not None:
        return metadata.doc_number_parts.year
    return None


class NoticeValues:
    """Deadlines and owner values against one notice's place and year (``core.valuing.TaskValues``)."""

    def __init__(self, place: Place | None, year: int | None) -> None:
        self.place = place
        self.year = year

    def owner(self, name: str) -> tuple[str | None, str | None]:
        return canonical(name), jurisdiction(name, self.place)

    def deadline(self, responsibility: str, statement: str) -> Deadline | None:
        found = find_deadline(responsibility, self.year) or find_deadline(statement, self.year, last_clause_only=True)
        return Deadline(**found) if found else None
