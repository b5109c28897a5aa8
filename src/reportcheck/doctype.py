"""Document type detection: ``political``, ``review`` or ``other``.

The type is read from the title among the opening blocks: a short block
that *starts* with "BÁO CÁO CHÍNH TRỊ" or "BÁO CÁO KIỂM ĐIỂM" (any case,
with or without diacritics, a "DỰ THẢO" stamp allowed before it). A news
article or a resolution that merely mentions a political report is
``other``.

>>> from reportcheck.readers import read_text
>>> detect_doc_type(read_text("ĐẢNG BỘ XÃ AN BÌNH\\nDU THAO\\nBAO CAO KIEM DIEM\\nsự lãnh đạo, chỉ đạo"))
'review'
>>> detect_doc_type(read_text("Hội nghị góp ý báo cáo chính trị của huyện diễn ra sáng nay."))
'other'
"""

from __future__ import annotations

import re

from .document import Document
from .normalize import strip_diacritics

__all__ = ["detect_doc_type", "DOC_TYPES"]

DOC_TYPES = ("political", "review", "other")

_STAMP = re.compile(r"^\(?\s*(du thao|dt)\b[^)]*\)?\s*[:.\-–]?\s*", re.I)
_TITLES = (
    (re.compile(r"^bao cao chinh tri\b"), "political"),
    (re.compile(r"^bao cao kiem diem\b"), "review"),
    (re.compile(r"^kiem diem su lanh dao,? chi dao\b"), "review"),
)


def _title_key(s: str) -> str:
    key = strip_diacritics(s).lower().strip(" *\"'“”")
    key = re.sub(r"\s+", " ", key)
    return _STAMP.sub("", key)


def detect_doc_type(doc: Document, max_blocks: int = 15) -> str:
    """Detect the document type from its title among the first blocks."""
    for block in doc.blocks[:max_blocks]:
        content = block.content
        if len(content.split()) > 20:
            continue
        key = _title_key(content)
        for pattern, kind in _TITLES:
            if pattern.match(key):
                return kind
    return "other"
