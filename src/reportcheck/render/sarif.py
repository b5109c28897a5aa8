"""SARIF 2.1.0 output (``--format sarif``) for code-scanning style pipelines.

One run; ``tool.driver.rules`` lists every rule of the loaded rule set with
its metadata (description, message template, suggestion, basis, default
level, category), plus the rules that are not YAML rules (the overlap
check). One result per finding, with its physical location: 1-based
``startLine``/``startColumn``, ``endLine``/``endColumn`` (exclusive, as SARIF
wants; output-schema.md's ``end_column`` is inclusive) and
``charOffset``/``charLength`` in the extracted text (for a .docx this is the
text reportcheck extracted, one line per paragraph — ``properties`` says
so). An overlap carries the repeated passage as a ``relatedLocation``.
Documents that could not be read become ``toolExecutionNotifications``.
Columns count Unicode code points (``columnKind``).

>>> import json
>>> from reportcheck.report import Report
>>> log = json.loads(render_sarif(Report(documents=[])))
>>> log["version"], log["runs"][0]["results"]
('2.1.0', [])
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from .._version import __version__
from ..report import Report

__all__ = ["render_sarif", "sarif_log", "SARIF_SCHEMA"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

# rules that exist outside the YAML rule set
_BUILTIN_RULES = {
    "overlap.repeated-passage": {
        "category": "overlap", "severity": "warning",
        "description": "Đoạn của báo cáo kiểm điểm lặp lại (nguyên văn hoặc sửa nhẹ) một đoạn của báo cáo chính trị.",
        "message": "Đoạn này lặp lại đoạn ở dòng {line} của báo cáo chính trị.",
        "suggestion": "Thay đoạn lặp lại bằng đánh giá sự lãnh đạo, chỉ đạo của cấp ủy.",
        "basis": "Báo cáo kiểm điểm phải tập trung kiểm điểm sự lãnh đạo, chỉ đạo của cấp ủy, "
                 "tránh trùng lặp với báo cáo chính trị.",
    },
}


def _uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative, absolute ones become file: URIs.

    >>> _uri("units/u01/báo cáo.txt"), _uri("/data/a b.docx")
    ('units/u01/b%C3%A1o%20c%C3%A1o.txt', 'file:///data/a%20b.docx')
    """
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        try:
            return Path(path).resolve().as_uri()
        except ValueError:
            pass
    return quote(posix, safe="/:@-._~!$&'()*+,;=")


def _rule_descriptor(rid: str, meta: dict) -> dict:
    from .common import CATEGORY_VI

    help_text = "\n".join(x for x in (meta.get("suggestion"), meta.get("basis") and f"Căn cứ: {meta['basis']}") if x)
    d = {
        "id": rid,
        "name": rid.split(".", 1)[-1],
        "shortDescription": {"text": meta.get("message") or rid},
        "fullDescription": {"text": meta.get("description") or meta.get("message") or rid},
        "defaultConfiguration": {"level": _LEVEL.get(meta.get("severity") or "warning", "warning")},
        "properties": {
            "category": meta.get("category"),
            "category_vi": CATEGORY_VI.get(meta.get("category") or "", ""),
            "tags": [meta.get("category")] if meta.get("category") else [],
        },
    }
    if help_text:
        d["help"] = {"text": help_text}
    if meta.get("basis"):
        d["properties"]["basis"] = meta["basis"]
    return d


def _rule_metadata() -> dict[str, dict]:
    out: dict[str, dict] = {}
    try:
        from ..rules import load_rules

        for r in load_rules():
            out[r.id] = {"category": r.category, "severity": r.severity, "description": r.description,
                         "message": r.message, "suggestion": r.suggestion, "basis": r.basis}
    except Exception:  # noqa: BLE001 - a rule folder that fails to load still lets us report findings
        pass
    for rid, meta in _BUILTIN_RULES.items():
        out.setdefault(rid, meta)
    return out


def sarif_log(report: Report) -> dict:
    """The SARIF log of ``report`` as a dict."""
    meta = _rule_metadata()
    used = {f["rule"] for d in report.documents if not d.error for f in d.findings_as_dicts()}
    for rid in sorted(used - set(meta)):
        cat = rid.split(".", 1)[0]
        meta[rid] = {"category": cat, "severity": "warning", "message": rid}
    ids = list(meta)
    index = {rid: i for i, rid in enumerate(ids)}
    rules = [_rule_descriptor(rid, meta[rid]) for rid in ids]
    artifacts: list[dict] = []
    art_index: dict[str, int] = {}

    def artifact(path: str) -> int:
        if path not in art_index:
            art_index[path] = len(artifacts)
            artifacts.append({"location": {"uri": _uri(path)}, "encoding": "utf-8"})
        return art_index[path]

    results = []
    notifications = []
    for d in report.documents:
        if d.error:
            artifact(d.path)
            notifications.append({
                "level": "error",
                "message": {"text": f"{d.path}: {d.error['message']}"},
                "descriptor": {"id": d.error["code"]},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path), "index": artifact(d.path)}}}],
            })
            continue
        docx = d.path.lower().endswith((".docx", ".docm", ".dotx"))
        for f in d.findings_as_dicts():
            region = {
                "startLine": f["line"], "startColumn": f["column"],
                "endLine": f["end_line"], "endColumn": f["end_column"] + 1,
                "charOffset": f["start"], "charLength": max(f["end"] - f["start"], 0),
            }
            if f.get("evidence"):
                region["snippet"] = {"text": f["evidence"]}
            res = {
                "ruleId": f["rule"],
                "ruleIndex": index[f["rule"]],
                "level": _LEVEL[f["severity"]],
                "message": {"text": f["message"] + (f"\n{f['suggestion']}" if f.get("suggestion") else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(d.path), "index": artifact(d.path)},
                    "region": region,
                }}],
                "properties": {
                    "category": f["category"], "severity": f["severity"], "source": f["source"],
                    "doc_type": d.doc_type, "suggestion": f.get("suggestion"), "score": f.get("score"),
                    "block": f.get("block"),
                    **({"textRegion": "extracted text (one line per paragraph)"} if docx else {}),
                },
            }
            rel = f.get("related")
            if rel:
                res["relatedLocations"] = [{
                    "id": 1,
                    "message": {"text": "Đoạn tương ứng trong báo cáo chính trị"},
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(rel["path"]), "index": artifact(rel["path"])},
                        "region": {"startLine": rel["line"], "startColumn": rel["column"],
                                   "charOffset": rel["start"], "charLength": max(rel["end"] - rel["start"], 0)},
                    },
                }]
            results.append(res)
    run = {
        "tool": {"driver": {
            "name": "reportcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "invocations": [{"executionSuccessful": not (report.documents and all(d.error for d in report.documents)),
                         "toolExecutionNotifications": notifications}],
        "properties": {"rules_hash": report.rules_hash},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report, *, color: bool = False) -> str:
    """The SARIF log as JSON text (UTF-8, Vietnamese kept readable)."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
