"""Vietnamese NLP layer: sentences and tokens as offsets into ``Document.text``.

Word segmentation is underthesea's; on top of it this module

* keeps domain terms whole (``cấp ủy``, ``ban thường vụ``, ``tự phê bình và
  phê bình``, ``khâu đột phá`` …, see ``data/lexicon.txt``);
* keeps document codes (``35-CT/TW``, ``26-HD/BTCTW``) as one ``code`` token;
* marks figures as ``number`` tokens: ``1.273``, ``99,5%``, ``2020–2025``,
  ``30/5/2019``, ``15/17``, ``12,5 tỷ đồng``;
* splits sentences itself, inside each block, so a heading or list item is
  never merged into the next block.

underthesea is imported lazily, once, and its logging set-up (it adds a
handler to the root logger on import) is undone so that nothing leaks into
the caller's program.

>>> from reportcheck.readers import read_text
>>> doc = read_text("Ban Thường vụ đã ban hành 12 nghị quyết, đạt 99,5% kế hoạch theo Chỉ thị 35-CT/TW.")
>>> [(t.text, t.kind) for t in doc.tokens if t.kind != "punct"][:4]
[('Ban Thường vụ', 'term'), ('đã', 'word'), ('ban hành', 'word'), ('12', 'number')]
>>> [t.text for t in doc.tokens if t.kind in ("number", "code")]
['12', '99,5%', '35-CT/TW']
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Callable

from .document import Block, Document, Sentence, Token
from .normalize import fold

__all__ = ["word_segmenter", "tokenize", "tokenize_block", "split_sentences", "lexicon", "NUMBER_RE", "CODE_RE"]

_lock = threading.Lock()


@lru_cache(maxsize=1)
def word_segmenter() -> Callable[[str], list[str]]:
    """underthesea's ``word_tokenize``, imported without side effects on logging."""
    with _lock:
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        try:
            from underthesea import word_tokenize

            _preload_model()
        finally:
            for h in list(root.handlers):
                if h not in handlers:
                    root.removeHandler(h)
            root.setLevel(level)
    return word_tokenize


def _preload_model() -> bool:
    """Load underthesea's segmentation model with the C unpickler; True when done here.

    underthesea loads the model on the first ``word_tokenize`` call through
    joblib, whose pure-Python unpickler spends ~0.2 s on the 72,000-word
    dictionary: a fifth of a one-draft CLI run. The files are plain pickles,
    so the standard unpickler reads the same objects in ~0.03 s; the model is
    then handed to underthesea through the module attribute it checks before
    loading. Anything unexpected (another underthesea layout) leaves the
    loading to underthesea. ``tests/test_document.py`` checks that the words
    are the same.
    """
    try:
        import pickle
        from pathlib import Path

        import underthesea.pipeline.word_tokenize as wt
        from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
        from underthesea_core import CRFFeaturizer, CRFTagger

        if wt.word_tokenize_model is not None:
            return False
        model = FastCRFSequenceTagger()
        base = Path(wt.__file__).parent / "models" / _UNDERTHESEA_WS_MODEL
        with open(base / model.path_features, "rb") as fh:
            features = pickle.load(fh)
        with open(base / model.path_dictionary, "rb") as fh:
            dictionary = pickle.load(fh)
        tagger = CRFTagger()
        tagger.load(str(base / model.path_model))
        model.featurizer, model.estimator = CRFFeaturizer(features, dictionary), tagger
        wt.word_tokenize_model = model
        return True
    except Exception:
        return False


#: the model directory underthesea 9's ``word_tokenize`` loads
_UNDERTHESEA_WS_MODEL = "ws_crf_vlsp2013_20230727"


# -- patterns -------------------------------------------------------------
_SCALE = r"(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)(?:\s+(?:đồng|USD|usd))?|\s+(?:đồng|USD|usd)\b)?"
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
NUMBER_RE = re.compile(
    rf"(?<![\w/])(?:"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{4}}"                 # dates 30/5/2019
    rf"|\d{{4}}\s*[–—-]\s*\d{{4}}"                  # ranges of years 2020–2025
    rf"|(?:{_NUM})\s*[–—-]\s*(?:{_NUM})\s*%"        # 10–11%
    rf"|\d+/\d+"                                    # fractions / tallies 15/17
    rf"|(?:{_NUM})\s*%"                             # 99,5%
    rf"|(?:{_NUM}){_SCALE}"                         # 1.273, 12,5 tỷ đồng
    rf")(?![\w])"
)
CODE_RE = re.compile(r"(?<![\w-])\d+[a-z]?-[A-ZĐ]{1,6}(?:/[A-ZĐ0-9-]{1,12})+(?![\w/])")
_PUNCT = re.compile(r"^[^\w]+$")


@lru_cache(maxsize=1)
def lexicon() -> re.Pattern[str]:
    """Compiled pattern of the domain terms (folded), longest first."""
    raw = resources.files("reportcheck").joinpath("data/lexicon.txt").read_text(encoding="utf-8")
    terms = {fold(line.strip()) for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _align(text: str, base: int, pieces: list[str]) -> list[tuple[int, int]] | None:
    """Offsets of underthesea's tokens in ``text`` (syllables may be re-spaced)."""
    spans: list[tuple[int, int]] = []
    cur = 0
    for piece in pieces:
        syllables = piece.split()
        if not syllables:
            continue
        first = last = -1
        for s in syllables:
            j = text.find(s, cur)
            if j < 0 or j - cur > 8 and text[cur:j].strip():
                return None
            if first < 0:
                first = j
            cur = last = j + len(s)
        spans.append((base + first, base + last))
    return spans


_FALLBACK = re.compile(r"\w+|[^\w\s]", re.U)


def _protected(chunk: str, folded: str, base: int) -> list[tuple[int, int, str]]:
    out = [(base + m.start(), base + m.end(), "code") for m in CODE_RE.finditer(chunk)]
    taken = [(s, e) for s, e, _ in out]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in NUMBER_RE.finditer(folded):
        s, e = base + m.start(), base + m.end()
        if free(s, e):
            out.append((s, e, "number"))
            taken.append((s, e))
    for m in lexicon().finditer(folded):
        s, e = base + m.start(), base + m.end()
        if free(s, e):
            out.append((s, e, "term"))
    out.sort()
    return out


def _merge(spans: list[tuple[int, int]], protected: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Merge tokens covered by a protected span into one token of that kind."""
    result: list[tuple[int, int, str | None]] = []
    i, n = 0, len(spans)
    for ps, pe, kind in protected:
        while i < n and spans[i][1] <= ps:
            result.append((spans[i][0], spans[i][1], None))
            i += 1
        if i < n and spans[i][0] < ps:  # a token straddles the start: keep it, do not merge
            continue
        j = i
        while j < n and spans[j][0] < pe:
            j += 1
        if j > i and spans[j - 1][1] >= pe:
            end = spans[j - 1][1]
            if end == pe or kind != "term":
                result.append((spans[i][0], max(end, pe), kind))
                i = j
    result.extend((s, e, None) for s, e in spans[i:])
    return result


def tokenize(doc: Document) -> list[Token]:
    """All tokens of ``doc``, block by block, with offsets and kinds (same as ``doc.tokens``)."""
    return [t for b in doc.blocks for t in tokenize_block(doc, b)]


def tokenize_block(doc: Document, block: Block) -> list[Token]:
    """Tokens of one block: underthesea's words, with terms, codes and figures kept whole."""
    text = doc.text
    base = block.content_start
    chunk = text[base:block.end]
    if not chunk.strip():
        return []
    try:
        pieces = word_segmenter()(chunk)
    except Exception:  # underthesea failing on odd input must not stop a batch
        pieces = None
    spans = _align(chunk, base, pieces) if pieces is not None else None
    if spans is None:
        spans = [(base + m.start(), base + m.end()) for m in _FALLBACK.finditer(chunk)]
    folded = doc.folded
    tokens: list[Token] = []
    for s, e, kind in _merge(spans, _protected(chunk, folded[base:block.end], base)):
        if kind is None:
            piece = text[s:e]
            kind = "punct" if _PUNCT.match(piece) else ("number" if piece[0].isdigit() and NUMBER_RE.fullmatch(folded[s:e]) else "word")
        tokens.append(Token(doc, s, e, kind, block.index))
    return tokens


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {"tp", "ts", "ths", "pgs", "gs", "bs", "ks", "tr", "v.v", "vv", "tt", "q", "p", "st", "đ/c", "đc", "cn", "ubnd", "hđnd"}
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")


def split_sentences(doc: Document) -> list[Sentence]:
    """Sentences of every block; a block is never merged with the next one.

    >>> from reportcheck.readers import read_text
    >>> d = read_text("Kết quả tốt. TP. Hồ Chí Minh có 1.273 đảng viên!\\nHạn chế")
    >>> [s.text for s in d.sentences]
    ['Kết quả tốt.', 'TP. Hồ Chí Minh có 1.273 đảng viên!', 'Hạn chế']
    """
    out: list[Sentence] = []
    text = doc.text
    for block in doc.blocks:
        start = block.content_start
        chunk = text[start:block.end]
        cur = 0
        for m in _BOUNDARY.finditer(chunk):
            before = chunk[cur:m.start()]
            word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            if before.strip():
                out.append(Sentence(doc, start + cur, start + m.start(), block.index))
            cur = m.end()
        if chunk[cur:].strip():
            end = len(chunk.rstrip())
            out.append(Sentence(doc, start + cur, start + end, block.index))
    return out
