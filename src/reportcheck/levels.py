"""The level of the party organisation a draft comes from (sets thresholds).

>>> from reportcheck.readers import read_text
>>> detect_level(read_text("BÁO CÁO CHÍNH TRỊ\\ncủa Chi bộ Trạm Y tế xã An Phú"))
'chi bộ'
>>> detect_level(read_text("ĐẢNG BỘ TỈNH X\\nHUYỆN ỦY Y\\nBÁO CÁO CHÍNH TRỊ\\ncủa Ban Chấp hành Đảng bộ huyện Y"))
'cấp trên cơ sở'
"""

from __future__ import annotations

import re

from .document import Document
from .normalize import fold

__all__ = ["detect_level"]

_PATTERNS = [
    (re.compile(r"\bchi bộ\b(?! và)"), "chi bộ"),
    (re.compile(r"đảng bộ (huyện|quận|thị xã|thành phố thuộc tỉnh)|huyện ủy|quận ủy|thị ủy|đảng bộ khối"), "cấp trên cơ sở"),
    (re.compile(r"đảng bộ (tỉnh|thành phố trực thuộc)|tỉnh ủy|thành ủy"), "tỉnh"),
    (re.compile(r"đảng bộ|đảng ủy"), "cơ sở"),
]


def detect_level(doc: Document) -> str | None:
    """Guess the level from the issuing body in the header and the title lines."""
    head = [b for b in doc.blocks[:12]]
    # the title's "của Ban Chấp hành Đảng bộ …" line names the unit itself
    for b in head:
        t = fold(b.content)
        if t.startswith("của ") or t.startswith("sự lãnh đạo") or "trình đại hội" in t:
            for pat, level in _PATTERNS:
                if pat.search(t):
                    return level
    for b in head[1:3]:  # the issuing body, second header line
        t = fold(b.content)
        for pat, level in _PATTERNS:
            if pat.search(t):
                return level
    return None
