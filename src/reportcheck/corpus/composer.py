"""Deterministic composer: labelled paragraphs from the banks in ``fragments.yaml``.

Each *recipe* knows the role and the weaknesses of what it writes, and
assembles a paragraph from several banks: it picks a unit (sector, level,
term), a topic (a sector field and one or two concrete problems), then draws
sentences, chooses among several paragraph shapes, orders the sentences,
adds or drops optional sentences and connectives, and varies list lengths.
A draw is rejected and drawn again when it falls outside 25–150 words,
repeats an earlier text, lacks the figures its ``numbers`` label promises, or
is too similar (word-set Jaccard above :data:`MAX_SIMILARITY`) to an item the
same recipe has already produced.

The same ``seed`` gives the same paragraphs on every machine: the only
source of randomness is :class:`random.Random` seeded with a string, and only
its ``random()`` method is used. Bump :data:`COMPOSER_VERSION` whenever the
output for a given seed changes.

Example:

>>> import yaml
>>> from importlib.resources import files
>>> data = yaml.safe_load(files("reportcheck.corpus").joinpath("fragments.yaml").read_text("utf-8"))
>>> items = compose(data, seed=0, scale=0.05)
>>> items == compose(data, seed=0, scale=0.05)
True
>>> sorted({it["role"] for it in items})[:3]
['breakthrough', 'cause-objective', 'cause-subjective']
"""

from __future__ import annotations

import random
import re
import unicodedata
from typing import Any, Callable

__all__ = ["COMPOSER_VERSION", "RECIPES", "compose", "expand_template"]

#: Bump whenever the composer's output for a given seed changes.
COMPOSER_VERSION = "1.0.0"

_BRACE = re.compile(r"\{([^{}]*)\}")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# First words that name a body or a proper noun: never lower-cased.
_PROPER_STARTS = (
    "Đảng", "Ban ", "Ủy ban", "Nghị quyết", "Hội đồng", "Sở", "Bộ ", "Nhân dân", "Tỉnh ủy",
    "Huyện ủy", "Thành ủy", "Chi bộ", "Chi ủy", "Công ty", "Công an", "Công đoàn", "Trường",
    "Bệnh viện", "Thường vụ", "Đoàn", "Mặt trận", "Chính ủy", "Trung ương", "Tổng công ty",
    "Khối", "Phòng ", "Thanh tra", "Trạm", "Hợp tác xã", "Quy chế", "Đại hội", "Báo cáo",
    "Bác", "Covid", "OCOP", "GRDP",
)


# ---------------------------------------------------------------------------
# Randomness and small text helpers
# ---------------------------------------------------------------------------
class _Rng:
    """A thin wrapper that only uses ``random.Random.random()`` (stable across versions)."""

    def __init__(self, key: str) -> None:
        self._r = random.Random(key)

    def random(self) -> float:
        return self._r.random()

    def chance(self, p: float) -> bool:
        return self._r.random() < p

    def index(self, n: int) -> int:
        return min(int(self._r.random() * n), n - 1)

    def randint(self, lo: int, hi: int) -> int:
        return lo + self.index(hi - lo + 1)

    def uniform(self, lo: float, hi: float) -> float:
        return lo + (hi - lo) * self._r.random()

    def choice(self, seq):
        if not seq:
            raise ValueError("choice from an empty bank")
        return seq[self.index(len(seq))]

    def shuffle(self, seq: list) -> list:
        out = list(seq)
        for i in range(len(out) - 1, 0, -1):
            j = self.index(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, seq, k: int) -> list:
        return self.shuffle(seq)[: max(0, min(k, len(seq)))]

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self._r.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]


def cap(s: str) -> str:
    """Upper-case the first letter of ``s``."""
    s = s.lstrip()
    return s[:1].upper() + s[1:] if s else s


def decap(s: str) -> str:
    """Lower-case the first letter of ``s`` unless it starts with a proper name."""
    s = s.lstrip()
    if not s or s.startswith(_PROPER_STARTS):
        return s
    return s[:1].lower() + s[1:]


def fmt_number(x: float, dec: int) -> str:
    """Vietnamese number format: ``1.250``, ``12,5``; trailing decimal zeros dropped."""
    if dec <= 0:
        return f"{int(round(x)):,}".replace(",", ".")
    s = f"{x:,.{dec}f}"
    whole, frac = s.split(".")
    frac = frac.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def sentence(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    if not s:
        return s
    s = cap(s)
    if s[-1] not in ".:!?":
        s = s.rstrip(";,") + "."
    return s


def attach(lead: str, body: str) -> str:
    """Put a lead ("Về chủ quan,", "Một là,", "Chỉ tiêu:") before a body clause."""
    lead = lead.strip()
    if not lead:
        return body
    if lead.endswith((".", "!", "?")):
        return f"{lead} {cap(body)}"
    return f"{lead} {decap(body)}"


def paragraph(parts: list[str]) -> str:
    text = " ".join(sentence(p) for p in parts if p and p.strip())
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])\1+", r"\1", text)
    text = re.sub(r"\.\.+", ".", text)
    text = re.sub(r"\s+", " ", text).strip()
    return unicodedata.normalize("NFC", text)


def n_figures(text: str) -> int:
    """How many figures a text carries, not counting years (1990–2039)."""
    return sum(1 for f in _FIGURE.findall(text) if not re.fullmatch(r"(19[89]|20[0-3])\d", f))


# ---------------------------------------------------------------------------
# Template expansion
# ---------------------------------------------------------------------------
def _nice(t: float, dec: int) -> float:
    """Round a target the way a resolution states it: 9.900 tấn, 85%, 1,5%."""
    if t >= 1000:
        return float(round(t, -2))
    if t >= 100:
        return float(round(t / 5) * 5)
    if dec == 0 or t >= 20:
        return float(round(t))
    return round(t, 1)


def _number(spec: str, scale: float, rng: _Rng) -> str:
    scaled = spec.endswith("~")
    body = spec[:-1] if scaled else spec
    m = re.fullmatch(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)", body)
    if not m:
        raise ValueError(f"bad number placeholder {{#{spec}}}")
    lo_s, hi_s = m.groups()
    dec = len(lo_s.split(".")[1]) if "." in lo_s else 0
    lo, hi = float(lo_s), float(hi_s)
    if scaled:
        lo, hi = lo * scale, hi * scale
    if dec == 0:
        lo_i, hi_i = max(1, int(round(lo))), max(1, int(round(hi)))
        return fmt_number(rng.randint(min(lo_i, hi_i), max(lo_i, hi_i)), 0)
    return fmt_number(rng.uniform(lo, hi), dec)


def expand_template(template: str, ctx: dict[str, Any], rng: _Rng, scale: float = 1.0) -> str:
    """Expand ``{key}``, ``{a|b}`` and ``{#lo-hi}`` placeholders, innermost first.

    >>> expand_template("{Self} có {#3-3} thôn, {một|một} chợ", {"self": "xã"}, _Rng("x"))
    'Xã có 3 thôn, một chợ'
    """
    s = template
    for _ in range(200):
        m = _BRACE.search(s)
        if not m:
            break
        tok = m.group(1)
        if tok.startswith("#"):
            val = _number(tok[1:], scale, rng)
        elif "|" in tok:
            val = rng.choice(tok.split("|"))
        else:
            val = _lookup(tok, ctx, rng)
        s = s[: m.start()] + val + s[m.end():]
    else:  # pragma: no cover - a runaway template
        raise ValueError(f"template does not terminate: {template!r}")
    if "{" in s or "}" in s:
        raise ValueError(f"unbalanced braces in template {template!r}")
    return s


def _lookup(key: str, ctx: dict[str, Any], rng: _Rng) -> str:
    if key in ctx:
        v = ctx[key]
        return v(rng) if callable(v) else str(v)
    low = key[:1].lower() + key[1:]
    if key[:1].isupper() and low in ctx:
        v = ctx[low]
        return cap(v(rng) if callable(v) else str(v))
    raise KeyError(f"unknown template key {{{key}}}")


# ---------------------------------------------------------------------------
# The per-item context
# ---------------------------------------------------------------------------
class _Ctx:
    """Everything one paragraph is about: the unit, its bodies, its period, its topic."""

    def __init__(self, comp: "_Composer", rng: _Rng, sector: str, doc_type: str, term: str,
                 level: str | None = None) -> None:
        self.comp, self.rng, self.sector, self.doc_type, self.term = comp, rng, sector, doc_type, term
        sec = comp.sectors[sector]
        units = [u for u in sec["units"] if level is None or u["level"] == level] or sec["units"]
        self.unit = rng.weighted([(u, _LEVEL_WEIGHTS.get(u["level"], 1.0)) for u in units])
        self.level = self.unit["level"]
        self.scale = float(self.unit.get("scale", 1))
        a, b = (int(x) for x in term.split("–"))
        if doc_type == "political":  # looks back on the previous term, plans this one
            ry0, ry1, ny0, ny1 = a - 5, a, a, b
        else:  # the review examines its own term, remedies run into the next
            ry0, ry1, ny0, ny1 = a, b, b, b + 5
        self.ry0, self.ry1, self.ny0, self.ny1 = ry0, ry1, ny0, ny1
        d = comp.data
        base: dict[str, Any] = {
            "place": lambda r: r.choice(d["places"]),
            "province": lambda r: r.choice(d["provinces"]),
            "district": lambda r: r.choice(d["districts"]),
            "slogan": lambda r: r.choice(d["slogans"]),
            "ry0": ry0, "ry1": ry1, "ny0": ny0, "ny1": ny1, "ny0p": ny0 + 1,
            "year": lambda r: str(r.randint(ry0 + 1, ry1)),
            "nyear": lambda r: str(r.randint(ny0 + 1, ny1)),
            "schoolyear": lambda r: (lambda y: f"{y}–{y + 1}")(r.randint(ny0, ny1 - 1)),
        }
        self.ctx = base
        u = self.unit
        for key in ("name", "party", "self", "bch", "btv", "head", "deputy", "inspect", "upper",
                    "subs_generic"):
            self.ctx["unit" if key == "name" else key] = self.x(u[key])
        self.ctx["sub"] = self.x(rng.choice(u["subs"]))
        self.ctx["official"] = self.x(rng.choice(list(u["officials"].values())))
        self.ctx["person"] = rng.choice(d["people"])
        self.party_mix = rng.chance(0.22)
        self.ctx["field"] = rng.choice(self.bank("fields"))
        self.problems = rng.shuffle(self.bank("problems", mix=False) + (
            d["party_bank"]["problems"] if self.party_mix else []))
        self.set_problem(self.problems[0])

    # -- banks ---------------------------------------------------------------
    def bank(self, key: str, mix: bool = True) -> list:
        """A sector bank, with the party-building bank mixed in for some items."""
        own = list(self.comp.sectors[self.sector].get(key, []))
        if mix and self.party_mix:
            own += self.comp.data["party_bank"].get(key, [])
        return own

    def set_problem(self, p: dict) -> None:
        officials = self.unit["officials"]
        self.ctx.update({
            "what": p["what"], "detail": p["detail"], "task": p["task"], "short": p["short"],
            "owner": self.x(officials.get(p.get("domain", ""), self.ctx["official"])),
        })

    def problem(self, i: int) -> dict:
        return self.problems[i % len(self.problems)]

    # -- expansion -----------------------------------------------------------
    def x(self, template: str, **extra: Any) -> str:
        ctx = dict(self.ctx, **extra) if extra else self.ctx
        return expand_template(template, ctx, self.rng, self.scale)

    def pick(self, seq: list, **extra: Any) -> str:
        return self.x(self.rng.choice(seq), **extra)

    def picks(self, seq: list, k: int, **extra: Any) -> list[str]:
        return [self.x(t, **extra) for t in self.rng.sample(seq, k)]

    def natural(self, template: str, **extra: Any) -> str:
        """Expand a template that will follow a lead: its first placeholder in lower case."""
        m = re.match(r"\{([A-Z\u00C0-\u1EF9][^{}|#]*)\}", template)
        if m:
            key = m.group(1)
            template = "{" + key[:1].lower() + key[1:] + "}" + template[m.end():]
        return decap(self.x(template, **extra))

    def party_indicators(self) -> list:
        return list(self.comp.data["party_bank"]["indicators"]) if self.party_mix else []

    # -- indicators ----------------------------------------------------------
    def ind_value(self, ind: dict, lo: float | None = None, hi: float | None = None) -> float:
        lo = ind["lo"] if lo is None else lo
        hi = ind["hi"] if hi is None else hi
        v = self.rng.uniform(lo, hi)
        if ind.get("scale"):
            v *= self.scale
        dec = int(ind.get("dec", 0))
        v = round(v, dec) if dec else float(max(1, round(v)))
        return v

    def ind_fmt(self, ind: dict, v: float) -> str:
        if ind.get("unit", "").startswith("/"):
            return f"{fmt_number(v, 0)}{ind['unit']}"
        return f"{fmt_number(v, int(ind.get('dec', 0)))}{ind.get('unit', '')}"

    def ind_target(self, ind: dict, v: float, met: bool) -> float:
        delta = self.rng.uniform(0.03, 0.12)
        down = bool(ind.get("down"))
        better = (v * (1 + delta)) if down else (v * (1 - delta))
        worse = (v * (1 - delta)) if down else (v * (1 + delta))
        t = better if met else worse
        dec = int(ind.get("dec", 0))
        if ind.get("unit", "") == "%" and not down:
            t = min(t, 100.0)
        t = _nice(t, dec)
        if t == v:
            t = v - 1 if (met != down) else v + 1
        return t


# ---------------------------------------------------------------------------
# Recipes
# ---------------------------------------------------------------------------
Recipe = tuple[str, str, tuple[str, ...], tuple[tuple[str, float], ...], int, str]
# (name, role, weaknesses, doc_type weights, count at scale 1, method name)

_P = (("political", 1.0),)
_R = (("review", 1.0),)
_PR = (("political", 0.6), ("review", 0.4))

RECIPES: tuple[Recipe, ...] = (
    ("results-evaluative", "results", (), _PR, 75, "r_results_eval"),
    ("results-interpreted", "results", (), _PR, 75, "r_results_interp"),
    ("results-listing", "results", ("listing",), _PR, 70, "r_results_listing"),
    ("results-listing-figures", "results", ("listing", "numbers"), _PR, 80, "r_results_listing_num"),
    ("results-statistics", "results", ("numbers",), _PR, 85, "r_results_numbers"),
    ("results-boilerplate", "results", ("unfocused",), _PR, 50, "r_results_boiler"),
    ("limitations-attributed", "limitations", (), _PR, 95, "r_limit_attr"),
    ("limitations-impersonal", "limitations", ("accountability",), _PR, 85, "r_limit_imp"),
    ("limitations-pushdown", "limitations", ("accountability",), _PR, 40, "r_limit_push"),
    ("limitations-boilerplate", "limitations", ("accountability", "unfocused"), _PR, 30,
     "r_limit_boiler"),
    ("causes-subjective-attributed", "cause-subjective", (), _PR, 110, "r_subj_attr"),
    ("causes-subjective-impersonal", "cause-subjective", ("accountability",), _PR, 75,
     "r_subj_imp"),
    ("causes-subjective-boilerplate", "cause-subjective", ("accountability", "unfocused"), _PR, 35,
     "r_subj_boiler"),
    ("causes-objective", "cause-objective", (), _PR, 125, "r_obj"),
    ("causes-objective-boilerplate", "cause-objective", ("unfocused",), _PR, 60, "r_obj_boiler"),
    ("lesson-specific", "lesson", (), _P, 120, "r_lesson"),
    ("lesson-boilerplate", "lesson", ("unfocused",), _P, 90, "r_lesson_boiler"),
    ("direction-measurable", "direction", (), _P, 115, "r_dir"),
    ("direction-vague", "direction", ("targets",), _P, 80, "r_dir_vague"),
    ("direction-slogan", "direction", ("targets", "unfocused"), _P, 40, "r_dir_slogan"),
    ("task-concrete", "task", (), _P, 115, "r_task"),
    ("task-vague", "task", ("targets",), _P, 80, "r_task_vague"),
    ("task-slogan", "task", ("targets", "unfocused"), _P, 30, "r_task_slogan"),
    ("breakthrough-measurable", "breakthrough", (), _P, 115, "r_bt"),
    ("breakthrough-vague", "breakthrough", ("targets",), _P, 110, "r_bt_vague"),
    ("responsibility-named", "responsibility", (), _R, 115, "r_resp"),
    ("responsibility-impersonal", "responsibility", ("accountability",), _R, 105, "r_resp_imp"),
    ("remedy-dated", "remedy", (), _R, 115, "r_remedy"),
    ("remedy-vague", "remedy", ("targets",), _R, 105, "r_remedy_vague"),
    ("working-rules-examined", "working-rules", (), _R, 80, "r_wr"),
    ("working-rules-formula", "working-rules", ("unfocused",), _R, 45, "r_wr_boiler"),
    ("working-rules-routine", "working-rules", ("listing",), _R, 45, "r_wr_routine"),
    ("working-rules-impersonal", "working-rules", ("accountability",), _R, 45, "r_wr_imp"),
    ("other-context", "other", (), _PR, 80, "r_context"),
    ("other-ceremonial", "other", ("unfocused",), _P, 70, "r_ceremonial"),
    ("other-profile", "other", ("numbers",), _PR, 40, "r_profile"),
    ("other-review-intro", "other", (), _R, 35, "r_review_intro"),
)

_SECTOR_WEIGHTS = (
    ("xã", 1.4), ("phường", 1.1), ("thị trấn", 0.9), ("cơ quan", 1.0), ("doanh nghiệp", 1.0),
    ("trường học", 0.9), ("bệnh viện", 0.8), ("công an", 0.8), ("quân đội", 0.7), ("huyện", 1.1),
    ("tỉnh", 0.8),
)
_LEVEL_WEIGHTS = {"cơ sở": 1.0, "chi bộ": 0.55, "cấp trên cơ sở": 0.45}
_TERMS = {
    "political": (("2020–2025", 0.45), ("2025–2030", 0.55)),
    "review": (("2015–2020", 0.35), ("2020–2025", 0.65)),
}
MIN_WORDS, MAX_WORDS = 25, 150
#: Two items of one recipe may share at most this word-set Jaccard similarity.
MAX_SIMILARITY = 0.8
_WORD = re.compile(r"\w+")


class _Composer:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.sectors = data["sectors"]

    # -- shared helpers ------------------------------------------------------
    def _conn(self, c: _Ctx, kind: str, p: float = 0.6) -> str:
        return c.rng.choice(self.data["connectives"][kind]) if c.rng.chance(p) else ""

    def _lead_then(self, c: _Ctx, leads: list[str], template: str) -> str:
        lead = c.x(c.rng.choice(leads))
        return attach(lead, c.natural(template)) if lead.strip() else c.x(template)

    def _join_clauses(self, c: _Ctx, clauses: list[str], lead: str = "") -> list[str]:
        """Clauses as one semicolon chain, or as two or three sentences."""
        clauses = [decap(x) for x in clauses]
        shape = c.rng.index(3)
        if shape == 2 and max(len(x.split()) for x in clauses) > 14:
            shape = 0
        if shape == 0 or len(clauses) < 3:
            return [attach(lead, "; ".join(clauses))] if lead else ["; ".join(clauses)]
        if shape == 1:
            cut = 1 + c.rng.index(len(clauses) - 1)
            first = "; ".join(clauses[:cut])
            rest = "; ".join(clauses[cut:])
            conn = self._conn(c, "add", 0.7)
            return [attach(lead, first) if lead else first, attach(conn, rest) if conn else rest]
        head = ", ".join(clauses[:-1]) + " và " + clauses[-1]
        return [attach(lead, head) if lead else head]

    def _compare(self, c: _Ctx, ind: dict, met: bool | None = None) -> tuple[str, bool]:
        """'Tỷ lệ … đạt 93,5%, vượt chỉ tiêu Nghị quyết (92%)' with the target set near v."""
        met = c.rng.chance(0.78) if met is None else met
        v = c.ind_value(ind)
        t = c.ind_target(ind, v, met)
        verb = ind.get("verb", "đạt")
        vs, ts = c.ind_fmt(ind, v), c.ind_fmt(ind, t)
        down = bool(ind.get("down"))
        if met:
            cmp_ = c.rng.choice([
                f"vượt chỉ tiêu Nghị quyết đề ra ({ts})" if not down else
                f"thấp hơn mức {ts} mà Nghị quyết đặt ra",
                f"{'cao' if not down else 'thấp'} hơn mức {ts} của Nghị quyết",
                f"đạt và vượt chỉ tiêu ({ts})",
            ])
        else:
            cmp_ = c.rng.choice([
                f"chưa đạt chỉ tiêu {ts} mà Nghị quyết đề ra",
                f"thấp hơn chỉ tiêu Nghị quyết ({ts})" if not down else
                f"chưa về được mức {ts} như Nghị quyết đề ra",
                f"không đạt chỉ tiêu ({ts})",
            ])
        return f"{ind['name']} {verb} {vs}, {cmp_}", met

    def _stat(self, c: _Ctx, ind: dict) -> str:
        """A bare statistic, sometimes with a baseline or a parenthetical target, never explained."""
        v = c.ind_value(ind)
        vs = c.ind_fmt(ind, v)
        verb = ind.get("verb", "đạt")
        down = bool(ind.get("down"))
        shape = c.rng.index(5)
        if shape == 1 or shape == 2:
            f = c.rng.uniform(1.03, 1.25) if ind.get("unit", "").startswith("%") else c.rng.uniform(1.1, 1.6)
            v0 = v * f if down else v / f
            dec = int(ind.get("dec", 0))
            v0 = round(v0, dec) if dec else float(max(1, round(v0)))
            v0s = c.ind_fmt(ind, v0)
            if shape == 1:
                return f"{ind['name']} {verb} {vs} (năm {c.ry0}: {v0s})"
            move = "giảm từ" if down else "tăng từ"
            prep = "xuống" if down else "lên"
            return f"{ind['name']} {move} {v0s} năm {c.ry0} {prep} {vs} năm {c.ry1}"
        if shape == 3:
            t = c.ind_target(ind, v, c.rng.chance(0.8))
            return f"{ind['name']} {verb} {vs} (Nghị quyết: {c.ind_fmt(ind, t)})"
        if shape == 4 and re.search(r"đồng|tấn|USD", ind.get("unit", "")) and not down:
            return f"{ind['name']} {verb} {vs}, bằng {fmt_number(c.rng.uniform(101, 128), 1)}% kế hoạch"
        return f"{ind['name']} {verb} {vs}"

    # -- results -------------------------------------------------------------
    def r_results_eval(self, c: _Ctx) -> list[str]:
        d = self.data
        parts: list[str] = []
        if c.rng.chance(0.55):
            parts.append(c.pick(d["eval_openers"]))
        middle = c.picks(c.bank("achievements"), 1 + c.rng.index(2))
        if c.rng.chance(0.45):
            ind = c.rng.choice(c.bank("indicators"))
            cmp_, met = self._compare(c, ind, met=True)
            middle.append(cmp_)
            if c.rng.chance(0.5):
                middle.append(c.pick(d["interpret"]["driver"], driver=c.pick(c.bank("drivers"))))
        middle = c.rng.shuffle(middle)
        parts += middle
        tail = []
        if c.rng.chance(0.45):
            tail.append(c.pick(d["eval_effects"]))
        if c.rng.chance(0.45):
            conn = c.rng.choice(d["connectives"]["contrast"])
            tail.append(attach(conn, c.pick(c.bank("caveats"))))
        parts += c.rng.shuffle(tail)
        return parts

    def r_results_interp(self, c: _Ctx) -> list[str]:
        d = self.data
        inds = c.rng.sample(c.bank("indicators"), 2 + c.rng.index(2))
        parts: list[str] = []
        lead = c.x(c.rng.choice(d["period_leads"]))
        explained_missed = False
        for i, ind in enumerate(inds):
            s, met = self._compare(c, ind)
            if i == 0 and lead:
                s = attach(lead, s)
            parts.append(s)
            if not met and not explained_missed:
                parts.append(c.pick(d["interpret"]["missed"], caveat=c.pick(c.bank("caveats"))))
                explained_missed = True
            elif i == 0 or c.rng.chance(0.4):
                parts.append(c.pick(d["interpret"]["driver"], driver=c.pick(c.bank("drivers"))))
        if c.rng.chance(0.4):
            parts.append(c.pick(d["interpret"]["caveat"], caveat=c.pick(c.bank("caveats"))))
        if c.rng.chance(0.25):
            tally = c.pick(d["interpret"]["tally"])
            parts = [tally] + parts if c.rng.chance(0.5) else parts + [tally]
        return parts

    def _listing_lead(self, c: _Ctx) -> str:
        return c.x(c.rng.choice([
            "{period} {party} đã",
            "Về {field}, {self} đã",
            "Thực hiện Nghị quyết, {bch} đã lãnh đạo",
            "{Btv} đã chỉ đạo",
            "Trong nhiệm kỳ, {self} đã",
            "Năm năm qua, {party} đã tập trung",
        ]), period=cap(c.rng.choice([x for x in self.data["period_leads"] if x]).rstrip(",")))

    def _listing(self, c: _Ctx, items: list[str]) -> list[str]:
        """Enumerate activities: chains of 'đã …', bare clause sentences, or a colon list."""
        lead = self._listing_lead(c)
        shape = c.rng.index(5)
        if shape == 0:  # one chain, "đã" once
            return [f"{lead} {'; '.join(items)}"]
        if shape == 1:  # "đã" repeated
            body = "; ".join(("đã " + it) for it in items[1:])
            return [f"{lead} {items[0]}; {body}"]
        if shape == 2:  # several sentences with additive connectives
            k = max(2, len(items) // 2)
            first = f"{lead} {', '.join(items[:k])}"
            conn = c.rng.choice(self.data["connectives"]["add"])
            second = f"{conn} {c.x('{party}')} còn {', '.join(items[k:])}"
            return [first, second]
        if shape == 3:  # colon list
            head = c.x(c.rng.choice([
                "{Party} đã triển khai các nội dung: ",
                "Các việc đã làm trong nhiệm kỳ gồm: ",
                "Về {field}, đã thực hiện: ",
                "Kết quả cụ thể: ",
            ]))
            return [head + "; ".join(items)]
        # bare sentences, one activity each, verb first
        return [cap(it) for it in items]

    def r_results_listing(self, c: _Ctx) -> list[str]:
        items = c.picks(c.bank("plain_activities"), 4 + c.rng.index(3))
        if c.rng.chance(0.35):  # one quantified item does not make a table of figures
            items.insert(c.rng.index(len(items)), c.pick(c.bank("activities")))
        parts = self._listing(c, items)
        if c.rng.chance(0.25):
            parts.append(c.rng.choice(["Ngoài ra còn nhiều hoạt động khác được duy trì thường xuyên.",
                                        "Các hoạt động trên được triển khai theo đúng kế hoạch."]))
        return parts

    def r_results_listing_num(self, c: _Ctx) -> list[str]:
        if c.rng.chance(0.3):  # a run of noun phrases with quantities
            items = c.picks(c.bank("inventory"), 4 + c.rng.index(3))
            label = cap(c.rng.choice(c.bank("fields")))
            extra = c.picks(c.bank("activities"), 1 + c.rng.index(2))
            return [f"{label}: {', '.join(items)}", f"{c.x('{Period}', period=self._period(c))} đã {'; '.join(extra)}"]
        items = c.picks(c.bank("activities"), 5 + c.rng.index(3))
        return self._listing(c, items)

    def _period(self, c: _Ctx) -> str:
        return c.rng.choice(["trong nhiệm kỳ", "nhiệm kỳ qua", f"giai đoạn {c.ry0}–{c.ry1}",
                             "năm năm qua"])

    def r_results_numbers(self, c: _Ctx) -> list[str]:
        inds = c.rng.sample(c.bank("indicators", mix=False) + c.party_indicators(), 5 + c.rng.index(3))
        stats = [self._stat(c, i) for i in inds]
        parts: list[str] = []
        i = 0
        while i < len(stats):
            k = 1 + c.rng.index(3)
            chunk = stats[i:i + k]
            sep = c.rng.choice(["; ", ", "])
            s = sep.join(decap(x) if j else x for j, x in enumerate(chunk))
            if i == 0 and c.rng.chance(0.5):
                s = attach(c.rng.choice([f"Năm {c.ry1},", f"Giai đoạn {c.ry0}–{c.ry1},",
                                         "Cả nhiệm kỳ,", "Tính đến cuối nhiệm kỳ,"]), s)
            parts.append(s)
            i += k
        return parts

    def r_results_boiler(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["boiler_results"], 3 + c.rng.index(3))
        if c.rng.chance(0.35):
            parts.insert(c.rng.index(len(parts) + 1), c.pick(d["boiler_slogan"]))
        return parts

    # -- limitations ---------------------------------------------------------
    @staticmethod
    def _rendered(c: _Ctx, frames: list[str], n: int) -> list[str]:
        """``n`` frames drawn from ``frames``, each rendered about its own problem."""
        parts = []
        for i, fr in enumerate(c.rng.sample(frames, n)):
            c.set_problem(c.problem(i))
            parts.append(c.x(fr))
        return parts

    def r_limit_attr(self, c: _Ctx) -> list[str]:
        d = self.data
        n = 1 + (1 if c.rng.chance(0.4) else 0)
        frames = c.rng.sample(d["attributed"], n)
        parts: list[str] = []
        lead = c.x(c.rng.choice(d["limit_leads"]))
        numbered = n > 1 and c.rng.chance(0.5)
        for i, fr in enumerate(frames):
            c.set_problem(c.problem(i))
            if numbered:
                parts.append(attach(["Một là,", "Hai là,"][i], c.natural(fr)))
            else:
                parts.append(c.x(fr))
        if c.rng.chance(0.25):
            ind = c.rng.choice(c.bank("indicators"))
            cmp_, _ = self._compare(c, ind, met=False)
            parts.insert(1, f"Đến năm {c.ry1}, {decap(cmp_)}")
        if lead and c.rng.chance(0.6):
            parts.insert(0, lead)
        return parts

    def r_limit_imp(self, c: _Ctx) -> list[str]:
        d = self.data
        n = 2 + (1 if c.rng.chance(0.35) else 0)
        parts = self._rendered(c, d["impersonal"], n)
        if c.rng.chance(0.5):
            parts.append(c.pick(d["impersonal_tails"]))
        lead = c.x(c.rng.choice(d["limit_leads"]))
        if lead and c.rng.chance(0.5):
            parts.insert(0, lead)
        return parts

    def r_limit_push(self, c: _Ctx) -> list[str]:
        d = self.data
        n = 1 + (1 if c.rng.chance(0.5) else 0)
        parts = []
        for i in range(n):
            c.set_problem(c.problem(i))
            parts.append(c.x(c.rng.choice(["{What}; {detail}.", "{What}, {detail}.",
                                           "Năm {year}, {what}; {detail}."])))
        parts.append(c.pick(d["pushdown"]))
        if c.rng.chance(0.35):
            parts.append(c.pick(d["impersonal_tails"]))
        return parts

    def r_limit_boiler(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["limit_boiler"], 3 + c.rng.index(3))
        lead = c.x(c.rng.choice(d["limit_boiler_leads"]))
        if lead:
            parts.insert(0, lead)
        return parts

    # -- causes --------------------------------------------------------------
    def r_subj_attr(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = self._rendered(c, d["subj_attributed"], 2 + c.rng.index(2))
        lead = c.x(c.rng.choice(d["subj_leads"]))
        if lead:
            parts[0] = attach(lead, decap(parts[0]))
        if c.rng.chance(0.25):
            parts.append("Đây là nguyên nhân chủ yếu, quyết định những hạn chế nêu trên.")
        return parts

    def r_subj_imp(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = [c.pick(d["subj_impersonal_specific"])]
        parts += c.picks(d["subj_impersonal"], 2 + c.rng.index(2))
        parts = c.rng.shuffle(parts)
        lead = c.x(c.rng.choice(d["subj_leads"]))
        if lead:
            parts[0] = attach(lead, parts[0])
        return parts

    def r_subj_boiler(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["subj_impersonal"], 4 + c.rng.index(2))
        lead = c.x(c.rng.choice(d["subj_leads"]))
        if lead:
            parts[0] = attach(lead, parts[0])
        return parts

    def _ext_causes(self, c: _Ctx, k: int) -> list[str]:
        pool = c.bank("ext_causes", mix=False) + self.data["obj_generic"]
        if c.ry0 <= 2021 <= c.ry1:
            pool = pool + self.data["obj_covid"]
        pool = [p for p in pool if "châu Phi" not in p or c.ry1 >= 2019]
        return c.picks(pool, k)

    def r_obj(self, c: _Ctx) -> list[str]:
        d = self.data
        causes = self._ext_causes(c, 2 + c.rng.index(2))
        lead = c.x(c.rng.choice(d["obj_leads"]))
        shape = c.rng.index(3)
        if not lead:
            lead = c.rng.choice(["Nguyên nhân khách quan là", "Về khách quan, đó là", "Khách quan mà nói,"])
        if shape == 0:
            parts = [attach(lead, "; ".join(causes))]
        elif shape == 1:
            parts = [attach(lead, causes[0])]
            frames = c.rng.sample(["Bên cạnh đó là {x}.", "Thêm vào đó là {x}.", "Cùng với đó là {x}.",
                                   "Ngoài ra, {x}.", "Đáng kể nhất là {x}."], len(causes) - 1)
            parts += [fr.replace("{x}", x) for fr, x in zip(frames, causes[1:])]
        else:
            body = ", ".join(causes[:-1]) + ", cùng với " + causes[-1]
            parts = [attach(lead, body)]
        if c.rng.chance(0.55):
            c.set_problem(c.problem(0))
            parts.append(c.pick(d["obj_consequence"]))
        return parts

    def r_obj_boiler(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["obj_boiler"], 3 + c.rng.index(2))
        lead = c.x(c.rng.choice(d["obj_leads"]))
        if lead:
            parts[0] = attach(lead, parts[0])
        return parts

    # -- lessons -------------------------------------------------------------
    def r_lesson(self, c: _Ctx) -> list[str]:
        d = self.data
        frames = c.rng.sample(d["lesson_specific"], 1 + (1 if c.rng.chance(0.45) else 0))
        parts = []
        leads = ["Một là,", "Hai là,", "Ba là,"]
        start = c.rng.index(2)
        for i, fr in enumerate(frames):
            c.set_problem(c.problem(i))
            if len(frames) > 1:
                parts.append(attach(leads[start + i], c.natural(fr)))
            else:
                parts.append(self._lead_then(c, d["lesson_leads"], fr))
        return parts

    def r_lesson_boiler(self, c: _Ctx) -> list[str]:
        d = self.data
        items = c.picks(d["lesson_boiler"], 3 + c.rng.index(3))
        if c.rng.chance(0.5):
            lead = c.x(c.rng.choice(["Từ thực tiễn lãnh đạo, {party} rút ra một số bài học kinh nghiệm:",
                                     "Bài học kinh nghiệm:", "Qua năm năm, có thể rút ra những bài học sau:"]))
            return [lead + " " + "; ".join(decap(x.rstrip(".")) for x in items)]
        leads = ["Một là,", "Hai là,", "Ba là,", "Bốn là,", "Năm là,"]
        return [attach(leads[i], decap(x)) for i, x in enumerate(items)]

    # -- directions, tasks, breakthroughs -----------------------------------
    def r_dir(self, c: _Ctx) -> list[str]:
        d = self.data
        items = c.picks(c.bank("targets", mix=False), 3 + c.rng.index(2))
        if c.rng.chance(0.6):
            items.append(c.pick(d["party_targets"]))
        lead = c.x(c.rng.choice(d["dir_leads"]))
        parts = self._join_clauses(c, items, lead)
        if c.rng.chance(0.2):
            parts.insert(0, c.rng.choice([
                "Các chỉ tiêu được xây dựng trên cơ sở kết quả thực tế của nhiệm kỳ qua và khả năng huy động nguồn lực.",
                c.x("Mỗi chỉ tiêu đều được giao cho một đồng chí trong {btv} theo dõi.")]))
        return parts

    def _vague_items(self, c: _Ctx, k: int, sector_key: str) -> list[str]:
        d = self.data
        pool = [c.x(t) for t in c.bank(sector_key, mix=False)]
        for _ in range(3):
            prefix = c.rng.choice(d["vague_prefixes"])
            obj = c.pick(d["vague_objects"], field=c.rng.choice(c.bank("fields")))
            if obj.startswith(("quan tâm", "tăng cường", "đẩy mạnh")) and prefix != "tiếp tục":
                prefix = ""
            s = f"{prefix} {obj}".strip()
            if c.rng.chance(0.4):
                s += ", " + c.rng.choice(d["vague_tails"])
            pool.append(s)
        if sector_key == "vague_targets":
            pool.append(c.pick(d["vague_party"]))
        return c.rng.sample(pool, k)

    def r_dir_vague(self, c: _Ctx) -> list[str]:
        lead = c.x(c.rng.choice(["Chỉ tiêu chủ yếu:", "Phương hướng nhiệm kỳ tới:", "Phấn đấu trong nhiệm kỳ:",
                                 "Các mục tiêu cụ thể:", "{Party} xác định:", "Chỉ tiêu nhiệm kỳ {ny0}–{ny1}:", ""]))
        items = self._vague_items(c, 3 + c.rng.index(3), "vague_targets")
        return self._join_clauses(c, items, lead)

    def r_dir_slogan(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["dir_general"], 2)
        items = self._vague_items(c, 2, "vague_targets")
        parts.append("; ".join(items))
        if c.rng.chance(0.5):
            parts.append(c.x("Tất cả vì mục tiêu xây dựng {self} {slogan}."))
        return c.rng.shuffle(parts[:2]) + parts[2:]

    def r_task(self, c: _Ctx) -> list[str]:
        d = self.data
        items = c.picks(c.bank("tasks", mix=False), 1 + c.rng.index(2))
        if c.rng.chance(0.35):
            items.append(c.pick(d["party_targets"]))
        c.set_problem(c.problem(0))
        lead = c.x(c.rng.choice(d["task_leads"]))
        parts = self._join_clauses(c, items, lead)
        owner = c.pick(d["task_owner"])
        if owner:
            parts.append(owner)
        if c.rng.chance(0.3):
            parts.insert(1, c.x("Việc này nhằm khắc phục dứt điểm tình trạng {what}."))
        return parts

    def r_task_vague(self, c: _Ctx) -> list[str]:
        lead = c.x(c.rng.choice(self.data["task_leads"]))
        items = self._vague_items(c, 3 + c.rng.index(3), "vague_tasks")
        return self._join_clauses(c, items, lead)

    def r_task_slogan(self, c: _Ctx) -> list[str]:
        d = self.data
        items = self._vague_items(c, 3, "vague_tasks")
        parts = self._join_clauses(c, items, c.x(c.rng.choice(d["task_leads"])))
        parts.append(c.pick(d["lesson_boiler"]))
        if c.rng.chance(0.5):
            parts.append(c.x("Phát huy tinh thần {slogan}, phấn đấu hoàn thành thắng lợi các nhiệm vụ đề ra."))
        return parts

    def r_bt(self, c: _Ctx) -> list[str]:
        d = self.data
        bt = c.pick(c.bank("breakthroughs", mix=False))
        lead = c.x(c.rng.choice(d["bt_leads"]))
        parts = [attach(lead, bt)]
        c.set_problem(c.problem(0))
        extra = []
        if c.rng.chance(0.5):
            extra.append(c.x(c.rng.choice([
                "Lựa chọn này xuất phát từ hạn chế lớn nhất của nhiệm kỳ qua: {what}.",
                "Khâu này được chọn vì {what}, trong khi đây là điều kiện của mọi mục tiêu khác.",
                "Đây là nút thắt đã làm chậm nhiều chỉ tiêu nhiệm kỳ trước."])))
        if c.rng.chance(0.5):
            extra.append(c.x(c.rng.choice([
                "Người chịu trách nhiệm chính là {owner}; tiến độ được báo cáo với {btv} sáu tháng một lần.",
                "{Btv} phân công {owner} trực tiếp chỉ đạo và kiểm điểm kết quả hằng năm.",
                "Kinh phí được bố trí ngay từ kế hoạch đầu tư công năm đầu nhiệm kỳ."])))
        return parts + c.rng.shuffle(extra)

    def r_bt_vague(self, c: _Ctx) -> list[str]:
        d = self.data
        n = 1 + (1 if c.rng.chance(0.55) else 0)
        bts = c.rng.sample(d["bt_vague"], n)
        parts = []
        leads = ["Thứ nhất, đột phá về", "Thứ hai, đột phá về"] if n > 1 else \
            [c.rng.choice(d["bt_vague_leads"])]
        for i, bt in enumerate(bts):
            s = bt
            if c.rng.chance(0.7):
                s += ", " + c.rng.choice(["nhằm ", "để ", "qua đó ", ""]) + c.rng.choice(d["bt_vague_tails"])
            parts.append(attach(leads[i], s))
        if n == 1 or c.rng.chance(0.3):
            parts.append(c.x(c.rng.choice([
                "Tập trung huy động mọi nguồn lực, tạo sự chuyển biến mạnh mẽ trong thực hiện khâu đột phá.",
                "Đây là khâu then chốt, cần sự vào cuộc của cả hệ thống chính trị.",
                "Các cấp ủy, chính quyền cụ thể hóa khâu đột phá bằng chương trình, kế hoạch phù hợp."])))
        return parts

    # -- review: responsibility, remedies, working rules ---------------------
    def r_resp(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = self._rendered(c, d["resp_clean"], 2 + c.rng.index(2))
        if c.rng.chance(0.35):
            parts.insert(0, c.x(c.rng.choice([
                "{Bch} nhận trách nhiệm tập thể về các hạn chế nêu trên; trách nhiệm cá nhân được xác định như sau.",
                "Trách nhiệm cá nhân đối với từng hạn chế được xác định cụ thể."])))
        return parts

    def r_resp_imp(self, c: _Ctx) -> list[str]:
        return c.picks(self.data["resp_impersonal"], 2 + c.rng.index(3))

    def r_remedy(self, c: _Ctx) -> list[str]:
        d = self.data
        c.set_problem(c.problem(0))
        items = c.picks(d["remedy_dated"], 2 + c.rng.index(2))
        if c.rng.chance(0.4):
            items.append(c.pick(c.bank("tasks", mix=False)))
        lead = c.x(c.rng.choice(d["remedy_leads"]))
        return self._join_clauses(c, items, lead)

    def r_remedy_vague(self, c: _Ctx) -> list[str]:
        d = self.data
        items = c.picks(d["remedy_vague"], 3 + c.rng.index(3))
        lead = c.x(c.rng.choice(d["remedy_leads"]))
        return self._join_clauses(c, items, lead)

    def r_wr(self, c: _Ctx) -> list[str]:
        d = self.data
        c.set_problem(c.problem(0))
        parts = c.picks(d["wr_substantive"], 2 + c.rng.index(2))
        if c.rng.chance(0.4):
            c.set_problem(c.problem(1))
            parts.append(c.pick(d["wr_named_flaw"]))
        return parts

    def r_wr_boiler(self, c: _Ctx) -> list[str]:
        return c.picks(self.data["wr_boiler"], 3 + c.rng.index(3))

    def r_wr_routine(self, c: _Ctx) -> list[str]:
        items = c.picks(self.data["wr_routine"], 4 + c.rng.index(3))
        lead = c.x(c.rng.choice([
            "Trong nhiệm kỳ, {bch} đã", "Thực hiện Quy chế làm việc, {bch} đã",
            "Về thực hiện quy chế, {bch} đã", "{Bch} đã duy trì nền nếp làm việc:",
            "Năm năm qua, {btv} đã", "Theo chương trình công tác toàn khóa, {bch} đã",
            "Về chế độ làm việc, trong nhiệm kỳ đã", "Các việc {bch} đã làm theo quy chế gồm:",
        ]))
        if lead.endswith(":"):
            return [lead + " " + "; ".join(items)]
        return [lead + " " + "; ".join(items)] if c.rng.chance(0.6) else \
            [lead + " " + ", ".join(items[:2]), "Đồng thời, " + "; ".join(items[2:])]

    def r_wr_imp(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = c.picks(d["wr_impersonal"], 2 + c.rng.index(3))
        if c.rng.chance(0.3):
            parts.append(c.pick(d["impersonal_tails"]))
        return parts

    # -- other ---------------------------------------------------------------
    def r_context(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = [c.pick(d["context_open"])]
        causes = self._ext_causes(c, 2)
        hard = c.rng.sample(d["context_hard"], 2)
        parts.append(c.x(hard[0], ext=causes[0]))
        if c.rng.chance(0.5):
            parts.append(c.x(hard[1], ext=causes[1]))
        if c.rng.chance(0.6):
            good = c.pick(d["context_good"])
            parts.insert(1 if c.rng.chance(0.5) else len(parts), good)
        return parts

    def r_ceremonial(self, c: _Ctx) -> list[str]:
        d = self.data
        pool = d["ceremonial_open"] if c.rng.chance(0.6) else d["ceremonial_close"]
        parts = c.picks(pool, 2 + c.rng.index(2))
        if c.rng.chance(0.3):
            other = d["ceremonial_close"] if pool is d["ceremonial_open"] else d["ceremonial_open"]
            parts.append(c.pick(other))
        return parts

    def r_profile(self, c: _Ctx) -> list[str]:
        d = self.data
        if c.level == "chi bộ":
            first = c.x("{unit} có {#9-60} đảng viên, sinh hoạt ở {#2-5} tổ đảng")
            pool = [x for x in d["profile_items"][2:] if "chi bộ" not in x]
        else:
            first = c.x(d["profile_items"][0])
            pool = d["profile_items"][2:]
        if c.rng.chance(0.6):
            first += ", " + c.x(d["profile_items"][1])
        items = c.picks(pool, 2 + c.rng.index(3))
        inv = c.picks(c.bank("inventory", mix=False), 2 + c.rng.index(2))
        parts = [first, "; ".join(items)]
        parts.append(cap(c.x("{self}")) + " có " + ", ".join(inv))
        return parts if c.rng.chance(0.5) else [parts[-1]] + parts[:-1]

    def r_review_intro(self, c: _Ctx) -> list[str]:
        d = self.data
        parts = [c.pick(d["context_intro_review"])]
        parts += c.picks(d["review_method"], 1 + c.rng.index(2))
        return parts


# ---------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------
def compose(data: dict, seed: int = 0, scale: float = 1.0,
            avoid: set[str] | None = None) -> list[dict]:
    """Compose labelled paragraphs from the fragment banks.

    ``scale`` multiplies every recipe's count (1.0 gives the shipped corpus);
    ``avoid`` is a set of texts that must not be produced again (for example
    the handwritten items). Returns plain dicts in a fixed order.
    """
    comp = _Composer(data)
    seen: set[str] = set(avoid or ())
    out: list[dict] = []
    for name, role, weaknesses, doc_types, count, method in RECIPES:
        fn: Callable[[_Ctx], list[str]] = getattr(comp, method)
        n = max(1, int(round(count * scale)))
        word_sets: list[set[str]] = []
        for i in range(n):
            for attempt in range(60):
                rng = _Rng(f"reportcheck-corpus/{COMPOSER_VERSION}/{seed}/{name}/{i}/{attempt}")
                doc_type = rng.weighted(list(doc_types))
                term = rng.weighted(list(_TERMS[doc_type]))
                sector = rng.weighted(list(_SECTOR_WEIGHTS))
                ctx = _Ctx(comp, rng, sector, doc_type, term)
                text = paragraph(fn(ctx))
                words = len(text.split())
                if not (MIN_WORDS <= words <= MAX_WORDS) or text in seen:
                    continue
                labels = list(weaknesses)
                figures = n_figures(text)
                if "numbers" in labels and figures < 5:
                    continue
                if name == "results-listing" and figures > 3:
                    continue
                if name == "working-rules-routine" and figures >= 5:
                    labels.append("numbers")
                if role in ("responsibility", "remedy", "working-rules") and doc_type != "review":
                    continue
                words_set = set(_WORD.findall(text.lower()))
                if any(len(words_set & w) / len(words_set | w) > MAX_SIMILARITY for w in word_sets):
                    continue  # too close to an item of the same recipe: draw again
                word_sets.append(words_set)
                seen.add(text)
                out.append({
                    "text": text, "role": role, "weaknesses": labels,
                    "doc_type": doc_type, "level": ctx.level, "sector": sector, "term": term,
                    "origin": "composed", "recipe": name,
                })
                break
    for k, item in enumerate(out):
        item["id"] = f"cmp-{seed}-{k + 1:05d}"
    return out
