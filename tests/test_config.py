"""Configuration, suppression in the draft, and rule-file validation."""

from __future__ import annotations

import pytest

import reportcheck
from reportcheck.config import Config, load_config
from reportcheck.errors import ConfigError, RuleError
from reportcheck.rules import load_rules

LISTING = ("BÁO CÁO CHÍNH TRỊ\nI. KẾT QUẢ ĐẠT ĐƯỢC\n"
           "Xã đã mở 4 lớp; đã làm 3 km đường; đã trồng 900 cây; đã cấp 120 sổ.\n")


def _rules(doc, config=None):
    return [f.rule for f in reportcheck.check_document(doc, config=config).findings]


def test_disable_by_category_and_severity_override():
    doc = reportcheck.load_text(LISTING)
    assert "listing.action-chain" in _rules(doc)
    assert "listing.action-chain" not in _rules(doc, Config(disable=["listing"]))
    f = reportcheck.check_document(doc, config=Config(severity={"listing.action-chain": "error"})).findings
    assert any(x.rule == "listing.action-chain" and x.severity == "error" for x in f)


def test_threshold_override_changes_what_fires():
    doc = reportcheck.load_text(LISTING)
    assert "listing.action-chain" not in _rules(doc, Config(thresholds={"listing.action-chain": {"when": [{"metric": "da_clauses", "min": 9}]}}))


def test_config_found_upward_from_the_checked_file(tmp_path):
    (tmp_path / "reportcheck.toml").write_text('disable = ["listing"]\nlevel = "huyện"\n', encoding="utf-8")
    sub = tmp_path / "units" / "a"
    sub.mkdir(parents=True)
    (sub / "p.txt").write_text(LISTING, encoding="utf-8")
    report = reportcheck.check(sub)
    assert not [f for f in report[0].findings if f.category == "listing"]
    assert load_config(start=[sub / "p.txt"]).level == "cấp trên cơ sở"


def test_pyproject_tool_table_and_bad_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportcheck]\ndisable = ["numbers"]\n', encoding="utf-8")
    assert load_config(start=[tmp_path]).disable == ["numbers"]
    bad = tmp_path / "bad.toml"
    bad.write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="colour"):
        load_config(bad)


def test_ignore_comment_in_a_text_draft():
    doc = reportcheck.load_text(LISTING.replace("Xã đã", "<!-- reportcheck: ignore listing -->\nXã đã"))
    assert "listing.action-chain" not in _rules(doc)


def test_off_on_region_in_a_text_draft():
    text = LISTING.replace("Xã đã", "<!-- reportcheck: off -->\nXã đã") + "<!-- reportcheck: on -->\n"
    assert "listing.action-chain" not in _rules(reportcheck.load_text(text))


def test_malformed_rule_fails_with_file_and_line(tmp_path):
    (tmp_path / "bad.yml").write_text(
        "rules:\n  - id: listing.x\n    category: listing\n    doc_types: [political]\n"
        "    severity: loud\n    message: Thông báo\n    basis: thực tiễn\n"
        "    check: {kind: phrase, phrases: [a]}\n    examples: {fire: [a], quiet: [b]}\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(folders=[tmp_path])
    assert "bad.yml:5" in str(info.value) and "severity" in str(info.value)


def test_an_edited_copy_of_a_shipped_rule_file_is_validated_again(tmp_path):
    from reportcheck.rules import builtin_rules_dir

    shipped = (builtin_rules_dir() / "listing.yml").read_text(encoding="utf-8")
    assert "severity: warning" in shipped
    (tmp_path / "listing.yml").write_text(shipped.replace("severity: warning", "severity: loud", 1), encoding="utf-8")
    with pytest.raises(RuleError, match=r"listing\.yml:\d+.*severity"):
        load_rules(folders=[tmp_path])


def test_the_validated_manifest_lists_the_shipped_rule_files_as_they_are():
    from pathlib import Path

    from reportcheck.rules import validated_manifest

    manifest = Path(reportcheck.__file__).parent / "schema" / "validated-rules.txt"
    assert manifest.read_text(encoding="utf-8") == validated_manifest(), \
        "run `reportcheck rules --manifest > src/reportcheck/schema/validated-rules.txt`"


def test_invalid_yaml_reports_its_line(tmp_path):
    (tmp_path / "broken.yml").write_text("rules:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"broken\.yml:\d+"):
        load_rules(folders=[tmp_path])


def test_extra_rule_folder_adds_a_rule(tmp_path):
    (tmp_path / "extra.yml").write_text(
        "rules:\n  - id: unfocused.cliche-x\n    category: unfocused\n    doc_types: [political]\n"
        "    severity: info\n    message: Cụm từ sáo rỗng\n    basis: thực tiễn của văn phòng\n"
        "    check: {kind: phrase, phrases: [vững bước đi lên]}\n"
        "    examples: {fire: [Vững bước đi lên.], quiet: [Đi lên.]}\n", encoding="utf-8")
    doc = reportcheck.load_text("BÁO CÁO CHÍNH TRỊ\nĐảng bộ vững bước đi lên.")
    assert "unfocused.cliche-x" in _rules(doc, Config(extra_rules=[tmp_path]))


def test_level_profile_changes_thresholds():
    results = " ".join(["Kinh tế tăng trưởng khá, thu nhập của người dân được nâng lên, hạ tầng được đầu tư."] * 20)
    text = ("BÁO CÁO CHÍNH TRỊ\nI. KẾT QUẢ ĐẠT ĐƯỢC\n" + results +
            "\nII. HẠN CHẾ, KHUYẾT ĐIỂM\nCòn một số hạn chế nhất định.\n")
    small = reportcheck.check_document(reportcheck.load_text(text), config=Config(level="chi bộ"))
    large = reportcheck.check_document(reportcheck.load_text(text), config=Config(level="cơ sở"))
    assert "imbalance.token-limitations" in [f.rule for f in small.findings]
    assert "imbalance.token-limitations" not in [f.rule for f in large.findings]


def test_rules_off_by_default_are_switched_on_by_id():
    from reportcheck.rules import load_rules

    rule = load_rules()["listing.classifier-enumeration"]
    assert rule.enabled is False
    assert not Config().is_enabled(rule.id, rule.category, rule.enabled)
    assert Config(enable=[rule.id]).is_enabled(rule.id, rule.category, rule.enabled)
    assert Config(disable=["listing"]).is_enabled("listing.action-chain", "listing") is False
