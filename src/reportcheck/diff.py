"""Findings across two versions of a draft: resolved, new and persisting.

A finding is matched across an edit by its rule and the similarity of what
it points at — not by line number, which every inserted paragraph shifts.
Two findings of the same rule match when

    0.75 × evidence similarity + 0.25 × message similarity ≥ threshold

where evidence similarity is the larger of the token-set Jaccard index (with
every figure counted as the same token, since updating figures is the most
common edit) and difflib's ratio; message similarity is difflib's ratio.
Pairs are taken greedily, most similar first (ties: nearest line), each
finding matched at most once.

>>> old = [{"rule": "numbers.dense-figures", "evidence": "Năm 2024 thu 12 tỷ đồng, chi 10 tỷ đồng", "line": 3,
...         "message": "Đoạn văn nêu 4 số liệu"},
...        {"rule": "listing.action-chain", "evidence": "đã họp; đã kiểm tra; đã ban hành", "line": 9,
...         "message": "Đoạn văn liệt kê"}]
>>> new = [{"rule": "numbers.dense-figures", "evidence": "Năm 2024 thu 12,5 tỷ đồng, chi 10 tỷ đồng", "line": 5,
...         "message": "Đoạn văn nêu 4 số liệu"}]
>>> d = diff_findings(old, new)
>>> [len(d[k]) for k in ("resolved", "new", "persisting")]
[1, 0, 1]
>>> summary_vi(d)
'Đã khắc phục 1/2 ý kiến lần trước; còn 1 ý kiến chưa khắc phục; không có ý kiến mới.'
"""

from __future__ import annotations

import difflib
import re
import unicodedata

__all__ = ["diff_findings", "similarity", "summary_vi", "DEFAULT_THRESHOLD"]

DEFAULT_THRESHOLD = 0.5

_WORD = re.compile(r"\w+", re.U)
_NUM = re.compile(r"^\d[\d.,]*$")


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def _tokens(text: str) -> frozenset[str]:
    return frozenset("#" if _NUM.match(w) else w for w in _WORD.findall(text))


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio() * 0.5
    return sm.ratio()


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: dict, b: dict) -> float:
    """How alike two findings are, in [0, 1]; 0 when their rules differ."""
    if a.get("rule") != b.get("rule"):
        return 0.0
    ea, eb = _norm(a.get("evidence")), _norm(b.get("evidence"))
    ev = max(_jaccard(_tokens(ea), _tokens(eb)), _ratio(ea, eb))
    msg = _ratio(_norm(a.get("message")), _norm(b.get("message")))
    return 0.75 * ev + 0.25 * msg


def diff_findings(old: list[dict], new: list[dict], *, threshold: float = DEFAULT_THRESHOLD) -> dict[str, list[dict]]:
    """Compare the findings of an earlier and a later version of one document.

    Returns ``{"resolved": [old findings with no match], "new": [new findings
    with no match], "persisting": [new findings that match an old one, each
    with ``previous`` (the old finding) and ``similarity``]}``, each list in
    document order of its version. The inputs are not modified.
    """
    candidates: list[tuple[float, int, int, int]] = []
    by_rule: dict[str, list[int]] = {}
    for j, f in enumerate(new):
        by_rule.setdefault(f.get("rule"), []).append(j)
    for i, f in enumerate(old):
        for j in by_rule.get(f.get("rule"), []):
            s = similarity(f, new[j])
            if s >= threshold:
                dist = abs((f.get("line") or 0) - (new[j].get("line") or 0))
                candidates.append((s, dist, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    old_used: dict[int, tuple[int, float]] = {}
    new_used: set[int] = set()
    for s, _, i, j in candidates:
        if i in old_used or j in new_used:
            continue
        old_used[i] = (j, s)
        new_used.add(j)
    match_of_new = {j: (i, s) for i, (j, s) in old_used.items()}
    persisting = []
    for j, f in enumerate(new):
        if j in match_of_new:
            i, s = match_of_new[j]
            persisting.append({**f, "previous": dict(old[i]), "similarity": round(s, 3)})
    return {
        "resolved": [dict(f) for i, f in enumerate(old) if i not in old_used],
        "new": [dict(f) for j, f in enumerate(new) if j not in new_used],
        "persisting": persisting,
    }


def summary_vi(d: dict[str, list]) -> str:
    """One Vietnamese sentence: "Đã khắc phục 5/8 ý kiến lần trước; …" (for memos and the CLI)."""
    resolved, persisting, new = len(d["resolved"]), len(d["persisting"]), len(d["new"])
    before = resolved + persisting
    if before:
        parts = [f"Đã khắc phục {resolved}/{before} ý kiến lần trước"]
        parts.append(f"còn {persisting} ý kiến chưa khắc phục" if persisting else "không còn ý kiến nào tồn tại")
    else:
        parts = ["Lần trước không có ý kiến nào"]
    parts.append(f"có {new} ý kiến mới" if new else "không có ý kiến mới")
    return "; ".join(parts) + "."
