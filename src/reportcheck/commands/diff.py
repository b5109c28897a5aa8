"""``reportcheck diff``: what changed between two versions of a draft.

    reportcheck diff OLD NEW                 # two files: findings resolved, new, persisting
    reportcheck diff FOLDER --since DATE     # every draft against its version at DATE (from the results store)
    reportcheck diff FOLDER                  # every draft against its previous recorded version

Findings are matched by rule and evidence similarity (see
:mod:`reportcheck.diff`), not by line number. The folder forms read the
history that ``reportcheck check`` records in the results store, so they need
the cache (the default).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime
from pathlib import Path

__all__ = ["register", "parse_date"]


def register(sub: argparse._SubParsersAction) -> None:
    from ..batch import add_batch_options
    from ..diff import DEFAULT_THRESHOLD
    from .check import add_common_options

    p = sub.add_parser("diff", help="so sánh hai phiên bản dự thảo",
                       description="So sánh phát hiện giữa hai phiên bản dự thảo: ý kiến đã khắc phục, còn tồn tại, mới. "
                                   "Hai tệp OLD NEW, hoặc thư mục/tệp so với phiên bản đã kiểm tra trước (--since NGÀY).")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="OLD NEW, hoặc tệp/thư mục để so với lịch sử")
    p.add_argument("--since", metavar="NGÀY",
                   help="so với phiên bản tại thời điểm này (2025-03-01, 01/03/2025, 2025-03-01 14:30)")
    p.add_argument("--format", "-f", default="text", choices=["text", "json"], help="định dạng kết quả")
    p.add_argument("--output", "-o", metavar="FILE", help="ghi kết quả ra tệp thay vì màn hình")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, metavar="T",
                   help=f"độ giống tối thiểu để coi là cùng một ý kiến (0–1, mặc định {DEFAULT_THRESHOLD})")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="số tiến trình song song (mặc định: số lõi)")
    p.add_argument("--quiet", "-q", action="store_true", help="không hiện thanh tiến độ")
    add_batch_options(p, backend=False)
    add_common_options(p)
    p.set_defaults(func=run)


def parse_date(text: str) -> float:
    """A timestamp (local time) from ISO or Vietnamese day-first dates.

    >>> parse_date("2025-03-01") == parse_date("01/03/2025")
    True
    """
    s = text.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
                "%d/%m/%Y", "%d/%m/%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime(s, fmt).timestamp()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(s).timestamp()
    except ValueError:
        from ..errors import ConfigError

        raise ConfigError(f"ngày không hợp lệ: {text!r}; dùng dạng 2025-03-01 hoặc 01/03/2025") from None


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%H:%M ngày %d/%m/%Y")


def run(args: argparse.Namespace) -> int:
    from ..diff import diff_findings, summary_vi
    from ..fileio import write_atomic
    from ..pipeline import check
    from ..store import cli_store, file_digest
    from .check import build_config

    config = build_config(args)
    store = cli_store(args.cache, args.no_cache)
    two_files = (len(args.inputs) == 2 and args.since is None and all(Path(p).is_file() for p in args.inputs))
    entries: list[dict] = []
    kw = dict(config=config, pair=args.pair, doc_type=args.doc_type)

    if two_files:
        old_r = check([args.inputs[0]], cache=store, **kw)[0]
        new_r = check([args.inputs[1]], cache=store, **kw)[0]
        entry = {"path": new_r.path, "previous": {"path": old_r.path, "checked_at": None}}
        if old_r.error or new_r.error:
            bad = old_r if old_r.error else new_r
            entry.update(status="error", error={"path": bad.path, **bad.error})
        else:
            entry.update(status="compared", **diff_findings(old_r.findings_as_dicts(), new_r.findings_as_dicts(),
                                                            threshold=args.threshold))
        entries.append(entry)
    else:
        if store is None or store.disabled:
            print("reportcheck: lỗi: so với phiên bản trước cần bộ nhớ kết quả (bỏ --no-cache); "
                  "hoặc đưa hai tệp OLD NEW", file=sys.stderr)
            return 2
        since = parse_date(args.since) if args.since else None
        jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
        report = check(args.inputs, jobs=jobs, progress=not args.quiet, cache=store, **kw)
        for d in report.documents:
            entry: dict = {"path": d.path, "previous": None}
            if d.error:
                entry.update(status="error", error={"path": d.path, **d.error})
                entries.append(entry)
                continue
            dig = file_digest(d.path)
            current = dig[0] if dig else ""
            old = store.version_at(d.path, since) if since is not None else store.previous_version(d.path, current)
            if old is None:
                entry["status"] = "no-history"
            elif old.content_hash == current:
                entry["status"] = "unchanged"
                entry["previous"] = {"path": old.shown, "checked_at": old.first_seen}
            else:
                old_findings = store.findings(old.result_key)
                entry["previous"] = {"path": old.shown, "checked_at": old.first_seen}
                if old_findings is None:
                    entry["status"] = "no-history"
                else:
                    entry.update(status="compared", **diff_findings(old_findings, d.findings_as_dicts(),
                                                                    threshold=args.threshold))
            entries.append(entry)

    for e in entries:
        if e["status"] == "compared":
            e["summary"] = summary_vi(e)
    compared = [e for e in entries if e["status"] == "compared"]
    total = {k: sum(len(e[k]) for e in compared) for k in ("resolved", "new", "persisting")}
    if args.format == "json":
        out = json.dumps({"version": 1, "documents": entries,
                          "summary": {"documents": len(entries), "compared": len(compared), **total,
                                      "text": summary_vi({k: [None] * v for k, v in total.items()}) if compared else None}},
                         ensure_ascii=False, indent=2)
    else:
        out = _render_text(entries, total, since_text=args.since)
    if args.output:
        write_atomic(args.output, out + "\n")
    else:
        sys.stdout.write(out + "\n")
    if not entries or all(e["status"] == "error" for e in entries):
        for e in entries:
            print(f"reportcheck: {e['error']['path']}: {e['error']['message']} [{e['error']['code']}]", file=sys.stderr)
        return 2
    return 0


def _line(f: dict, prefix: str) -> list[str]:
    where = f"dòng {f.get('line')}"
    if "previous" in f and f["previous"].get("line") != f.get("line"):
        where += f" (lần trước: dòng {f['previous'].get('line')})"
    ev = (f.get("evidence") or "").replace("\n", " ")
    if len(ev) > 120:
        ev = ev[:119].rstrip() + "…"
    out = [f"  {prefix} [{f.get('category')}/{f.get('rule')}] {where}: {f.get('message')}"]
    if ev:
        out.append(f"      «{ev}»")
    return out


def _render_text(entries: list[dict], total: dict, *, since_text: str | None) -> str:
    from ..diff import summary_vi

    lines: list[str] = []
    for e in entries:
        prev = e.get("previous") or {}
        when = f"bản kiểm tra lúc {_when(prev['checked_at'])}" if prev.get("checked_at") else prev.get("path")
        if e["status"] == "error":
            lines.append(f"{e['path']}: không so sánh được: {e['error']['path']}: {e['error']['message']} [{e['error']['code']}]")
        elif e["status"] == "no-history":
            lines.append(f"{e['path']}: chưa có phiên bản trước"
                         + (f" ngày {since_text}" if since_text else "") + " trong bộ nhớ kết quả.")
        elif e["status"] == "unchanged":
            lines.append(f"{e['path']}: không thay đổi so với {when}.")
        else:
            lines.append(f"{e['path']}: so với {when}: {e['summary']}")
            for f in e["resolved"]:
                lines.extend(_line(f, "✓ đã khắc phục:"))
            for f in e["persisting"]:
                lines.extend(_line(f, "• còn tồn tại:"))
            for f in e["new"]:
                lines.extend(_line(f, "+ mới:"))
    n = sum(1 for e in entries if e["status"] == "compared")
    if n > 1:
        lines.append(f"Tổng cộng {n} tệp: " + summary_vi({k: [None] * v for k, v in total.items()}))
    elif n == 0 and entries:
        lines.append("Không có tệp nào có phiên bản trước để so sánh.")
    return "\n".join(lines)
