"""Overlap: pair alignment, formulaic runs, folder-wide duplicates, the PAN harness.

The drafts below are written for these tests (the paragraphs come from the
project's own ``overlap/data/pan_source.txt``); names and figures are invented.
"""

from __future__ import annotations

import argparse
import json
import math

import pytest

from reportcheck.overlap import FormulaicModel, compare, find_overlaps
from reportcheck.overlap.duplicates import find_duplicates
from reportcheck.overlap.pan import evaluate_pairs, generate, score, source_paragraphs
from reportcheck.readers import read_text

SRC = source_paragraphs()

HEADER = [
    "ĐẢNG BỘ HUYỆN SƠN HÀ",
    "ĐẢNG ỦY XÃ TÂN LẬP",
    "*",
]
PLACE = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Lập, ngày 12 tháng 4 năm 2025"]

P_ECON, P_AGRI, P_NTM, P_BUDGET, P_EDU, P_ADMIN = SRC[0], SRC[1], SRC[2], SRC[4], SRC[5], SRC[9]
P_LIM1, P_LIM2 = SRC[14], SRC[15]

POLITICAL = HEADER + PLACE + [
    "BÁO CÁO CHÍNH TRỊ",                                                   # 6
    "của Ban Chấp hành Đảng bộ xã khóa XV trình Đại hội đại biểu Đảng bộ xã lần thứ XVI, nhiệm kỳ 2025–2030",
    "Phần thứ nhất",                                                       # 8
    "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT",                                     # 9
    P_ECON,                                                                # 10
    P_AGRI,                                                                # 11
    P_NTM,                                                                 # 12
    P_BUDGET,                                                              # 13
    P_EDU,                                                                 # 14
    SRC[7],                                                                # 15
    P_ADMIN,                                                               # 16
    SRC[11],                                                               # 17
    SRC[12],                                                               # 18
    "II. HẠN CHẾ, KHUYẾT ĐIỂM",                                            # 19
    P_LIM1,                                                                # 20
    P_LIM2,                                                                # 21
    "Trên đây là Báo cáo chính trị của Ban Chấp hành Đảng bộ xã khóa XV trình Đại hội.",
]

LIGHT_NTM = ("Chương trình xây dựng nông thôn mới được lãnh đạo quyết liệt. Xã được công nhận đạt chuẩn nông thôn mới "
             "nâng cao năm 2023, sớm hơn kế hoạch một năm; 7 trên 9 thôn đạt chuẩn thôn kiểu mẫu. Nhân dân hiến "
             "hơn 18.000 m2 đất, đóng góp 11,4 tỷ đồng cùng Nhà nước làm mới 23 km đường giao thông ở nông thôn.")
REORDERED_ADMIN = ("Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính xã xếp thứ hai trong huyện. "
                   "Tỷ lệ hồ sơ nộp trực tuyến tăng từ 12% năm 2021 lên 68% năm 2024, bộ phận tiếp nhận và trả kết quả "
                   "giải quyết 100% hồ sơ đúng hạn; công tác cải cách hành chính được đẩy mạnh.")
ROUNDED_ECON = ("Trong nhiệm kỳ, kinh tế của xã duy trì mức tăng trưởng khá, giá trị sản xuất tăng bình quân gần 10%/năm, "
                "cao hơn mức Nghị quyết đề ra. Cơ cấu kinh tế chuyển dịch đúng hướng, tỷ trọng thương mại, dịch vụ tăng "
                "từ khoảng 30% lên trên 40%, tỷ trọng nông nghiệp giảm còn dưới 30%. Thu nhập bình quân đầu người năm "
                "2025 ước đạt trên 64 triệu đồng, gấp hơn 1,5 lần so với đầu nhiệm kỳ.")
TRAP = ("Như Báo cáo chính trị đã nêu, tổng thu ngân sách 5 năm đạt 92,8 tỷ đồng, bằng 134% dự toán. Nhìn từ góc độ "
        "lãnh đạo, kết quả này chủ yếu nhờ Ban Chấp hành sớm giao Ủy ban nhân dân xã rà soát toàn bộ nguồn thu từ đất "
        "công ích và hộ kinh doanh, gắn trách nhiệm thu với từng thôn; tuy vậy, Ban Chấp hành chưa lãnh đạo xây dựng "
        "được nguồn thu ổn định, bền vững, còn dựa nhiều vào tiền sử dụng đất.")
REWORDED_EDU = ("Việc cả 5 trường đạt chuẩn quốc gia có phần quyết định từ nghị quyết chuyên đề của Ban Chấp hành năm "
                "2021 về huy động nguồn lực cho giáo dục; tuy nhiên Ban Chấp hành chưa chỉ đạo sát việc phân luồng học "
                "sinh sau trung học cơ sở, nên tỷ lệ vào học nghề còn thấp so với nhu cầu lao động của địa phương.")

REVIEW = HEADER + ["Số 45-BC/ĐU"] + PLACE + [
    "BÁO CÁO KIỂM ĐIỂM",                                                   # 7
    "sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ xã khóa XV, nhiệm kỳ 2020–2025",
    "I. ƯU ĐIỂM",                                                          # 9
    SRC[27],                                                               # 10 own
    P_AGRI,                                                                # 11 verbatim ← 11
    SRC[29],                                                               # 12 own
    LIGHT_NTM,                                                             # 13 light edits ← 12
    REORDERED_ADMIN,                                                       # 14 reordered ← 16
    ROUNDED_ECON,                                                          # 15 figures rounded ← 10
    TRAP,                                                                  # 16 not overlap
    REWORDED_EDU,                                                          # 17 not overlap
    "II. HẠN CHẾ, KHUYẾT ĐIỂM",                                            # 18
    P_LIM1,                                                                # 19 ← 20  } one passage
    P_LIM2,                                                                # 20 ← 21  }
    SRC[30],                                                               # 21 own
    "Trên đây là báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ xã khóa XV.",
    "T/M BAN CHẤP HÀNH",
    "BÍ THƯ",
]

EXPECTED = {  # review lines → political lines
    (11, 11): (11, 11),
    (13, 13): (12, 12),
    (14, 14): (16, 16),
    (15, 15): (10, 10),
    (19, 20): (20, 21),
}


def _docs(review_lines=REVIEW, political_lines=POLITICAL):
    review = read_text("\n".join(review_lines) + "\n", path="u1/review.txt")
    political = read_text("\n".join(political_lines) + "\n", path="u1/political.txt")
    return review, political


def _lines(doc, start, end):
    return doc.line_col(start)[0], doc.line_col(max(end - 1, start))[0]


@pytest.fixture(scope="module")
def pair():
    review, political = _docs()
    return review, political, find_overlaps(review, political)


def test_repeated_passages_land_on_the_right_lines_on_both_sides(pair):
    review, political, findings = pair
    got = {_lines(review, f.start, f.end): _lines(political, f.related.start, f.related.end) for f in findings}
    assert got == EXPECTED


def test_traps_headings_and_own_analysis_are_not_overlap(pair):
    review, _, findings = pair
    touched = set()
    for f in findings:
        a, b = _lines(review, f.start, f.end)
        touched |= set(range(a, b + 1))
    # the header, title and headings repeat the political report word for word
    assert not touched & set(range(1, 10)) and 18 not in touched
    # "Như Báo cáo chính trị đã nêu" + own analysis; shared facts reworded; own paragraphs
    assert not touched & {10, 12, 16, 17, 21}


def test_one_finding_per_passage_with_whole_sentences(pair):
    review, political, findings = pair
    # three-sentence paragraphs give one finding each, and two consecutive copied paragraphs one
    assert len(findings) == len(EXPECTED)
    for f in findings:
        text = review.text[f.start:f.end]
        assert text[0].isupper() and text.rstrip()[-1] == "."
        src = political.text[f.related.start:f.related.end]
        assert src[0].isupper() and src.rstrip()[-1] == "."


def test_finding_fields(pair):
    review, political, findings = pair
    by_line = {_lines(review, f.start, f.end)[0]: f for f in findings}
    f = by_line[11]
    assert (f.rule, f.category, f.severity, f.source) == ("overlap.repeated-passage", "overlap", "warning", "overlap")
    assert f.score == pytest.approx(1.0) and "dòng 11 của báo cáo chính trị" in f.message and "100% từ" in f.message
    assert f.suggestion and f.related.path == "u1/political.txt"
    assert f.related.text == political.text[f.related.start:f.related.end] == P_AGRI
    assert (f.related.line, f.related.column) == (11, 1)
    assert by_line[15].score >= 0.8                            # figures rounded: still repeated
    assert "hạn chế" in by_line[19].message                    # the limitations part is named as such
    d = f.to_dict(review)
    assert d["related"]["start"] == f.related.start and d["line"] == 11


def test_compare_reports_the_share_of_repeated_words():
    review, political = _docs()
    res = compare(review, political)
    assert len(res.findings) == len(EXPECTED) == len(res.passages)
    assert res.repeated_words == sum(p.repeated for p in res.passages)
    assert res.share == pytest.approx(res.repeated_words / res.words)
    assert 0.3 < res.share < 0.8


def test_no_overlap_between_unrelated_reports():
    review = read_text("\n".join(["BÁO CÁO KIỂM ĐIỂM", "I. ƯU ĐIỂM"] + SRC[26:34]) + "\n", path="r.txt")
    political = read_text("\n".join(["BÁO CÁO CHÍNH TRỊ", "I. KẾT QUẢ"] + SRC[0:14]) + "\n", path="p.txt")
    assert find_overlaps(review, political) == []
    assert compare(review, political).share == 0.0


def test_tone_marks_case_and_merged_sentences():
    src = P_NTM
    # old-style tone marks, upper case, and the first two sentences merged into one
    edited = src.replace("hóa", "hoá").replace("Chương trình xây dựng nông thôn mới", "CHƯƠNG TRÌNH XÂY DỰNG NÔNG THÔN MỚI")
    edited = edited.replace("quyết liệt. Xã", "quyết liệt, xã")
    review, political = _docs(REVIEW[:10] + [edited] + REVIEW[-3:], POLITICAL)
    findings = find_overlaps(review, political)
    assert [(_lines(review, f.start, f.end), f.related.line) for f in findings] == [((11, 11), 12)]


def test_min_words_leaves_short_common_phrases_out():
    shared = "An ninh, trật tự an toàn xã hội được giữ vững."  # 11 words
    review, political = _docs(REVIEW[:10] + [shared] + REVIEW[-3:], POLITICAL[:10] + [shared] + POLITICAL[-1:])
    assert find_overlaps(review, political) == []
    assert len(find_overlaps(review, political, min_words=8)) == 1


FORMULA = ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội "
           "đại biểu toàn quốc lần thứ XIV của Đảng và hướng dẫn của Ban Thường vụ Huyện ủy, Ban Chấp hành Đảng bộ "
           "báo cáo như sau.")


def _unit(name, body, kind):
    title = "BÁO CÁO CHÍNH TRỊ" if kind == "political" else "BÁO CÁO KIỂM ĐIỂM"
    return read_text("\n".join([title, "I. KẾT QUẢ", FORMULA] + body) + "\n", path=f"{name}/{kind}.txt")


def test_formulaic_lines_are_learnt_from_the_drafts(tmp_path):
    units = {f"u{i}": ([SRC[i]], [SRC[20 + i]]) for i in range(4)}
    docs = [_unit(n, p, "political") for n, (p, _) in units.items()] + \
           [_unit(n, r, "review") for n, (_, r) in units.items()]
    review, political = docs[4], docs[0]
    # with one pair only, the formula is a repeated passage like any other
    assert len(find_overlaps(review, political)) == 1
    model = FormulaicModel.fit(docs)
    assert model.n_groups == 4 and len(model) > 0
    assert find_overlaps(review, political, formulaic=model) == []
    # a set of run keys works too, and the model survives a round trip
    assert find_overlaps(review, political, formulaic=set(model)) == []
    model.save(tmp_path / "f.json")
    assert len(FormulaicModel.load(tmp_path / "f.json")) == len(model)
    # a formula in only two units is not formulaic
    assert len(FormulaicModel.fit(docs[:2] + docs[4:6])) == 0


def test_formulaic_model_does_not_hide_a_copied_passage():
    docs = [_unit(f"u{i}", [SRC[i], SRC[40]], "political") for i in range(4)]
    review = _unit("u0", [SRC[29], SRC[0]], "review")
    model = FormulaicModel.fit(docs)  # SRC[40] is shared by all four units: formulaic
    got = [_lines(review, f.start, f.end) for f in find_overlaps(review, docs[0], formulaic=model)]
    assert got == [(5, 5)]


# -- PAN harness ---------------------------------------------------------------
def test_pan_scorer_on_known_cases():
    case = [(0, 100, 1000, 1100)]
    assert score([case], [case])["plagdet"] == pytest.approx(1.0)
    halves = [(0, 50, 1000, 1050), (50, 100, 1050, 1100)]
    s = score([case], [halves])
    assert (s["precision"], s["recall"], s["granularity"]) == (1.0, 1.0, 2.0)
    assert s["plagdet"] == pytest.approx(1 / math.log2(3))
    s = score([case], [[(0, 100, 5000, 5100)]])  # right review span, wrong source: detects nothing
    assert s["recall"] == 0.0 and s["false_detections"] == 1
    s = score([case], [[(0, 200, 1000, 1100)]])
    assert s["recall"] == 1.0 and s["precision"] == pytest.approx(200 / 300)


@pytest.mark.parametrize("kind", ["verbatim", "light", "figures", "reordered"])
def test_pan_plagdet_on_generated_pairs(kind):
    pairs = generate(6, kind, seed=11)
    assert sum(len(p.cases) for p in pairs) >= 6
    for p in pairs:  # the generator's offsets point at what it inserted
        for c in p.cases:
            assert p.review.text[c.start:c.end].strip() and p.political.text[c.source_start:c.source_end].strip()
    assert evaluate_pairs(pairs)["plagdet"] >= 0.9


def test_pan_pairs_without_reuse_get_no_detection():
    assert evaluate_pairs(generate(6, "none", seed=3))["detections"] == 0


# -- folder-wide duplicates ------------------------------------------------------
def _draft(unit, paragraphs):
    return read_text("\n".join(["BÁO CÁO CHÍNH TRỊ", "I. KẾT QUẢ"] + paragraphs) + "\n", path=f"{unit}/bao-cao.txt")


def test_duplicates_clustered_across_three_drafts_and_not_unrelated_ones():
    docs = [
        _draft("a", [SRC[0], SRC[19], SRC[1]]),
        _draft("b", [SRC[2], SRC[3], SRC[19]]),
        _draft("c", [SRC[19], SRC[5]]),
        _draft("d", [SRC[6], SRC[7], SRC[8]]),
        _draft("e", [SRC[30], SRC[31], SRC[32]]),
    ]
    clusters = find_duplicates(docs)
    assert len(clusters) == 1
    c = clusters[0]
    assert c.documents == ["a/bao-cao.txt", "b/bao-cao.txt", "c/bao-cao.txt"] and c.units == 3
    assert sorted(o.line for o in c.occurrences) == [3, 4, 5]
    for o in c.occurrences:
        assert docs[o.doc].text[o.start:o.end] == SRC[19]
        assert o.words == c.words
    d = c.to_dict()
    assert d["documents"] == 3 and len(d["occurrences"]) == 3
    assert find_duplicates(docs[3:]) == []


def test_duplicates_in_one_unit_are_not_reported_and_edits_are_tolerated():
    versions = [_draft("u", [SRC[10], SRC[11]]), _draft("u", [SRC[10], SRC[12]]), _draft("v", [SRC[13]])]
    assert find_duplicates(versions) == []  # two versions of one unit's draft (same folder)
    # in a flat folder every draft is its own unit, unless told otherwise
    flat = [read_text(d.text, path=f"{n}.txt") for n, d in zip("ab", versions)]
    assert len(find_duplicates(flat)) == 1 and find_duplicates(flat, groups=["u", "u"]) == []
    edited = SRC[11].replace("đạt kết quả tốt", "có nhiều kết quả")
    docs = [_draft("a", [SRC[0], SRC[11]]), _draft("b", [edited, SRC[12]])]
    (c,) = find_duplicates(docs)
    assert len(c.occurrences) == 2 and all(o.line == 4 if o.doc == 0 else o.line == 3 for o in c.occurrences)


def test_duplicates_command(tmp_path, capsys):
    from reportcheck.commands import duplicates as cmd

    for unit, paras in {"a": [SRC[0], SRC[19]], "b": [SRC[19], SRC[3]], "c": [SRC[4]]}.items():
        (tmp_path / unit).mkdir()
        (tmp_path / unit / "bao-cao.txt").write_text("\n".join(["BÁO CÁO CHÍNH TRỊ", "I. KẾT QUẢ"] + paras) + "\n",
                                                     encoding="utf-8")
    parser = argparse.ArgumentParser()
    cmd.register(parser.add_subparsers())
    args = parser.parse_args(["duplicates", str(tmp_path), "--format", "json", "--min-words", "20"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == 3 and len(out["clusters"]) == 1 and out["clusters"][0]["units"] == 2
    args = parser.parse_args(["duplicates", str(tmp_path)])
    assert args.func(args) == 0
    text = capsys.readouterr().out
    assert "Có 1 cụm đoạn trùng nhau" in text and "dòng 4" in text
    args = parser.parse_args(["duplicates", str(tmp_path / "none")])
    assert args.func(args) == 2


# -- labelled set ---------------------------------------------------------------------
def test_eval_dev_overlap_paragraph_f1(shared):
    from reportcheck.readers import load

    root = shared / "eval-dev"
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))["documents"]
    tp = fp = fn = 0
    for path, lab in labels.items():
        if lab.get("doc_type") != "review" or not lab.get("pair"):
            continue
        review, political = load(root / path), load(root / lab["pair"])
        predicted = set()
        for f in find_overlaps(review, political):
            a, b = _lines(review, f.start, f.end)
            predicted |= set(range(a, b + 1))
        gold = set(lab.get("lines", {}).get("overlap", []))
        tp, fp, fn = tp + len(predicted & gold), fp + len(predicted - gold), fn + len(gold - predicted)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    assert f1 >= 0.9, (precision, recall)
