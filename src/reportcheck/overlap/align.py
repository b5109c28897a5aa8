"""Pair overlap: passages of a review report that repeat its political report.

How it works (all on :mod:`~reportcheck.overlap.units`, i.e. folded
syllables with every figure mapped to one placeholder):

1. **Seeds.** Every run of ``k`` consecutive body units (a shingle) of the
   review that also occurs in the political report gives a seed ``(i, j)``.
   Shingles that touch a heading or the header/title/closing, shingles that
   the :class:`~reportcheck.overlap.formulaic.FormulaicModel` knows as
   formulaic, and shingles repeated many times inside the political report
   (its own stock phrases) give no seed.
2. **Sentences.** For each review sentence the seeds are gathered and the
   densest window of the political report is chosen (a window a few times
   the sentence's length, so a sentence that merges two source sentences or
   reorders its clauses still falls in one window). The sentence's
   *coverage* is the share of its words lying in a seed of that window: a
   changed or dropped word uncovers only itself, a rounded figure nothing.
3. **Passages.** Consecutive repeating sentences whose windows are close in
   the political report are merged into one passage (a reviewer wants one
   finding per repeated passage, not one per sentence), both sides are
   snapped to sentence boundaries when the uncovered margin is small, and
   the passage is verified: enough repeated words (``min_words``) and a
   high enough coverage over the whole passage.

A sentence that cites the political report by name ("Như Báo cáo chính trị
đã nêu, …") quotes it on purpose; it is not counted as repetition unless the
quotation itself is long.

>>> from reportcheck.readers import read_text
>>> src = ("BÁO CÁO CHÍNH TRỊ\\nKinh tế tăng trưởng khá, giá trị sản xuất tăng bình quân 11,2%/năm, "
...        "vượt chỉ tiêu Nghị quyết; thương mại, dịch vụ tăng 13,4%/năm, giữ vai trò động lực của địa phương.\\n")
>>> rev = ("BÁO CÁO KIỂM ĐIỂM\\nBan Chấp hành đã ban hành nghị quyết chuyên đề về phát triển kinh tế.\\n"
...        "Kinh tế tăng trưởng khá, giá trị sản xuất tăng bình quân trên 11%/năm, vượt chỉ tiêu Nghị quyết; "
...        "thương mại, dịch vụ tăng hơn 13%/năm, giữ vai trò động lực của địa phương.\\n")
>>> [f.rule for f in find_overlaps(read_text(rev), read_text(src))]
['overlap.repeated-passage']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..document import Document
from ..findings import Finding, Related
from .units import Units, gram_keys, sentence_bounds, units

__all__ = ["find_overlaps", "compare", "OverlapResult", "Passage", "align"]

RULE = "overlap.repeated-passage"

#: shingle length in units (syllables/figures)
K = 3
#: a shingle found more often than this in the political report is a stock phrase there
MAX_REPEAT = 6
#: coverage a sentence needs to count as repeated
SENTENCE_COVERAGE = 0.5
#: coverage a merged passage needs to be reported
PASSAGE_COVERAGE = 0.6
#: above this coverage the message says "gần nguyên văn"
VERBATIM = 0.85
#: political windows further apart than this (units) are different passages
MAX_GAP = 40

_CITES = re.compile(r"b[áa]o c[áa]o ch[íi]nh tr[ịi]")


@dataclass(slots=True)
class Passage:
    """One repeated passage: character spans on both sides plus its measure."""

    start: int            # review
    end: int
    source_start: int     # political report
    source_end: int
    coverage: float       # share of the passage's words found in the source passage
    words: int            # words of the review passage (formulaic words left out)
    repeated: int         # of which repeat the source


@dataclass(slots=True)
class OverlapResult:
    """What :func:`compare` returns: findings, the passages and the share."""

    findings: list[Finding]
    passages: list[Passage]
    #: share of the review's body words that repeat the political report
    share: float
    words: int
    repeated_words: int
    stats: dict = field(default_factory=dict)


def _formulaic_mask(h: np.ndarray, ok: np.ndarray, formulaic) -> np.ndarray:
    """Shingles the formulaic model knows (as a boolean array)."""
    if formulaic is None or len(h) == 0:
        return np.zeros(len(h), dtype=bool)
    arr = getattr(formulaic, "array", None)
    if arr is None:
        arr = np.fromiter((int(x) for x in formulaic), dtype=np.uint64)
    return np.isin(h, arr) & ok


def _seeds(hr: np.ndarray, okr: np.ndarray, hp: np.ndarray, okp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with equal usable shingles, i sorted; stock phrases of the political report dropped."""
    p_idx = np.flatnonzero(okp)
    ph = hp[p_idx]
    order = np.argsort(ph, kind="stable")
    ph, p_pos = ph[order], p_idx[order]
    r_idx = np.flatnonzero(okr)
    rh = hr[r_idx]
    lo = np.searchsorted(ph, rh, side="left")
    hi = np.searchsorted(ph, rh, side="right")
    cnt = hi - lo
    keep = (cnt > 0) & (cnt <= MAX_REPEAT)
    r_idx, lo, cnt = r_idx[keep], lo[keep], cnt[keep]
    if not len(r_idx):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    I = np.repeat(r_idx, cnt)
    # positions lo[t] .. lo[t]+cnt[t]-1 for every t, flattened
    offs = np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    J = p_pos[np.repeat(lo, cnt) + offs]
    return I.astype(np.int64), J.astype(np.int64)


def _best_window(js: np.ndarray, width: int) -> tuple[int, int]:
    """The ``[lo, hi)`` range of political positions holding most seeds."""
    s = np.sort(js)
    ends = np.searchsorted(s, s + width, side="left")
    t = int(np.argmax(ends - np.arange(len(s))))
    return int(s[t]), int(s[t] + width)


def _covered(I: np.ndarray, a: int, b: int, k: int) -> np.ndarray:
    """Boolean mask over units ``a..b-1`` covered by shingles starting at ``I``."""
    mask = np.zeros(b - a, dtype=bool)
    if len(I):
        diff = np.zeros(b - a + 1, dtype=np.int32)
        lo = np.clip(I - a, 0, b - a)
        hi = np.clip(I + k - a, 0, b - a)
        np.add.at(diff, lo, 1)
        np.add.at(diff, hi, -1)
        mask = np.cumsum(diff[:-1]) > 0
    return mask


def _snap(doc_sents: list[tuple[int, int]], sb: np.ndarray, u: Units, first: int, last: int) -> tuple[int, int]:
    """Character span of units ``first..last``, widened to sentence edges when close."""
    start, end = int(u.starts[first]), int(u.ends[last])
    if len(sb):
        s = int(np.searchsorted(sb[:, 0], first, side="right")) - 1
        if s >= 0 and sb[s, 0] <= first < sb[s, 1]:
            n = sb[s, 1] - sb[s, 0]
            if first - sb[s, 0] <= max(3, n // 4):
                start = min(start, doc_sents[s][0])
        e = int(np.searchsorted(sb[:, 0], last, side="right")) - 1
        if e >= 0 and sb[e, 0] <= last < sb[e, 1]:
            n = sb[e, 1] - sb[e, 0]
            if sb[e, 1] - 1 - last <= max(3, n // 4):
                end = max(end, doc_sents[e][1])
    return start, end


@dataclass(slots=True)
class _Sent:
    a: int
    b: int
    lo: int      # political window of its seeds [lo, hi)
    hi: int
    coverage: float


def align(review: Document, political: Document, *, min_words: int = 12, formulaic=None,
          k: int = K) -> tuple[list[Passage], int]:
    """Repeated passages of ``review`` (see the module docstring) and its body word count."""
    R, P = units(review), units(political)
    hr, okr = gram_keys(R.keys, k, R.body)
    hp, okp = gram_keys(P.keys, k, P.body)
    fr = _formulaic_mask(hr, okr, formulaic)
    fp = _formulaic_mask(hp, okp, formulaic)
    okr_seed, okp_seed = okr & ~fr, okp & ~fp
    # words inside a formulaic shingle count neither way
    countable = R.body.copy()
    if fr.any():
        countable &= ~_covered(np.flatnonzero(fr), 0, len(R), k)
    body_words = int(countable.sum())
    I, J = _seeds(hr, okr_seed, hp, okp_seed)
    if not len(I):
        return [], body_words

    rsb = sentence_bounds(review)
    psb = sentence_bounds(political)
    r_sents = [(s.start, s.end) for s in review.sentences]
    p_sents = [(s.start, s.end) for s in political.sentences]
    r_sents = _char_spans(r_sents, rsb, R)
    p_sents = _char_spans(p_sents, psb, P)
    folded = review.folded

    sents: list[_Sent | None] = []
    for a, b in rsb:
        a, b = int(a), int(b)
        n = int(countable[a:b].sum())
        if n == 0:
            sents.append(None)
            continue
        lo_i = np.searchsorted(I, a - k + 1, side="left")
        hi_i = np.searchsorted(I, b, side="left")
        if hi_i == lo_i:
            sents.append(_Sent(a, b, -1, -1, 0.0))
            continue
        si, sj = I[lo_i:hi_i], J[lo_i:hi_i]
        width = max(2 * (b - a), b - a + 20)
        wlo, whi = _best_window(sj, width)
        sel = (sj >= wlo) & (sj < whi)
        cov_mask = _covered(si[sel], a, b, k) & countable[a:b]
        rep = int(cov_mask.sum())
        cov = rep / n
        if _CITES.search(folded[int(R.starts[a]):int(R.ends[b - 1])]) and rep < 2 * min_words:
            cov = 0.0  # a named quotation of the political report, not a repetition
        sents.append(_Sent(a, b, int(sj[sel].min()), int(sj[sel].max()) + k, cov))

    # merge consecutive repeating sentences whose sources lie close together
    groups: list[list[_Sent]] = []
    prev_ok = False
    for s in sents:
        if s is None:  # a sentence with no countable word does not break a passage
            continue
        ok = s.coverage >= SENTENCE_COVERAGE
        if ok:
            g = groups[-1] if groups and prev_ok else None
            if g is not None:
                glo, ghi = min(x.lo for x in g), max(x.hi for x in g)
                if max(0, s.lo - ghi, glo - s.hi) <= MAX_GAP:
                    g.append(s)
                else:
                    groups.append([s])
            else:
                groups.append([s])
        prev_ok = ok

    passages: list[Passage] = []
    for g in groups:
        a, b = g[0].a, g[-1].b
        plo, phi = min(x.lo for x in g), max(x.hi for x in g)
        lo_i = np.searchsorted(I, a - k + 1, side="left")
        hi_i = np.searchsorted(I, b, side="left")
        si, sj = I[lo_i:hi_i], J[lo_i:hi_i]
        sel = (sj >= plo - MAX_GAP) & (sj < phi + MAX_GAP)
        si, sj = si[sel], sj[sel]
        cov_mask = _covered(si, a, b, k) & countable[a:b]
        n = int(countable[a:b].sum())
        rep = int(cov_mask.sum())
        if rep < min_words or n == 0 or rep / n < PASSAGE_COVERAGE:
            continue
        idx = np.flatnonzero(cov_mask)
        first, last = a + int(idx[0]), a + int(idx[-1])
        start, end = _snap(r_sents, rsb, R, first, last)
        # the source passage: the seeds that cover the review passage
        inside = (si + k > first) & (si <= last)
        j0, j1 = int(sj[inside].min()), int(sj[inside].max()) + k - 1
        sstart, send = _snap(p_sents, psb, P, j0, min(j1, len(P) - 1))
        passages.append(Passage(start, end, sstart, send, rep / n, n, rep))
    return passages, body_words


def _char_spans(spans: list[tuple[int, int]], sb: np.ndarray, u: Units) -> list[tuple[int, int]]:
    """Character spans of the sentences kept in ``sb`` (those holding units)."""
    if not len(sb):
        return []
    keep = []
    for s0, s1 in spans:
        a = int(np.searchsorted(u.starts, s0, side="left"))
        b = int(np.searchsorted(u.starts, s1, side="left"))
        if b > a:
            keep.append((s0, s1))
    return keep


_ROLE_TEXT = {
    "results": ("nhắc lại kết quả đã nêu trong báo cáo chính trị",
                "Thay đoạn này bằng đánh giá sự lãnh đạo, chỉ đạo của cấp ủy: cấp ủy đã đề ra chủ trương, "
                "giải pháp gì, tổ chức thực hiện ra sao và điều gì quyết định kết quả; số liệu chỉ dẫn lại "
                "ngắn gọn khi cần."),
    "limitations": ("nhắc lại hạn chế đã nêu trong báo cáo chính trị",
                    "Viết lại hạn chế từ góc độ lãnh đạo, chỉ đạo: cấp ủy đã chậm, thiếu hoặc sai ở khâu nào, "
                    "trách nhiệm thuộc tập thể và cá nhân nào."),
    "remedies": ("nhắc lại nhiệm vụ, giải pháp của báo cáo chính trị",
                 "Biện pháp khắc phục cần gắn với từng hạn chế của chính cấp ủy (quy chế, phương thức lãnh đạo, "
                 "kiểm tra, giám sát), có người chịu trách nhiệm và thời hạn, không chép lại nhiệm vụ chung."),
}


def _role_family(doc: Document, offset: int) -> str:
    try:
        from ..sections import role_of

        role = role_of(doc, offset) or ""
    except Exception:  # pragma: no cover - section detection must not stop overlap
        return "results"
    if role in ("limitations", "causes", "cause-subjective", "cause-objective", "responsibility"):
        return "limitations"
    if role in ("remedies", "tasks", "directions", "targets", "plan"):
        return "remedies"
    return "results"


def _finding(p: Passage, review: Document, political: Document) -> Finding:
    line, col = political.line_col(p.source_start)
    end_line = political.line_col(max(p.source_end - 1, p.source_start))[0]
    where = f"đoạn ở dòng {line}" if end_line == line else f"các đoạn từ dòng {line} đến dòng {end_line}"
    how = "gần nguyên văn" if p.coverage >= VERBATIM else "phần lớn nội dung"
    pct = int(round(100 * p.coverage))
    what, suggestion = _ROLE_TEXT[_role_family(review, p.start)]
    message = (f"Đoạn này lặp lại {how} ({pct}% từ, {p.repeated}/{p.words} từ) {where} của báo cáo chính trị; "
               f"báo cáo kiểm điểm nên phân tích sự lãnh đạo của cấp ủy thay vì {what}.")
    return Finding(
        rule=RULE, category="overlap", severity="warning", message=message,
        start=p.start, end=p.end, suggestion=suggestion, source="overlap",
        score=round(p.coverage, 4),
        related=Related(path=political.path, start=p.source_start, end=p.source_end, line=line, column=col,
                        text=political.text[p.source_start:p.source_end]),
        values={"coverage": round(p.coverage, 4), "words": p.words, "repeated_words": p.repeated},
        basis="Báo cáo kiểm điểm phải tập trung kiểm điểm sự lãnh đạo, chỉ đạo của cấp ủy, "
              "tránh trùng lặp với báo cáo chính trị.",
    )


def find_overlaps(review: Document, political: Document, *, min_words: int = 12,
                  formulaic=None) -> list[Finding]:
    """``overlap`` findings on ``review``, one per passage repeating ``political``.

    ``formulaic`` is a :class:`~reportcheck.overlap.formulaic.FormulaicModel`
    (or a set of its shingle keys) learnt from a corpus of drafts; without
    one, only headings and the header, title and closing are left out.
    """
    return compare(review, political, min_words=min_words, formulaic=formulaic).findings


def compare(review: Document, political: Document, *, min_words: int = 12, formulaic=None) -> OverlapResult:
    """Findings, passages and the share of the review's words that repeat ``political``."""
    passages, words = align(review, political, min_words=min_words, formulaic=formulaic)
    findings = [_finding(p, review, political) for p in passages]
    repeated = sum(p.repeated for p in passages)
    return OverlapResult(findings=findings, passages=passages, share=repeated / words if words else 0.0,
                         words=words, repeated_words=repeated)
