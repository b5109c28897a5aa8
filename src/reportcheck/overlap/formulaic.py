"""Formulaic passages, learnt from the drafts themselves.

Every congress document carries lines that repeat across units: the
directive it implements ("Thực hiện Chỉ thị số 35-CT/TW … của Bộ Chính trị
về đại hội đảng bộ các cấp …"), the congress it is submitted to, the closing
formula, stock slogans. When a review report repeats them after its
political report, that is not the overlap a reviewer means. Rather than a
hand list, :class:`FormulaicModel` counts, for every run of ``k`` units
(8 syllables by default), in how many *units* (groups of drafts: by default
the folder a draft sits in, so the political report and the review of one
unit count once) it occurs; runs found in at least ``min_groups`` units and
in at least ``min_share`` of them are formulaic.

>>> from reportcheck.readers import read_text
>>> intro = ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp "
...          "tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng, ")
>>> docs = [read_text(intro + f"đơn vị {name} đã chuẩn bị chu đáo.", path=f"{name}/a.txt")
...         for name in ("an", "binh", "chau", "dong")]
>>> model = FormulaicModel.fit(docs)
>>> model.n_groups, len(model) > 0
(4, True)
>>> mask = model.unit_mask(docs[0])
>>> bool(mask[:10].all()), bool(mask[-5:].any())
(True, False)
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..document import Document
from .units import gram_keys, units

__all__ = ["FormulaicModel", "default_group"]

#: length (units) of the runs the model counts
FORMULAIC_K = 8


def default_group(doc: Document) -> str:
    """The unit a draft belongs to: the folder it sits in."""
    return str(Path(doc.path).parent)


class FormulaicModel:
    """Runs of ``k`` units frequent across the drafts of many units.

    Behaves as a read-only set of run keys (``in``, ``len``, iteration), so
    it can be passed wherever ``formulaic`` is expected.
    """

    def __init__(self, keys: Iterable[int] | np.ndarray = (), *, k: int = FORMULAIC_K,
                 n_groups: int = 0, min_groups: int = 0):
        arr = np.asarray(list(keys) if not isinstance(keys, np.ndarray) else keys, dtype=np.uint64)
        self.array = np.unique(arr)
        self.k = k
        self.n_groups = n_groups
        self.min_groups = min_groups

    # -- set-like ---------------------------------------------------------
    def __contains__(self, key: object) -> bool:
        try:
            key = np.uint64(key)
        except (TypeError, ValueError, OverflowError):
            return False
        i = int(np.searchsorted(self.array, key))
        return i < len(self.array) and self.array[i] == key

    def __len__(self) -> int:
        return len(self.array)

    def __iter__(self):
        return (int(x) for x in self.array)

    def __repr__(self) -> str:
        return f"<FormulaicModel k={self.k} runs={len(self)} from {self.n_groups} units>"

    # -- learning ---------------------------------------------------------
    @classmethod
    def fit(cls, docs: Iterable[Document], *, k: int = FORMULAIC_K, min_share: float = 0.3,
            min_groups: int = 3, group: Callable[[Document], str] | None = None) -> "FormulaicModel":
        """Learn the formulaic runs of a corpus of drafts."""
        group = group or default_group
        per_group: dict[str, list[np.ndarray]] = {}
        for doc in docs:
            u = units(doc)
            h, ok = gram_keys(u.keys, k, u.body)
            per_group.setdefault(group(doc), []).append(h[ok])
        n = len(per_group)
        need = max(min_groups, math.ceil(min_share * n))
        if n == 0 or n < need:
            return cls(k=k, n_groups=n, min_groups=need)
        uniq = [np.unique(np.concatenate(hs)) for hs in per_group.values()]
        keys, counts = np.unique(np.concatenate(uniq), return_counts=True)
        return cls(keys[counts >= need], k=k, n_groups=n, min_groups=need)

    @classmethod
    def from_folder(cls, folder: str | os.PathLike, **kwargs) -> "FormulaicModel":
        """Learn from every readable draft under ``folder`` (unreadable files are skipped)."""
        from .duplicates import load_folder

        return cls.fit(load_folder(folder)[0], **kwargs)

    # -- use ----------------------------------------------------------------
    def unit_mask(self, doc: Document) -> np.ndarray:
        """Boolean mask over :func:`~reportcheck.overlap.units.units` of ``doc``: inside a formulaic run."""
        u = units(doc)
        mask = np.zeros(len(u), dtype=bool)
        if not len(self.array):
            return mask
        h, ok = gram_keys(u.keys, self.k, u.body)
        hit = np.flatnonzero(np.isin(h, self.array) & ok)
        if len(hit):
            diff = np.zeros(len(u) + 1, dtype=np.int32)
            np.add.at(diff, hit, 1)
            np.add.at(diff, hit + self.k, -1)
            mask = np.cumsum(diff[:-1]) > 0
        return mask

    # -- persistence ---------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        data = {"version": 1, "k": self.k, "n_groups": self.n_groups, "min_groups": self.min_groups,
                "keys": [format(int(x), "016x") for x in self.array]}
        Path(path).write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike) -> "FormulaicModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(np.asarray([int(x, 16) for x in data["keys"]], dtype=np.uint64), k=data["k"],
                   n_groups=data.get("n_groups", 0), min_groups=data.get("min_groups", 0))


def formulaic_mask(doc: Document, formulaic) -> np.ndarray:
    """Units of ``doc`` inside a formulaic run; ``formulaic`` is a model or a set of run keys."""
    if formulaic is None:
        return np.zeros(len(units(doc)), dtype=bool)
    if not isinstance(formulaic, FormulaicModel):
        formulaic = FormulaicModel(np.fromiter((int(x) for x in formulaic), dtype=np.uint64),
                                   k=getattr(formulaic, "k", FORMULAIC_K))
    return formulaic.unit_mask(doc)
