"""The array form of the weakness models predicts exactly what the scikit-learn bundle does."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from reportcheck.classify.corpus import load_corpus
from reportcheck.classify.fast import LinearModels, save_linear
from reportcheck.classify.model import train_bundle


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    items = load_corpus()[::6]
    texts = [it.text for it in items]
    targets = {lab: [int(lab in it.weaknesses) for it in items] for lab in ("listing", "numbers", "accountability")}
    bundle = train_bundle(texts, targets, [it.role for it in items])
    d = tmp_path_factory.mktemp("linear")
    assert save_linear(bundle, d)
    return bundle, LinearModels.load(d), [it.text for it in load_corpus()[1::7]][:300]


@pytest.mark.parametrize("label", ["listing", "numbers", "accountability"])
def test_array_form_matches_the_bundle(trained, label):
    bundle, fast, texts = trained
    np.testing.assert_allclose(fast.predict_proba(label, texts), bundle.predict_proba(label, texts), atol=1e-9)


def test_array_form_files_hold_no_pickle(trained, tmp_path):
    bundle, _, _ = trained
    save_linear(bundle, tmp_path)
    with np.load(tmp_path / "linear.npz", allow_pickle=False) as npz:
        assert all(npz[k].dtype != object for k in npz.files)


def test_fast_prediction_does_not_import_sklearn(trained, tmp_path):
    bundle, _, _ = trained
    save_linear(bundle, tmp_path)
    code = ("import sys; from reportcheck.classify.fast import LinearModels;"
            f"m = LinearModels.load({str(tmp_path)!r}); p = m.predict_proba('numbers', ['Có 12 hộ, 30 ha, 5 tỷ đồng.']);"
            "assert 0 <= p[0] <= 1; print('sklearn' in sys.modules or 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
