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
>>> detect_doc_type(read_text("BÁO CÁO KIỂM ĐIỂM SỰ LÃNH ĐẠO, CHỈ ĐẠO CỦA CHI ỦY CHI BỘ THÔN "
...                           "KHUỔI NẶM, XÃ PHIÊNG LUÔNG, NHIỆM KỲ 2022 – 2025"))
'review'
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
    blocks = doc.blocks[:max_blocks]
    for i, block in enumerate(blocks):
        content = block.content.strip()
        words = len(content.split())
        if content.endswith((".", "?", "!")) or words > 45 or (words > 20 and not _mostly_upper(content)):
            continue  # a sentence; an upper-case title naming the unit and term may run long
        key = _title_key(content)
        if key == "bao cao" and i + 1 < len(blocks):  # "BÁO CÁO" / "CHÍNH TRỊ CỦA BAN CHẤP HÀNH …"
            key = "bao cao " + _title_key(blocks[i + 1].content)
            content = "BÁO CÁO " + blocks[i + 1].content.strip()
        for pattern, kind in _TITLES:
            if pattern.match(key) and _looks_like_title(content, blocks[i + 1] if i + 1 < len(blocks) else None):
                return kind
    return "other"


def _mostly_upper(content: str) -> bool:
    letters = [c for c in content if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _looks_like_title(content: str, after) -> bool:
    """A title is set apart: upper case, bare, or followed by "của …"/"sự lãnh đạo …"/"(Dự thảo)"."""
    if _mostly_upper(content):
        return True
    if len(content.split()) <= 5:
        return True
    if any(w in _title_key(content) for w in ("su lanh dao", "trinh dai hoi", "cua ban chap hanh", "nhiem ky 20")):
        return True
    if after is not None:
        nxt = _title_key(after.content)
        return nxt.startswith(("cua ", "su lanh dao", "(", "trinh dai hoi", "nhiem ky", "khoa "))
    return False
