"""Shared fixtures: where ../shared is, and small drafts written by the tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    env = os.environ.get("REPORTCHECK_SHARED")
    cand = Path(env) if env else ROOT.parent / "shared"
    return cand if cand.is_dir() else None


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never write to the user's real results cache."""
    monkeypatch.setenv("REPORTCHECK_CACHE", str(tmp_path_factory.getbasetemp() / "reportcheck-cache.sqlite"))


@pytest.fixture
def shared() -> Path:
    d = shared_dir()
    if d is None:
        pytest.skip("../shared is not beside the checkout (set REPORTCHECK_SHARED to run this test)")
    return d


@pytest.fixture
def examples() -> Path:
    return ROOT / "examples" / "dang-bo-xa-tan-phu"
