"""The agency index over the whole corpus: one group per body, no group across places.

A new user's batch of notices from four cities found the 市公安局 sheet mixing the police of
中卫, 驻马店, 大连 and 济南, 市发改委 and 市发展改革委 as two agencies, and 公安局 and 市公安局 of
one 中卫 notice apart (issue 16). Over corpus/ the index must have no group whose owners stand
for different places, and no two groups for the same body.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CORPUS

from dashuang_parse import parse_file
from dashuang_parse.core.models import Document
from dashuang_parse.export.agency_groups import group_of, notice_context
from dashuang_parse.export.agency_index import build_index
from dashuang_parse.values.places import administrative_prefix


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, Document]]:
    notices = sorted(p for p in CORPUS.iterdir() if not p.name.endswith((".gold.json", ".md")))
    return [(Path(p).name, parse_file(p)) for p in notices]


def _owners(corpus: list[tuple[str, Document]], merge: bool = False):  # type: ignore[no-untyped-def]
    for name, doc in corpus:
        for task in doc.iter_tasks():
            for agency in task.agencies:
                meta = doc.metadata
                notice = notice_context(meta.jurisdiction, meta.doc_number, meta.title, name)
                group = group_of(agency.name, agency.canonical, agency.jurisdiction, notice, merge_successors=merge)
                yield name, doc, agency, group


@pytest.mark.parametrize("merge", [False, True], ids=["apart", "merge-successors"])
def test_no_group_mixes_places(corpus: list[tuple[str, Document]], merge: bool) -> None:
    index = build_index(corpus, merge_successors=merge)
    places: dict[str, set[object]] = defaultdict(set)
    for name, doc, agency, group in _owners(corpus, merge):
        assert agency.name in index[group.label].names
        if agency.jurisdiction is not None:
            places[group.label].add(agency.jurisdiction)
        elif administrative_prefix(agency.canonical or agency.name):
            # a local name whose place the notice does not give: one notice
            places[group.label].add(("notice", doc.metadata.jurisdiction or name))
        else:
            places[group.label].add(None)  # national bodies, collectives
    mixed = {label: found for label, found in places.items() if len(found) > 1}
    assert mixed == {}


@pytest.mark.parametrize("merge", [False, True], ids=["apart", "merge-successors"])
def test_no_two_groups_are_one_body(corpus: list[tuple[str, Document]], merge: bool) -> None:
    groups_of_body: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for _, _, agency, group in _owners(corpus, merge):
        if agency.jurisdiction is not None:
            groups_of_body[agency.jurisdiction, agency.canonical or agency.name].add(group.label)
    split = {body: labels for body, labels in groups_of_body.items() if len(labels) > 1}
    assert split == {}
    # and bodies written with and without their prefix or place meet: 公安局 / 市公安局 / 中卫市公安局
    labels = set(build_index(corpus, merge_successors=merge))
    assert not {label for label in labels if " 市" in label and label.replace(" 市", " ", 1) in labels}


def test_the_cases_of_the_issue(corpus: list[tuple[str, Document]]) -> None:
    index = build_index(corpus)
    police = [label for label in index if label.endswith(" 公安局")]
    assert {"中卫市 公安局", "驻马店市 公安局"} <= set(police)  # one group per city
    zhongwei = index["中卫市 公安局"]
    assert {"公安局", "市公安局"} <= zhongwei.names  # 000 names it both ways
    assert set(zhongwei.documents) == {"000_1636da96d756686d.txt"}
    assert "市发改委" in index["包头市 发展和改革委员会"].names  # d019
