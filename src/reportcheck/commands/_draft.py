"""What ``annotate`` and ``memo`` share: one draft on the command line, checked once.

No ``register`` here on purpose: the CLI makes a sub-command of every module
in :mod:`reportcheck.commands` that has one.
"""

from __future__ import annotations

import argparse
import sys

__all__ = ["add_draft_options", "check_draft"]


def add_draft_options(p: argparse.ArgumentParser) -> None:
    """``--no-classifiers`` and the options every checking command takes (config, level, pair, type)."""
    from .check import add_common_options

    p.add_argument("--no-classifiers", action="store_true", help="chỉ dùng luật, không dùng mô hình phân loại")
    add_common_options(p)


def check_draft(args: argparse.Namespace):
    """Check ``args.draft``; returns ``(config, result)``.

    ``result`` is None when the draft could not be checked; the reason has
    then been printed on stderr and the command should return 2.
    """
    from ..pipeline import check
    from .check import build_config

    args.inputs = [args.draft]
    config = build_config(args)
    report = check([args.draft], config=config, pair=args.pair, doc_type=args.doc_type)
    result = report.documents[0] if report.documents else None
    if result is None or result.error:
        msg = result.error["message"] if result is not None else "không tìm thấy tệp"
        print(f"reportcheck: {args.draft}: {msg}", file=sys.stderr)
        return config, None
    return config, result
