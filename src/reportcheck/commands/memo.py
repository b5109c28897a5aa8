"""``reportcheck memo``: the reviewer's memo (góp ý) on one draft, as .docx, .md or .html."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["register", "memo_options", "add_memo_options"]

_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def add_memo_options(p: argparse.ArgumentParser) -> None:
    """Letterhead options shared by ``memo`` and ``check --memo-dir``."""
    p.add_argument("--issuer", metavar="TÊN", help="cơ quan góp ý; nhiều dòng ngăn bằng \"\\n\" hoặc \"|\", "
                   "dòng cấp trên trước (vd. \"HUYỆN ỦY LẠC ĐIỀN|BAN TUYÊN GIÁO\")")
    p.add_argument("--recipient", metavar="TÊN", help="nơi nhận góp ý (mặc định: đoán từ phần đầu dự thảo)")
    p.add_argument("--place", metavar="ĐỊA DANH", help="địa danh ở dòng ngày tháng")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="ngày ký (mặc định: hôm nay)")
    p.add_argument("--number", metavar="SỐ", help="số và ký hiệu, vd. 12-CV/BTGHU")
    p.add_argument("--signer", metavar="CHỨC DANH", help="dòng chức danh ký, vd. \"T/M BAN THƯỜNG VỤ|PHÓ BÍ THƯ\"")
    p.add_argument("--signer-name", metavar="HỌ TÊN", help="họ tên người ký")
    p.add_argument("--template", metavar="THƯ MỤC", help="thư mục mẫu riêng (memo.md.j2, memo.html.j2, memo.docx)")


def memo_options(args: argparse.Namespace, config=None) -> dict:
    """render_memo keyword arguments from the command line, over the config's [memo] table."""
    opts: dict = {}
    table = dict(getattr(config, "memo", {}) or {}) if config is not None else {}
    base = Path(config.source).parent if config is not None and getattr(config, "source", None) else Path(".")
    for key in ("issuer", "recipient", "place", "date", "number", "signer_title", "signer_name", "copies"):
        if key in table:
            opts[key] = table[key]
    if "template_dir" in table:
        opts["template_dir"] = base / table["template_dir"]
    cli = {
        "issuer": getattr(args, "issuer", None), "recipient": getattr(args, "recipient", None),
        "place": getattr(args, "place", None), "date": getattr(args, "date", None),
        "number": getattr(args, "number", None), "signer_title": getattr(args, "signer", None),
        "signer_name": getattr(args, "signer_name", None),
    }
    for k, v in cli.items():
        if v is not None:
            opts[k] = v.replace("|", "\n").replace("\\n", "\n") if k in ("issuer", "signer_title") else v
    if getattr(args, "template", None):
        opts["template_dir"] = Path(args.template)
    return opts


def register(sub: argparse._SubParsersAction) -> None:
    from ._draft import add_draft_options

    p = sub.add_parser("memo", help="lập văn bản góp ý cho một dự thảo",
                       description="Lập văn bản góp ý (.docx, .md hoặc .html theo đuôi tệp --out) cho một dự thảo.")
    p.add_argument("draft", metavar="DRAFT", help="dự thảo (.docx, .txt, .md)")
    p.add_argument("--out", "-o", required=True, metavar="FILE", help="tệp góp ý: memo.docx | memo.md | memo.html")
    p.add_argument("--previous", metavar="JSON", help="kết quả JSON của lần kiểm tra trước, để nêu số ý kiến đã khắc phục")
    add_memo_options(p)
    add_draft_options(p)
    p.set_defaults(func=run)


def _previous(path: str, draft: str):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        from ..errors import ReportcheckError

        raise ReportcheckError(f"không đọc được kết quả lần trước {path}: {exc}") from None
    docs = data.get("documents") if isinstance(data, dict) else None
    if docs is None:
        return data
    same = [d for d in docs if Path(d.get("path", "")).name == Path(draft).name] or (docs if len(docs) == 1 else [])
    return [f for d in same[:1] for f in d.get("findings", [])]


def run(args: argparse.Namespace) -> int:
    from ..fileio import write_atomic
    from ..render.memo import render_memo
    from ._draft import check_draft

    out = Path(args.out)
    fmt = _FORMATS.get(out.suffix.lower())
    if fmt is None:
        print("reportcheck: lỗi: --out phải có đuôi .docx, .md hoặc .html", file=sys.stderr)
        return 2
    if Path(args.draft).exists() and out.exists() and out.resolve() == Path(args.draft).resolve():
        print("reportcheck: lỗi: tệp góp ý trùng với dự thảo", file=sys.stderr)
        return 2
    config, doc = check_draft(args)
    if doc is None:
        return 2
    opts = memo_options(args, config)
    previous = _previous(args.previous, args.draft) if args.previous else None
    data = render_memo(doc, fmt, previous=previous, **opts)
    write_atomic(out, data)
    n = len(doc.findings_as_dicts())
    print(f"Đã lập góp ý ({n} ý kiến): {out}", file=sys.stderr)
    return 0
