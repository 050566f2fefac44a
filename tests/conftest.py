"""Shared fixtures: the corpus folder and its parsed notices."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CASES = Path(__file__).resolve().parent / "cases"
SEEDS = sorted(CORPUS.glob("00[0-9]_*.txt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
