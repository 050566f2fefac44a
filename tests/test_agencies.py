from __future__ import annotations

import pytest
from cases import rows

from dashuang_parse.owners.grammar import OwnerContext, read_owners
from dashuang_parse.owners.names import admin_prefix


@pytest.mark.parametrize("case", rows("owners"))
def test_read_owners(case: dict) -> None:
    result = read_owners(case["input"], OwnerContext())
    if case["owners"] is None:
        assert result is None
        return
    assert result is not None
    assert [[a.name, a.role, a.kind] for a in result.owners] == case["owners"]
    assert result.open_list == case.get("open", False)
    assert result.convention == case.get("convention", False)
    assert result.aliases == case.get("aliases", {})
    assert result.leaders == case.get("leaders", [])
    standing = case.get("standing")
    assert result.standing_rule == (None if standing is None else (standing[0], standing[1]))
    assert result.unreadable == case.get("unreadable")


def test_as_written_keeps_the_list_text() -> None:
    result = read_owners("市市场监督管理局、旅游发展委员会负责")
    assert result is not None
    assert [a.as_written for a in result.owners] == ["市市场监督管理局", "旅游发展委员会"]


def test_alias_from_context_resolves() -> None:
    context = OwnerContext(aliases={"领导小组办公室": "市打击侵权假冒工作领导小组办公室"})
    result = read_owners("责任单位：领导小组办公室", context)
    assert result is not None
    owner = result.owners[0]
    assert (owner.name, owner.as_written) == ("市打击侵权假冒工作领导小组办公室", "领导小组办公室")


def test_convention_from_context_applies_to_later_lists() -> None:
    result = read_owners("省人社厅、省财政厅负责", OwnerContext(first_is_lead=True))
    assert result is not None
    assert [a.role for a in result.owners] == ["lead", "participant"]


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("市公安局", "市"),
        ("市场监督管理局", None),
        ("市市场监管局", "市"),
        ("区委宣传部", "区"),
        ("市政府国资委", "市"),
        ("省工业和信息化厅", "省"),
        ("市中区政府", None),
        ("县级市", None),
    ],
)
def test_admin_prefix(name: str, prefix: str | None) -> None:
    assert admin_prefix(name) == prefix
