"""Rule documentation generated from the rules' own metadata (as Ruff does).

``docs/rules.md`` is ``rules_markdown()``; a test fails when it is stale.

>>> from reportcheck.rules import load_rules
>>> "structure.missing-part" in explain(load_rules()["structure.missing-part"])
True
"""

from __future__ import annotations

from .rules import Rule, RuleSet, load_rules

__all__ = ["explain", "rules_markdown", "rules_table"]

_CATEGORY_VI = {
    "listing": "dàn trải, mang tính liệt kê",
    "numbers": "nặng trình bày về số liệu",
    "overlap": "báo cáo kiểm điểm trùng lặp với báo cáo chính trị",
    "accountability": "chưa xác định rõ trách nhiệm của tập thể, cá nhân",
    "working-rules": "chưa kiểm điểm việc thực hiện nguyên tắc, quy chế làm việc",
    "causes": "chưa phân tích rõ nguyên nhân",
    "targets": "phương hướng, chỉ tiêu chưa thể hiện quyết tâm chính trị",
    "baseline": "chưa so sánh với chỉ tiêu nghị quyết",
    "unfocused": "chưa cô đọng, thiếu trọng tâm",
    "imbalance": "chưa thẳng thắn nhìn nhận hạn chế",
    "structure": "thiếu phần bắt buộc",
    "format": "thể thức chưa đúng quy định",
}


def _example_text(ex) -> str:
    return (ex["text"] if isinstance(ex, dict) else ex).strip()


def explain(rule: Rule) -> str:
    """One rule: purpose, basis, check and examples (Vietnamese content, plain text)."""
    lines = [
        f"{rule.id}  [{rule.category}: {_CATEGORY_VI.get(rule.category, '')}]",
        f"Mức độ: {rule.severity}; loại văn bản: {', '.join(rule.doc_types)}; phạm vi: {', '.join(rule.scope)}",
        "",
        (rule.description or "").strip(),
        "",
        f"Thông báo: {rule.message}",
        f"Gợi ý sửa: {rule.suggestion or '-'}",
        f"Căn cứ: {rule.basis}",
        f"Cách kiểm tra: {rule.kind} {({k: v for k, v in rule.check.items() if k != 'kind'})}",
        f"Tệp luật: {rule.file}:{rule.line}",
    ]
    for key, title in (("fire", "Ví dụ phải phát hiện"), ("quiet", "Ví dụ không được phát hiện")):
        for ex in rule.examples.get(key, []):
            lines += ["", f"{title}:"] + ["    " + x for x in _example_text(ex).splitlines()]
    return "\n".join(lines)


def rules_table(rules: RuleSet) -> str:
    return "\n".join(f"{r.id:45} {r.severity:8} {','.join(r.doc_types):18} {r.message[:70]}" for r in rules)


def rules_markdown(rules: RuleSet | None = None) -> str:
    """The rules reference (docs/rules.md), in English framing with Vietnamese rule text."""
    rules = rules or load_rules()
    out = ["# Rules reference", "",
           "Generated from `rules/*.yml` by `reportcheck rules --markdown`; do not edit by hand.", "",
           "| id | category | severity | document types | scope |", "|---|---|---|---|---|"]
    for r in rules:
        out.append(f"| [`{r.id}`](#{r.id.replace('.', '')}) | {r.category} | {r.severity} | {', '.join(r.doc_types)} | {', '.join(r.scope)} |")
    for r in rules:
        out += ["", f"## {r.id}", "",
                f"**Category:** `{r.category}` ({_CATEGORY_VI.get(r.category, '')}). "
                f"**Severity:** {r.severity}. **Applies to:** {', '.join(r.doc_types)}; scope {', '.join(r.scope)}."
                + ("" if r.enabled else " **Off by default**: enable it by id in the configuration."), "",
                (r.description or "").strip(), "",
                f"- Message: {r.message}",
                f"- Suggestion: {r.suggestion or '-'}",
                f"- Basis: {r.basis}",
                f"- Check: `{r.kind}` with `{ {k: v for k, v in r.check.items() if k != 'kind'} }`".replace("{ {", "{").replace("} }", "}")]
        for key, title in (("fire", "Fires on"), ("quiet", "Stays quiet on")):
            for ex in r.examples.get(key, []):
                out += ["", f"{title}:", "", "```text", _example_text(ex), "```"]
    return "\n".join(out) + "\n"
