"""Quality on labelled sets and on real documents nobody here wrote."""

from __future__ import annotations

import pytest

import reportcheck
from reportcheck.evaluate import evaluate


@pytest.mark.parametrize("name", ["drafts", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout15"])
def test_own_labelled_drafts_score_reasonably(name):
    from pathlib import Path

    ev = evaluate(Path(__file__).parent / "data" / name)
    micro_tp = sum(s.tp for s in ev.document.values())
    micro_fp = sum(s.fp for s in ev.document.values())
    micro_fn = sum(s.fn for s in ev.document.values())
    f1 = 2 * micro_tp / (2 * micro_tp + micro_fp + micro_fn)
    assert f1 >= 0.75, ev.table()
    assert all(n <= 1 for _, n in ev.clean_noise), ev.clean_noise


def test_eval_dev_document_level(shared):
    ev = evaluate(shared / "eval-dev")
    for cat, s in ev.document.items():
        if s.support:
            assert s.f1 >= 0.6, (cat, ev.table())
    assert all(n <= 1 for _, n in ev.clean_noise), ev.clean_noise


def test_real_documents_are_other_and_quiet(shared):
    paths = sorted((shared / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "real").glob("*.txt"))
    report = reportcheck.check(paths)
    for d in report:
        assert d.error is None, d.error
        assert d.doc_type == "other", d.path
        assert not d.findings, (d.path, [f.rule for f in d.findings])
