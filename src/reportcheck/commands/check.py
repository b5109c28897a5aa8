"""``reportcheck check``: check files, folders or globs and print the findings."""

from __future__ import annotations

import argparse
import os
import sys

from ..findings import severity_rank

__all__ = ["register", "add_common_options"]


def add_common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="tệp cấu hình (mặc định: reportcheck.toml gần nhất)")
    p.add_argument("--level", metavar="CẤP", help="chi bộ | cơ sở | cấp trên cơ sở | tỉnh (mặc định: tự nhận)")
    p.add_argument("--type", dest="doc_type", choices=["political", "review", "other"],
                   help="loại văn bản, nếu không muốn tự nhận")
    p.add_argument("--pair", metavar="POLITICAL", help="báo cáo chính trị để so trùng lặp với báo cáo kiểm điểm")


def register(sub: argparse._SubParsersAction) -> None:
    from ..batch import add_batch_options
    from ..render import FORMATS

    p = sub.add_parser("check", help="kiểm tra dự thảo", description="Kiểm tra tệp, thư mục hoặc mẫu tên tệp (.docx, .txt, .md).")
    p.add_argument("inputs", nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", default="text", choices=sorted(FORMATS), help="định dạng kết quả")
    p.add_argument("--output", "-o", metavar="FILE", help="ghi kết quả ra tệp thay vì màn hình")
    p.add_argument("--fail-on", default="error", choices=["info", "warning", "error", "never"],
                   help="mức độ khiến lệnh trả mã 1 (mặc định: error)")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="số tiến trình song song (mặc định: số lõi)")
    p.add_argument("--quiet", "-q", action="store_true", help="không hiện thanh tiến độ")
    p.add_argument("--no-classifiers", action="store_true", help="chỉ dùng luật, không dùng mô hình phân loại")
    p.add_argument("--memo-dir", metavar="DIR", help="lập văn bản góp ý cho từng tệp vào thư mục này")
    p.add_argument("--memo-format", default="md", choices=["md", "docx", "html"], help="định dạng góp ý (mặc định: md)")
    p.add_argument("--html", metavar="DIR", help="ghi báo cáo HTML tổng hợp (index.html, mỗi tệp một trang) vào thư mục này")
    add_batch_options(p)  # issue 7: --cache PATH, --no-cache, --backend, --scheduler
    add_common_options(p)
    p.set_defaults(func=run)


def build_config(args: argparse.Namespace):
    from pathlib import Path

    from ..config import load_config, normalize_level

    config = load_config(args.config, start=[Path(i) for i in getattr(args, "inputs", [])])
    if getattr(args, "level", None):
        config.level = normalize_level(args.level)
    if getattr(args, "no_classifiers", False):
        config.use_classifiers = False
    return config


def run(args: argparse.Namespace) -> int:
    from ..pipeline import check
    from ..render import render_report
    from ..fileio import write_atomic

    config = build_config(args)
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    from ..batch import batch_options

    report = check(args.inputs, config=config, pair=args.pair, doc_type=args.doc_type, jobs=jobs,
                   progress=not args.quiet, **batch_options(args))
    if not report.documents:
        print("reportcheck: lỗi: không tìm thấy tệp nào để kiểm tra (.docx, .txt, .md)", file=sys.stderr)
        return 2
    color = args.output is None and args.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    out = render_report(report, args.format, color=color)
    if args.output:
        write_atomic(args.output, out)
    else:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if args.memo_dir or args.html:
        from ..render.html_report import write_html_report
        from ..render.memo import write_memos
        from .memo import memo_options

        if args.memo_dir:
            memos = write_memos(report, args.memo_dir, args.memo_format, **memo_options(args, config))
            print(f"reportcheck: đã lập {len(memos)} văn bản góp ý trong {args.memo_dir}", file=sys.stderr)
        if args.html:
            write_html_report(report, args.html)
            print(f"reportcheck: báo cáo HTML: {os.path.join(args.html, 'index.html')}", file=sys.stderr)
    for d in report.documents:
        if d.error:
            print(f"reportcheck: {d.path}: {d.error['message']} [{d.error['code']}]", file=sys.stderr)
    if all(d.error for d in report.documents):
        return 2
    worst = report.max_severity()
    if args.fail_on != "never" and worst is not None and severity_rank(worst) >= severity_rank(args.fail_on):
        return 1
    return 0
