"""Findings: a rule id plus a span of the document, never a loose copy of text.

>>> from reportcheck.readers import read_text
>>> doc = read_text("Dòng một\\nCòn một số hạn chế.")
>>> f = Finding(rule="accountability.impersonal", category="accountability",
...             severity="warning", message="Hạn chế nêu chung chung", start=9, end=28)
>>> f.to_dict(doc)["line"], f.to_dict(doc)["evidence"]
(2, 'Còn một số hạn chế.')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document

__all__ = ["Finding", "Related", "SEVERITIES", "CATEGORIES", "severity_rank"]

SEVERITIES = ("info", "warning", "error")
CATEGORIES = (
    "listing", "numbers", "overlap", "accountability", "working-rules", "causes",
    "targets", "baseline", "unfocused", "imbalance", "structure", "format",
)

EVIDENCE_MAX = 300


def severity_rank(sev: str) -> int:
    return SEVERITIES.index(sev)


@dataclass(slots=True)
class Related:
    """The other side of an overlap: a passage in another document."""

    path: str
    start: int
    end: int
    line: int = 1
    column: int = 1
    text: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Finding:
    """One weakness found in one place of one document."""

    rule: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str | None = None
    source: str = "rule"
    score: float | None = None
    related: Related | None = None
    #: measured values the message was built from (for memos and debugging)
    values: dict = field(default_factory=dict)
    #: the guidance the rule rests on
    basis: str | None = None

    def __post_init__(self) -> None:
        if not self.rule.startswith(self.category + "."):
            raise ValueError(f"rule id {self.rule!r} must start with its category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def evidence(self, doc: Document) -> str:
        text = doc.text[self.start:self.end].strip()
        if len(text) > EVIDENCE_MAX:
            text = text[:EVIDENCE_MAX - 1].rstrip() + "…"
        return text

    def to_dict(self, doc: Document) -> dict:
        """The finding as output-schema.md describes it."""
        line, col = doc.line_col(self.start)
        last = max(self.end - 1, self.start)
        end_line, end_col = doc.line_col(last)
        block = doc.block_at(self.start)
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": line, "column": col,
            "end_line": end_line, "end_column": end_col,
            "start": self.start, "end": self.end,
            "evidence": self.evidence(doc),
            "suggestion": self.suggestion,
            "source": self.source,
            "score": None if self.score is None else round(float(self.score), 4),
            "related": self.related.to_dict() if self.related else None,
            "block": block.index if block is not None else None,
        }
