"""Pair overlap: passages of a review report that repeat its political report.

How it works (all on :mod:`~reportcheck.overlap.units`, i.e. folded
syllables with every figure mapped to one placeholder):

1. **Seeds.** Every run of ``k`` (3) consecutive body units of the review
   that also occurs in the political report gives a seed ``(i, j)``. Runs
   touching a heading or the header, title or closing give none, nor do
   runs found more than ``MAX_REPEAT`` times in the political report (its
   own stock phrases). A seed is kept only when others lie near it along
   nearly the same diagonal ``j - i``: a repeated passage is a chain of
   seeds, a shared name or a stock phrase an isolated one.
2. **Sentences.** For each review sentence the densest window of the
   political report is chosen (a few times the sentence's length, so a
   sentence that merges two source sentences or reorders its clauses still
   falls in one window). Its *coverage* is the share of its words lying in
   a seed of that window: a changed or dropped word uncovers only itself, a
   rounded figure nothing (figures are one placeholder and "trên", "gần",
   "khoảng" before a figure are left out).
3. **Passages.** Runs of consecutive sentences whose windows lie close
   together in the political report (or in one of its paragraphs, for a
   condensed paragraph) become one passage (a reviewer wants one finding
   per repeated passage, not one per sentence); a run needs a strongly
   covered sentence, weaker ones join it. A passage is reported when it has
   ``min_words`` repeated words, half of its words repeat, and it is what
   its paragraphs are about (half of their words repeat): a borrowed
   sentence inside the committee's own analysis is context. Both sides are
   snapped to sentence edges when the uncovered margin is small.

A sentence that cites the political report by name ("Như Báo cáo chính trị
đã nêu, …") quotes it on purpose; it is not counted as repetition unless the
quotation itself is long. Words inside the formulaic runs a
:class:`~reportcheck.overlap.formulaic.FormulaicModel` knows count neither
as repeated nor as the passage's words, so formulaic lines never make a
finding.

>>> from reportcheck.readers import read_text
>>> src = ("BÁO CÁO CHÍNH TRỊ\\nI. KẾT QUẢ\\nKinh tế tăng trưởng khá, giá trị sản xuất tăng bình quân 11,2%/năm, "
...        "vượt chỉ tiêu Nghị quyết; thương mại, dịch vụ tăng 13,4%/năm, giữ vai trò động lực của địa phương.\\n")
>>> rev = ("BÁO CÁO KIỂM ĐIỂM\\nI. ƯU ĐIỂM\\nBan Chấp hành đã ban hành nghị quyết chuyên đề về phát triển kinh tế.\\n"
...        "Kinh tế tăng trưởng khá, giá trị sản xuất tăng bình quân trên 11%/năm, vượt chỉ tiêu Nghị quyết; "
...        "thương mại, dịch vụ tăng hơn 13%/năm, giữ vai trò động lực của địa phương.\\n")
>>> [f.rule for f in find_overlaps(read_text(rev), read_text(src))]
['overlap.repeated-passage']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..document import Document
from ..findings import Finding, Related
from .formulaic import formulaic_mask
from .units import Units, gram_keys, sentence_bounds, units

__all__ = ["find_overlaps", "compare", "OverlapResult", "Passage", "align"]

RULE = "overlap.repeated-passage"

#: shingle length in units (syllables/figures)
K = 3
#: a shingle found more often than this in the political report is a stock phrase there
MAX_REPEAT = 6
#: a seed needs this many other seeds within NEAR units and DRIFT diagonals
DENSITY = 4
NEAR = 8
DRIFT = 3
#: coverage that makes a sentence a repetition (STRONG) or lets it join one (WEAK)
STRONG = 0.6
WEAK = 0.35
#: coverage a merged passage needs to be reported
PASSAGE_COVERAGE = 0.5
#: share of its paragraphs' words a passage needs, unless it has LONG × min_words repeated words
PARAGRAPH_SHARE = 0.5
LONG = 6
#: above this coverage the message says "gần nguyên văn"
VERBATIM = 0.85
#: political windows further apart than this (units), and not in one paragraph,
#: belong to different passages
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


def _dense(I: np.ndarray, J: np.ndarray) -> np.ndarray:
    """Seeds with at least ``DENSITY`` others nearby: within ``NEAR`` units on the
    review side and ``DRIFT`` diagonals (insertions/deletions) of their own.

    An isolated shared trigram ("cán bộ, đảng viên") or a short name is chance;
    a repeated passage is a run of seeds along (nearly) one diagonal.
    """
    if not len(I):
        return np.zeros(0, dtype=bool)
    d = J - I
    dd = d - d.min() + DRIFT
    big = int(I.max()) + 2 * NEAR + 2
    key = dd * big + (I + NEAR)
    skey = np.sort(key)
    count = np.full(len(I), -1, dtype=np.int64)  # minus the seed itself
    for delta in range(-DRIFT, DRIFT + 1):
        base = (dd + delta) * big + I
        count += np.searchsorted(skey, base + 2 * NEAR, side="right") - np.searchsorted(skey, base, side="left")
    return count >= DENSITY


@dataclass(slots=True)
class _Sent:
    a: int        # units [a, b) of the review
    b: int
    n: int        # countable units
    lo: int       # political window of its seeds [lo, hi)
    hi: int
    coverage: float


def align(review: Document, political: Document, *, min_words: int = 12, formulaic=None,
          k: int = K) -> tuple[list[Passage], int]:
    """Repeated passages of ``review`` (see the module docstring) and its body word count."""
    R, P = units(review), units(political)
    hr, okr = gram_keys(R.keys, k, R.body)
    hp, okp = gram_keys(P.keys, k, P.body)
    # words inside a formulaic run count neither way (their seeds still tie a
    # copied passage together)
    countable = R.body & ~formulaic_mask(review, formulaic)
    body_words = int(countable.sum())
    I, J = _seeds(hr, okr, hp, okp)
    keep = _dense(I, J)
    I, J = I[keep], J[keep]
    if not len(I):
        return [], body_words

    rsb = sentence_bounds(review)
    psb = sentence_bounds(political)
    r_sents = _char_spans(review, R)
    p_sents = _char_spans(political, P)
    folded = review.folded

    def seeds_in(a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        lo_i = np.searchsorted(I, a - k + 1, side="left")
        hi_i = np.searchsorted(I, b, side="left")
        return I[lo_i:hi_i], J[lo_i:hi_i]

    def coverage(a: int, b: int, si: np.ndarray) -> tuple[int, np.ndarray]:
        mask = _covered(si, a, b, k) & countable[a:b]
        return int(mask.sum()), mask

    sents: list[_Sent | None] = []
    for a, b in rsb:
        a, b = int(a), int(b)
        n = int(countable[a:b].sum())
        if n == 0:
            sents.append(None)  # a heading or formulaic line ends a passage
            continue
        si, sj = seeds_in(a, b)
        if not len(si):
            sents.append(_Sent(a, b, n, -1, -1, 0.0))
            continue
        wlo, whi = _best_window(sj, max(2 * (b - a), b - a + 20))
        sel = (sj >= wlo) & (sj < whi)
        rep, _ = coverage(a, b, si[sel])
        cov = rep / n
        if rep < 2 * min_words and _CITES.search(folded[int(R.starts[a]):int(R.ends[b - 1])]):
            cov = 0.0  # a named quotation of the political report, not a repetition
        sents.append(_Sent(a, b, n, int(sj[sel].min()), int(sj[sel].max()) + k, cov))

    # runs of repeating sentences (weak ones allowed next to strong ones) whose
    # sources lie close together in the political report
    def close(s: _Sent, group: list[_Sent]) -> bool:
        """The sources lie close, or in one paragraph (a condensed paragraph skips sentences)."""
        gap = max(0, s.lo - max(x.hi for x in group), min(x.lo for x in group) - s.hi)
        if gap <= MAX_GAP:
            return True
        paragraphs = {int(P.block[x.lo]) for x in group} | {int(P.block[x.hi - 1]) for x in group}
        return int(P.block[s.lo]) in paragraphs or int(P.block[s.hi - 1]) in paragraphs

    groups: list[list[_Sent]] = []
    cur: list[_Sent] = []
    for s in sents + [None]:
        if cur and (s is None or s.coverage < WEAK or not close(s, cur)):
            if any(x.coverage >= STRONG for x in cur):
                groups.append(cur)
            cur = []
        if s is not None and s.coverage >= WEAK:
            cur.append(s)

    # what each group repeats, and how much of every paragraph is repeated
    found = []
    repeated = np.zeros(len(R), dtype=bool)
    for g in groups:
        a, b = g[0].a, g[-1].b
        plo, phi = min(x.lo for x in g), max(x.hi for x in g)
        si, sj = seeds_in(a, b)
        sel = (sj >= plo - MAX_GAP) & (sj < phi + MAX_GAP)
        _, mask = coverage(a, b, si[sel])
        repeated[a:b] |= mask
        found.append((a, b, si[sel], sj[sel], mask))
    n_blocks = len(review.blocks)
    block_rep = np.bincount(R.block[repeated], minlength=n_blocks)
    block_all = np.bincount(R.block[countable], minlength=n_blocks)

    passages: list[Passage] = []
    for a, b, si, sj, mask in found:
        # keep the paragraphs the passage is about: a borrowed sentence inside a
        # paragraph of the committee's own analysis is context, not repetition
        blocks = R.block[a:b]
        rep_here = np.bincount(blocks[mask], minlength=n_blocks)
        keep_block = (block_rep >= PARAGRAPH_SHARE * block_all) | (rep_here >= LONG * min_words)
        keep = keep_block[blocks]
        # contiguous kept stretches become passages
        edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(np.int8), [0]])))
        for x0, x1 in zip(edges[::2], edges[1::2]):
            m = mask[x0:x1]
            rep = int(m.sum())
            n = int(countable[a + x0:a + x1].sum())
            if rep < min_words or rep < PASSAGE_COVERAGE * n:
                continue
            idx = np.flatnonzero(m)
            first, last = a + x0 + int(idx[0]), a + x0 + int(idx[-1])
            start, end = _snap(r_sents, rsb, R, first, last)
            inside = (si + k > first) & (si <= last)
            j0, j1 = int(sj[inside].min()), int(sj[inside].max()) + k - 1
            sstart, send = _snap(p_sents, psb, P, j0, min(j1, len(P) - 1))
            passages.append(Passage(start, end, sstart, send, rep / n, n, rep))
    return passages, body_words


def _char_spans(doc: Document, u: Units) -> list[tuple[int, int]]:
    """Character spans of the sentences holding units (those of :func:`sentence_bounds`), in order."""
    out = []
    for s in doc.sentences:
        a = int(np.searchsorted(u.starts, s.start, side="left"))
        if a < len(u) and u.starts[a] < s.end:
            out.append((s.start, s.end))
    return out


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
