"""Plain-text and Markdown drafts: decoding and block structure.

The extracted text of a .txt or .md file is the file itself after decoding,
line-ending normalisation and NFC, so a finding's line is the file's line.
Each non-blank line is a block; its kind is read from typed markers
("- ", "+ ", "a)", "1.", "I.", "Phần thứ …", upper-case lines, Markdown
"#"), since a text file has no styles.

>>> doc = read_text("PHẦN THỨ NHẤT\\nI. KẾT QUẢ\\na) Về kinh tế\\n+ Trồng 40 ha rừng.\\n")
>>> [(b.kind, b.level, b.marker) for b in doc.blocks]
[('heading', 1, None), ('heading', 3, 'I.'), ('heading', 5, 'a)'), ('list_item', 1, '+')]
"""

from __future__ import annotations

import re
import unicodedata

from ..document import Block, Comment, Document
from ..errors import ReadError
from ..normalize import to_nfc

__all__ = ["decode_text", "read_text", "classify_line"]

_VIET_MARKS = set("\u0300\u0301\u0303\u0309\u0323")
_VIET_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def _looks_vietnamese(text: str) -> bool:
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return False
    decomposed = unicodedata.normalize("NFD", text)
    special = sum(1 for c in decomposed if c in _VIET_MARKS) + sum(1 for c in text if c in _VIET_LETTERS)
    return special / letters > 0.03


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def decode_text(data: bytes, path: str = "<bytes>") -> str:
    """Decode a text file: UTF-8 (BOM optional), UTF-16 (BOM), or Windows-1258.

    Line endings become "\\n". Raises ReadError(code="unknown-encoding") when
    no encoding gives plausible text.

    >>> import unicodedata  # Windows-1258 writes the tone as a combining mark; NFC comes later
    >>> unicodedata.normalize("NFC", decode_text(b"Ho\\xcca bi\\xccnh\\r\\n"))
    'Hòa bình\\n'
    >>> decode_text(b"\\xef\\xbb\\xbfXin ch\\xc3\\xa0o")
    'Xin chào'
    """
    text: str | None = None
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict") if _utf8_ok(data[3:]) else None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    else:
        if _utf8_ok(data):
            text = data.decode("utf-8")
        else:
            try:
                candidate = data.decode("cp1258")
            except UnicodeDecodeError:
                candidate = None
            if candidate is not None and not _has_controls(candidate) and _looks_vietnamese(candidate):
                text = candidate
    if text is None or "\x00" in text or _has_controls(text):
        raise ReadError(path, "unknown-encoding",
                        "không xác định được bảng mã của tệp (hỗ trợ UTF-8, UTF-16 có BOM, Windows-1258); "
                        "hãy lưu lại tệp dưới dạng UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf8_ok(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_BULLET = re.compile(r"[-–+•*·○●▪]\s+")
_PART = re.compile(r"(phần\s+thứ\s+\w+|phần\s+[ivxlc]+\b|phần\s+\d+\b|phần\s+(một|hai|ba|bốn|năm)\b|chương\s+[ivxlc\d]+\b)", re.I)
_ROMAN = re.compile(r"([IVXLC]+)[.)]\s*")
_DECIMAL = re.compile(r"(\d+(?:\.\d+)*)[.)]\s+(?=\D)")
_LETTER = re.compile(r"([a-zđ])[)\.]\s+")
_UPPER_LETTER = re.compile(r"([A-ZĐ])[.)]\s+")
_DASH_MARKER = re.compile(r"([A-ZĐ]|[IVXLC]+|\d+)\s+[–—-]\s+(?=\w)")
_MD_HEADING = re.compile(r"(#{1,6})\s+")
_DIRECTIVE = re.compile(r"<!--\s*(.*?)\s*-->\s*$")


def _is_upper_line(s: str) -> bool:
    if len(s) > 400:  # an upper-case heading is short; long paragraphs are never one
        return False
    if sum(map(str.islower, s)) >= 0.15 * len(s):
        return False  # too many lower-case letters for 85 % of the letters to be upper case
    letters = sum(map(str.isalpha, s))
    return letters >= 3 and sum(map(str.isupper, filter(str.isalpha, s))) / letters > 0.85


def _short(s: str, limit: int = 18) -> bool:
    return len(s.split()) <= limit and not s.rstrip().endswith((".", ";", ","))


def classify_line(s: str, markdown: bool = False) -> tuple[str, int | None, str | None, str | None, int]:
    """Kind, level, marker, numbering format and marker length of one line.

    >>> classify_line("1. Về phát triển kinh tế")
    ('heading', 4, '1.', 'decimal', 3)
    >>> classify_line("- Hỗ trợ 3 doanh nghiệp.")
    ('list_item', 0, '-', 'bullet', 2)
    """
    if markdown:
        m = _MD_HEADING.match(s)
        if m:
            return "heading", len(m.group(1)), m.group(1), None, m.end()
    m = _BULLET.match(s)
    if m:
        level = 1 if s[0] == "+" else 0
        return "list_item", level, s[0], "bullet", m.end()
    if _PART.match(s) and _short(s, 25):
        return "heading", 1, None, None, 0
    m = _ROMAN.match(s)
    if m and (s[m.end():m.end() + 1].isalpha() or not s[m.end():]):
        if _short(s, 25) or _is_upper_line(s):
            return "heading", 3, m.group(0).strip(), "upperRoman", m.end()
        return "list_item", 0, m.group(0).strip(), "upperRoman", m.end()
    m = _UPPER_LETTER.match(s)
    if m and len(s) > m.end() and _is_upper_line(s):
        return "heading", 2, m.group(0).strip(), "upperLetter", m.end()
    m = _DASH_MARKER.match(s)
    if m and _short(s, 20):  # "A – Những kết quả chủ yếu", "II – HẠN CHẾ"
        mark = m.group(1)
        if mark.isdigit():
            level, fmt = 4, "decimal"
        elif len(mark) > 1 or mark in "IVX":  # II, IV …; a lone I, V, X is read as roman too
            level, fmt = 3, "upperRoman"
        else:
            level, fmt = 2, "upperLetter"
        return "heading", level, m.group(0).strip(), fmt, m.end()
    m = _DECIMAL.match(s)
    if m:
        depth = m.group(1).count(".")
        if _short(s):
            return "heading", 4 + depth, m.group(0).strip(), "decimal", m.end()
        return "list_item", depth, m.group(0).strip(), "decimal", m.end()
    m = _LETTER.match(s)
    if m and s[m.end():m.end() + 1].strip():
        if _short(s):
            return "heading", 5, m.group(0).strip(), "lowerLetter", m.end()
        return "list_item", 1, m.group(0).strip(), "lowerLetter", m.end()
    if _is_upper_line(s) and len(s.split()) <= 30:
        return "heading", 3, None, None, 0
    return "paragraph", None, None, None, 0


def read_text(raw: str, *, path: str = "<string>", markdown: bool = False) -> Document:
    """Build a Document from decoded text (one block per non-blank line).

    Lines holding only a Markdown/HTML comment (``<!-- reportcheck: … -->``)
    are directives, not blocks; they are kept in ``Document.comments``.
    """
    text, back = to_nfc(raw.replace("\r\n", "\n").replace("\r", "\n"))
    blocks: list[Block] = []
    comments: list[Comment] = []
    pos = 0
    tables = row = 0
    last_table_line: int | None = None
    for lineno, line in enumerate(text.split("\n"), start=1):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        m = _DIRECTIVE.match(stripped)
        if stripped.startswith("<!--") and m:
            comments.append(Comment(block=len(blocks), author="", text=m.group(1), line=lineno))
            continue
        if markdown and stripped.startswith("|") and stripped.endswith("|"):
            if set(stripped) <= set("|-: "):
                continue  # the header separator row
            if last_table_line is None or last_table_line < lineno - 2:
                tables, row = tables + 1, 0
            else:
                row += 1
            last_table_line = lineno
            col, cell_from = 0, start + lead + 1
            for cell in stripped[1:-1].split("|"):
                c_lead = len(cell) - len(cell.lstrip())
                c_text = cell.strip()
                if c_text:
                    cs = cell_from + c_lead
                    blocks.append(Block(index=len(blocks), kind="table_cell", start=cs, end=cs + len(c_text),
                                        content_start=cs, table=(tables - 1, row, col), source={"line": lineno}))
                cell_from += len(cell) + 1
                col += 1
            continue
        kind, level, marker, fmt, mlen = classify_line(stripped, markdown)
        b_start = start + lead
        b_end = start + len(line.rstrip())
        blocks.append(Block(
            index=len(blocks), kind=kind, start=b_start, end=b_end,
            content_start=b_start + mlen if kind == "list_item" or markdown and kind == "heading" else b_start,
            level=level, numbering="typed" if marker and kind == "list_item" else None,
            num_format=fmt, marker=marker, source={"line": lineno},
        ))
    _short_line_headings(text, blocks)
    return Document(text, blocks, path=path, source_format="md" if markdown else "txt",
                    comments=comments, raw_offsets=back)


_TERMINAL = (".", ";", ":", ",", "!", "?", "…", ")")


def _short_line_headings(text: str, blocks: list[Block]) -> None:
    """A short line that opens a longer paragraph is a heading ("Về công tác dân vận").

    A text file has no bold: a line of at most 12 words (16 when the next
    paragraph is three times longer), capitalised, with no closing punctuation,
    followed by a list or a paragraph at least twice as long is how drafters
    type an unnumbered heading. Such headings get level 6.
    """
    for i, b in enumerate(blocks[:-1]):
        if b.kind != "paragraph":
            continue
        line = text[b.content_start:b.end].strip()
        words = line.split()
        nxt = blocks[i + 1]
        if not (2 <= len(words) <= 16) or line.endswith(_TERMINAL) or not line[0].isupper():
            continue
        if re.search(r"\d{1,2}/\d{1,2}/\d{4}|ngày \d|^Số\b|^T/M\b|^TM\.", line):
            continue
        ratio = 2 if len(words) <= 12 else 3  # a longer line needs a clearly longer paragraph after it
        if nxt.kind == "list_item" or nxt.kind == "paragraph" and len(text[nxt.content_start:nxt.end].split()) >= ratio * len(words):
            b.kind, b.level = "heading", 6
