"""Suppression written in the draft itself.

In .txt/.md: ``<!-- reportcheck: ignore listing numbers -->`` on its own line
silences those categories (or rule ids; nothing named = everything) for the
next paragraph; ``<!-- reportcheck: off -->`` … ``<!-- reportcheck: on -->``
for a region. In .docx: a Word comment whose text starts with
``reportcheck: ignore`` silences the paragraph it is anchored on.

>>> from reportcheck.readers import read_text
>>> doc = read_text("Một.\\n<!-- reportcheck: ignore listing -->\\nHai.\\nBa.\\n")
>>> [(doc.text[s:e], w) for s, e, w in suppressed_ranges(doc)]
[('Hai.\\n', {'listing'})]
"""

from __future__ import annotations

import re

from ..document import Document

__all__ = ["suppressed_ranges"]

_DIRECTIVE = re.compile(r"^\s*reportcheck\s*:\s*(ignore|off|on)\b\s*(.*)$", re.I)


def _names(rest: str) -> set[str] | None:
    names = {n for n in re.split(r"[\s,]+", rest.strip()) if n}
    return names or None


def suppressed_ranges(doc: Document) -> list[tuple[int, int, set[str] | None]]:
    """Ranges of text where findings (of the named categories/rules) are dropped."""
    out: list[tuple[int, int, set[str] | None]] = []
    off_at: tuple[int, set[str] | None] | None = None
    for c in doc.comments:
        m = _DIRECTIVE.match(c.text.strip().split("\n", 1)[0])
        if not m:
            continue
        verb, names = m.group(1).lower(), _names(m.group(2))
        idx = c.block if c.block is not None else len(doc.blocks)
        if doc.source_format == "docx":
            if verb == "ignore" and idx < len(doc.blocks):
                b = doc.blocks[idx]
                out.append((b.start, b.end + 1, names))
            continue
        pos = doc.blocks[idx].start if idx < len(doc.blocks) else len(doc.text)
        if verb == "ignore" and idx < len(doc.blocks):
            b = doc.blocks[idx]
            out.append((b.start, b.end + 1, names))
        elif verb == "off":
            off_at = (pos, names)
        elif verb == "on" and off_at is not None:
            out.append((off_at[0], pos, off_at[1]))
            off_at = None
    if off_at is not None:
        out.append((off_at[0], len(doc.text) + 1, off_at[1]))
    return out
