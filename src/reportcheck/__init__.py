"""reportcheck: review drafts of Vietnamese Party congress reports.

>>> import reportcheck
>>> doc = reportcheck.load_text("BÁO CÁO KIỂM ĐIỂM\\nI. ƯU ĐIỂM\\nBan Chấp hành lãnh đạo tốt.")
>>> doc.doc_type
'review'
"""

from __future__ import annotations

from ._version import __version__
from .config import Config, load_config
from .document import Block, Document, Sentence, Span, Token
from .errors import ConfigError, ReadError, ReportcheckError, RuleError
from .findings import Finding, Related
from .pipeline import check, check_document
from .readers import load
from .report import DocumentResult, Report

__all__ = [
    "__version__", "load", "load_text", "check", "check_document", "compare", "render_memo",
    "Config", "load_config", "Document", "Block", "Span", "Sentence", "Token", "Finding", "Related",
    "Report", "DocumentResult", "ReadError", "RuleError", "ConfigError", "ReportcheckError",
]


def load_text(text: str, *, path: str = "<string>", doc_type: str | None = None) -> Document:
    """A Document from a string (one paragraph per line), as if read from a .txt file."""
    from .readers.text import read_text

    doc = read_text(text, path=path)
    if doc_type:
        doc.doc_type = doc_type
    return doc


def compare(review, political):
    """Overlap between a review report and its political report (paths or Documents)."""
    from .overlap import compare as _compare

    review = load(review) if not isinstance(review, Document) else review
    political = load(political) if not isinstance(political, Document) else political
    return _compare(review, political)


def render_memo(report, format: str = "md", **options):
    """The reviewer's memo (góp ý) for a report, as Markdown, HTML or .docx bytes."""
    from .render.memo import render_memo as _render_memo

    return _render_memo(report, format=format, **options)
