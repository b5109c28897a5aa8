"""Tests of the reviewer-facing renderers: memo (md/html/docx), annotated draft, HTML report, SARIF, CSV.

They check content, not existence: every finding is in the memo, a Word
comment sits on each finding's passage, the original draft is untouched,
the SARIF log has one result per finding, and so on. Inputs are the bundled
example unit (examples/dang-bo-xa-tan-phu), .txt and .docx.
"""

from __future__ import annotations

import copy
import csv
import doctest
import hashlib
import importlib
import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
jinja2 = pytest.importorskip("jinja2")
jsonschema = pytest.importorskip("jsonschema")
from lxml import etree, html as lxml_html  # noqa: E402

import reportcheck  # noqa: E402
from reportcheck.cli import main  # noqa: E402
from reportcheck.errors import ReportcheckError  # noqa: E402
from reportcheck.findings import CATEGORIES, Finding, Related  # noqa: E402
from reportcheck.render import FORMATS, render_report  # noqa: E402
from reportcheck.render.annotate import annotate_docx, annotate_file, annotate_html  # noqa: E402
from reportcheck.render.common import CATEGORY_VI, finding_views  # noqa: E402
from reportcheck.render.csv import COLUMNS  # noqa: E402
from reportcheck.render.html_report import write_html_report  # noqa: E402
from reportcheck.render.memo import memo_context, render_memo, write_memos  # noqa: E402
from reportcheck.report import DocumentResult, Report  # noqa: E402
from reportcheck.rules import load_rules  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dang-bo-xa-tan-phu"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def _with_overlap(rev, pol) -> DocumentResult:
    """The review's result with overlap findings (from the overlap check, else one made by hand)."""
    result = reportcheck.check_document(rev, pair=pol)
    if not any(f.category == "overlap" for f in result.findings):
        block = next(b for b in rev.blocks if b.content.startswith("Dân quân"))
        src = next(b for b in pol.blocks if b.content.startswith("Dân quân"))
        result.findings.append(Finding(
            rule="overlap.repeated-passage", category="overlap", severity="warning",
            message="Đoạn này lặp lại gần nguyên văn đoạn của báo cáo chính trị.", start=block.start,
            end=block.end, suggestion="Thay bằng đánh giá sự lãnh đạo, chỉ đạo của cấp ủy.", source="overlap",
            related=Related(path=pol.path, start=src.start, end=src.end, line=src.line, text=src.content)))
        result.findings.sort(key=lambda f: (f.start, f.rule))
        result.pair = pol.path
    return result


@pytest.fixture(scope="module", params=["txt", "docx"])
def pair(request):
    """(political result, review result with overlap) for one format of the example unit."""
    ext = request.param
    pol = reportcheck.load(str(EXAMPLE / f"political.{ext}"))
    rev = reportcheck.load(str(EXAMPLE / f"review.{ext}"))
    return reportcheck.check_document(pol), _with_overlap(rev, pol)


@pytest.fixture(scope="module")
def docx_pair():
    pol = reportcheck.load(str(EXAMPLE / "political.docx"))
    rev = reportcheck.load(str(EXAMPLE / "review.docx"))
    return reportcheck.check_document(pol), _with_overlap(rev, pol)


def _clean_result() -> DocumentResult:
    doc = reportcheck.load_text("BÁO CÁO KIỂM ĐIỂM\nI. ƯU ĐIỂM\nBan Chấp hành lãnh đạo sát sao.", path="clean.txt")
    return DocumentResult(path="clean.txt", doc_type="review", findings=[], document=doc, stats={"words": 9})


# -- the docstring examples of these modules ------------------------------------------------------------
@pytest.mark.parametrize("name", ["reportcheck.render.common", "reportcheck.render.memo",
                                  "reportcheck.render.html_report", "reportcheck.render.sarif",
                                  "reportcheck.render.csv", "reportcheck.render.annotate"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


# -- memo -------------------------------------------------------------------------------------------------
def test_memo_mentions_every_finding(pair):
    for result in pair:
        findings = result.findings_as_dicts()
        assert findings, "the example drafts have weaknesses"
        md = render_memo(result, "md").replace("\\", "")
        page = render_memo(result, "html")
        text = lxml_html.fromstring(page).text_content()
        for f in findings:
            assert norm(f["message"]) in norm(md), f["rule"]
            assert norm(f["message"]) in norm(text), f["rule"]
            # the passage is quoted (its first words at least)
            first = " ".join(norm(f["evidence"]).split()[:6])
            assert first in norm(md) and first in norm(text)
        # numbered continuously, one number per finding
        numbers = [int(n) for n in re.findall(r"^\*\*\((\d+)\)\*\*", md, re.M)]
        assert numbers == list(range(1, len(findings) + 1))


def test_memo_headings_only_for_categories_found(pair):
    for result in pair:
        md = render_memo(result, "md")
        headings = [line for line in md.splitlines() if line.startswith("#")]
        found = {f["category"] for f in result.findings_as_dicts()}
        for c in CATEGORIES:
            has = any(CATEGORY_VI[c] in h for h in headings)
            assert has == (c in found), c
        # no part or weakness heading is followed directly by a heading of the same or a higher level
        lines = [line for line in md.splitlines() if line.strip()]
        level = [len(x) - len(x.lstrip("#")) if x.startswith("#") else 0 for x in lines]
        for a, b in zip(level, level[1:] + [1]):
            assert not (a >= 3 and 0 < b <= a), "an empty part or weakness heading"
        assert "## I. Nhận xét chung" in md and "## II. Góp ý cụ thể" in md


def test_memo_structure_of_a_gop_y(pair):
    political, review = pair
    md = render_memo(political, "md", issuer="HUYỆN ỦY LẠC ĐIỀN\nBAN TUYÊN GIÁO", place="Lạc Điền",
                     date="2025-06-03", number="15-CV/BTGHU")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in md
    assert "HUYỆN ỦY LẠC ĐIỀN" in md and "**BAN TUYÊN GIÁO**" in md
    assert "Số 15-CV/BTGHU" in md
    assert "Lạc Điền, ngày 03 tháng 6 năm 2025" in md
    assert "# GÓP Ý" in md
    assert "Dự thảo Báo cáo chính trị của Ban Chấp hành Đảng bộ xã khóa XIV" in md
    assert "Kính gửi: Ban Chấp hành Đảng bộ xã Tân Phú" in md  # guessed from the draft's header
    assert "Trên đây là ý kiến góp ý của Ban Tuyên giáo" in md
    assert "Nơi nhận:" in md and "T/M" in md
    md_review = render_memo(review, "md", recipient="Ban Thường vụ Đảng ủy xã Tân Phú")
    assert "Kính gửi: Ban Thường vụ Đảng ủy xã Tân Phú" in md_review
    # where each comment is: mục (heading) and đoạn
    assert "Mục “II. HẠN CHẾ, KHUYẾT ĐIỂM”, đoạn 1" in md_review
    # grouped by part of the report
    assert re.search(r"^### \d\. Ưu điểm$", md_review, re.M)
    assert re.search(r"^### \d\. Hạn chế, khuyết điểm$", md_review, re.M)
    assert re.search(r"^### \d\. Kết quả đạt được$", md, re.M)
    # Vietnamese in NFC
    assert unicodedata.normalize("NFC", md) == md


def test_memo_general_remarks_come_from_the_findings(pair):
    political, review = pair
    ctx_p = memo_context(political)
    ctx_r = memo_context(review)
    gp, gr = " ".join(ctx_p["general"]), " ".join(ctx_r["general"])
    assert gp != gr
    # main problems: the categories found, with their counts
    assert "dàn trải, mang tính liệt kê" in gp and "số liệu" in gp
    assert "trùng lặp với Báo cáo chính trị" in gr and "trách nhiệm của tập thể, cá nhân" in gr
    n_acc = sum(1 for f in review.findings_as_dicts() if f["category"] == "accountability")
    assert f"({n_acc} ý kiến" in gr
    # what the draft does well: a checked category with no finding
    assert "phân tích nguyên nhân" in gp  # the political draft has its causes right
    assert "không sa vào liệt kê" in gr  # the review does not list
    assert "không sa vào liệt kê" not in gp
    # a draft without findings
    clean = " ".join(memo_context(_clean_result())["general"])
    assert "chưa phát hiện vấn đề" in clean
    md = render_memo(_clean_result(), "md")
    assert "Không có ý kiến cụ thể." in md
    assert not any(CATEGORY_VI[c] in line for c in CATEGORIES for line in md.splitlines() if line.startswith("#"))


def test_memo_previous_round(pair):
    political, _ = pair
    md = render_memo(political, "md", previous={"resolved": 3, "total": 5})
    assert "đã khắc phục 3/5 ý kiến lần trước" in md
    assert "còn 2 ý kiến chưa được tiếp thu" in md
    current = political.findings_as_dicts()
    earlier = copy.deepcopy(current) + [{"rule": "causes.not-separated", "evidence": "Một đoạn đã được sửa.", "line": 3}]
    ctx = memo_context(political, previous=earlier)
    assert ctx["previous"] == {"resolved": 1, "total": len(current) + 1}
    assert f"đã khắc phục 1/{len(current) + 1} ý kiến lần trước" in " ".join(ctx["general"])


def test_memo_overlap_passages_side_by_side(pair):
    _, review = pair
    overlaps = [f for f in review.findings_as_dicts() if f["category"] == "overlap"]
    assert overlaps
    views = {v["index"]: v for v in finding_views(review)}
    md = render_memo(review, "md")
    assert md.count("> **Báo cáo kiểm điểm**") == len(overlaps)
    assert md.count("> **Báo cáo chính trị**") == len(overlaps)
    tree = lxml_html.fromstring(render_memo(review, "html"))
    tables = tree.xpath('//table[@class="side"]')
    assert len(tables) == len(overlaps)
    for t in tables:
        cells = t.xpath(".//td")
        assert len(cells) == 2 and all(len(c.text_content()) > 40 for c in cells)
    rel_texts = [v["related"]["text"] for v in views.values() if v["related"]]
    page_text = norm(tree.text_content())
    for text in rel_texts:
        assert norm(text)[:80] in page_text


def test_templates_render_with_strict_undefined(tmp_path, pair):
    from reportcheck.render.memo import _environment

    env = _environment(None)
    assert env.undefined is jinja2.StrictUndefined
    political, review = pair
    # every shipped template renders for drafts with and without findings, overlap and a previous round
    for result in (political, review, _clean_result()):
        for fmt in ("md", "html"):
            out = render_memo(result, fmt, previous={"resolved": 1, "total": 2})
            assert "Undefined" not in out
    # a user template that uses a variable the context does not have fails loudly
    (tmp_path / "memo.md.j2").write_text("{% for m in memos %}{{ m.no_such_field }}{% endfor %}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render_memo(political, "md", template_dir=tmp_path)
    # a user template overrides the shipped one; the other format still comes from the package
    (tmp_path / "memo.md.j2").write_text(
        "{% for m in memos %}RIÊNG {{ m.title }} {{ m.findings | length }}{% endfor %}", encoding="utf-8")
    assert render_memo(political, "md", template_dir=tmp_path) == f"RIÊNG GÓP Ý {len(political.findings)}"
    assert "<!DOCTYPE html>" in render_memo(political, "html", template_dir=tmp_path)
    with pytest.raises(ReportcheckError):
        render_memo(political, "md", template_dir=tmp_path / "missing")


def _docx_text(d) -> str:
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_docx_memo_is_a_proper_word_document(pair):
    for result in pair:
        data = render_memo(result, "docx", place="Lạc Điền")
        assert isinstance(data, bytes)
        # every XML part is well-formed
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(z.read(name))
        d = docx.Document(io.BytesIO(data))
        normal = d.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
        fonts = normal.element.rPr.rFonts
        assert fonts.get(_w("eastAsia")) == "Times New Roman" and fonts.get(_w("cs")) == "Times New Roman"
        s = d.sections[0]
        assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
        assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [20, 20, 30, 15]
        runs = [r for p in d.paragraphs for r in p.runs if r.text.strip()]
        assert runs and all(r.font.name == "Times New Roman" for r in runs)
        title = next(p for p in d.paragraphs if p.text == "GÓP Ý")
        assert title.alignment == 1 and all(r.bold for r in title.runs)
        headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
        assert headings[:2] == ["I. NHẬN XÉT CHUNG", "II. GÓP Ý CỤ THỂ"]
        found = {f["category"] for f in result.findings_as_dicts()}
        for c in CATEGORIES:
            assert any(CATEGORY_VI[c] in h for h in headings) == (c in found)
        text = _docx_text(d)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Trên đây là ý kiến góp ý" in text and "Nơi nhận:" in text
        findings = result.findings_as_dicts()
        for i, f in enumerate(findings, 1):
            assert norm(f["message"]) in norm(text)
            assert f"({i})" in text
        # overlap tables: 13 pt, both passages
        overlaps = [f for f in findings if f["category"] == "overlap"]
        side = [t for t in d.tables if t.rows[0].cells[-1].text.startswith("Báo cáo chính trị")]
        assert len(side) == len(overlaps)
        for t in side:
            sizes = {r.font.size.pt for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs}
            assert sizes == {13}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_docx_memo_opens_in_libreoffice(tmp_path, docx_pair):
    src = tmp_path / "memo.docx"
    src.write_bytes(render_memo(docx_pair[1], "docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "memo.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_render_memo_api_and_several_documents(pair):
    political, review = pair
    report = Report(documents=[political, review, DocumentResult(path="x.docx", error={"code": "empty-file",
                                                                                          "message": "tệp rỗng"})])
    md = reportcheck.render_memo(report, format="md")
    assert md.count("# GÓP Ý") == 2 and "\n---\n" in md
    page = reportcheck.render_memo(report, format="html")
    assert page.count('<article class="memo">') == 2
    d = docx.Document(io.BytesIO(reportcheck.render_memo(report, format="docx")))
    assert sum(1 for p in d.paragraphs if p.text == "GÓP Ý") == 2
    with pytest.raises(ValueError):
        render_memo(political, "pdf")
    with pytest.raises(ReportcheckError):
        render_memo(Report(documents=[report.documents[2]]), "md")


def test_write_memos_one_per_document(tmp_path, pair):
    political, review = pair
    other = copy.copy(political)
    other.path = str(EXAMPLE / "political.other")  # same stem, same folder
    out = write_memos(Report([political, review, other]), tmp_path / "memos", "md")
    names = sorted(p.name for p in out)
    assert len(set(names)) == 3
    assert all(p.is_file() and "# GÓP Ý" in p.read_text(encoding="utf-8") for p in out)


# -- annotated .docx ---------------------------------------------------------------------------------------
def _comment_ranges(data: bytes) -> tuple[dict, dict, dict]:
    """From an annotated package: id → paragraph text where the range starts, id → covered text, id → comment."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
    start_para, covered, active = {}, {}, set()
    for el in body.iter(_w("t"), _w("commentRangeStart"), _w("commentRangeEnd")):
        cid = el.get(_w("id"))
        if el.tag == _w("commentRangeStart"):
            p = next(a for a in el.iterancestors(_w("p")))
            start_para[cid] = "".join(t.text or "" for t in p.iter(_w("t")))
            covered[cid] = []
            active.add(cid)
        elif el.tag == _w("commentRangeEnd"):
            active.discard(cid)
        else:
            for a in active:
                covered[a].append(el.text or "")
    texts = {}
    for c in comments.iter(_w("comment")):
        texts[c.get(_w("id"))] = ("\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in c.iter(_w("p"))),
                                  c.get(_w("author")))
    refs = {r.get(_w("id")) for r in body.iter(_w("commentReference"))}
    assert refs == set(start_para), "every range has its reference run"
    return start_para, {k: "".join(v) for k, v in covered.items()}, texts


def test_annotate_docx_puts_one_comment_on_each_passage(docx_pair, tmp_path):
    for name, result in zip(("political", "review"), docx_pair):
        src = EXAMPLE / f"{name}.docx"
        data = annotate_docx(src, result)
        findings = result.findings_as_dicts()
        start_para, covered, texts = _comment_ranges(data)
        assert len(texts) == len(findings) == len(start_para)
        doc = result.document
        by_text = {}
        for f in findings:
            by_text.setdefault(f["message"] + ("\n" + f["suggestion"] if f["suggestion"] else ""), []).append(f)
        for cid, (text, author) in texts.items():
            assert author == "reportcheck"
            f = by_text[text].pop(0)  # the comment text is message + "\n" + suggestion
            para = norm(start_para[cid])
            first_line = norm(f["evidence"].split("\n")[0].rstrip("…"))[:60]
            assert first_line in para or para in norm(f["evidence"]), (f["rule"], para[:60])
            blocks = list(doc.blocks_in(f["start"], f["end"]))
            if len(blocks) == 1:  # the comment covers exactly the finding's characters
                assert norm(covered[cid]) == norm(doc.text[f["start"]:f["end"]])
        # read back by the .docx reader: same text, comments on the findings' blocks
        out = tmp_path / f"{name}.reviewed.docx"
        out.write_bytes(data)
        back = reportcheck.load(str(out))
        assert back.text == doc.text
        assert sorted(c.block for c in back.comments) == sorted(f["block"] for f in findings)


def test_annotate_leaves_the_original_untouched(tmp_path):
    src = tmp_path / "review.docx"
    shutil.copy(EXAMPLE / "review.docx", src)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    mtime = src.stat().st_mtime_ns
    out = annotate_file(src, author="Tổ biên tập", pair=str(EXAMPLE / "political.docx"))
    assert out == tmp_path / "review.reviewed.docx" and out.is_file()
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before and src.stat().st_mtime_ns == mtime
    d = docx.Document(str(out))
    comments = list(d.comments)
    assert comments and all(c.author == "Tổ biên tập" for c in comments)
    assert any("lặp lại" in c.text for c in comments)  # the overlap check ran against the pair
    with pytest.raises(ReportcheckError):
        annotate_file(src, src)


def test_annotate_docx_with_existing_comments_and_tables(tmp_path):
    """A draft that already has a comment and a table: ids stay unique, table findings land in their cell."""
    d = docx.Document()
    d.add_paragraph("BÁO CÁO CHÍNH TRỊ")
    d.add_paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC")
    p = d.add_paragraph("Đạt nhiều kết quả ")
    p.add_run("tích cực").bold = True
    p.add_run(" trong nhiệm kỳ.")
    d.add_comment(p.runs[0], text="Ý kiến cũ", author="Người khác")
    t = d.add_table(rows=2, cols=2)
    for i, cell in enumerate(t.rows[1].cells):
        cell.text = f"Ô số {i}"
    src = tmp_path / "t.docx"
    d.save(src)
    doc = reportcheck.load(str(src))
    cell_block = next(b for b in doc.blocks if b.content == "Ô số 1")
    para = next(b for b in doc.blocks if b.content.startswith("Đạt"))
    k = doc.text.index("tích cực")
    findings = [
        Finding(rule="listing.x", category="listing", severity="warning", message="Giữa đoạn.",
                start=k, end=k + len("tích cực")),
        Finding(rule="numbers.y", category="numbers", severity="info", message="Ô bảng.", suggestion="Sửa ô.",
                start=cell_block.start, end=cell_block.end),
        Finding(rule="unfocused.z", category="unfocused", severity="info", message="Hai đoạn.",
                start=para.start + 4, end=cell_block.start + 3),
    ]
    result = DocumentResult(path=str(src), doc_type="political", findings=findings, document=doc)
    data = annotate_docx(src, result)
    start_para, covered, texts = _comment_ranges(data)
    assert len(texts) == 4  # the old comment and three new ones
    ids = {v[0]: k for k, v in texts.items()}
    assert covered[ids["Giữa đoạn."]] == "tích cực"
    assert start_para[ids["Ô bảng.\nSửa ô."]] == "Ô số 1" and covered[ids["Ô bảng.\nSửa ô."]] == "Ô số 1"
    assert norm(covered[ids["Hai đoạn."]]).startswith("nhiều kết quả tích cực")
    out = tmp_path / "o.docx"
    out.write_bytes(data)
    assert reportcheck.load(str(out)).text == doc.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_annotated_comments_survive_libreoffice(tmp_path, docx_pair):
    _, review = docx_pair
    src = tmp_path / "in" / "review.reviewed.docx"
    src.parent.mkdir()
    src.write_bytes(annotate_docx(EXAMPLE / "review.docx", review))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    back = reportcheck.load(str(tmp_path / "review.reviewed.docx"))
    findings = review.findings_as_dicts()
    assert len(back.comments) == len(findings)
    assert sorted(c.block for c in back.comments) == sorted(f["block"] for f in findings)


def test_annotate_text_draft_gives_html(tmp_path, pair):
    _, review = pair
    page = annotate_html(review)
    tree = lxml_html.fromstring(page)
    n = len(review.findings_as_dicts())
    assert len(tree.xpath('//div[contains(@class, "note")][@data-id]')) == n
    marked = {i for m in tree.xpath("//mark[contains(@class, 'hl')]") for i in m.get("data-f").split()}
    assert marked == {str(i) for i in range(1, n + 1)}
    assert "Tổng hợp" not in page  # standalone: no link back to an index
    src = tmp_path / "review.txt"
    shutil.copy(EXAMPLE / "review.txt", src)
    before = src.read_bytes()
    out = annotate_file(src)
    assert out.suffix == ".html" and "<mark" in out.read_text(encoding="utf-8") and src.read_bytes() == before
    with pytest.raises(ReportcheckError):
        annotate_file(src, tmp_path / "x.docx")


# -- SARIF and CSV ------------------------------------------------------------------------------------------
SARIF_MIN_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "rules"],
                    "properties": {"rules": {"type": "array", "items": {
                        "type": "object", "required": ["id", "shortDescription", "defaultConfiguration"],
                        "properties": {"defaultConfiguration": {"type": "object", "properties": {
                            "level": {"enum": ["none", "note", "warning", "error"]}}}}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["ruleId", "message", "locations", "level"],
                    "properties": {
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": {"type": "object", "required": ["text"]},
                        "locations": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["physicalLocation"],
                            "properties": {"physicalLocation": {
                                "type": "object", "required": ["artifactLocation", "region"],
                                "properties": {
                                    "artifactLocation": {"type": "object", "required": ["uri"]},
                                    "region": {"type": "object",
                                               "required": ["startLine", "startColumn", "endLine", "endColumn",
                                                            "charOffset", "charLength"],
                                               "properties": {k: {"type": "integer", "minimum": m} for k, m in (
                                                   ("startLine", 1), ("startColumn", 1), ("endLine", 1),
                                                   ("endColumn", 1), ("charOffset", 0), ("charLength", 0))}},
                                }}}}},
                    }}},
            }}},
    },
}


def test_sarif_log(pair):
    political, review = pair
    report = Report([political, review, DocumentResult(path="hỏng.docx", error={"code": "corrupt-docx",
                                                                                 "message": "tệp hỏng"})])
    log = json.loads(render_report(report, "sarif"))
    jsonschema.validate(log, SARIF_MIN_SCHEMA)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert set(r.id for r in load_rules()) <= set(ids)
    findings = political.findings_as_dicts() + review.findings_as_dicts()
    assert len(run["results"]) == len(findings)
    for res, f in zip(run["results"], findings):
        assert res["ruleId"] == f["rule"] == ids[res["ruleIndex"]]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (f["line"], f["column"])
        assert region["endColumn"] == f["end_column"] + 1 and region["charOffset"] == f["start"]
        assert res["message"]["text"].startswith(f["message"])
        if f["related"]:
            assert res["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == f["related"]["line"]
    assert run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "corrupt-docx"
    rule = next(r for r in rules if r["id"] == "accountability.impersonal-shortcoming")
    assert rule["properties"]["category"] == "accountability" and "Căn cứ" in rule["help"]["text"]


def test_csv_rows(pair):
    political, review = pair
    assert {"sarif", "csv"} <= set(FORMATS)
    text = render_report(Report([political, review]), "csv")
    assert text.startswith("\ufeff")
    data = text.encode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    findings = political.findings_as_dicts() + review.findings_as_dicts()
    assert len(rows) == len(findings)
    assert list(rows[0]) == list(COLUMNS)
    for row, f in zip(rows, findings):
        assert row["rule"] == f["rule"] and row["message"] == f["message"] and int(row["line"]) == f["line"]
        assert row["evidence"].lstrip("'") == " ".join(f["evidence"].split())
        assert row["path"] in (political.path, review.path)


# -- HTML report ---------------------------------------------------------------------------------------------
def test_html_report(tmp_path, pair):
    political, review = pair
    broken = DocumentResult(path="units/u09/bao-cao-hong.docx", error={"code": "corrupt-docx", "message": "tệp hỏng"})
    written = write_html_report(Report([political, review, broken]), tmp_path / "report")
    index = tmp_path / "report" / "index.html"
    assert written[0] == index
    tree = lxml_html.fromstring(index.read_text(encoding="utf-8"))
    rows = tree.xpath('//table[@id="overview"]/tbody/tr')
    assert len(rows) == 3
    links = {a.text_content(): a.get("href") for a in tree.xpath('//table[@id="overview"]//td[@class="name"]/a')}
    for r in (political, review, broken):
        assert Path(r.path).name in links and (tmp_path / "report" / links[Path(r.path).name]).is_file()
    # the counts per category
    header = [th.text_content() for th in tree.xpath('//table[@id="overview"]/thead/tr/th')]
    row = next(r for r in rows if Path(review.path).name in r.text_content())
    cells = [td.text_content().strip() for td in row.xpath("./td")]
    for c in {f["category"] for f in review.findings_as_dicts()}:
        col = next(i for i, h in enumerate(header) if CATEGORY_VI[c].startswith(h.rstrip(" …")))
        assert int(cells[col]) == sum(1 for f in review.findings_as_dicts() if f["category"] == c)
    assert tree.xpath("//svg//rect[contains(@class, 'bar')]")
    # self-contained: no external resource
    for page in (tmp_path / "report").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text) and "<link" not in text
    # the review page: highlights, comments, links to the political page and back
    rev_page = tmp_path / "report" / links[Path(review.path).name]
    rt = lxml_html.fromstring(rev_page.read_text(encoding="utf-8"))
    n = len(review.findings_as_dicts())
    assert len(rt.xpath('//div[contains(@class,"note")][@data-id]')) == n
    rel_links = rt.xpath('//a[@class="rel-link"]/@href')
    assert len(rel_links) == sum(1 for f in review.findings_as_dicts() if f["related"])
    for href in rel_links:
        page, anchor = href.split("#")
        target = lxml_html.fromstring((tmp_path / "report" / page).read_text(encoding="utf-8"))
        assert target.xpath(f'//*[@id="{anchor}"]'), href
        back = target.xpath(f'//div[@id="n-{anchor}"]//a/@href')[0]
        assert back.startswith(rev_page.name + "#f-")


def test_html_report_for_a_cached_result(tmp_path, pair):
    """A result without its Document (from a cache) is re-read from its file."""
    political, _ = pair
    cached = DocumentResult(path=political.path, doc_type=political.doc_type, stats=political.stats,
                            finding_dicts=political.findings_as_dicts())
    write_html_report(Report([cached]), tmp_path)
    page = next(p for p in tmp_path.glob("*.html") if p.name != "index.html")
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    assert len(tree.xpath("//mark")) >= len(political.findings)
    assert "## I. Nhận xét chung" in render_memo(cached, "md")


# -- command line ------------------------------------------------------------------------------------------------
def test_cli_memo_annotate_and_check_outputs(tmp_path, capsys):
    unit = tmp_path / "u01"
    unit.mkdir()
    for n in ("political.txt", "review.txt", "review.docx", "political.docx"):
        shutil.copy(EXAMPLE / n, unit / n)
    before = {p.name: p.read_bytes() for p in unit.iterdir()}

    assert main(["memo", str(unit / "review.docx"), "--pair", str(unit / "political.docx"),
                 "--out", str(tmp_path / "gop-y.docx"), "--issuer", "HUYỆN ỦY LẠC ĐIỀN|BAN TỔ CHỨC",
                 "--place", "Lạc Điền", "--date", "2025-06-02"]) == 0
    d = docx.Document(str(tmp_path / "gop-y.docx"))
    text = _docx_text(d)
    assert "BAN TỔ CHỨC" in text and "Lạc Điền, ngày 02 tháng 6 năm 2025" in text and "lặp lại" in text

    assert main(["memo", str(unit / "political.txt"), "--out", str(tmp_path / "gop-y.md")]) == 0
    assert "# GÓP Ý" in (tmp_path / "gop-y.md").read_text(encoding="utf-8")
    assert main(["memo", str(unit / "political.txt"), "--out", str(tmp_path / "gop-y.pdf")]) == 2

    assert main(["annotate", str(unit / "review.docx"), "--out", str(tmp_path / "r.docx"),
                 "--author", "Ban Tổ chức"]) == 0
    assert {c.author for c in docx.Document(str(tmp_path / "r.docx")).comments} == {"Ban Tổ chức"}

    rc = main(["check", str(tmp_path / "u01"), "-j", "1", "-q", "--format", "sarif", "-o", str(tmp_path / "o.sarif"),
               "--memo-dir", str(tmp_path / "memos"), "--memo-format", "docx", "--html", str(tmp_path / "html")])
    assert rc in (0, 1)
    log = json.loads((tmp_path / "o.sarif").read_text(encoding="utf-8"))
    memos = sorted(p.name for p in (tmp_path / "memos").rglob("*.gop-y.docx"))
    assert memos == ["political.docx.gop-y.docx", "political.txt.gop-y.docx", "review.docx.gop-y.docx",
                     "review.txt.gop-y.docx"]
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    for n in ("political.txt", "review.txt", "review.docx", "political.docx"):
        assert f">{n}</a>" in index
    assert len(log["runs"][0]["results"]) > 0
    # inputs untouched
    assert {p.name: p.read_bytes() for p in unit.iterdir()} == before


def test_cli_memo_uses_the_config_memo_table(tmp_path):
    shutil.copy(EXAMPLE / "political.txt", tmp_path / "political.txt")
    (tmp_path / "mau").mkdir()
    (tmp_path / "mau" / "memo.md.j2").write_text(
        "{% for m in memos %}{{ m.issuer_lines | join(' / ') }} | {{ m.place_date }} | {{ m.recipient }}"
        "{% endfor %}\n", encoding="utf-8")
    (tmp_path / "reportcheck.toml").write_text(
        '[memo]\nissuer = "HUYỆN ỦY LẠC ĐIỀN\\nBAN TUYÊN GIÁO"\nplace = "Lạc Điền"\n'
        'recipient = "Ban Thường vụ Đảng ủy xã Tân Phú"\ntemplate_dir = "mau"\n', encoding="utf-8")
    out = tmp_path / "out.md"
    assert main(["memo", str(tmp_path / "political.txt"), "--out", str(out), "--date", "2025-01-05"]) == 0
    assert out.read_text(encoding="utf-8").strip() == (
        "HUYỆN ỦY LẠC ĐIỀN / BAN TUYÊN GIÁO | Lạc Điền, ngày 05 tháng 01 năm 2025 | Ban Thường vụ Đảng ủy xã Tân Phú")
    # the command line wins over the config
    assert main(["memo", str(tmp_path / "political.txt"), "--out", str(out), "--place", "Tân Phú"]) == 0
    assert "| Tân Phú, ngày" in out.read_text(encoding="utf-8")
