"""Normalised word units and hashed shingles: what overlap detection compares.

A *unit* is one syllable of :attr:`Document.folded` (lower case, one tone-mark
convention) or one figure. Every figure (``11,2%``, ``78,5 triệu đồng``,
``2020–2025``, ``15/17``) becomes the same placeholder key, so a figure that
is rounded or restated ("11,2%" → "trên 11%") still lines up with its source.
Punctuation is skipped; scale words ("triệu đồng") stay words. Units carry
their character offsets, the block they sit in, and whether they lie in the
*body* of the report: headings and the header, title and closing layout
sections are not body.

Syllables, not underthesea's words, are used on purpose: the segmenter may
cut the same phrase differently in two contexts, while syllables of the same
text are always the same, and splitting text into them is fast enough for a
folder of thousands of drafts.

Keys are stable 64-bit hashes (blake2b of the folded syllable), so a
:class:`~reportcheck.overlap.formulaic.FormulaicModel` saved by one process
is valid in another.

>>> from reportcheck.readers import read_text
>>> doc = read_text("Tăng trưởng đạt 11,2%/năm, vượt chỉ tiêu.")
>>> u = units(doc)
>>> [doc.text[s:e] for s, e in zip(u.starts, u.ends)]
['Tăng', 'trưởng', 'đạt', '11,2%', 'năm', 'vượt', 'chỉ', 'tiêu']
>>> int(u.keys[3]) == NUMBER_KEY
True

A word that only rounds a figure is left out, so "trên 11%" matches "11,2%":

>>> d = read_text("Tăng trưởng đạt trên 11%/năm.")
>>> u = units(d)
>>> [d.text[s:e] for s, e in zip(u.starts, u.ends)]
['Tăng', 'trưởng', 'đạt', '11%', 'năm']
"""

from __future__ import annotations

import hashlib
import re
import weakref
from dataclasses import dataclass

import numpy as np

from ..document import Block, Document

__all__ = ["Units", "units", "sentence_bounds", "gram_keys", "NUMBER_KEY", "QUALIFIERS", "syllable_key", "is_heading"]

_ODD = np.uint64(0x9E3779B97F4A7C15)  # multiplier of the rolling gram hash


class _KeyTable(dict):
    """Folded syllable → stable key, computed on first sight (bounded cache)."""

    def __missing__(self, s: str) -> int:
        k = int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        if len(self) < 2_000_000:
            self[s] = k
        return k


_TABLE = _KeyTable()
# A unit is a syllable (a run of letters) or a figure: digits with decimal or
# thousands separators, a range ("2020–2025", "10–11"), a date ("14/6/2024"),
# a tally ("15/17"), with its per cent sign.
_NUM = r"\d+(?:[.,/]\d+)*"
_UNIT_SPLIT = re.compile(rf"([^\W\d_]+|{_NUM}(?:\s*[–—-]\s*{_NUM})?(?:\s*%)?)")


def syllable_key(s: str) -> int:
    """Stable 64-bit key of a folded syllable."""
    return _TABLE[s]


#: words that round a figure ("trên", "gần", "khoảng", "xấp xỉ", "trên dưới", "ước")
QUALIFIERS = ("trên", "hơn", "gần", "khoảng", "xấp", "xỉ", "dưới", "chừng", "ngót", "ước", "tới", "hầu")
_QUALIFIER_KEYS = np.asarray([syllable_key(w) for w in QUALIFIERS], dtype=np.uint64)


def is_heading(block: Block) -> bool:
    """A heading line, or a short bold paragraph acting as one in a .docx."""
    if block.kind == "heading":
        return True
    return block.kind == "paragraph" and block.bold and len(block.content.split()) <= 16 \
        and not block.content.rstrip().endswith((".", ";", ","))


@dataclass(slots=True, eq=False)
class Units:
    """The units of one document as parallel arrays (index = unit number)."""

    keys: np.ndarray     # uint64 key per unit
    starts: np.ndarray   # int64 character offset where the unit starts
    ends: np.ndarray     # int64 character offset where it ends
    body: np.ndarray     # bool: the unit lies in body text
    block: np.ndarray    # int32 block index
    is_number: np.ndarray  # bool: the unit is a figure

    def __len__(self) -> int:
        return len(self.keys)


NUMBER_KEY = syllable_key("\x00<số>")

_CACHE: "weakref.WeakKeyDictionary[Document, Units]" = weakref.WeakKeyDictionary()
_SENT_CACHE: "weakref.WeakKeyDictionary[Document, np.ndarray]" = weakref.WeakKeyDictionary()


def _excluded_blocks(doc: Document) -> np.ndarray:
    """Blocks that are not body text: headings, and the header, title and closing.

    The layout parts come from :func:`reportcheck.sections.layout_blocks`
    (the title among the first blocks, the closing formula among the last
    ones; a title continues over lines that are no heading here), without
    the rest of section detection, which a folder of thousands of drafts
    cannot afford.
    """
    out = np.zeros(len(doc.blocks), dtype=bool)
    for b in doc.blocks:
        if is_heading(b):
            out[b.index] = True
    from ..sections import layout_blocks

    title, body_from, closing = layout_blocks(doc, is_subtitle=_subtitle)
    if title is not None:
        out[:body_from] = True
    if closing is not None:
        out[closing:] = True
    return out


def _subtitle(b: Block) -> bool:
    """A line that continues the title here: not a heading, at most 40 words, no trailing colon."""
    return not is_heading(b) and len(b.content.split()) <= 40 and not b.content.rstrip().endswith(":")


def units(doc: Document) -> Units:
    """The units of ``doc`` (computed once per document and cached)."""
    u = _CACHE.get(doc)
    if u is not None:
        return u
    folded = doc.folded
    # split keeps the units at odd indices; offsets come from cumulative lengths
    parts = _UNIT_SPLIT.split(folded)
    lens = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    offs = np.cumsum(lens)
    words = parts[1::2]
    ends = offs[1::2]
    starts = ends - lens[1::2]
    keys = np.fromiter(map(_TABLE.__getitem__, words), dtype=np.uint64, count=len(words))
    is_number = np.fromiter(map(":".__gt__, words), dtype=bool, count=len(words))  # digits sort before ":"
    keys[is_number] = NUMBER_KEY
    # "trên 11%", "gần 32%", "xấp xỉ 6 điểm": the qualifier of a rounded figure
    # goes with the figure, so restating a figure leaves the words around it intact
    qual = np.isin(keys, _QUALIFIER_KEYS)
    drop = np.zeros(len(keys), dtype=bool)
    if len(keys) > 1:
        drop[:-1] = qual[:-1] & is_number[1:]
        drop[:-2] |= qual[:-2] & drop[1:-1]
    if drop.any():
        starts, ends, keys, is_number = starts[~drop], ends[~drop], keys[~drop], is_number[~drop]
    # blocks; drop what lies outside a block's content (typed list markers)
    if doc.blocks:
        b_start = np.fromiter((b.start for b in doc.blocks), dtype=np.int64, count=len(doc.blocks))
        b_content = np.fromiter((b.content_start for b in doc.blocks), dtype=np.int64, count=len(doc.blocks))
        b_end = np.fromiter((b.end for b in doc.blocks), dtype=np.int64, count=len(doc.blocks))
        block = np.searchsorted(b_start, starts, side="right") - 1
        bi = np.maximum(block, 0)
        keep = (block >= 0) & (starts >= b_content[bi]) & (ends <= b_end[bi])
        starts, ends, keys, is_number, block = starts[keep], ends[keep], keys[keep], is_number[keep], block[keep]
        body = ~_excluded_blocks(doc)[block]
    else:
        block = np.zeros(0, dtype=np.int64)
        body = np.zeros(0, dtype=bool)
    u = Units(keys=keys, starts=starts, ends=ends, body=body,
              block=block.astype(np.int32), is_number=is_number)
    _CACHE[doc] = u
    return u


def sentence_bounds(doc: Document) -> np.ndarray:
    """Unit ranges ``[[u0, u1), ...]`` of the document's sentences (int64, shape (n, 2))."""
    sb = _SENT_CACHE.get(doc)
    if sb is not None:
        return sb
    u = units(doc)
    sents = doc.sentences
    if not sents:
        sb = np.zeros((0, 2), dtype=np.int64)
    else:
        s0 = np.fromiter((s.start for s in sents), dtype=np.int64, count=len(sents))
        s1 = np.fromiter((s.end for s in sents), dtype=np.int64, count=len(sents))
        a = np.searchsorted(u.starts, s0, side="left")
        b = np.searchsorted(u.starts, s1, side="left")
        sb = np.stack([a, b], axis=1)
        sb = sb[sb[:, 1] > sb[:, 0]]
    _SENT_CACHE[doc] = sb
    return sb


def gram_keys(keys: np.ndarray, k: int, valid: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Rolling hashes of every ``k``-unit window and whether each window is usable.

    Window ``i`` covers units ``i .. i+k-1``; it is usable when all of them are
    ``valid`` (body text). Returns ``(hashes, ok)``, both of length
    ``max(len(keys) - k + 1, 0)``.
    """
    n = len(keys) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(k):
            h = h * _ODD + keys[t:t + n]
    if valid is None:
        ok = np.ones(n, dtype=bool)
    else:
        bad = np.concatenate([[0], np.cumsum(~valid, dtype=np.int64)])
        ok = (bad[k:k + n] - bad[:n]) == 0
    return h, ok
