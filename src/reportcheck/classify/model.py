"""scikit-learn pipelines that label paragraphs by role and by weakness.

Features (:func:`make_features`):

* TF-IDF over syllable n-grams (1–3) of the folded text
  (:func:`reportcheck.normalize.fold`), or, for the ``word`` variant, over
  underthesea word tokens and their bigrams (kept for the ablation in
  docs/models.md; the syllable variant measures as well and is far faster);
* a handful of measured features computed with plain regexes
  (:func:`text_stats`): figures per 100 words, percentages, list markers and
  ``; đã …`` chains, agent mentions (ban chấp hành, bí thư, đồng chí …),
  impersonal subjects ("một số", "có nơi, có lúc"), evaluative predicates,
  vague target verbs, deadlines, length.

Classifier: :class:`~sklearn.linear_model.LogisticRegression` wrapped in
:class:`~sklearn.calibration.CalibratedClassifierCV` (sigmoid for the binary
models, temperature scaling for the role model), so that
``predict_proba`` is a probability. Weaknesses are one binary model per label
(one-vs-rest); the role model is one multinomial model. Everything is
deterministic: fixed ``random_state``, unshuffled calibration folds.

>>> texts = ["Đã tổ chức 12 hội nghị; đã kết nạp 30 đảng viên; đã kiểm tra 5 chi bộ."] * 6 + \\
...         ["Chất lượng sinh hoạt chi bộ có chuyển biến rõ, nhờ cấp ủy sâu sát."] * 6
>>> m = train_bundle(texts, {"listing": [1] * 6 + [0] * 6})
>>> float(m.predict_proba("listing", texts[:1])[0]) > 0.5
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from threadpoolctl import threadpool_limits

from ..normalize import fold
from .textfeatures import MODEL_VERSION, STAT_NAMES, fold_text, text_stats  # noqa: F401 (re-exported)

__all__ = [
    "MODEL_VERSION", "VARIANTS", "text_stats", "STAT_NAMES", "make_features", "make_classifier",
    "ModelBundle", "train_bundle", "fold_text", "word_analyzer",
]


VARIANTS = ("syllable", "word")

RANDOM_STATE = 0

#: inverse regularisation, chosen by 5-fold CV on the corpus (docs/models.md): weakness models
#: gain from C=16 over 4 (unfocused +0.03 F1), the role model loses from it (accuracy −0.02)
BINARY_C = 16.0
ROLE_C = 4.0


def _sklearn_at_least(major: int, minor: int) -> bool:
    import sklearn

    parts = re.findall(r"\d+", sklearn.__version__)[:2]
    return tuple(int(x) for x in parts) >= (major, minor)


#: the role model is calibrated by temperature scaling (scikit-learn ≥ 1.8): one-vs-rest sigmoid
#: calibration of the 12-class model cost 6 points of accuracy and left it badly under-confident
#: (held-out corpus quarter: accuracy 0.899 → 0.955, expected calibration error 0.34 → 0.02)
ROLE_CALIBRATION = "temperature" if _sklearn_at_least(1, 8) else "sigmoid"


# -- word tokens (ablation) ---------------------------------------------------
_WORD_CACHE: dict[str, list[str]] = {}


def word_analyzer(text: str) -> list[str]:
    """underthesea word tokens of the folded text, plus their bigrams."""
    hit = _WORD_CACHE.get(text)
    if hit is not None:
        return hit
    from ..nlp import word_segmenter

    toks = [w.replace(" ", "_") for w in word_segmenter()(fold(text)) if re.search(r"\w", w)]
    out = toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    if len(_WORD_CACHE) < 50_000:
        _WORD_CACHE[text] = out
    return out


# -- pipelines ------------------------------------------------------------------
def make_features(variant: str = "syllable") -> FeatureUnion:
    if variant == "syllable":
        vec = TfidfVectorizer(preprocessor=fold_text, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 3),
                              min_df=2, sublinear_tf=True, dtype=np.float64)
    elif variant == "word":
        vec = TfidfVectorizer(analyzer=word_analyzer, min_df=2, sublinear_tf=True, dtype=np.float64)
    else:
        raise ValueError(f"unknown variant {variant!r}; use one of {VARIANTS}")
    stats = Pipeline([("measure", FunctionTransformer(text_stats)), ("scale", StandardScaler())])
    return FeatureUnion([("tfidf", vec), ("stats", stats)])


def _folds_for(y: np.ndarray) -> int:
    _, counts = np.unique(y, return_counts=True)
    return int(min(3, counts.min()))


def make_classifier(calibration_folds: int = 3, C: float = 4.0, method: str = "sigmoid"):
    """Logistic regression, calibrated when every class has ≥ 2 examples."""
    lr = LogisticRegression(C=C, tol=1e-3, max_iter=5000, class_weight="balanced", random_state=RANDOM_STATE)
    return CalibratedClassifierCV(lr, cv=calibration_folds, method=method) if calibration_folds >= 2 else lr


class ModelBundle:
    """Fitted features shared by one binary model per weakness label and one role model.

    ``predict_proba(label, texts)`` gives P(label) for weakness labels and for
    ``"role:<role>"``; ``role_proba(texts)`` the full role distribution.
    """

    def __init__(self, features: FeatureUnion, binary: dict, role=None, meta: dict | None = None):
        self.features = features
        self.binary = dict(binary)
        self.role = role
        self.meta = dict(meta or {})

    @property
    def labels(self) -> list[str]:
        return sorted(self.binary)

    @property
    def roles(self) -> list[str]:
        return [str(c) for c in self.role.classes_] if self.role is not None else []

    def has(self, label: str) -> bool:
        if label.startswith("role:"):
            return label[5:] in self.roles
        return label in self.binary

    def transform(self, texts: Sequence[str]):
        return self.features.transform(list(texts))

    def predict_proba(self, label: str, texts: Sequence[str], X=None) -> np.ndarray:
        if not len(texts):
            return np.zeros(0)
        X = self.transform(texts) if X is None else X
        if label.startswith("role:"):
            roles = self.roles
            if label[5:] not in roles:
                raise KeyError(label)
            return self.role.predict_proba(X)[:, roles.index(label[5:])]
        clf = self.binary[label]
        classes = list(clf.classes_)
        return clf.predict_proba(X)[:, classes.index(1)] if 1 in classes else np.zeros(X.shape[0])

    def role_proba(self, texts: Sequence[str], X=None) -> tuple[list[str], np.ndarray]:
        if self.role is None:
            raise KeyError("role")
        X = self.transform(texts) if X is None else X
        return self.roles, self.role.predict_proba(X)


def train_bundle(texts: Sequence[str], targets: dict[str, Sequence[int]] | None = None,
                 roles: Sequence[str | None] | None = None, variant: str = "syllable",
                 meta: dict | None = None) -> ModelBundle:
    """Fit the features on ``texts`` and one model per label.

    ``targets[label][i]`` is 1 (text i shows the weakness), 0 (it does not)
    or -1 (unknown: left out of that label's model); ``roles[i]`` is a role
    or None. A label without both classes is skipped.
    """
    with threadpool_limits(1):  # tiny problems: thread start-up costs more than it saves
        return _train_bundle(list(texts), targets, roles, variant, meta)


def _train_bundle(texts, targets, roles, variant, meta) -> ModelBundle:
    features = make_features(variant)
    X = features.fit_transform(texts).tocsr()
    binary = {}
    for label, y in (targets or {}).items():
        y = np.asarray(y, dtype=int)
        keep = np.flatnonzero(y >= 0)
        yk = y[keep]
        if len(set(yk.tolist())) < 2:
            continue
        binary[label] = make_classifier(_folds_for(yk), BINARY_C).fit(X[keep], yk)
    role = None
    if roles is not None:
        keep = np.asarray([i for i, r in enumerate(roles) if r])
        if len(keep):
            yr = np.asarray([roles[i] for i in keep], dtype=str)
            if len(set(yr.tolist())) >= 2:
                role = make_classifier(_folds_for(yr), ROLE_C, ROLE_CALIBRATION).fit(X[keep], yr)
    return ModelBundle(features, binary, role, dict(meta or {}, variant=variant, model_version=MODEL_VERSION))


def cross_validate(texts: Sequence[str], targets: dict[str, Sequence[int]] | None = None,
                   roles: Sequence[str | None] | None = None, variant: str = "syllable",
                   folds: int = 5) -> dict:
    """Out-of-fold predictions: ``{"proba": {label: array}, "role": predicted roles, "role_confidence": their P}``.

    Shuffled :class:`~sklearn.model_selection.KFold` with a fixed seed; the
    features are refitted inside every fold. Texts a label leaves out (-1)
    get NaN for it; a fold whose training part lacks a class predicts 0.
    """
    from sklearn.model_selection import KFold

    texts = list(texts)
    n = len(texts)
    targets = {k: np.asarray(v, dtype=int) for k, v in (targets or {}).items()}
    proba = {k: np.full(n, np.nan) for k in targets}
    role_pred = np.full(n, None, dtype=object)
    role_conf = np.full(n, np.nan)
    k = max(2, min(folds, n))
    for tr, te in KFold(k, shuffle=True, random_state=RANDOM_STATE).split(np.arange(n)):
        sub_roles = [roles[i] for i in tr] if roles is not None else None
        bundle = train_bundle([texts[i] for i in tr], {lab: y[tr] for lab, y in targets.items()}, sub_roles, variant)
        test_texts = [texts[i] for i in te]
        X = bundle.transform(test_texts)
        for lab, y in targets.items():
            p = bundle.predict_proba(lab, test_texts, X) if lab in bundle.binary else np.zeros(len(te))
            proba[lab][te] = np.where(y[te] >= 0, p, np.nan)
        if bundle.role is not None:
            names, pr = bundle.role_proba(test_texts, X)
            role_pred[te] = [names[j] for j in pr.argmax(axis=1)]
            role_conf[te] = pr.max(axis=1)
    return {"proba": proba, "role": role_pred, "role_confidence": role_conf}


def binary_scores(y: Sequence[int], proba: Sequence[float], threshold: float = 0.5) -> dict:
    """Precision, recall, F1 and support of ``proba ≥ threshold`` against ``y`` (−1/NaN ignored)."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(proba, dtype=float)
    keep = (y >= 0) & ~np.isnan(p)
    y, pred = y[keep], p[keep] >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1,
            "support": tp + fn, "n": int(len(y))}
