"""Rules as data: YAML files under ``rules/``, validated against a schema.

A rule file holds ``rules:`` (a list of rules) and may hold ``lexicons:``
(named phrase lists that checks refer to as ``"@name"``). Every rule
declares its id (category + "." + name), category, doc types, scope,
severity, levels, Vietnamese message and suggestion, basis, the check and
examples that must fire and must not fire. Loading fails loudly, naming the
file and line, when a rule is malformed.

>>> rs = load_rules()
>>> rs["structure.missing-part"].category
'structure'
>>> all(r.id.startswith(r.category + ".") for r in rs)
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import RuleError
from .findings import CATEGORIES

__all__ = ["Rule", "RuleSet", "load_rules", "load_rule_file", "builtin_rules_dir", "validated_manifest", "CHECK_KINDS"]

#: check kinds the engine knows (reportcheck.checks registers one function each)
CHECK_KINDS = ("phrase", "metric", "required-parts", "ratio", "agents", "cause-order",
               "repetition", "classifier", "working-rules", "length", "measurable")


@dataclass
class Rule:
    """One rule, as loaded from YAML."""

    id: str
    category: str
    doc_types: list[str]
    scope: list[str]
    severity: str
    message: str
    check: dict
    levels: list[str] = field(default_factory=lambda: ["all"])
    suggestion: str | None = None
    basis: str | None = None
    description: str | None = None
    examples: dict = field(default_factory=dict)
    #: off unless the config enables it (by id or category)
    enabled: bool = True
    file: str = ""
    line: int = 0

    @property
    def kind(self) -> str:
        return self.check["kind"]


class RuleSet:
    """Rules by id, plus the named lexicons, plus a digest of both."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, list[str]], digest: str):
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        self.lexicons = lexicons
        self.digest = digest

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self.by_id

    def lexicon(self, name_or_list: str | list[str]) -> list[str]:
        """Resolve ``"@name"`` (or a list mixing phrases and ``"@name"``) to phrases."""
        items = [name_or_list] if isinstance(name_or_list, str) else list(name_or_list)
        out: list[str] = []
        for item in items:
            if isinstance(item, str) and item.startswith("@"):
                if item[1:] not in self.lexicons:
                    raise KeyError(f"unknown lexicon {item}")
                out.extend(self.lexicons[item[1:]])
            else:
                out.append(item)
        return out


def builtin_rules_dir() -> Path:
    """Where the shipped rules live: inside the wheel, or ``rules/`` of a checkout."""
    packaged = resources.files("reportcheck").joinpath("rules")
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve().parents[2] / "rules"
    if here.is_dir():
        return here
    raise RuleError("rules", None, "không tìm thấy thư mục luật đi kèm (rules/)")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads(resources.files("reportcheck").joinpath("schema/rule.schema.json").read_text(encoding="utf-8"))


def _node_line(node: yaml.Node, path: list) -> int:
    """Line (1-based) of the YAML node at ``path`` (keys / indices), as deep as it goes."""
    cur = node
    for key in path:
        if isinstance(cur, yaml.MappingNode):
            nxt = next((v for k, v in cur.value if k.value == key), None)
        elif isinstance(cur, yaml.SequenceNode) and isinstance(key, int) and key < len(cur.value):
            nxt = cur.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        cur = nxt
    return cur.start_mark.line + 1


def _schema_bytes() -> bytes:
    return resources.files("reportcheck").joinpath("schema/rule.schema.json").read_bytes()


def validation_digest(data: bytes) -> str:
    """What :data:`VALIDATED_MANIFEST` records for a rule file: sha256 of the schema and the file."""
    return hashlib.sha256(_schema_bytes() + b"\0" + data).hexdigest()


#: digests of the shipped rule files that passed the schema (``reportcheck rules --manifest``)
VALIDATED_MANIFEST = "schema/validated-rules.txt"


@lru_cache(maxsize=1)
def _validated() -> frozenset[str]:
    try:
        text = resources.files("reportcheck").joinpath(VALIDATED_MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


def validated_manifest(folder: Path | None = None) -> str:
    """The manifest of the rule files in ``folder`` (the shipped rules), validating each first.

    A rule file whose bytes (with this schema) are listed is not validated
    again at run time: importing jsonschema costs more than a one-draft check
    spends on anything but segmentation. Edit a shipped file and it is
    validated again until the manifest is regenerated; a test keeps the
    manifest current.
    """
    folder = folder or builtin_rules_dir()
    lines = ["# sha256(schema + rule file) of the shipped rule files that passed the schema;",
             "# regenerate with: reportcheck rules --manifest > src/reportcheck/schema/validated-rules.txt"]
    for f in _rule_files(folder):
        load_rule_file(f, trust_manifest=False)
        lines.append(f"{validation_digest(f.read_bytes())}  {f.name}")
    return "\n".join(lines) + "\n"


def load_rule_file(path: Path, *, trust_manifest: bool = True) -> tuple[list[Rule], dict[str, list[str]]]:
    """Parse and validate one rule file; raise RuleError with file and line.

    Files listed in the validated manifest (the shipped rules, unchanged)
    skip the schema check unless ``trust_manifest`` is False.
    """
    try:
        raw_bytes = path.read_bytes()
        text = raw_bytes.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"không đọc được tệp luật: {exc}") from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(str(path), mark.line + 1 if mark else None, f"YAML không hợp lệ: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return [], {}
    if trust_manifest and validation_digest(raw_bytes) in _validated():
        errors = []
    else:
        import jsonschema

        validator = jsonschema.Draft202012Validator(_schema())
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    # the node tree (for line numbers) is built only when needed: composing is slow
    node = yaml.compose(text, Loader=_LOADER) if errors or data.get("rules") else None
    if errors:
        err = errors[0]
        where = list(err.absolute_path)
        line = _node_line(node, where) if node is not None else None
        dotted = ".".join(str(p) for p in where) or "(gốc)"
        raise RuleError(str(path), line, f"luật không hợp lệ tại {dotted}: {err.message}")
    lexicons = {k: [str(x) for x in v] for k, v in (data.get("lexicons") or {}).items()}
    rules: list[Rule] = []
    for i, raw in enumerate(data.get("rules") or []):
        line = _node_line(node, ["rules", i])
        rid, cat = raw["id"], raw["category"]
        if not rid.startswith(cat + "."):
            raise RuleError(str(path), line, f"mã luật {rid!r} phải bắt đầu bằng nhóm {cat!r} và dấu chấm")
        if cat not in CATEGORIES:
            raise RuleError(str(path), line, f"nhóm {cat!r} không có trong taxonomy")
        rules.append(Rule(
            id=rid, category=cat, doc_types=list(raw["doc_types"]), scope=list(raw.get("scope", ["document"])),
            severity=raw["severity"], message=raw["message"], check=dict(raw["check"]),
            levels=list(raw.get("levels", ["all"])), suggestion=raw.get("suggestion"), basis=raw.get("basis"),
            description=raw.get("description"), examples=dict(raw.get("examples") or {}),
            enabled=bool(raw.get("enabled", True)), file=str(path), line=line,
        ))
    return rules, lexicons


def _rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yml", ".yaml"))


def load_rules(config: Any = None, folders: list[Path] | None = None) -> RuleSet:
    """Load the shipped rules plus the config's ``extra_rules`` folders."""
    dirs = list(folders) if folders is not None else [builtin_rules_dir()]
    if config is not None and folders is None:
        dirs += [Path(p) for p in getattr(config, "extra_rules", [])]
    return _load_cached(tuple(str(d) for d in dirs))


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[str, ...]) -> RuleSet:
    rules: list[Rule] = []
    lexicons: dict[str, list[str]] = {}
    h = hashlib.sha256()
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleError(d, None, "không tìm thấy thư mục luật")
        for f in _rule_files(folder):
            h.update(f.name.encode())
            h.update(f.read_bytes())
            rs, lx = load_rule_file(f)
            for name, words in lx.items():
                lexicons.setdefault(name, []).extend(words)
            rules.extend(rs)
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise RuleError(r.file, r.line, f"mã luật {r.id!r} trùng với luật ở {seen[r.id].file}:{seen[r.id].line}")
        seen[r.id] = r
    rs = RuleSet(rules, lexicons, h.hexdigest())
    for r in rules:  # unknown lexicon references fail at load time, with the rule's place
        for key in ("phrases", "exceptions", "markers", "agents", "attribution", "vague", "require", "require_except",
                    "subjective", "objective"):
            if key in r.check:
                try:
                    rs.lexicon(r.check[key])
                except KeyError as exc:
                    raise RuleError(r.file, r.line, f"{r.id}: {exc.args[0]}") from None
    return rs
