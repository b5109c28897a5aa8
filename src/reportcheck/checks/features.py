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
from collections.abc import Iterable, Mapping

from ..document import Block, Document
from ..normalize import fold
from ..rules import RuleSet
from ..sections import _innermost, _is_heading

__all__ = ["Analysis", "BlockMetrics", "phrase_pattern", "METRICS"]


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
# a figure that names a target, or a result's share of one
_TARGET_BEFORE = re.compile(r"(chỉ tiêu|mục tiêu|kế hoạch)( của( [^\s\d(),;]+){1,3}?)?( nghị quyết| đề ra| đặt ra| giao| là)?"
                            r"( đạt| phấn đấu)?( dưới| trên| từ| không quá| ít nhất| tối thiểu)?\s*[(:]?\s*$")
_TARGET_AFTER = re.compile(r"(\s*[^\s\w]?\s*(lượt|người|hộ|tỷ đồng|triệu đồng|%)?(/năm)?)?\s*(so với )?(chỉ tiêu|kế hoạch|mục tiêu)\b")
_DA_CLAUSE = re.compile(r"(?:^|[;:]\s*|\.\s+)(?:đã|đã được|đã tổ chức|tiếp tục)\s+\w", re.I)

_WORD = re.compile(r"\w+")

METRICS = (
    "words", "figures", "figures_per_100w", "semicolon_clauses", "da_clauses", "quantity_items",
    "evaluative", "interpretive", "agents", "impersonal", "sentences", "baseline", "judgement", "words_per_item", "topic_colon", "judgement_per_figure",
    "stat_record",
)


class Analysis:
    """Per-document cache of metrics and scopes."""

    def __init__(self, doc: Document, rules: RuleSet):
        self.doc = doc
        self.rules = rules
        self._metrics: dict[int, BlockMetrics] = {}
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
    def _headings(self) -> list[bool]:
        return [_is_heading(b) for b in self.doc.blocks]

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
        headings = self._headings
        for b in self.body_blocks():
            if not include_headings and headings[b.index]:
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
        """Statistics in ``[start, end)``: number tokens that are not years, ordinals or ages."""
        folded = self.doc.folded
        if not _DIGIT.search(folded, start, end):
            return 0  # no digit, no figure: the passage need not be segmented
        n = 0
        for t in self.doc.tokens_in(start, end):
            if t.kind != "number":
                continue
            s = t.text
            if _YEAR.match(s):
                continue
            before = folded[max(0, t.start - 14):t.start]
            if _ORDINAL_BEFORE.search(before) or _NOT_A_STATISTIC_AFTER.match(folded, t.end, t.end + 6):
                continue
            if _TARGET_BEFORE.search(folded, max(0, t.start - 40), t.start) or _TARGET_AFTER.match(folded, t.end, t.end + 24):
                continue  # "chỉ tiêu 50.000 lượt", "bằng 96% chỉ tiêu": the comparison, not a recited statistic
            n += 1
        return n

    def metrics(self, block: Block) -> "BlockMetrics":
        """The metrics of ``block`` (a read-only mapping, each value computed when first read)."""
        m = self._metrics.get(block.index)
        if m is None:
            m = self._metrics[block.index] = BlockMetrics(self, block)
        return m

    def scope_words(self, scope: list[str]) -> list[tuple[int, int, list[str], list[bool]]]:
        """Per block of the scope: (start, end, folded words, whether each word is lower-case).

        Word offsets are not kept: ``_WORD.finditer(doc.text, start, end)`` gives them
        again for the few blocks a check reports on.
        """
        key = tuple(scope)
        if key not in self._words:
            text, folded = self.doc.text, self.doc.folded
            self._words[key] = [
                (b.content_start, b.end, _WORD.findall(folded, b.content_start, b.end),
                 list(map(str.islower, _WORD.findall(text, b.content_start, b.end))))
                for b in self.in_scope(scope)]
        return self._words[key]

    def words_in(self, blocks: Iterable[Block]) -> int:
        return sum(self.metrics(b)["words"] for b in blocks)


class BlockMetrics(Mapping):
    """The metrics of one block, each computed the first time a rule reads it.

    A rule's conditions are tested in order and stop at the first that fails,
    so most paragraphs never have their phrase lists counted. Iterating (or
    ``dict(m)``) computes every metric, in the order of :data:`_COMPUTE`.

    >>> from reportcheck.readers import read_text
    >>> from reportcheck.rules import load_rules
    >>> doc = read_text("Đã trồng 1.150 cây; đã cấp 684 giấy chứng nhận.")
    >>> m = Analysis(doc, load_rules()).metrics(doc.blocks[0])
    >>> m["figures"], m.get("no-such-metric", 0), len(dict(m)) == len(METRICS)
    (2, 0, True)
    """

    __slots__ = ("analysis", "block", "text", "_values")

    def __init__(self, analysis: Analysis, block: Block):
        self.analysis = analysis
        self.block = block
        self.text = analysis.doc.folded[block.content_start:block.end]
        self._values: dict[str, float | int] = {}

    def __getitem__(self, key: str):
        try:
            return self._values[key]
        except KeyError:
            pass
        value = self._values[key] = _COMPUTE[key](self)  # KeyError for an unknown metric
        return value

    def __iter__(self):
        return iter(_COMPUTE)

    def __len__(self) -> int:
        return len(_COMPUTE)

    def _count(self, lexicon: str) -> int:
        return self.analysis.count(lexicon, self.block.content_start, self.block.end)


def _semicolon_clauses(m: BlockMetrics) -> int:
    if ";" not in m.text:
        return 1
    return sum(1 for c in m.text.split(";") if len(c.split()) >= 2)


def _topic_colon(m: BlockMetrics) -> int:
    lead, colon, _ = m.text.partition(":")
    return int(bool(colon) and 0 < len(lead.split()) <= 8 and not re.search(r"\d", lead))


def _stat_record(m: BlockMetrics) -> int:
    """1 for a statistics record, "Tỷ lệ tốt nghiệp: năm 2021 đạt 98,6%; …": a short label, a colon, figures."""
    lead, colon, rest = m.text.partition(":")
    return int(bool(colon) and 0 < len(lead.split()) <= 10 and "đã" not in lead.split()
               and bool(_DIGIT.search(rest)) and m["figures"] > 0)


_ITEM_SPLIT = re.compile(r"[;,]")
_DIGIT = re.compile(r"\d")

#: how each metric is computed (and the order in which a finding lists them)
_COMPUTE = {
    "words": lambda m: len(m.text.split()),
    "figures": lambda m: m.analysis.figures(m.block.content_start, m.block.end),
    "figures_per_100w": lambda m: 100.0 * m["figures"] / m["words"] if m["words"] else 0.0,
    "semicolon_clauses": _semicolon_clauses,
    "da_clauses": lambda m: len(_DA_CLAUSE.findall(m.text)),
    "quantity_items": lambda m: sum(1 for c in _ITEM_SPLIT.split(m.text) if _DIGIT.search(c)),
    "evaluative": lambda m: m._count("@evaluative"),
    "interpretive": lambda m: m._count("@interpretive"),
    "agents": lambda m: m._count("@agents"),
    "impersonal": lambda m: m._count("@impersonal"),
    "baseline": lambda m: m._count("@baseline"),
    "sentences": lambda m: max(m.analysis.sentences_per_block.get(m.block.index, 0), 1),
    "judgement": lambda m: m["evaluative"] + m["interpretive"],
    "judgement_per_figure": lambda m: (m["judgement"] + m["baseline"]) / m["figures"] if m["figures"] else 0.0,
    "topic_colon": _topic_colon,
    "words_per_item": lambda m: m["words"] / max(m["quantity_items"], 1),
    "stat_record": _stat_record,
}
assert set(_COMPUTE) == set(METRICS)
