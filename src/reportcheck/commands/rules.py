"""``reportcheck rules``: list rules, explain one, or print the rules reference."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="liệt kê và giải thích các luật",
                       description="Liệt kê các luật kiểm tra; --explain ID để xem mục đích, căn cứ và ví dụ.")
    p.add_argument("--explain", metavar="ID", help="giải thích một luật")
    p.add_argument("--markdown", action="store_true", help="in tài liệu tham chiếu luật (docs/rules.md)")
    p.add_argument("--manifest", action="store_true",
                   help="kiểm tra các tệp luật đi kèm theo lược đồ và in bảng băm của chúng (cho nhà phát triển)")
    p.add_argument("--config", metavar="FILE", help="tệp cấu hình (để nạp thêm thư mục luật)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..ruledoc import explain, rules_markdown, rules_table
    from ..rules import load_rules

    rules = load_rules(load_config(args.config))
    if args.explain:
        if args.explain not in rules:
            print(f"reportcheck: lỗi: không có luật {args.explain!r}; xem danh sách bằng `reportcheck rules`", file=sys.stderr)
            return 2
        print(explain(rules[args.explain]))
    elif args.manifest:
        from ..rules import validated_manifest

        sys.stdout.write(validated_manifest())
    elif args.markdown:
        sys.stdout.write(rules_markdown(rules))
    else:
        print(rules_table(rules))
        print(f"\n{len(rules)} luật.")
    return 0
