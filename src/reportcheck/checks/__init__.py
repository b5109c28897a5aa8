"""Run the rules (and the overlap check) on a document.

>>> from reportcheck.readers import read_text
>>> doc = read_text("BÁO CÁO CHÍNH TRỊ\\nI. KẾT QUẢ ĐẠT ĐƯỢC\\nĐạt nhiều kết quả tích cực.\\n"
...                 "II. HẠN CHẾ\\nBan Thường vụ chậm chỉ đạo.\\n")
>>> "structure.missing-part" in {f.rule for f in run_checks(doc)}
True
"""

from __future__ import annotations

import re

from ..config import Config
from ..document import Document
from ..findings import Finding
from ..levels import detect_level
from ..rules import Rule, load_rules
from .features import Analysis
from .kinds import KINDS, Context
from .suppress import suppressed_ranges

__all__ = ["run_checks", "run_rule"]


def _applies(rule: Rule, doc: Document, level: str | None) -> bool:
    if doc.doc_type not in rule.doc_types:
        return False
    return "all" in rule.levels or level is None or level in rule.levels


def run_rule(rule: Rule, doc: Document, *, config: Config | None = None, analysis: Analysis | None = None,
             level: str | None = None) -> list[Finding]:
    """Findings of one rule on one document (no suppression, no config filter)."""
    config = config or Config()
    rules = analysis.rules if analysis is not None else load_rules(config)
    analysis = analysis or Analysis(doc, rules)
    params = {k: v for k, v in rule.check.items() if k not in ("kind", "by_level")}
    if level is not None and level in rule.check.get("by_level", {}):
        params.update(rule.check["by_level"][level])  # the level profile's thresholds
    params.update(config.params_for(rule.id))
    ctx = Context(doc=doc, rules=rules, config=config, level=level, analysis=analysis, params=params)
    return KINDS[rule.kind](rule, ctx)


def run_checks(doc: Document, *, config: Config | None = None, pair: Document | None = None) -> list[Finding]:
    """Every enabled rule that applies to ``doc``, plus overlap against ``pair``."""
    config = config or Config()
    rules = load_rules(config)
    if config.use_classifiers:
        _label_uncovered_paragraphs(doc)
    level = config.level or detect_level(doc)
    analysis = Analysis(doc, rules)
    findings: list[Finding] = []
    for rule in rules:
        if not config.is_enabled(rule.id, rule.category, rule.enabled) or not _applies(rule, doc, level):
            continue
        for f in run_rule(rule, doc, config=config, analysis=analysis, level=level):
            f.severity = config.severity_for(rule.id, rule.category, f.severity)
            findings.append(f)
    if pair is not None and doc.doc_type == "review" and config.is_enabled("overlap.repeated-passage", "overlap"):
        from ..overlap import find_overlaps

        for f in find_overlaps(doc, pair):
            if _in_role(doc, f.start, "responsibility"):
                continue  # naming who answers for a shortcoming may reuse the political report's words
            if _in_role(doc, f.start, "remedies") and not (
                    f.values.get("repeated_words", 99) >= 20 and f.values.get("coverage", 1.0) >= 0.7):
                continue  # a short concrete remedy may coincide with a planned task; copied task paragraphs may not
            if config.is_enabled(f.rule, f.category):
                f.severity = config.severity_for(f.rule, f.category, f.severity)
                findings.append(f)
    findings = _drop_redundant(findings)
    findings = _figures_of_a_copied_passage(findings)
    ranges = suppressed_ranges(doc)
    if ranges:
        findings = [f for f in findings if not _is_suppressed(f, ranges)]
    findings.sort(key=lambda f: (f.start, f.rule))
    return findings


def _label_uncovered_paragraphs(doc: Document) -> None:
    """Let the role classifier label paragraphs no heading or cue phrase covers."""
    if getattr(doc, "_roles_labelled", False):
        return
    from ..sections import find_sections

    try:
        from ..classify.predict import role_labeler

        doc.__dict__["sections"] = find_sections(doc, labeler=role_labeler)
    except Exception as exc:  # a model that cannot be trained or loaded leaves the headings' sections
        import warnings

        warnings.warn(f"reportcheck: không dùng được mô hình phân loại vai trò đoạn văn ({exc})", stacklevel=2)
    doc._roles_labelled = True


def _in_role(doc: Document, offset: int, role: str) -> bool:
    return any(s.role == role and s.start <= offset < s.end for s in doc.sections)


def _figures_of_a_copied_passage(findings: list[Finding]) -> list[Finding]:
    """Figures in a passage the review copied from its political report: the copy is the weakness."""
    copied = [(f.start, f.end) for f in findings if f.category == "overlap"]
    if not copied:
        return findings
    return [f for f in findings
            if not (f.category == "numbers" and any(s < f.end and f.start < e for s, e in copied))]


def _drop_redundant(findings: list[Finding]) -> list[Finding]:
    """A classifier finding on a passage a rule of the same category already flags adds nothing."""
    by_rule = [f for f in findings if f.source != "classifier"]
    out = list(by_rule)
    for f in findings:
        if f.source == "classifier" and not any(
                g.category == f.category and g.start < f.end and f.start < g.end for g in by_rule):
            out.append(f)
    return out


def _is_suppressed(f: Finding, ranges: list[tuple[int, int, set[str] | None]]) -> bool:
    for s, e, what in ranges:
        if s <= f.start < e and (what is None or f.category in what or f.rule in what):
            return True
    return False
