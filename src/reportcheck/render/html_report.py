"""A static, self-contained HTML report of a batch: ``reportcheck check FOLDER --html report/``.

``index.html`` holds an overview table (one row per document, grouped by
unit, one column per weakness category with the number of findings coloured
by the worst severity), sortable by any column and filterable by text, type,
category and severity with a few lines of vanilla JavaScript, and an inline
SVG bar chart of the categories across the batch. Each document gets a page
with its text, the passages highlighted, the comments in the margin, and for
an overlap a link to the repeated passage on the political report's page
(which links back). Everything is inline — CSS, JS, SVG — so the folder can
be zipped, mailed and opened without a network.

>>> from reportcheck.report import Report
>>> html = index_page(Report(documents=[]), {})
>>> "<table" in html and "Không có văn bản" in html
True
"""

from __future__ import annotations

import html as _html
from collections import Counter
from pathlib import Path

from .._version import __version__
from ..document import Document
from ..findings import CATEGORIES, severity_rank
from ..report import DocumentResult, Report
from .common import (
    CATEGORY_VI, DOC_TYPE_VI, SEVERITY_VI, documents_of, finding_views, load_related_doc, number_vi, shorten, slug,
    unit_of, with_document, worst,
)

__all__ = ["write_html_report", "index_page", "document_page", "page_names"]

_SEV_COLOR = {"error": "#c62828", "warning": "#ef8f00", "info": "#1e88e5"}

_CSS = """
:root { --err: #c62828; --warn: #ef8f00; --info: #1e88e5; --bg: #f6f6f4; --line: #d8d8d2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1d1d1b; background: var(--bg); }
header.top { background: #7a1010; color: #fff; padding: 12px 24px; }
header.top h1 { margin: 0; font-size: 20px; }
header.top a { color: #ffd; }
header.top .sub { opacity: .85; font-size: 13px; }
main { padding: 16px 24px 40px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.filters { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
.filters input, .filters select { font: inherit; padding: 3px 6px; max-width: 340px; }
table.overview { border-collapse: collapse; background: #fff; font-size: 13px; }
table.overview th, table.overview td { border: 1px solid var(--line); padding: 4px 6px; text-align: center; }
table.overview th { background: #eee; cursor: pointer; user-select: none; position: sticky; top: 0; vertical-align: bottom; }
table.overview th.sorted-asc::after { content: " ▲"; } table.overview th.sorted-desc::after { content: " ▼"; }
table.overview td.name { text-align: left; white-space: nowrap; }
table.overview td.cnt-0 { color: #bbb; }
td.sev-error { background: #fbe3e3; color: var(--err); font-weight: bold; }
td.sev-warning { background: #fff1dc; color: #9a5a00; font-weight: bold; }
td.sev-info { background: #e3f0fd; color: #0d5aa7; }
td.err-doc { color: var(--err); text-align: left; }
.badge { display: inline-block; border-radius: 3px; padding: 0 5px; font-size: 12px; color: #fff; }
.badge.sev-error { background: var(--err); } .badge.sev-warning { background: var(--warn); } .badge.sev-info { background: var(--info); }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; display: inline-block; }
.legend span { margin-right: 12px; font-size: 13px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
/* document pages */
.doc { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 0 20px; max-width: 1400px; }
.row { display: contents; }
.text { background: #fff; padding: 3px 16px; border-left: 1px solid var(--line); border-right: 1px solid var(--line);
        font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 16px; text-align: justify; }
.text.kind-heading { font-weight: bold; padding-top: 10px; }
.text.kind-list_item { padding-left: 36px; }
.text table { border-collapse: collapse; font-size: 14px; margin: 4px 0; }
.text table td { border: 1px solid #999; padding: 2px 5px; vertical-align: top; }
.lineno { color: #aaa; font: 11px monospace; float: left; margin-left: -14px; width: 0; direction: rtl; user-select: none; }
mark.hl { background: #fff3c4; border-bottom: 2px solid var(--warn); padding: 0; cursor: pointer; }
mark.hl.sev-error { background: #fde0e0; border-bottom-color: var(--err); }
mark.hl.sev-info { background: #e6f1fd; border-bottom-color: var(--info); }
mark.hl.multi { border-bottom-style: double; border-bottom-width: 4px; }
mark.rel { background: #e9e2fb; border-bottom: 2px dashed #6a3fc1; }
mark.hl.active, .note.active { outline: 2px solid #333; }
.notes { padding: 2px 0; }
.note { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 4px; padding: 6px 9px;
        margin: 4px 0 8px; font-size: 13px; }
.note.sev-error { border-left-color: var(--err); } .note.sev-info { border-left-color: var(--info); }
.note.rel { border-left-color: #6a3fc1; }
.note .cat { font-weight: bold; }
.note .sug { margin-top: 3px; } .note .basis { color: #666; font-size: 12px; margin-top: 3px; }
.note blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ccc; color: #444; font-style: italic; }
.note .num { font-weight: bold; text-decoration: none; color: inherit; }
.meta { font-size: 13px; color: #555; }
.error-box { background: #fde0e0; border: 1px solid var(--err); padding: 10px; border-radius: 4px; }
footer { color: #888; font-size: 12px; padding: 12px 24px; }
@media print { .filters { display: none; } .doc { grid-template-columns: 3fr 2fr; } }
"""

_INDEX_JS = """
(function () {
  var table = document.getElementById('overview');
  if (!table) return;
  var tbody = table.tBodies[0];
  function val(td) { var v = td.getAttribute('data-sort'); return v === null ? td.textContent.trim() : v; }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener('click', function () {
      var asc = !th.classList.contains('sorted-asc');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = val(a.cells[col]), y = val(b.cells[col]);
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'vi');
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  var q = document.getElementById('f-text'), t = document.getElementById('f-type'),
      c = document.getElementById('f-cat'), s = document.getElementById('f-sev'), n = document.getElementById('f-count');
  var rank = {'': -1, info: 0, warning: 1, error: 2};
  function apply() {
    var text = q.value.trim().toLowerCase(), shown = 0;
    Array.prototype.forEach.call(tbody.rows, function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) >= 0)
        && (!t.value || r.getAttribute('data-type') === t.value)
        && (!c.value || (' ' + r.getAttribute('data-cats') + ' ').indexOf(' ' + c.value + ' ') >= 0)
        && (!s.value || rank[r.getAttribute('data-worst') || ''] >= rank[s.value]);
      r.style.display = ok ? '' : 'none';
      if (ok) shown++;
    });
    n.textContent = shown;
  }
  [q, t, c, s].forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  apply();
})();
"""

_DOC_JS = """
(function () {
  function act(id) {
    Array.prototype.forEach.call(document.querySelectorAll('.active'), function (e) { e.classList.remove('active'); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-f~="' + id + '"], #n-' + id), function (e) { e.classList.add('active'); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('mark.hl'), function (m) {
    m.addEventListener('click', function () {
      var first = (m.getAttribute('data-f') || '').split(' ')[0];
      act(first);
      var note = document.getElementById('n-' + first);
      if (note) note.scrollIntoView({block: 'nearest'});
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.note[data-id]'), function (n) {
    n.addEventListener('mouseenter', function () { act(n.getAttribute('data-id')); });
  });
  if (location.hash) { var h = document.getElementById(location.hash.slice(1)); if (h) h.classList.add('active'); }
})();
"""


def _e(text) -> str:
    return _html.escape("" if text is None else str(text), quote=True)


def _page(title: str, body: str, script: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"reportcheck {__version__}\">\n"
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>Lập bằng reportcheck {__version__}. Các nhận xét do máy phát hiện, cần người góp ý xem xét lại.</footer>\n"
        + (f"<script>{script}</script>\n" if script else "")
        + "</body>\n</html>\n"
    )


# -- file names ------------------------------------------------------------------------------------
def page_names(results: list[DocumentResult], extra: list[str] = ()) -> dict[str, str]:
    """Path → unique page file name (``u01__review.txt.html``)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for path in [r.path for r in results] + list(extra):
        if path in names:
            continue
        base = slug(path)
        name, n = f"{base}.html", 1
        while name.lower() in used or name.lower() == "index.html":
            n += 1
            name = f"{base}-{n}.html"
        used.add(name.lower())
        names[path] = name
    return names


def _resolve(path: str, names: dict[str, str]) -> str | None:
    if path in names:
        return names[path]
    try:
        rp = Path(path).resolve()
    except OSError:
        return None
    for p, n in names.items():
        try:
            if Path(p).resolve() == rp:
                return n
        except OSError:
            continue
    return None


# -- document pages ---------------------------------------------------------------------------------------
def _segments(block_start: int, block_end: int, spans: list[tuple[int, int, object]]):
    """Split [block_start, block_end) at every span boundary: (start, end, [objects covering it])."""
    cuts = {block_start, block_end}
    inside = []
    for s, e, obj in spans:
        s2, e2 = max(s, block_start), min(e, block_end)
        if s2 < e2:
            cuts.update((s2, e2))
            inside.append((s2, e2, obj))
    pts = sorted(cuts)
    out = []
    for a, b in zip(pts, pts[1:]):
        out.append((a, b, [o for s, e, o in inside if s <= a and b <= e]))
    return out


def _block_html(doc: Document, b, marks: list, rels: list) -> str:
    """The block's text with its highlighted segments."""
    spans = [(v["start"], max(v["end"], v["start"] + 1), ("f", v)) for v in marks]
    spans += [(r["start"], r["end"], ("r", r)) for r in rels]
    parts = []
    for v in marks:
        if b.start <= v["start"] < b.end or (v["start"] >= b.end and b.index == len(doc.blocks) - 1):
            parts.append((v["start"], f'<a id="f-{v["index"]}"></a>'))
    for r in rels:
        if b.start <= r["start"] < b.end:
            parts.append((r["start"], f'<a id="{_e(r["anchor"])}"></a>'))
    anchors = sorted(parts, key=lambda x: x[0])
    out = []
    for a, e, objs in _segments(b.start, b.end, spans):
        while anchors and anchors[0][0] <= a:
            out.append(anchors.pop(0)[1])
        text = _e(doc.text[a:e])
        fs = [o[1] for o in objs if o[0] == "f"]
        rs = [o[1] for o in objs if o[0] == "r"]
        if fs:
            sev = max((v["severity"] for v in fs), key=severity_rank)
            ids = " ".join(str(v["index"]) for v in fs)
            title = " | ".join(f"({v['index']}) {v['category_vi']}" for v in fs)
            cls = f"hl sev-{sev}" + (" multi" if len(fs) > 1 else "")
            text = f'<mark class="{cls}" data-f="{ids}" title="{_e(title)}">{text}</mark>'
        if rs:
            text = f'<mark class="rel" title="Đoạn được lặp lại trong báo cáo kiểm điểm">{text}</mark>'
        out.append(text)
    out.extend(a[1] for a in anchors)
    return "".join(out)


def _note_html(v: dict, related_href: str | None, standalone: bool) -> str:
    bits = [f'<div class="note sev-{v["severity"]}" id="n-{v["index"]}" data-id="{v["index"]}">',
            f'<a class="num" href="#f-{v["index"]}">({v["index"]})</a> '
            f'<span class="badge sev-{v["severity"]}">{_e(v["severity_vi"])}</span> '
            f'<span class="cat">{_e(v["category_vi"])}</span>',
            f'<div class="msg">{_e(v["message"])}</div>']
    if v["suggestion"]:
        bits.append(f'<div class="sug"><b>Đề nghị:</b> {_e(v["suggestion"])}</div>')
    rel = v.get("related")
    if rel:
        where = f'{_e(rel["name"])}, {_e(rel["where"])}'
        link = f'<a class="rel-link" href="{_e(related_href)}">{where}</a>' if related_href else where
        bits.append(f'<div class="related">Trùng với Báo cáo chính trị ({link}):'
                    f'<blockquote>“{_e(shorten(rel["text"] or rel["quote"], 30, 220))}”</blockquote></div>')
    if v["basis"]:
        bits.append(f'<details class="basis"><summary>Căn cứ</summary>{_e(v["basis"])}</details>')
    bits.append(f'<div class="meta">{_e(v["where"])} · <code>{_e(v["rule"])}</code></div>')
    bits.append("</div>")
    return "".join(bits)


def _rel_note_html(r: dict) -> str:
    return (f'<div class="note rel" id="n-{_e(r["anchor"])}"><b>Đoạn bị lặp lại</b> trong '
            f'<a href="{_e(r["href"])}">{_e(r["source_name"])} ({_e(r["source_where"])})</a>: báo cáo kiểm điểm '
            "chép lại đoạn này của báo cáo chính trị.</div>")


def document_page(result: DocumentResult, *, names: dict[str, str] | None = None,
                  incoming: list[dict] | None = None, standalone: bool = False,
                  author: str | None = None, views: list[dict] | None = None) -> str:
    """The HTML page of one document: text, highlighted passages, comments in the margin.

    ``names`` maps document paths to page names (links between a pair);
    ``incoming`` lists passages of this document that other documents
    repeat (``start``, ``end``, ``anchor``, ``href``, ``source_name``,
    ``source_where``). ``standalone`` drops the link back to the index.
    """
    names = names or {}
    incoming = incoming or []
    name = Path(result.path).name
    type_vi = DOC_TYPE_VI.get(result.doc_type or "other", "văn bản")
    back = "" if standalone else '<a href="index.html">← Tổng hợp</a> · '
    head = (f'<header class="top"><div class="sub">{back}{_e(unit_of(result.path))}</div>'
            f"<h1>{_e(type_vi[:1].upper() + type_vi[1:])}: {_e(name)}</h1>"
            f'<div class="sub">{_e(result.path)}</div></header>')
    if result.error:
        body = (f'{head}<main><div class="error-box">Không đọc được tệp: {_e(result.error["message"])} '
                f'[{_e(result.error["code"])}]</div></main>')
        return _page(f"{name} — lỗi", body)
    result = with_document(result)
    views = views if views is not None else finding_views(result)
    sev = Counter(v["severity"] for v in views)
    summary = (f'<div class="cards"><div class="card"><b>{len(views)}</b>nhận xét</div>'
               + "".join(f'<div class="card"><b>{sev.get(s, 0)}</b>{_e(SEVERITY_VI[s])}</div>'
                         for s in ("error", "warning", "info"))
               + (f'<div class="card"><b>{number_vi(result.stats.get("words", 0))}</b>từ</div>'
                  if result.stats.get("words") else "")
               + "</div>")
    if author:
        summary += f'<p class="meta">Người nhận xét: {_e(author)}</p>'
    if result.pair:
        pair_page = _resolve(result.pair, names)
        pname = Path(result.pair).name
        summary += ('<p class="meta">So sánh trùng lặp với: '
                    + (f'<a href="{_e(pair_page)}">{_e(pname)}</a>' if pair_page and not standalone else _e(pname))
                    + "</p>")
    doc = result.document
    if doc is None:
        notes = "".join(_note_html(v, None, standalone) for v in views)
        body = f"{head}<main>{summary}<h2>Nhận xét</h2>{notes}</main>"
        return _page(name, body, _DOC_JS)

    def rel_href(v):
        rel = v.get("related")
        if not rel or standalone:
            return None
        page = _resolve(rel["path"], names)
        return f'{page}#rel-{slug(result.path)}-{v["index"]}' if page else None

    # findings and incoming passages per unit of display (a block, or a whole table)
    units: list[list] = []
    for b in doc.blocks:
        if b.kind == "table_cell" and units and units[-1][0].kind == "table_cell" and \
                units[-1][0].table and b.table and units[-1][0].table[0] == b.table[0]:
            units[-1].append(b)
        else:
            units.append([b])
    rows = []
    starts = sorted(views, key=lambda v: v["start"])
    for unit in units:
        u_start, u_end = unit[0].start, unit[-1].end
        last_unit = unit is units[-1]
        here = [v for v in views if v["start"] < u_end + 1 and max(v["end"], v["start"] + 1) > u_start]
        notes_here = [v for v in starts if u_start <= v["start"] <= u_end or (last_unit and v["start"] > u_end)]
        rels_here = [r for r in incoming if r["start"] < u_end and r["end"] > u_start]
        rel_notes = [r for r in incoming if u_start <= r["start"] <= u_end]
        if unit[0].kind == "table_cell":
            grid: dict[int, dict[int, list]] = {}
            for b in unit:
                grid.setdefault(b.table[1], {}).setdefault(b.table[2], []).append(b)
            trs = []
            for r in sorted(grid):
                tds = "".join("<td>" + "<br>".join(_block_html(doc, b, here, rels_here) for b in grid[r][c]) + "</td>"
                              for c in sorted(grid[r]))
                trs.append(f"<tr>{tds}</tr>")
            text = f'<table>{"".join(trs)}</table>'
            kind = "table"
        else:
            b = unit[0]
            text = _block_html(doc, b, here, rels_here)
            kind = b.kind
        line = doc.line_col(u_start)[0]
        notes = "".join(_note_html(v, rel_href(v), standalone) for v in notes_here)
        notes += "".join(_rel_note_html(r) for r in rel_notes)
        rows.append(f'<div class="row" id="b-{unit[0].index}"><div class="text kind-{kind}">'
                    f'<span class="lineno">{line}</span>{text}</div><aside class="notes">{notes}</aside></div>')
    body = (f'{head}<main>{summary}<h2>Toàn văn và nhận xét</h2>'
            f'<div class="doc">{"".join(rows)}</div></main>')
    return _page(f"{name} — nhận xét", body, _DOC_JS)


# -- index ------------------------------------------------------------------------------------------------
def _chart_svg(counts: dict[str, Counter], docs_with: Counter, total_docs: int) -> str:
    """Horizontal stacked bars: findings per category by severity, with the number of documents."""
    cats = [c for c in CATEGORIES if sum(counts.get(c, Counter()).values())]
    if not cats:
        return '<p class="meta">Không có nhận xét nào để vẽ biểu đồ.</p>'
    label_w, bar_w, row_h = 330, 360, 24
    mx = max(sum(counts[c].values()) for c in cats) or 1
    h = row_h * len(cats) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 120}" height="{h}" '
             f'role="img" aria-label="Số nhận xét theo nhóm vấn đề" font-family="sans-serif" font-size="12">']
    for i, c in enumerate(cats):
        y = 5 + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(shorten(CATEGORY_VI[c], 9, 52))}</text>')
        x = label_w
        for s in ("error", "warning", "info"):
            n = counts[c].get(s, 0)
            if not n:
                continue
            w = max(n / mx * bar_w, 2)
            parts.append(f'<rect class="bar sev-{s}" data-cat="{c}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                         f'fill="{_SEV_COLOR[s]}"><title>{_e(CATEGORY_VI[c])}: {n} {SEVERITY_VI[s]}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(counts[c].values())} '
                     f'({docs_with[c]}/{total_docs} văn bản)</text>')
    parts.append("</svg>")
    return "".join(parts)


def index_page(report: Report | list[DocumentResult], names: dict[str, str],
               views: dict[str, list[dict]] | None = None) -> str:
    """The overview page: summary cards, filters, the sortable table and the chart."""
    results = documents_of(report)
    views = views if views is not None else {r.path: finding_views(r) for r in results}
    cats_present = [c for c in CATEGORIES if any(v["category"] == c for vs in views.values() for v in vs)]
    cols = cats_present or []
    counts: dict[str, Counter] = {}
    docs_with: Counter = Counter()
    head = ("<tr><th>Đơn vị</th><th>Văn bản</th><th>Loại</th>"
            + "".join(f'<th title="{_e(CATEGORY_VI[c])}">{_e(shorten(CATEGORY_VI[c], 6, 40))}</th>' for c in cols)
            + "<th>Tổng</th><th>Mức cao nhất</th></tr>")
    body_rows = []
    for r in results:
        vs = views.get(r.path, [])
        page = names.get(r.path)
        link = f'<a href="{_e(page)}">{_e(Path(r.path).name)}</a>' if page else _e(Path(r.path).name)
        unit = unit_of(r.path)
        if r.error:
            body_rows.append(
                f'<tr data-type="error" data-cats="" data-worst="error"><td class="name">{_e(unit)}</td>'
                f'<td class="name">{link}</td><td>lỗi</td>'
                f'<td class="err-doc" colspan="{len(cols) + 2}">Không đọc được: {_e(r.error["message"])}</td></tr>')
            continue
        by_cat: dict[str, list[dict]] = {}
        for v in vs:
            by_cat.setdefault(v["category"], []).append(v)
            counts.setdefault(v["category"], Counter())[v["severity"]] += 1
        for c in by_cat:
            docs_with[c] += 1
        cells = []
        for c in cols:
            items = by_cat.get(c, [])
            if not items:
                cells.append('<td class="cnt-0" data-sort="0">0</td>')
                continue
            w = worst(items)
            tip = "; ".join(f"({v['index']}) {v['where']}" for v in items[:8])
            cells.append(f'<td class="sev-{w}" data-sort="{len(items) + severity_rank(w) / 10:.1f}" title="{_e(tip)}">'
                         f'<a href="{_e(page)}#f-{items[0]["index"]}">{len(items)}</a></td>' if page else
                         f'<td class="sev-{w}" data-sort="{len(items)}">{len(items)}</td>')
        w = worst(vs)
        type_vi = DOC_TYPE_VI.get(r.doc_type or "other", "văn bản")
        body_rows.append(
            f'<tr data-type="{_e(r.doc_type or "other")}" data-cats="{_e(" ".join(by_cat))}" data-worst="{w or ""}">'
            f'<td class="name">{_e(unit)}</td><td class="name" data-sort="{_e(r.path)}">{link}</td>'
            f'<td>{_e(type_vi)}</td>{"".join(cells)}<td data-sort="{len(vs)}"><b>{len(vs)}</b></td>'
            f'<td data-sort="{severity_rank(w) if w else -1}">'
            + (f'<span class="badge sev-{w}">{_e(SEVERITY_VI[w])}</span>' if w else "—") + "</td></tr>")
    if not results:
        body_rows.append('<tr><td colspan="5">Không có văn bản nào.</td></tr>')
    total = sum(len(v) for v in views.values())
    sev = Counter(v["severity"] for vs in views.values() for v in vs)
    units = {unit_of(r.path) for r in results}
    errors = sum(1 for r in results if r.error)
    cards = (f'<div class="cards"><div class="card"><b>{len(units)}</b>đơn vị</div>'
             f'<div class="card"><b>{len(results)}</b>văn bản</div>'
             f'<div class="card"><b>{total}</b>nhận xét</div>'
             + "".join(f'<div class="card"><b>{sev.get(s, 0)}</b>{_e(SEVERITY_VI[s])}</div>' for s in ("error", "warning", "info"))
             + (f'<div class="card"><b>{errors}</b>tệp không đọc được</div>' if errors else "")
             + "</div>")
    filters = ('<div class="filters"><input id="f-text" type="search" placeholder="Lọc theo đơn vị, tên tệp…">'
               '<select id="f-type"><option value="">Mọi loại văn bản</option>'
               '<option value="political">Báo cáo chính trị</option><option value="review">Báo cáo kiểm điểm</option>'
               '<option value="other">Văn bản khác</option><option value="error">Tệp lỗi</option></select>'
               '<select id="f-cat"><option value="">Mọi nhóm vấn đề</option>'
               + "".join(f'<option value="{c}">{_e(CATEGORY_VI[c])}</option>' for c in CATEGORIES)
               + '</select><select id="f-sev"><option value="">Mọi mức độ</option>'
               '<option value="info">Từ lưu ý trở lên</option><option value="warning">Từ cảnh báo trở lên</option>'
               '<option value="error">Chỉ có lỗi</option></select>'
               '<span class="meta">Đang hiện <b id="f-count"></b> văn bản</span></div>')
    legend = ('<div class="legend">' + "".join(
        f'<span><i style="background:{_SEV_COLOR[s]}"></i>{_e(SEVERITY_VI[s])}</span>' for s in ("error", "warning", "info"))
        + "</div>")
    chart = _chart_svg(counts, docs_with, sum(1 for r in results if not r.error) or 1)
    body = ('<header class="top"><h1>Tổng hợp kết quả rà soát dự thảo văn kiện</h1>'
            f'<div class="sub">{len(results)} văn bản của {len(units)} đơn vị</div></header><main>'
            f"{cards}<h2>Bảng tổng hợp theo đơn vị và nhóm vấn đề</h2>{filters}"
            f'<table class="overview" id="overview"><thead>{head}</thead><tbody>{"".join(body_rows)}</tbody></table>'
            f'<h2>Các nhóm vấn đề trên toàn bộ văn bản</h2><div class="chart">{legend}{chart}</div></main>')
    return _page("Tổng hợp kết quả rà soát", body, _INDEX_JS)


def write_html_report(report: Report, out_dir: str | Path) -> list[Path]:
    """Write ``index.html`` and one page per document into ``out_dir``; returns the files written.

    A political report that a review was compared with but that is not in
    the batch gets a page too (read from its path), so overlap links work.
    """
    from ..fileio import write_atomic

    out = Path(out_dir)
    results = documents_of(report)
    views = {r.path: finding_views(r) for r in results}
    # the other side of overlaps that is not in the batch
    known = {r.path for r in results}
    extra_docs: dict[str, DocumentResult] = {}
    for r in results:
        for v in views[r.path]:
            rel = v.get("related")
            if rel and rel["path"] not in known and rel["path"] not in extra_docs:
                if any(Path(k).resolve() == Path(rel["path"]).resolve() for k in known if Path(k).exists()):
                    continue
                other = load_related_doc(rel["path"])
                if other is not None:
                    extra_docs[rel["path"]] = DocumentResult(path=rel["path"], doc_type=other.doc_type, document=other,
                                                             stats={"words": other.words})
    names = page_names(results, list(extra_docs))
    # passages of a document repeated elsewhere
    incoming: dict[str, list[dict]] = {}
    for r in results:
        for v in views[r.path]:
            rel = v.get("related")
            if not rel:
                continue
            target = _resolve(rel["path"], names)
            if target is None:
                continue
            target_path = next(p for p, n in names.items() if n == target)
            incoming.setdefault(target_path, []).append({
                "start": rel["start"], "end": rel["end"], "anchor": f"rel-{slug(r.path)}-{v['index']}",
                "href": f"{names[r.path]}#f-{v['index']}", "source_name": Path(r.path).name,
                "source_where": v["where"],
            })
    written = []
    for r in results:
        p = out / names[r.path]
        write_atomic(p, document_page(r, names=names, incoming=incoming.get(r.path), views=views[r.path]))
        written.append(p)
    for path, r in extra_docs.items():
        p = out / names[path]
        write_atomic(p, document_page(r, names=names, incoming=incoming.get(path), views=[]))
        written.append(p)
    idx = out / "index.html"
    write_atomic(idx, index_page(results, names, views))
    written.insert(0, idx)
    return written
