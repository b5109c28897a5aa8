"""The repetition check: a phrase repeated across paragraphs, names of places excepted."""

from __future__ import annotations

import reportcheck
from reportcheck.checks import run_checks

PHRASE = "tiếp tục đẩy mạnh công tác tuyên truyền sâu rộng"
TOPICS = ["về kinh tế", "về văn hóa", "về y tế", "về giáo dục", "về quốc phòng", "về môi trường"]


def _report(sentences: list[str]) -> str:
    return "BÁO CÁO CHÍNH TRỊ\nI. KẾT QUẢ\n" + "\n".join(sentences) + "\nII. HẠN CHẾ\nCòn chậm.\n"


def _repeated(text: str):
    return [f for f in run_checks(reportcheck.load_text(text)) if f.rule == "unfocused.repeated-phrase"]


def test_a_lower_case_phrase_in_five_paragraphs_is_reported_once_at_its_first_place():
    text = _report([f"Trong năm, {t} chúng ta {PHRASE} đến từng người dân." for t in TOPICS[:5]])
    found = _repeated(text)
    assert len(found) == 1
    f = found[0]
    assert f.values["times"] == 5
    assert PHRASE.split()[0] in text[f.start:f.end] and f.start == text.index(text[f.start:f.end])


def test_a_phrase_in_four_paragraphs_is_not_reported():
    assert _repeated(_report([f"Trong năm, {t} chúng ta {PHRASE} đến từng người dân." for t in TOPICS[:4]])) == []


def test_a_repeated_phrase_holding_a_place_name_is_not_reported():
    place = "làm đường giao thông xã Tân Phú có thêm nhiều công trình"
    assert _repeated(_report([f"{t.capitalize()}, {place}." for t in TOPICS])) == []
