"""The draft annotated: a copy of the .docx with a Word comment on each finding.

:func:`annotate_docx` opens the original package with python-docx, finds the
Word paragraph of every block a finding touches and anchors a real comment
there (``w:commentRangeStart``/``w:commentRangeEnd`` around the passage and
a ``w:commentReference`` run after it, the text in the comments part):
message, then suggestion on a second paragraph, author configurable
(default "reportcheck"). The original file is only read.

How a finding finds its paragraph: ``Block.source`` from the .docx reader
gives ``{"paragraph": i}`` (i-th body paragraph, empty ones counted) or
``{"table": id, "row": r, "col": c, "paragraph": k}``; the body is walked
the way the reader walks it (content controls, tracked insertions and
``mc:AlternateContent`` read through, deletions skipped, merged cells
skipped) to build the same keys. The paragraph's text is checked against
the block's; when they differ (an unusual package) the paragraph is looked
up by its text instead. Inside the paragraph the comment covers exactly the
finding's characters when the runs allow it (a run is split at the
boundaries when it holds only text); otherwise it covers the whole
paragraph(s).

For a .txt or .md draft, :func:`annotate_html` gives an HTML view of the
text with the passages highlighted and the comments in the margin.
"""

from __future__ import annotations

import copy
import io
import unicodedata
from pathlib import Path

from ..document import Block, Document
from ..errors import ReportcheckError
from ..readers.ooxml import (
    BLOCK_SKIP, INVISIBLE, MC_ALT, MC_FALLBACK, RUN_CHARS, W_DEL, W_MOVE_FROM, W_P, W_PPR, W_R, W_RPR,
    W_SDT, W_T, W_TBL, W_TXBX, choice, sdt_content, table_cells,
)
from ..report import DocumentResult

__all__ = ["annotate_docx", "annotate_html", "annotate_file", "comment_text", "DEFAULT_AUTHOR"]

DEFAULT_AUTHOR = "reportcheck"

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def comment_text(finding: dict) -> str:
    """The comment of a finding: its message, then its suggestion on a line of its own."""
    msg = finding.get("message") or ""
    sug = finding.get("suggestion")
    return f"{msg}\n{sug}" if sug else msg


# -- walking the body the way the reader does ------------------------------------------------
def paragraph_map(body) -> tuple[dict, list]:
    """``{source key: w:p}`` with the reader's keys, and every counted w:p in order.

    Keys: ``("p", i)`` for body paragraphs, ``("t", table, row, col, k)`` for
    paragraphs of table cells.
    """
    out: dict = {}
    order: list = []
    counter = [0]
    top_tables = [0]

    def blocks(container, cell):
        for el in container:
            tag = el.tag
            if tag == W_P:
                if cell is None:
                    out[("p", counter[0])] = el
                    counter[0] += 1
                else:
                    k = cell[4][0]
                    cell[4][0] += 1
                    out[("t", cell[0], cell[1], cell[2], k)] = el
                order.append(el)
            elif tag == W_TBL:
                table(el, cell)
            elif tag == W_SDT:
                content = sdt_content(el)
                if content is not None:
                    blocks(content, cell)
            elif tag in (W_DEL, W_MOVE_FROM):
                continue
            elif tag == MC_ALT:
                branch = choice(el)
                if branch is not None:
                    blocks(branch, cell)
            elif tag in BLOCK_SKIP:
                continue
            elif isinstance(tag, str) and len(el):
                blocks(el, cell)

    def table(tbl, cell):
        if cell is None:
            table_id = top_tables[0]
            top_tables[0] += 1
        else:
            table_id = f"{cell[0]}.{cell[3][0]}"
            cell[3][0] += 1
        nested = [0]
        for row, col, tc in table_cells(tbl):
            blocks(tc, (table_id, row, col, nested, [0]))

    blocks(body, None)
    return out, order


def _source_key(block: Block):
    src = block.source or {}
    if "table" in src:
        if src.get("paragraph") is None:
            return None
        return ("t", src["table"], src.get("row"), src.get("col"), src["paragraph"])
    if src.get("paragraph") is None or "textbox" in src:
        return None
    return ("p", src["paragraph"])


# -- text of runs -------------------------------------------------------------------------
def _inside(el, stop, tags) -> bool:
    """True when an ancestor of ``el`` below ``stop`` has one of ``tags``."""
    p = el.getparent()
    while p is not None and p is not stop:
        if p.tag in tags:
            return True
        p = p.getparent()
    return False


def _text_runs(p) -> list[tuple[object, str]]:
    """(w:r, its visible text) for the runs of a paragraph, in order (no deletions, no text boxes)."""
    out = []
    for r in p.iter(W_R):
        if _inside(r, p, (W_DEL, W_MOVE_FROM, W_TXBX, MC_FALLBACK)):
            continue
        parts = []
        for c in r:
            if c.tag == W_T:
                parts.append(c.text or "")
            elif c.tag in RUN_CHARS:
                parts.append(RUN_CHARS[c.tag])
        out.append((r, "".join(parts)))
    return out


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    for ch in INVISIBLE + "\xad":
        s = s.replace(ch, "")
    return " ".join(s.split())


def _para_text(p) -> str:
    return "".join(t for _, t in _text_runs(p))


# -- placing comment ranges ----------------------------------------------------------------------
def _simple_run(r) -> bool:
    kids = [c for c in r if c.tag != W_RPR]
    return len(kids) == 1 and kids[0].tag == W_T


def _split_run(r, k: int):
    """Split a text-only run after ``k`` characters; returns the second half."""
    t = r.find(W_T)
    text = t.text or ""
    second = copy.deepcopy(r)
    t.text = text[:k]
    t.set(_XML_SPACE, "preserve")
    t2 = second.find(W_T)
    t2.text = text[k:]
    t2.set(_XML_SPACE, "preserve")
    r.addnext(second)
    return second


def _boundary_run(p, line: str, offset: int, *, start: bool):
    """The run at which a range starting (or ending) at ``offset`` of the block text begins (ends).

    Returns None when the paragraph's runs cannot be mapped exactly; then
    the whole paragraph is used.
    """
    runs = _text_runs(p)
    if not runs or any(r.getparent() is not p for r, _ in runs):
        return None
    raw = "".join(t for _, t in runs)
    if raw.strip() != line:
        return None
    lead = len(raw) - len(raw.lstrip())
    pos = offset + lead
    acc = 0
    for i, (r, t) in enumerate(runs):
        a, b = acc, acc + len(t)
        acc = b
        if not t:
            continue
        if start and a <= pos < b:
            if pos == a:
                return r
            if _simple_run(r):
                return _split_run(r, pos - a)
            return r
        if not start and a < pos <= b:
            if pos == b or not _simple_run(r):
                return r
            _split_run(r, pos - a)
            return r
    return None


def _first_content_index(p) -> int:
    return 1 if len(p) and p[0].tag == W_PPR else 0


def _reference_run(cid: int):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                     f'<w:commentReference w:id="{cid}"/></w:r>')


def _mark(cid: int, p_start, run_start, p_end, run_end) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    crs = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(cid)})
    cre = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(cid)})
    if run_start is not None:
        run_start.addprevious(crs)
    else:
        p_start.insert(_first_content_index(p_start), crs)
    ref = _reference_run(cid)
    if run_end is not None:
        run_end.addnext(ref)
        run_end.addnext(cre)
    else:
        p_end.append(cre)
        p_end.append(ref)


class _Locator:
    """Block → Word paragraph, checked by text, with a look-up by text as fallback."""

    def __init__(self, body, doc: Document):
        self.by_key, self.order = paragraph_map(body)
        self.doc = doc
        self._texts: list[str] | None = None

    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = [_norm(_para_text(p)) for p in self.order]
        return self._texts

    def paragraph(self, block: Block):
        want = _norm(block.text)
        key = _source_key(block)
        p = self.by_key.get(key) if key is not None else None
        if p is not None and _norm(_para_text(p)) == want:
            return p
        texts = self.texts()
        hits = [i for i, t in enumerate(texts) if t == want]
        if not hits:
            hits = [i for i, t in enumerate(texts) if t and (want.startswith(t) or t.startswith(want))]
        if hits:
            # the occurrence whose rank among equal texts matches the block's
            same = [b for b in self.doc.blocks if _norm(b.text) == want]
            rank = next((i for i, b in enumerate(same) if b.index == block.index), 0)
            return self.order[hits[min(rank, len(hits) - 1)]]
        if p is not None:
            return p
        if block.index > 0:
            return self.paragraph(self.doc.blocks[block.index - 1])
        return self.order[0] if self.order else None


def annotate_docx(source: str | Path | bytes, result: DocumentResult, *, author: str = DEFAULT_AUTHOR,
                  initials: str | None = None) -> bytes:
    """The bytes of a copy of the .docx ``source`` with one Word comment per finding of ``result``.

    ``result`` must come from checking that same file (its ``document`` is
    used to place the comments). ``source`` (a path or the file's bytes) is
    only read.
    """
    import docx

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    doc = result.document
    if doc is None:
        from ..readers.docx import read_docx

        doc = read_docx(data, path=result.path)
    if doc.source_format != "docx":
        raise ReportcheckError(f"{result.path}: chỉ chèn nhận xét được vào tệp .docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on odd packages
        raise ReportcheckError(f"{result.path}: python-docx không mở được tệp để chèn nhận xét ({exc})") from None
    body = document.element.body
    locator = _Locator(body, doc)
    if initials is None:
        initials = "".join(w[0] for w in author.split()[:3]).upper() or "RC"
    findings = result.findings_as_dicts()
    for f in findings:
        blocks = list(doc.blocks_in(f["start"], max(f["end"], f["start"] + 1)))
        if not blocks:
            b = doc.block_at(f["start"]) or doc.blocks[0]
            blocks = [b]
        first, last = blocks[0], blocks[-1]
        p_start, p_end = locator.paragraph(first), locator.paragraph(last)
        if p_start is None or p_end is None:
            raise ReportcheckError(f"{result.path}: không tìm thấy đoạn văn để gắn nhận xét (dòng {f['line']})")
        comment = document.comments.add_comment(text=comment_text(f), author=author, initials=initials)
        cid = comment.comment_id
        a = max(f["start"], first.start) - first.start
        b = min(max(f["end"], f["start"] + 1), last.end) - last.start
        whole = a <= 0 and b >= last.end - last.start and first is last
        run_start = run_end = None
        if not whole:
            run_start = _boundary_run(p_start, first.text, a, start=True)
            run_end = _boundary_run(p_end, last.text, b, start=False)
            if run_start is None or run_end is None:
                run_start = run_end = None
        _mark(cid, p_start, run_start, p_end, run_end)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def annotate_html(result: DocumentResult, *, author: str = DEFAULT_AUTHOR) -> str:
    """A self-contained HTML view of a draft: passages highlighted, comments in the margin."""
    from .html_report import document_page

    return document_page(result, standalone=True, author=author)


def annotate_file(path: str | Path, out: str | Path | None = None, *, result: DocumentResult | None = None,
                  pair: str | Path | None = None, author: str = DEFAULT_AUTHOR, config=None) -> Path:
    """Check ``path`` (unless ``result`` is given) and write its annotated copy; returns the output path.

    A .docx gets ``<stem>.reviewed.docx`` with Word comments; a .txt/.md
    gets ``<stem>.reviewed.html``. The draft itself is never written.
    """
    from ..fileio import write_atomic

    src = Path(path)
    is_docx = src.suffix.lower() in (".docx", ".docm", ".dotx")
    target = Path(out) if out is not None else src.with_name(src.stem + (".reviewed.docx" if is_docx else ".reviewed.html"))
    if target.exists() and src.exists() and target.resolve() == src.resolve():
        raise ReportcheckError(f"{target}: tệp kết quả trùng với dự thảo; hãy chọn tên khác (bản gốc không bao giờ bị ghi đè)")
    if not is_docx and target.suffix.lower() == ".docx":
        raise ReportcheckError(f"{src}: với tệp .txt/.md chỉ tạo được trang HTML có nhận xét (--out ….html)")
    if result is None:
        from ..pipeline import check

        report = check([str(src)], config=config, pair=pair)
        result = report.documents[0]
    if result.error:
        raise ReportcheckError(f"{result.path}: {result.error['message']}")
    if is_docx and target.suffix.lower() == ".docx":
        data: str | bytes = annotate_docx(src, result, author=author)
    else:
        data = annotate_html(result, author=author)
    write_atomic(target, data)
    return target
