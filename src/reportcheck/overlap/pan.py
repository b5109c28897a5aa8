"""PAN-style evaluation of pair overlap: generated pairs with known reuse, and a scorer.

The generator builds (review, political) pairs from the project's own
Vietnamese paragraphs (``data/pan_source.txt``): the political report and the
review draw different paragraphs, then passages of the political report (a
whole paragraph or a run of its sentences) are inserted into the review as
paragraphs of their own, obfuscated at a graded difficulty:

``verbatim``  copied as is;
``light``     about one word in ten changed, dropped or added, old-style tone
              marks and changed case here and there;
``heavy``     one word in ten reworded and about one syllable in seven replaced, dropped or swapped,
              clauses and sentences reordered, a clause dropped, figures rounded;
``reordered`` sentences and clauses reordered, words unchanged;
``figures``   every figure rounded or restated ("9,6%" → "gần 10%").

Pairs of the kind ``none`` carry no reuse (every detection there is false).

The scorer follows the PAN text-alignment measures (Potthast et al., 2010):
character-level macro precision and recall over cases and detections (a
detection *detects* a case when it overlaps it on both sides), granularity
(detections per detected case) and ``plagdet = F1 / log2(1 + granularity)``.

Run ``python -m reportcheck.overlap.pan`` for the table per difficulty.

>>> pairs = generate(3, "verbatim", seed=1)
>>> s = evaluate_pairs(pairs)
>>> s["plagdet"] > 0.9
True
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from importlib import resources
from typing import Callable, Iterable, Sequence

from ..document import Document
from ..readers import read_text

__all__ = ["OBFUSCATIONS", "Case", "Pair", "source_paragraphs", "obfuscate", "generate", "score",
           "evaluate_pairs", "evaluate", "main"]

OBFUSCATIONS = ("verbatim", "light", "heavy", "reordered", "figures")

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")
_FIGURE = re.compile(r"(?<![\w,.])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?=(\s*%|\s+triệu|\s+tỷ|\s+ha|\s+km|\s+m2|\s+\w))")

# phrase → replacement, used both ways (written for this generator)
_SYNONYMS = [
    ("tăng cường", "đẩy mạnh"), ("nâng cao", "nâng lên"), ("triển khai", "tổ chức thực hiện"),
    ("kịp thời", "nhanh chóng"), ("chặt chẽ", "sát sao"), ("chú trọng", "quan tâm"),
    ("từng bước", "dần dần"), ("khó khăn", "trở ngại"), ("thường xuyên", "liên tục"),
    ("giữ vững", "bảo đảm"), ("phát huy", "khơi dậy"), ("địa bàn", "địa phương"),
    ("người dân", "bà con"), ("tiếp tục", "không ngừng"), ("hạn chế", "yếu kém"),
    ("đạt", "đạt được"), ("vượt", "cao hơn"), ("được", "đã được"), ("toàn xã", "cả xã"),
    ("tập trung", "dồn sức"), ("xây dựng", "kiến tạo"), ("hằng năm", "mỗi năm"),
    ("kết quả", "thành quả"), ("quyết liệt", "mạnh mẽ"), ("ổn định", "vững vàng"), ("rõ", "rõ rệt"),
    ("đồng bộ", "toàn diện"), ("nghiêm túc", "nghiêm chỉnh"), ("lãnh đạo", "dẫn dắt"),
]
_DROPPABLE = ("đã", "được", "các", "những", "nhiều", "rất", "đều", "cũng", "luôn")
_FILLERS = ("nhìn chung", "về cơ bản", "nhất là", "trên thực tế", "đồng thời", "qua đó")
_OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "ủy": "uỷ", "úy": "uý",
              "ùy": "uỳ", "ũy": "uỹ", "ụy": "uỵ", "óe": "oé", "òe": "oè", "ỏe": "oẻ", "ọe": "oẹ"}


@dataclass(slots=True)
class Case:
    """One inserted reuse: review span and political (source) span, character offsets."""

    start: int
    end: int
    source_start: int
    source_end: int
    obfuscation: str


@dataclass(slots=True)
class Pair:
    """A generated (review, political) pair and the reuse cases inserted into it."""

    review: Document
    political: Document
    cases: list[Case]
    obfuscation: str


def source_paragraphs() -> list[str]:
    """The project's own paragraphs the generator draws from."""
    raw = resources.files("reportcheck.overlap").joinpath("data/pan_source.txt").read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted({w.strip(",;.()").lower() for p in source_paragraphs() for w in p.split()} - {""}))


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s]


# -- obfuscation ------------------------------------------------------------
def _word_edits(text: str, rate: float, rng: random.Random) -> str:
    """Replace, drop or add words at about ``rate`` per word."""
    words = text.split(" ")
    n_edits = max(1, round(rate * len(words)))
    for _ in range(n_edits):
        op = rng.random()
        lowered = " ".join(words).lower()
        if op < 0.5:
            options = [(a, b) for a, b in _SYNONYMS if re.search(rf"(?<!\w){a}(?!\w)", lowered)] + \
                      [(b, a) for a, b in _SYNONYMS if re.search(rf"(?<!\w){b}(?!\w)", lowered)]
            if options:
                a, b = rng.choice(options)
                joined = " ".join(words)
                hits = [m for m in re.finditer(rf"(?<!\w){re.escape(a)}(?!\w)", joined, flags=re.I)]
                m = rng.choice(hits)
                joined = joined[:m.start()] + b + joined[m.end():]
                words = joined.split(" ")
                continue
        if op < 0.8:
            options = [i for i, w in enumerate(words) if w.lower().strip(",;.") in _DROPPABLE and w[-1:] not in ",;."]
            if options:
                del words[rng.choice(options)]
                continue
        # a filler goes at the head of a clause, never inside a compound
        heads = [i for i in range(1, len(words)) if words[i - 1][-1:] in ",;"]
        if heads:
            words.insert(rng.choice(heads), rng.choice(_FILLERS))
    return " ".join(words)


def _random_edits(text: str, rate: float, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """PAN's random obfuscation: words replaced by others, deleted or swapped at ``rate``."""
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if rng.random() >= rate or w[-1:] in ",;.":
            out.append(w)
        else:
            op = rng.random()
            if op < 0.5:
                out.append(rng.choice(vocabulary))
            elif op < 0.8 and i + 1 < len(words) and words[i + 1][-1:] not in ",;.":
                out.extend([words[i + 1], w])
                i += 1
            # else: deleted
        i += 1
    return " ".join(out)


def _surface(text: str, rng: random.Random, rate: float = 0.5) -> str:
    """Old-style tone marks and changed case, which folding must see through."""
    if rng.random() < rate:
        for new, old in _OLD_TONES.items():
            text = text.replace(new, old)
    words = text.split(" ")
    for _ in range(max(1, len(words) // 25)):
        i = rng.randrange(len(words))
        words[i] = words[i].upper() if rng.random() < 0.3 else words[i].lower()
    return " ".join(words)


def _clauses(sentence: str) -> tuple[list[str], str]:
    body = sentence.rstrip(".!? ")
    sep = "; " if "; " in body else ", "
    return body.split(sep), sep


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _uncap(s: str) -> str:
    # keep proper nouns and acronyms: only lower a capital followed by a lower-case letter
    first = s.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() not in ("đảng", "nhân", "nhà", "ban", "ủy", "chi"):
        return s[:1].lower() + s[1:]
    return s


def _reorder_sentence(sentence: str, rng: random.Random, drop: bool = False) -> str:
    parts, sep = _clauses(sentence)
    if len(parts) < 2:
        return sentence
    if drop and len(parts) >= 3:
        del parts[rng.randrange(1, len(parts))]
    head = parts[0]
    rest = parts[1:]
    rng.shuffle(rest)
    if rng.random() < 0.5 and sep == "; ":
        parts = rest + [head]
    else:
        parts = [head] + rest
    parts = [_uncap(p) for p in parts]
    return _cap(sep.join(parts)) + "."


def _round_figure(m: re.Match, rng: random.Random) -> str:
    whole, frac = m.group(1), m.group(2)
    value = float(whole.replace(".", "") + ("." + frac if frac else ""))
    if frac is None and 1900 <= value <= 2100:
        return m.group(0)  # a year
    if frac is not None:
        r = round(value)
        word = "gần" if r > value else "trên"
        return f"{word} {r}"
    if value >= 20:
        step = 10 if value < 1000 else 100
        r = int(round(value / step) * step)
        if r == value:
            r = int(value) + step // 2
        word = "khoảng" if rng.random() < 0.5 else ("gần" if r > value else "hơn")
        s = f"{r:,}".replace(",", ".")
        return f"{word} {s}"
    return m.group(0)


def _figures(text: str, rng: random.Random) -> str:
    return _FIGURE.sub(lambda m: _round_figure(m, rng), text)


def obfuscate(text: str, kind: str, rng: random.Random) -> str:
    """``text`` rewritten at one of the :data:`OBFUSCATIONS`."""
    sents = sentences(text)
    if kind == "verbatim":
        return text
    if kind == "light":
        out = [_word_edits(s, 0.08, rng) for s in sents]
        return _surface(" ".join(out), rng)
    if kind == "heavy":
        vocab = _vocabulary()
        out = [_reorder_sentence(_random_edits(_word_edits(s, 0.1, rng), 0.15, rng, vocab), rng, drop=True)
               for s in sents]
        rng.shuffle(out)
        return _figures(" ".join(out), rng)
    if kind == "reordered":
        out = [_reorder_sentence(s, rng) for s in sents]
        if len(out) > 1:
            rng.shuffle(out)
        return " ".join(out)
    if kind == "figures":
        return _figures(text, rng)
    raise ValueError(f"unknown obfuscation {kind!r}; one of {OBFUSCATIONS}")


# -- pairs ----------------------------------------------------------------
_HEADER = ("ĐẢNG BỘ HUYỆN SƠN HÀ", "ĐẢNG ỦY XÃ TÂN LẬP", "*")
_PLACE = "ĐẢNG CỘNG SẢN VIỆT NAM\nTân Lập, ngày 12 tháng 4 năm 2025"


class _Builder:
    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0

    def line(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    def text(self) -> str:
        return "".join(self.parts)


def generate(n_pairs: int, obfuscation: str, *, seed: int = 0, cases: tuple[int, int] = (1, 3),
             political_paragraphs: int = 16, review_paragraphs: int = 9) -> list[Pair]:
    """``n_pairs`` pairs with 1–3 reuse cases each of one ``obfuscation`` (or ``"none"``)."""
    pool = source_paragraphs()
    rng = random.Random(f"{seed}:{obfuscation}")
    pairs = []
    for _ in range(n_pairs):
        order = list(range(len(pool)))
        rng.shuffle(order)
        pol_ids = order[:political_paragraphs]
        rev_ids = order[political_paragraphs:political_paragraphs + review_paragraphs]
        # political report
        pb = _Builder()
        for h in _HEADER:
            pb.line(h)
        pb.line(_PLACE)
        pb.line("BÁO CÁO CHÍNH TRỊ")
        pb.line("I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT")
        spans = []
        for i in pol_ids:
            spans.append(pb.line(pool[i]))
        pb.line("Trên đây là báo cáo chính trị trình Đại hội.")
        pol_text = pb.text()
        # what is reused
        plan: list[tuple[str, int, int]] = []
        if obfuscation != "none":
            for p in rng.sample(range(len(pol_ids)), rng.randint(*cases)):
                para = pool[pol_ids[p]]
                sents = sentences(para)
                if len(sents) > 1 and rng.random() < 0.5:
                    a = rng.randrange(len(sents))
                    b = min(len(sents), a + rng.randint(1, 2))
                    chosen = " ".join(sents[a:b])
                    if len(chosen.split()) < 20:
                        a, b, chosen = 0, len(sents), para
                else:
                    chosen = para
                start = spans[p][0] + para.index(chosen)
                plan.append((obfuscate(chosen, obfuscation, rng), start, start + len(chosen)))
        # review report
        rb = _Builder()
        for h in _HEADER:
            rb.line(h)
        rb.line("Số 45-BC/ĐU")
        rb.line(_PLACE)
        rb.line("BÁO CÁO KIỂM ĐIỂM")
        rb.line("I. ƯU ĐIỂM")
        body: list[tuple[str, tuple[int, int] | None]] = [(pool[i], None) for i in rev_ids]
        for text, s0, s1 in plan:
            body.insert(rng.randrange(len(body) + 1), (text, (s0, s1)))
        found = []
        for text, src in body:
            span = rb.line(text)
            if src is not None:
                found.append(Case(span[0], span[1], src[0], src[1], obfuscation))
        rb.line("Trên đây là báo cáo kiểm điểm của Ban Chấp hành.")
        review = read_text(rb.text(), path="review.txt")
        political = read_text(pol_text, path="political.txt")
        review.doc_type, political.doc_type = "review", "political"
        pairs.append(Pair(review, political, found, obfuscation))
    return pairs


# -- scoring --------------------------------------------------------------
def _union(intervals: list[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


Span4 = tuple[int, int, int, int]  # (start, end, source_start, source_end)


def _meet(a: Span4, b: Span4) -> tuple[tuple[int, int], tuple[int, int]] | None:
    p = (max(a[0], b[0]), min(a[1], b[1]))
    s = (max(a[2], b[2]), min(a[3], b[3]))
    if p[1] > p[0] and s[1] > s[0]:
        return p, s
    return None


def score(cases: Sequence[Sequence[Span4]], detections: Sequence[Sequence[Span4]]) -> dict:
    """PAN measures; ``cases[i]`` and ``detections[i]`` belong to pair ``i``."""
    rec_terms, prec_terms, gran = [], [], []
    for cs, ds in zip(cases, detections):
        for c in cs:
            hits = [m for d in ds if (m := _meet(c, d))]
            got = _union([h[0] for h in hits]) + _union([h[1] for h in hits])
            rec_terms.append(got / ((c[1] - c[0]) + (c[3] - c[2])))
            if hits:
                gran.append(len(hits))
        for d in ds:
            hits = [m for c in cs if (m := _meet(c, d))]
            got = _union([h[0] for h in hits]) + _union([h[1] for h in hits])
            prec_terms.append(got / max((d[1] - d[0]) + (d[3] - d[2]), 1))
    n_cases, n_det = len(rec_terms), len(prec_terms)
    recall = sum(rec_terms) / n_cases if n_cases else 0.0
    precision = sum(prec_terms) / n_det if n_det else (1.0 if not n_cases else 0.0)
    granularity = sum(gran) / len(gran) if gran else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "granularity": granularity, "f1": f1,
            "plagdet": f1 / math.log2(1 + granularity), "cases": n_cases, "detections": n_det,
            "false_detections": sum(1 for t in prec_terms if t == 0.0)}


Detector = Callable[[Document, Document], Iterable]


def _default_detector(review: Document, political: Document):
    from .align import find_overlaps

    return find_overlaps(review, political)


def evaluate_pairs(pairs: Sequence[Pair], detector: Detector | None = None) -> dict:
    """Run ``detector`` (``find_overlaps`` by default) on ``pairs`` and score it."""
    detector = detector or _default_detector
    cases, dets = [], []
    t0 = time.perf_counter()
    for p in pairs:
        cases.append([(c.start, c.end, c.source_start, c.source_end) for c in p.cases])
        dets.append([(f.start, f.end, f.related.start, f.related.end) for f in detector(p.review, p.political)])
    out = score(cases, dets)
    out["pairs"] = len(pairs)
    out["seconds"] = time.perf_counter() - t0
    return out


def evaluate(n_pairs: int = 40, *, seed: int = 0, kinds: Sequence[str] = OBFUSCATIONS + ("none",),
             detector: Detector | None = None) -> dict[str, dict]:
    """Scores per obfuscation kind on freshly generated pairs."""
    return {kind: evaluate_pairs(generate(n_pairs, kind, seed=seed), detector) for kind in kinds}


def format_table(results: dict[str, dict]) -> str:
    head = f"{'obfuscation':<12}{'pairs':>6}{'cases':>7}{'dets':>6}{'false':>7}{'prec':>8}{'rec':>8}{'gran':>7}{'plagdet':>9}"
    rows = [head, "-" * len(head)]
    for kind, r in results.items():
        left = f"{kind:<12}{r['pairs']:>6}{r['cases']:>7}{r['detections']:>6}{r['false_detections']:>7}"
        if r["cases"]:
            rows.append(left + f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['granularity']:>7.3f}{r['plagdet']:>9.3f}")
        else:  # no reuse to find: only false detections count
            rows.append(left + f"{'–':>8}{'–':>8}{'–':>7}{'–':>9}")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reportcheck.overlap.pan",
                                 description="PAN-style evaluation of reportcheck's pair overlap detection.")
    ap.add_argument("--pairs", type=int, default=40, help="pairs per obfuscation kind (default 40)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    results = evaluate(args.pairs, seed=args.seed)
    print(format_table(results))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
