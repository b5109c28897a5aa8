"""Folder-wide duplicates: passages shared by the drafts of different units.

Copied boilerplate, or one unit's draft reused by another, grouped into
clusters with their documents and offsets.

How it works, in time roughly linear in the total length of the drafts:

1. **Fingerprints.** Each draft's body (:mod:`~reportcheck.overlap.units`:
   folded syllables, figures as one placeholder) is cut into runs of ``k``
   units, hashed, and *winnowed* (Schleimer, Wilkerson & Aiken, 2003): in
   every window of ``w`` consecutive hashes the smallest is kept. Any passage
   of ``w + k - 1 = min_words`` units shared by two drafts is guaranteed to
   share at least one fingerprint.
2. **Inverted index.** Fingerprints are sorted by hash; a hash found in the
   drafts of at least two units is a candidate. No pair of documents is ever
   enumerated, so a boilerplate sentence present in all 2,000 drafts costs
   2,000 postings, not 2,000² pairs.
3. **Exact verification.** A draft's candidate fingerprints that lie close
   together form a region. Every posting is checked unit by unit against a
   reference posting of the same hash in another unit's draft (the first
   one; hash collisions drop out), and the match is extended both ways while
   the units agree; what a region really shares is the union of its matches.
4. **Clusters.** Two regions are linked when their verified matches add up
   to ``min_words`` units; the connected components are the clusters.
   Occurrences with fewer than ``min_words`` shared units, and clusters left
   with a single unit, are dropped.

>>> from reportcheck.readers import read_text
>>> shared = ("Ban Chấp hành xác định phát triển kinh tế là nhiệm vụ trọng tâm, xây dựng Đảng là then chốt, "
...           "phát triển văn hóa là nền tảng tinh thần, bảo đảm quốc phòng, an ninh là nhiệm vụ trọng yếu, thường xuyên.")
>>> docs = [read_text(f"Mở đầu riêng của đơn vị số {i} về tình hình địa phương.\\n{shared}\\nPhần riêng {i}.", path=f"u{i}/a.txt")
...         for i in range(3)]
>>> [len(c.occurrences) for c in find_duplicates(docs)]
[3]
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..document import Document
from .units import gram_keys, units

__all__ = ["Occurrence", "Cluster", "find_duplicates", "default_groups", "K_DUP"]

#: length (units) of the hashed runs
K_DUP = 8
#: matches closer than this (units) in one draft are one occurrence
GAP_TOLERANCE = 4
_MAX = np.uint64(np.iinfo(np.uint64).max)
_CLOSERS = ".;:!?…)”\"%"


@dataclass(slots=True)
class Occurrence:
    """Where a cluster's passage occurs in one draft."""

    doc: int          # index in the list given to find_duplicates
    path: str
    start: int        # character offsets in the draft's text
    end: int
    line: int
    end_line: int
    words: int        # shared units inside the occurrence

    def to_dict(self) -> dict:
        return {"path": self.path, "start": self.start, "end": self.end, "line": self.line,
                "end_line": self.end_line, "words": self.words}


@dataclass(slots=True)
class Cluster:
    """One passage (or a few adjoining ones) shared by drafts of several units."""

    occurrences: list[Occurrence]
    words: int                     # shared units of the longest occurrence
    text: str                      # that occurrence's text (shortened)
    units: int = 0                 # distinct units (groups) involved
    groups: list[str] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return sorted({o.path for o in self.occurrences})

    def to_dict(self) -> dict:
        return {"documents": len(self.documents), "units": self.units, "words": self.words,
                "text": self.text, "occurrences": [o.to_dict() for o in self.occurrences]}


def default_groups(docs: Sequence[Document]) -> list[str]:
    """The unit of each draft: its folder when the drafts sit in several folders, else itself.

    The political report and the review of one unit usually share a folder;
    what they share is the pair check's business, not a duplicate.
    """
    parents = [str(Path(d.path).parent) for d in docs]
    if len(set(parents)) > 1:
        return parents
    return [f"{d.path}#{i}" for i, d in enumerate(docs)]


def _winnow(h: np.ndarray, ok: np.ndarray, w: int) -> np.ndarray:
    """Positions of the winnowed fingerprints (usable ones only)."""
    if len(h) == 0:
        return np.zeros(0, dtype=np.int64)
    hm = np.where(ok, h, _MAX)
    if len(hm) <= w:
        pos = np.array([int(np.argmin(hm))])
    else:
        win = np.lib.stride_tricks.sliding_window_view(hm, w)
        pos = np.unique(np.argmin(win, axis=1) + np.arange(len(win)))
    return pos[ok[pos]]


def _extend(keys_a: np.ndarray, pa: int, keys_b: np.ndarray, pb: int, k: int) -> tuple[int, int, int]:
    """Exact match through ``pa``/``pb`` (already equal for ``k`` units): (start_a, start_b, length)."""
    # right
    n = min(len(keys_a) - pa, len(keys_b) - pb)
    right = k
    step = 64
    while right < n:
        hi = min(n, right + step)
        eq = keys_a[pa + right:pa + hi] == keys_b[pb + right:pb + hi]
        if not eq.all():
            right += int(np.argmin(eq))
            break
        right = hi
        step *= 2
    # left
    m = min(pa, pb)
    left = 0
    step = 64
    while left < m:
        lo = min(m, left + step)
        eq = keys_a[pa - lo:pa - left][::-1] == keys_b[pb - lo:pb - left][::-1]
        if not eq.all():
            left += int(np.argmin(eq))
            break
        left = lo
        step *= 2
    return pa - left, pb - left, left + right


def _merge(intervals: list[tuple[int, int]], gap: int) -> list[tuple[int, int, int]]:
    """Merge intervals closer than ``gap``; each result carries its covered length."""
    out: list[list[int]] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1] + gap:
            last = out[-1]
            if e > last[1]:
                last[2] += e - max(s, last[1])
                last[1] = e
        else:
            out.append([s, e, e - s])
    return [(s, e, c) for s, e, c in out]


def find_duplicates(docs: Sequence[Document], *, min_words: int = 30, k: int = K_DUP,
                    groups: Sequence[str] | Callable[[Sequence[Document]], Sequence[str]] | None = None,
                    max_text: int = 240) -> list[Cluster]:
    """Clusters of passages (at least ``min_words`` units) shared by drafts of different units.

    ``groups`` gives the unit of each draft (a list, or a function of the
    list); by default :func:`default_groups`. Clusters come most widespread
    first, then longest.
    """
    if min_words < k:
        k = max(3, min_words)
    w = max(1, min_words - k + 1)
    if groups is None:
        groups = default_groups(docs)
    elif callable(groups):
        groups = groups(docs)
    group_names = list(groups)
    gid = {g: i for i, g in enumerate(dict.fromkeys(group_names))}
    doc_group = np.asarray([gid[g] for g in group_names], dtype=np.int64)

    all_units = [units(d) for d in docs]
    fh, fdoc, fpos = [], [], []
    for i, u in enumerate(all_units):
        h, ok = gram_keys(u.keys, k, u.body)
        pos = _winnow(h, ok, w)
        fh.append(h[pos])
        fpos.append(pos)
        fdoc.append(np.full(len(pos), i, dtype=np.int64))
    if not fh:
        return []
    fh_a, fdoc_a, fpos_a = np.concatenate(fh), np.concatenate(fdoc), np.concatenate(fpos)
    if not len(fh_a):
        return []
    # inverted index: sort by hash; keep hashes found in at least two units
    order = np.lexsort((fpos_a, fdoc_a, fh_a))
    fh_a, fdoc_a, fpos_a = fh_a[order], fdoc_a[order], fpos_a[order]
    fgrp = doc_group[fdoc_a]
    run_start = np.flatnonzero(np.r_[True, fh_a[1:] != fh_a[:-1]])
    run_id = np.cumsum(np.r_[True, fh_a[1:] != fh_a[:-1]]) - 1
    gmin = np.minimum.reduceat(fgrp, run_start)
    gmax = np.maximum.reduceat(fgrp, run_start)
    shared = (gmin != gmax)[run_id]
    fh_a, fdoc_a, fpos_a, run_id = fh_a[shared], fdoc_a[shared], fpos_a[shared], run_id[shared]
    if not len(fh_a):
        return []
    run_id = np.unique(run_id, return_inverse=True)[1]

    # regions: a draft's candidate fingerprints close together
    by_doc = np.lexsort((fpos_a, fdoc_a))
    d_sorted, p_sorted = fdoc_a[by_doc], fpos_a[by_doc]
    new_region = np.r_[True, (d_sorted[1:] != d_sorted[:-1]) | (p_sorted[1:] - p_sorted[:-1] > w + k)]
    region_sorted = np.cumsum(new_region) - 1
    region = np.empty(len(by_doc), dtype=np.int64)
    region[by_doc] = region_sorted
    n_regions = int(region_sorted[-1]) + 1

    # each posting's reference is the first posting of its hash from another unit;
    # links and verification only ever join drafts of different units
    first_of_run = np.flatnonzero(np.r_[True, run_id[1:] != run_id[:-1]])
    ref1 = first_of_run[run_id]
    grp = doc_group[fdoc_a]
    other = grp != grp[ref1]
    idx = np.where(other, np.arange(len(grp)), len(grp))
    ref2 = np.minimum.reduceat(idx, first_of_run)[run_id]
    ref = np.where(other, ref1, ref2)
    # exact verification and extension, once per (posting draft, reference draft, diagonal);
    # units outside the body get keys of their own, so a match never runs into them
    keys, first_unit, end_unit = [], [], []
    for i, u in enumerate(all_units):
        kk = u.keys.copy()
        outside = np.flatnonzero(~u.body)
        kk[outside] = (np.uint64(i) << np.uint64(32)) + outside.astype(np.uint64)
        keys.append(kk)
        # a match stops at the end of a paragraph (the next one matches on its own)
        edge = np.flatnonzero(np.r_[True, u.block[1:] != u.block[:-1], True])
        sizes = np.diff(edge)
        first_unit.append(np.repeat(edge[:-1], sizes))
        end_unit.append(np.repeat(edge[1:], sizes))
    matched: dict[int, list[tuple[int, int]]] = {}
    linked: dict[tuple[int, int], int] = {}
    done: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for t in range(len(ref)):
        a, r = int(t), int(ref[t])
        da, pa, db, pb = int(fdoc_a[a]), int(fpos_a[a]), int(fdoc_a[r]), int(fpos_a[r])
        diag = (da, db, pa - pb)
        seen = done.setdefault(diag, [])
        if any(s0 <= pa < s1 for s0, s1 in seen):
            continue  # inside a match already extended on this diagonal
        ka, kb = keys[da], keys[db]
        if not np.array_equal(ka[pa:pa + k], kb[pb:pb + k]):
            continue  # hash collision
        sa, sb, n = _extend(ka, pa, kb, pb, k)
        lo = min(pa - int(first_unit[da][pa]), pb - int(first_unit[db][pb]), pa - sa)
        hi = min(int(end_unit[da][pa]) - pa, int(end_unit[db][pb]) - pb, sa + n - pa)
        sa, sb, n = pa - lo, pb - lo, lo + hi
        seen.append((sa, sa + n))
        ra, rb = int(region[a]), int(region[r])
        matched.setdefault(ra, []).append((sa, sa + n))
        matched.setdefault(rb, []).append((sb, sb + n))
        link = (ra, rb) if ra < rb else (rb, ra)
        linked[link] = linked.get(link, 0) + n

    # clusters: regions joined by at least min_words verified shared units
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    edges = np.asarray([e for e, n in linked.items() if n >= min_words], dtype=np.int64).reshape(-1, 2)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(n_regions, n_regions))
    _, component = connected_components(graph, directed=False)
    strong = np.zeros(n_regions, dtype=bool)
    strong[edges.ravel()] = True

    # occurrences per region, clusters per component
    region_doc = np.empty(n_regions, dtype=np.int64)
    region_doc[region] = fdoc_a
    clusters: dict[int, list[Occurrence]] = {}
    for reg, spans in matched.items():
        if not strong[reg]:
            continue
        d = int(region_doc[reg])
        u, doc = all_units[d], docs[d]
        for s, e, covered in _merge(spans, GAP_TOLERANCE):
            if covered < min_words:
                continue
            start, end = int(u.starts[s]), int(u.ends[e - 1])
            while end < len(doc.text) and doc.text[end] in _CLOSERS:
                end += 1
            occ = Occurrence(d, doc.path, start, end, doc.line_col(start)[0], doc.line_col(max(end - 1, start))[0],
                             covered)
            clusters.setdefault(int(component[reg]), []).append(occ)
    out = []
    for occs in clusters.values():
        grp = sorted({group_names[o.doc] for o in occs})
        if len(grp) < 2:
            continue
        occs.sort(key=lambda o: (o.path, o.start))
        best = max(occs, key=lambda o: o.words)
        text = docs[best.doc].text[best.start:best.end]
        if len(text) > max_text:
            text = text[:max_text - 1].rstrip() + "…"
        out.append(Cluster(occs, best.words, text, units=len(grp), groups=grp))
    out.sort(key=lambda c: (-c.units, -c.words, c.occurrences[0].path, c.occurrences[0].start))
    return out


def load_folder(folder: str | os.PathLike) -> tuple[list[Document], list[tuple[str, str]]]:
    """Every readable draft under ``folder`` (found as ``reportcheck check`` finds them)
    and the (path, reason) of those that could not be read."""
    from ..errors import ReadError
    from ..pipeline import collect_files
    from ..readers import load

    docs, failed = [], []
    for path, shown in collect_files([folder]):
        try:
            docs.append(load(path, display_path=shown))
        except ReadError as exc:
            failed.append((shown, exc.message))
        except ImportError:  # no reader for this format in this installation
            failed.append((shown, "chưa đọc được định dạng này"))
    return docs, failed
