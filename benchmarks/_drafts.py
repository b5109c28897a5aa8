"""Realistic drafts for benchmarks and notebooks, made from the bundled example unit.

``generate_drafts(folder, n, words=…)`` writes ``n`` drafts into unit
folders (``folder/<unit>/political.txt`` and ``review.txt``, so the review
is paired with its political report as in real submissions). Each draft
starts from examples/dang-bo-xa-tan-phu, then:

* the unit is renamed (commune, district, province) and its level varies —
  chi bộ, đảng bộ xã (cơ sở), đảng bộ huyện (cấp trên cơ sở), đảng bộ tỉnh;
* paragraphs are shuffled inside each section, headings stay in order;
* figures change (scaled by a random factor, Vietnamese number format kept;
  years and document numbers untouched);
* sections are extended with varied copies of their own paragraphs until the
  draft reaches about ``words`` words (a 30-page draft is ~10,000 words).

Deterministic for a given ``seed``. Used by ``bench_batch.py`` and
``notebooks/02-batch-analysis.ipynb``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["generate_drafts", "make_draft", "UNITS", "EXAMPLE_DIR"]

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "examples" / "dang-bo-xa-tan-phu"

COMMUNES = ["Tân Lộc", "Phú Mỹ", "An Bình", "Hòa Thuận", "Thạch Đồng", "Yên Lạc", "Quảng Phú", "Đông Sơn",
            "Nghĩa Hưng", "Bình Minh", "Cẩm Thủy", "Vĩnh Phúc", "Long Hựu", "Hương Sơn", "Thanh Xuân", "Mỹ Hòa"]
DISTRICTS = ["Lạc Sơn", "Phú Bình", "Yên Thế", "Hòa An", "Kim Bảng", "Đức Thọ", "Tam Nông", "Cao Phong"]
PROVINCES = ["Hòa Bình", "Thái Nguyên", "Phú Thọ", "Hà Tĩnh", "Quảng Ngãi", "Tây Ninh"]
VILLAGES = ["thôn Đồng Tâm", "thôn Phú Thượng", "thôn Gò Mít", "thôn Bãi Sậy", "thôn Khe Lim", "ấp Suối Mơ"]

#: level → (how the unit is named in the title, in capitals, its upper body)
LEVELS = ("chi bộ", "cơ sở", "cấp trên cơ sở", "tỉnh")


@dataclass
class Unit:
    slug: str
    name: str       # "Tân Lộc"
    level: str      # one of LEVELS
    noun: str       # "xã", "huyện", "tỉnh", "thôn"
    district: str
    province: str


UNITS: list[Unit] = []


def _slug(text: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _unit(rng: random.Random, i: int, used: set[str]) -> Unit:
    level = LEVELS[[1, 2, 0, 3, 1, 1, 2, 1][i % 8]]  # every level among the first four units, then mostly communes
    district, province = rng.choice(DISTRICTS), rng.choice(PROVINCES)
    if level == "chi bộ":
        noun, pool = "thôn", [v.split(" ", 1)[1] for v in VILLAGES]
    elif level == "cơ sở":
        noun, pool = "xã", COMMUNES
    elif level == "cấp trên cơ sở":
        noun, pool = "huyện", DISTRICTS
    else:
        noun, pool = "tỉnh", PROVINCES
    fresh = [n for n in pool if f"{noun} {n}" not in used] or [f"{n} {i + 1}" for n in pool]
    name = rng.choice(fresh)
    used.add(f"{noun} {name}")
    if level == "cấp trên cơ sở":
        district = name
    elif level == "tỉnh":
        province = name
    return Unit(f"{i + 1:03d}-{_slug(noun)}-{_slug(name)}", name, level, noun, district, province)


_YEAR = re.compile(r"^(19|20)\d\d$")
_FIGURE = re.compile(r"(?<![\w/-])(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?(?![\w/-]|-[A-ZĐ])")


def _vary_figures(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2)
        if _YEAR.match(whole) or (whole.isdigit() and int(whole) < 10 and not frac):
            return m.group(0)
        value = float(whole.replace(".", "") + ("." + frac[1:] if frac else ""))
        value *= rng.uniform(0.75, 1.35)
        if frac:
            s = f"{value:.{len(frac) - 1}f}".replace(".", ",")
            head, _, tail = s.partition(",")
            return f"{int(head):,}".replace(",", ".") + "," + tail
        return f"{max(1, round(value)):,}".replace(",", ".")

    return _FIGURE.sub(repl, text)


def _rename(text: str, u: Unit) -> str:
    noun_cap = u.noun.capitalize()
    reps = [
        ("ĐẢNG BỘ HUYỆN LẠC ĐIỀN", {"chi bộ": f"ĐẢNG BỘ XÃ {u.district.upper()}", "cơ sở": f"ĐẢNG BỘ HUYỆN {u.district.upper()}",
                                    "cấp trên cơ sở": f"ĐẢNG BỘ TỈNH {u.province.upper()}",
                                    "tỉnh": "BAN CHẤP HÀNH TRUNG ƯƠNG"}[u.level]),
        ("ĐẢNG BỘ XÃ TÂN PHÚ", ("CHI BỘ " if u.level == "chi bộ" else "ĐẢNG BỘ ") + f"{u.noun.upper()} {u.name.upper()}"),
        ("ĐẢNG ỦY XÃ TÂN PHÚ", {"chi bộ": f"CHI BỘ {u.noun.upper()} {u.name.upper()}",
                               "cơ sở": f"ĐẢNG ỦY XÃ {u.name.upper()}",
                               "cấp trên cơ sở": f"HUYỆN ỦY {u.name.upper()}",
                               "tỉnh": f"TỈNH ỦY {u.name.upper()}"}[u.level]),
        ("ĐẢNG BỘ XÃ LẦN", ("CHI BỘ" if u.level == "chi bộ" else f"ĐẢNG BỘ {u.noun.upper()}") + " LẦN"),
        ("Đảng bộ xã", "Chi bộ" if u.level == "chi bộ" else f"Đảng bộ {u.noun}"),
        ("Đảng ủy xã", "Chi ủy" if u.level == "chi bộ" else f"Đảng ủy {u.noun}"),
        ("Huyện ủy Lạc Điền", f"Huyện ủy {u.district}"),
        ("Lạc Điền", u.district),
        ("Tân Phú", u.name),
        ("xã thuần nông", f"{u.noun} thuần nông"),
        ("của xã", f"của {u.noun}"),
        ("Xã ", f"{noun_cap} "),
    ]
    for a, b in reps:
        text = text.replace(a, b)
    return text


_ORDINAL = re.compile(r"^(Một|Hai|Ba|Bốn|Năm|Sáu) là,|^Thứ (nhất|hai|ba|tư|năm),")
_HEADING = re.compile(r"^(Phần thứ|[IVX]+\. |\d+\. |[a-zđ]\) |[A-ZĐÀ-Ỹ ,–-]{12,}$|\*$|\(Dự thảo|\(Trình|Bảng \d)")


def _sections(lines: list[str], header: int) -> list[tuple[list[str], list[str]]]:
    """(headings, paragraphs) groups after the header lines."""
    out: list[tuple[list[str], list[str]]] = []
    for ln in lines[header:]:
        is_heading = bool(_HEADING.match(ln)) and len(ln.split()) < 25
        if is_heading:
            if not out or out[-1][1]:
                out.append(([ln], []))
            else:
                out[-1][0].append(ln)
        else:
            if not out:
                out.append(([], []))
            out[-1][1].append(ln)
    return out


def make_draft(kind: str, unit: Unit, words: int, rng: random.Random) -> str:
    """One draft (``kind``: political | review) of about ``words`` words."""
    src = (EXAMPLE_DIR / f"{kind}.txt").read_text(encoding="utf-8").splitlines()
    header = 9 if kind == "political" else 10
    if kind == "review":
        body_end = len(src) - 3  # keep the signature block last
        head, body, tail = src[:header], src[header:body_end], src[body_end:]
    else:
        head, body, tail = src[:header], src[header:], []
    groups = _sections(head + body, header)
    base = sum(len(ln.split()) for ln in src)

    def copyable(p: str) -> bool:  # long prose, not a list item, not "Một là, …" (order matters there)
        return len(p.split()) > 25 and not p.startswith("- ") and not _ORDINAL.match(p)

    growable = [gi for gi, g in enumerate(groups) if any(copyable(p) for p in g[1])]
    extra = max(0, words - base)
    copies: dict[int, list[str]] = {}
    while extra > 0 and growable:
        gi = rng.choice(growable)
        p = rng.choice([p for p in groups[gi][1] if copyable(p)])
        copies.setdefault(gi, []).append(p)
        extra -= len(p.split())
    out = list(head)
    for gi, (headings, paras) in enumerate(groups):
        paras = list(paras) + copies.get(gi, [])
        ordinal = [p for p in paras if _ORDINAL.match(p)]
        lists = [p for p in paras if p.startswith("- ")]
        leads = [p for p in paras if p.endswith(":") and not p.startswith("- ")]
        rest = [p for p in paras if p not in ordinal and p not in lists and p not in leads]
        rng.shuffle(rest)
        out += headings + ordinal
        out += [_vary_figures(p, rng) for p in rest]
        out += leads + [_vary_figures(x, rng) for x in lists]  # a lead-in stays right before its list
    out += tail
    return _rename("\n".join(out) + "\n", unit)


def generate_drafts(folder: str | Path, n: int = 20, *, words: int = 10_000, seed: int = 0,
                    kinds: tuple[str, ...] = ("political", "review")) -> list[Path]:
    """Write ``n`` drafts of about ``words`` words under ``folder``; return their paths.

    Drafts come in unit folders, one political report and one review per
    unit (``kinds``), so ``n`` drafts make ``ceil(n / len(kinds))`` units.
    """
    rng = random.Random(seed)
    folder = Path(folder)
    paths: list[Path] = []
    i = 0
    used: set[str] = set()
    while len(paths) < n:
        unit = _unit(rng, i, used)
        d = folder / unit.slug
        d.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            if len(paths) >= n:
                break
            size = int(words * (1.0 if kind == "political" else 0.6) * rng.uniform(0.85, 1.15))
            p = d / f"{kind}.txt"
            p.write_text(make_draft(kind, unit, size, rng), encoding="utf-8")
            paths.append(p)
        i += 1
    return paths


if __name__ == "__main__":  # pragma: no cover - a quick look: python benchmarks/_drafts.py OUT N WORDS
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "drafts")
    ps = generate_drafts(out, int(sys.argv[2]) if len(sys.argv) > 2 else 4,
                         words=int(sys.argv[3]) if len(sys.argv) > 3 else 10_000)
    for p in ps:
        print(p, len(p.read_text(encoding="utf-8").split()), "từ")
