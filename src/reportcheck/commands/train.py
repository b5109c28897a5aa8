"""``reportcheck train LABELS --out MODELDIR``: train the paragraph classifiers on a reviewer's labels.

``LABELS`` is either

* a labelled set in the evaluation layout (``labels.json`` + ``units/*/*.txt``,
  ../shared/eval-format.md): for each paragraph-level label, the body
  paragraphs on its ``lines`` are positives, and every body paragraph of a
  document *not* labelled with it is a negative (the other paragraphs of a
  labelled document are left out: the label says nothing about them).
  ``overlap`` is skipped: it depends on the paired report, not on the text;
* a JSONL file of judged findings, one object a line:
  ``{"text": "...", "label": "accountability", "accepted": true}`` —
  accepted findings are positives, rejected ones negatives. A rule id
  (``listing.semicolon-chain``) counts for its category; ``role:<role>``
  trains the role model.

It prints cross-validated precision/recall/F1 per label and writes the
models to ``MODELDIR``; ``model_dir = "MODELDIR"`` in ``reportcheck.toml``
then makes the ``classifier`` rules use them (labels the directory lacks
still come from the models trained on the shipped corpus).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..errors import ReportcheckError

__all__ = ["register", "run", "read_labelled_set", "read_jsonl", "TrainingData"]

#: labels a text classifier cannot learn from a paragraph alone
_SKIP = {"overlap"}


class TrainingData:
    """Texts with per-label targets (1, 0, or -1 = not labelled) and optional roles."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.targets: dict[str, list[int]] = {}
        self.roles: list[str | None] = []
        self._index: dict[str, int] = {}

    def _row(self, text: str) -> int:
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.texts)
            self.texts.append(text)
            self.roles.append(None)
            for v in self.targets.values():
                v.append(-1)
        return i

    def set(self, text: str, label: str, value: int) -> None:
        text = text.strip()
        if not text:
            return
        i = self._row(text)
        if label.startswith("role:"):
            if value == 1:
                self.roles[i] = label[5:]
            return
        col = self.targets.setdefault(label, [-1] * len(self.texts))
        if col[i] != 1:  # a positive anywhere wins over a negative elsewhere
            col[i] = value

    def counts(self, label: str) -> tuple[int, int]:
        col = self.targets.get(label, [])
        return sum(v == 1 for v in col), sum(v == 0 for v in col)


def read_labelled_set(root: Path, data: TrainingData | None = None) -> TrainingData:
    from ..classify.predict import block_texts, body_blocks
    from ..readers import load

    data = data or TrainingData()
    try:
        labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError) as exc:
        raise ReportcheckError(f"{root}: labels.json không hợp lệ: {exc}") from None
    cats = sorted({c for lab in labels.values() for c in lab.get("lines", {})} - _SKIP)
    for rel, lab in sorted(labels.items()):
        path = root / rel
        if not path.is_file():
            continue
        doc = load(path, doc_type=lab.get("doc_type"))
        blocks = body_blocks(doc)
        texts = block_texts(doc, blocks)
        lines = lab.get("lines", {})
        marked = set(lab.get("weaknesses", [])) | set(lines)
        for cat in cats:
            gold = set(lines.get(cat, []))
            for b, text in zip(blocks, texts):
                if cat not in marked:
                    data.set(text, cat, 0)
                elif b.line in gold:
                    data.set(text, cat, 1)
    return data


def read_jsonl(path: Path, data: TrainingData | None = None) -> TrainingData:
    data = data or TrainingData()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportcheckError(f"{path}: không đọc được: {exc.strerror}") from None
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            text, label, accepted = rec["text"], str(rec["label"]), rec["accepted"]
        except (ValueError, KeyError, TypeError):
            raise ReportcheckError(f"{path}:{n}: cần một đối tượng JSON có text, label, accepted") from None
        if not isinstance(text, str) or not isinstance(accepted, bool):
            raise ReportcheckError(f"{path}:{n}: text phải là chuỗi, accepted là true/false")
        if not label.startswith("role:"):
            label = label.split(".", 1)[0]
        if label in _SKIP:
            continue
        data.set(text, label, 1 if accepted else 0)
    return data


def _add_corpus(data: TrainingData) -> None:
    from ..classify.corpus import WEAKNESS_LABELS, load_corpus

    for label in WEAKNESS_LABELS:
        data.targets.setdefault(label, [-1] * len(data.texts))
    for it in load_corpus():
        for label in WEAKNESS_LABELS:
            data.set(it.text, label, int(label in it.weaknesses))
        data.set(it.text, f"role:{it.role}", 1)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="huấn luyện bộ phân loại đoạn văn từ nhãn của người duyệt",
                       description="Huấn luyện bộ phân loại (đoạn liệt kê, nặng số liệu, chưa rõ trách nhiệm …) "
                                   "từ một bộ văn bản có nhãn (labels.json + units/) hoặc tệp JSONL "
                                   "{text, label, accepted}, in điểm kiểm định chéo và ghi mô hình vào MODELDIR.")
    p.add_argument("labels", metavar="LABELS", help="thư mục có labels.json, hoặc tệp .jsonl")
    p.add_argument("--out", required=True, metavar="MODELDIR", help="thư mục ghi mô hình (dùng làm model_dir)")
    p.add_argument("--with-corpus", action="store_true", help="huấn luyện thêm trên kho ngữ liệu kèm theo gói")
    p.add_argument("--folds", type=int, default=5, help="số phần kiểm định chéo (0: bỏ qua; mặc định 5)")
    p.add_argument("--variant", choices=["syllable", "word"], default="syllable",
                   help="đặc trưng: n-gram âm tiết (mặc định) hoặc từ tách bằng underthesea")
    p.add_argument("--json", action="store_true", help="in điểm dạng JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..classify.model import binary_scores, cross_validate, train_bundle
    from ..classify.store import save_bundle

    src = Path(args.labels)
    if src.is_dir():
        if not (src / "labels.json").is_file():
            print(f"reportcheck: lỗi: {src}: không có labels.json", file=sys.stderr)
            return 2
        data = read_labelled_set(src)
    elif src.is_file():
        data = read_jsonl(src)
    else:
        print(f"reportcheck: lỗi: {src}: không tìm thấy", file=sys.stderr)
        return 2
    if args.with_corpus:
        _add_corpus(data)
    for label in sorted(data.targets):
        pos, neg = data.counts(label)
        if pos < 2 or neg < 2:
            print(f"reportcheck: bỏ qua nhãn {label}: cần ít nhất 2 mẫu dương và 2 mẫu âm (có {pos}/{neg}); "
                  "thử --with-corpus", file=sys.stderr)
            del data.targets[label]
    roles = data.roles if sum(r is not None for r in data.roles) >= 4 and len({r for r in data.roles if r}) >= 2 else None
    if not data.targets and roles is None:
        print("reportcheck: lỗi: không có nhãn nào đủ mẫu để huấn luyện", file=sys.stderr)
        return 2

    scores: dict[str, dict] = {}
    if args.folds >= 2:
        cv = cross_validate(data.texts, data.targets, roles, args.variant, folds=args.folds)
        for label, y in data.targets.items():
            scores[label] = binary_scores(y, cv["proba"][label])
        if roles is not None:
            pairs = [(r, p) for r, p in zip(roles, cv["role"]) if r]
            scores["role"] = {"accuracy": sum(r == p for r, p in pairs) / len(pairs), "n": len(pairs)}
    t0 = time.perf_counter()
    bundle = train_bundle(data.texts, data.targets, roles, args.variant,
                          meta={"trained_on": str(src.resolve()), "with_corpus": bool(args.with_corpus),
                                "items": len(data.texts)})
    seconds = time.perf_counter() - t0
    bundle.meta["train_seconds"] = round(seconds, 2)
    out = Path(args.out)
    save_bundle(bundle, out, {"cv": scores, "cv_folds": args.folds})
    if args.json:
        print(json.dumps({"model_dir": str(out), "labels": bundle.labels, "roles": bundle.roles,
                          "cv": scores, "train_seconds": round(seconds, 2)}, ensure_ascii=False, indent=2))
        return 0
    if scores:
        print(f"Kiểm định chéo {args.folds} phần (ngưỡng 0,5):")
        print("| nhãn | P | R | F1 | dương | mẫu |")
        print("|---|---|---|---|---|---|")
        for label in sorted(data.targets):
            s = scores[label]
            print(f"| {label} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} | {s['support']} | {s['n']} |")
        if "role" in scores:
            print(f"| role (accuracy) | | | {scores['role']['accuracy']:.2f} | | {scores['role']['n']} |")
    print(f"Đã ghi mô hình ({', '.join(bundle.labels + (['role'] if bundle.role is not None else []))}) "
          f"vào {out} sau {seconds:.1f} giây huấn luyện.")
    print(f'Dùng trong reportcheck.toml: model_dir = "{out}"')
    return 0
