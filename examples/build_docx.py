#!/usr/bin/env python3
"""Build the Word twins of the bundled example unit and check them.

    python examples/build_docx.py

For every ``examples/dang-bo-xa-tan-phu/*.txt`` this writes a ``.docx`` of the
same stem beside it, laid out the way a commune party office would type the
draft in Word:

* A4, margins 20/20/30/15 mm (top/bottom/left/right), Times New Roman in all
  four rFonts slots (ascii, hAnsi, eastAsia, cs), body 14 pt, justified,
  first-line indent 1.27 cm;
* the party header as a real borderless two-column TABLE (left cell: upper
  body, issuing body, ``*``, ``Số ...``; right cell: ĐẢNG CỘNG SẢN VIỆT NAM
  in 15 pt bold and the italic place/date line);
* title 16 pt bold centred; "Phần thứ ..." (and the caps line after it),
  "I." and "1." headings in Word's built-in Heading 1/2/3 styles, restyled
  to Times New Roman bold black; "a)" sub-headings bold italic;
* ``- `` lines as real Word list paragraphs (numPr, style List Paragraph,
  the typed "- " removed).  They are bulleted with the glyph "-", except the
  list of chỉ tiêu after "II. CÁC CHỈ TIÊU CHỦ YẾU ..." in the political
  report, which is a decimal numbered list ("1.", "2.", ...);
* a real Word table of figures ("Bảng 1") right after its caption line;
* the review's closing signature block on the right half of the page.

The build is deterministic: fixed core-property dates and fixed timestamps
inside the .docx zip, so re-running it gives byte-identical files.

After building, every .docx is re-opened with python-docx and checked: the
header table against the header lines, and every body paragraph outside
tables against its .txt line (minus the "- " for list items).  A short
report is printed; the exit status is 1 if anything does not match.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips

HERE = Path(__file__).resolve().parent
UNIT_DIR = HERE / "dang-bo-xa-tan-phu"

FONT = "Times New Roman"
AUTHOR = "Văn phòng Đảng ủy"
FIXED_TIME = _dt.datetime(2025, 5, 15, 8, 0, 0)
ZIP_TIME = (2025, 5, 15, 8, 0, 0)

BODY_PT = 14
TITLE_PT = 16
PARTY_PT = 15
TABLE_PT = 13
FIRST_LINE = Cm(1.27)
# list geometry (twips): the dash/number sits where a body first line starts
LIST_LEFT_TW = 1077
LIST_HANGING_TW = 357

HEADER_PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"

# Bảng 1 exists only in the .docx; the .txt keeps the caption line.
TABLE_1 = {
    "header": ["Chỉ tiêu", "Nghị quyết đề ra", "Thực hiện", "Đánh giá"],
    "rows": [
        ["Tốc độ tăng tổng giá trị sản xuất bình quân", "8–9%/năm", "8,6%/năm", "Đạt"],
        ["Thu nhập bình quân đầu người năm 2025", "65 triệu đồng", "68,4 triệu đồng", "Vượt"],
        ["Diện tích cây ăn quả tập trung", "220 ha", "238 ha", "Vượt"],
        ["Xã đạt chuẩn nông thôn mới nâng cao", "Năm 2023", "Tháng 11/2024", "Không đạt"],
        ["Tỷ lệ hộ dùng nước sạch đạt quy chuẩn", "85%", "71,5%", "Không đạt"],
        ["Tỷ lệ hộ nghèo (chuẩn giai đoạn 2022–2025)", "Dưới 1,5%", "0,86%", "Vượt"],
        ["Tỷ lệ dân số tham gia bảo hiểm y tế", "92%", "94,1%", "Vượt"],
        ["Kết nạp đảng viên trong nhiệm kỳ", "50 đảng viên", "57 đảng viên", "Vượt"],
        ["Chi bộ hoàn thành tốt nhiệm vụ trở lên (bình quân/năm)", "Trên 85%", "88,1%", "Vượt"],
    ],
    "widths_mm": [70, 32, 35, 28],
}

DOCS = {
    "political.txt": {
        "title": "Báo cáo chính trị trình Đại hội đại biểu Đảng bộ xã Tân Phú lần thứ XV, nhiệm kỳ 2025–2030 (dự thảo)",
        "subject": "Báo cáo chính trị",
        "tables": {"Bảng 1.": TABLE_1},
        # a run of "- " lines right after this heading becomes a decimal list
        "decimal_after": ("II. CÁC CHỈ TIÊU CHỦ YẾU",),
    },
    "review.txt": {
        "title": "Báo cáo kiểm điểm sự lãnh đạo, chỉ đạo của Ban Chấp hành Đảng bộ xã Tân Phú khóa XIV, nhiệm kỳ 2020–2025",
        "subject": "Báo cáo kiểm điểm",
        "tables": {},
        "decimal_after": (),
    },
}

RE_PART = re.compile(r"^Phần thứ ")
RE_ROMAN = re.compile(r"^[IVXLC]+\. ")
RE_ARABIC = re.compile(r"^\d+\. ")
RE_LETTER = re.compile(r"^[a-zđ]\) ")
RE_CAPTION = re.compile(r"^Bảng \d+\. ")


# Schema order of the children of w:rPr and w:tblPr (ECMA-376 Part 1);
# python-docx keeps it for what it sets itself, this keeps it for the rest.
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
             "strike", "dstrike", "outline", "shadow", "emboss", "imprint",
             "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
             "eastAsianLayout", "specVanish", "oMath"]
TBLPR_ORDER = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual",
               "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
               "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout",
               "tblCellMar", "tblLook", "tblCaption", "tblDescription"]


# ---------------------------------------------------------------- helpers

def schema_order(root) -> None:
    """Stable-sort the children of every w:rPr and w:tblPr under `root`."""
    for tag, order in (("w:rPr", RPR_ORDER), ("w:tblPr", TBLPR_ORDER)):
        rank = {qn(f"w:{n}"): i for i, n in enumerate(order)}
        for el in root.iter(qn(tag)):
            kids = list(el)
            kids.sort(key=lambda c: rank.get(c.tag, len(order)))
            for c in kids:
                el.append(c)

def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def set_rfonts(rpr, name: str = FONT) -> None:
    """Put `name` in all four rFonts slots and drop theme-font overrides."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for key in list(rfonts.attrib):
        del rfonts.attrib[key]
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), name)


def style_font(style, size=None, bold=None, italic=None) -> None:
    rpr = style.element.get_or_add_rPr()
    set_rfonts(rpr)
    for tag in ("w:color",):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    f = style.font
    f.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        f.size = Pt(size)
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            rpr.append(szcs)
        szcs.set(qn("w:val"), str(int(size * 2)))
    if bold is not None:
        f.bold = bold
        f.cs_bold = bold
    if italic is not None:
        f.italic = italic
        f.cs_italic = italic


def add_run(par, text: str, size=BODY_PT, bold=False, italic=False):
    run = par.add_run(text)
    set_rfonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold or None
    run.font.italic = italic or None
    return run


def fmt(par, align, first_line=None, left=None, before=0, after=0,
        line_spacing=None, keep_next=False):
    pf = par.paragraph_format
    pf.alignment = align
    pf.first_line_indent = first_line
    if left is not None:
        pf.left_indent = left
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line_spacing is not None:
        pf.line_spacing = line_spacing
    if keep_next:
        pf.keep_with_next = True


def set_cell_width(cell, mm: float) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is None:
        tcw = OxmlElement("w:tcW")
        tcpr.insert(0, tcw)
    tcw.set(qn("w:w"), str(int(round(mm * 56.6929))))
    tcw.set(qn("w:type"), "dxa")


def fix_table_grid(table, widths_mm) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:w"), str(int(round(sum(widths_mm) * 56.6929))))
    tblw.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    grid = tbl.tblGrid
    for gc, mm in zip(grid.findall(qn("w:gridCol")), widths_mm):
        gc.set(qn("w:w"), str(int(round(mm * 56.6929))))
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm):
            set_cell_width(cell, mm)


def set_borders(table, val: str) -> None:
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.append(borders)


# --------------------------------------------------------------- numbering

class Numbering:
    """Adds one bullet and one decimal abstract definition, and a fresh
    w:num instance for every list (so decimal lists restart at 1)."""

    BULLET_ABS = 90
    DECIMAL_ABS = 91

    def __init__(self, doc):
        self.root = doc.part.numbering_part.element
        ids = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        self.next_num = max(ids + [0]) + 1
        self._add_abstract(self.BULLET_ABS, "bullet", "-", "0A1B2C90")
        self._add_abstract(self.DECIMAL_ABS, "decimal", "%1.", "0A1B2C91")

    def _add_abstract(self, abs_id, num_fmt, text, nsid):
        a = OxmlElement("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(abs_id))
        el = OxmlElement("w:nsid")
        el.set(qn("w:val"), nsid)
        a.append(el)
        el = OxmlElement("w:multiLevelType")
        el.set(qn("w:val"), "singleLevel")
        a.append(el)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", num_fmt),
                         ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        tabs = OxmlElement("w:tabs")
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "num")
        tab.set(qn("w:pos"), str(LIST_LEFT_TW))
        tabs.append(tab)
        ppr.append(tabs)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(LIST_LEFT_TW))
        ind.set(qn("w:hanging"), str(LIST_HANGING_TW))
        ppr.append(ind)
        lvl.append(ppr)
        rpr = OxmlElement("w:rPr")
        set_rfonts(rpr)
        lvl.append(rpr)
        a.append(lvl)
        # schema order: all abstractNum before any num
        existing = self.root.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(a)
        else:
            self.root.insert(0, a)

    def new_list(self, kind: str) -> int:
        num_id = self.next_num
        self.next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abs_el = OxmlElement("w:abstractNumId")
        abs_el.set(qn("w:val"), str(self.DECIMAL_ABS if kind == "decimal" else self.BULLET_ABS))
        num.append(abs_el)
        if kind == "decimal":
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), "1")
            ov.append(so)
            num.append(ov)
        self.root.append(num)
        return num_id


# ------------------------------------------------------------------ styles

def setup_document(doc, meta) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)

    # document defaults: Times New Roman, Vietnamese
    styles_el = doc.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    set_rfonts(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")

    normal = doc.styles["Normal"]
    style_font(normal, size=BODY_PT)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = FIRST_LINE
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.1

    for name, align, first in (("Heading 1", WD_ALIGN_PARAGRAPH.CENTER, Cm(0)),
                               ("Heading 2", WD_ALIGN_PARAGRAPH.JUSTIFY, FIRST_LINE),
                               ("Heading 3", WD_ALIGN_PARAGRAPH.JUSTIFY, FIRST_LINE)):
        st = doc.styles[name]
        style_font(st, size=BODY_PT, bold=True, italic=False)
        hpf = st.paragraph_format
        hpf.alignment = align
        hpf.first_line_indent = first
        hpf.space_before = Pt(6)
        hpf.space_after = Pt(6)
        hpf.keep_with_next = True
        hpf.line_spacing = 1.1
    for name in ("Heading 1 Char", "Heading 2 Char", "Heading 3 Char"):
        style_font(doc.styles[name], size=BODY_PT, bold=True, italic=False)

    lp = doc.styles["List Paragraph"]
    style_font(lp, size=BODY_PT)
    lpf = lp.paragraph_format
    lpf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    lpf.left_indent = Twips(LIST_LEFT_TW)
    lpf.first_line_indent = Twips(-LIST_HANGING_TW)
    lpf.space_after = Pt(3)

    style_font(doc.styles["Table Grid"], size=TABLE_PT)

    # page number at the top centre from page 2 on
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    fmt(hp, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0))
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    set_rfonts(rpr)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "2"
    r.append(t)
    fld.append(r)
    hp._p.append(fld)

    cp = doc.core_properties
    cp.title = meta["title"]
    cp.subject = meta["subject"]
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.category = "Dự thảo văn kiện đại hội"
    cp.keywords = "Đảng bộ xã Tân Phú; đại hội; nhiệm kỳ 2025–2030"
    cp.comments = "Ví dụ của reportcheck; tên người, địa danh và số liệu đều là hư cấu."
    cp.language = "vi-VN"
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1


# ------------------------------------------------------------------- build

def split_header(lines):
    k = lines.index(HEADER_PARTY)
    return lines[:k], lines[k:k + 2], k + 2


def header_table(doc, left, right):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_borders(table, "nil")
    fix_table_grid(table, [72, 93])
    lc, rc = table.rows[0].cells
    for cell, items in ((lc, left), (rc, right)):
        for i, text in enumerate(items):
            par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            fmt(par, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), line_spacing=1.0)
            if cell is lc:
                # line 2 is the issuing body or congress: bold
                add_run(par, text, bold=(i == 1))
            elif text == HEADER_PARTY:
                add_run(par, text, size=PARTY_PT, bold=True)
            else:
                fmt(par, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), before=6,
                    line_spacing=1.0)
                add_run(par, text, italic=True)
    return table


def figure_table(doc, spec):
    rows = spec["rows"]
    table = doc.add_table(rows=1 + len(rows), cols=len(spec["header"]))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_borders(table, "single")
    fix_table_grid(table, spec["widths_mm"])
    # repeat the header row on a new page
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    for r, values in enumerate([spec["header"]] + rows):
        for c, value in enumerate(values):
            par = table.rows[r].cells[c].paragraphs[0]
            align = WD_ALIGN_PARAGRAPH.LEFT if (c == 0 and r > 0) else WD_ALIGN_PARAGRAPH.CENTER
            fmt(par, align, first_line=Cm(0), before=2, after=2, line_spacing=1.0)
            add_run(par, value, size=TABLE_PT, bold=(r == 0))
    return table


def build(txt: Path, meta) -> Path:
    lines = read_lines(txt)
    left, right, k = split_header(lines)
    doc = Document()
    setup_document(doc, meta)
    numbering = Numbering(doc)

    header_table(doc, left, right)

    # title block: the title, then lines starting lower-case or "("
    title = doc.add_paragraph()
    fmt(title, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), before=18, after=0)
    add_run(title, lines[k], size=TITLE_PT, bold=True)
    i = k + 1
    while i < len(lines) and (lines[i][:1].islower() or lines[i].startswith("(")):
        par = doc.add_paragraph()
        paren = lines[i].startswith("(")
        fmt(par, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), after=12 if paren else 0)
        add_run(par, lines[i], bold=not paren, italic=paren)
        i += 1

    try:
        sig = next(j for j in range(i, len(lines)) if lines[j].startswith("T/M "))
    except StopIteration:
        sig = len(lines)

    prev_kind = None
    last_heading = ""
    list_id = None
    for j in range(i, sig):
        line = lines[j]
        if line.startswith("- "):
            if prev_kind != "item":
                decimal = any(last_heading.startswith(h) for h in meta["decimal_after"])
                list_id = numbering.new_list("decimal" if decimal else "bullet")
            par = doc.add_paragraph(style="List Paragraph")
            numpr = par._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = list_id
            add_run(par, line[2:])
            prev_kind = "item"
            continue
        if RE_PART.match(line) or prev_kind == "part":
            par = doc.add_paragraph(style="Heading 1")
            if RE_PART.match(line):
                par.paragraph_format.space_before = Pt(12)
                par.paragraph_format.space_after = Pt(0)
            add_run(par, line, bold=True)
            prev_kind = "part" if RE_PART.match(line) else "heading"
            last_heading = line
            continue
        if RE_ROMAN.match(line) or RE_ARABIC.match(line):
            par = doc.add_paragraph(style="Heading 2" if RE_ROMAN.match(line) else "Heading 3")
            add_run(par, line, bold=True)
            prev_kind = "heading"
            last_heading = line
            continue
        if RE_LETTER.match(line):
            par = doc.add_paragraph()
            par.paragraph_format.keep_with_next = True
            add_run(par, line, bold=True, italic=True)
            prev_kind = "subheading"
            continue
        caption = next((p for p in meta["tables"] if line.startswith(p)), None)
        if caption is not None and RE_CAPTION.match(line):
            par = doc.add_paragraph()
            fmt(par, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), before=6, after=6,
                keep_next=True)
            add_run(par, line, bold=True)
            figure_table(doc, meta["tables"][caption])
            prev_kind = "table"
            continue
        par = doc.add_paragraph()
        if prev_kind == "table":
            par.paragraph_format.space_before = Pt(6)
        add_run(par, line)
        prev_kind = "body"

    # signature block on the right half of the page
    for n, line in enumerate(lines[sig:]):
        par = doc.add_paragraph()
        last = n == len(lines) - sig - 1
        fmt(par, WD_ALIGN_PARAGRAPH.CENTER, first_line=Cm(0), left=Mm(80),
            before=(66 if last else (12 if n == 0 else 0)), after=0,
            keep_next=not last)
        add_run(par, line, bold=True)

    for root in (doc.element, doc.styles.element, doc.part.numbering_part.element):
        schema_order(root)
    # drop python-docx's template thumbnail: Word does not write one either
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            pkg.rels.pop(rid)

    out = txt.with_suffix(".docx")
    write_deterministic(doc, out)
    return out


def write_deterministic(doc, out: Path) -> None:
    """Save, then re-zip every member with a fixed timestamp."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    dst = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 3
            zout.writestr(zi, zin.read(info.filename))
    out.write_bytes(dst.getvalue())


# ------------------------------------------------------------------ verify

def list_format(doc, num_id: int):
    root = doc.part.numbering_part.element
    for num in root.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            abs_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
            for a in root.findall(qn("w:abstractNum")):
                if a.get(qn("w:abstractNumId")) == abs_id:
                    lvl = a.find(qn("w:lvl"))
                    return (lvl.find(qn("w:numFmt")).get(qn("w:val")),
                            lvl.find(qn("w:lvlText")).get(qn("w:val")))
    return (None, None)


def verify(txt: Path, meta) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    problems = []
    lines = read_lines(txt)
    left, right, k = split_header(lines)
    doc = Document(str(txt.with_suffix(".docx")))
    blocks = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            blocks.append(Table(child, doc))

    head = blocks[0]
    if not isinstance(head, Table):
        problems.append("first block is not the header table")
    else:
        cells = head.rows[0].cells
        got_l = [p.text for p in cells[0].paragraphs]
        got_r = [p.text for p in cells[1].paragraphs]
        if got_l != left:
            problems.append(f"header left cell {got_l!r} != {left!r}")
        if got_r != right:
            problems.append(f"header right cell {got_r!r} != {right!r}")

    expected = lines[k:]
    paras = []
    tables_after = []
    for b in blocks[1:]:
        if isinstance(b, Table):
            tables_after.append(len(paras))
        else:
            paras.append(b)
    if len(paras) != len(expected):
        problems.append(f"{len(paras)} body paragraphs, {len(expected)} .txt lines after the header")
    counts = {"bullet": 0, "decimal": 0}
    for n, (par, line) in enumerate(zip(paras, expected)):
        lineno = k + n + 1
        ppr = par._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if line.startswith("- "):
            want = line[2:]
            if numpr is None:
                problems.append(f"line {lineno}: list item without numPr")
            else:
                num_fmt, text = list_format(doc, numpr.numId.val)
                counts["decimal" if num_fmt == "decimal" else "bullet"] += 1
                if num_fmt == "bullet" and text != "-":
                    problems.append(f"line {lineno}: bullet glyph {text!r}")
            if par.style.name != "List Paragraph":
                problems.append(f"line {lineno}: style {par.style.name!r}")
        else:
            want = line
            if numpr is not None:
                problems.append(f"line {lineno}: unexpected numPr")
        if par.text != want:
            problems.append(f"line {lineno}: {par.text[:40]!r} != {want[:40]!r}")
    for pos in tables_after:
        cap = expected[pos - 1] if pos else ""
        if not RE_CAPTION.match(cap):
            problems.append(f"table after {cap[:40]!r}, not after a caption line")

    sec = doc.sections[0]
    geo = [round(x.mm) for x in (sec.page_width, sec.page_height, sec.top_margin,
                                  sec.bottom_margin, sec.left_margin, sec.right_margin)]
    if geo != [210, 297, 20, 20, 30, 15]:
        problems.append(f"page geometry {geo}")
    rf = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    slots = {s: rf.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")}
    if set(slots.values()) != {FONT}:
        problems.append(f"Normal rFonts {slots}")
    if doc.core_properties.author != AUTHOR:
        problems.append("core author")

    n_heads = sum(1 for p in paras if p.style.name.startswith("Heading"))
    print(f"{txt.with_suffix('.docx').relative_to(HERE.parent)}: "
          f"header table {len(left)}+{len(right)} lines; {len(paras)} body paragraphs "
          f"vs {len(expected)} .txt lines; {n_heads} headings; "
          f"{counts['bullet']} bullet + {counts['decimal']} decimal list items; "
          f"{len(tables_after)} figure table(s); "
          f"{'OK' if not problems else str(len(problems)) + ' problem(s)'}")
    for p in problems:
        print("   -", p)
    return problems


def main() -> int:
    failures = 0
    for name, meta in DOCS.items():
        txt = UNIT_DIR / name
        build(txt, meta)
    for name, meta in DOCS.items():
        failures += len(verify(UNIT_DIR / name, meta))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
