"""Tests of the .docx reader (reportcheck.readers.docx).

Fixtures are built in ``tmp_path`` with python-docx plus raw XML edits; no
binary fixture is committed. The corpus tests at the end run on the shared
folder (``REPORTCHECK_SHARED`` or ``<repo>/../shared``) and are skipped with
a reason when it is absent.
"""

from __future__ import annotations

import io
import json
import os
import re
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_BREAK  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from reportcheck.errors import ReadError  # noqa: E402
from reportcheck.readers import docx as docx_reader  # noqa: E402
from reportcheck.readers import load  # noqa: E402
from reportcheck.readers.docx import ole_error, read_docx  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# -- helpers ---------------------------------------------------------------------------
def xml(fragment: str):
    """An element from a w: fragment (namespaces declared for it)."""
    tag_end = re.match(r"<[\w:]+", fragment).end()
    return parse_xml(fragment[:tag_end] + f" {nsdecls('w', 'r')}" + fragment[tag_end:])


def save(doc, tmp_path: Path, name: str = "t.docx") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def patch_zip(path: Path, changes: dict) -> None:
    """Rewrite parts of a saved package: {name: bytes | str | callable(str) -> str | None (drop)}."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    for name, change in changes.items():
        if change is None:
            parts.pop(name, None)
        elif callable(change):
            parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
        else:
            parts[name] = change.encode("utf-8") if isinstance(change, str) else change
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buf.getvalue())


def add_part(path: Path, name: str, content: str, rel_type: str, content_type: str) -> None:
    """Add a part related from word/document.xml (rel id rIdX1)."""
    target = name.split("word/", 1)[1]

    def rels(s: str) -> str:
        return s.replace("</Relationships>",
                         f'<Relationship Id="rIdX1" Type="{REL_NS}/{rel_type}" Target="{target}"/></Relationships>')

    def types(s: str) -> str:
        return s.replace("</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>')

    patch_zip(path, {name: content, "word/_rels/document.xml.rels": rels, "[Content_Types].xml": types})


def body_lines(doc) -> list[str]:
    return [b.text for b in doc.blocks]


# -- structure -----------------------------------------------------------------------------
def test_one_line_per_block_and_offsets(tmp_path):
    d = docx.Document()
    d.add_paragraph("Mở đầu báo cáo.")
    d.add_paragraph("")  # empty: no block
    p = d.add_paragraph("Dòng một")
    p.add_run().add_break()
    p.add_run("dòng hai\tcột").add_break(WD_BREAK.PAGE)
    p.add_run("cuối")
    doc = read_docx(save(d, tmp_path).read_bytes(), "t.docx")
    assert doc.source_format == "docx" and doc.path == "t.docx"
    assert body_lines(doc) == ["Mở đầu báo cáo.", "Dòng một dòng hai cột cuối"]
    assert doc.text == "Mở đầu báo cáo.\nDòng một dòng hai cột cuối"
    for b in doc.blocks:
        assert doc.text[b.start:b.end] == b.text and "\n" not in b.text
        assert b.content_start == b.start
    assert doc.blocks[1].source == {"paragraph": 2}  # python-docx paragraph index
    assert doc.blocks[1].line == 2


def test_heading_styles_and_outline_level(tmp_path):
    d = docx.Document()
    d.add_heading("Báo cáo chính trị", level=0)  # Title
    d.add_heading("Kết quả", level=1)
    d.add_heading("Về kinh tế", level=2)
    p = d.add_paragraph("Đoạn có cấp đại cương")
    p._p.get_or_add_pPr().append(xml('<w:outlineLvl w:val="2"/>'))
    q = d.add_paragraph("Thân bài có cấp 9")
    q._p.get_or_add_pPr().append(xml('<w:outlineLvl w:val="9"/>'))
    # a localised style name without outline level, and a bare HeadingN style id
    styles = d.styles.element
    styles.append(xml('<w:style w:type="paragraph" w:styleId="TieuDe4"><w:name w:val="Tiêu đề 4"/>'
                      '<w:basedOn w:val="Normal"/></w:style>'))
    h5 = d.styles["Heading 5"].element  # keep the id Heading5, drop its outline level and rename it
    h5.pPr.remove(h5.pPr.find(qn("w:outlineLvl")))
    h5.find(qn("w:name")).set(qn("w:val"), "Đề mục năm")
    styles.append(xml('<w:style w:type="paragraph" w:styleId="MyChapter"><w:name w:val="My chapter"/>'
                      '<w:basedOn w:val="Heading1"/></w:style>'))
    for sid, text in (("TieuDe4", "Mục bốn"), ("Heading5", "Mục năm"), ("MyChapter", "Chương riêng")):
        para = d.add_paragraph(text)
        para._p.get_or_add_pPr().insert(0, xml(f'<w:pStyle w:val="{sid}"/>'))
    doc = read_docx(save(d, tmp_path).read_bytes(), "h.docx")
    got = [(b.text, b.kind, b.level, b.style) for b in doc.blocks]
    assert got == [
        ("Báo cáo chính trị", "heading", 1, "Title"),
        ("Kết quả", "heading", 1, "heading 1"),
        ("Về kinh tế", "heading", 2, "heading 2"),
        ("Đoạn có cấp đại cương", "heading", 3, "Normal"),
        ("Thân bài có cấp 9", "paragraph", None, "Normal"),
        ("Mục bốn", "heading", 4, "Tiêu đề 4"),
        ("Mục năm", "heading", 5, "Đề mục năm"),
        ("Chương riêng", "heading", 1, "My chapter"),  # outline level inherited from Heading 1
    ]
    assert doc.blocks[1].bold  # heading 1 is bold through its style


NUMBERING_EXTRA = (
    '<w:abstractNum w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="91">'
    '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/><w:pStyle w:val="GachDau"/></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
)


def _add_numbering(d) -> None:
    numbering = d.part.numbering_part.element
    holder = xml(f"<w:numbering>{NUMBERING_EXTRA}</w:numbering>")
    first_num = numbering.find(qn("w:num"))
    for el in list(holder):
        if el.tag == qn("w:abstractNum") and first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)


def _num_pr(paragraph, num_id: int, ilvl: int | None = 0) -> None:
    lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    paragraph._p.get_or_add_pPr().append(xml(f'<w:numPr>{lvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def test_word_numbering_on_paragraph_and_through_style(tmp_path):
    d = docx.Document()
    _add_numbering(d)
    d.styles.element.append(xml(
        '<w:style w:type="paragraph" w:styleId="GachDau"><w:name w:val="Gạch đầu dòng"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="91"/></w:numPr></w:pPr></w:style>'))
    d.add_paragraph("Thị trấn đã:")
    _num_pr(d.add_paragraph("Mục số một"), 90, 0)
    _num_pr(d.add_paragraph("Mục chữ a"), 90, 1)
    d.add_paragraph("Gạch đầu dòng kế thừa", style="List Bullet")   # template style, numPr in style
    d.add_paragraph("Số thứ tự kế thừa", style="List Number")
    p = d.add_paragraph("Kiểu riêng có gạch")
    p._p.get_or_add_pPr().insert(0, xml('<w:pStyle w:val="GachDau"/>'))
    off = d.add_paragraph("Tắt đánh số", style="List Bullet")
    _num_pr(off, 0, None)  # numId 0: no numbering despite the style
    _num_pr(d.add_paragraph("Số không tồn tại"), 999, 0)
    doc = read_docx(save(d, tmp_path).read_bytes(), "n.docx")
    got = [(b.text, b.kind, b.level, b.numbering, b.num_format) for b in doc.blocks]
    assert got == [
        ("Thị trấn đã:", "paragraph", None, None, None),
        ("Mục số một", "list_item", 0, "word", "decimal"),
        ("Mục chữ a", "list_item", 1, "word", "lowerLetter"),
        ("Gạch đầu dòng kế thừa", "list_item", 0, "word", "bullet"),
        ("Số thứ tự kế thừa", "list_item", 0, "word", "decimal"),
        ("Kiểu riêng có gạch", "list_item", 0, "word", "bullet"),
        ("Tắt đánh số", "paragraph", None, None, None),
        ("Số không tồn tại", "paragraph", None, None, None),
    ]
    item = doc.blocks[5]
    assert item.content == "Kiểu riêng có gạch" and item.content_start == item.start
    assert item.marker is None and item.source.get("lvl_text") == "-"


def test_typed_markers_use_classify_line(tmp_path):
    d = docx.Document()
    for line in ("I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Về phát triển kinh tế", "- Hỗ trợ 3 doanh nghiệp.",
                 "+ Trồng 40 ha rừng.", "BÁO CÁO CHÍNH TRỊ", "Đoạn văn thường, có dấu chấm."):
        d.add_paragraph(line)
    doc = read_docx(save(d, tmp_path).read_bytes(), "typed.docx")
    got = [(b.kind, b.level, b.marker, b.numbering) for b in doc.blocks]
    assert got == [("heading", 3, "I.", None), ("heading", 4, "1.", None), ("list_item", 0, "-", "typed"),
                   ("list_item", 1, "+", "typed"), ("heading", 3, None, None), ("paragraph", None, None, None)]
    assert doc.blocks[2].content == "Hỗ trợ 3 doanh nghiệp."
    assert doc.blocks[2].text == "- Hỗ trợ 3 doanh nghiệp."


def test_tracked_changes_are_read_as_accepted(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Giữ nguyên ")
    for frag in ('<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">chèn thêm </w:t></w:r></w:ins>',
                 '<w:del w:id="2" w:author="A"><w:r><w:delText>đã xóa </w:delText></w:r></w:del>',
                 '<w:moveFrom w:id="3" w:author="A"><w:r><w:t>chuyển đi </w:t></w:r></w:moveFrom>',
                 '<w:moveTo w:id="4" w:author="A"><w:r><w:t>chuyển đến</w:t></w:r></w:moveTo>'):
        p._p.append(xml(frag))
    # a paragraph whose mark was deleted joins the next one
    q = d.add_paragraph("Nửa đầu ")
    q._p.get_or_add_pPr().append(xml('<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>'))
    d.add_paragraph("nửa sau.")
    # a paragraph entirely deleted disappears
    r = d.add_paragraph()
    r._p.append(xml('<w:del w:id="6" w:author="A"><w:r><w:delText>Bỏ hẳn</w:delText></w:r></w:del>'))
    doc = read_docx(save(d, tmp_path).read_bytes(), "tc.docx")
    assert body_lines(doc) == ["Giữ nguyên chèn thêm chuyển đến", "Nửa đầu nửa sau."]
    assert "xóa" not in doc.text and "chuyển đi" not in doc.text


def test_fields_hyperlinks_and_content_controls(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Trang ")
    p._p.append(xml('<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'))
    p.add_run(", ngày ")
    for frag in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                 '<w:r><w:instrText xml:space="preserve"> DATE \\@ "dd/MM/yyyy" </w:instrText></w:r>',
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                 '<w:r><w:t>10/03/2025</w:t></w:r>',
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(xml(frag))
    h = d.add_paragraph("Xem ")
    h._p.append(xml('<w:hyperlink w:anchor="muc1"><w:r><w:t>mục 1</w:t></w:r>'
                    '<w:r><w:t xml:space="preserve"> phần II</w:t></w:r></w:hyperlink>'))
    h._p.append(xml('<w:smartTag w:uri="u" w:element="place"><w:r><w:t xml:space="preserve"> tại Hà Nội</w:t>'
                    '</w:r></w:smartTag>'))
    s = d.add_paragraph("Hyphen")
    s._p.append(xml('<w:r><w:noBreakHyphen/><w:t>test</w:t><w:softHyphen/><w:t>ing</w:t>'
                    '<w:sym w:font="Wingdings" w:char="F0FC"/></w:r>'))
    body = d.element.body
    body.insert(len(body) - 1, xml(
        '<w:sdt><w:sdtPr><w:alias w:val="Nội dung"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Trong điều khiển nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    body.insert(len(body) - 1, xml(
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Bấm vào đây để nhập văn bản.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    doc = read_docx(save(d, tmp_path).read_bytes(), "f.docx")
    assert body_lines(doc) == ["Trang 7, ngày 10/03/2025", "Xem mục 1 phần II tại Hà Nội",
                               "Hyphen-testing", "Trong điều khiển nội dung"]
    assert "DATE" not in doc.text and "PAGE" not in doc.text


def test_headers_footers_footnotes_kept_out_of_body(tmp_path):
    d = docx.Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "ĐẢNG BỘ TỈNH (đầu trang)"
    sec.footer.paragraphs[0].text = "Trang cuối (chân trang)"
    p = d.add_paragraph("Thân văn bản có chú thích")
    p._p.append(xml('<w:r><w:footnoteReference w:id="1"/></w:r>'))
    path = save(d, tmp_path)
    notes = (f'<w:footnotes {nsdecls("w")}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>Theo Nghị quyết số 21.</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')
    add_part(path, "word/footnotes.xml", notes, "footnotes",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
    doc = read_docx(path.read_bytes(), "hf.docx")
    assert body_lines(doc) == ["Thân văn bản có chú thích"]
    assert doc.extra["headers"] == ["ĐẢNG BỘ TỈNH (đầu trang)"]
    assert doc.extra["footers"] == ["Trang cuối (chân trang)"]
    assert doc.extra["footnotes"] == ["Theo Nghị quyết số 21."]
    assert doc.extra["endnotes"] == []
    for word in ("đầu trang", "chân trang", "Nghị quyết số 21"):
        assert word not in doc.text


def test_hidden_text_is_dropped(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Hiện ")
    p.add_run("ẩn đi ").font.hidden = True
    p.add_run("tiếp")
    doc = read_docx(save(d, tmp_path).read_bytes(), "v.docx")
    assert body_lines(doc) == ["Hiện tiếp"]


def test_text_boxes_go_to_extra(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Thân bài")
    p._p.append(xml(
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    doc = read_docx(save(d, tmp_path).read_bytes(), "tb.docx")
    assert body_lines(doc) == ["Thân bài"]
    assert doc.extra["textboxes"] == ["DỰ THẢO"]


def test_tables_nested_and_merged_cells_in_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("Bảng 1. Kết quả")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "TT"
    t.cell(0, 1).text = "Chỉ tiêu"
    t.cell(0, 2).text = "Đánh giá"
    c = t.cell(1, 0)
    c.text = "Ô có bảng con"
    c.add_paragraph("")  # empty paragraph in a cell: no block
    c.add_paragraph("đoạn thứ hai")
    inner = c.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "con 1"
    inner.cell(0, 1).text = "con 2"
    c.add_paragraph("sau bảng con")
    t.cell(1, 1).text = "Thu ngân sách"
    merged = t.cell(1, 2).merge(t.cell(2, 2))
    merged.text = "Vượt"
    wide = t.cell(2, 0).merge(t.cell(2, 1))
    wide.text = "Hàng gộp"
    d.add_paragraph("Sau bảng")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "Bảng hai"
    doc = read_docx(save(d, tmp_path).read_bytes(), "tbl.docx")
    got = [(b.text, b.kind, b.table) for b in doc.blocks]
    assert got == [
        ("Bảng 1. Kết quả", "paragraph", None),
        ("TT", "table_cell", (0, 0, 0)),
        ("Chỉ tiêu", "table_cell", (0, 0, 1)),
        ("Đánh giá", "table_cell", (0, 0, 2)),
        ("Ô có bảng con", "table_cell", (0, 1, 0)),
        ("đoạn thứ hai", "table_cell", (0, 1, 0)),
        ("con 1", "table_cell", ("0.0", 0, 0)),
        ("con 2", "table_cell", ("0.0", 0, 1)),
        ("sau bảng con", "table_cell", (0, 1, 0)),
        ("Thu ngân sách", "table_cell", (0, 1, 1)),
        ("Vượt", "table_cell", (0, 1, 2)),          # vertically merged: once
        ("Hàng gộp", "table_cell", (0, 2, 0)),      # horizontally merged: once
        ("Sau bảng", "paragraph", None),
        ("Bảng hai", "table_cell", (1, 0, 0)),
    ]
    assert doc.blocks[5].source == {"table": 0, "row": 1, "col": 0, "paragraph": 2}


def test_word_comment_lands_on_its_block(tmp_path):
    d = docx.Document()
    d.add_paragraph("Đoạn đầu.")
    p = d.add_paragraph("Kết quả: đã tổ chức 12 hội nghị; đã ra 8 nghị quyết.")
    d.add_paragraph("Đoạn cuối.")
    d.add_comment(p.runs, text="reportcheck: ignore listing", author="Văn phòng", initials="VP")
    doc = read_docx(save(d, tmp_path).read_bytes(), "c.docx")
    assert len(doc.comments) == 1
    com = doc.comments[0]
    assert (com.block, com.author, com.text) == (1, "Văn phòng", "reportcheck: ignore listing")
    assert doc.blocks[1].comments == [("Văn phòng", "reportcheck: ignore listing")]
    assert doc.blocks[0].comments == [] and doc.blocks[2].comments == []
    assert "reportcheck" not in doc.text


def test_comment_starting_in_empty_paragraph_goes_to_next_block(tmp_path):
    d = docx.Document()
    d.add_paragraph("Một.")
    empty = d.add_paragraph()
    d.add_paragraph("Hai.")
    three = d.add_paragraph("Ba.")
    d.add_comment(three.runs, text="xem lại", author="A")
    # move the range start from "Ba." into the empty paragraph before "Hai."
    start = three._p.find(qn("w:commentRangeStart"))
    three._p.remove(start)
    empty._p.append(start)
    doc = read_docx(save(d, tmp_path).read_bytes(), "c2.docx")
    assert [(c.block, c.text) for c in doc.comments] == [(1, "xem lại")]
    assert doc.blocks[1].text == "Hai." and doc.blocks[1].comments == [("A", "xem lại")]


def test_properties_page_fonts_sizes_core(tmp_path):
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    d.core_properties.title = "Báo cáo chính trị"
    d.core_properties.author = "Văn phòng cấp ủy"
    p = d.add_paragraph()
    r = p.add_run("Nội dung chính ")
    r.font.name, r.font.size = "Times New Roman", Pt(14)
    r2 = p.add_run("in đậm")
    r2.font.name, r2.font.size, r2.bold = "Arial", Pt(13), True
    q = d.add_paragraph()
    b = q.add_run("TOÀN BỘ IN ĐẬM")
    b.bold = True
    b.font.name = "Times New Roman"
    q.add_run("  ")  # whitespace run does not break "all runs bold"
    doc = read_docx(save(d, tmp_path).read_bytes(), "p.docx")
    page = doc.properties["page"]
    assert page == {"width_mm": 210.0, "height_mm": 297.0, "top_mm": 20.0, "bottom_mm": 20.0,
                    "left_mm": 30.0, "right_mm": 15.0}
    fonts, sizes = doc.properties["fonts"], doc.properties["sizes"]
    assert isinstance(fonts, Counter) and fonts.most_common(1)[0][0] == "Times New Roman"
    assert fonts["Arial"] == len("in đậm")
    assert sizes[14] == len("Nội dung chính ") and sizes[13] == len("in đậm")
    assert doc.properties["core"] == {"title": "Báo cáo chính trị", "author": "Văn phòng cấp ủy"}
    assert doc.blocks[0].bold is False and doc.blocks[1].bold is True


def test_theme_and_default_fonts_resolve(tmp_path):
    d = docx.Document()  # python-docx's template: docDefaults name the minorHAnsi theme font
    d.add_paragraph("Chữ theo mặc định")
    doc = read_docx(save(d, tmp_path).read_bytes(), "f.docx")
    assert doc.properties["fonts"] == Counter({"Cambria": len("Chữ theo mặc định")})  # theme minor latin
    assert doc.properties["sizes"] == Counter({11: len("Chữ theo mặc định")})  # docDefaults sz 22


def test_nfc_normalisation(tmp_path):
    d = docx.Document()
    d.add_paragraph("Vie\u0302\u0323t Nam, ho\u0300a bi\u0300nh")  # decomposed
    doc = read_docx(save(d, tmp_path).read_bytes(), "nfc.docx")
    assert doc.text == "Việt Nam, hòa bình"


def test_docm_and_strict_namespaces_are_read(tmp_path):
    d = docx.Document()
    d.add_paragraph("Văn bản mẫu")
    path = save(d, tmp_path, "m.docm")
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    patch_zip(path, {"word/document.xml": lambda s: s.replace(W_NS, strict)})
    doc = load(path)
    assert body_lines(doc) == ["Văn bản mẫu"]


def test_empty_body_is_empty_file(tmp_path):
    d = docx.Document()
    d.add_paragraph("")
    d.add_table(rows=1, cols=2)
    path = save(d, tmp_path)
    assert read_docx(path.read_bytes(), "e.docx").blocks == []
    with pytest.raises(ReadError) as exc:
        load(path)
    assert exc.value.code == "empty-file"


# -- broken inputs -------------------------------------------------------------------------
def _load_error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as exc:
        load(path)
    return exc.value


def test_corrupt_zip(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    err = _load_error(path)
    assert err.code == "corrupt-docx" and "hỏng" in err.message


def test_truncated_docx(tmp_path):
    d = docx.Document()
    for i in range(50):
        d.add_paragraph(f"Đoạn số {i} của báo cáo.")
    data = save(d, tmp_path, "full.docx").read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 200):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(data[:cut])
        err = _load_error(path)
        assert err.code == "corrupt-docx", (cut, err)


def test_bad_crc_and_bad_xml_and_missing_main_part(tmp_path):
    d = docx.Document()
    d.add_paragraph("Nội dung")
    good = save(d, tmp_path, "good.docx")
    # malformed XML in the main part
    bad_xml = tmp_path / "badxml.docx"
    bad_xml.write_bytes(good.read_bytes())
    patch_zip(bad_xml, {"word/document.xml": lambda s: s.replace("</w:body>", "")})
    assert _load_error(bad_xml).code == "corrupt-docx"
    # no main part at all
    missing = tmp_path / "missing.docx"
    missing.write_bytes(good.read_bytes())
    patch_zip(missing, {"word/document.xml": None})
    err = _load_error(missing)
    assert err.code == "corrupt-docx" and "document.xml" in err.message
    # a stored (uncompressed) main part with a flipped byte: CRC mismatch
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(buf, "w") as out:
        for info in z.infolist():
            out.writestr(info.filename, z.read(info.filename), compress_type=zipfile.ZIP_STORED)
    raw = bytearray(buf.getvalue())
    i = raw.find(b"N\xe1\xbb\x99i dung")
    raw[i] ^= 0x20
    crc = tmp_path / "crc.docx"
    crc.write_bytes(bytes(raw))
    assert _load_error(crc).code == "corrupt-docx"


def test_part_size_limit(tmp_path, monkeypatch):
    d = docx.Document()
    d.add_paragraph("x" * 5000)
    path = save(d, tmp_path)
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 2000)
    err = _load_error(path)
    assert err.code == "corrupt-docx" and "MB" in err.message


def test_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    path = save(d, tmp_path)

    def inject(s: str) -> str:
        head, rest = s.split("?>", 1)
        dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        return head + "?>" + dtd + rest.replace("PLACEHOLDER", "trước &xxe; sau")

    patch_zip(path, {"word/document.xml": inject})
    doc = load(path)
    assert "BÍ MẬT" not in doc.text
    assert doc.text.startswith("trước") and doc.text.endswith("sau")


def test_text_file_renamed_docx_is_wrong_extension(tmp_path):
    path = tmp_path / "note.docx"
    path.write_text("Báo cáo chính trị\nNội dung.\n", encoding="utf-8")
    assert _load_error(path).code == "wrong-extension"


def _ole(stream_name: str) -> bytes:
    """A minimal OLE2/CFB header plus a directory entry naming one stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header += b"\x00" * (512 - len(header))
    name = stream_name.encode("utf-16-le") + b"\x00\x00"
    entry = name + b"\x00" * (64 - len(name)) + len(name).to_bytes(2, "little") + b"\x02"
    return header + entry + b"\x00" * (128 - len(entry))


def test_ole_with_encryption_info_is_encrypted_docx(tmp_path):
    path = tmp_path / "secret.docx"
    path.write_bytes(_ole("EncryptionInfo"))
    err = _load_error(path)
    assert err.code == "encrypted-docx"
    assert "mật khẩu" in err.message
    assert ole_error("x.docx", _ole("EncryptionInfo")).code == "encrypted-docx"


def test_ole_without_encryption_is_renamed_doc(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(_ole("WordDocument"))
    err = _load_error(path)
    assert err.code == "wrong-extension" and ".doc" in err.message


def test_zip_that_is_a_workbook_is_wrong_extension(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "sheet.docx"
    path.write_bytes(buf.getvalue())
    assert _load_error(path).code == "wrong-extension"


# -- shared corpora --------------------------------------------------------------------------
def _shared() -> Path | None:
    candidates = []
    if os.environ.get("REPORTCHECK_SHARED"):
        candidates.append(Path(os.environ["REPORTCHECK_SHARED"]))
    here = Path(__file__).resolve()
    candidates += [here.parents[1].parent / "shared", here.parents[2].parent / "shared"]
    for c in candidates:
        if c.is_dir():
            return c
    return None


SHARED = _shared()
needs_shared = pytest.mark.skipif(
    SHARED is None, reason="shared folder not found (set REPORTCHECK_SHARED to the folder holding corpus/ and eval-dev/)")


def _manifest(wild: Path) -> dict[str, dict]:
    rows = {}
    lines = (wild / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    for line in lines[1:]:
        rows[line.split("\t")[0]] = dict(zip(head, line.split("\t")))
    return rows


@needs_shared
def test_docx_wild_never_raises_anything_but_read_error(capsys, record_property):
    wild = SHARED / "corpus" / "docx-wild"
    if not wild.is_dir():
        pytest.skip(f"{wild} not found")
    manifest = _manifest(wild) if (wild / "MANIFEST.tsv").is_file() else {}
    outcome: dict[str, str] = {}
    unexpected: dict[str, str] = {}
    for path in sorted(p for p in wild.rglob("*") if p.is_file()):
        rel = path.relative_to(wild).as_posix()
        try:
            doc = load(path)
        except ReadError as err:
            outcome[rel] = err.code
            assert err.message.strip()
        except Exception as exc:  # noqa: BLE001 - this is what the test looks for
            unexpected[rel] = f"{type(exc).__name__}: {exc}"
        else:
            assert doc.text.strip(), rel
            outcome[rel] = "text"
    counts = Counter(outcome.values())
    summary = {"files": len(outcome) + len(unexpected), **dict(counts.most_common())}
    record_property("docx_wild_outcomes", json.dumps(summary))
    with capsys.disabled():
        print(f"\ndocx-wild: {json.dumps(summary)}")
    assert not unexpected, unexpected
    docs = [r for r in outcome if r.endswith((".docx", ".docm", ".dotx", ".dotm"))]
    assert len(docs) >= 200
    # files python-docx reads with text are read too
    for rel, row in manifest.items():
        chars = (row.get("pydocx_body_chars_vs_wt_chars") or "").split("/")[0]
        if rel in outcome and chars.isdigit() and int(chars) > 0:
            assert outcome[rel] == "text", (rel, outcome[rel])
    # the known broken ones give clear errors
    assert outcome.get("apache-poi/bug53475-password-is-pass.docx") == "encrypted-docx"
    assert outcome.get("apache-poi/truncated62886.docx") == "corrupt-docx"
    for rel, row in manifest.items():
        if "not a ZIP" in row.get("notes", "") and rel in outcome:
            assert outcome[rel] in ("corrupt-docx", "wrong-extension", "encrypted-docx"), rel


@needs_shared
def test_eval_dev_docx_paragraphs_match_txt_lines(capsys):
    units = SHARED / "eval-dev" / "units"
    if not units.is_dir():
        pytest.skip(f"{units} not found")
    pairs = [(p, p.with_suffix(".txt")) for p in sorted(units.glob("*/*.docx")) if p.with_suffix(".txt").is_file()]
    assert pairs
    started = time.perf_counter()
    docs = [(load(d), t) for d, t in pairs]
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\neval-dev: read {len(docs)} .docx in {elapsed * 1000:.0f} ms")
    for doc, txt_path in docs:
        txt = load(txt_path)
        got = [b.content for b in doc.blocks if b.kind != "table_cell"]
        want = [b.content for b in txt.blocks]
        assert got == want, txt_path
        assert [b.kind for b in doc.blocks if b.kind != "table_cell"] == [b.kind for b in txt.blocks], txt_path
        page = doc.properties["page"]
        assert (page["top_mm"], page["bottom_mm"], page["left_mm"], page["right_mm"]) == (20.0, 20.0, 30.0, 15.0)
        assert doc.properties["fonts"].most_common(1)[0][0] == "Times New Roman"
        assert doc.properties["sizes"].most_common(1)[0][0] == 14
