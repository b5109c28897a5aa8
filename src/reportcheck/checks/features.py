"""Measured features of paragraphs and parts, shared by every check kind.

Rules name metrics (``figures``, ``figures_per_100w``, ``da_clauses`` …);
this module computes them once per block and caches them on an
:class:`Analysis` of the document. Phrase lists come from the rule set's
lexicons (``rules/lexicons.yml``), so offices tune words, not code.

>>> from reportcheck.readers import read_text
>>> from reportcheck.rules import load_rules
>>> doc = read_text("Đã xây 3 cầu; đã làm 12 km đường; đã trồng 1.150 cây; đã cấp 684 giấy chứng nhận.")
>>> a = Analysis(doc, load_rules())
>>> m = a.metrics(doc.blocks[0])
>>> m["figures"], m["da_clauses"], m["semicolon_clauses"]
(4, 4, 4)
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Iterable

from ..document import Block, Document
from ..normalize import fold
from ..rules import RuleSet
from ..sections import _innermost, _is_heading

__all__ = ["Analysis", "phrase_pattern", "METRICS"]


@lru_cache(maxsize=512)
def _compile(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not folded:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in folded)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """A regex matching any phrase on folded text (tone marks and case unified)."""
    return _compile(tuple(phrases))


_YEAR = re.compile(r"^(19|20)\d\d$|^(19|20)\d\d\s*[–—-]\s*(19|20)\d\d$|^\d{1,2}/\d{1,2}/\d{4}$")
_ORDINAL_BEFORE = re.compile(r"(lần thứ|khóa|khoá|nhiệm kỳ|năm|giai đoạn|ngày|tháng|số|điều|khoản|chương|đề án|mức|"
                             r"tổ dân phố|tổ|khu phố|thôn|xóm|quý|nghị quyết|chỉ thị|kết luận|quyết định)\s*$")
_NOT_A_STATISTIC_AFTER = re.compile(r"\s*(tuổi|giờ|h\b)")
_DA_CLAUSE = re.compile(r"(?:^|[;:]\s*|\.\s+)(?:đã|đã được|đã tổ chức|tiếp tục)\s+\w", re.I)

_WORD = re.compile(r"\w+")

METRICS = (
    "words", "figures", "figures_per_100w", "semicolon_clauses", "da_clauses", "quantity_items",
    "evaluative", "interpretive", "agents", "impersonal", "sentences", "baseline", "judgement", "words_per_item", "topic_colon", "judgement_per_figure",
)


class Analysis:
    """Per-document cache of metrics and scopes."""

    def __init__(self, doc: Document, rules: RuleSet):
        self.doc = doc
        self.rules = rules
        self._metrics: dict[int, dict] = {}
        self._scope_cache: dict[tuple[str, ...], list[Block]] = {}
        self._words: dict[tuple[str, ...], list] = {}
        self._patterns: dict = {}

    # -- scope ------------------------------------------------------------
    @cached_property
    def inner(self) -> list:
        """The innermost section of every block (computed once)."""
        sections = self.doc.sections
        return [_innermost(sections, b.start) for b in self.doc.blocks]

    @cached_property
    def sentences_per_block(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for s in self.doc.sentences:
            counts[s.block] = counts.get(s.block, 0) + 1
        return counts

    @cached_property
    def _body(self) -> list[Block]:
        return [b for b, s in zip(self.doc.blocks, self.inner)
                if not (s is not None and s.role in ("header", "title", "closing"))]

    def body_blocks(self) -> list[Block]:
        return self._body

    def in_scope(self, scope: list[str], *, include_headings: bool = False) -> list[Block]:
        key = tuple(scope) + (("+h",) if include_headings else ())
        if key in self._scope_cache:
            return self._scope_cache[key]
        wanted = set(scope)
        out = []
        for b in self.body_blocks():
            if not include_headings and _is_heading(b):
                continue
            if "document" in wanted or "body" in wanted:
                out.append(b)
                continue
            inner = self.inner[b.index]
            if inner is not None and (inner.role in wanted or inner.family in wanted):
                out.append(b)
        self._scope_cache[key] = out
        return out

    def has_part(self, roles: Iterable[str]) -> bool:
        wanted = set(roles)
        return any(s.role in wanted or s.family in wanted for s in self.doc.sections)

    # -- phrases ------------------------------------------------------------
    def pattern(self, lexicon: str | list[str]) -> re.Pattern[str] | None:
        key = lexicon if isinstance(lexicon, str) else tuple(lexicon)
        if key not in self._patterns:
            self._patterns[key] = phrase_pattern(self.rules.lexicon(lexicon))
        return self._patterns[key]

    def count(self, lexicon: str | list[str], start: int, end: int) -> int:
        pat = self.pattern(lexicon)
        return len(pat.findall(self.doc.folded, start, end)) if pat else 0

    def find(self, lexicon: str | list[str], start: int, end: int) -> list[re.Match[str]]:
        pat = self.pattern(lexicon)
        return list(pat.finditer(self.doc.folded, start, end)) if pat else []

    # -- metrics --------------------------------------------------------------
    def figures(self, start: int, end: int) -> int:
        n = 0
        folded = self.doc.folded
        for t in self.doc.tokens_in(start, end):
            if t.kind != "number":
                continue
            s = t.text
            if _YEAR.match(s):
                continue
            before = folded[max(0, t.start - 14):t.start]
            if _ORDINAL_BEFORE.search(before) or _NOT_A_STATISTIC_AFTER.match(folded, t.end, t.end + 6):
                continue
            n += 1
        return n

    def metrics(self, block: Block) -> dict:
        m = self._metrics.get(block.index)
        if m is not None:
            return m
        doc = self.doc
        s, e = block.content_start, block.end
        text = doc.folded[s:e]
        words = len(text.split())
        figures = self.figures(s, e)
        clauses = [c for c in re.split(r";", text) if len(c.split()) >= 2]
        items = [c for c in re.split(r"[;,]", text) if re.search(r"\d", c)]
        sentences = self.sentences_per_block.get(block.index, 0)
        m = {
            "words": words,
            "figures": figures,
            "figures_per_100w": 100.0 * figures / words if words else 0.0,
            "semicolon_clauses": len(clauses) if ";" in text else 1,
            "da_clauses": len(_DA_CLAUSE.findall(text)),
            "quantity_items": len(items),
            "evaluative": self.count("@evaluative", s, e),
            "interpretive": self.count("@interpretive", s, e),
            "agents": self.count("@agents", s, e),
            "impersonal": self.count("@impersonal", s, e),
            "baseline": self.count("@baseline", s, e),
            "sentences": max(sentences, 1),
        }
        m["judgement"] = m["evaluative"] + m["interpretive"]
        m["judgement_per_figure"] = (m["judgement"] + m["baseline"]) / figures if figures else 0.0
        lead, colon, _ = text.partition(":")
        m["topic_colon"] = int(bool(colon) and 0 < len(lead.split()) <= 8 and not re.search(r"\d", lead))
        m["words_per_item"] = words / max(m["quantity_items"], 1)
        self._metrics[block.index] = m
        return m

    def scope_words(self, scope: list[str]) -> list[list[tuple[str, bool, int, int]]]:
        """Per block of the scope: (folded word, is lower-case, start, end) for each word."""
        key = tuple(scope)
        if key not in self._words:
            text, folded = self.doc.text, self.doc.folded
            self._words[key] = [
                [(folded[m.start():m.end()], m.group(0).islower(), m.start(), m.end())
                 for m in _WORD.finditer(text, b.content_start, b.end)]
                for b in self.in_scope(scope)]
        return self._words[key]

    def words_in(self, blocks: Iterable[Block]) -> int:
        return sum(self.metrics(b)["words"] for b in blocks)
