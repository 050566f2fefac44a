"""The output on every corpus notice is byte-identical to the snapshot in tests/fixtures/outputs.

The snapshots guard against unintended change (a refactoring, a speed-up); they are not gold
(the gold is corpus/*.gold.json, scored by test_corpus.py). A deliberate change of behaviour
regenerates them with ``PYTHONPATH=src python tests/fixtures/regenerate.py`` and commits the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

OUTPUTS = Path(__file__).resolve().parent / "fixtures" / "outputs"
_spec = importlib.util.spec_from_file_location("regenerate", OUTPUTS.parent / "regenerate.py")
assert _spec is not None and _spec.loader is not None
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

NOTICES = sorted(CORPUS.glob("*.txt"))


def test_every_notice_has_a_snapshot() -> None:
    assert {p.stem for p in NOTICES} == {p.stem for p in OUTPUTS.glob("*.json")}


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.name)
def test_output_is_byte_identical(notice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = (OUTPUTS / f"{notice.stem}.json").read_text(encoding="utf-8")
    assert regenerate.snapshot(notice.name) == expected
