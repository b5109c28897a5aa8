"""``reportcheck annotate``: a copy of the draft with a comment on each finding."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    from .check import add_common_options

    p = sub.add_parser(
        "annotate", help="chèn nhận xét vào bản sao của dự thảo",
        description="Tạo bản sao dự thảo .docx có nhận xét (comment) của Word tại từng chỗ phát hiện; "
                    "với .txt/.md tạo trang HTML tô sáng đoạn văn và ghi nhận xét bên lề. Bản gốc không bị sửa.")
    p.add_argument("draft", metavar="DRAFT", help="dự thảo (.docx, .txt, .md)")
    p.add_argument("--out", "-o", metavar="FILE",
                   help="tệp kết quả (mặc định: DRAFT.reviewed.docx hoặc DRAFT.reviewed.html)")
    p.add_argument("--author", default="reportcheck", metavar="TÊN", help="tên người nhận xét (mặc định: reportcheck)")
    p.add_argument("--no-classifiers", action="store_true", help="chỉ dùng luật, không dùng mô hình phân loại")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..pipeline import check
    from ..render.annotate import annotate_file
    from .check import build_config

    src = Path(args.draft)
    args.inputs = [args.draft]
    config = build_config(args)
    report = check([args.draft], config=config, pair=args.pair, doc_type=args.doc_type)
    result = report.documents[0] if report.documents else None
    if result is None or result.error:
        msg = result.error["message"] if result is not None else "không tìm thấy tệp"
        print(f"reportcheck: {args.draft}: {msg}", file=sys.stderr)
        return 2
    if args.out and src.suffix.lower() == ".docx" and Path(args.out).suffix.lower() not in (".docx", ".html", ".htm"):
        print("reportcheck: lỗi: --out phải có đuôi .docx (hoặc .html)", file=sys.stderr)
        return 2
    target = annotate_file(src, args.out, result=result, author=args.author)
    n = len(result.findings_as_dicts())
    print(f"Đã chèn {n} nhận xét: {target}", file=sys.stderr)
    return 0
