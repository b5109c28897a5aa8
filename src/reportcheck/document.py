"""The one data model every stage reads: a :class:`Document`.

A document is its extracted ``text`` plus annotations that are character
offsets into that text (the way spaCy keeps spans over one ``Doc``):
``blocks`` (headings, paragraphs, list items, table cells in document
order, each with its source location), and, computed lazily on first use
and cached, ``sentences``, ``tokens`` and ``sections``. Nothing downstream
copies text away from its place: a finding is an offset range.

>>> from reportcheck.readers import read_text
>>> doc = read_text("BÁO CÁO CHÍNH TRỊ\\n- Đã tổ chức 12 hội nghị.\\n", path="a.txt")
>>> [b.kind for b in doc.blocks]
['heading', 'list_item']
>>> doc.blocks[1].content
'Đã tổ chức 12 hội nghị.'
>>> doc.line_col(doc.blocks[1].start)
(2, 1)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Iterator

from .normalize import fold

if TYPE_CHECKING:  # pragma: no cover
    from .sections import Section

__all__ = ["Block", "Span", "Token", "Sentence", "Comment", "Document", "BLOCK_KINDS"]

_NEWLINE = re.compile("\n")

BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell")


@dataclass(slots=True)
class Block:
    """One heading, paragraph, list item or table cell, as a span of the text.

    ``start``/``end`` cover the whole line; ``content_start`` skips a typed
    list marker ("- ", "a) "), so :attr:`content` equals the paragraph text a
    word processor would show.
    """

    index: int
    kind: str
    start: int
    end: int
    content_start: int
    style: str | None = None
    #: heading level (1 = top) for headings, list level (0-based) for list items
    level: int | None = None
    #: "word" when Word numbering makes it a list item, "typed" when the marker is typed
    numbering: str | None = None
    #: Word numbering format ("bullet", "decimal", "lowerLetter", ...) or the typed marker kind
    num_format: str | None = None
    #: the typed marker ("-", "+", "a)", "1.", "I.") if any
    marker: str | None = None
    #: (table, row, column), 0-based, for table cells (nested tables: path joined by "." in table)
    table: tuple[int | str, int, int] | None = None
    bold: bool = False
    #: where it came from: {"line": n} for text files, {"paragraph": i} / {"table": ...} for .docx
    source: dict = field(default_factory=dict)
    #: Word comments anchored on this block (author, text)
    comments: list[tuple[str, str]] = field(default_factory=list)
    _doc: "Document | None" = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self._doc.text[self.start:self.end] if self._doc else ""

    @property
    def content(self) -> str:
        return self._doc.text[self.content_start:self.end] if self._doc else ""

    @property
    def line(self) -> int:
        return self._doc.line_col(self.start)[0] if self._doc else 0


class Span:
    """A range of a document's text. ``label`` says what it is."""

    __slots__ = ("doc", "start", "end", "label")

    def __init__(self, doc: "Document", start: int, end: int, label: str | None = None):
        self.doc, self.start, self.end, self.label = doc, start, end, label

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def norm(self) -> str:
        """Lower-case, NFC, one tone-mark convention (same length as ``text``)."""
        return self.doc.folded[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        t = self.text
        return f"<{type(self).__name__} {self.start}:{self.end} {t[:40]!r}{'…' if len(t) > 40 else ''}>"


class Token(Span):
    """A word (possibly several syllables), number, code or punctuation mark.

    ``kind`` is one of ``word``, ``term`` (a domain term kept whole), ``number``
    (figures, percentages, dates, ranges, amounts), ``code`` (35-CT/TW) or
    ``punct``. ``block`` is the index of the block it sits in.
    """

    __slots__ = ("kind", "block")

    def __init__(self, doc: "Document", start: int, end: int, kind: str, block: int):
        super().__init__(doc, start, end, None)
        self.kind, self.block = kind, block

    @property
    def is_word(self) -> bool:
        return self.kind in ("word", "term")


class Sentence(Span):
    """A sentence; never crosses a block boundary."""

    __slots__ = ("block",)

    def __init__(self, doc: "Document", start: int, end: int, block: int):
        super().__init__(doc, start, end, None)
        self.block = block


@dataclass(slots=True)
class Comment:
    """A comment found in the source (Word comment or suppression directive)."""

    block: int | None
    author: str
    text: str
    line: int | None = None


class Document:
    """A draft read into one text with annotations as offsets.

    Construct through :func:`reportcheck.load` or the readers; ``doc_type``
    is detected on first access unless given.
    """

    def __init__(
        self,
        text: str,
        blocks: list[Block],
        *,
        path: str = "<string>",
        source_format: str = "txt",
        doc_type: str | None = None,
        extra: dict[str, list[str]] | None = None,
        comments: list[Comment] | None = None,
        raw_offsets: list[int] | None = None,
        properties: dict | None = None,
    ):
        self.text = text
        self.blocks = blocks
        self.path = path
        self.source_format = source_format
        self._doc_type = doc_type
        #: text kept apart from the body: headers, footers, footnotes, endnotes
        self.extra = extra or {}
        self.comments = comments or []
        #: map from text offset to offset in the file's decoded text, when NFC changed it
        self.raw_offsets = raw_offsets
        #: format-level facts (page setup, fonts) used by format checks
        self.properties = properties or {}
        for b in blocks:
            b._doc = self
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._block_starts = [b.start for b in blocks]
        self._block_tokens: dict[int, list[Token]] = {}

    # -- type -----------------------------------------------------------
    @property
    def doc_type(self) -> str:
        """``political``, ``review`` or ``other`` (detected unless set)."""
        if self._doc_type is None:
            from .doctype import detect_doc_type

            self._doc_type = detect_doc_type(self)
        return self._doc_type

    @doc_type.setter
    def doc_type(self, value: str) -> None:
        if value not in ("political", "review", "other"):
            raise ValueError(f"doc_type must be political, review or other, not {value!r}")
        self._doc_type = value

    # -- positions --------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (or the one just before it)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        return self.blocks[i] if i >= 0 else None

    def span(self, start: int, end: int, label: str | None = None) -> Span:
        return Span(self, start, end, label)

    # -- lazy analysis ------------------------------------------------------
    @cached_property
    def folded(self) -> str:
        """Lower-case normalised text, offset-aligned with :attr:`text`."""
        f = fold(self.text)
        if len(f) != len(self.text):  # exotic case mapping changed the length
            f = "".join(fold(c) if len(fold(c)) == 1 else c for c in self.text)
        return f

    @cached_property
    def sentences(self) -> list[Sentence]:
        from .nlp import split_sentences

        return split_sentences(self)

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token of the document, block by block (segments the blocks not yet segmented)."""
        return [t for b in self.blocks for t in self.block_tokens(b.index)]

    def forget_tokens(self) -> None:
        """Drop the tokens computed so far (they are the bulk of a checked document's memory).

        They are segmented again if asked for; a batch calls this once a
        document is checked, so a report of thousands of documents keeps
        their text and structure, not a token object per word.
        """
        self._block_tokens = {}
        self.__dict__.pop("tokens", None)

    def block_tokens(self, index: int) -> list[Token]:
        """Tokens of block ``index``, segmented by underthesea on first request.

        Checks ask only for the blocks they need (figures are counted only in
        paragraphs that contain a digit), so a check never pays for segmenting
        the rest of the draft.
        """
        cache = self._block_tokens
        toks = cache.get(index)
        if toks is None:
            from .nlp import tokenize_block

            toks = cache[index] = tokenize_block(self, self.blocks[index])
        return toks

    @cached_property
    def sections(self) -> "list[Section]":
        from .sections import find_sections

        return find_sections(self)

    @cached_property
    def words(self) -> int:
        """Number of syllables/words as ``wc -w`` would count them (body only)."""
        return len(self.text.split())

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens lying inside ``[start, end)`` (only the blocks it touches are segmented)."""
        return [t for b in self.blocks_in(start, end) for t in self.block_tokens(b.index)
                if start <= t.start and t.end <= end]

    def blocks_in(self, start: int, end: int) -> Iterator[Block]:
        i = max(bisect.bisect_right(self._block_starts, start) - 1, 0)
        for b in self.blocks[i:]:
            if b.start >= end:
                break
            if b.end > start:
                yield b

    def __repr__(self) -> str:  # pragma: no cover
        return f"<Document {self.path!r} {self.source_format} blocks={len(self.blocks)}>"
