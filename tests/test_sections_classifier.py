"""The role classifier labels paragraphs that no heading covers (the sections seam)."""

from __future__ import annotations

import reportcheck
from reportcheck.config import Config

NO_HEADINGS = (
    "BÁO CÁO KIỂM ĐIỂM\n"
    "sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ xã khóa X\n"
    "Ban Chấp hành đã lãnh đạo hoàn thành phần lớn các chỉ tiêu nghị quyết, kinh tế tăng trưởng khá.\n"
    "Việc kiểm tra, giám sát có lúc chưa kịp thời; ở một số nơi vẫn để xảy ra vi phạm trong quản lý đất đai, "
    "một bộ phận cán bộ chưa thật sự gương mẫu.\n"
)


def test_uncovered_paragraphs_get_a_role_from_the_classifier():
    doc = reportcheck.load_text(NO_HEADINGS)
    result = reportcheck.check_document(doc)
    roles = {s.role for s in doc.sections if s.source == "classifier"}
    assert "limitations" in roles, [(s.role, s.source) for s in doc.sections]
    assert any(f.category == "accountability" for f in result.findings)


def test_without_classifiers_only_headings_and_cues_count():
    doc = reportcheck.load_text(NO_HEADINGS)
    reportcheck.check_document(doc, config=Config(use_classifiers=False))
    assert not [s for s in doc.sections if s.source == "classifier"]
