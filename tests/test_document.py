"""The Document model, text reading, normalisation and the NLP layer."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

import reportcheck
from reportcheck.errors import ReadError
from reportcheck.normalize import unify_tone_marks


def test_offsets_of_tokens_and_sentences_slice_their_own_text(examples):
    doc = reportcheck.load(examples / "political.txt")
    assert len(doc.tokens) > 1000
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text and t.text.strip() == t.text
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        block = doc.blocks[s.block]
        assert block.start <= s.start and s.end <= block.end, "a sentence crossed its block"


def test_tokens_of_a_range_are_the_documents_tokens_in_that_range(examples):
    doc = reportcheck.load(examples / "political.txt")
    body = doc.blocks[len(doc.blocks) // 3]
    start, end = body.start + 5, doc.blocks[len(doc.blocks) // 2].end
    expected = [(t.start, t.end, t.kind) for t in doc.tokens if start <= t.start and t.end <= end]
    fresh = reportcheck.load(examples / "political.txt")
    assert [(t.start, t.end, t.kind) for t in fresh.tokens_in(start, end)] == expected


def test_a_check_segments_only_the_paragraphs_whose_figures_it_counts(examples):
    from reportcheck.checks import run_checks

    doc = reportcheck.load(examples / "political.txt")
    run_checks(doc)
    segmented = set(doc._block_tokens)
    with_digit = {b.index for b in doc.blocks if any(c.isdigit() for c in b.content)}
    assert segmented and segmented <= with_digit, "a paragraph without a figure was segmented"
    assert doc.tokens and set(doc._block_tokens) == set(range(len(doc.blocks)))


def test_a_checked_document_keeps_no_tokens_yet_gives_them_again(examples):
    report = reportcheck.check(examples / "political.txt")
    doc = report.documents[0].document
    assert report.documents[0].findings and doc._block_tokens == {} and "tokens" not in doc.__dict__
    assert len(doc.tokens) > 1000 and doc.tokens[0].text


def test_txt_lines_are_the_files_lines(examples):
    doc = reportcheck.load(examples / "review.txt")
    lines = (examples / "review.txt").read_text(encoding="utf-8").split("\n")
    for b in doc.blocks:
        line, col = doc.line_col(b.start)
        assert lines[line - 1].strip() == b.text


def test_domain_terms_codes_and_figures_stay_whole():
    doc = reportcheck.load_text("Ban Thường vụ thực hiện Chỉ thị 45-CT/TW và Hướng dẫn 26-HD/BTCTW, "
                                "kết nạp 1.273 đảng viên, đạt 99,5%, giai đoạn 2020–2025, ngày 30/5/2019, "
                                "vốn 12,5 tỷ đồng; tự phê bình và phê bình được duy trì.")
    by_text = {t.text: t.kind for t in doc.tokens}
    assert by_text["Ban Thường vụ"] == "term"
    assert by_text["tự phê bình và phê bình"] == "term"
    assert by_text["45-CT/TW"] == "code" and by_text["26-HD/BTCTW"] == "code"
    for figure in ("1.273", "99,5%", "2020–2025", "30/5/2019", "12,5 tỷ đồng"):
        assert by_text.get(figure) == "number", figure


def test_tone_mark_variants_match_the_same_rule():
    assert unify_tone_marks("hoà thuỷ uỷ ban") == "hòa thủy ủy ban"
    a = reportcheck.load_text("BÁO CÁO KIỂM ĐIỂM\nII. HẠN CHẾ\nCó lúc chưa hoà giải kịp thời ở một số nơi.")
    b = reportcheck.load_text("BÁO CÁO KIỂM ĐIỂM\nII. HẠN CHẾ\nCó lúc chưa hòa giải kịp thời ở một số nơi.")
    fa = [f.rule for f in reportcheck.check_document(a).findings]
    fb = [f.rule for f in reportcheck.check_document(b).findings]
    assert fa == fb and "accountability.impersonal-shortcoming" in fa


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letter, then the tone as a combining mark."""
    import unicodedata

    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tones).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1258", b"")])
def test_encodings_are_detected(tmp_path, encoding, bom):
    text = "BÁO CÁO CHÍNH TRỊ\r\nĐảng bộ xã Hòa Bình lãnh đạo thủy lợi.\r\n"
    p = tmp_path / "a.txt"
    p.write_bytes(bom + (_cp1258(text) if encoding == "cp1258" else text.encode(encoding)))
    doc = reportcheck.load(p)
    assert doc.doc_type == "political"
    assert "Hòa Bình" in doc.text and "\r" not in doc.text


def test_decomposed_text_is_composed_and_maps_back(tmp_path):
    import unicodedata

    raw = unicodedata.normalize("NFD", "Báo cáo kiểm điểm\nViệt Nam")
    p = tmp_path / "a.txt"
    p.write_text(raw, encoding="utf-8")
    doc = reportcheck.load(p)
    assert doc.text == "Báo cáo kiểm điểm\nViệt Nam"
    assert doc.raw_offsets is not None and raw[doc.raw_offsets[doc.text.index("Nam")]] == "N"


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "empty-file"),
    ("blank.txt", b"  \n\n", "empty-file"),
    ("zip.txt", b"PK\x03\x04garbage", "wrong-extension"),
    ("text.docx", "Báo cáo".encode(), "wrong-extension"),
    ("binary.txt", bytes(range(0, 32)) * 20, "unknown-encoding"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "unsupported-format"),
    ("report.pdf", b"%PDF-1.4", "unsupported-format"),
])
def test_bad_input_gives_a_clear_error_naming_the_file(tmp_path, name, data, code):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ReadError) as info:
        reportcheck.load(p)
    assert info.value.code == code
    assert name in str(info.value)


def test_inputs_are_never_modified(tmp_path, examples):
    import shutil

    for src in examples.glob("*.*"):
        shutil.copy(src, tmp_path / src.name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    reportcheck.check(tmp_path)
    assert before == {p.name: p.read_bytes() for p in tmp_path.iterdir()}


@pytest.mark.parametrize("title,expected", [
    ("BÁO CÁO CHÍNH TRỊ", "political"),
    ("DỰ THẢO\nBÁO CÁO CHÍNH TRỊ", "political"),
    ("BAO CAO KIEM DIEM", "review"),
    ("Báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành", "review"),
    ("NGHỊ QUYẾT ĐẠI HỘI ĐẠI BIỂU", "other"),
    ("Sáng nay, hội nghị góp ý báo cáo chính trị đã diễn ra tại huyện.", "other"),
])
def test_document_type_from_the_title(title, expected):
    assert reportcheck.load_text("ĐẢNG BỘ HUYỆN A\n" + title + "\nNội dung.").doc_type == expected


def test_the_type_sniffed_from_a_files_opening_is_the_type_of_the_whole_file():
    from pathlib import Path

    from reportcheck.readers import sniff_doc_type

    root = Path(__file__).resolve().parent / "data"
    files = [p for p in sorted(root.rglob("*")) if p.suffix in (".txt", ".md", ".docx")]
    assert len(files) > 60
    types = {p: sniff_doc_type(p) for p in files}
    assert types == {p: reportcheck.load(p).doc_type for p in files}
    assert {"political", "review", "other"} <= set(types.values())


def test_importing_and_tokenizing_leaves_root_logging_alone():
    code = ("import logging, reportcheck; before = list(logging.getLogger().handlers);"
            "reportcheck.load_text('Ban Chấp hành họp.').tokens;"
            "assert logging.getLogger().handlers == before, logging.getLogger().handlers; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_the_preloaded_segmentation_model_gives_underthesea_s_own_words(examples):
    from pathlib import Path

    import underthesea.pipeline.word_tokenize as wt
    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger

    from reportcheck.nlp import _UNDERTHESEA_WS_MODEL, word_segmenter

    code = ("import reportcheck.nlp as n, underthesea.pipeline.word_tokenize as wt; n.word_segmenter();"
            "print(wt.word_tokenize_model is not None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", "the model was not preloaded: " + out.stderr[-500:]

    segment = word_segmenter()
    lines = [ln for ln in (examples / "political.txt").read_text(encoding="utf-8").splitlines() if ln.strip()][:40]
    ours = [segment(ln) for ln in lines]
    reference = FastCRFSequenceTagger()
    reference.load(str(Path(wt.__file__).parent / "models" / _UNDERTHESEA_WS_MODEL))  # underthesea's joblib way
    saved, wt.word_tokenize_model = wt.word_tokenize_model, reference
    try:
        theirs = [segment(ln) for ln in lines]
    finally:
        wt.word_tokenize_model = saved
    assert ours == theirs and sum(map(len, ours)) > 500


def test_sections_nest_with_roles(examples):
    doc = reportcheck.load(examples / "political.txt")
    roles = {s.role for s in doc.sections}
    for role in ("results", "limitations", "cause-subjective", "cause-objective", "lessons", "targets",
                 "tasks", "breakthroughs"):
        assert role in roles, role
    for s in doc.sections:
        if s.parent is not None:
            p = doc.sections[s.parent]
            assert p.start <= s.start and s.end <= p.end


@pytest.mark.parametrize("lines,expected", [
    ("BÁO CÁO\nCHÍNH TRỊ CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ", "political"),
    ("BÁO CÁO\nkiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành", "review"),
])
def test_title_split_over_two_lines(lines, expected):
    assert reportcheck.load_text("ĐẢNG BỘ HUYỆN A\n" + lines + "\nNội dung.").doc_type == expected
