"""The labelled paragraph corpus that reportcheck's classifiers are trained on.

Every item is one paragraph of a (fictional) Vietnamese congress document,
labelled with exactly one *role* (which part of the report it belongs to)
and zero or more *weaknesses* (the paragraph-level weakness ids of
``taxonomy.md`` that a classifier can learn, plus ``targets`` and
``unfocused``). The corpus has two origins, both shipped as package data in
``reportcheck/corpus/``:

* ``handwritten.jsonl`` — paragraphs written one by one, many of them near
  misses (figures that are interpreted, shortcomings with a named owner,
  short dated target lists);
* ``fragments.yaml`` — banks of hand-written building blocks, turned into
  labelled paragraphs by the deterministic composer
  (:mod:`reportcheck.corpus.composer`).

See ``docs/corpus.md`` for the datasheet.

Example:

>>> from reportcheck.classify.corpus import load_corpus, ROLES, WEAKNESS_LABELS
>>> items = load_corpus()
>>> len(items) >= 2400
True
>>> items == load_corpus()          # deterministic
True
>>> item = items[0]
>>> item.role in ROLES and set(item.weaknesses) <= set(WEAKNESS_LABELS)
True
>>> sum("targets" in it.weaknesses for it in items) >= 150
True

Run ``python -m reportcheck.classify.corpus --stats`` for the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ROLES", "WEAKNESS_LABELS", "DOC_TYPES", "LEVELS", "SECTORS", "TERMS", "ORIGINS",
    "CorpusItem", "load_corpus", "load_handwritten", "load_fragments", "compose_items",
    "corpus_hash", "corpus_stats", "recipe_stats", "main",
]

#: The part of a report a paragraph belongs to (exactly one per item).
ROLES: tuple[str, ...] = (
    "results", "limitations", "cause-subjective", "cause-objective", "lesson", "direction",
    "task", "breakthrough", "responsibility", "remedy", "working-rules", "other",
)
#: Paragraph-level weaknesses (zero or more per item), in canonical order.
WEAKNESS_LABELS: tuple[str, ...] = ("listing", "numbers", "accountability", "unfocused", "targets")
DOC_TYPES: tuple[str, ...] = ("political", "review")
LEVELS: tuple[str, ...] = ("chi bộ", "cơ sở", "cấp trên cơ sở", "huyện", "tỉnh")
SECTORS: tuple[str, ...] = (
    "xã", "phường", "thị trấn", "cơ quan", "doanh nghiệp", "trường học", "bệnh viện",
    "công an", "quân đội", "huyện", "tỉnh",
)
TERMS: tuple[str, ...] = ("2015–2020", "2020–2025", "2025–2030")
ORIGINS: tuple[str, ...] = ("handwritten", "composed")

_DATA_PACKAGE = "reportcheck.corpus"
_HANDWRITTEN = "handwritten.jsonl"
_FRAGMENTS = "fragments.yaml"
_REQUIRED = ("id", "text", "role", "weaknesses", "doc_type", "level", "sector", "term")
_ALLOWED = set(_REQUIRED) | {"origin"}


@dataclass(frozen=True)
class CorpusItem:
    """One labelled paragraph.

    ``weaknesses`` is a tuple in the order of :data:`WEAKNESS_LABELS`;
    ``text`` is NFC-normalised. ``term`` is the term of the congress for a
    political report (its results look back on the previous term) and the
    term under review for a review report.

    >>> CorpusItem("x-1", "Đoạn văn.", "other", (), "political", "xã", "xã", "2025–2030",
    ...            "handwritten").has("numbers")
    False
    """

    id: str
    text: str
    role: str
    weaknesses: tuple[str, ...]
    doc_type: str
    level: str
    sector: str
    term: str
    origin: str

    def has(self, weakness: str) -> bool:
        """Whether the item carries ``weakness``."""
        return weakness in self.weaknesses

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (weaknesses as a list)."""
        d = asdict(self)
        d["weaknesses"] = list(self.weaknesses)
        return d


# ---------------------------------------------------------------------------
# Reading and validating
# ---------------------------------------------------------------------------
def _resource(name: str):
    return files(_DATA_PACKAGE).joinpath(name)


def _read_bytes(path: str | Path | None, default: str) -> tuple[bytes, str]:
    if path is None:
        res = _resource(default)
        return res.read_bytes(), f"{_DATA_PACKAGE}/{default}"
    p = Path(path)
    return p.read_bytes(), str(p)


def _validate(record: Any, where: str, origin_default: str) -> CorpusItem:
    """A CorpusItem from a raw record, or ValueError naming ``where``."""

    def bad(msg: str) -> ValueError:
        return ValueError(f"{where}: {msg}")

    if not isinstance(record, dict):
        raise bad("expected a JSON object")
    missing = [k for k in _REQUIRED if k not in record]
    if missing:
        raise bad(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(record) - _ALLOWED)
    if unknown:
        raise bad(f"unknown field(s) {', '.join(unknown)}")
    for key in _REQUIRED:
        if key != "weaknesses" and not isinstance(record[key], str):
            raise bad(f"field {key!r} must be a string")
    text = unicodedata.normalize("NFC", " ".join(record["text"].split()))
    if not text:
        raise bad("empty text")
    if not record["id"].strip():
        raise bad("empty id")
    role = record["role"]
    if role not in ROLES:
        raise bad(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
    weaknesses = record["weaknesses"]
    if not isinstance(weaknesses, list) or not all(isinstance(w, str) for w in weaknesses):
        raise bad("field 'weaknesses' must be a list of strings")
    for w in weaknesses:
        if w not in WEAKNESS_LABELS:
            raise bad(f"unknown weakness {w!r} (expected some of {', '.join(WEAKNESS_LABELS)})")
    if len(set(weaknesses)) != len(weaknesses):
        raise bad("repeated weakness")
    checks = (("doc_type", DOC_TYPES), ("level", LEVELS), ("sector", SECTORS), ("term", TERMS))
    values = {}
    for key, allowed in checks:
        value = unicodedata.normalize("NFC", record[key])
        if key == "term":
            value = value.replace("-", "–")
        if value not in allowed:
            raise bad(f"unknown {key} {record[key]!r} (expected one of {', '.join(allowed)})")
        values[key] = value
    origin = record.get("origin", origin_default)
    if origin not in ORIGINS:
        raise bad(f"unknown origin {origin!r} (expected one of {', '.join(ORIGINS)})")
    return CorpusItem(
        id=record["id"].strip(), text=text, role=role,
        weaknesses=tuple(w for w in WEAKNESS_LABELS if w in weaknesses),
        origin=origin, **values,
    )


def load_handwritten(path: str | Path | None = None) -> list[CorpusItem]:
    """The hand-written items, in file order.

    ``path`` defaults to the packaged ``handwritten.jsonl``. Raises
    ValueError ``"<file>:<line>: <problem>"`` on a malformed line, an unknown
    label or a repeated id; blank lines are skipped.
    """
    raw, name = _read_bytes(path, _HANDWRITTEN)
    items: list[CorpusItem] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(raw.decode("utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: invalid JSON ({exc.msg})") from None
        item = _validate(record, where, "handwritten")
        if item.id in seen:
            raise ValueError(f"{where}: id {item.id!r} already used on line {seen[item.id]}")
        seen[item.id] = lineno
        items.append(item)
    return items


def load_fragments(path: str | Path | None = None) -> dict[str, Any]:
    """The composer's fragment banks (``fragments.yaml`` unless ``path`` is given)."""
    raw, name = _read_bytes(path, _FRAGMENTS)
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{name}: invalid YAML ({exc})") from None
    if not isinstance(data, dict) or "sectors" not in data:
        raise ValueError(f"{name}: expected a mapping with a 'sectors' key")
    return data


def compose_items(seed: int = 0, fragments_path: str | Path | None = None,
                  avoid: Iterable[str] = ()) -> list[CorpusItem]:
    """The composed items for ``seed`` (texts in ``avoid`` are never produced)."""
    from ..corpus.composer import compose

    data = load_fragments(fragments_path)
    name = str(fragments_path) if fragments_path is not None else f"{_DATA_PACKAGE}/{_FRAGMENTS}"
    try:
        records = compose(data, seed=seed, avoid=set(avoid))
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ValueError(f"{name}: cannot compose ({exc})") from None
    out = []
    for rec in records:
        rec = {k: v for k, v in rec.items() if k in _ALLOWED}
        out.append(_validate(rec, f"{name}: composed {rec['id']}", "composed"))
    return out


def load_corpus(seed: int = 0, *, handwritten_path: str | Path | None = None,
                fragments_path: str | Path | None = None) -> list[CorpusItem]:
    """The whole corpus: hand-written items, then the items composed with ``seed``.

    Deterministic: the same arguments give the same list on every run and
    every machine. Different seeds give different composed paragraphs (same
    recipes and counts); the hand-written part does not depend on the seed.
    """
    hand = load_handwritten(handwritten_path)
    composed = compose_items(seed, fragments_path, avoid=(it.text for it in hand))
    return hand + composed


def corpus_hash(seed: int = 0, *, handwritten_path: str | Path | None = None,
                fragments_path: str | Path | None = None) -> str:
    """sha256 over the data files' bytes, the composer version and the seed.

    Line endings are normalised to ``\\n`` first, so a checkout with CRLF
    line endings hashes the same. Use it as a cache key for trained models.

    >>> len(corpus_hash())
    64
    """
    from ..corpus.composer import COMPOSER_VERSION

    h = hashlib.sha256()
    h.update(f"reportcheck-corpus\0composer={COMPOSER_VERSION}\0seed={seed}\0".encode())
    for path, default in ((handwritten_path, _HANDWRITTEN), (fragments_path, _FRAGMENTS)):
        raw, _ = _read_bytes(path, default)
        h.update(default.encode() + b"\0")
        h.update(raw.replace(b"\r\n", b"\n"))
        h.update(b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------
def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table; columns whose cells are all numbers or ranges are right-aligned."""
    rows = [[str(c) for c in row] for row in rows]

    def numeric(col: int) -> bool:
        return all(row[col].replace(".", "").replace("–", "").isdigit() for row in rows
                   if not row[col].startswith("**"))

    align = ["---:" if i and numeric(i) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def corpus_stats(items: Sequence[CorpusItem], seed: int = 0) -> str:
    """A Markdown report of the label and metadata counts of ``items``."""
    by_origin = Counter(it.origin for it in items)
    words = {o: [len(it.text.split()) for it in items if it.origin == o] for o in ORIGINS}
    parts = [
        f"Corpus: {len(items)} items ({by_origin['handwritten']} handwritten, "
        f"{by_origin['composed']} composed), seed {seed}.",
        "",
        "Words per item: " + "; ".join(
            f"{o} {min(w)}–{max(w)} (mean {sum(w) / len(w):.0f})" for o, w in words.items() if w) + ".",
        "",
        "### Roles × weaknesses",
        "",
    ]
    rows = []
    for role in ROLES:
        sub = [it for it in items if it.role == role]
        hand = sum(it.origin == "handwritten" for it in sub)
        rows.append([role, len(sub), hand, len(sub) - hand]
                    + [sum(it.has(w) for it in sub) for w in WEAKNESS_LABELS]
                    + [sum(not it.weaknesses for it in sub)])
    rows.append(["**total**", len(items), by_origin["handwritten"], by_origin["composed"]]
                + [sum(it.has(w) for it in items) for w in WEAKNESS_LABELS]
                + [sum(not it.weaknesses for it in items)])
    parts.append(_table(["role", "items", "handwritten", "composed", *WEAKNESS_LABELS, "none"], rows))
    parts += ["", "### Weaknesses", ""]
    rows = []
    for w in WEAKNESS_LABELS:
        pos = [it for it in items if it.has(w)]
        hand = sum(it.origin == "handwritten" for it in pos)
        rows.append([w, len(pos), hand, len(pos) - hand, len(items) - len(pos)])
    parts.append(_table(["weakness", "positives", "handwritten", "composed", "negatives"], rows))
    for title, key, order in (("Document types", "doc_type", DOC_TYPES), ("Levels", "level", LEVELS),
                              ("Sectors", "sector", SECTORS), ("Terms", "term", TERMS)):
        parts += ["", f"### {title}", ""]
        rows = []
        for value in order:
            sub = [it for it in items if getattr(it, key) == value]
            hand = sum(it.origin == "handwritten" for it in sub)
            rows.append([value, len(sub), hand, len(sub) - hand])
        parts.append(_table([key, "items", "handwritten", "composed"], rows))
    return "\n".join(parts) + "\n"


def recipe_stats(seed: int = 0, fragments_path: str | Path | None = None) -> str:
    """A Markdown table of the composer's recipes and how varied their output is.

    For each recipe: its role and weaknesses, the number of items, how many
    distinct three-word openings they have, the range of sentences and words
    per item, and the mean and maximum word-set Jaccard similarity over all
    pairs of its items (1.0 would mean two items use exactly the same words).
    """
    import re

    from ..corpus.composer import RECIPES, compose

    hand = load_handwritten()
    records = compose(load_fragments(fragments_path), seed=seed, avoid={it.text for it in hand})
    rows = []
    for name, role, weaknesses, _doc, _count, _method in RECIPES:
        texts = [r["text"] for r in records if r["recipe"] == name]
        if not texts:
            continue
        toks = [re.findall(r"\w+", t.lower()) for t in texts]
        sets = [set(t) for t in toks]
        sims = [len(a & b) / len(a | b) for i, a in enumerate(sets) for b in sets[i + 1:]]
        sents = [len(re.findall(r"[.!?](?:\s|$)", t)) for t in texts]
        words = [len(t) for t in toks]
        rows.append([name, role, ", ".join(weaknesses) or "–", len(texts),
                     len({" ".join(t[:3]) for t in toks}), f"{min(sents)}–{max(sents)}",
                     f"{min(words)}–{max(words)}",
                     f"{sum(sims) / len(sims):.2f}" if sims else "–",
                     f"{max(sims):.2f}" if sims else "–"])
    return _table(["recipe", "role", "weaknesses", "items", "openings", "sentences", "words",
                   "mean Jaccard", "max Jaccard"], rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m reportcheck.classify.corpus [--stats] [--recipes] [--jsonl] [--hash] [--seed N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m reportcheck.classify.corpus",
        description="Load the labelled paragraph corpus and report on it.")
    parser.add_argument("--stats", action="store_true", help="print Markdown tables of counts")
    parser.add_argument("--jsonl", action="store_true", help="print every item as a JSON line")
    parser.add_argument("--hash", action="store_true", help="print the corpus hash")
    parser.add_argument("--recipes", action="store_true",
                        help="print a Markdown table of the composer's recipes and their variety")
    parser.add_argument("--seed", type=int, default=0, help="composer seed (default 0)")
    args = parser.parse_args(argv)
    items = load_corpus(args.seed)
    out = sys.stdout
    if args.jsonl:
        for it in items:
            out.write(json.dumps(it.to_dict(), ensure_ascii=False) + "\n")
    if args.hash:
        out.write(corpus_hash(args.seed) + "\n")
    if args.recipes:
        out.write(recipe_stats(args.seed))
    if args.stats or not (args.jsonl or args.hash or args.recipes):
        out.write(corpus_stats(items, args.seed))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
