"""CSV output (``--format csv``): one row per finding, for spreadsheets.

Columns: path, doc_type, line, column, severity, category, rule, message,
suggestion, evidence. The text starts with a UTF-8 byte order mark and rows
end with CRLF, so Excel opens it with the Vietnamese intact. Documents that
could not be read have no row (they are in the JSON and text outputs).

>>> from reportcheck.report import Report
>>> render_csv(Report(documents=[])).splitlines()
['\\ufeffpath,doc_type,line,column,severity,category,rule,message,suggestion,evidence']
"""

from __future__ import annotations

import csv as _csv
import io

from ..report import Report

__all__ = ["render_csv", "COLUMNS"]

COLUMNS = ("path", "doc_type", "line", "column", "severity", "category", "rule", "message", "suggestion", "evidence")


def _cell(value) -> str:
    if value is None:
        return ""
    s = str(value)
    # a cell starting with = + - @ would be run as a formula by Excel
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s


def render_csv(report: Report, *, color: bool = False) -> str:
    buf = io.StringIO()
    w = _csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for d in report.documents:
        if d.error:
            continue
        for f in d.findings_as_dicts():
            row = {"path": d.path, "doc_type": d.doc_type, **f}
            row["evidence"] = " ".join((f.get("evidence") or "").split())
            w.writerow([_cell(row.get(c)) if c not in ("line", "column") else row.get(c) for c in COLUMNS])
    return "\ufeff" + buf.getvalue()
