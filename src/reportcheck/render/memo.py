"""The reviewer's memo (góp ý) on a draft: Markdown, HTML or a Word document.

The memo follows a real góp ý sent back to a drafting unit:

- a header in Party document style: the issuing body (and its superior),
  ``*``, số và ký hiệu on the left; ĐẢNG CỘNG SẢN VIỆT NAM and the place–date
  line on the right; "Kính gửi" the drafting body;
- the title "GÓP Ý" with the draft's own title under it;
- **I. Nhận xét chung**: a few sentences written from the findings — what the
  draft does well (the weaknesses checked and not found), its main problems
  (the categories found, how many comments, in which parts), what to do first
  and, when a previous round is given, how many earlier comments were
  resolved;
- **II. Góp ý cụ thể**: comments grouped by part of the report (from the
  document's sections) and by weakness (the taxonomy's Vietnamese names),
  numbered continuously; each quotes the passage briefly with where it is
  (mục, đoạn, dòng), says what is wrong and what to do, and on what basis;
  for an overlap the two passages are shown side by side;
- closing lines, "Nơi nhận" and a signature block.

The Markdown and HTML memos come from Jinja2 templates (``memo.md.j2`` and
``memo.html.j2`` in ``reportcheck/templates``) rendered with
``StrictUndefined``; a folder given as ``template_dir`` (``--template``, or
``template_dir`` under ``[memo]`` in the config) is searched first, so a
user overrides one template by putting a file of the same name there. The
.docx memo is built with python-docx (Times New Roman 14, tables 13, A4,
margins 20/20/30/15 mm); a ``memo.docx`` in ``template_dir`` is used as the
base document (its styles, page setup and running header), its body
replaced by the memo.

>>> import reportcheck
>>> doc = reportcheck.load_text("BÁO CÁO KIỂM ĐIỂM\\nII. HẠN CHẾ, KHUYẾT ĐIỂM\\nCó nơi, có lúc chưa quyết liệt.")
>>> md = render_memo(reportcheck.check_document(doc), format="md", place="Lạc Điền", date="2025-05-20")
>>> "Lạc Điền, ngày 20 tháng 5 năm 2025" in md and "## I. Nhận xét chung" in md
True
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from .._version import __version__
from ..errors import ReportcheckError
from ..findings import CATEGORIES, severity_rank
from ..report import DocumentResult
from .common import (
    CATEGORY_ACTION, CATEGORY_PROBLEM, CATEGORY_STRENGTH, CATEGORY_VI, DOC_TYPE_VI, PART_ORDER,
    checked_categories, documents_of, finding_views, number_vi, one_line, part_name, shorten, with_document,
)

__all__ = ["render_memo", "memo_context", "write_memos", "memo_filename", "MEMO_FORMATS", "PLACEHOLDER",
           "resolved_count"]

MEMO_FORMATS = ("md", "html", "docx")
PLACEHOLDER = "……………"
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_TEMPLATES = {"md": "memo.md.j2", "html": "memo.html.j2"}


# -- small Vietnamese helpers --------------------------------------------------------
_ORG_WORDS = ("đảng ủy", "đảng uỷ", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ",
              "quận ủy", "quận uỷ", "thị ủy", "thị uỷ", "chi bộ", "đảng bộ", "chi ủy", "chi uỷ")
_ADMIN_WORDS = ("thị trấn", "thị xã", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh", "khối", "cụm")


def org_case(text: str) -> str:
    """An upper-case Party body name in running-text case.

    >>> org_case("ĐẢNG ỦY XÃ TÂN PHÚ")
    'Đảng ủy xã Tân Phú'
    >>> org_case("BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN LẠC ĐIỀN")
    'Ban Chấp hành Đảng bộ huyện Lạc Điền'
    >>> org_case("HUYỆN ỦY LẠC ĐIỀN"), org_case("BAN TUYÊN GIÁO")
    ('Huyện ủy Lạc Điền', 'Ban Tuyên giáo')
    """
    words = one_line(text).lower().split(" ")
    out: list[str] = []
    i, proper = 0, False
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2])
        if w == "ban" and i + 1 < len(words):
            out += ["Ban", words[i + 1].capitalize()]
            i += 2
            continue
        if two in ("ủy ban", "uỷ ban") and i + 2 < len(words):
            out += ["Ủy ban" if not out else "ủy ban", words[i + 2].capitalize()]
            i += 3
            continue
        if two in _ORG_WORDS:
            out += [words[i].capitalize(), words[i + 1]]
            i += 2
            proper = two.endswith(("ủy", "uỷ"))
            continue
        if two in _ADMIN_WORDS or w in _ADMIN_WORDS:
            n = 2 if two in _ADMIN_WORDS else 1
            out += words[i:i + n]
            i += n
            proper = True
            continue
        if w in ("lần", "khóa", "khoá", "nhiệm"):
            proper = False
        out.append(w.capitalize() if proper or w == "đảng" else w)
        i += 1
    s = " ".join(out)
    return s[:1].upper() + s[1:]


def date_vi(date: Any = None) -> str:
    """"ngày 05 tháng 02 năm 2026": a zero before days under 10 and months 1–2 (Party style).

    >>> date_vi(_dt.date(2025, 5, 20)), date_vi("2026-02-03")
    ('ngày 20 tháng 5 năm 2025', 'ngày 03 tháng 02 năm 2026')
    >>> date_vi("ngày 1 tháng 6 năm 2025")
    'ngày 1 tháng 6 năm 2025'
    """
    if date is None:
        date = _dt.date.today()
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date.strip())
        except ValueError:
            return date.strip()
    if isinstance(date, _dt.datetime):
        date = date.date()
    day = f"{date.day:02d}" if date.day < 10 else str(date.day)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {day} tháng {month} năm {date.year}"


def _lines(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [one_line(x) for x in value.split("\n") if x.strip()]
    return [one_line(x) for x in value if str(x).strip()]


def _join_vi(items: list[str], sep: str = ", ") -> str:
    """'a, b và c' (``sep`` "; " when the items hold commas themselves).

    >>> _join_vi(["a", "b", "c"]), _join_vi(["a, b", "c"], "; ")
    ('a, b và c', 'a, b; c')
    """
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if sep != ", ":
        return sep.join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


# -- reading the draft's own header and title ------------------------------------------
def _draft_header(result: DocumentResult) -> dict:
    """Issuing body, superior body and title lines read from the draft (best effort)."""
    out = {"body": None, "parent": None, "title": None, "title_rest": [], "version": None}
    doc = result.document
    if doc is None or not doc.blocks:
        return out
    title_sec = next((s for s in doc.sections if s.role == "title"), None)
    head_end = title_sec.start if title_sec is not None else 0
    head = [b.content.strip() for b in doc.blocks if b.end <= head_end] if head_end else []
    if "*" in head:
        star = head.index("*")
        before = [h for h in head[:star] if h]
        if before:
            out["body"] = before[-1]
            out["parent"] = before[-2] if len(before) > 1 else None
    elif head:
        up = [h for h in head if h.isupper() and "CỘNG SẢN" not in h and not h.startswith("SỐ")]
        if up:
            out["body"] = up[min(1, len(up) - 1)]
    if title_sec is not None:
        blocks = list(doc.blocks_in(title_sec.start, title_sec.end))
        if blocks:
            out["title"] = blocks[0].content.strip()
            for b in blocks[1:]:
                t = b.content.strip()
                m = re.match(r"^\((.*)\)$", t)
                if m:
                    if "dự thảo" in m.group(1).lower():
                        out["version"] = m.group(1)[:1].lower() + m.group(1)[1:]
                    continue
                out["title_rest"].append(t)
    return out


def _guess_recipient(header: dict) -> str | None:
    body = header.get("body")
    if not body:
        return None
    up = body.upper()
    m = re.search(r"(ĐẢNG BỘ|CHI BỘ)\s+(.+?)(\s+LẦN THỨ.*)?$", up)
    if up.startswith("ĐẠI HỘI") and m:
        return "Ban Chấp hành " + org_case(m.group(1) + " " + m.group(2))
    return org_case(body)


# -- the general remarks -------------------------------------------------------------
def resolved_count(previous: Any, views: list[dict]) -> dict | None:
    """``{"resolved": x, "total": y}`` from a dict of that shape or a list of earlier finding dicts.

    An earlier finding is resolved when no current finding has the same rule
    and the same passage (evidence compared on its first 80 characters,
    whitespace and case ignored; the line when there is no evidence).

    >>> resolved_count([{"rule": "a.b", "evidence": "X y"}, {"rule": "a.c", "evidence": "Z"}],
    ...                [{"rule": "a.b", "evidence": "x  y"}])
    {'resolved': 1, 'total': 2}
    """
    if previous is None:
        return None
    if isinstance(previous, dict):
        if "resolved" in previous and "total" in previous:
            return {"resolved": int(previous["resolved"]), "total": int(previous["total"])}
        if "findings" in previous:
            previous = previous["findings"]
        elif "documents" in previous:
            previous = [f for d in previous["documents"] for f in d.get("findings", [])]
    prev = list(previous)

    def key(f: dict):
        ev = one_line(f.get("evidence") or "").lower()[:80]
        return (f.get("rule"), ev) if ev else (f.get("rule"), f.get("line"))

    now = {key(v) for v in views}
    resolved = sum(1 for f in prev if key(f) not in now)
    return {"resolved": resolved, "total": len(prev)}


def _parts_present(result: DocumentResult) -> list[str]:
    doc = result.document
    if doc is None:
        return []
    names: list[str] = []
    for s in doc.sections:
        if s.source != "heading" or s.role in ("other", "evaluation", "plan"):
            continue
        key, name = part_name(s.role, result.doc_type)
        if key in ("header", "context", "closing", "other"):
            continue
        low = name[:1].lower() + name[1:]
        if low not in names:
            names.append(low)
    return names


def general_remarks(result: DocumentResult, views: list[dict], previous: dict | None = None) -> list[str]:
    """The paragraphs of "I. Nhận xét chung", written from the findings."""
    doc = result.document
    type_vi = DOC_TYPE_VI.get(result.doc_type or "other", "văn bản")
    has_pair = bool(result.pair) or any(v["category"] == "overlap" for v in views)
    checked = checked_categories(result.doc_type, has_pair, doc.source_format if doc is not None else None)
    found: dict[str, list[dict]] = {}
    for v in views:
        found.setdefault(v["category"], []).append(v)
    paras: list[str] = []

    # 1. the draft as a whole, and what it does well
    words = (result.stats or {}).get("words") or (doc.words if doc is not None else None)
    parts = _parts_present(result)
    first = f"Dự thảo {type_vi}"
    if words:
        first += f" dài khoảng {number_vi(words)} từ"
    if parts:
        first += (", " if words else " ") + f"gồm các phần: {'; '.join(parts)}"
    first += "."
    good = [CATEGORY_STRENGTH[c] for c in checked if c not in found]
    sep = "; " if any("," in g for g in good) else ", "
    if good and found:
        first += f" Dự thảo đã {_join_vi(good, sep)}."
    elif good:
        first += (f" Dự thảo đã {_join_vi(good, sep)}; qua rà soát chưa phát hiện vấn đề cần góp ý "
                  "về các nội dung nêu trên.")
    elif not found:
        first += " Qua rà soát chưa phát hiện vấn đề cần góp ý."
    paras.append(first)

    # 2. the main problems, the worst first
    if found:
        order = sorted(found, key=lambda c: (-max(severity_rank(v["severity"]) for v in found[c]),
                                             -len(found[c]), CATEGORIES.index(c) if c in CATEGORIES else 99))
        items = []
        for c in order:
            vs = found[c]
            where = []
            for v in vs:
                if v["part"] not in ("general", "other", "header") and v["part_name"] not in where:
                    where.append(v["part_name"])
            bit = f"{CATEGORY_PROBLEM.get(c, c)} ({len(vs)} ý kiến"
            if where:
                bit += ", ở phần " + _join_vi([w[:1].lower() + w[1:] for w in where[:3]])
            items.append(bit + ")")
        second = f"Tuy nhiên, dự thảo còn {len(found)} vấn đề cần tiếp tục hoàn thiện: {'; '.join(items)}."
        top = order[0]
        tv = found[top]
        headings = []
        for v in tv:
            h = v["heading"]
            if h and not v["general"] and h not in headings:
                headings.append(h)
        if len(tv) > 1 or headings:
            second += f" Nổi lên nhất là {CATEGORY_PROBLEM.get(top, top)}"
            if headings:
                quoted = [f"“{shorten(h, 10, 70)}”" for h in headings[:3]]
                more = f" và {len(headings) - 3} mục khác" if len(headings) > 3 else ""
                second += f", thể hiện ở {'mục' if len(headings) == 1 else 'các mục'} {', '.join(quoted)}{more}"
            second += "."
        errors = sum(1 for v in views if v["severity"] == "error")
        if errors:
            second += f" Có {errors} ý kiến cần sửa trước khi trình đại hội."
        paras.append(second)
        actions = [CATEGORY_ACTION[c] for c in order[:3] if c in CATEGORY_ACTION]
        paras.append(f"Đề nghị tập trung {_join_vi(actions)}; các ý kiến cụ thể nêu tại phần II.")

    # 3. the previous round
    if previous is not None and previous.get("total"):
        x, y = previous["resolved"], previous["total"]
        s = f"So với dự thảo lần trước, đã khắc phục {x}/{y} ý kiến lần trước"
        s += f"; còn {y - x} ý kiến chưa được tiếp thu, được nêu lại dưới đây." if y > x else "."
        paras.append(s)
    return paras


# -- grouping ----------------------------------------------------------------------------
def _groups(views: list[dict]) -> list[dict]:
    parts: dict[str, dict] = {}
    for v in views:
        p = parts.setdefault(v["part"], {"key": v["part"], "name": v["part_name"], "weaknesses": {}})
        p["weaknesses"].setdefault(v["category"], []).append(v)
    order = sorted(parts.values(), key=lambda p: PART_ORDER.index(p["key"]) if p["key"] in PART_ORDER else 99)
    out = []
    n = 0
    for i, p in enumerate(order, 1):
        ws = []
        cats = sorted(p["weaknesses"], key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else 99)
        for j, c in enumerate(cats):
            comments = []
            for v in p["weaknesses"][c]:
                n += 1
                comments.append(dict(v, number=n))
            bases = list(dict.fromkeys(v["basis"] for v in comments if v["basis"]))
            shared = bases[0] if len(bases) == 1 and all(v["basis"] == bases[0] for v in comments) else None
            for v in comments:
                v["show_basis"] = bool(v["basis"]) and shared is None
            ws.append({"letter": _LETTERS[j % len(_LETTERS)], "category": c,
                       "name": CATEGORY_VI.get(c, c), "basis": shared or "", "comments": comments})
        out.append({"number": i, "key": p["key"], "name": p["name"], "weaknesses": ws})
    return out


# -- the context the templates see -----------------------------------------------------------
def memo_context(result: DocumentResult, *, issuer: str | Sequence[str] | None = None,
                 recipient: str | None = None, place: str | None = None, date: Any = None,
                 number: str | None = None, signer_title: str | Sequence[str] | None = None,
                 signer_name: str | None = None, copies: Sequence[str] | None = None,
                 previous: Any = None) -> dict:
    """Everything a memo template renders for one document, as plain data.

    Every key is always present (the templates run with StrictUndefined).
    """
    if result.error:
        raise ReportcheckError(f"{result.path}: không lập được góp ý vì không đọc được tệp ({result.error['message']})")
    result = with_document(result)
    views = finding_views(result)
    header = _draft_header(result)
    type_vi = DOC_TYPE_VI.get(result.doc_type or "other", "văn bản")
    for v in views:
        v["doc_type_vi"] = type_vi[:1].upper() + type_vi[1:]
    issuer_lines = _lines(issuer) or [PLACEHOLDER]
    issuer_name = org_case(issuer_lines[-1]) if issuer_lines[-1] != PLACEHOLDER else ""
    recipient = one_line(recipient) if recipient else (_guess_recipient(header) or PLACEHOLDER)
    if number:
        number_line = number if number.lower().startswith("số") else f"Số {number}"
    else:
        number_line = "Số ……-CV/……"
    place_date = f"{one_line(place) if place else '………'}, {date_vi(date)}"
    title_rest = " ".join(header["title_rest"])
    if result.doc_type in ("political", "review"):
        subtitle = f"dự thảo {type_vi}" + (f" {title_rest}" if title_rest else "")
    elif header["title"]:
        subtitle = f"dự thảo {header['title'][:1] + header['title'][1:].lower()}" + (f" {title_rest}" if title_rest else "")
    else:
        subtitle = f"dự thảo văn bản “{Path(result.path).name}”"
    subtitle = shorten(subtitle, 45, 300)
    if header["version"]:
        subtitle += f" ({header['version']})"
    prev = resolved_count(previous, views)
    who = issuer_name or "chúng tôi"
    words = (result.stats or {}).get("words")
    intro = (f"Sau khi nghiên cứu dự thảo {type_vi} (tệp {Path(result.path).name}"
             + (f", khoảng {number_vi(words)} từ" if words else "") + f"), {who} có ý kiến góp ý như sau:")
    closing = (f"Trên đây là ý kiến góp ý của {who} đối với dự thảo {type_vi}. Đề nghị "
               f"{recipient if recipient != PLACEHOLDER else 'cơ quan soạn thảo'} nghiên cứu, tiếp thu, "
               "hoàn chỉnh dự thảo trước khi trình đại hội./.")
    sev = {"error": 0, "warning": 0, "info": 0}
    for v in views:
        sev[v["severity"]] += 1
    return {
        "issuer_lines": issuer_lines,
        "number": number_line,
        "party": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "place_date": place_date,
        "recipient": recipient,
        "title": "GÓP Ý",
        "subtitle": subtitle,
        "intro": intro,
        "general": general_remarks(result, views, prev),
        "groups": _groups(views),
        "closing": closing,
        "copies": list(copies) if copies else ["Như trên", "Lưu"],
        "signer_title": _lines(signer_title) or [f"T/M {PLACEHOLDER}"],
        "signer_name": one_line(signer_name) if signer_name else "",
        "previous": prev,
        "document": {
            "path": result.path, "name": Path(result.path).name, "doc_type": result.doc_type or "other",
            "doc_type_vi": type_vi, "words": words or 0, "pair": result.pair or "",
            "pair_name": Path(result.pair).name if result.pair else "",
            "findings": len(views), "severities": sev,
        },
        "findings": views,
        "generator": f"reportcheck {__version__}",
    }


# -- rendering -----------------------------------------------------------------------------------
def _environment(template_dir: str | Path | None):
    import jinja2

    loaders: list = []
    if template_dir is not None:
        folder = Path(template_dir)
        if not folder.is_dir():
            raise ReportcheckError(f"không tìm thấy thư mục mẫu góp ý: {folder}")
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(jinja2.PackageLoader("reportcheck", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=lambda name: bool(name) and name.endswith((".html.j2", ".html")),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["mdq"] = _md_escape
    env.filters["shorten"] = shorten
    return env


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md_escape(text: Any) -> str:
    """Text safe inside a Markdown paragraph or table cell (one line)."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(text)))


def _options_from(options: dict) -> dict:
    out = {}
    for k, v in options.items():
        if v is not None:
            out[k] = v
    return out


def render_memo(report_or_result, format: str = "md", *, template_dir: str | Path | None = None,
                previous: Any = None, **options) -> str | bytes:
    """The memo for every readable document of a Report (or one DocumentResult).

    ``format``: ``md`` or ``html`` (a str) or ``docx`` (bytes). Options:
    ``issuer`` (lines of the issuing body, superior body first, as a list or
    a string with line breaks), ``recipient``, ``place``, ``date`` (a date,
    an ISO string, or text used as is), ``number`` (số và ký hiệu),
    ``signer_title``, ``signer_name``, ``copies`` (Nơi nhận). ``previous``:
    ``{"resolved": x, "total": y}`` or the earlier round's finding dicts.
    Several documents give one memo each, one after the other.
    """
    if format not in MEMO_FORMATS:
        raise ValueError(f"unknown memo format {format!r}; choose from {', '.join(MEMO_FORMATS)}")
    results = [d for d in documents_of(report_or_result) if not d.error]
    if not results:
        raise ReportcheckError("không có văn bản nào đọc được để lập góp ý")
    opts = _options_from(options)
    memos = [memo_context(r, previous=previous, **opts) for r in results]
    if format == "docx":
        return build_docx(memos, template_dir=template_dir)
    env = _environment(template_dir)
    template = env.get_template(_TEMPLATES[format])
    return template.render(memos=memos, generator=f"reportcheck {__version__}")


def memo_filename(path: str, fmt: str, *, keep_suffix: bool = False) -> str:
    """``review.docx`` → ``review.gop-y.md`` (memo of the draft ``path`` in format ``fmt``).

    >>> memo_filename("u01/review.docx", "md"), memo_filename("review.docx", "md", keep_suffix=True)
    ('review.gop-y.md', 'review.docx.gop-y.md')
    """
    p = Path(path)
    return f"{p.name if keep_suffix else p.stem}.gop-y.{fmt}"


def write_memos(report, out_dir: str | Path, fmt: str = "md", *, template_dir: str | Path | None = None,
                **options) -> list[Path]:
    """One memo per readable document of ``report`` in ``out_dir`` (``<stem>.gop-y.<fmt>``).

    Documents in different folders keep their folder under ``out_dir``;
    two drafts with the same stem in one folder (``review.docx`` and
    ``review.txt``) keep their extension in the name.
    """
    from ..fileio import write_atomic

    results = [d for d in documents_of(report) if not d.error]
    if not results:
        return []
    paths = [Path(d.path) for d in results]
    parents = [p.parent.resolve() for p in paths]
    try:
        import os

        common = Path(os.path.commonpath([str(p) for p in parents]))
    except ValueError:
        common = None
    written: list[Path] = []
    taken: dict[Path, int] = {}
    for d, p, parent in zip(results, paths, parents):
        rel = parent.relative_to(common) if common is not None else Path()
        folder = Path(out_dir) / rel
        same = sum(1 for q, qp in zip(paths, parents) if qp == parent and q.stem == p.stem)
        target = folder / memo_filename(p.name, fmt, keep_suffix=same > 1)
        n = 1
        while target in taken:
            n += 1
            target = folder / f"{p.stem}-{n}.gop-y.{fmt}"
        taken[target] = 1
        data = render_memo(d, fmt, template_dir=template_dir, **options)
        write_atomic(target, data)
        written.append(target)
    return written


# -- the Word memo ------------------------------------------------------------------------------
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13


def _font_all_scripts(rpr, *, drop_theme: bool = False) -> None:
    """Set FONT for every script slot of ``w:rFonts`` in ``rpr`` (created when missing).

    ``drop_theme`` also removes theme-font attributes, which would win over the names.
    """
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    if drop_theme:
        for attr in list(fonts.attrib):
            if attr.endswith("Theme"):
                del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


def _set_run_font(run, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
                  underline: bool | None = None) -> None:
    from docx.shared import Pt

    run.font.name = FONT
    _font_all_scripts(run._r.get_or_add_rPr())
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline


def _style_fonts(document) -> None:
    from docx.shared import Pt

    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title", "List Number",
                 "Table Grid"):
        try:
            st = document.styles[name]
        except KeyError:
            continue
        st.font.name = FONT
        _font_all_scripts(st.element.get_or_add_rPr(), drop_theme=True)
        if name == "Normal":
            st.font.size = Pt(BODY_PT)
        elif name.startswith("Heading"):
            st.font.size = Pt(BODY_PT)
            st.font.bold = True
            st.font.italic = name == "Heading 3" or name == "Heading 4"
            st.font.color.rgb = None
            from docx.shared import RGBColor

            st.font.color.rgb = RGBColor(0, 0, 0)
            st.paragraph_format.space_before = Pt(6)
            st.paragraph_format.space_after = Pt(3)
            st.paragraph_format.keep_with_next = True


def _borders(table, attrs: str) -> None:
    """Replace the table's borders: every edge and inner line gets ``attrs``.

    ``attrs`` are the attributes of each border element, e.g. ``w:val="nil"``.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tblpr = table._tbl.tblPr
    for old in tblpr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"):
        tblpr.remove(old)
    tblpr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>' + "".join(
            f'<w:{side} {attrs}/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def _no_borders(table) -> None:
    _borders(table, 'w:val="nil"')


def _grid_borders(table) -> None:
    _borders(table, 'w:val="single" w:sz="4" w:space="0" w:color="000000"')


def _para(container, text: str = "", *, size: float = BODY_PT, bold=False, italic=False, align=None,
          indent_first: bool = False, space_after: float = 6, style: str | None = None, keep_next=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        _set_run_font(p.add_run(text), size, bold, italic)
    pf = p.paragraph_format
    pf.space_after = Pt(space_after)
    pf.space_before = Pt(0)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if indent_first:
        pf.first_line_indent = Mm(12.7)
    if keep_next:
        pf.keep_with_next = True
    return p


def _runs(p, parts: Iterable[tuple[str, dict]], size: float = BODY_PT) -> None:
    for text, fmt in parts:
        if text:
            _set_run_font(p.add_run(text), size, fmt.get("bold", False), fmt.get("italic", False))


def _heading(document, text: str, level: int):
    """A real Word heading (outline level for the navigation pane), Party-memo look."""
    try:
        p = document.add_paragraph(style=f"Heading {level}")
    except KeyError:
        p = document.add_paragraph()
    from docx.shared import Mm, Pt

    _set_run_font(p.add_run(text), BODY_PT, True, level >= 3)
    p.paragraph_format.first_line_indent = Mm(12.7) if level >= 2 else None
    p.paragraph_format.space_after = Pt(3)
    return p


def _page_number_header(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:rFonts w:ascii="{FONT}" '
        f'w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'))


def _set_cell_width(cell, mm: float) -> None:
    from docx.shared import Mm

    cell.width = Mm(mm)


def build_docx(memos: list[dict], *, template_dir: str | Path | None = None) -> bytes:
    """The memos as one Word document (a page break between two memos)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    base = Path(template_dir) / "memo.docx" if template_dir is not None else None
    if template_dir is not None and not Path(template_dir).is_dir():
        raise ReportcheckError(f"không tìm thấy thư mục mẫu góp ý: {template_dir}")
    if base is not None and base.is_file():
        document = docx.Document(str(base))
        body = document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
        custom = True
    else:
        document = docx.Document()
        custom = False
    _style_fonts(document)
    for section in document.sections:
        if not custom:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.top_margin, section.bottom_margin = Mm(20), Mm(20)
            section.left_margin, section.right_margin = Mm(30), Mm(15)
            section.header_distance = Mm(10)
            _page_number_header(section)
    core = document.core_properties
    core.title = "Góp ý " + (memos[0]["subtitle"] if memos else "")
    core.author = "reportcheck"
    core.comments = memos[0]["generator"] if memos else ""

    for k, m in enumerate(memos):
        if k:
            p = document.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
        _memo_docx(document, m)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _memo_docx(document, m: dict) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    # header: issuing body | ĐẢNG CỘNG SẢN VIỆT NAM
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.autofit = False
    left, right = table.rows[0].cells
    _set_cell_width(left, 70)
    _set_cell_width(right, 95)
    left.paragraphs[0].text = ""
    lines = m["issuer_lines"]
    for i, line in enumerate(lines):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        _set_run_font(p.add_run(line.upper()), BODY_PT, bold=(i == len(lines) - 1))
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
    for text in ("*", m["number"]):
        p = left.add_paragraph()
        _set_run_font(p.add_run(text), BODY_PT)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
    p = right.paragraphs[0]
    _set_run_font(p.add_run(m["party"]), 15, bold=True, underline=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(6)
    p = right.add_paragraph()
    _set_run_font(p.add_run(m["place_date"]), BODY_PT, italic=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _para(document, "", space_after=6)
    _para(document, m["title"], size=16, bold=True, align="center", space_after=0, keep_next=True)
    _para(document, _sentence(m["subtitle"]), bold=True, align="center", space_after=12, keep_next=True)
    p = _para(document, "", align="center", space_after=12)
    _runs(p, [("Kính gửi: ", {}), (m["recipient"], {})])
    _para(document, m["intro"], align="justify", indent_first=True)

    _heading(document, "I. NHẬN XÉT CHUNG", 1)
    for para in m["general"]:
        _para(document, para, align="justify", indent_first=True)

    _heading(document, "II. GÓP Ý CỤ THỂ", 1)
    if not m["groups"]:
        _para(document, "Không có ý kiến cụ thể.", align="justify", indent_first=True)
    for g in m["groups"]:
        _heading(document, f"{g['number']}. {g['name']}", 2)
        for w in g["weaknesses"]:
            _heading(document, f"{w['letter']}) {w['name']}", 3)
            if w["basis"]:
                p = _para(document, "", align="justify", indent_first=True, size=BODY_PT)
                _runs(p, [("Căn cứ: ", {"italic": True, "bold": True}), (w["basis"], {"italic": True})])
            for c in w["comments"]:
                _comment_docx(document, c)

    _para(document, m["closing"], align="justify", indent_first=True, space_after=12)
    sig = document.add_table(rows=1, cols=2)
    _no_borders(sig)
    left, right = sig.rows[0].cells
    _set_cell_width(left, 80)
    _set_cell_width(right, 85)
    p = left.paragraphs[0]
    _set_run_font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    p.paragraph_format.space_after = Pt(0)
    for i, c in enumerate(m["copies"]):
        p = left.add_paragraph()
        _set_run_font(p.add_run(f"- {c}{'.' if i == len(m['copies']) - 1 else ','}"), 12)
        p.paragraph_format.space_after = Pt(0)
    for i, line in enumerate(m["signer_title"]):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        _set_run_font(p.add_run(line), BODY_PT, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
    p = right.add_paragraph()
    _set_run_font(p.add_run("(Ký, ghi rõ họ tên)"), BODY_PT, italic=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(3):
        right.add_paragraph().paragraph_format.space_after = Pt(0)
    if m["signer_name"]:
        p = right.add_paragraph()
        _set_run_font(p.add_run(m["signer_name"]), BODY_PT, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _comment_docx(document, c: dict) -> None:
    from docx.shared import Mm, Pt

    p = _para(document, "", align="justify", indent_first=True, space_after=3, keep_next=True)
    _runs(p, [(f"({c['number']}) ", {"bold": True}), (_sentence(c["where"]) + ". ", {"italic": True})])
    _runs(p, [(c["message"], {})])
    if c["related"]:
        rel = c["related"]
        t = document.add_table(rows=2, cols=2)
        _grid_borders(t)
        heads = [f"{c['doc_type_vi']} ({c['where']})",
                 f"Báo cáo chính trị ({rel['name']}, {rel['where']})"]
        for cell, text in zip(t.rows[0].cells, heads):
            cp = cell.paragraphs[0]
            _set_run_font(cp.add_run(text), TABLE_PT, bold=True)
            cp.paragraph_format.space_after = Pt(0)
        for cell, text in zip(t.rows[1].cells, (c["passage"], rel["text"] or rel["quote"])):
            cp = cell.paragraphs[0]
            _set_run_font(cp.add_run(f"“{one_line(text)}”"), TABLE_PT, italic=True)
            cp.paragraph_format.space_after = Pt(0)
        for row in t.rows:
            _set_cell_width(row.cells[0], 82)
            _set_cell_width(row.cells[1], 82)
    else:
        q = _para(document, "", align="justify", space_after=3)
        q.paragraph_format.left_indent = Mm(10)
        _runs(q, [(f"“{c['quote']}”", {"italic": True})])
    if c["suggestion"]:
        s = _para(document, "", align="justify", indent_first=True, space_after=3)
        _runs(s, [("Đề nghị: ", {"bold": True}), (c["suggestion"], {})])
    if c["show_basis"]:
        b = _para(document, "", align="justify", indent_first=True, space_after=6)
        _runs(b, [("Căn cứ: ", {"bold": True, "italic": True}), (c["basis"], {"italic": True})])
