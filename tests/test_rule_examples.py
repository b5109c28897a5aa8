"""Every rule's own examples are its tests (as LanguageTool's <example> elements).

One test per example, named after the rule: ``test_example[listing.action-chain-fire-0]``.
"""

from __future__ import annotations

import pytest

from reportcheck.checks import run_rule
from reportcheck.config import Config
from reportcheck.readers.text import read_text
from reportcheck.rules import load_rules

RULES = load_rules()


def _cases():
    for rule in RULES:
        for expect in ("fire", "quiet"):
            for i, ex in enumerate(rule.examples.get(expect, [])):
                yield pytest.param(rule.id, expect, ex, id=f"{rule.id}-{expect}-{i}")


def _run(rule_id: str, example) -> list:
    rule = RULES[rule_id]
    ex = example if isinstance(example, dict) else {"text": example}
    md = "|" in ex["text"]
    doc = read_text(ex["text"], path=f"<{rule_id}>", markdown=md)
    doc.doc_type = ex.get("doc_type", rule.doc_types[0])
    config = Config(thresholds={rule_id: ex.get("params", {})})
    return run_rule(rule, doc, config=config, level=ex.get("level"))


@pytest.mark.parametrize("rule_id,expect,example", list(_cases()))
def test_example(rule_id, expect, example):
    findings = _run(rule_id, example)
    if expect == "fire":
        assert findings, f"{rule_id} should fire on its example but did not"
        assert all(f.rule == rule_id and f.message for f in findings)
    else:
        assert not findings, f"{rule_id} fired on an example that must stay quiet: {[f.message for f in findings]}"


def test_every_rule_has_both_kinds_of_example():
    for rule in RULES:
        assert rule.examples.get("fire") and rule.examples.get("quiet"), rule.id


def test_messages_are_vietnamese_with_diacritics():
    import unicodedata

    for rule in RULES:
        assert unicodedata.is_normalized("NFC", rule.message)
        assert any(ord(c) > 127 for c in rule.message), f"{rule.id}: message has no Vietnamese letters"
