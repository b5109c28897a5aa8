"""WordprocessingML vocabulary and body walkers shared by the .docx reader and the annotator.

:mod:`reportcheck.readers.docx` reads a package into a :class:`~reportcheck.document.Document`;
:mod:`reportcheck.render.annotate` walks the same body again to find the Word
paragraph of each block. Both must look through the same wrappers (content
controls, tracked insertions, ``mc:AlternateContent``) and skip the same
deleted and merged cells, so the tag names and those walks live here once.

>>> w("p")
'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'
>>> to_int("12"), to_int("3.0"), to_int(None), to_int("x", 0)
(12, 3, None, 0)
"""

from __future__ import annotations

__all__ = [
    "NS_W", "NS_R", "NS_MC", "NS_M", "NS_A", "w",
    "choice", "is_on", "iter_content", "sdt_content", "table_cells", "to_int",
    "BLOCK_SKIP", "RUN_CHARS", "INVISIBLE",
]

# -- namespaces -------------------------------------------------------------
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(name: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{NS_W}}}{name}"


W_BODY, W_P, W_R, W_T, W_TBL, W_TR, W_TC = map(w, ("body", "p", "r", "t", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_PSTYLE, W_RSTYLE = map(w, ("pPr", "rPr", "pStyle", "rStyle"))
W_NUMPR, W_NUMID, W_ILVL, W_OUTLINE = map(w, ("numPr", "numId", "ilvl", "outlineLvl"))
W_B, W_RFONTS, W_SZ, W_VAL = w("b"), w("rFonts"), w("sz"), w("val")
W_ASCII, W_ASCII_THEME = w("ascii"), w("asciiTheme")
W_SECTPR, W_PGSZ, W_PGMAR = w("sectPr"), w("pgSz"), w("pgMar")
W_HDR_REF, W_FTR_REF = w("headerReference"), w("footerReference")
W_INS, W_DEL, W_MOVE_TO, W_MOVE_FROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
W_SDT, W_SDT_CONTENT, W_SDT_PR, W_PLACEHOLDER = w("sdt"), w("sdtContent"), w("sdtPr"), w("showingPlcHdr")
W_FLD_SIMPLE, W_FLD_CHAR, W_FLD_CHAR_TYPE = w("fldSimple"), w("fldChar"), w("fldCharType")
W_CRS, W_COMMENT_REF, W_ID = w("commentRangeStart"), w("commentReference"), w("id")
W_TXBX = w("txbxContent")
W_TRPR, W_TCPR, W_GRID_BEFORE, W_GRID_SPAN = w("trPr"), w("tcPr"), w("gridBefore"), w("gridSpan")
W_VMERGE, W_HMERGE, W_CELL_DEL = w("vMerge"), w("hMerge"), w("cellDel")
W_TYPE, W_VANISH = w("type"), w("vanish")
R_ID = f"{{{NS_R}}}id"
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{NS_MC}}}AlternateContent", f"{{{NS_MC}}}Choice", f"{{{NS_MC}}}Fallback"
M_OMATH, M_OMATH_PARA, M_T = f"{{{NS_M}}}oMath", f"{{{NS_M}}}oMathPara", f"{{{NS_M}}}t"

#: run children that read as one character
RUN_CHARS = {w("tab"): " ", w("ptab"): " ", w("br"): " ", w("cr"): " ",
             w("noBreakHyphen"): "-", w("softHyphen"): ""}
#: block-level elements with no paragraphs inside (properties, and the section)
BLOCK_SKIP = frozenset({W_TCPR, w("tblPr"), w("tblGrid"), W_TRPR, W_PPR, w("customXmlPr"), W_SECTPR})
#: zero-width characters stripped from paragraph text
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


# -- small helpers ---------------------------------------------------------------
def to_int(value: str | None, default: int | None = None) -> int | None:
    """``value`` as an int (``"3.0"`` reads as 3); ``default`` when absent or unreadable.

    Callers pass the default they mean: the reader's numbering ids keep None
    for "absent", table spans and offsets pass 0 or 1.
    """
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        try:
            return int(float(value))
        except (ValueError, OverflowError):
            return default


def is_on(el) -> bool:
    """Value of an ST_OnOff property element (``<w:b/>`` is on)."""
    v = el.get(W_VAL)
    return v is None or v.lower() not in ("0", "false", "off", "none")


def choice(alt):
    """The branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    for child in alt:
        if child.tag == MC_CHOICE:
            return child
    for child in alt:
        if child.tag == MC_FALLBACK:
            return child
    return None


def sdt_content(sdt):
    """The ``w:sdtContent`` of a content control, or None when it shows placeholder text."""
    content = placeholder = None
    for c in sdt:
        if c.tag == W_SDT_CONTENT:
            content = c
        elif c.tag == W_SDT_PR:
            placeholder = c.find(W_PLACEHOLDER)
    if placeholder is not None and is_on(placeholder):
        return None
    return content


def iter_content(el, wanted: str):
    """Children of ``el`` with tag ``wanted``, looking through sdt/customXml/ins wrappers."""
    for c in el:
        tag = c.tag
        if tag == wanted:
            yield c
        elif tag == W_SDT:
            content = c.find(W_SDT_CONTENT)
            if content is not None:
                yield from iter_content(content, wanted)
        elif tag in (w("customXml"), W_INS, W_MOVE_TO):
            yield from iter_content(c, wanted)
        elif tag == MC_ALT:
            branch = choice(c)
            if branch is not None:
                yield from iter_content(branch, wanted)


def table_cells(tbl):
    """``(row, col, w:tc)`` for the cells of a table that carry their own content.

    Deleted rows are skipped (and not counted); ``col`` is the grid column
    (``w:gridBefore`` and ``w:gridSpan`` counted); continuation cells of a
    vertical or horizontal merge and deleted cells are skipped but keep
    their columns.
    """
    row = 0
    for tr in iter_content(tbl, W_TR):
        trpr = tr.find(W_TRPR)
        col = 0
        if trpr is not None:
            if trpr.find(W_DEL) is not None:
                continue
            gb = trpr.find(W_GRID_BEFORE)
            if gb is not None:
                col = to_int(gb.get(W_VAL), 0)
        for tc in iter_content(tr, W_TC):
            tcpr = tc.find(W_TCPR)
            span, skip = 1, False
            if tcpr is not None:
                for c in tcpr:
                    if c.tag == W_GRID_SPAN:
                        span = max(to_int(c.get(W_VAL), 1), 1)
                    elif c.tag in (W_VMERGE, W_HMERGE):
                        skip = (c.get(W_VAL) or "continue") == "continue"
                    elif c.tag == W_CELL_DEL:
                        skip = True
            if not skip:
                yield row, col, tc
            col += span
        row += 1
