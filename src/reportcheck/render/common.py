"""What every reviewer-facing renderer shares: Vietnamese names and finding "views".

A *view* of a finding is a plain dict holding what a memo, an annotated
copy or an HTML page shows about it: the fields of output-schema.md plus
the Vietnamese names of its category and severity, the part of the report
it sits in (from ``Document.sections``), the nearest heading (*mục*), the
paragraph number inside that heading (*đoạn*), a short quotation and, for an
overlap, the repeated passage of the political report.

>>> from reportcheck.readers import read_text
>>> from reportcheck.findings import Finding
>>> from reportcheck.report import DocumentResult
>>> doc = read_text("BÁO CÁO KIỂM ĐIỂM\\nII. HẠN CHẾ, KHUYẾT ĐIỂM\\nMở đầu.\\nCó nơi, có lúc chưa quyết liệt.\\n")
>>> f = Finding(rule="accountability.x", category="accountability", severity="warning",
...             message="Hạn chế nêu chung chung.", start=doc.blocks[3].start, end=doc.blocks[3].end)
>>> v = finding_views(DocumentResult(path="a.txt", doc_type="review", findings=[f], document=doc))[0]
>>> v["part_name"], v["heading"], v["paragraph"], v["where"]
('Hạn chế, khuyết điểm', 'II. HẠN CHẾ, KHUYẾT ĐIỂM', 2, 'mục “II. HẠN CHẾ, KHUYẾT ĐIỂM”, đoạn 2, dòng 4')
>>> CATEGORY_VI["listing"]
'Dàn trải, mang tính liệt kê'
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from ..document import Document
from ..findings import CATEGORIES, severity_rank
from ..report import DocumentResult, Report

__all__ = [
    "CATEGORY_VI", "CATEGORY_PROBLEM", "CATEGORY_STRENGTH", "CATEGORY_ACTION", "SEVERITY_VI",
    "DOC_TYPE_VI", "PART_ORDER", "part_name", "finding_views", "shorten", "one_line",
    "number_vi", "load_related_doc", "unit_of", "checked_categories", "documents_of", "with_document",
]

#: the reviewers' names of the weaknesses (taxonomy.md, first letter capitalised)
CATEGORY_VI = {
    "listing": "Dàn trải, mang tính liệt kê",
    "numbers": "Nặng trình bày về số liệu",
    "overlap": "Báo cáo kiểm điểm trùng lặp với báo cáo chính trị",
    "accountability": "Chưa xác định rõ trách nhiệm của tập thể, cá nhân",
    "working-rules": "Chưa đi sâu kiểm điểm việc thực hiện nguyên tắc, phương thức lãnh đạo, quy chế làm việc",
    "causes": "Chưa phân tích rõ nguyên nhân (nhất là nguyên nhân chủ quan)",
    "targets": "Phương hướng, chỉ tiêu chưa thể hiện rõ quyết tâm chính trị",
    "baseline": "Chưa so sánh với chỉ tiêu nghị quyết đề ra",
    "unfocused": "Chưa cô đọng, thiếu trọng tâm",
    "imbalance": "Chưa thẳng thắn nhìn nhận hạn chế",
    "structure": "Thiếu phần bắt buộc",
    "format": "Thể thức chưa đúng quy định",
}

#: the weakness as a clause of a sentence ("dự thảo còn …")
CATEGORY_PROBLEM = {
    "listing": "cách trình bày còn dàn trải, mang tính liệt kê",
    "numbers": "còn nặng trình bày về số liệu",
    "overlap": "một số đoạn trùng lặp với Báo cáo chính trị",
    "accountability": "chưa xác định rõ trách nhiệm của tập thể, cá nhân đối với hạn chế, khuyết điểm",
    "working-rules": "chưa đi sâu kiểm điểm việc thực hiện nguyên tắc, phương thức lãnh đạo, quy chế làm việc",
    "causes": "chưa phân tích rõ nguyên nhân, nhất là nguyên nhân chủ quan",
    "targets": "phương hướng, chỉ tiêu chưa thể hiện rõ quyết tâm chính trị",
    "baseline": "chưa so sánh kết quả với chỉ tiêu nghị quyết đề ra",
    "unfocused": "chưa cô đọng, thiếu trọng tâm",
    "imbalance": "chưa thẳng thắn nhìn nhận hạn chế, khuyết điểm",
    "structure": "còn thiếu phần bắt buộc",
    "format": "thể thức chưa đúng quy định",
}

#: what a draft with no finding of the category does well
CATEGORY_STRENGTH = {
    "listing": "trình bày kết quả có nhận định, đánh giá, không sa vào liệt kê",
    "numbers": "sử dụng số liệu vừa phải, có phân tích",
    "overlap": "tập trung kiểm điểm sự lãnh đạo, chỉ đạo của cấp ủy, không chép lại Báo cáo chính trị",
    "accountability": "gắn hạn chế, khuyết điểm với trách nhiệm của tập thể, cá nhân",
    "working-rules": "kiểm điểm việc thực hiện nguyên tắc tập trung dân chủ, quy chế làm việc, phương thức lãnh đạo",
    "causes": "phân tích nguyên nhân, tách bạch nguyên nhân chủ quan và khách quan",
    "targets": "xác định chỉ tiêu có lượng hóa, có thời hạn, thể hiện quyết tâm chính trị",
    "baseline": "đối chiếu kết quả với chỉ tiêu nghị quyết đại hội đề ra",
    "unfocused": "viết tương đối cô đọng, có trọng tâm",
    "imbalance": "nhìn thẳng vào hạn chế, khuyết điểm",
    "structure": "có bố cục đủ các phần theo hướng dẫn",
    "format": "trình bày đúng thể thức văn bản của Đảng",
}

#: what to do, as a verb phrase ("đề nghị …")
CATEGORY_ACTION = {
    "listing": "chuyển từ liệt kê việc đã làm sang đánh giá chất lượng, hiệu quả",
    "numbers": "giảm bớt số liệu, chỉ giữ số liệu chủ yếu có so sánh, phân tích",
    "overlap": "viết lại các đoạn trùng lặp theo hướng kiểm điểm sự lãnh đạo, chỉ đạo của cấp ủy",
    "accountability": "chỉ rõ trách nhiệm của tập thể, cá nhân đối với từng hạn chế, khuyết điểm",
    "working-rules": "bổ sung kiểm điểm việc thực hiện nguyên tắc tập trung dân chủ, quy chế làm việc",
    "causes": "phân tích sâu nguyên nhân, nhất là nguyên nhân chủ quan",
    "targets": "lượng hóa chỉ tiêu, xác định rõ thời hạn và đối tượng đo đếm được",
    "baseline": "đối chiếu từng kết quả với chỉ tiêu nghị quyết đại hội đề ra",
    "unfocused": "rút gọn, bỏ câu chữ khuôn sáo, tập trung vào vấn đề trọng tâm",
    "imbalance": "đánh giá thẳng thắn, đầy đủ hơn hạn chế, khuyết điểm",
    "structure": "bổ sung các phần còn thiếu theo hướng dẫn",
    "format": "chỉnh sửa thể thức theo quy định",
}

SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}
DOC_TYPE_VI = {"political": "Báo cáo chính trị", "review": "Báo cáo kiểm điểm", "other": "văn bản"}

# role of a section -> part of the report (key, name in a political report, name in a review)
_PARTS: dict[str, tuple[str, str, str]] = {
    "header": ("header", "Phần đầu văn bản", "Phần đầu văn bản"),
    "title": ("header", "Phần đầu văn bản", "Phần đầu văn bản"),
    "context": ("context", "Phần mở đầu", "Phần mở đầu"),
    "evaluation": ("results", "Kết quả đạt được", "Ưu điểm"),
    "results": ("results", "Kết quả đạt được", "Ưu điểm"),
    "limitations": ("limitations", "Hạn chế, khuyết điểm", "Hạn chế, khuyết điểm"),
    "causes": ("causes", "Nguyên nhân", "Nguyên nhân"),
    "cause-subjective": ("causes", "Nguyên nhân", "Nguyên nhân"),
    "cause-objective": ("causes", "Nguyên nhân", "Nguyên nhân"),
    "cause-success": ("causes", "Nguyên nhân", "Nguyên nhân"),
    "lessons": ("lessons", "Bài học kinh nghiệm", "Bài học kinh nghiệm"),
    "plan": ("directions", "Phương hướng, mục tiêu, chỉ tiêu", "Phương hướng, biện pháp khắc phục"),
    "directions": ("directions", "Phương hướng, mục tiêu, chỉ tiêu", "Phương hướng, biện pháp khắc phục"),
    "targets": ("directions", "Phương hướng, mục tiêu, chỉ tiêu", "Phương hướng, biện pháp khắc phục"),
    "tasks": ("tasks", "Nhiệm vụ, giải pháp", "Phương hướng, biện pháp khắc phục"),
    "breakthroughs": ("breakthroughs", "Khâu đột phá", "Khâu đột phá"),
    "working-rules": ("working-rules", "Việc thực hiện nguyên tắc, quy chế làm việc",
                      "Việc thực hiện nguyên tắc, quy chế làm việc"),
    "responsibility": ("responsibility", "Trách nhiệm của tập thể, cá nhân", "Trách nhiệm của tập thể, cá nhân"),
    "remedies": ("remedies", "Phương hướng, biện pháp khắc phục", "Phương hướng, biện pháp khắc phục"),
    "closing": ("closing", "Phần kết thúc", "Phần kết thúc"),
}
_GENERAL = ("general", "Những vấn đề chung của dự thảo", "Những vấn đề chung của dự thảo")
_OTHER = ("other", "Các nội dung khác", "Các nội dung khác")

#: order of the parts in a memo (general remarks first, then the report's own order)
PART_ORDER = ("general", "header", "context", "results", "working-rules", "limitations", "causes",
              "responsibility", "lessons", "directions", "tasks", "breakthroughs", "remedies",
              "closing", "other")

#: check kinds whose findings concern the whole document rather than one passage
_DOCUMENT_KINDS = {"required-parts", "length", "ratio", "working-rules"}


def part_name(role: str | None, doc_type: str | None) -> tuple[str, str]:
    """(key, Vietnamese name) of the part of the report a section role belongs to.

    >>> part_name("cause-subjective", "political")
    ('causes', 'Nguyên nhân')
    >>> part_name("results", "review")
    ('results', 'Ưu điểm')
    """
    key, pol, rev = _PARTS.get(role or "", _OTHER)
    return key, (rev if doc_type == "review" else pol)


def one_line(text: str) -> str:
    """Whitespace (line breaks of table cells included) collapsed to single spaces."""
    return " ".join((text or "").split())


def shorten(text: str, words: int = 30, chars: int = 220) -> str:
    """A brief quotation: the first ``words`` words (and at most ``chars`` characters).

    >>> shorten("một hai ba bốn năm", words=3)
    'một hai ba …'
    >>> shorten("ngắn gọn")
    'ngắn gọn'
    """
    t = one_line(text).rstrip("…").rstrip()
    parts = t.split(" ")
    cut = len(parts) > words
    t2 = " ".join(parts[:words]) if cut else t
    if len(t2) > chars:
        t2 = t2[:chars].rsplit(" ", 1)[0]
        cut = True
    if cut or one_line(text).endswith("…"):
        return t2.rstrip(" ,;:") + " …"
    return t2


def number_vi(n: int | float) -> str:
    """A number written the Vietnamese way (dot between thousands).

    >>> number_vi(1978), number_vi(12)
    ('1.978', '12')
    """
    return f"{int(n):,}".replace(",", ".")


def _rules_meta() -> dict:
    try:
        from ..rules import load_rules

        return {r.id: r for r in load_rules()}
    except Exception:  # noqa: BLE001 - metadata is a nicety; a broken rule folder must not stop a memo
        return {}


def checked_categories(doc_type: str | None, has_pair: bool, source_format: str | None = None) -> list[str]:
    """Categories the shipped rules (and the overlap check) actually examine for ``doc_type``."""
    cats = {r.category for r in _rules_meta().values() if doc_type in r.doc_types}
    if has_pair and doc_type == "review":
        cats.add("overlap")
    if source_format != "docx":
        cats.discard("format")
    return [c for c in CATEGORIES if c in cats]


_RELATED_CACHE: dict[str, Document | None] = {}


def load_related_doc(path: str | None) -> Document | None:
    """The other document of an overlap, read from ``path`` (cached; None if unreadable)."""
    if not path:
        return None
    if path in _RELATED_CACHE:
        return _RELATED_CACHE[path]
    doc = None
    try:
        from ..readers import load

        if Path(path).is_file():
            doc = load(path)
    except Exception:  # noqa: BLE001
        doc = None
    if len(_RELATED_CACHE) > 64:
        _RELATED_CACHE.clear()
    _RELATED_CACHE[path] = doc
    return doc


def _heading_sections(doc: Document) -> list:
    return [s for s in doc.sections if s.heading is not None and s.source == "heading"]


def _innermost(sections: Iterable, offset: int):
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
            best = s
    return best


def _location(doc: Document, offset: int) -> dict:
    """mục (nearest enclosing heading), đoạn (paragraph number under it), role, table position."""
    out: dict[str, Any] = {"heading": "", "heading_block": None, "paragraph": None, "role": None,
                           "table": None, "in_heading": False}
    if not doc.blocks:
        return out
    block = doc.block_at(offset)
    inner = _innermost(doc.sections, offset)
    out["role"] = inner.role if inner is not None else None
    hs = _innermost(_heading_sections(doc), offset)
    if block is not None and block.kind == "heading" or (hs is not None and block is not None and hs.heading == block.index):
        out["in_heading"] = True
        out["heading"] = block.content.strip()
        out["heading_block"] = block.index
        # a heading belongs to the part it opens
        return out
    first = 0
    if hs is not None:
        out["heading"] = doc.blocks[hs.heading].content.strip()
        out["heading_block"] = hs.heading
        first = hs.heading + 1
    if block is None:
        return out
    if block.kind == "table_cell" and block.table is not None:
        tables = []
        for b in doc.blocks:
            if b.kind == "table_cell" and b.table is not None and b.table[0] not in tables:
                tables.append(b.table[0])
        out["table"] = {"number": tables.index(block.table[0]) + 1, "row": block.table[1] + 1,
                        "col": block.table[2] + 1}
        return out
    n = sum(1 for b in doc.blocks[first:block.index + 1] if b.kind in ("paragraph", "list_item"))
    out["paragraph"] = max(n, 1)
    return out


def _where(loc: dict, line: int | None, source_format: str | None, path: str | None = None) -> str:
    bits = []
    if path:
        bits.append(Path(path).name)
    if loc.get("in_heading"):
        bits.append(f"tiêu đề “{shorten(loc['heading'], 14, 90)}”")
    else:
        if loc.get("heading"):
            bits.append(f"mục “{shorten(loc['heading'], 14, 90)}”")
        if loc.get("table"):
            t = loc["table"]
            bits.append(f"bảng {t['number']}, hàng {t['row']}, cột {t['col']}")
        elif loc.get("paragraph"):
            bits.append(f"đoạn {loc['paragraph']}")
    if line and source_format != "docx":
        bits.append(f"dòng {line}")
    return ", ".join(bits) or "toàn văn bản"


def with_document(result: DocumentResult) -> DocumentResult:
    """``result`` with its Document at hand: a result read from a cache is re-read from its file.

    The findings' offsets are only trusted when the file still has at least
    as much text as they point at; otherwise ``result`` is returned as is.
    """
    if result.error or result.document is not None:
        return result
    doc = load_related_doc(result.path)
    if doc is None:
        return result
    ends = [f.get("end", 0) for f in (result.finding_dicts or [])]
    if ends and max(ends) > len(doc.text):
        return result
    if result.doc_type in ("political", "review", "other"):
        doc.doc_type = result.doc_type
    return replace(result, document=doc)


def finding_views(result: DocumentResult, *, related_docs: dict[str, Document] | None = None) -> list[dict]:
    """One view (a dict, see the module docstring) per finding of ``result``, in document order."""
    if result.error:
        return []
    result = with_document(result)
    doc = result.document
    dicts = result.findings_as_dicts()
    objs = result.findings if (doc is not None and len(result.findings) == len(dicts)) else [None] * len(dicts)
    meta = _rules_meta()
    fmt = doc.source_format if doc is not None else Path(result.path).suffix.lstrip(".").lower()
    views = []
    for i, (d, obj) in enumerate(zip(dicts, objs), 1):
        rule = meta.get(d["rule"])
        v = dict(d)
        v["index"] = i
        v["category_vi"] = CATEGORY_VI.get(d["category"], d["category"])
        v["severity_vi"] = SEVERITY_VI.get(d["severity"], d["severity"])
        v["suggestion"] = d.get("suggestion") or ""
        basis = (obj.basis if obj is not None else None) or (rule.basis if rule is not None else None)
        v["basis"] = basis or ""
        v["evidence"] = d.get("evidence") or ""
        v["quote"] = shorten(v["evidence"])
        #: the whole passage on one line (the evidence may be cut at 300 characters)
        v["passage"] = one_line(doc.text[d["start"]:d["end"]]) if doc is not None else one_line(v["evidence"])
        v["values"] = dict(obj.values) if obj is not None else {}
        general = rule is not None and rule.kind in _DOCUMENT_KINDS
        if doc is not None:
            loc = _location(doc, d["start"])
        else:
            loc = {"heading": "", "heading_block": None, "paragraph": None, "role": None, "table": None,
                   "in_heading": False}
        key, name = (_GENERAL[0], _GENERAL[1]) if general else part_name(loc["role"], result.doc_type)
        v.update(part=key, part_name=name, heading=loc["heading"], paragraph=loc["paragraph"],
                 table=loc["table"], general=general,
                 where=_where(loc, d.get("line"), fmt))
        v["related"] = _related_view(d, obj, related_docs)
        views.append(v)
    return views


def _related_view(d: dict, obj, related_docs: dict[str, Document] | None) -> dict | None:
    rel = d.get("related")
    if not rel:
        return None
    text = ""
    if obj is not None and obj.related is not None and obj.related.text:
        text = obj.related.text
    other = (related_docs or {}).get(rel["path"]) or None
    if other is None:
        other = load_related_doc(rel["path"])
    if not text and other is not None:
        text = other.text[rel["start"]:rel["end"]]
    loc = _location(other, rel["start"]) if other is not None else {"heading": "", "paragraph": None, "table": None,
                                                                      "in_heading": False}
    fmt = other.source_format if other is not None else Path(rel["path"]).suffix.lstrip(".").lower()
    return {
        "path": rel["path"], "name": Path(rel["path"]).name, "line": rel.get("line"), "column": rel.get("column"),
        "start": rel["start"], "end": rel["end"], "text": one_line(text), "quote": shorten(text) if text else "",
        "where": _where(loc, rel.get("line"), fmt),
    }


def unit_of(path: str) -> str:
    """The unit a document belongs to: its folder's name (``units/u01/review.txt`` → ``u01``)."""
    parent = Path(path).parent
    return parent.name or str(parent) or "."


def documents_of(report_or_result) -> list[DocumentResult]:
    """The document results of a Report, a DocumentResult or a list of them."""
    if isinstance(report_or_result, Report):
        return list(report_or_result.documents)
    if isinstance(report_or_result, DocumentResult):
        return [report_or_result]
    if isinstance(report_or_result, (list, tuple)):
        out = []
        for x in report_or_result:
            out.extend(documents_of(x))
        return out
    raise TypeError(f"expected a Report or DocumentResult, not {type(report_or_result).__name__}")


def worst(views: list[dict]) -> str | None:
    sevs = [v["severity"] for v in views]
    return max(sevs, key=severity_rank) if sevs else None


_SLUG_RE = re.compile(r"[^0-9A-Za-z._-]+")


def slug(path: str) -> str:
    """A file-name-safe slug of a path (diacritics dropped).

    >>> slug("units/u01/Báo cáo.docx")
    'units__u01__Bao-cao.docx'
    """
    from ..normalize import strip_diacritics

    s = strip_diacritics(path.replace("\\", "/")).replace("đ", "d").replace("Đ", "D")
    parts = [_SLUG_RE.sub("-", p).strip("-") for p in s.split("/") if p not in ("", ".", "..")]
    return "__".join(p for p in parts if p) or "document"
