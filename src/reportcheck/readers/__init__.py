"""Readers: a file in, a :class:`~reportcheck.document.Document` out.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("BÁO CÁO KIỂM ĐIỂM\\nNội dung.\\n", encoding="utf-8")
>>> load(p).doc_type
'review'
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import ReadError
from .text import decode_text, read_text

__all__ = ["load", "sniff_doc_type", "read_text", "decode_text", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".docx", ".txt", ".md")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load(path: str | Path, *, doc_type: str | None = None, display_path: str | None = None) -> Document:
    """Read a .docx, .txt or .md file into a Document.

    Raises :class:`~reportcheck.errors.ReadError` with a ``code`` from
    output-schema.md when the file cannot be read. The file is only read.
    """
    p = Path(path)
    shown = display_path or str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(shown, "not-found", "không tìm thấy tệp") from None
    except IsADirectoryError:
        raise ReadError(shown, "read-error", "đây là thư mục, không phải tệp") from None
    except OSError as exc:
        raise ReadError(shown, "read-error", f"không đọc được tệp ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReadError(shown, "empty-file", "tệp rỗng, không có nội dung")
    suffix = p.suffix.lower()
    if suffix in (".docx", ".docm", ".dotx", ".dotm"):
        if data.startswith(_OLE_MAGIC):
            from .docx import ole_error

            raise ole_error(shown, data)
        if not data.startswith(_ZIP_MAGIC):
            raise ReadError(shown, "wrong-extension",
                            "tệp có đuôi .docx nhưng nội dung không phải tài liệu Word (.docx)")
        from .docx import read_docx

        doc = read_docx(data, path=shown)
    elif suffix in (".txt", ".md", ".markdown", ""):
        if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC) or data.startswith(b"%PDF"):
            raise ReadError(shown, "wrong-extension",
                            f"tệp có đuôi {suffix or '(không có)'} nhưng là tệp nhị phân (Word, PDF hoặc nén), không phải văn bản")
        text = decode_text(data, shown)
        doc = read_text(text, path=shown, markdown=suffix in (".md", ".markdown"))
    elif suffix == ".doc":
        raise ReadError(shown, "unsupported-format",
                        "định dạng .doc (Word 97–2003) chưa được hỗ trợ; hãy lưu lại thành .docx")
    else:
        raise ReadError(shown, "unsupported-format",
                        f"không hỗ trợ định dạng {suffix}; chỉ đọc .docx, .txt, .md")
    if not doc.blocks:
        raise ReadError(shown, "empty-file", "tệp không có nội dung văn bản")
    if doc_type:
        doc.doc_type = doc_type
    return doc


def sniff_doc_type(path: str | Path, *, head_blocks: int = 16) -> str | None:
    """The type of the document in ``path``, read from its opening; None when unreadable.

    The type comes from the title among the first 15 blocks
    (:func:`~reportcheck.doctype.detect_doc_type`, which may look at the
    16th), so only the opening lines of a text file are parsed; a .docx is read whole. Batches use it
    to pair reviews with political reports before checking anything.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("ĐẢNG BỘ XÃ AN BÌNH\\nBÁO CÁO CHÍNH TRỊ\\n" + "Nội dung.\\n" * 5000, encoding="utf-8")
    >>> sniff_doc_type(p)
    'political'
    """
    p = Path(path)
    if p.suffix.lower() not in (".txt", ".md", ".markdown", ""):
        try:
            return load(p).doc_type
        except ReadError:
            return None
    try:
        data = p.read_bytes()
    except OSError:
        return None
    if not data.strip() or data.startswith((_ZIP_MAGIC, _OLE_MAGIC, b"%PDF")):
        return None
    try:
        text = decode_text(data, str(path))
    except ReadError:
        return None
    head, seen = [], 0
    for line in text.split("\n"):
        head.append(line)
        seen += bool(line.strip())
        if seen >= head_blocks:
            break
    doc = read_text("\n".join(head), markdown=p.suffix.lower() in (".md", ".markdown"))
    return doc.doc_type if doc.blocks else None
