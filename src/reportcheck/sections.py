"""Parts of a report: nested sections with a role, as spans over the text.

A political report is read as results, limitations, causes (subjective /
objective), lessons, directions, targets, tasks, breakthroughs; a review
report as strengths (role ``results``), shortcomings (``limitations``),
causes, ``working-rules``, ``responsibility`` and ``remedies``. Roles come
from headings ("Phần thứ nhất", "I.", "1.", "a)", upper-case lines, Word
heading styles) matched against cue words, and, where headings are missing,
from cue phrases that open a paragraph ("Tuy nhiên, bên cạnh kết quả đạt
được …", "Nguyên nhân của những hạn chế …"). Paragraphs that neither covers
can be labelled by a classifier passed as ``labeler`` (the seam the
classifiers plug into).

>>> from reportcheck.readers import read_text
>>> doc = read_text("BÁO CÁO CHÍNH TRỊ\\nI. KẾT QUẢ\\nĐạt nhiều kết quả.\\nII. HẠN CHẾ\\nCòn hạn chế.\\n"
...                 "III. NGUYÊN NHÂN\\n1. Nguyên nhân chủ quan\\nCấp ủy chưa sâu sát.\\n")
>>> [(s.role, s.level) for s in doc.sections if s.source == "heading"]
[('results', 3), ('limitations', 3), ('causes', 3), ('cause-subjective', 4)]
>>> role_of(doc, doc.blocks[7].start)
'cause-subjective'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from .document import Block, Document
from .normalize import fold, strip_diacritics

__all__ = ["Section", "find_sections", "layout_blocks", "role_of", "ROLES", "heading_role", "roles_by_block",
           "part_blocks"]

ROLES = (
    "header", "title", "context", "evaluation", "results", "limitations", "causes",
    "cause-subjective", "cause-objective", "cause-success", "lessons", "plan", "directions",
    "targets", "tasks", "breakthroughs", "working-rules", "responsibility", "remedies", "closing", "other",
)

# Roles that make up "the limitations part" for scoping.
_FAMILY = {
    "cause-subjective": "causes", "cause-objective": "causes", "cause-success": "causes",
}


_PLAN_ROLES = {"tasks", "directions", "targets"}
_EVAL_ROLES = {"results", "limitations", "causes", "lessons"}


@dataclass(slots=True)
class Section:
    """A part of the report: ``[start, end)`` of the text with its role."""

    role: str
    start: int
    end: int
    level: int
    heading: int | None  # block index of the heading, None for cue/classifier sections
    parent: int | None = None  # index in Document.sections
    source: str = "heading"  # heading | cue | classifier | layout

    @property
    def family(self) -> str:
        return _FAMILY.get(self.role, self.role)


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Folded and diacritic-free key for cue matching."""
    return strip_diacritics(fold(text))


# Ordered cues for headings: first match wins. Patterns run on diacritic-free text.
_HEADING_CUES: list[tuple[str, str]] = [
    (r"nguyen nhan.*(chu quan|ben trong|tu than)", "cause-subjective"),
    (r"nguyen nhan.*(khach quan|ben ngoai)", "cause-objective"),
    (r"^(ve )?(mat )?chu quan\b", "cause-subjective"),
    (r"^(ve )?(mat )?khach quan\b", "cause-objective"),
    (r"nguyen nhan.*(ket qua|thanh tuu|uu diem|thanh cong|dat duoc)", "cause-success"),
    (r"nguyen nhan|^vi sao\b|^tai sao\b", "causes"),
    (r"bai hoc", "lessons"),
    (r"dot pha", "breakthroughs"),
    (r"trach nhiem neu guong|^(ve )?(viec )?neu guong", "working-rules"),  # example-setting is a working rule
    (r"trach nhiem", "responsibility"),
    (r"\bkhac phuc\b", "remedies"),
    (r"quy che lam viec|nguyen tac (to chuc|tap trung)|tap trung dan chu|phuong thuc lanh dao|tu phe binh|doan ket noi bo", "working-rules"),
    (r"han che|khuyet diem|yeu kem|ton tai|mat chua lam duoc|chua lam duoc", "limitations"),
    (r"chi tieu", "targets"),
    (r"nhiem vu|giai phap", "tasks"),
    (r"phuong huong|muc tieu|dinh huong|quan diem chi dao", "directions"),
    (r"uu diem|ket qua|thanh tuu|dat duoc|lam duoc|danh gia chung|danh gia tong quat|tinh hinh", "results"),
]
_HEADING_RE = [(re.compile(p), r) for p, r in _HEADING_CUES]

# Part-level containers ("Phần thứ nhất: đánh giá …", "Phần thứ hai: phương hướng …").
_PART_RE = re.compile(r"^(phan|chuong)\s+(thu\s+)?\w+")
_PART_PREFIX_RE = re.compile(r"^(phan|chuong)\s+(thu\s+)?\w+\s*([.:]|[–—-]\s)?\s*")

# Cue phrases that open a part inside running text (no heading).
_PARAGRAPH_CUES: list[tuple[str, str]] = [
    (r"^(co duoc|dat duoc) (nhung |cac )?(ket qua|thanh tuu)|^(nhung |cac )?(ket qua|thanh tuu)[^.;]{0,40}(co duoc|dat duoc) (la )?(nho|do)\b|^nguyen nhan (cua )?(nhung |cac )?(ket qua|thanh tuu|uu diem|thanh cong)", "cause-success"),
    (r"^(tuy nhien|ben canh (do|nhung|cac)?)[, ].{0,60}(van con|con (mot so|nhung|co)|han che|khuyet diem|yeu kem|ton tai|chua)", "limitations"),
    (r"^(nhung |cac )?(han che|khuyet diem|yeu kem)(,| va| tren| neu tren)? .{0,40}(la|gom|the hien|o cac|chu yeu|sau)\b", "limitations"),
    (r"^(ve )?nguyen nhan chu quan|^(ve )?(mat )?chu quan[:,]", "cause-subjective"),
    (r"^(ve )?nguyen nhan khach quan|^(ve )?(mat )?khach quan[:,]", "cause-objective"),
    (r"^nguyen nhan (cua )?(nhung |cac )?(han che|khuyet diem|yeu kem|ton tai)", "causes"),
    (r"^(nhung |cac )?(han che|khuyet diem)(,)? .{0,30}(do|co) (nhieu|cac|nhung)? ?nguyen nhan", "causes"),
    (r"^(tu (thuc tien|thuc te|ket qua)|qua (thuc tien|nhiem ky)).{0,80}bai hoc", "lessons"),
    (r"^(bai hoc|cac bai hoc|nhung bai hoc)", "lessons"),
    (r"^(ve )?trach nhiem (cua )?(tap the|ca nhan|ban chap hanh|ban thuong vu)", "responsibility"),
    (r"^(nhung |cac )?(han che|khuyet diem)[^.]{0,40}(co |thuoc )?(phan )?trach nhiem", "responsibility"),
    (r"^.{0,80}(can (tap trung )?khac phuc|de khac phuc|bien phap khac phuc|khac phuc (nhung|cac) (viec|han che|khuyet diem))", "remedies"),
    (r"^(cac |nhung )?chi tieu (chu yeu|cu the|chinh)\b", "targets"),
    (r"^(cac |nhung |hai |ba )?khau dot pha\b", "breakthroughs"),
    (r"^muc tieu (tong quat|chung)\b", "directions"),
]
_PARAGRAPH_RE = [(re.compile(p), r) for p, r in _PARAGRAPH_CUES]

_TITLE_RE = re.compile(r"^(\(?du thao\)?\s*)?(bao cao (chinh tri|kiem diem)|kiem diem su lanh dao)")
_CLOSING_RE = re.compile(r"^(tren day la|t/m |tm\. |noi nhan|bi thu$|k/t bi thu)")


def heading_role(text: str) -> str | None:
    """The role a heading's words announce, or None.

    >>> heading_role("II. HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN")
    'limitations'
    >>> heading_role("2. Nguyên nhân khách quan")
    'cause-objective'
    >>> heading_role("IV. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    'tasks'
    >>> heading_role("Phần II. HẠN CHẾ, KHUYẾT ĐIỂM"), heading_role("Phần thứ hai")
    ('limitations', None)
    >>> heading_role("Về đoàn kết nội bộ và trách nhiệm nêu gương"), heading_role("TRÁCH NHIỆM")
    ('working-rules', 'responsibility')
    """
    key = _key(text)
    key = re.sub(r"^([ivxlc]+|\d+(\.\d+)*|[a-z])[.)]\s*", "", key)
    if _PART_RE.match(key):
        if re.search(r"khac phuc", key):
            return "remedies"
        # whichever comes first: "kết quả lãnh đạo thực hiện nhiệm vụ" is the evaluation part
        plan = re.search(r"phuong huong|muc tieu|nhiem vu", key)
        evaluation = re.search(r"ket qua|danh gia|tinh hinh|kiem diem", key)
        if plan and (not evaluation or plan.start() < evaluation.start()):
            return "plan"
        if evaluation:
            return "evaluation"
        # "Phần II. HẠN CHẾ, KHUYẾT ĐIỂM": a numbered part whose title names an ordinary part
        key = _PART_PREFIX_RE.sub("", key, count=1)
        if not key:
            return None
    key = re.sub(r"^([ivxlc]+|\d+|[a-z])\s+[–—-]\s+", "", key)
    if re.search(r"phuong huong|muc tieu", key) and re.search(r"nhiem vu|giai phap", key):
        return "plan"  # "Phương hướng, mục tiêu, nhiệm vụ và giải pháp": the whole plan
    for pattern, role in _HEADING_RE:
        if pattern.search(key):
            if role == "causes" and re.search(r"han che|khuyet diem", key) and key.find("nguyen nhan") > key.find("han che") >= 0:
                # "Hạn chế, khuyết điểm và nguyên nhân": the limitations part, causes inside it
                return "limitations"
            return role
    return None


def paragraph_cue(text: str) -> str | None:
    """The role a paragraph's opening words announce, or None.

    >>> paragraph_cue("Tuy nhiên, bên cạnh kết quả đạt được, vẫn còn những hạn chế")
    'limitations'
    >>> paragraph_cue("Nguyên nhân của những hạn chế trên trước hết là do chủ quan")
    'causes'
    """
    key = _key(text[:200])
    for pattern, role in _PARAGRAPH_RE:
        if pattern.search(key):
            return role
    return None


def _is_heading(block: Block) -> bool:
    if block.kind == "heading":
        return True
    text = block.content.rstrip()
    short = len(text.split()) <= 16 and not text.endswith((".", ";", ","))
    # Short bold paragraphs in .docx act as headings; so do short bold or upper-case
    # paragraphs that Word numbers "I.", "1.", "a)" (the marker is not in their text).
    if block.kind == "paragraph":
        return block.bold and short
    if block.kind == "list_item" and block.numbering == "word" and block.num_format not in (None, "bullet", "none"):
        letters = [c for c in text if c.isalpha()]
        upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85
        return short and (block.bold or upper)
    return False


def _is_subtitle(block: Block) -> bool:
    """A line under the title: "của Ban Chấp hành …", "(Dự thảo lần 2)", upper-case lines."""
    text = block.content.strip()
    if not text or len(text.split()) > 40 or text.endswith(":"):
        return False
    return text[0].islower() or text[0] in "([" or (block.kind == "heading" and block.marker is None
                                                      and block.level != 6 and not _PART_RE.match(_key(text)))


def _find_title(doc: Document) -> int | None:
    blocks = doc.blocks[:15]
    for i, b in enumerate(blocks):
        key = _key(b.content)
        if key.strip(" *") == "bao cao" and i + 1 < len(blocks):  # "BÁO CÁO" / "CHÍNH TRỊ …"
            key = "bao cao " + _key(blocks[i + 1].content)
        if len(b.content.split()) <= 20 and _TITLE_RE.match(key):
            return b.index
    return None


def layout_blocks(doc: Document, is_subtitle: Callable[[Block], bool] | None = None
                  ) -> tuple[int | None, int, int | None]:
    """Where the layout parts are, as block indices: ``(title, body_from, closing)``.

    ``title`` is the report's title line among the first 15 blocks (None
    when there is none; the blocks before it are the header); up to three
    lines after it for which ``is_subtitle`` holds continue the title (by
    default: :func:`find_sections`' rule), and ``body_from`` is the first
    block after them (0 without a title). ``closing`` is the first of the
    last 8 blocks (at or after ``body_from``) that opens the closing formula
    or signature ("Trên đây là …", "T/M …", "Nơi nhận"), or None. Cheap: no
    heading or cue detection.

    >>> from reportcheck.readers import read_text
    >>> doc = read_text("ĐẢNG BỘ HUYỆN X\\nBÁO CÁO CHÍNH TRỊ\\ntrình Đại hội lần thứ XX\\n"
    ...                 "I. KẾT QUẢ\\nĐạt nhiều kết quả.\\nTrên đây là báo cáo chính trị.\\nT/M BAN CHẤP HÀNH\\n")
    >>> layout_blocks(doc)
    (1, 3, 5)
    """
    blocks = doc.blocks
    if is_subtitle is None:
        is_subtitle = _is_subtitle
    title = _find_title(doc)
    body_from = 0
    if title is not None:
        j = title + 1
        while j < len(blocks) and j <= title + 3 and is_subtitle(blocks[j]):
            j += 1
        body_from = j
    # content[:40]: the cues are short prefixes, and the key of a long paragraph is not worth computing
    closing = next((b.index for b in blocks[max(body_from, len(blocks) - 8):]
                    if _CLOSING_RE.match(_key(b.content[:40]))), None)
    return title, body_from, closing


def find_sections(doc: Document, labeler: Callable[[Document, list[Block]], list[str | None]] | None = None) -> list[Section]:
    """Detect the sections of ``doc`` (see the module docstring).

    ``labeler`` receives the body paragraphs that no heading or cue covers
    and returns a role (or None) for each.
    """
    blocks = doc.blocks
    if not blocks:
        return []
    sections: list[Section] = []
    end_of_text = len(doc.text)
    # the title runs until the first paragraph longer than a line or the first heading;
    # the closing formula and signature end the body
    title, body_from, closing_at = layout_blocks(doc)
    if title is not None:
        if title > 0:
            sections.append(Section("header", blocks[0].start, blocks[title].start, 0, None, source="layout"))
        t_end = blocks[body_from].start if body_from < len(blocks) else end_of_text
        sections.append(Section("title", blocks[title].start, t_end, 0, title, source="layout"))
    body_end_block = closing_at if closing_at is not None else len(blocks)
    body_end = blocks[closing_at].start if closing_at is not None else end_of_text

    # headings, nested by level
    stack: list[int] = []  # indices into sections
    heading_sections: list[int] = []
    prev_part: int | None = None
    for b in blocks[body_from:body_end_block]:
        if not _is_heading(b):
            prev_part = None
            continue
        if b.kind == "list_item":  # a Word-numbered heading: its list level counts from "I."
            level = 3 + (b.level or 0)
        else:
            level = b.level if b.level is not None else (2 if b.kind == "heading" else 5)
        role = heading_role(b.content)
        if prev_part is not None and b.marker is None and b.kind == "heading":
            # "Phần thứ nhất" followed by its title line: one heading
            sec = sections[prev_part]
            if sec.role in ("other", "evaluation", "plan") and role:
                sub = heading_role("phần thứ " + b.content)
                sec.role = sub or role
            prev_part = None
            continue
        while stack and sections[stack[-1]].level >= level:
            sections[stack.pop()].end = b.start
        sec = Section(role or "other", b.start, body_end, level, b.index,
                      parent=stack[-1] if stack else None)
        sections.append(sec)
        idx = len(sections) - 1
        stack.append(idx)
        heading_sections.append(idx)
        prev_part = idx if _PART_RE.match(_key(b.content)) else None
    for i in stack:
        sections[i].end = body_end
    # inherit: an "other" heading inside a known part takes its parent's role;
    # "1. Lãnh đạo thực hiện nhiệm vụ …" inside the results is a result, not a task
    for i in heading_sections:
        s = sections[i]
        if s.parent is None:
            continue
        parent_role = sections[s.parent].role
        if s.role == "other" and parent_role not in ("evaluation", "plan", "other"):
            s.role = parent_role
        elif s.role in _PLAN_ROLES and parent_role in _EVAL_ROLES:
            s.role = parent_role
    _causes_inside_limitations(doc, sections, heading_sections)
    # context: body before the first heading
    first_heading = sections[heading_sections[0]].start if heading_sections else body_end
    body_start = blocks[body_from].start if body_from < len(blocks) else end_of_text
    if first_heading > body_start:
        sections.append(Section("context", body_start, first_heading, 1, None, source="layout"))
    if closing_at is not None:
        sections.append(Section("closing", body_end, end_of_text, 0, None, source="layout"))

    # cue paragraphs: an implicit part that runs to the next heading or cue
    _add_cue_sections(doc, sections, body_from, body_end_block)
    if labeler is not None:
        _add_labelled_sections(doc, sections, labeler, body_from, body_end_block)
    sections.sort(key=lambda s: (s.start, -(s.end - s.start)))
    _relink(sections)
    return sections


def _causes_inside_limitations(doc: Document, sections: list[Section], heading_sections: list[int]) -> None:
    """"Hạn chế và nguyên nhân" with no sub-part: the causes start at the paragraph that names them."""
    for i in heading_sections:
        s = sections[i]
        if s.role != "limitations" or s.heading is None or "nguyen nhan" not in _key(doc.blocks[s.heading].content):
            continue
        if any(o.family == "causes" and s.start <= o.start < s.end for o in sections):
            continue
        for b in doc.blocks_in(s.start, s.end):
            if b.index != s.heading and not _is_heading(b) and "nguyen nhan" in _key(b.content):
                start = b.start
                at = _key(b.content).find("nguyen nhan")
                if at > 0:  # the causes begin mid-paragraph: point at their sentence
                    start = next((x.start for x in doc.sentences if x.block == b.index and
                                  "nguyen nhan" in _key(x.text)), b.start)
                sections.append(Section("causes", start, s.end, s.level + 1, None, source="heading"))
                break


def _innermost(sections: list[Section], offset: int) -> Section | None:
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
            best = s
    return best


def _add_cue_sections(doc: Document, sections: list[Section], lo: int, hi: int) -> None:
    blocks = doc.blocks
    current: Section | None = None
    for b in blocks[lo:hi]:
        if _is_heading(b):
            current = None
            continue
        role = paragraph_cue(b.content)
        if role is None:
            if current is not None:
                current.end = b.end
            continue
        enclosing = _innermost(sections, b.start)
        if enclosing is not None and enclosing.role == role:
            current = None
            continue
        if role == "limitations" and enclosing is not None and enclosing.family in ("causes", "limitations", "responsibility"):
            current = None
            continue
        if role in ("cause-subjective", "cause-objective") and enclosing is not None and enclosing.role in ("cause-subjective", "cause-objective"):
            current = None
            continue
        current = Section(role, b.start, b.end, 9, None, source="cue")
        sections.append(current)
        if role == "limitations" and _AFTER_STRENGTHS.search(_key(b.content[:120])):
            _strengths_before(doc, sections, b, lo)


_AFTER_STRENGTHS = re.compile(r"^(tuy nhien, )?ben canh (nhung |cac )?(uu diem|ket qua)")
_INTRO = re.compile(r"^(thuc hien|can cu|theo|de chuan bi|tien toi)\b")


def _strengths_before(doc: Document, sections: list[Section], cue: Block, lo: int) -> None:
    """"Bên cạnh những ưu điểm, … còn hạn chế": the uncovered paragraphs before it are the strengths."""
    run: list[Block] = []
    for b in reversed(doc.blocks[lo:cue.index]):
        inner = _innermost([s for s in sections if s.source != "cue"], b.start)
        if _is_heading(b) or (inner is not None and inner.role not in ("context", "other")):
            break
        run.append(b)
    run.reverse()
    if run and _INTRO.match(_key(run[0].content[:60])):
        run = run[1:]  # "Thực hiện hướng dẫn …, Chi ủy kiểm điểm như sau" introduces, it is no strength
    if run:
        sections.append(Section("results", run[0].start, run[-1].end, 9, None, source="cue"))


def _add_labelled_sections(doc, sections, labeler, lo, hi) -> None:
    # the opening context paragraphs are labelled only in a draft that has (almost) no headings
    unstructured = sum(1 for s in sections if s.source == "heading") < 3
    open_roles = ("other", "evaluation", "plan", "context") if unstructured else ("other", "evaluation", "plan")
    uncovered = []
    for b in doc.blocks[lo:hi]:
        if _is_heading(b) or b.kind == "table_cell":
            continue
        s = _innermost(sections, b.start)
        if s is None or s.role in open_roles:
            uncovered.append(b)
    if not uncovered:
        return
    for b, role in zip(uncovered, labeler(doc, uncovered)):
        if role and role in ROLES:
            sections.append(Section(role, b.start, b.end, 10, None, source="classifier"))


def _relink(sections: list[Section]) -> None:
    for i, s in enumerate(sections):
        parent = None
        for j in range(i - 1, -1, -1):
            p = sections[j]
            if p.start <= s.start and s.end <= p.end and (p.end - p.start) >= (s.end - s.start):
                parent = j
                break
        s.parent = parent


def role_of(doc: Document, offset: int) -> str | None:
    """Role of the innermost section containing ``offset``."""
    s = _innermost(doc.sections, offset)
    return s.role if s else None


def roles_by_block(doc: Document) -> list[set[str]]:
    """For each block, every role of the sections containing it (families included)."""
    out: list[set[str]] = [set() for _ in doc.blocks]
    for s in doc.sections:
        for b in doc.blocks_in(s.start, s.end):
            out[b.index].add(s.role)
            out[b.index].add(s.family)
    return out


def part_blocks(doc: Document, roles: Iterable[str]) -> list[Block]:
    """Body blocks (not headings) lying in a section with one of ``roles``.

    Blocks whose innermost section has a *different* specific role are left
    out, so "limitations" does not return the causes nested inside it.
    """
    wanted = set(roles)
    out = []
    for b in doc.blocks:
        if _is_heading(b):
            continue
        inner = _innermost(doc.sections, b.start)
        if inner is None:
            continue
        if inner.role in wanted or inner.family in wanted:
            out.append(b)
    return out
