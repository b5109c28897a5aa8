"""The weakness models as plain arrays: prediction without importing scikit-learn.

Importing scikit-learn takes about two seconds, more than checking a draft.
When the corpus models are cached, the fitted syllable TF-IDF vocabulary, the
scaler and the calibrated logistic regressions are also written as arrays
(``linear.npz``, no pickle) and a vocabulary list (``linear.json``); this
module rebuilds exactly the same probabilities from them with NumPy and
plain NumPy dot products (neither scikit-learn nor SciPy is imported). ``tests/test_classify_fast.py`` checks that the two
agree to 1e-9 on corpus items.

>>> import numpy as np
>>> _sigmoid_calibrated(np.array([0.0]), a=-2.0, b=0.0)[0]
0.5
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["export_linear", "save_linear", "LinearModels", "FAST_NPZ", "FAST_JSON"]

FAST_NPZ = "linear.npz"
FAST_JSON = "linear.json"
_TOKEN = re.compile(r"(?u)\b\w+\b")


def _sigmoid_calibrated(decision: np.ndarray, a: float, b: float) -> np.ndarray:
    """scikit-learn's sigmoid calibration: 1 / (1 + exp(a·d + b))."""
    return 1.0 / (1.0 + np.exp(a * decision + b))


def export_linear(bundle) -> tuple[dict[str, np.ndarray], dict] | None:
    """Arrays and metadata for the binary models of a syllable-variant bundle, or None."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    if bundle.meta.get("variant", "syllable") != "syllable":
        return None
    tfidf = bundle.features.transformer_list[0][1]
    stats = bundle.features.transformer_list[1][1]
    scaler = stats.named_steps["scale"]
    if tfidf.ngram_range != (1, 3) or not tfidf.sublinear_tf or tfidf.norm != "l2":
        return None
    vocab = sorted(tfidf.vocabulary_.items(), key=lambda kv: kv[1])
    arrays: dict[str, np.ndarray] = {"idf": tfidf.idf_, "mean": scaler.mean_, "scale": scaler.scale_}
    labels: dict[str, list[dict]] = {}
    for label, clf in bundle.binary.items():
        parts = []
        if isinstance(clf, CalibratedClassifierCV):
            if len(clf.classes_) != 2:
                return None
            for k, cc in enumerate(clf.calibrated_classifiers_):
                if len(cc.calibrators) != 1 or not hasattr(cc.calibrators[0], "a_"):
                    return None
                key = f"{label}.{k}"
                arrays[key + ".coef"] = cc.estimator.coef_.ravel()
                arrays[key + ".intercept"] = np.asarray(cc.estimator.intercept_, dtype=float)
                parts.append({"key": key, "a": float(cc.calibrators[0].a_), "b": float(cc.calibrators[0].b_)})
        elif isinstance(clf, LogisticRegression):
            key = f"{label}.0"
            arrays[key + ".coef"] = clf.coef_.ravel()
            arrays[key + ".intercept"] = np.asarray(clf.intercept_, dtype=float)
            parts.append({"key": key, "a": -1.0, "b": 0.0})  # plain logistic: 1 / (1 + exp(-d))
        else:
            return None
        positive = list(clf.classes_).index(1) if 1 in list(clf.classes_) else None
        labels[label] = {"parts": parts, "positive": positive}
    meta = {"vocabulary": [t for t, _ in vocab], "labels": labels, "n_stats": int(scaler.mean_.shape[0])}
    return arrays, meta


def save_linear(bundle, directory: str | Path) -> bool:
    """Write the array form beside a saved bundle; False when the bundle cannot be exported."""
    import io

    from ..fileio import write_atomic

    exported = export_linear(bundle)
    if exported is None:
        return False
    arrays, meta = exported
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    write_atomic(Path(directory) / FAST_NPZ, buf.getvalue())
    write_atomic(Path(directory) / FAST_JSON, json.dumps(meta, ensure_ascii=False))
    return True


class LinearModels:
    """Binary weakness probabilities from the array form (see the module docstring)."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict):
        self.arrays = arrays
        self.meta = meta
        self.index = {t: i for i, t in enumerate(meta["vocabulary"])}
        self.labels = meta["labels"]

    @classmethod
    def load(cls, directory: str | Path) -> "LinearModels | None":
        d = Path(directory)
        if not ((d / FAST_NPZ).is_file() and (d / FAST_JSON).is_file()):
            return None
        with np.load(d / FAST_NPZ, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        meta = json.loads((d / FAST_JSON).read_text(encoding="utf-8"))
        return cls(arrays, meta)

    def has(self, label: str) -> bool:
        return label in self.labels

    def transform(self, texts: Sequence[str]) -> "_Features":
        """The same features as the bundle's FeatureUnion: sparse TF-IDF rows, then scaled stats."""
        from .textfeatures import fold_text, text_stats

        idf = self.arrays["idf"]
        rows = []
        for text in texts:
            toks = _TOKEN.findall(fold_text(text))
            counts: dict[int, int] = {}
            for n in (1, 2, 3):
                for i in range(len(toks) - n + 1):
                    j = self.index.get(" ".join(toks[i:i + n]))
                    if j is not None:
                        counts[j] = counts.get(j, 0) + 1
            js = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
            w = (1.0 + np.log(tf)) * idf[js] if len(js) else tf
            norm = math.sqrt(float(np.dot(w, w))) or 1.0
            rows.append((js, w / norm))
        stats = (text_stats(list(texts)) - self.arrays["mean"]) / self.arrays["scale"]
        return _Features(rows, stats)

    def predict_proba(self, label: str, texts: Sequence[str], X: "_Features | None" = None) -> np.ndarray:
        if not len(texts):
            return np.zeros(0)
        spec = self.labels[label]
        if spec["positive"] is None:
            return np.zeros(len(texts))
        X = self.transform(texts) if X is None else X
        n_vocab = len(self.index)
        probs = []
        for part in spec["parts"]:
            coef = self.arrays[part["key"] + ".coef"]
            intercept = float(self.arrays[part["key"] + ".intercept"][0])
            d = np.array([float(np.dot(v, coef[js])) if len(js) else 0.0 for js, v in X.rows])
            d = d + X.stats @ coef[n_vocab:] + intercept
            p1 = _sigmoid_calibrated(d, part["a"], part["b"])
            probs.append(p1 if spec["positive"] == 1 else 1.0 - p1)
        return np.mean(probs, axis=0)


class _Features:
    """Per text: (vocabulary columns, TF-IDF weights); and the scaled stats matrix."""

    __slots__ = ("rows", "stats")

    def __init__(self, rows: list[tuple[np.ndarray, np.ndarray]], stats: np.ndarray):
        self.rows, self.stats = rows, stats
