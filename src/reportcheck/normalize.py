"""Unicode normalisation for Vietnamese text.

Two steps are applied before anything is matched:

1. Unicode NFC (composed characters). Text decoded from legacy encodings or
   typed on some keyboards arrives decomposed (``a`` + U+0300); NFC composes
   it. :func:`to_nfc` also returns a map back to the original offsets.
2. One tone-mark convention. Vietnamese writes the tone of ``oa``, ``oe`` and
   ``uy`` at the end of an open syllable on either vowel (``hoà``/``hòa``,
   ``thuỷ``/``thủy``, ``uỷ``/``ủy``). :func:`unify_tone_marks` moves it to
   the first vowel (the convention of most Party documents). On NFC text the
   change never alters the length, so offsets stay valid.

>>> unify_tone_marks("Uỷ ban hoà giải, thuỷ lợi, khoẻ mạnh, quý")
'Ủy ban hòa giải, thủy lợi, khỏe mạnh, quý'
>>> to_nfc("ho\u0300a")[0] == "hòa"
True
>>> fold("Hoà Bình")
'hòa bình'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["to_nfc", "unify_tone_marks", "fold", "strip_diacritics", "normalize"]

_TONES = {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}


def _split_tone(ch: str) -> tuple[str, str]:
    """Return (char without tone, tone combining mark or '')."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONES)
    rest = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", rest), tone


def _build_tables() -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], str]]:
    toned: dict[str, tuple[str, str]] = {}
    compose: dict[tuple[str, str], str] = {}
    for base in "aeyouAEYOU":
        for tone in _TONES:
            ch = unicodedata.normalize("NFC", base + tone)
            toned[ch] = (base, tone)
            compose[(base, tone)] = ch
    return toned, compose


_TONED, _COMPOSE = _build_tables()
_SECOND = "".join(c for c, (b, _) in _TONED.items() if b in "aeyAEY")
# o+a/e or u+y at the end of a syllable, the second vowel carrying the tone.
_MOVABLE = re.compile(rf"(?<![qQ])([oOuU])([{_SECOND}])(?!\w)")


def _move(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    base2, tone = _TONED[second]
    pair = (first.lower() + base2.lower())
    if pair not in ("oa", "oe", "uy"):
        return match.group(0)
    return _COMPOSE[(first, tone)] + base2


def unify_tone_marks(text: str) -> str:
    """Put the tone of open ``oa``/``oe``/``uy`` on the first vowel.

    Length-preserving on NFC input.

    >>> unify_tone_marks("Thuỷ sản, xoá đói")
    'Thủy sản, xóa đói'
    """
    return _MOVABLE.sub(_move, text)


def to_nfc(raw: str) -> tuple[str, list[int] | None]:
    """Compose ``raw`` to NFC; return the text and a map text index → raw index.

    The map is ``None`` when ``raw`` was already NFC (the common case), in
    which case offsets are identical.

    >>> text, back = to_nfc("Vie\u0302\u0323t Nam")
    >>> text, back[5]
    ('Việt Nam', 7)
    """
    if unicodedata.is_normalized("NFC", raw):
        return raw, None
    out: list[str] = []
    back: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        piece = unicodedata.normalize("NFC", raw[i:j])
        out.append(piece)
        back.extend([i] * len(piece))
        i = j
    back.append(n)
    return "".join(out), back


def normalize(raw: str) -> str:
    """NFC plus the tone-mark convention: the form every match runs on.

    >>> normalize("Ban Chấp ha\u0300nh, uỷ viên")
    'Ban Chấp hành, ủy viên'
    """
    return unify_tone_marks(unicodedata.normalize("NFC", raw))


def fold(text: str) -> str:
    """Lower-case normalised form used for phrase matching.

    >>> fold("TĂNG CƯỜNG Hoà")
    'tăng cường hòa'
    """
    return unify_tone_marks(unicodedata.normalize("NFC", text)).lower()


_STRIP = str.maketrans({"đ": "d", "Đ": "D"})


def strip_diacritics(text: str) -> str:
    """Remove every diacritic (for titles typed without them).

    >>> strip_diacritics("BÁO CÁO CHÍNH TRỊ Đảng")
    'BAO CAO CHINH TRI Dang'
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFD", text.translate(_STRIP)).translate(_COMBINING)


class _CombiningMarks(dict):
    """A ``str.translate`` table deleting combining marks, filled in as characters are met."""

    def __missing__(self, cp: int) -> int | None:
        value = None if unicodedata.combining(chr(cp)) else cp
        self[cp] = value
        return value


_COMBINING = _CombiningMarks()
