"""One line per finding: ``path:line:col: severity [category/rule] message``.

>>> from reportcheck.report import Report, DocumentResult
>>> r = Report([DocumentResult(path="a.txt", error={"code": "empty-file", "message": "tệp rỗng"})])
>>> print(render_text(r))
a.txt: lỗi đọc tệp [empty-file] tệp rỗng
Đã kiểm tra 1 tệp: 1 tệp không đọc được; không có phát hiện nào.
"""

from __future__ import annotations

from ..report import Report

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"
_SEV_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}


def render_text(report: Report, *, color: bool = False) -> str:
    lines: list[str] = []
    for d in report.documents:
        if d.error:
            lines.append(f"{d.path}: lỗi đọc tệp [{d.error['code']}] {d.error['message']}")
            continue
        for f in d.findings_as_dicts():
            sev = f["severity"]
            sev_txt = f"{_COLORS[sev]}{sev}{_RESET}" if color else sev
            lines.append(f"{d.path}:{f['line']}:{f['column']}: {sev_txt} [{f['category']}/{f['rule']}] {f['message']}")
    s = report.summary()
    n = s["findings"]
    total = sum(n.values())
    parts = [f"Đã kiểm tra {s['documents']} tệp:"]
    tail = []
    if s["errors"]:
        tail.append(f"{s['errors']} tệp không đọc được")
    if total:
        tail.append(f"{total} phát hiện ({n['error']} lỗi, {n['warning']} cảnh báo, {n['info']} lưu ý)")
    else:
        tail.append("không có phát hiện nào")
    lines.append(parts[0] + " " + "; ".join(tail) + ".")
    return "\n".join(lines)
