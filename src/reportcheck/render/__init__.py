"""Renderers turn a Report into what people and programs read; they never change findings.

``FORMATS`` maps a ``--format`` name to a function ``(report, *, color=False) -> str``.

>>> from reportcheck.report import Report
>>> print(render_report(Report(documents=[]), "text"))
Đã kiểm tra 0 tệp: không có phát hiện nào.
"""

from __future__ import annotations

from typing import Callable

from ..report import Report
from .csv import render_csv
from .sarif import render_sarif
from .text import render_text


def _render_json(report: Report, *, color: bool = False) -> str:
    return report.to_json() + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": _render_json,
    "sarif": render_sarif,
    "csv": render_csv,
}


def render_report(report: Report, fmt: str = "text", *, color: bool = False) -> str:
    """Render ``report`` in one of :data:`FORMATS`."""
    try:
        fn = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    return fn(report, color=color)
