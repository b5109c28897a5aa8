"""``reportcheck annotate``: a copy of the draft with a comment on each finding."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    from ._draft import add_draft_options

    p = sub.add_parser(
        "annotate", help="chèn nhận xét vào bản sao của dự thảo",
        description="Tạo bản sao dự thảo .docx có nhận xét (comment) của Word tại từng chỗ phát hiện; "
                    "với .txt/.md tạo trang HTML tô sáng đoạn văn và ghi nhận xét bên lề. Bản gốc không bị sửa.")
    p.add_argument("draft", metavar="DRAFT", help="dự thảo (.docx, .txt, .md)")
    p.add_argument("--out", "-o", metavar="FILE",
                   help="tệp kết quả (mặc định: DRAFT.reviewed.docx hoặc DRAFT.reviewed.html)")
    p.add_argument("--author", default="reportcheck", metavar="TÊN", help="tên người nhận xét (mặc định: reportcheck)")
    add_draft_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..render.annotate import annotate_file
    from ._draft import check_draft

    src = Path(args.draft)
    _, result = check_draft(args)
    if result is None:
        return 2
    if args.out and src.suffix.lower() == ".docx" and Path(args.out).suffix.lower() not in (".docx", ".html", ".htm"):
        print("reportcheck: lỗi: --out phải có đuôi .docx (hoặc .html)", file=sys.stderr)
        return 2
    target = annotate_file(src, args.out, result=result, author=args.author)
    n = len(result.findings_as_dicts())
    print(f"Đã chèn {n} nhận xét: {target}", file=sys.stderr)
    return 0
