"""The result of a check: per-document results and the JSON of output-schema.md.

>>> r = Report(documents=[])
>>> r.to_dict()["summary"]
{'documents': 0, 'errors': 0, 'findings': {'error': 0, 'warning': 0, 'info': 0}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .document import Document
from .findings import Finding, severity_rank

__all__ = ["DocumentResult", "Report", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


@dataclass
class DocumentResult:
    """What was found in one file (or why it could not be read)."""

    path: str
    doc_type: str | None = None
    pair: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: dict | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    #: the analysed document (not serialised); None for errors or cached results
    document: Document | None = None
    #: serialised findings when the document itself is not at hand (cache)
    finding_dicts: list[dict] | None = None

    def findings_as_dicts(self) -> list[dict]:
        if self.finding_dicts is not None and (self.document is None or not self.findings):
            return self.finding_dicts
        assert self.document is not None or not self.findings
        return [f.to_dict(self.document) for f in self.findings] if self.document else []

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "doc_type": self.doc_type,
            "pair": self.pair,
            "stats": self.stats,
            "error": self.error,
            "findings": [] if self.error else self.findings_as_dicts(),
        }

    def worst(self) -> str | None:
        sevs = [d["severity"] for d in self.findings_as_dicts()]
        return max(sevs, key=severity_rank) if sevs else None


@dataclass
class Report:
    """All documents of one run, in the order they were given."""

    documents: list[DocumentResult]
    rules_hash: str = ""

    def summary(self) -> dict:
        counts = {"error": 0, "warning": 0, "info": 0}
        for d in self.documents:
            for f in d.findings_as_dicts() if not d.error else []:
                counts[f["severity"]] += 1
        return {
            "documents": len(self.documents),
            "errors": sum(1 for d in self.documents if d.error),
            "findings": counts,
        }

    def to_dict(self) -> dict:
        return {
            "version": SCHEMA_VERSION,
            "tool": {"name": "reportcheck", "version": __version__, "rules": self.rules_hash},
            "documents": [d.to_dict() for d in self.documents],
            "summary": self.summary(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def __iter__(self):
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, i: int) -> DocumentResult:
        return self.documents[i]

    def max_severity(self) -> str | None:
        worst = [w for d in self.documents if (w := d.worst())]
        return max(worst, key=severity_rank) if worst else None
