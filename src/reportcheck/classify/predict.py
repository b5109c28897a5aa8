"""Paragraph probabilities for the rules engine and role labels for the section model.

``paragraph_probabilities(doc, blocks, label, config)`` is what the
``classifier`` check kind calls; ``role_labeler(doc, blocks)`` plugs into
:func:`reportcheck.sections.find_sections` (``labeler=``).

Models come from the configured ``model_dir`` when it has the label (models
written by ``reportcheck train``), else from the models trained on the
shipped corpus (cached, see :mod:`reportcheck.classify.store`).

A list item is classified together with the run of list items it belongs
to and the lead-in line before it ("Trong nhiệm kỳ, thị trấn đã:"): the
models learnt from paragraphs, and one bullet alone says little about
whether the passage enumerates or recites figures.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Sequence

from ..document import Block, Document

__all__ = ["paragraph_probabilities", "role_labeler", "role_probabilities", "block_texts", "body_blocks",
           "CORPUS_TO_SECTION_ROLE", "ROLE_THRESHOLD", "bundle_for"]

#: corpus role names → section roles (:data:`reportcheck.sections.ROLES`)
CORPUS_TO_SECTION_ROLE = {
    "lesson": "lessons", "direction": "directions", "task": "tasks", "breakthrough": "breakthroughs",
    "remedy": "remedies",
}
_SECTION_TO_CORPUS_ROLE = {v: k for k, v in CORPUS_TO_SECTION_ROLE.items()}

#: a role is given only when its probability reaches this
ROLE_THRESHOLD = 0.6

_features_cache: "weakref.WeakKeyDictionary[Document, dict]" = weakref.WeakKeyDictionary()


def _list_run(doc: Document, b: Block) -> list[Block] | None:
    """The lead-in paragraph (ending with ":") and the run of list items ``b`` belongs to, or None."""
    blocks = doc.blocks
    if not (b.index < len(blocks) and blocks[b.index] is b):
        return None
    if b.kind == "list_item":
        i = b.index
    elif b.kind == "paragraph" and b.content.rstrip().endswith(":") and b.index + 1 < len(blocks) \
            and blocks[b.index + 1].kind == "list_item":
        i = b.index + 1
    else:
        return None
    j = i
    while i > 0 and blocks[i - 1].kind == "list_item":
        i -= 1
    while j + 1 < len(blocks) and blocks[j + 1].kind == "list_item":
        j += 1
    run = blocks[i:j + 1]
    if i > 0 and blocks[i - 1].kind == "paragraph" and blocks[i - 1].content.rstrip().endswith(":"):
        run = [blocks[i - 1], *run]
    return run


def block_texts(doc: Document, blocks: Sequence[Block], context: bool = True) -> list[str]:
    """The text each block is classified on.

    With ``context``, a list item (and the lead-in paragraph ending with ":"
    before a list) is classified as its whole list, typed as "- " lines.
    """
    out = []
    for b in blocks:
        run = _list_run(doc, b) if context else None
        if run:
            out.append("\n".join(f"- {x.content.strip()}" if x.kind == "list_item" else x.content.strip()
                                 for x in run))
        else:
            out.append(b.content.strip())
    return out


def body_blocks(doc: Document) -> list[Block]:
    """Paragraphs and list items outside the header, title and closing parts (no headings, no cells)."""
    skip: set[int] = set()
    for s in doc.sections:
        if s.role in ("header", "title", "closing"):
            skip.update(x.index for x in doc.blocks_in(s.start, s.end))
    return [b for b in doc.blocks if b.kind in ("paragraph", "list_item") and b.index not in skip]


def _warn(msg: str) -> None:
    warnings.warn(msg, RuntimeWarning, stacklevel=3)


def bundle_for(label: str, config=None):
    """The bundle that has ``label``: the configured model_dir first, then the default models."""
    from .store import ModelError, configured_bundle, default_bundle

    model_dir = getattr(config, "model_dir", None) if config is not None else None
    if model_dir is not None:
        try:
            b = configured_bundle(model_dir)
            if b.has(label):
                return b
        except ModelError as exc:
            _warn(f"reportcheck: {exc}; dùng mô hình mặc định")
    b = default_bundle()
    return b if b is not None and b.has(label) else None


def _normalise_label(label: str) -> str:
    if label.startswith("role:"):
        role = label[5:]
        return "role:" + _SECTION_TO_CORPUS_ROLE.get(role, role)
    return label


def _transform(bundle, doc: Document, blocks: Sequence[Block], texts: list[str], context: bool = True):
    key = (id(bundle), context, tuple(b.index for b in blocks))
    try:
        cache = _features_cache.setdefault(doc, {})
    except TypeError:  # not weak-referenceable: no cache
        return bundle.transform(texts)
    hit = cache.get(key)
    if hit is None or hit[0] is not bundle:
        hit = (bundle, bundle.transform(texts))
        cache[key] = hit
    return hit[1]


def paragraph_probabilities(doc: Document, blocks: Sequence[Block], label: str, config=None) -> list[float] | None:
    """P(``label``) for each block, aligned with ``blocks``; None when no model has the label.

    ``label`` is a weakness id (``listing``, ``numbers``, ``accountability``,
    ``unfocused``, ``targets``, or any label of a configured model_dir) or
    ``"role:<role>"`` (corpus role names or section role names).
    """
    if not blocks:
        return []
    label = _normalise_label(label)
    if not label.startswith("role:") and getattr(config, "model_dir", None) is None:
        from .store import default_linear

        fast = default_linear()
        if fast is not None and fast.has(label):
            texts = block_texts(doc, blocks)
            return [float(p) for p in fast.predict_proba(label, texts, _transform(fast, doc, blocks, texts))]
    bundle = bundle_for(label, config)
    if bundle is None:
        return None
    texts = block_texts(doc, blocks)
    X = _transform(bundle, doc, blocks, texts)
    return [float(p) for p in bundle.predict_proba(label, texts, X)]


def role_probabilities(doc: Document, blocks: Sequence[Block], config=None) -> tuple[list[str], list[list[float]]] | None:
    """(section role names, probability rows) for ``blocks``, or None without a role model."""
    bundle = None
    model_dir = getattr(config, "model_dir", None) if config is not None else None
    from .store import ModelError, configured_bundle, default_bundle

    if model_dir is not None:
        try:
            b = configured_bundle(model_dir)
            bundle = b if b.role is not None else None
        except ModelError as exc:
            _warn(f"reportcheck: {exc}; dùng mô hình mặc định")
    if bundle is None:
        bundle = default_bundle()
    if bundle is None or bundle.role is None:
        return None
    if not blocks:
        return [CORPUS_TO_SECTION_ROLE.get(r, r) for r in bundle.roles], []
    texts = block_texts(doc, blocks)
    names, proba = bundle.role_proba(texts, _transform(bundle, doc, blocks, texts))
    return [CORPUS_TO_SECTION_ROLE.get(r, r) for r in names], proba.tolist()


def role_labeler(doc: Document, blocks: Sequence[Block], config=None) -> list[str | None]:
    """The section role of each block when the role model gives it probability ≥ 0.6, else None.

    ``other`` is never returned (it names no part). Pass as
    ``find_sections(doc, labeler=role_labeler)``.
    """
    if not blocks:
        return []
    res = role_probabilities(doc, blocks, config)
    if res is None:
        return [None] * len(blocks)
    names, rows = res
    out: list[str | None] = []
    for row in rows:
        k = max(range(len(row)), key=row.__getitem__)
        out.append(names[k] if row[k] >= ROLE_THRESHOLD and names[k] != "other" else None)
    return out
