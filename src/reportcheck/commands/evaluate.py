"""``reportcheck evaluate SET``: score the checks on a labelled set (eval-format.md)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="chấm điểm trên bộ dữ liệu có nhãn",
                       description="Chấm điểm độ chính xác (precision/recall/F1) trên một bộ dự thảo có nhãn.")
    p.add_argument("set_dir", metavar="SET", help="thư mục có labels.json và units/")
    p.add_argument("--min-severity", default="warning", choices=["info", "warning", "error"],
                   help="chỉ tính các phát hiện từ mức này trở lên (mặc định: warning)")
    p.add_argument("--docx", action="store_true", help="chấm thêm bản .docx ở cấp văn bản")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument("--details", action="store_true", help="in nhóm dự đoán và nhãn của từng văn bản")
    p.add_argument("--no-classifiers", action="store_true", help="chỉ dùng luật")
    p.add_argument("--config", metavar="FILE")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..config import load_config
    from ..evaluate import evaluate

    if not (Path(args.set_dir) / "labels.json").is_file():
        print(f"reportcheck: lỗi: {args.set_dir}: không có labels.json", file=sys.stderr)
        return 2
    config = load_config(args.config)
    if args.no_classifiers:
        config.use_classifiers = False
    ev = evaluate(args.set_dir, config=config, min_severity=args.min_severity,
                  formats=("txt", "docx") if args.docx else ("txt",))
    if args.json:
        print(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(ev.table())
    if args.details:
        for d in ev.details:
            miss = set(d["expected"]) - set(d["predicted"])
            extra = set(d["predicted"]) - set(d["expected"])
            print(f"{d['path']}: thiếu {sorted(miss) or '-'}; thừa {sorted(extra) or '-'}")
    return 0
