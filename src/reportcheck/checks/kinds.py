"""Check kinds: one function per ``check.kind`` a rule can declare.

Each function takes ``(rule, ctx)`` and returns a list of
:class:`~reportcheck.findings.Finding`. ``ctx.params`` holds the rule's
check parameters merged with the user's thresholds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from ..config import Config
from ..document import Block, Document
from ..findings import Finding
from ..rules import Rule, RuleSet
from ..sections import _innermost, _is_heading
from .features import Analysis, phrase_pattern

__all__ = ["Context", "KINDS", "register"]


@dataclass
class Context:
    doc: Document
    rules: RuleSet
    config: Config
    level: str | None
    analysis: Analysis
    params: dict


KINDS: dict[str, Callable[[Rule, Context], list[Finding]]] = {}


def register(name: str):
    def deco(fn):
        KINDS[name] = fn
        return fn
    return deco


class _Values(dict):
    def __missing__(self, key):  # a template naming an unmeasured value shows it blank
        return "?"


def _finding(rule: Rule, ctx: Context, start: int, end: int, values: dict | None = None,
             score: float | None = None) -> Finding:
    vals = _Values(values or {})
    for k, v in list(vals.items()):
        if isinstance(v, float):
            vals[k] = f"{v:.1f}".replace(".", ",") if v % 1 else str(int(v))
    message = rule.message.format_map(vals)
    suggestion = rule.suggestion.format_map(vals) if rule.suggestion else None
    return Finding(rule=rule.id, category=rule.category, severity=rule.severity, message=message,
                   start=start, end=end, suggestion=suggestion, source="rule", score=score,
                   values=dict(values or {}), basis=rule.basis)


def _cond_ok(value: float, cond: dict) -> bool:
    if "min" in cond and value < cond["min"]:
        return False
    if "max" in cond and value > cond["max"]:
        return False
    return True


def _section_anchor(ctx: Context, roles: list[str]) -> tuple[int, int]:
    """Start/end of the heading of the first section with one of ``roles`` (or line 1)."""
    for s in ctx.doc.sections:
        if s.role in roles or s.family in roles:
            b = ctx.doc.blocks[s.heading] if s.heading is not None else ctx.doc.block_at(s.start)
            return b.start, b.end
    b = ctx.doc.blocks[0]
    for s in ctx.doc.sections:
        if s.role == "title" and s.heading is not None:
            b = ctx.doc.blocks[s.heading]
    return b.start, b.end


# -- phrase ----------------------------------------------------------------------
@register("phrase")
def check_phrase(rule: Rule, ctx: Context) -> list[Finding]:
    """Phrases on normalised text, per paragraph, with exceptions.

    Params: ``phrases``; ``exceptions`` (a unit containing one is skipped);
    ``min_count`` per paragraph (default 1); ``expect_at_least`` turns the
    rule into an absence check over the whole scope; ``max_per_1000w``
    fires when the scope's density is above it.
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    blocks = a.in_scope(rule.scope)
    phrases = p["phrases"]
    if "expect_at_least" in p:
        total = sum(a.count(phrases, b.content_start, b.end) for b in blocks)
        if not blocks and p.get("skip_if_absent", True):
            return []
        if total < p["expect_at_least"]:
            s, e = _section_anchor(ctx, rule.scope)
            return [_finding(rule, ctx, s, e, {"count": total, "expected": p["expect_at_least"]})]
        return []
    if "max_per_1000w" in p:
        words = a.words_in(blocks)
        hits = [(b, m) for b in blocks for m in a.find(phrases, b.content_start, b.end)]
        if words >= p.get("min_words", 300) and len(hits) * 1000.0 / max(words, 1) > p["max_per_1000w"] \
                and len(hits) >= p.get("min_hits", 3):
            b = hits[0][0]
            examples = ", ".join(sorted({doc.text[m.start():m.end()] for _, m in hits})[:4])
            return [_finding(rule, ctx, b.content_start, b.end,
                             {"count": len(hits), "words": words, "examples": examples,
                              "density": len(hits) * 1000.0 / words})]
        return []
    out = []
    exc = p.get("exceptions")
    for b in blocks:
        ms = a.find(phrases, b.content_start, b.end)
        if len(ms) < p.get("min_count", 1):
            continue
        if exc and a.count(exc, b.content_start, b.end):
            continue
        out.append(_finding(rule, ctx, b.content_start, b.end,
                            {"count": len(ms), "phrase": doc.text[ms[0].start():ms[0].end()]}))
    return out


# -- metric ------------------------------------------------------------------------
def _list_runs(blocks: list[Block], doc: Document) -> list[tuple[Block | None, list[Block]]]:
    """Runs of consecutive list items, each with the lead-in paragraph before it."""
    runs: list[tuple[Block | None, list[Block]]] = []
    allowed = {b.index for b in blocks}
    cur: list[Block] = []
    for b in doc.blocks:
        if b.kind == "list_item" and b.index in allowed:
            cur.append(b)
            continue
        if cur:
            runs.append(cur)  # type: ignore[arg-type]
            cur = []
    if cur:
        runs.append(cur)  # type: ignore[arg-type]
    out = []
    for run in runs:
        first = run[0]  # type: ignore[index]
        prev = doc.blocks[first.index - 1] if first.index > 0 else None
        lead = prev if prev is not None and prev.kind == "paragraph" and prev.content.rstrip().endswith(":") else None
        out.append((lead, run))
    return out


@register("metric")
def check_metric(rule: Rule, ctx: Context) -> list[Finding]:
    """Thresholds on measured values per paragraph or per list run.

    Params: ``unit`` (paragraph | list-run), ``when`` (all must hold) and
    ``unless`` (any holding cancels): lists of ``{metric, min, max}``;
    ``skip_roles`` leaves out paragraphs of those parts (per paragraph only).
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    blocks = a.in_scope(rule.scope)
    when, unless = p.get("when", []), p.get("unless", [])
    units: list[tuple[int, int, dict]] = []
    if p.get("unit", "paragraph") == "list-run":
        for lead, run in _list_runs(blocks, doc):
            ms = [a.metrics(b) for b in run]
            m: dict = {"items": len(run)}
            for key in ("words", "figures", "evaluative", "interpretive", "da_clauses"):
                m[key] = sum(x[key] for x in ms)
            m["items_with_figures"] = sum(1 for x in ms if x["figures"])
            m["stat_record_share"] = sum(x["stat_record"] for x in ms) / len(run)
            # items that say what came of the work ("nhờ đó …", "giảm từ 9,8% xuống còn 6,1%")
            m["judged_share"] = sum(1 for x in ms if x["judgement"] + x["baseline"]) / len(run)
            if lead is not None:
                lm = a.metrics(lead)
                m["evaluative"] += lm["evaluative"]
            m["lead_in"] = 1 if lead is not None else 0
            m["figures_per_100w"] = 100.0 * m["figures"] / max(m["words"], 1)
            m["judgement_per_figure"] = (m["evaluative"] + m["interpretive"]) / m["figures"] if m["figures"] else 0.0
            start = (lead if lead is not None and p.get("include_lead", True) else run[0]).content_start
            units.append((start, run[-1].end, m))
    elif p.get("unit") == "table":
        tables: dict = defaultdict(list)
        for b in a.body_blocks():
            if b.kind == "table_cell" and b.table is not None:
                tables[str(b.table[0]).split(".")[0]].append(b)
        for cells in tables.values():
            ms = [a.metrics(b) for b in cells]
            m = {"cells": len(cells), "figures": sum(x["figures"] for x in ms), "words": sum(x["words"] for x in ms)}
            units.append((cells[0].content_start, cells[-1].end, m))
    else:
        skip_roles = set(p.get("skip_roles", []))
        for b in blocks:
            if b.kind == "table_cell":
                continue
            if b.kind == "list_item" and p.get("skip_list_items", True):
                continue
            if skip_roles and (inner := a.inner[b.index]) is not None and inner.role in skip_roles:
                continue
            units.append((b.content_start, b.end, a.metrics(b)))
    out = []
    for start, end, m in units:
        if all(_cond_ok(m.get(c["metric"], 0), c) for c in when) and not any(
                _cond_ok(m.get(c["metric"], 0), c) for c in unless):
            out.append(_finding(rule, ctx, start, end, m))
    return out


# -- required parts -----------------------------------------------------------------
@register("required-parts")
def check_required_parts(rule: Rule, ctx: Context) -> list[Finding]:
    """Each ``parts`` entry ``{name, roles}`` must be present as a section."""
    a = ctx.analysis
    found_roles = {s.role for s in ctx.doc.sections} | {s.family for s in ctx.doc.sections}
    known = found_roles - {"header", "title", "context", "closing", "other"}
    if len(known) < ctx.params.get("min_parts_detected", 2):
        return []  # not a report we can read as parts; other rules speak
    out = []
    parts = ctx.params["parts"]
    sections = ctx.doc.sections
    # a container heading ("Phương hướng, mục tiêu, nhiệm vụ và giải pháp") with no
    # sub-parts of its own stands for every part its title names
    bare_containers = {s.role for s in sections
                       if not any(o is not s and s.start <= o.start and o.end <= s.end and o.role in _PLAN_PARTS
                                  for o in sections)}
    for i, part in enumerate(parts):
        if found_roles & set(part["roles"]):
            continue
        if bare_containers & set(part.get("or_container", [])):
            continue
        # anchor: the heading of the next part that is present, else the last heading
        anchor = None
        for nxt in parts[i + 1:]:
            for s in ctx.doc.sections:
                if (s.role in nxt["roles"] or s.family in nxt["roles"]) and s.heading is not None:
                    anchor = ctx.doc.blocks[s.heading]
                    break
            if anchor:
                break
        if anchor is None:
            body = a.body_blocks()
            anchor = body[-1] if body else ctx.doc.blocks[-1]
        out.append(_finding(rule, ctx, anchor.start, anchor.end, {"part": part["name"]}))
    return out


_PLAN_PARTS = {"directions", "targets", "tasks", "breakthroughs"}


# -- ratio between parts -----------------------------------------------------------
@register("ratio")
def check_ratio(rule: Rule, ctx: Context) -> list[Finding]:
    """Words of ``numerator`` roles over words of ``denominator`` roles.

    Fires when the ratio is below ``min`` (and the denominator has at least
    ``min_denominator_words``), or when the numerator part has at most
    ``max_paragraphs`` paragraphs while the denominator is long.
    """
    p, a = ctx.params, ctx.analysis
    num_blocks = a.in_scope(p["numerator"])
    den_blocks = a.in_scope(p["denominator"])
    num, den = a.words_in(num_blocks), a.words_in(den_blocks)
    if den < p.get("min_denominator_words", 400):
        return []
    ratio = num / den if den else 0.0
    few = "max_paragraphs" in p and len(num_blocks) <= p["max_paragraphs"]
    if ratio < p.get("min", 0.0) or few:
        s, e = _section_anchor(ctx, p["numerator"]) if num_blocks else _section_anchor(ctx, p["denominator"])
        if num_blocks:
            s, e = num_blocks[0].content_start, num_blocks[-1].end
        return [_finding(rule, ctx, s, e, {"numerator_words": num, "denominator_words": den,
                                            "ratio": 100.0 * ratio, "paragraphs": len(num_blocks)})]
    return []


# -- agents near shortcomings ----------------------------------------------------------
@register("agents")
def check_agents(rule: Rule, ctx: Context) -> list[Finding]:
    """Shortcomings stated impersonally, with no responsible collective or person.

    ``mode: paragraph`` fires on a paragraph with at least ``min_markers``
    impersonal markers and no agent (unless, with ``attribution``, some
    paragraph of the part assigns responsibility to a named agent); ``mode: scope`` fires on the scope when
    it names none of ``agents`` at all (e.g. a responsibility section that
    names no individual).
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    blocks = a.in_scope(rule.scope)
    if not blocks:
        return []
    agents = p["agents"]
    if p.get("mode", "paragraph") == "scope":
        n = sum(a.count(agents, b.content_start, b.end) for b in blocks)
        if n >= p.get("min_agents", 1):
            return []
        defer = p.get("markers")
        flagged = [b for b in blocks if not defer or a.count(defer, b.content_start, b.end)] or blocks
        return [_finding(rule, ctx, b.content_start, b.end, {"agents": n}) for b in flagged]
    if "attribution" in p and any(a.count(p["attribution"], b.content_start, b.end) and
                                  a.count(agents, b.content_start, b.end) for b in blocks):
        return []  # a paragraph of the part says who answers for its shortcomings
    out = []
    min_markers = p.get("min_markers", 1)
    if "impersonal_part_share" in p:
        # a part where almost no paragraph names an owner is impersonal as a whole
        owned = sum(1 for b in blocks if a.count(agents, b.content_start, b.end))
        if owned / len(blocks) <= p["impersonal_part_share"]:
            min_markers = p.get("min_markers_in_impersonal_part", 0)
    for b in blocks:
        markers = a.find(p["markers"], b.content_start, b.end)
        if len(markers) < min_markers:
            continue
        if a.count(agents, b.content_start, b.end) >= p.get("min_agents", 1):
            continue
        shown = ", ".join(dict.fromkeys(doc.text[m.start():m.end()] for m in markers)) or "không nêu chủ thể"
        out.append(_finding(rule, ctx, b.content_start, b.end, {"markers": shown, "count": len(markers)}))
    return out


# -- causes: split and order ---------------------------------------------------------
@register("cause-order")
def check_cause_order(rule: Rule, ctx: Context) -> list[Finding]:
    """Causes of limitations: present, split subjective/objective, subjective first.

    Without explicit "chủ quan"/"khách quan" parts, the cause paragraphs are
    weighed by ``subjective`` and ``objective`` phrase lists: the rule fires
    when objective causes come first and dominate (share ≥ ``max_objective_share``).
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    secs = [s for s in doc.sections if s.family == "causes" and s.role != "cause-success"]
    if not a.in_scope(["limitations"]) and not secs:
        return []  # no limitations part (structure speaks) and no causes to weigh
    cause_blocks = [b for b in a.in_scope(["causes"])
                    if (inner := _innermost(doc.sections, b.start)) is not None and inner.role != "cause-success"]
    if secs and not cause_blocks:  # causes that begin inside a limitations paragraph
        cause_blocks = [b for s in secs for b in doc.blocks_in(s.start, s.end) if not _is_heading(b)]
    if not secs or not cause_blocks:
        s, e = _section_anchor(ctx, ["limitations"])
        return [_finding(rule, ctx, s, e, {"problem": "chưa có phần phân tích nguyên nhân của hạn chế"})]
    subj = [s for s in secs if s.role == "cause-subjective"]
    obj = [s for s in secs if s.role == "cause-objective"]
    if not (subj or obj):
        # "trước hết là do chủ quan: …; về khách quan, …" inside one paragraph is an explicit split
        text = " ".join(doc.folded[max(s.start, cause_blocks[0].content_start):s.end] for s in secs)
        i, j = text.find("chủ quan"), text.find("khách quan")
        if i >= 0 and (j < 0 or i < j):
            return []
        if j >= 0:
            problem = ("nguyên nhân khách quan được nêu trước nguyên nhân chủ quan" if i >= 0 else
                       "chỉ nêu nguyên nhân khách quan, chưa phân tích nguyên nhân chủ quan")
            return [_finding(rule, ctx, cause_blocks[0].content_start, cause_blocks[-1].end, {"problem": problem})]
    first = cause_blocks[0]
    if subj and obj:
        if obj[0].start < subj[0].start:
            return [_finding(rule, ctx, obj[0].start, obj[0].end,
                             {"problem": "nguyên nhân khách quan được nêu trước nguyên nhân chủ quan"})]
        return []
    # no explicit split: weigh the paragraphs
    s_found = [m.start() for b in cause_blocks for m in a.find(p["subjective"], b.content_start, b.end)]
    o_found = [m.start() for b in cause_blocks for m in a.find(p["objective"], b.content_start, b.end)]
    s_tot, o_tot = len(s_found), len(o_found)
    share = o_tot / (s_tot + o_tot) if s_tot + o_tot else 0.0
    # which kind of cause the text names first, even inside one paragraph
    first_obj = bool(o_found) and (not s_found or min(o_found) < min(s_found))
    if subj or obj:
        return []  # one side announced explicitly; the split exists in part
    if share >= p.get("max_objective_share", 0.6) or (first_obj and share >= p.get("first_objective_share", 0.45)):
        return [_finding(rule, ctx, first.content_start, cause_blocks[-1].end,
                         {"problem": "nguyên nhân khách quan được nêu trước và chiếm phần lớn, chưa tách rõ chủ quan, khách quan",
                          "share": 100.0 * share})]
    return []


# -- repetition inside the document -----------------------------------------------------
_WORD = re.compile(r"\w+")


@register("repetition")
def check_repetition(rule: Rule, ctx: Context) -> list[Finding]:
    """A phrase repeated in many paragraphs.

    ``tiers`` lists ``{n, min_times, require}``: a phrase of ``n`` words in at
    least ``min_times`` paragraphs (containing a ``require`` phrase, if set).
    Short slogans need a rhetorical word and many repeats; a whole sentence
    repeated three times needs neither. ``require_except`` names technical
    terms whose rhetorical-looking word does not count ("giáo dục toàn diện"). Without ``require`` only lower-case
    phrases count (names of the unit and places repeat by necessity); with it,
    a capitalised slogan ("Đoàn kết – Dân chủ – Kỷ cương") counts too.
    """
    tiers = ctx.params.get("tiers") or [{"n": ctx.params.get("n", 5), "min_times": ctx.params.get("min_times", 4),
                                           "require": ctx.params.get("require")}]
    for tier in tiers:  # first tier that finds something speaks
        out = _repeated(rule, ctx, tier["n"], tier.get("min_times", 4), tier.get("require"))
        if out:
            return out
    return []


def _ngrams(keys: list[str], n: int):
    """The n-grams of ``keys`` as tuples (built by zip, in C)."""
    return zip(*(keys[k:] for k in range(n)))


def _lower_runs(keys: list[str], lower: list[bool]) -> list[list[str]]:
    """Maximal runs of lower-case words: an all-lower-case n-gram lies inside one."""
    runs, cur = [], []
    for k, low in zip(keys, lower):
        if low:
            cur.append(k)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _repeated(rule: Rule, ctx: Context, n: int, min_times: int, require_lexicon) -> list[Finding]:
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    stop = set(ctx.rules.lexicon(p.get("ignore", []))) if p.get("ignore") else set()
    require = phrase_pattern(ctx.rules.lexicon(require_lexicon)) if require_lexicon else None
    blocks = a.scope_words(rule.scope)
    # count first (distinct paragraphs per n-gram), then find the occurrences of the
    # few n-grams that repeat often enough. Without ``require`` only lower-case
    # phrases count: names of the unit and places repeat by necessity.
    paragraphs: Counter[tuple[str, ...]] = Counter()
    for _, _, keys, lower in blocks:
        if len(keys) < n:
            continue
        if require is None:
            grams = {g for run in _lower_runs(keys, lower) if len(run) >= n for g in _ngrams(run, n)}
        else:
            grams = set(_ngrams(keys, n))
        paragraphs.update(grams)
    frequent = {k for k, c in paragraphs.items() if c >= min_times}
    if stop or require is not None:
        frequent = {k for k in frequent
                    if " ".join(k) not in stop and (require is None or require.search(" ".join(k)))}
    if not frequent:
        return []
    # a rhetorical word inside a technical term ("giáo dục toàn diện", "Mặt trận Tổ
    # quốc") does not make a phrase rhetorical: those words are masked out
    technical = ctx.analysis.pattern(p["require_except"]) if require is not None and p.get("require_except") else None
    masked = technical.sub(lambda m: " " * len(m.group()), doc.folded) if technical is not None else None
    seen: dict[tuple[str, ...], list[tuple[int, int, int]]] = defaultdict(list)
    for bi, (bs, be, keys, lower) in enumerate(blocks):
        if frequent.isdisjoint(_ngrams(keys, n)):
            continue
        spans = None
        for i, key in enumerate(_ngrams(keys, n)):
            if key not in frequent or (require is None and not all(lower[i:i + n])):
                continue
            if spans is None:
                spans = [m.span() for m in _WORD.finditer(doc.text, bs, be)]
            s, e = spans[i][0], spans[i + n - 1][1]
            if masked is not None and not require.search(masked, s, e):
                continue
            seen[key].append((bi, s, e))
    seen = {k: v for k, v in seen.items() if len({o[0] for o in v}) >= min_times}
    best: list[tuple[int, tuple[str, ...]]] = []
    for key, occ in seen.items():
        best.append((len({o[0] for o in occ}), key))
    if not best:
        return []
    # report each maximal repeated phrase once (overlapping n-grams collapse)
    best.sort(key=lambda x: -x[0])
    out, covered = [], set()
    for times, key in best:
        occ = seen[key]
        if any(o[1] in covered for o in occ):
            continue
        covered.update(o[1] + k for o in occ for k in range(-60, 60))
        s, e = occ[0][1], occ[0][2]
        out.append(_finding(rule, ctx, s, e, {"phrase": doc.text[s:e], "times": times}))
        if len(out) >= p.get("max_findings", 3):
            break
    return out


# -- working rules ------------------------------------------------------------------
@register("working-rules")
def check_working_rules(rule: Rule, ctx: Context) -> list[Finding]:
    """The review must examine the committee's working rules, topic by topic.

    ``topics`` maps a topic name to a phrase list; the rule counts the body
    sentences (not headings) that mention each. It fires when fewer than
    ``min_topics`` topics are mentioned, or when all mentions sit in fewer
    than ``min_sentences`` sentences.
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    body = {b.index for b in a.in_scope(rule.scope)}
    topics = p["topics"]
    hit_topics: set[str] = set()
    hit_sentences = 0
    first = None
    for s in doc.sentences:
        if s.block not in body:
            continue
        here = {t for t, words in topics.items() if a.count(words, s.start, s.end)}
        if here:
            hit_sentences += 1
            hit_topics |= here
            first = first or s
    if len(hit_topics) >= p.get("min_topics", 3) and hit_sentences >= p.get("min_sentences", 3):
        return []
    if first is not None:
        b = doc.blocks[first.block]
        s, e = b.content_start, b.end
    else:
        s, e = _section_anchor(ctx, ["results", "working-rules"])
    names = ", ".join(sorted(hit_topics)) or "không có"
    return [_finding(rule, ctx, s, e, {"topics": len(hit_topics), "sentences": hit_sentences, "names": names})]


# -- measurable targets --------------------------------------------------------------
@register("length")
def check_length(rule: Rule, ctx: Context) -> list[Finding]:
    """Document length against the level's ``max_words``."""
    limits = ctx.params["max_words"]
    level = ctx.level or "cơ sở"
    limit = limits.get(level)
    words = sum(ctx.analysis.metrics(b)["words"] for b in ctx.analysis.body_blocks())
    if limit is None or words <= limit:
        return []
    s, e = _section_anchor(ctx, ["title"])
    return [_finding(rule, ctx, s, e, {"words": words, "limit": limit, "level": level})]


@register("classifier")
def check_classifier(rule: Rule, ctx: Context) -> list[Finding]:
    """Paragraphs a trained classifier labels with ``label`` at probability ≥ ``threshold``."""
    if not ctx.config.use_classifiers:
        return []
    from ..classify.predict import paragraph_probabilities

    blocks = [b for b in ctx.analysis.in_scope(rule.scope) if b.kind != "table_cell"]
    if not blocks:
        return []
    probs = paragraph_probabilities(ctx.doc, blocks, ctx.params["label"], ctx.config)
    if probs is None:
        return []
    out = []
    thr = ctx.params.get("threshold", 0.5)
    for b, pr in zip(blocks, probs):
        if pr < thr:
            continue
        m = ctx.analysis.metrics(b)
        if "when" in ctx.params and not all(_cond_ok(m.get(c["metric"], 0), c) for c in ctx.params["when"]):
            continue
        f = _finding(rule, ctx, b.content_start, b.end, dict(m, probability=100.0 * pr), score=pr)
        f.source = "classifier"
        out.append(f)
    return out


_DEADLINE = re.compile(r"(?<!\w)(?:năm\s+20\d\d|đến\s+20\d\d|20\d\d\b|hằng\s+năm|hàng\s+năm|mỗi\s+năm|/năm|trong\s+nhiệm\s+kỳ|quý\s+[ivx1-4]+)")


def _items(ctx: Context, blocks: list[Block], split: bool = True) -> list[tuple[int, int]]:
    """Target items: list items, or the ";"-separated clauses of a paragraph."""
    out = []
    text = ctx.doc.text
    for b in blocks:
        if b.kind == "list_item" or not split:
            out.append((b.content_start, b.end))
            continue
        pos = b.content_start
        for part in re.split(r"(;)", text[b.content_start:b.end]):
            if part != ";" and len(part.split()) >= 3:
                out.append((pos, pos + len(part)))
            pos += len(part)
    return out


@register("measurable")
def check_measurable(rule: Rule, ctx: Context) -> list[Finding]:
    """Targets must be measurable (a figure) and dated (a year or a rate per year).

    Counts the items of the scope (list items, or ";" clauses); fires when
    the share of items with a figure is below ``min_measurable_share`` or the
    share of items with a figure *and* a deadline is below ``min_dated_share``.
    """
    p, a, doc = ctx.params, ctx.analysis, ctx.doc
    blocks = a.in_scope(rule.scope)
    if not blocks:
        return []
    items = _items(ctx, blocks, split=p.get("split_clauses", True))
    if len(items) < p.get("min_items", 1):
        return []
    measurable = dated = 0
    for s, e in items:
        has_figure = a.figures(s, e) > 0
        has_deadline = bool(_DEADLINE.search(doc.folded, s, e))
        measurable += has_figure or (p.get("deadline_counts", False) and has_deadline)
        dated += has_figure and has_deadline
    vague = sum(a.count(p["vague"], b.content_start, b.end) for b in blocks) if p.get("vague") else 0
    m_share, d_share = measurable / len(items), dated / len(items)
    if m_share < p.get("min_measurable_share", 0.5) or d_share < p.get("min_dated_share", 0.0):
        return [_finding(rule, ctx, blocks[0].content_start, blocks[-1].end,
                         {"items": len(items), "measurable": measurable, "dated": dated, "vague": vague})]
    return []
