"""Benchmark of the overlap checks, with a naive baseline measured in the same run.

1. Pair alignment: one review and one political report of ``--pair-words``
   (15,000) words each, the review repeating ~15 % of the political report
   in passages with light edits. Units and sentences (the tokenization the
   checks share) are computed before timing. Goal: under 0.3 s on one core.
   Baseline: every review sentence against every political sentence
   (trigram Jaccard), the obvious quadratic approach.
2. Folder-wide duplicates: ``--docs`` (2,000) drafts of ``--words`` (5,000)
   words, with boilerplate passages planted in 2 to 400 drafts each and
   paragraphs of one draft reused by another. Goal: under 60 s. Baseline:
   all pairs of drafts compared by their sets of 8-unit hashes, measured on
   ``--baseline-docs`` drafts and extrapolated to all pairs.

The text is generated from a syllable bigram model of the project's own
paragraphs (``reportcheck/overlap/data/pan_source.txt``), so chance matches
of short phrases are as frequent as in real drafts on one topic.

    PYTHONPATH=src python benchmarks/bench_overlap.py                 # full size
    PYTHONPATH=src python benchmarks/bench_overlap.py --docs 200 --words 2000
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from itertools import combinations

import numpy as np

from reportcheck.overlap import find_overlaps
from reportcheck.overlap.duplicates import find_duplicates
from reportcheck.overlap.pan import obfuscate, source_paragraphs
from reportcheck.overlap.units import gram_keys, sentence_bounds, units
from reportcheck.readers import read_text


# -- text generation ------------------------------------------------------------
class Bigram:
    """Syllable bigram model of the project's paragraphs, sampled with numpy."""

    def __init__(self, seed: int = 0):
        words = [w for p in source_paragraphs() for w in re.findall(r"[^\W\d_]+|\d+(?:,\d+)?%?", p)]
        vocab = sorted(set(words))
        self.vocab = np.asarray(vocab, dtype=object)
        index = {w: i for i, w in enumerate(vocab)}
        ids = np.asarray([index[w] for w in words])
        order = np.argsort(ids[:-1], kind="stable")
        self.succ = ids[1:][order]
        counts = np.bincount(ids[:-1], minlength=len(vocab))
        self.counts = counts
        self.offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.rng = np.random.default_rng(seed)

    def chains(self, n_chains: int, length: int) -> np.ndarray:
        """``n_chains`` × ``length`` word ids."""
        out = np.empty((n_chains, length), dtype=np.int64)
        cur = self.rng.integers(0, len(self.vocab), n_chains)
        for t in range(length):
            c = self.counts[cur]
            dead = c == 0
            if dead.any():
                cur[dead] = self.rng.integers(0, len(self.vocab), int(dead.sum()))
                c = self.counts[cur]
            cur = self.succ[self.offsets[cur] + (self.rng.random(n_chains) * c).astype(np.int64)]
            # one word in four drawn at random, so that chance repeats stay as short as in real drafts
            jump = self.rng.random(n_chains) < 0.25
            cur[jump] = self.rng.integers(0, len(self.vocab), int(jump.sum()))
            out[:, t] = cur
        return out

    def paragraphs(self, ids: np.ndarray, rng: random.Random, para_words: tuple[int, int] = (60, 140)) -> list[str]:
        """Text paragraphs from a row of word ids: commas, full stops, capitals."""
        words = list(self.vocab[ids])
        paras, i = [], 0
        while i < len(words):
            n = rng.randint(*para_words)
            chunk = words[i:i + n]
            i += n
            out, since = [], 0
            for j, w in enumerate(chunk):
                if since == 0:
                    w = w[:1].upper() + w[1:]
                since += 1
                last = j == len(chunk) - 1
                if last or (since > 12 and rng.random() < 0.08):
                    w += "."
                    since = 0
                elif since > 4 and rng.random() < 0.1:
                    w += ","
                out.append(w)
            paras.append(" ".join(out))
        return paras


def _doc(paragraphs: list[str], title: str, path: str):
    text = "ĐẢNG BỘ HUYỆN SƠN HÀ\nĐẢNG CỘNG SẢN VIỆT NAM\n" + title + "\nI. NỘI DUNG\n" + "\n".join(paragraphs) + "\n"
    return read_text(text, path=path)


# -- 1. pair ----------------------------------------------------------------------
def naive_pair(review, political, k: int = 3, threshold: float = 0.5) -> int:
    """Every review sentence against every political sentence by trigram Jaccard."""
    def grams(doc):
        u = units(doc)
        keys = u.keys.tolist()
        return [frozenset(tuple(keys[i:i + k]) for i in range(a, b - k + 1)) for a, b in sentence_bounds(doc)]

    rs, ps = grams(review), grams(political)
    hits = 0
    for r in rs:
        if not r:
            continue
        for p in ps:
            inter = len(r & p)
            if inter and inter / len(r | p) >= threshold:
                hits += 1
                break
    return hits


def bench_pair(words: int, seed: int, repeats: int) -> dict:
    rng = random.Random(seed)
    model = Bigram(seed)
    chains = model.chains(2, words)
    pol_paras = model.paragraphs(chains[0], rng)
    own = model.paragraphs(chains[1][: int(words * 0.85)], rng)
    reused = []
    budget = int(words * 0.15)
    while budget > 0:
        p = rng.randrange(len(pol_paras))
        text = obfuscate(pol_paras[p], rng.choice(["verbatim", "light"]), rng)
        reused.append(text)
        budget -= len(text.split())
    rev_paras = list(own)
    for text in reused:
        rev_paras.insert(rng.randrange(len(rev_paras) + 1), text)
    political = _doc(pol_paras, "BÁO CÁO CHÍNH TRỊ", "political.txt")
    review = _doc(rev_paras, "BÁO CÁO KIỂM ĐIỂM", "review.txt")
    # shared tokenization, outside the timing
    t0 = time.perf_counter()
    for d in (review, political):
        units(d)
        sentence_bounds(d)
        d.sections
    t_tok = time.perf_counter() - t0
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        findings = find_overlaps(review, political)
        times.append(time.perf_counter() - t0)
    # how many planted paragraphs a finding touches
    found = 0
    for text in reused:
        start = review.text.index(text)
        if any(f.start < start + len(text) and f.end > start for f in findings):
            found += 1
    t0 = time.perf_counter()
    naive_pair(review, political)
    t_naive = time.perf_counter() - t0
    return {"review_words": review.words, "political_words": political.words, "units": len(units(review)) + len(units(political)),
            "planted": len(reused), "found": found, "findings": len(findings),
            "seconds": statistics.median(times), "tokenize_seconds": t_tok, "naive_seconds": t_naive}


# -- 2. folder ---------------------------------------------------------------------
def make_corpus(n_docs: int, words: int, seed: int):
    rng = random.Random(seed)
    model = Bigram(seed + 1)
    chains = model.chains(n_docs, words)
    drafts = [model.paragraphs(chains[i], rng) for i in range(n_docs)]
    planted = []
    # boilerplate passages, each copied into 2..400 drafts
    boiler_chains = model.chains(max(4, n_docs // 50), 70)
    for b in range(len(boiler_chains)):
        text = model.paragraphs(boiler_chains[b], rng, para_words=(70, 70))[0]
        spread = min(n_docs, rng.choice([2, 3, 5, 10, 40, 400]))
        members = rng.sample(range(n_docs), spread)
        for m in members:
            drafts[m].insert(rng.randrange(len(drafts[m]) + 1), text)
        planted.append(("boilerplate", text, members))
    # one unit's paragraphs reused by another
    for _ in range(max(2, n_docs // 40)):
        a, b = rng.sample(range(n_docs), 2)
        j = rng.randrange(max(1, len(drafts[a]) - 3))
        block = drafts[a][j:j + 3]
        at = rng.randrange(len(drafts[b]) + 1)
        drafts[b][at:at] = block
        planted.append(("reused", block[0], [a, b]))
    docs = [_doc(paras, "BÁO CÁO CHÍNH TRỊ", f"don-vi-{i:04d}/bao-cao.txt") for i, paras in enumerate(drafts)]
    return docs, planted


def naive_all_pairs(docs, k: int = 8) -> float:
    """Seconds for all pairs of ``docs`` compared by their sets of k-unit hashes."""
    sets = []
    for d in docs:
        u = units(d)
        h, ok = gram_keys(u.keys, k, u.body)
        sets.append(set(h[ok].tolist()))
    t0 = time.perf_counter()
    shared = 0
    for a, b in combinations(range(len(sets)), 2):
        if not sets[a].isdisjoint(sets[b]):
            shared += len(sets[a] & sets[b])
    return time.perf_counter() - t0


def bench_folder(n_docs: int, words: int, seed: int, baseline_docs: int) -> dict:
    t0 = time.perf_counter()
    docs, planted = make_corpus(n_docs, words, seed)
    t_make = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        units(d)
    t_units = time.perf_counter() - t0
    t0 = time.perf_counter()
    clusters = find_duplicates(docs)
    t_dup = time.perf_counter() - t0
    # planted passages recovered: a cluster holding an occurrence in each planted draft
    found = 0
    for kind, text, members in planted:
        want = {docs[m].path for m in members}
        for c in clusters:
            paths = {o.path for o in c.occurrences}
            if want <= paths and any(text[:40] in docs[o.doc].text[o.start:o.end] for o in c.occurrences):
                found += 1
                break
    sub = docs[:min(baseline_docs, len(docs))]
    t_naive = naive_all_pairs(sub)
    pairs_sub = len(sub) * (len(sub) - 1) // 2
    pairs_all = n_docs * (n_docs - 1) // 2
    return {"docs": n_docs, "words": sum(d.words for d in docs), "make_seconds": t_make,
            "units_seconds": t_units, "duplicates_seconds": t_dup, "clusters": len(clusters),
            "planted": len(planted), "found": found, "naive_pairs": pairs_sub, "naive_seconds": t_naive,
            "naive_all_seconds": t_naive / max(pairs_sub, 1) * pairs_all}


def _peak_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # pragma: no cover - not on Windows
        return float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pair-words", type=int, default=15_000)
    ap.add_argument("--docs", type=int, default=2_000)
    ap.add_argument("--words", type=int, default=5_000)
    ap.add_argument("--baseline-docs", type=int, default=150)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-pair", action="store_true")
    ap.add_argument("--skip-folder", action="store_true")
    args = ap.parse_args(argv)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
        core = "1 core"
    except (AttributeError, OSError):
        core = "cores: not pinned"
    print(f"bench_overlap ({core}, python {sys.version.split()[0]}, numpy {np.__version__})")
    if not args.skip_pair:
        r = bench_pair(args.pair_words, args.seed, args.repeats)
        print(f"pair: review {r['review_words']} words, political {r['political_words']} words ({r['units']} units)")
        print(f"  find_overlaps: {r['seconds']:.3f} s (median of {args.repeats}; goal < 0.3 s) "
              f"[units+sentences beforehand: {r['tokenize_seconds']:.3f} s]")
        print(f"  planted reused paragraphs found: {r['found']}/{r['planted']} in {r['findings']} findings")
        print(f"  baseline all sentence pairs (trigram Jaccard): {r['naive_seconds']:.3f} s "
              f"→ ratio {r['naive_seconds'] / r['seconds']:.1f}×")
    if not args.skip_folder:
        r = bench_folder(args.docs, args.words, args.seed, args.baseline_docs)
        print(f"folder: {r['docs']} drafts, {r['words']} words in all (generated in {r['make_seconds']:.1f} s)")
        total = r["units_seconds"] + r["duplicates_seconds"]
        print(f"  find_duplicates: {total:.1f} s (goal < 60 s) = units {r['units_seconds']:.1f} s "
              f"+ index, clustering, verification {r['duplicates_seconds']:.1f} s; {r['clusters']} clusters")
        print(f"  planted shared passages recovered: {r['found']}/{r['planted']}; "
              f"peak memory of the run {_peak_mb():.0f} MB")
        print(f"  baseline all pairs of drafts (8-unit hash sets): {r['naive_pairs']} pairs in {r['naive_seconds']:.2f} s "
              f"→ {r['naive_all_seconds']:.0f} s extrapolated to all {r['docs'] * (r['docs'] - 1) // 2} pairs "
              f"→ ratio {r['naive_all_seconds'] / total:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
