"""Word-numbered headings ("I." produced by numbering, not typed) still open the report's parts."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import reportcheck


def _numbered(doc, text, num_id, bold=True):
    p = doc.add_paragraph()
    p.add_run(text).bold = bold
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _with_roman_numbering(doc) -> int:
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def test_word_numbered_bold_headings_are_parts(tmp_path):
    d = docx.Document()
    d.add_paragraph("BÁO CÁO KIỂM ĐIỂM")
    d.add_paragraph("sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ xã khóa X")
    num = _with_roman_numbering(d)
    _numbered(d, "ƯU ĐIỂM", num)
    d.add_paragraph("Ban Chấp hành đã lãnh đạo hoàn thành các chỉ tiêu chủ yếu của nghị quyết, nhiều chỉ tiêu vượt.")
    _numbered(d, "HẠN CHẾ, KHUYẾT ĐIỂM", num)
    d.add_paragraph("Ban Thường vụ chậm chỉ đạo giải phóng mặt bằng; đồng chí Phó Bí thư chịu trách nhiệm.")
    path = tmp_path / "review.docx"
    d.save(path)
    doc = reportcheck.load(path)
    roles = [s.role for s in doc.sections if s.source == "heading"]
    assert roles == ["results", "limitations"], roles
