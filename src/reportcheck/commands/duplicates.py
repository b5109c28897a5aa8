"""``reportcheck duplicates FOLDER``: passages shared by the drafts of different units."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "duplicates", help="tìm các đoạn trùng nhau giữa dự thảo của các đơn vị trong một thư mục",
        description="Tìm các đoạn văn trùng nhau giữa dự thảo của các đơn vị khác nhau (sao chép khuôn mẫu, "
                    "dùng lại dự thảo của đơn vị khác) và gom thành cụm, kèm văn bản và vị trí. Các văn bản "
                    "trong cùng một thư mục con được coi là của cùng một đơn vị.")
    p.add_argument("folder", metavar="FOLDER", help="thư mục chứa các dự thảo (.docx, .txt, .md), kể cả thư mục con")
    p.add_argument("--format", choices=["text", "json"], default="text", help="định dạng kết quả (mặc định: text)")
    p.add_argument("--min-words", type=int, default=30, metavar="N",
                   help="độ dài tối thiểu của đoạn trùng, tính bằng số tiếng (mặc định: 30)")
    p.add_argument("--limit", type=int, default=50, metavar="N",
                   help="số cụm in ra ở định dạng text (mặc định: 50; 0 là in tất cả)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..overlap.duplicates import find_duplicates, load_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"reportcheck: lỗi: {args.folder}: không phải thư mục", file=sys.stderr)
        return 2
    if args.min_words < 5:
        print("reportcheck: lỗi: --min-words phải từ 5 trở lên", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    docs, failed = load_folder(folder)
    if not docs:
        print(f"reportcheck: lỗi: {args.folder}: không đọc được dự thảo nào", file=sys.stderr)
        for path, why in failed:
            print(f"  {path}: {why}", file=sys.stderr)
        return 2
    clusters = find_duplicates(docs, min_words=args.min_words)
    seconds = time.perf_counter() - t0
    if args.format == "json":
        out = {"version": 1, "folder": str(args.folder), "documents": len(docs), "min_words": args.min_words,
               "unreadable": [{"path": p, "message": m} for p, m in failed],
               "seconds": round(seconds, 3), "clusters": [c.to_dict() for c in clusters]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"Đã đọc {len(docs)} dự thảo trong {args.folder}"
          + (f"; không đọc được {len(failed)} tệp" if failed else "") + f" ({seconds:.1f} giây).")
    for path, why in failed:
        print(f"  - {path}: {why}")
    if not clusters:
        print(f"Không có đoạn nào từ {args.min_words} tiếng trở lên trùng nhau giữa các đơn vị.")
        return 0
    print(f"Có {len(clusters)} cụm đoạn trùng nhau giữa các đơn vị (mỗi đoạn từ {args.min_words} tiếng trở lên):")
    shown = clusters if args.limit <= 0 else clusters[:args.limit]
    for i, c in enumerate(shown, 1):
        print()
        print(f"Cụm {i}: {c.words} tiếng trùng, {c.units} đơn vị, {len(c.documents)} văn bản")
        print(f"  «{' '.join(c.text.split())}»")
        for o in c.occurrences:
            where = f"dòng {o.line}" if o.line == o.end_line else f"dòng {o.line}–{o.end_line}"
            print(f"  - {o.path}, {where} ({o.words} tiếng trùng)")
    if len(shown) < len(clusters):
        print()
        print(f"… và {len(clusters) - len(shown)} cụm nữa (dùng --limit 0 để in tất cả, hoặc --format json).")
    return 0
