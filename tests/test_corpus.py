"""The labelled training corpus: size, balance, validity, determinism, provenance."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from reportcheck.classify.corpus import (
    ROLES,
    WEAKNESS_LABELS,
    CorpusItem,
    corpus_hash,
    load_corpus,
    load_handwritten,
    main,
)
from reportcheck.corpus.composer import n_figures

ROOT = Path(__file__).resolve().parents[1]
MIN_POSITIVES = 150


@pytest.fixture(scope="module")
def corpus() -> list[CorpusItem]:
    return load_corpus()


def _shared() -> Path | None:
    env = os.environ.get("REPORTCHECK_SHARED")
    cand = Path(env) if env else Path(__file__).resolve().parents[2] / "shared"
    return cand if cand.is_dir() else None


# -- determinism --------------------------------------------------------------
def test_two_loads_are_equal(corpus):
    assert load_corpus() == corpus


def test_same_corpus_under_another_hash_seed(corpus):
    """Python's string hashing must not leak into the output (same on every machine)."""
    code = ("import hashlib, json; from reportcheck.classify.corpus import load_corpus; "
            "print(hashlib.sha256(json.dumps([i.to_dict() for i in load_corpus()], "
            "ensure_ascii=False).encode()).hexdigest())")
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    import hashlib
    here = hashlib.sha256(json.dumps([i.to_dict() for i in corpus], ensure_ascii=False).encode()).hexdigest()
    assert out == here


def test_other_seed_changes_only_the_composed_part(corpus):
    other = load_corpus(seed=1)
    hand = [i for i in corpus if i.origin == "handwritten"]
    assert [i for i in other if i.origin == "handwritten"] == hand
    composed_texts = {i.text for i in corpus if i.origin == "composed"}
    other_texts = {i.text for i in other if i.origin == "composed"}
    assert len(composed_texts & other_texts) < 0.2 * len(composed_texts)


def test_corpus_hash_is_stable_and_tracks_the_data(tmp_path):
    assert corpus_hash() == corpus_hash()
    assert re.fullmatch(r"[0-9a-f]{64}", corpus_hash())
    assert corpus_hash(seed=1) != corpus_hash()
    src = ROOT / "src" / "reportcheck" / "corpus" / "handwritten.jsonl"
    copy = tmp_path / "handwritten.jsonl"
    copy.write_bytes(src.read_bytes())
    assert corpus_hash(handwritten_path=copy) == corpus_hash()
    copy.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
    assert corpus_hash(handwritten_path=copy) == corpus_hash()   # line endings do not matter
    copy.write_bytes(src.read_bytes()[:-200])
    assert corpus_hash(handwritten_path=copy) != corpus_hash()


# -- size and balance ------------------------------------------------------------
def test_size(corpus):
    assert len(corpus) >= 2400
    assert sum(i.origin == "handwritten" for i in corpus) >= 400


@pytest.mark.parametrize("weakness", WEAKNESS_LABELS)
def test_every_weakness_has_enough_positives(corpus, weakness):
    positives = [i for i in corpus if i.has(weakness)]
    assert len(positives) >= MIN_POSITIVES
    assert any(i.origin == "handwritten" for i in positives)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_present_with_enough_items(corpus, role):
    items = [i for i in corpus if i.role == role]
    assert len(items) >= MIN_POSITIVES
    assert any(i.origin == "handwritten" for i in items)
    assert any(not i.weaknesses for i in items), "every role needs clean (negative) examples"


def test_metadata_values_all_used(corpus):
    for field in ("doc_type", "level", "sector", "term", "origin"):
        assert len(Counter(getattr(i, field) for i in corpus)) >= 2, field
    for item in corpus:
        if item.sector in ("huyện", "tỉnh") or item.level in ("huyện", "tỉnh"):
            assert item.sector == item.level, item.id


# -- text hygiene ----------------------------------------------------------------
def test_text_is_nfc_and_not_empty(corpus):
    for item in corpus:
        assert item.text.strip(), item.id
        assert unicodedata.normalize("NFC", item.text) == item.text, item.id
        assert item.text == " ".join(item.text.split()), item.id


def test_no_duplicate_texts_or_ids(corpus):
    texts = Counter(i.text for i in corpus)
    assert [t[:60] for t, n in texts.items() if n > 1] == []
    ids = Counter(i.id for i in corpus)
    assert [k for k, n in ids.items() if n > 1] == []


def test_paragraph_lengths(corpus):
    for item in corpus:
        assert 25 <= len(item.text.split()) <= 150, (item.id, len(item.text.split()))


def test_weaknesses_are_canonical_tuples(corpus):
    for item in corpus:
        assert isinstance(item.weaknesses, tuple)
        assert list(item.weaknesses) == [w for w in WEAKNESS_LABELS if w in item.weaknesses]


# -- label sanity ---------------------------------------------------------------
def test_numbers_items_carry_many_figures(corpus):
    for item in corpus:
        if item.has("numbers"):
            assert n_figures(item.text) >= 5, item.id


def test_measurable_targets_have_figures_or_dates(corpus):
    """A direction, task, breakthrough or remedy without `targets` names something measurable."""
    for item in corpus:
        if item.role in ("direction", "task", "breakthrough", "remedy") and not item.has("targets"):
            assert re.search(r"\d|ít nhất|mỗi (năm|quý|tháng|học kỳ)|hằng (năm|quý|tháng)", item.text, re.I), item.id


def test_near_miss_negatives_exist(corpus):
    """Results with interpreted figures, attributed shortcomings, short dated target lists."""
    figures_but_clean = [i for i in corpus if i.role == "results" and not i.weaknesses
                         and n_figures(i.text) >= 4]
    attributed = [i for i in corpus if i.role == "limitations" and not i.has("accountability")
                  and re.search(r"đồng chí|Ban Thường vụ|chi bộ", i.text)]
    dated_lists = [i for i in corpus if i.role == "direction" and not i.weaknesses
                   and i.text.count(";") >= 2]
    assert len(figures_but_clean) >= 50
    assert len(attributed) >= 80
    assert len(dated_lists) >= 50


# -- validation of the hand-written file ------------------------------------------
GOOD = {"id": "t-1", "text": "Một đoạn văn có đủ nội dung để kiểm tra bộ nạp.", "role": "results",
        "weaknesses": [], "doc_type": "political", "level": "cơ sở", "sector": "xã",
        "term": "2020–2025"}


@pytest.mark.parametrize("bad_line, message", [
    ("{not json", "invalid JSON"),
    (json.dumps(dict(GOOD, id="t-2", role="conclusion"), ensure_ascii=False), "unknown role"),
    (json.dumps(dict(GOOD, id="t-2", weaknesses=["overlap"]), ensure_ascii=False), "unknown weakness"),
    (json.dumps(dict(GOOD, id="t-2", level="thôn"), ensure_ascii=False), "unknown level"),
    (json.dumps(dict(GOOD, id="t-2", text="   "), ensure_ascii=False), "empty text"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "term"}, ensure_ascii=False), "missing field"),
    (json.dumps(GOOD, ensure_ascii=False), "already used"),
])
def test_malformed_line_names_file_and_line(tmp_path, bad_line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{path}:3:") + ".*" + message):
        load_handwritten(path)
    with pytest.raises(ValueError, match=re.escape(f"{path}:3:")):
        load_corpus(handwritten_path=path)


def test_loader_normalises_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", GOOD["text"])
    path = tmp_path / "nfd.jsonl"
    path.write_text(json.dumps(dict(GOOD, text=decomposed), ensure_ascii=False) + "\n", encoding="utf-8")
    (item,) = load_handwritten(path)
    assert item.text == unicodedata.normalize("NFC", GOOD["text"])
    assert item.origin == "handwritten" and item.weaknesses == ()


# -- the command line ----------------------------------------------------------
def test_stats_prints_markdown_tables(capsys):
    assert main(["--stats"]) == 0
    out = capsys.readouterr().out
    assert "| role | items |" in out
    for label in (*ROLES, *WEAKNESS_LABELS):
        assert f"| {label} |" in out


# -- provenance: nothing copied from the evaluation set -------------------------------
def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def _sentences(text: str) -> list[list[str]]:
    return [_tokens(s) for s in re.split(r"(?<=[.;:!?])\s+|\n+", text)]


def test_no_sentence_shared_with_eval_dev(corpus):
    shared = _shared()
    if shared is None:
        pytest.skip("../shared is not beside the checkout (set REPORTCHECK_SHARED to run this test)")
    eval_files = sorted((shared / "eval-dev").rglob("*.txt"))
    if not eval_files:
        pytest.skip(f"no eval-dev .txt files under {shared}")
    eval_texts = [f.read_text(encoding="utf-8") for f in eval_files]
    haystack_eval = "\n".join(" " + " ".join(_tokens(line)) + " "
                              for t in eval_texts for line in t.splitlines())
    haystack_corpus = "\n".join(" " + " ".join(_tokens(i.text)) + " " for i in corpus)
    found = []
    for text in eval_texts:           # a long eval sentence inside a corpus item
        for sent in _sentences(text):
            if len(sent) > 12 and f" {' '.join(sent)} " in haystack_corpus:
                found.append(" ".join(sent))
    for item in corpus:               # a long corpus sentence inside an eval file
        for sent in _sentences(item.text):
            if len(sent) > 12 and f" {' '.join(sent)} " in haystack_eval:
                found.append(f"{item.id}: {' '.join(sent)}")
    assert found == []
