"""The command line, the JSON output and exit statuses (output-schema.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest

import reportcheck
from reportcheck.cli import main


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def _schema():
    return json.loads(resources.files("reportcheck").joinpath("schema/report.schema.json").read_text(encoding="utf-8"))


def test_json_output_validates_and_matches_the_api(examples, capsys):
    code, out, _ = _run(["check", str(examples), "--format", "json", "--fail-on", "never", "-q", "-j", "1"], capsys)
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, _schema())
    assert data["summary"]["documents"] == 4
    api = reportcheck.check(examples)
    assert [d["findings"] for d in data["documents"]] == [d.findings_as_dicts() for d in api]
    review = next(d for d in data["documents"] if d["path"].endswith("review.txt"))
    assert review["pair"] and review["pair"].endswith("political.txt")
    for d in data["documents"]:
        for f in d["findings"]:
            assert f["rule"].startswith(f["category"] + ".")


def test_text_format_is_one_line_per_finding(examples, capsys):
    code, out, _ = _run(["check", str(examples / "political.txt"), "--fail-on", "never", "-q"], capsys)
    lines = [l for l in out.splitlines() if l.startswith(str(examples))]
    assert lines and all(":" in l and "[" in l for l in lines)
    assert out.splitlines()[-1].startswith("Đã kiểm tra 1 tệp")


def test_exit_status_follows_fail_on(examples, capsys):
    assert _run(["check", str(examples / "political.txt"), "--fail-on", "warning", "-q"], capsys)[0] == 1
    assert _run(["check", str(examples / "political.txt"), "--fail-on", "never", "-q"], capsys)[0] == 0


def test_clean_other_document_gives_an_empty_valid_report(tmp_path, capsys):
    p = tmp_path / "news.txt"
    p.write_text("Hội nghị góp ý văn kiện diễn ra sáng nay tại hội trường huyện.", encoding="utf-8")
    code, out, _ = _run(["check", str(p), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["documents"][0]["doc_type"] == "other" and data["documents"][0]["findings"] == []


def test_a_bad_file_does_not_stop_the_batch(tmp_path, examples, capsys):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04not really a zip")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text((examples / "political.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(["check", str(tmp_path), "--format", "json", "--fail-on", "never", "-q"], capsys)
    data = json.loads(out)
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert by_name["broken.docx"]["error"]["code"] == "corrupt-docx"
    assert by_name["empty.txt"]["error"]["code"] == "empty-file"
    assert by_name["good.txt"]["findings"]
    assert "broken.docx" in err and code == 0
    jsonschema.validate(data, _schema())


def test_no_readable_input_exits_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _run(["check", str(tmp_path / "empty.txt")], capsys)[0] == 2
    assert _run(["check", str(tmp_path / "nothing-here")], capsys)[0] == 2


def test_output_file_is_written(tmp_path, examples, capsys):
    out = tmp_path / "r" / "report.json"
    _run(["check", str(examples / "review.txt"), "--format", "json", "-o", str(out), "--fail-on", "never", "-q"], capsys)
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


def test_version_and_console_script():
    out = subprocess.run([sys.executable, "-m", "reportcheck.cli", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"reportcheck {reportcheck.__version__}"


def test_rules_command_lists_and_explains(capsys):
    code, out, _ = _run(["rules"], capsys)
    assert code == 0 and "structure.missing-part" in out
    code, out, _ = _run(["rules", "--explain", "listing.action-chain"], capsys)
    assert code == 0 and "Căn cứ" in out and "Ví dụ phải phát hiện" in out
    assert _run(["rules", "--explain", "no.such-rule"], capsys)[0] == 2


def test_rules_reference_is_up_to_date():
    from pathlib import Path

    from reportcheck.ruledoc import rules_markdown

    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert doc.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run `reportcheck rules --markdown > docs/rules.md`"
