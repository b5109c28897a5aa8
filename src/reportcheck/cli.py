"""Command line: ``reportcheck check``, ``rules``, ``evaluate`` and the commands of plug-in modules.

Every module in :mod:`reportcheck.commands` exposes ``register(subparsers)``
and adds its own sub-command, so a new command is a new module.

Exit status (output-schema.md): 0 no finding at or above ``--fail-on``,
1 some finding at or above it, 2 usage error or no input could be read.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ._version import __version__
from .errors import ReportcheckError

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportcheck",
        description="Kiểm tra dự thảo báo cáo chính trị và báo cáo kiểm điểm trình đại hội đảng.",
    )
    parser.add_argument("--version", action="version", version=f"reportcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except ReportcheckError as exc:
        print(f"reportcheck: lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reportcheck: đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
