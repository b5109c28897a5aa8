"""Score reportcheck on a labelled set (layout: ../shared/eval-format.md).

Document level: precision/recall/F1 per category over (document, category)
pairs. Paragraph level, for listing, numbers, overlap and accountability:
over (document, line) pairs, a finding counting for every line it touches.
Findings below ``min_severity`` (default ``warning``) are not counted: an
``info`` is "worth a look", not a weakness claimed.

>>> s = Score(tp=3, fp=1, fn=0)
>>> round(s.f1, 3)
0.857
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .findings import CATEGORIES, severity_rank
from .pipeline import check_document
from .readers import load

__all__ = ["Score", "Evaluation", "evaluate", "PARAGRAPH_CATEGORIES"]

PARAGRAPH_CATEGORIES = ("listing", "numbers", "overlap", "accountability")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Evaluation:
    document: dict[str, Score] = field(default_factory=dict)
    paragraph: dict[str, Score] = field(default_factory=dict)
    #: per document: predicted and expected categories
    details: list[dict] = field(default_factory=list)
    clean_noise: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"document": {k: v.as_dict() for k, v in self.document.items()},
                "paragraph": {k: v.as_dict() for k, v in self.paragraph.items()},
                "details": self.details,
                "clean_documents": [{"path": p, "findings": n} for p, n in self.clean_noise]}

    def table(self) -> str:
        """A Markdown table of the scores."""
        rows = ["| category | doc P | doc R | doc F1 | support | para P | para R | para F1 |",
                "|---|---|---|---|---|---|---|---|"]
        micro = Score()
        for cat in CATEGORIES:
            d = self.document.get(cat)
            if d is None or (d.support == 0 and d.fp == 0):
                continue
            micro.tp, micro.fp, micro.fn = micro.tp + d.tp, micro.fp + d.fp, micro.fn + d.fn
            p = self.paragraph.get(cat)
            para = f"{p.precision:.2f} | {p.recall:.2f} | {p.f1:.2f}" if p else "– | – | –"
            rows.append(f"| {cat} | {d.precision:.2f} | {d.recall:.2f} | {d.f1:.2f} | {d.support} | {para} |")
        rows.append(f"| **all (micro)** | {micro.precision:.2f} | {micro.recall:.2f} | {micro.f1:.2f} | {micro.support} | | | |")
        if self.clean_noise:
            rows.append("")
            rows.append("Warnings/errors on documents labelled clean: " +
                        ", ".join(f"{p}: {n}" for p, n in self.clean_noise))
        return "\n".join(rows)


def _lines_touched(doc, start: int, end: int) -> set[int]:
    a = doc.line_col(start)[0]
    b = doc.line_col(max(end - 1, start))[0]
    return set(range(a, b + 1))


def evaluate(set_dir: str | Path, *, config: Config | None = None, min_severity: str = "warning",
             formats: tuple[str, ...] = ("txt",)) -> Evaluation:
    """Check every labelled document of ``set_dir`` and score the findings.

    ``formats`` may add ``"docx"``: the Word twin of each .txt is scored at
    document level with the same labels.
    """
    root = Path(set_dir)
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))["documents"]
    config = config or Config()
    ev = Evaluation({c: Score() for c in CATEGORIES if c != "format"},
                    {c: Score() for c in PARAGRAPH_CATEGORIES})
    rank = severity_rank(min_severity)
    for rel, lab in sorted(labels.items()):
        for fmt in formats:
            path = root / rel if fmt == "txt" else (root / rel).with_suffix(".docx")
            if not path.exists():
                continue
            doc = load(path, doc_type=lab.get("doc_type"))
            pair = None
            if lab.get("pair"):
                pp = root / lab["pair"]
                if fmt == "docx" and pp.with_suffix(".docx").exists():
                    pp = pp.with_suffix(".docx")
                pair = load(pp, doc_type="political") if pp.exists() else None
            cfg = config
            if lab.get("level") and config.level is None:
                try:
                    cfg = Config(**{**config.__dict__, "level": lab["level"]})
                except Exception:
                    cfg = config
            result = check_document(doc, config=cfg, pair=pair, shown=str(path))
            found = [f for f in result.findings if severity_rank(f.severity) >= rank]
            predicted = {f.category for f in found}
            expected = set(lab.get("weaknesses", []))
            name = f"{rel}" if fmt == "txt" else f"{rel[:-4]}.docx"
            ev.details.append({"path": name, "expected": sorted(expected), "predicted": sorted(predicted)})
            if not expected:
                ev.clean_noise.append((name, len(found)))
            for cat in ev.document:
                s = ev.document[cat]
                if cat in predicted and cat in expected:
                    s.tp += 1
                elif cat in predicted:
                    s.fp += 1
                elif cat in expected:
                    s.fn += 1
            if fmt != "txt":
                continue
            for cat in PARAGRAPH_CATEGORIES:
                gold = set(lab.get("lines", {}).get(cat, []))
                pred: set[int] = set()
                for f in found:
                    if f.category == cat:
                        pred |= _lines_touched(doc, f.start, f.end)
                s = ev.paragraph[cat]
                s.tp += len(pred & gold)
                s.fp += len(pred - gold)
                s.fn += len(gold - pred)
    return ev
