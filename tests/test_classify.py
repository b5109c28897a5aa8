"""Classifiers: training on a small fixture, determinism, `reportcheck train`, and where models load from."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from reportcheck.classify import model as M
from reportcheck.classify import predict, store
from reportcheck.config import Config
from reportcheck.readers import read_text

TOPICS = [
    "xây dựng nông thôn mới", "giao thông nông thôn", "chuyển đổi số", "cải cách hành chính",
    "giáo dục và đào tạo", "y tế cơ sở", "bảo vệ môi trường", "quốc phòng địa phương",
    "công tác dân vận", "phát triển du lịch", "quản lý đất đai", "an sinh xã hội",
    "công tác kiểm tra, giám sát", "phát triển đảng viên", "khuyến nông", "văn hóa cơ sở",
]

# passages that enumerate activities without judging them
LISTING = [
    "Về {t}: đã tổ chức {a} hội nghị; đã ban hành {b} văn bản chỉ đạo; đã triển khai {c} mô hình; "
    "đã kiểm tra {d} cơ sở; đã vận động {e} hộ tham gia.",
    "Trong lĩnh vực {t}, Đảng bộ đã tổ chức quán triệt; đã xây dựng kế hoạch; đã thành lập ban chỉ đạo; "
    "đã tổ chức {a} lớp tập huấn; đã tổ chức sơ kết, tổng kết; đã khen thưởng {b} tập thể.",
]
# passages that judge results: quality, effect, cause
EVALUATIVE = [
    "Công tác {t} có chuyển biến rõ nét so với nhiệm kỳ trước: chất lượng được nâng lên, nhờ cấp ủy sâu sát "
    "cơ sở; tuy nhiên hiệu quả chưa đồng đều, nơi làm tốt là nơi người đứng đầu trực tiếp chỉ đạo.",
    "Kết quả {t} cho thấy chủ trương của Nghị quyết là đúng, nhưng tác động đến đời sống Nhân dân còn chậm; "
    "nguyên nhân chính là nguồn lực dàn trải, chưa chọn được khâu trọng tâm để tập trung.",
]


def _items(templates: list[str], offset: int) -> list[str]:
    out = []
    for k, t in enumerate(TOPICS):
        tpl = templates[k % len(templates)]
        out.append(tpl.format(t=t, a=3 + k + offset, b=5 + 2 * k, c=2 + k, d=11 + k, e=40 + 7 * k))
    return out


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """Models never touch the real user cache; no default (corpus) models are trained in these tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    store._memo.clear()
    yield
    store._memo.clear()


def _fixture():
    pos, neg = _items(LISTING, 0), _items(EVALUATIVE, 0)
    return pos, neg


def test_fixture_model_predicts_held_out_items():
    pos, neg = _fixture()
    train_idx = [i for i in range(len(TOPICS)) if i % 4 != 3]
    held = [i for i in range(len(TOPICS)) if i % 4 == 3]
    texts = [pos[i] for i in train_idx] + [neg[i] for i in train_idx]
    y = [1] * len(train_idx) + [0] * len(train_idx)
    bundle = M.train_bundle(texts, {"listing": y})
    p_pos = bundle.predict_proba("listing", [pos[i] for i in held])
    p_neg = bundle.predict_proba("listing", [neg[i] for i in held])
    assert (p_pos > 0.5).all(), p_pos
    assert (p_neg < 0.5).all(), p_neg
    # an unseen paragraph in a third phrasing
    extra = ("Năm 2024, xã đã tổ chức 4 hội nghị; đã cấp 120 thẻ bảo hiểm y tế; đã sửa 3 nhà văn hóa; "
             "đã trồng 900 cây xanh; đã tập huấn cho 85 hộ.")
    assert bundle.predict_proba("listing", [extra])[0] > 0.5


def test_role_model_and_multiclass_probabilities():
    pos, neg = _fixture()
    texts = pos + neg
    roles = ["results"] * len(pos) + ["lesson"] * len(neg)
    bundle = M.train_bundle(texts, {}, roles)
    names, proba = bundle.role_proba(texts)
    assert names == ["lesson", "results"]
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba.argmax(axis=1) == np.array([1] * len(pos) + [0] * len(neg))).mean() >= 0.9


def test_training_is_deterministic():
    pos, neg = _fixture()
    texts, y = pos + neg, [1] * len(pos) + [0] * len(neg)
    probe = [pos[0], neg[0], "Đã tổ chức hội nghị; đã ban hành kế hoạch; đã kiểm tra."]
    a = M.train_bundle(texts, {"listing": y}).predict_proba("listing", probe)
    b = M.train_bundle(texts, {"listing": y}).predict_proba("listing", probe)
    assert np.array_equal(a, b)


def test_measured_features_are_plain_numbers():
    rows = M.text_stats(["Đã tổ chức 12 hội nghị; đạt 99,5% kế hoạch.", "Ban Thường vụ chịu trách nhiệm."])
    assert rows.shape == (2, len(M.STAT_NAMES))
    stats = dict(zip(M.STAT_NAMES, rows[0]))
    assert stats["figures_per_100w"] > 0 and stats["semicolons"] == 1
    assert dict(zip(M.STAT_NAMES, rows[1]))["agents"] >= 1


def _write_labelled_set(root: Path) -> None:
    pos, neg = _fixture()
    labels = {}
    for u in range(4):
        lines = ["BÁO CÁO CHÍNH TRỊ", "I. KẾT QUẢ"]
        listing_lines = []
        for k in range(4):
            i = u * 4 + k
            if u < 2:  # documents labelled listing: positives on their lines, one unlabelled paragraph
                lines.append(pos[i])
                listing_lines.append(len(lines))
            else:
                lines.append(neg[i])
        if u < 2:
            lines.append(neg[u])  # not on `lines`: left out of training
        (root / "units" / f"u{u}").mkdir(parents=True)
        (root / "units" / f"u{u}" / "political.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        labels[f"units/u{u}/political.txt"] = {
            "doc_type": "political", "level": "xã",
            "weaknesses": ["listing"] if u < 2 else [],
            "lines": {"listing": listing_lines} if u < 2 else {},
        }
    (root / "labels.json").write_text(json.dumps({"documents": labels}, ensure_ascii=False), encoding="utf-8")


def test_train_command_writes_a_model_dir_that_config_uses(tmp_path, capsys, monkeypatch):
    from reportcheck.cli import main
    from reportcheck.commands.train import read_labelled_set

    labelled = tmp_path / "labels"
    _write_labelled_set(labelled)
    data = read_labelled_set(labelled)
    assert data.counts("listing") == (8, 8)  # the unlabelled paragraphs of listing documents are left out

    out = tmp_path / "my-models"
    assert main(["train", str(labelled), "--out", str(out), "--folds", "3"]) == 0
    printed = capsys.readouterr().out
    assert "| listing |" in printed and "model_dir" in printed
    assert (out / store.MODEL_FILE).is_file()
    meta = json.loads((out / store.META_FILE).read_text(encoding="utf-8"))
    assert meta["labels"] == ["listing"] and "listing" in meta["cv"]

    # the default (corpus) models must not be needed: the configured dir has the label
    monkeypatch.setattr(store, "default_bundle", lambda: pytest.fail("default models used"))
    pos, neg = _fixture()
    doc = read_text(f"BÁO CÁO CHÍNH TRỊ\n{pos[-1]}\n{neg[-1]}\n", path="a.txt")
    blocks = [b for b in doc.blocks if b.kind == "paragraph"]
    probs = predict.paragraph_probabilities(doc, blocks, "listing", Config(model_dir=out))
    assert len(probs) == 2 and probs[0] > 0.5 > probs[1]


def test_train_command_reads_jsonl_of_judged_findings(tmp_path, capsys):
    from reportcheck.cli import main

    pos, neg = _fixture()
    rows = [{"text": t, "label": "listing.semicolon-chain", "accepted": True} for t in pos]
    rows += [{"text": t, "label": "listing", "accepted": False} for t in neg]
    src = tmp_path / "judged.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "m"
    assert main(["train", str(src), "--out", str(out), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["labels"] == ["listing"] and res["cv"]["listing"]["f1"] >= 0.9


def test_models_load_only_from_cache_or_model_dir(tmp_path):
    pos, neg = _fixture()
    bundle = M.train_bundle(pos + neg, {"listing": [1] * len(pos) + [0] * len(neg)})
    elsewhere = tmp_path / "elsewhere"
    store.save_bundle(bundle, elsewhere)

    with pytest.raises(store.ModelError):
        store.load_bundle(elsewhere)  # neither the cache nor a configured model_dir
    with pytest.raises(store.ModelError):
        store.load_bundle(elsewhere, model_dir=tmp_path / "other-dir")
    assert isinstance(store.load_bundle(elsewhere, model_dir=elsewhere), M.ModelBundle)

    # a symlink inside the cache that points outside it is refused too
    link = store.cache_root() / "linked"
    link.parent.mkdir(parents=True)
    link.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(store.ModelError):
        store.load_bundle(link)

    # a real cache entry loads
    inside = store.cache_root() / "k"
    store.save_bundle(bundle, inside)
    assert store.load_bundle(inside).labels == ["listing"]


def test_non_bundle_pickle_is_refused(tmp_path):
    import joblib

    d = tmp_path / "m"
    d.mkdir()
    joblib.dump({"not": "a model"}, d / store.MODEL_FILE)
    with pytest.raises(store.ModelError):
        store.load_bundle(d, model_dir=d)


def test_bad_model_dir_falls_back_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "default_bundle", lambda: None)
    doc = read_text("BÁO CÁO CHÍNH TRỊ\nĐã tổ chức 3 hội nghị; đã kiểm tra 5 chi bộ.\n", path="a.txt")
    with pytest.warns(RuntimeWarning):
        assert predict.paragraph_probabilities(doc, doc.blocks[1:], "listing", Config(model_dir=tmp_path / "none")) is None


def test_role_labeler_maps_roles_and_abstains(monkeypatch):
    pos, neg = _fixture()
    bundle = M.train_bundle(pos + neg, {}, ["results"] * len(pos) + ["lesson"] * len(neg))
    monkeypatch.setattr(store, "default_bundle", lambda: bundle)
    doc = read_text(f"{pos[2]}\n{neg[5]}\nHội nghị.\n", path="a.txt")
    roles = predict.role_labeler(doc, doc.blocks)
    assert roles[:2] == ["results", "lessons"]  # corpus "lesson" → section role "lessons"
    assert all(r is None or r in ("results", "lessons") for r in roles)
    probs = predict.paragraph_probabilities(doc, doc.blocks, "role:lessons", None)
    assert probs[1] > 0.5 > probs[0]


def test_default_models_are_cached_by_corpus_and_versions(tmp_path, monkeypatch):
    calls = []
    pos, neg = _fixture()
    tiny = M.train_bundle(pos + neg, {"listing": [1] * len(pos) + [0] * len(neg)})

    def fake_train(variant="syllable"):
        calls.append(1)
        return tiny

    monkeypatch.setattr(store, "train_default", fake_train)
    monkeypatch.setattr(store, "cache_key", lambda: "k" * 64)
    assert store.default_bundle() is not None
    target = store.default_model_dir()
    assert target.parent == store.cache_root() and (target / store.MODEL_FILE).is_file()
    store._memo.clear()
    assert store.default_bundle().labels == ["listing"]
    assert len(calls) == 1  # the second call loaded the cached file


def test_role_labeler_plugs_into_find_sections(monkeypatch):
    from reportcheck.sections import find_sections

    pos, neg = _fixture()
    bundle = M.train_bundle(pos + neg, {}, ["results"] * len(pos) + ["lesson"] * len(neg))
    monkeypatch.setattr(store, "default_bundle", lambda: bundle)
    doc = read_text(f"BÁO CÁO CHÍNH TRỊ\n{neg[7]}\n", path="a.txt")
    found = [(s.role, s.source) for s in find_sections(doc, labeler=predict.role_labeler)]
    assert ("lessons", "classifier") in found


def test_list_items_are_classified_with_their_list():
    doc = read_text("BÁO CÁO\nTrong nhiệm kỳ, xã đã:\n- Làm 3 km đường;\n- Sửa 2 trường học.\nKết quả tốt.\n", path="a.txt")
    texts = predict.block_texts(doc, doc.blocks[1:])
    assert texts[0] == texts[1] == texts[2] == "Trong nhiệm kỳ, xã đã:\n- Làm 3 km đường;\n- Sửa 2 trường học."
    assert texts[3] == "Kết quả tốt."
    assert predict.block_texts(doc, doc.blocks[2:3], context=False) == ["Làm 3 km đường;"]


def test_model_docstring_example():
    import doctest

    assert doctest.testmod(M, optionflags=doctest.ELLIPSIS).failed == 0


def test_a_process_waits_for_another_training_the_default_models(monkeypatch):
    import threading
    import time

    pos, neg = _fixture()
    tiny = M.train_bundle(pos + neg, {"listing": [1] * len(pos) + [0] * len(neg)})
    monkeypatch.setattr(store, "cache_key", lambda: "w" * 64)
    monkeypatch.setattr(store, "train_default", lambda variant="syllable": pytest.fail("trained twice"))
    target = store.default_model_dir()
    lock = target.parent / f"{target.name}.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text("")  # "another process" is training

    def other_process():
        time.sleep(0.5)
        store.save_bundle(tiny, target)
        lock.unlink()

    t = threading.Thread(target=other_process)
    t.start()
    try:
        assert store.default_bundle().labels == ["listing"]
    finally:
        t.join()


def test_missing_corpus_means_no_default_models(monkeypatch):
    def broken():
        raise FileNotFoundError("handwritten.jsonl")

    monkeypatch.setattr(store, "cache_key", broken)
    with pytest.warns(RuntimeWarning):
        assert store.default_bundle() is None
    assert store.default_bundle() is None  # remembered: no second attempt, no second warning
