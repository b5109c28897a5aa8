"""Word (.docx, .docm, .dotx) drafts: the package read into a :class:`Document`.

The extracted text has one line per block: every non-empty body paragraph
and every non-empty paragraph of a table cell (nested tables included), in
document order. What the reader keeps and drops:

- tracked changes are read as if accepted: ``w:ins``/``w:moveTo`` kept,
  ``w:del``/``w:moveFrom`` dropped, a deleted paragraph mark joins the
  paragraph to the next one, deleted table rows are dropped;
- fields show their displayed result (``w:fldSimple`` content, the runs
  between ``fldChar separate`` and ``end``, the chosen entry of a legacy
  drop-down), never the instruction;
- hidden text (``w:vanish`` on the run) is dropped;
- hyperlinks, smart tags, custom XML and content controls (``w:sdt``) are
  read through; a content control still showing its placeholder is skipped;
- ``w:tab``, ``w:br``, ``w:cr`` become a space, ``w:noBreakHyphen`` a
  hyphen, soft hyphens vanish, ``w:sym`` is skipped;
- headers, footers, footnotes, endnotes and text boxes are kept apart in
  ``Document.extra`` (``headers``, ``footers``, ``footnotes``, ``endnotes``,
  ``textboxes``: one string per part, note or box, its paragraphs joined by
  "\\n"; a text box inside a header counts with that header). Only when
  the body has no text at all are its text boxes read as the body (source
  ``{"textbox": n, "paragraph": k}``), so such a draft is not called empty;
- Word comments become :class:`~reportcheck.document.Comment` objects on
  the block where their range starts (``Block.comments`` too).

Block kinds: ``heading`` from the paragraph style (Heading N, Title, a
localised name, style id ``HeadingN``) or an outline level; ``list_item``
when Word numbering applies (on the paragraph or through its style);
otherwise :func:`~reportcheck.readers.text.classify_line` reads typed
markers as for a text file; table paragraphs are ``table_cell``.

``Block.source`` locates a block in the package: ``{"paragraph": i}`` for a
body paragraph (``i`` counts body-level paragraphs, empty ones included, so
it is the index in python-docx's ``Document.paragraphs`` when the body has
no block-level content control), and ``{"table": id, "row": r, "col": c,
"paragraph": k}`` for a cell paragraph (``col`` is the grid column,
``k`` the paragraph's index in the cell; ``"paragraph": None`` when
paragraphs were joined because a paragraph mark was deleted in tracked
changes). A Word list item also has ``"lvl_text"``, the level's
``w:lvlText`` (the bullet glyph or a pattern such as ``"%1."``).
Top-level tables are numbered 0, 1, …; a table nested in table 3 gets the
id ``"3.0"``, the next one ``"3.1"``, and so on down (``"3.1.0"``).

``Document.properties``:

- ``page``: ``width_mm``, ``height_mm``, ``top_mm``, ``bottom_mm``,
  ``left_mm``, ``right_mm`` of the first section (None when absent);
- ``fonts``: Counter font name → number of body characters set in it (the
  ``ascii`` slot of the run, else its character style, paragraph style and
  document defaults; theme fonts resolved);
- ``sizes``: Counter size in pt → number of body characters;
- ``core``: ``title`` and ``author`` from docProps/core.xml (or None);
- ``warnings``: Vietnamese notes on damaged secondary parts (styles,
  numbering, headers …) that were skipped; the body was still read.

The package is read with :mod:`zipfile` and lxml directly rather than
through ``docx.Document``: only the parts that matter are opened, and
packages python-docx refuses (macro-enabled .docm, templates, Strict
OOXML, a main part under another name) are read like any .docx. The XML
parser never resolves entities nor touches the network, each part is
capped at 200 MB uncompressed, and every malformed package ends in a
:class:`~reportcheck.errors.ReadError` (``corrupt-docx``,
``encrypted-docx`` or ``wrong-extension``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections import Counter
from urllib.parse import unquote

from lxml import etree

from ..document import Block, Comment, Document
from ..errors import ReadError
from ..normalize import to_nfc
from .ooxml import (
    BLOCK_SKIP, INVISIBLE, M_OMATH, M_OMATH_PARA, M_T, MC_ALT, MC_FALLBACK, NS_A, NS_M, NS_R, NS_W, R_ID, RUN_CHARS,
    W_ASCII, W_ASCII_THEME, W_B, W_BODY, W_COMMENT_REF, W_CRS, W_DEL, W_FLD_CHAR, W_FLD_CHAR_TYPE,
    W_FLD_SIMPLE, W_FTR_REF, W_HDR_REF, W_ID, W_ILVL, W_INS, W_MOVE_FROM, W_MOVE_TO, W_NUMID, W_NUMPR,
    W_OUTLINE, W_P, W_PGMAR, W_PGSZ, W_PPR, W_PSTYLE, W_R, W_RFONTS, W_RPR, W_RSTYLE, W_SDT,
    W_SDT_CONTENT, W_SECTPR, W_SZ, W_T, W_TBL, W_TC, W_TR, W_TXBX, W_TYPE, W_VAL, W_VANISH,
    choice, is_on, iter_content, sdt_content, table_cells, to_int, w,
)
from .text import classify_line

__all__ = ["read_docx", "ole_error", "MAX_PART_BYTES"]

#: largest uncompressed size accepted for one XML part of the package
MAX_PART_BYTES = 200 * 1024 * 1024
#: largest uncompressed size of all parts read from one package
MAX_TOTAL_BYTES = 400 * 1024 * 1024

# -- namespaces -------------------------------------------------------------
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"

# Strict OOXML uses other namespace names for the same vocabulary.
_STRICT_NS = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", NS_W.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", NS_R.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/math", NS_M.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/main", NS_A.encode()),
)


# run children that may hold text boxes
_DRAWINGS = {w("drawing"), w("pict"), w("object"), MC_ALT}
# paragraph-level wrappers whose content is read as if it were inline
_INLINE_WRAPPERS = {w("hyperlink"), w("smartTag"), w("customXml"), W_INS, W_MOVE_TO,
                    w("dir"), w("bdo"), W_FLD_SIMPLE}
# paragraph-level elements with no text of their own
_INLINE_SKIP = {W_PPR, w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("permStart"),
                w("permEnd"), w("commentRangeEnd"), w("moveFromRangeStart"),
                w("moveFromRangeEnd"), w("moveToRangeStart"), w("moveToRangeEnd"),
                w("customXmlPr"), w("smartTagPr"), w("subDoc")}

# characters that would start a new line, and soft hyphens
_LINE_CHARS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\xad]")

_HEADING_NAME = re.compile(
    r"(?:heading|tiêu\s*đề|đầu\s*đề|titre|überschrift|título|titolo|kop|rubrik|nagłówek|заголовок|标题)\s*(\d)$",
    re.I)
_HEADING_ID = re.compile(r"heading\s*(\d)$", re.I)
_TITLE_NAMES = {"title", "tiêu đề", "tựa đề", "titre", "titel", "título", "titolo", "название"}
_UNIVERSAL = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")
_MM_PER = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6, "pi": 25.4 / 6}


class _Corrupt(Exception):
    """A malformed package: carries the Vietnamese explanation and error code."""

    def __init__(self, message: str, code: str = "corrupt-docx"):
        super().__init__(message)
        self.message, self.code = message, code


# -- small helpers ---------------------------------------------------------------
def _twips_to_mm(value: str | None) -> float | None:
    """A twips value (or a Strict universal measure such as ``20mm``) in mm."""
    if value is None:
        return None
    m = _UNIVERSAL.match(value)
    if not m:
        return None
    number = abs(float(m.group(1)))
    unit = m.group(2)
    mm = number * _MM_PER[unit] if unit else number * 25.4 / 1440
    return round(mm, 1)


def _half_points(value: str | None) -> float | None:
    if value is None:
        return None
    m = _UNIVERSAL.match(value)
    if not m:
        return None
    number = float(m.group(1))
    if m.group(2) == "pt":
        return number
    if m.group(2):
        return round(number * _MM_PER[m.group(2)] / (25.4 / 72), 2)
    return number / 2


def _clean(raw: str) -> str:
    """One paragraph's text on one line: line breaks to spaces, stripped, NFC."""
    if _LINE_CHARS.search(raw):
        raw = _LINE_CHARS.sub(lambda m: "" if m.group() == "\xad" else " ", raw)
    s = raw.strip().strip(INVISIBLE).strip()
    if s and not s.isascii():
        s = to_nfc(s)[0]
    return s


# -- the package -----------------------------------------------------------
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          remove_comments=True, remove_pis=True, collect_ids=False,
                          huge_tree=False)


class _Package:
    """The ZIP container: parts by case-insensitive name, relationships, XML."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.infos: dict[str, zipfile.ZipInfo] = {}
        for info in self.zip.infolist():
            self.infos.setdefault(info.filename.replace("\\", "/").lstrip("/").lower(), info)
        self.total = 0
        self.strict = False

    def has(self, name: str) -> bool:
        return name.lower() in self.infos

    def blob(self, name: str) -> bytes:
        info = self.infos.get(name.lower())
        if info is None:
            raise KeyError(name)
        if info.file_size > MAX_PART_BYTES:
            raise _Corrupt(
                f"tệp .docx bất thường: phần {name} khi giải nén lớn {info.file_size // 1048576} MB, "
                f"vượt giới hạn {MAX_PART_BYTES // 1048576} MB (có thể là tệp “bom nén”); không đọc")
        with self.zip.open(info) as f:
            data = f.read(MAX_PART_BYTES + 1)
        if len(data) > MAX_PART_BYTES:
            raise _Corrupt(
                f"tệp .docx bất thường: phần {name} khi giải nén vượt giới hạn "
                f"{MAX_PART_BYTES // 1048576} MB (có thể là tệp “bom nén”); không đọc")
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise _Corrupt(
                f"tệp .docx bất thường: các phần khi giải nén vượt {MAX_TOTAL_BYTES // 1048576} MB "
                "(có thể là tệp “bom nén”); không đọc")
        return data

    def xml(self, name: str, prepare=None):
        data = self.blob(name)
        if prepare is not None:
            data = prepare(data)
        if b"purl.oclc.org/ooxml/" in data[:4096] or self.strict:
            self.strict = True
            for old, new in _STRICT_NS:
                data = data.replace(old, new)
        return etree.fromstring(data, _PARSER)

    def rels(self, part: str | None) -> list[tuple[str, str | None, str]]:
        """(type, target part name or None when external, rId) of a part ("" = package)."""
        if part:
            folder, base = posixpath.split(part)
            rels_name = posixpath.join(folder, "_rels", base + ".rels")
        else:
            folder, rels_name = "", "_rels/.rels"
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        out = []
        for rel in root.iter(f"{{{_PKG_REL}}}Relationship", "Relationship"):
            rtype, target = rel.get("Type") or "", rel.get("Target") or ""
            if (rel.get("TargetMode") or "").lower() == "external" or "://" in target:
                out.append((rtype, None, rel.get("Id") or ""))
                continue
            target = unquote(target)
            name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((rtype, name.lstrip("/"), rel.get("Id") or ""))
        return out


def _rel_kind(rtype: str) -> str:
    return rtype.rsplit("/", 1)[-1]


# -- styles and numbering ------------------------------------------------------------
class _Styles:
    """Paragraph and character styles, parsed and resolved through ``basedOn`` on demand."""

    def __init__(self, root):
        self._elements: dict[str, object] = {}
        self._raw: dict[str, dict | None] = {}
        self.default_para: str | None = None
        self.doc_bold = False
        self.doc_font: str | None = None
        self.doc_size: float | None = None
        self._resolved: dict[str, dict] = {}
        if root is None:
            return
        for el in root:
            if el.tag == w("docDefaults"):
                rpr = el.find(f"{w('rPrDefault')}/{W_RPR}")
                if rpr is not None:
                    b, f, s, _ = _rpr(rpr)
                    self.doc_bold = bool(b)
                    self.doc_font, self.doc_size = f, s
            elif el.tag == w("style"):
                sid = el.get(w("styleId"))
                if sid is None or sid in self._elements:
                    continue
                self._elements[sid] = el
                if (self.default_para is None and _on_attr(el.get(w("default")))
                        and (el.get(W_TYPE) or "paragraph") == "paragraph"):
                    self.default_para = sid

    def raw(self, sid: str) -> dict | None:
        """The properties a style sets itself (None for an unknown style id)."""
        if sid in self._raw:
            return self._raw[sid]
        el = self._elements.get(sid)
        if el is None:
            self._raw[sid] = None
            return None
        st = {"name": None, "based": None, "outline": None, "num": None, "ilvl": None,
              "bold": None, "font": None, "size": None}
        for c in el:
            tag = c.tag
            if tag == w("name"):
                st["name"] = c.get(W_VAL)
            elif tag == w("basedOn"):
                st["based"] = c.get(W_VAL)
            elif tag == W_PPR:
                for pc in c:
                    if pc.tag == W_OUTLINE:
                        st["outline"] = to_int(pc.get(W_VAL))
                    elif pc.tag == W_NUMPR:
                        for nc in pc:
                            if nc.tag == W_NUMID:
                                st["num"] = to_int(nc.get(W_VAL))
                            elif nc.tag == W_ILVL:
                                st["ilvl"] = to_int(nc.get(W_VAL))
            elif tag == W_RPR:
                st["bold"], st["font"], st["size"], _ = _rpr(c)
        self._raw[sid] = st
        return st

    def _chain(self, sid: str) -> list[tuple[str, dict]]:
        chain, seen, cur = [], set(), sid
        while cur is not None and cur not in seen:
            st = self.raw(cur)
            if st is None:
                break
            seen.add(cur)
            chain.append((cur, st))
            cur = st["based"]
        return chain

    def resolve(self, sid: str | None) -> dict:
        """Effective properties of a paragraph style (inheritance applied, defaults last)."""
        if sid is None:
            sid = self.default_para
            if sid is None:
                return {"name": None, "heading": None, "num": None, "ilvl": None,
                        "bold": self.doc_bold, "font": self.doc_font, "size": self.doc_size}
        got = self._resolved.get(sid)
        if got is not None:
            return got
        chain = self._chain(sid)
        out = {"name": chain[0][1]["name"] if chain else None, "heading": None,
               "num": None, "ilvl": None, "bold": None, "font": None, "size": None}
        heading_done = False
        for style_id, st in chain:
            if not heading_done:
                level = _heading_level(style_id, st)
                if level is not None:
                    out["heading"] = level if level > 0 else None
                    heading_done = True
            if out["num"] is None and st["num"] is not None:
                out["num"], out["ilvl"] = st["num"], st["ilvl"]
            for key in ("bold", "font", "size"):
                if out[key] is None and st[key] is not None:
                    out[key] = st[key]
        if out["bold"] is None:
            out["bold"] = self.doc_bold
        if out["font"] is None:
            out["font"] = self.doc_font
        if out["size"] is None:
            out["size"] = self.doc_size
        if out["name"] is None and not chain:
            out["name"] = sid
        self._resolved[sid] = out
        return out

    def char_style(self, sid: str) -> tuple:
        key = "\x00c" + sid
        got = self._resolved.get(key)
        if got is None:
            bold = font = size = None
            for _, st in self._chain(sid):
                bold = st["bold"] if bold is None else bold
                font = st["font"] if font is None else font
                size = st["size"] if size is None else size
            got = self._resolved[key] = (bold, font, size)
        return got

    def numbering_of(self, sid: str) -> int | None:
        st = self.raw(sid)
        return st["num"] if st else None


def _heading_level(style_id: str, st: dict) -> int | None:
    """Heading level given by one style itself: N, 0 for "explicitly body text", None."""
    if st["outline"] is not None:
        return st["outline"] + 1 if 0 <= st["outline"] < 9 else 0
    name = (st["name"] or "").strip()
    m = _HEADING_NAME.match(name) or _HEADING_ID.match(style_id)
    if m and m.group(1) != "0":
        return int(m.group(1))
    if name.lower() in _TITLE_NAMES or style_id.lower() == "title":
        return 1
    return None


def _rpr(rpr) -> tuple:
    """(bold, font, size in pt, rStyle) set by a ``w:rPr``; a theme font is kept as ``"\x00slot"``."""
    bold = font = size = rstyle = None
    for c in rpr.iterchildren(W_B, W_RFONTS, W_SZ, W_RSTYLE):
        tag = c.tag
        if tag == W_B:
            bold = is_on(c)
        elif tag == W_RFONTS:
            theme = c.get(W_ASCII_THEME)
            font = ("\x00" + theme) if theme else (c.get(W_ASCII) or None)
        elif tag == W_SZ:
            size = _half_points(c.get(W_VAL))
        elif tag == W_RSTYLE:
            rstyle = c.get(W_VAL)
    return bold, font, size, rstyle


def _on_attr(v: str | None) -> bool:
    return v is not None and v.lower() in ("1", "true", "on")


class _Numbering:
    """numId → abstractNum levels: the format (``bullet``, ``decimal`` …) of a list level."""

    def __init__(self, root, styles: _Styles):
        self._num_el: dict[int, object] = {}
        self._abs_el: dict[int, object] = {}
        self._abstracts: dict[int, dict | None] = {}
        self.styles = styles
        self._cache: dict[tuple[int, int], tuple | None] = {}
        if root is None:
            return
        for el in root:
            if el.tag == w("abstractNum"):
                aid = to_int(el.get(w("abstractNumId")))
                if aid is not None:
                    self._abs_el.setdefault(aid, el)
            elif el.tag == w("num"):
                nid = to_int(el.get(w("numId")))
                if nid is not None:
                    self._num_el.setdefault(nid, el)

    def _num(self, nid: int) -> tuple[int | None, dict[int, tuple]] | None:
        el = self._num_el.get(nid)
        if el is None:
            return None
        aid, overrides = None, {}
        for c in el:
            if c.tag == w("abstractNumId"):
                aid = to_int(c.get(W_VAL))
            elif c.tag == w("lvlOverride"):
                il = to_int(c.get(W_ILVL))
                lvl = c.find(w("lvl"))
                if il is not None and lvl is not None:
                    fmt = _lvl(lvl)
                    if fmt[1] is not None:
                        overrides[il] = fmt[1:]
        return aid, overrides

    def _abstract_info(self, aid: int | None) -> dict | None:
        if aid is None:
            return None
        if aid not in self._abstracts:
            el = self._abs_el.get(aid)
            info = None
            if el is not None:
                info = {"levels": {}, "link": None}
                for c in el:
                    if c.tag == w("lvl"):
                        lvl = _lvl(c)
                        if lvl[0] is not None and lvl[0] not in info["levels"]:
                            info["levels"][lvl[0]] = lvl[1:]
                    elif c.tag == w("numStyleLink"):
                        info["link"] = c.get(W_VAL)
            self._abstracts[aid] = info
        return self._abstracts[aid]

    def _abstract(self, nid: int, depth: int = 0) -> tuple[dict | None, dict]:
        num = self._num(nid)
        if num is None:
            return None, {}
        aid, overrides = num
        ab = self._abstract_info(aid)
        if ab is not None and not ab["levels"] and ab["link"] and depth < 4:
            linked = self.styles.numbering_of(ab["link"])
            if linked is not None and linked != nid:
                inner, inner_over = self._abstract(linked, depth + 1)
                return inner, {**inner_over, **overrides}
        return ab, overrides

    def level_for_style(self, nid: int, style_id: str | None) -> int | None:
        """The list level whose ``w:pStyle`` is this paragraph style."""
        ab, _ = self._abstract(nid)
        if ab is None or style_id is None:
            return None
        for il, (_, _, pstyle) in ab["levels"].items():
            if pstyle == style_id:
                return il
        return None

    def format(self, nid: int, ilvl: int) -> tuple | None:
        """(numFmt, lvlText) of a list level, or None when nothing is shown."""
        key = (nid, ilvl)
        if key in self._cache:
            return self._cache[key]
        ab, overrides = self._abstract(nid)
        got = None
        if ilvl in overrides:
            got = overrides[ilvl][:2]
        elif ab is not None:
            lvl = ab["levels"].get(ilvl)
            if lvl is not None:
                got = lvl[:2]
        if got is not None and (got[0] or "decimal") == "none" and not (got[1] or "").strip():
            got = None
        elif got is not None:
            got = (got[0] or "decimal", got[1])
        self._cache[key] = got
        return got


def _lvl(lvl) -> tuple:
    """(ilvl, numFmt, lvlText, pStyle) of a ``w:lvl``."""
    fmt = text = pstyle = None
    for c in lvl:
        tag = c.tag
        if tag == w("numFmt"):
            fmt = c.get(W_VAL)
        elif tag == MC_ALT and fmt is None:
            branch = None
            for b in c:
                if b.tag == MC_FALLBACK:
                    branch = b
            for b in (branch if branch is not None else choice(c)) or ():
                if b.tag == w("numFmt"):
                    fmt = b.get(W_VAL)
        elif tag == w("lvlText"):
            text = c.get(W_VAL)
        elif tag == W_PSTYLE:
            pstyle = c.get(W_VAL)
    return to_int(lvl.get(W_ILVL)), fmt, text, pstyle


# -- the reader ------------------------------------------------------------------
class _Para:
    """What one paragraph yields while its XML is walked."""

    __slots__ = ("parts", "bold", "has_text", "chars")

    def __init__(self):
        self.parts: list[str] = []
        self.bold = True
        self.has_text = False
        #: (font, size, number of characters) of each text run
        self.chars: list[tuple] = []


class _Reader:
    def __init__(self, pkg: _Package, path: str):
        self.pkg, self.path = pkg, path
        self.warnings: list[str] = []
        self.text_parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []
        self.fonts: Counter = Counter()
        self.sizes: Counter = Counter()
        self.textboxes: list[str] = []
        #: where the text of text boxes goes: the body's list, or the lines of a header/note
        self.box_sink: list[str] = self.textboxes
        self.first_sect = None
        self.sect_refs: list[tuple[str, str]] = []
        self._seen_refs: set[str] = set()
        self.fields: list[bool] = []  # complex fields open: True once their result shows
        self.pending_comments: list[str] = []
        self.comment_block: dict[str, int] = {}
        self.body_paragraph = 0
        self.top_tables = 0
        self.carry: tuple[str, _Para] | None = None
        self.in_body = True
        self.para_style: dict = {}
        self.styles: _Styles
        self.numbering: _Numbering
        self._theme_fonts: dict[str, str] | None = None
        self._font_cache: dict[str, str | None] = {}
        self.main_rels: list = []

    # ---- secondary parts -------------------------------------------------
    def _optional_xml(self, name: str | None, what: str, prepare=None):
        if not name or not self.pkg.has(name):
            return None
        try:
            return self.pkg.xml(name, prepare)
        except _Corrupt:
            raise
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                ValueError, KeyError, NotImplementedError, RuntimeError) as exc:
            self.warnings.append(f"bỏ qua phần {what} ({name}) bị hỏng: {_short_exc(exc)}")
            return None

    def _rel_target(self, kind: str) -> str | None:
        for rtype, target, _ in self.main_rels:
            if target and _rel_kind(rtype) == kind:
                return target
        return None

    def _font_name(self, font: str) -> str | None:
        """A font name, with a theme font (``"\\x00minorHAnsi"``) looked up in the theme."""
        if font[0] != "\x00":
            return font
        got = self._font_cache.get(font)
        if got is None and font not in self._font_cache:
            got = self._font_cache[font] = self._theme_font(font[1:])
        return got

    def _theme_font(self, slot: str | None) -> str | None:
        if not slot:
            return None
        if self._theme_fonts is None:
            self._theme_fonts = {}
            root = self._optional_xml(self._rel_target("theme"), "theme")
            if root is not None:
                for which in ("major", "minor"):
                    font = root.find(f".//{{{NS_A}}}{which}Font")
                    if font is None:
                        continue
                    for script, tag in (("latin", "latin"), ("ea", "ea"), ("cs", "cs")):
                        el = font.find(f"{{{NS_A}}}{tag}")
                        if el is not None and el.get("typeface"):
                            self._theme_fonts[f"{which}-{script}"] = el.get("typeface")
        which = "major" if slot.startswith("major") else "minor"
        script = "ea" if slot.endswith("EastAsia") else "cs" if slot.endswith("Bidi") else "latin"
        return self._theme_fonts.get(f"{which}-{script}")

    # ---- main ------------------------------------------------------------------
    def read(self) -> Document:
        pkg = self.pkg
        main = None
        try:
            package_rels = pkg.rels("")
        except etree.XMLSyntaxError as exc:
            self.warnings.append(f"bỏ qua tệp quan hệ _rels/.rels bị hỏng: {_short_exc(exc)}")
            package_rels = []
        for rtype, target, _ in package_rels:
            if target and _rel_kind(rtype) == "officeDocument":
                main = target
                break
        if main is None or not pkg.has(main):
            for guess in ("word/document.xml", "word/document2.xml"):
                if pkg.has(guess):
                    main = guess
                    break
            else:
                raise _not_word_package(pkg, main)
        root = pkg.xml(main)
        if root.tag != w("document"):
            raise _not_word_root(root.tag)
        try:
            self.main_rels = pkg.rels(main)
        except etree.XMLSyntaxError as exc:
            self.warnings.append(f"bỏ qua tệp quan hệ của {main} bị hỏng: {_short_exc(exc)}")
            self.main_rels = []
        self.styles = _Styles(self._optional_xml(self._rel_target("styles"), "styles", _drop_table_styles))
        self.numbering = _Numbering(self._optional_xml(self._rel_target("numbering"), "numbering"), self.styles)

        for body in root:
            if body.tag == W_BODY:
                self.in_body = True
                self._blocks(body, None)
                self._flush_carry(None)
        self.fields = []
        if self.pending_comments and self.blocks:
            for cid in self.pending_comments:
                self.comment_block.setdefault(cid, len(self.blocks) - 1)
        self.pending_comments = []

        if not self.blocks and self.textboxes:
            # all the text sits in text boxes: read them as the body rather than call it empty
            for n, box in enumerate(self.textboxes):
                for k, line in enumerate(box.split("\n")):
                    self._emit(line, _Para(), None, {"textbox": n, "paragraph": k}, None, None, None, None)
            self.textboxes = []
        text = "\n".join(self.text_parts)
        extra = {"headers": [], "footers": [], "footnotes": [], "endnotes": []}
        self.in_body = False
        self._headers_footers(extra)
        for kind, key in (("footnotes", "footnotes"), ("endnotes", "endnotes")):
            extra[key] = self._notes(self._rel_target(kind), kind)
        extra["textboxes"] = self.textboxes
        comments = self._comments()
        properties = {
            "page": self._page(),
            "fonts": self.fonts,
            "sizes": self.sizes,
            "core": self._core(),
            "warnings": self.warnings,
        }
        return Document(text, self.blocks, path=self.path, source_format="docx", extra=extra,
                        comments=comments, properties=properties)

    # ---- block level -------------------------------------------------------
    def _blocks(self, container, cell) -> None:
        """Walk block-level content (body, cell, content control) in order."""
        for el in container:
            tag = el.tag
            if tag == W_P:
                self._paragraph(el, cell)
            elif tag == W_TBL:
                self._flush_carry(cell)
                self._table(el, cell)
            elif tag == W_SDT:
                content = sdt_content(el)
                if content is not None:
                    self._blocks(content, cell)
            elif tag == W_SECTPR:
                self._section(el)
            elif tag == W_CRS:
                self.pending_comments.append(el.get(W_ID) or "")
            elif tag in (W_DEL, W_MOVE_FROM):
                self._deleted(el)
            elif tag == MC_ALT:
                branch = choice(el)
                if branch is not None:
                    self._blocks(branch, cell)
            elif tag in BLOCK_SKIP:
                continue
            elif isinstance(tag, str) and len(el):
                # customXml, ins, moveTo and unknown wrappers: read through
                self._blocks(el, cell)

    def _section(self, sect) -> None:
        if self.first_sect is None:
            self.first_sect = sect
        for c in sect:
            if c.tag in (W_HDR_REF, W_FTR_REF):
                rid = c.get(R_ID)
                if rid and rid not in self._seen_refs:
                    self._seen_refs.add(rid)
                    self.sect_refs.append(("headers" if c.tag == W_HDR_REF else "footers", rid))

    def _deleted(self, el) -> None:
        """A deleted region: no text, but comment anchors inside it still count."""
        if self.in_body:
            for c in el.iter(W_CRS):
                self.pending_comments.append(c.get(W_ID) or "")

    def _table(self, tbl, cell) -> None:
        if cell is None:
            table_id: int | str = self.top_tables
            self.top_tables += 1
        else:
            table_id = f"{cell[0]}.{cell[3][0]}"
            cell[3][0] += 1
        nested = [0]
        for row, col, tc in table_cells(tbl):
            ctx = (table_id, row, col, nested, [0])
            self._blocks(tc, ctx)
            self._flush_carry(ctx)

    # ---- paragraphs ---------------------------------------------------------------
    def _paragraph(self, p, cell) -> None:
        ppr = p.find(W_PPR)
        style_id = num_id = ilvl = outline = None
        mark_deleted = False
        if ppr is not None:
            for c in ppr.iterchildren(W_PSTYLE, W_NUMPR, W_OUTLINE, W_RPR, W_SECTPR):
                tag = c.tag
                if tag == W_PSTYLE:
                    style_id = c.get(W_VAL)
                elif tag == W_NUMPR:
                    for nc in c:
                        if nc.tag == W_NUMID:
                            num_id = to_int(nc.get(W_VAL))
                        elif nc.tag == W_ILVL:
                            ilvl = to_int(nc.get(W_VAL))
                elif tag == W_OUTLINE:
                    outline = to_int(c.get(W_VAL))
                elif tag == W_RPR:
                    for rc in c:
                        if rc.tag in (W_DEL, W_MOVE_FROM):
                            mark_deleted = True
                elif tag == W_SECTPR and self.in_body:
                    self._section(c)
        style = self.styles.resolve(style_id)
        self.para_style = style
        para = _Para()
        self._inline(p, para)
        # complex fields whose instruction never reached a "separate" end here
        while self.fields and not self.fields[-1]:
            self.fields.pop()

        if cell is None:
            index = self.body_paragraph
            self.body_paragraph += 1
            source = {"paragraph": index}
        else:
            k = cell[4][0]
            cell[4][0] += 1
            source = {"table": cell[0], "row": cell[1], "col": cell[2], "paragraph": k}

        raw = "".join(para.parts)
        if self.carry is not None:
            prev_raw, prev_para = self.carry
            self.carry = None
            raw = prev_raw + raw
            para.bold = para.bold and prev_para.bold
            para.has_text = para.has_text or prev_para.has_text
            para.chars = prev_para.chars + para.chars
        if mark_deleted:
            self.carry = (raw, para)
            return

        # numbering: the paragraph's own numPr, else its style's
        fmt = None
        if num_id is None and style["num"] is not None:
            num_id = style["num"]
            if ilvl is None:
                ilvl = style["ilvl"]
                if ilvl is None:
                    ilvl = self.numbering.level_for_style(num_id, style_id or self.styles.default_para)
        if num_id:
            ilvl = ilvl or 0
            fmt = self.numbering.format(num_id, ilvl)
        heading = style["heading"]
        if outline is not None:
            heading = outline + 1 if 0 <= outline < 9 else None
        self._emit(raw, para, cell, source, style["name"], heading, fmt, ilvl)

    def _flush_carry(self, cell) -> None:
        if self.carry is None:
            return
        raw, para = self.carry
        self.carry = None
        source = {"paragraph": None} if cell is None else {
            "table": cell[0], "row": cell[1], "col": cell[2], "paragraph": None}
        self._emit(raw, para, cell, source, self.para_style.get("name"), None, None, None)

    def _emit(self, raw, para, cell, source, style_name, heading, fmt, ilvl) -> None:
        line = _clean(raw)
        if not line:
            return
        if self.in_body:
            for font, size, n in para.chars:
                if font:
                    font = self._font_name(font)
                    if font:
                        self.fonts[font] += n
                if size:
                    self.sizes[int(size) if float(size).is_integer() else size] += n
        start = self.pos
        end = start + len(line)
        index = len(self.blocks)
        block = Block(index=index, kind="paragraph", start=start, end=end, content_start=start,
                      style=style_name, bold=para.has_text and para.bold, source=source)
        if cell is not None:
            block.kind = "table_cell"
            block.table = (cell[0], cell[1], cell[2])
        elif heading is not None:
            block.kind, block.level = "heading", heading
            if fmt is not None:
                block.numbering, block.num_format = "word", fmt[0]
            else:
                _, _, marker, typed_fmt, _ = classify_line(line)
                if marker:
                    block.marker, block.num_format = marker, typed_fmt
        elif fmt is not None:
            block.kind, block.level = "list_item", ilvl
            block.numbering, block.num_format = "word", fmt[0]
            if fmt[1] is not None:
                source["lvl_text"] = fmt[1]
        else:
            kind, level, marker, typed_fmt, mlen = classify_line(line)
            block.kind, block.level, block.marker, block.num_format = kind, level, marker, typed_fmt
            if kind == "list_item":
                block.content_start = start + mlen
                if marker:
                    block.numbering = "typed"
        self.blocks.append(block)
        self.text_parts.append(line)
        self.pos = end + 1
        if self.pending_comments:
            for cid in self.pending_comments:
                self.comment_block.setdefault(cid, index)
            self.pending_comments = []

    # ---- inline content ---------------------------------------------------------
    def _inline(self, el, para: _Para) -> None:
        for c in el:
            tag = c.tag
            if tag == W_R:
                self._run(c, para)
            elif tag in _INLINE_WRAPPERS:
                self._inline(c, para)
            elif tag in _INLINE_SKIP:
                continue
            elif tag == W_SDT:
                content = sdt_content(c)
                if content is not None:
                    self._inline(content, para)
            elif tag in (W_DEL, W_MOVE_FROM):
                self._deleted(c)
            elif tag == W_CRS:
                if self.in_body:
                    self.pending_comments.append(c.get(W_ID) or "")
            elif tag == MC_ALT:
                branch = choice(c)
                if branch is not None:
                    self._inline(branch, para)
            elif tag in (M_OMATH, M_OMATH_PARA):
                if self._showing():
                    para.parts.extend(t.text or "" for t in c.iter(M_T))
            elif tag == W_P:
                # a paragraph nested directly in a paragraph (malformed): read it inline
                self._inline(c, para)
            elif isinstance(tag, str) and len(c):
                self._inline(c, para)

    def _showing(self) -> bool:
        return not self.fields or all(self.fields)

    def _run(self, r, para: _Para) -> None:
        rpr = None
        pieces: list[str] = []
        for c in r:
            tag = c.tag
            if tag == W_T:
                if self._showing():
                    if c.text:
                        pieces.append(c.text)
                    if len(c):  # unresolved entity references: keep the text around them
                        pieces.extend(e.tail for e in c if e.tail)
            elif tag == W_RPR:
                rpr = c
            elif tag in RUN_CHARS:
                if self._showing():
                    pieces.append(RUN_CHARS[tag])
            elif tag == W_FLD_CHAR:
                kind = c.get(W_FLD_CHAR_TYPE)
                if kind == "begin":
                    shown = self._dropdown(c) if self._showing() else None
                    if shown:
                        pieces.append(shown)
                    self.fields.append(False)
                elif kind == "separate":
                    if self.fields:
                        self.fields[-1] = True
                elif kind == "end":
                    if self.fields:
                        self.fields.pop()
            elif tag in _DRAWINGS:
                self._textboxes(c)
            elif tag == W_COMMENT_REF:
                if self.in_body:
                    cid = c.get(W_ID) or ""
                    if cid not in self.comment_block and cid not in self.pending_comments:
                        self.pending_comments.append(cid)
            elif tag == w("ruby"):
                base = c.find(w("rubyBase"))
                if base is not None:
                    self._inline(base, para)
        if not pieces:
            return
        if rpr is not None:
            hidden = rpr.find(W_VANISH)
            if hidden is not None and is_on(hidden):
                return
        text = "".join(pieces)
        para.parts.append(text)
        if not text.strip():
            return
        para.has_text = True
        bold, font, size = self._run_props(rpr)
        if not bold:
            para.bold = False
        if self.in_body:
            para.chars.append((font, size, len(text)))

    @staticmethod
    def _dropdown(fld_char) -> str | None:
        """The entry a legacy drop-down form field shows (its field result is empty)."""
        dd = fld_char.find(f"{w('ffData')}/{w('ddList')}")
        if dd is None:
            return None
        entries = [e.get(W_VAL) or "" for e in dd.iter(w("listEntry"))]
        chosen = dd.find(w("result"))
        if chosen is None:
            chosen = dd.find(w("default"))
        i = to_int(chosen.get(W_VAL), 0) if chosen is not None else 0
        return entries[i] if entries and 0 <= (i or 0) < len(entries) else None

    def _run_props(self, rpr) -> tuple:
        bold = font = size = None
        if rpr is not None:
            bold, font, size, rstyle = _rpr(rpr)
            if rstyle is not None and (bold is None or font is None or size is None):
                cb, cf, cs = self.styles.char_style(rstyle)
                bold = cb if bold is None else bold
                font = cf if font is None else font
                size = cs if size is None else size
        st = self.para_style
        if bold is None:
            bold = st["bold"]
        if font is None:
            font = st["font"]
        if size is None:
            size = st["size"] if st["size"] is not None else 10.0
        return bold, font, size

    def _textboxes(self, el) -> None:
        """Text boxes anchored in a run go to ``extra["textboxes"]``, one entry per box."""
        for box in _find_txbx(el):
            saved = (self.fields, self.in_body, self.para_style, self.carry)
            self.fields, self.in_body, self.carry = [], False, None
            lines = self._container_lines(box)
            self.fields, self.in_body, self.para_style, self.carry = saved
            if lines:
                self.box_sink.append("\n".join(lines))

    def _part_lines(self, container) -> list[str]:
        """Lines of a header, footer, note or comment, its text boxes included."""
        self.fields = []
        boxes: list[str] = []
        self.box_sink = boxes
        lines = self._container_lines(container)
        self.box_sink = self.textboxes
        return lines + boxes

    def _container_lines(self, container) -> list[str]:
        """Plain lines of a header, note, comment or text box (tables read row by row)."""
        lines: list[str] = []
        for p in _iter_paragraphs(container):
            ppr = p.find(W_PPR)
            sid = None
            if ppr is not None:
                ps = ppr.find(W_PSTYLE)
                sid = ps.get(W_VAL) if ps is not None else None
            self.para_style = self.styles.resolve(sid)
            para = _Para()
            self._inline(p, para)
            while self.fields and not self.fields[-1]:
                self.fields.pop()
            line = _clean("".join(para.parts))
            if line:
                lines.append(line)
        return lines

    # ---- parts apart from the body ------------------------------------------------
    def _headers_footers(self, extra) -> None:
        targets = {rid: target for _, target, rid in self.main_rels if target}
        for key, rid in self.sect_refs:
            root = self._optional_xml(targets.get(rid), key)
            if root is None:
                continue
            lines = self._part_lines(root)
            if lines:
                extra[key].append("\n".join(lines))

    def _notes(self, name, kind) -> list[str]:
        root = self._optional_xml(name, kind)
        if root is None:
            return []
        out = []
        for note in root:
            if not isinstance(note.tag, str) or note.tag not in (w("footnote"), w("endnote")):
                continue
            if (note.get(W_TYPE) or "normal") != "normal":
                continue
            lines = self._part_lines(note)
            if lines:
                out.append("\n".join(lines))
        return out

    def _comments(self) -> list[Comment]:
        root = self._optional_xml(self._rel_target("comments"), "comments")
        if root is None:
            return []
        found = []
        for el in root:
            if el.tag != w("comment"):
                continue
            cid = el.get(W_ID) or ""
            text = "\n".join(self._part_lines(el))
            author = el.get(w("author")) or ""
            found.append((cid, author, text))
        anchored = [(self.comment_block[cid], n, cid, a, t)
                    for n, (cid, a, t) in enumerate(found) if cid in self.comment_block]
        anchored.sort()
        comments = []
        for block, _, _, author, text in anchored:
            comments.append(Comment(block=block, author=author, text=text))
            self.blocks[block].comments.append((author, text))
        for cid, author, text in found:
            if cid not in self.comment_block:
                comments.append(Comment(block=None, author=author, text=text))
        return comments

    def _page(self) -> dict:
        page = dict.fromkeys(("width_mm", "height_mm", "top_mm", "bottom_mm", "left_mm", "right_mm"))
        sect = self.first_sect
        if sect is None:
            return page
        size = sect.find(W_PGSZ)
        if size is not None:
            page["width_mm"] = _twips_to_mm(size.get(w("w")))
            page["height_mm"] = _twips_to_mm(size.get(w("h")))
        mar = sect.find(W_PGMAR)
        if mar is not None:
            for side in ("top", "bottom", "left", "right"):
                page[f"{side}_mm"] = _twips_to_mm(mar.get(w(side)))
        return page

    def _core(self) -> dict:
        core = {"title": None, "author": None}
        name = None
        try:
            for rtype, target, _ in self.pkg.rels(""):
                if target and _rel_kind(rtype) == "core-properties":
                    name = target
                    break
        except (etree.XMLSyntaxError, KeyError, ValueError):
            pass
        root = self._optional_xml(name or "docProps/core.xml", "core")
        if root is not None:
            for key, tag in (("title", "title"), ("author", "creator")):
                el = root.find(f"{{{_DC}}}{tag}")
                if el is not None and el.text and el.text.strip():
                    core[key] = to_nfc(el.text.strip())[0]
        return core


def _iter_paragraphs(container):
    """Paragraphs of a header/note/text box in order, table cells included."""
    for c in container:
        tag = c.tag
        if tag == W_P:
            yield c
        elif tag == W_TBL:
            for tr in iter_content(c, W_TR):
                for tc in iter_content(tr, W_TC):
                    yield from _iter_paragraphs(tc)
        elif tag == W_SDT:
            content = c.find(W_SDT_CONTENT)
            if content is not None:
                yield from _iter_paragraphs(content)
        elif tag in (W_DEL, W_MOVE_FROM):
            continue
        elif tag == MC_ALT:
            branch = choice(c)
            if branch is not None:
                yield from _iter_paragraphs(branch)
        elif isinstance(tag, str) and tag != W_SECTPR and len(c):
            yield from _iter_paragraphs(c)


def _find_txbx(el):
    """``w:txbxContent`` elements under a drawing, one per box (AlternateContent read once)."""
    if el.tag == MC_ALT:
        el = choice(el)
        if el is None:
            return
    for c in el:
        tag = c.tag
        if tag == W_TXBX:
            yield c
        elif tag == MC_ALT:
            yield from _find_txbx(c)
        elif isinstance(tag, str) and len(c):
            yield from _find_txbx(c)


def _drop_table_styles(data: bytes) -> bytes:
    """styles.xml without its table styles (often 90 % of the part, never needed here)."""
    out, pos = [], 0
    while True:
        i = data.find(b'type="table"', pos)
        if i < 0:
            break
        s = data.rfind(b"<", pos, i)
        gt = data.find(b">", i)
        if s < 0 or gt < 0 or data.find(b">", s, i) >= 0:
            out.append(data[pos:i + 1])
            pos = i + 1
            continue
        k = s + 1
        while k < i and data[k] not in b" \t\r\n":
            k += 1
        name = data[s + 1:k]
        if not (name == b"style" or name.endswith(b":style")) or data[gt - 1:gt] == b"/":
            out.append(data[pos:i + 1])
            pos = i + 1
            continue
        end = data.find(b"</" + name + b">", gt)
        if end < 0:
            break
        out.append(data[pos:s])
        pos = end + len(name) + 3
    if not out:
        return data
    out.append(data[pos:])
    return b"".join(out)


def _short_exc(exc: BaseException) -> str:
    msg = str(exc).strip() or type(exc).__name__
    return msg if len(msg) <= 160 else msg[:157] + "…"


def _not_word_package(pkg: _Package, main: str | None) -> _Corrupt:
    if pkg.has("xl/workbook.xml"):
        return _Corrupt("tệp có đuôi .docx nhưng là bảng tính Excel (.xlsx), không phải tài liệu Word",
                        "wrong-extension")
    if pkg.has("ppt/presentation.xml"):
        return _Corrupt("tệp có đuôi .docx nhưng là bản trình chiếu PowerPoint (.pptx), không phải tài liệu Word",
                        "wrong-extension")
    if pkg.has("mimetype") and pkg.has("content.xml"):
        try:
            mime = pkg.blob("mimetype")[:100].decode("ascii", "replace")
        except Exception:  # noqa: BLE001 - only used to word the message
            mime = ""
        if "opendocument" in mime:
            return _Corrupt(f"tệp có đuôi .docx nhưng là tài liệu OpenDocument ({mime.strip()}); "
                            "hãy mở và lưu lại dưới dạng .docx", "wrong-extension")
    where = f" ({main})" if main else " (word/document.xml)"
    return _Corrupt(f"tệp .docx bị hỏng: không tìm thấy phần nội dung chính của văn bản{where}")


def _not_word_root(tag) -> _Corrupt:
    local = etree.QName(tag).localname if isinstance(tag, str) else str(tag)
    if local == "workbook":
        return _Corrupt("tệp có đuôi .docx nhưng là bảng tính Excel (.xlsx), không phải tài liệu Word",
                        "wrong-extension")
    if local == "presentation":
        return _Corrupt("tệp có đuôi .docx nhưng là bản trình chiếu PowerPoint (.pptx), không phải tài liệu Word",
                        "wrong-extension")
    if local == "themeManager":
        return _Corrupt("tệp có đuôi .docx nhưng là tệp chủ đề Office (theme), không phải tài liệu Word",
                        "wrong-extension")
    return _Corrupt(f"tệp .docx bị hỏng: phần nội dung chính không phải văn bản Word (phần tử gốc <{local}>)")


# -- public API ---------------------------------------------------------------------
def read_docx(data: bytes, path: str = "<bytes>") -> Document:
    """Read the bytes of a .docx package into a Document (see the module docstring).

    Raises :class:`ReadError` with code ``corrupt-docx`` (damaged package),
    ``encrypted-docx`` (ZIP entries protected by a password) or
    ``wrong-extension`` (an Excel, PowerPoint or OpenDocument package).

    >>> read_docx(b"PK\\x03\\x04 not really a zip", "x.docx")
    Traceback (most recent call last):
    ...
    reportcheck.errors.ReadError: x.docx: tệp .docx bị hỏng: không phải gói ZIP hợp lệ (tệp có thể bị cắt cụt hoặc tải về không trọn vẹn)
    """
    try:
        pkg = _Package(data)
        return _Reader(pkg, path).read()
    except _Corrupt as exc:
        raise ReadError(path, exc.code, exc.message) from None
    except zipfile.BadZipFile as exc:
        if "not a zip file" in str(exc).lower():
            msg = "tệp .docx bị hỏng: không phải gói ZIP hợp lệ (tệp có thể bị cắt cụt hoặc tải về không trọn vẹn)"
        else:
            msg = f"tệp .docx bị hỏng: gói ZIP bị lỗi ({_short_exc(exc)})"
        raise ReadError(path, "corrupt-docx", msg) from None
    except (zlib.error, EOFError) as exc:
        raise ReadError(path, "corrupt-docx",
                        f"tệp .docx bị hỏng: dữ liệu nén bị lỗi hoặc bị cắt cụt ({_short_exc(exc)})") from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(path, "corrupt-docx",
                        f"tệp .docx bị hỏng: nội dung XML không hợp lệ ({_short_exc(exc)})") from None
    except RuntimeError as exc:
        if "encrypted" in str(exc).lower() or "password" in str(exc).lower():
            raise ReadError(path, "encrypted-docx",
                            "tệp .docx được đặt mật khẩu; hãy gỡ mật khẩu rồi kiểm tra lại") from None
        raise ReadError(path, "corrupt-docx", f"tệp .docx bị hỏng ({_short_exc(exc)})") from None
    except NotImplementedError as exc:
        raise ReadError(path, "corrupt-docx",
                        f"tệp .docx dùng kiểu nén không được hỗ trợ ({_short_exc(exc)})") from None
    except (KeyError, ValueError, IndexError, OSError, UnicodeError, etree.Error) as exc:
        raise ReadError(path, "corrupt-docx",
                        f"tệp .docx bị hỏng: cấu trúc gói không hợp lệ ({type(exc).__name__}: {_short_exc(exc)})") from None
    except RecursionError:
        raise ReadError(path, "corrupt-docx",
                        "tệp .docx bất thường: cấu trúc lồng nhau quá sâu, không đọc được") from None


_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")


def ole_error(path: str, data: bytes) -> ReadError:
    """The error for an OLE2 (Compound File) file that carries a .docx name.

    Word saves a password-protected .docx as an OLE2 file holding an
    ``EncryptionInfo`` stream; anything else in an OLE2 container is an
    older format (Word 97–2003 .doc, or another Office file) renamed.

    >>> ole_error("a.docx", b"\\xd0\\xcf\\x11\\xe0" + "EncryptionInfo".encode("utf-16-le")).code
    'encrypted-docx'
    >>> ole_error("a.docx", b"\\xd0\\xcf\\x11\\xe0").code
    'wrong-extension'
    """
    if _ENCRYPTION_INFO in data:
        return ReadError(path, "encrypted-docx",
                         "tệp .docx được đặt mật khẩu; hãy gỡ mật khẩu rồi kiểm tra lại")
    if _WORD_DOCUMENT in data:
        return ReadError(path, "wrong-extension",
                         "tệp có đuôi .docx nhưng thực chất là tệp Word 97–2003 (.doc); "
                         "hãy mở bằng Word và lưu lại dưới dạng .docx")
    return ReadError(path, "wrong-extension",
                     "tệp có đuôi .docx nhưng là tệp Office định dạng cũ (OLE), không phải tài liệu Word .docx; "
                     "hãy mở bằng Word và lưu lại dưới dạng .docx")
