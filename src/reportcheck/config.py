"""Configuration: ``reportcheck.toml`` or ``[tool.reportcheck]`` in ``pyproject.toml``.

Found upward from the checked files (or given with ``--config``)::

    # reportcheck.toml
    level = "cơ sở"                 # chi bộ | cơ sở | cấp trên cơ sở | tỉnh | auto
    disable = ["unfocused", "listing.comma-series"]
    enable = []                     # re-enable something a wider disable switched off
    extra_rules = ["rules-ubkt"]     # more rule folders, relative to this file
    model_dir = "models"             # classifiers trained with `reportcheck train`

    [severity]
    "numbers.dense-figures" = "error"

    [thresholds."numbers.dense-figures"]
    min_figures = 8

>>> c = Config(disable=["listing"], severity={"numbers.dense-figures": "error"})
>>> c.is_enabled("listing.semicolon-chain", "listing"), c.is_enabled("numbers.x", "numbers")
(False, True)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import ConfigError

__all__ = ["Config", "load_config", "LEVELS", "normalize_level"]

#: level profiles, smallest first
LEVELS = ("chi bộ", "cơ sở", "cấp trên cơ sở", "tỉnh")

_LEVEL_ALIASES = {
    "chi bo": "chi bộ", "chi bộ": "chi bộ",
    "co so": "cơ sở", "cơ sở": "cơ sở", "đảng bộ cơ sở": "cơ sở", "xã": "cơ sở", "phường": "cơ sở",
    "thị trấn": "cơ sở", "cơ quan": "cơ sở", "doanh nghiệp": "cơ sở",
    "cap tren co so": "cấp trên cơ sở", "cấp trên cơ sở": "cấp trên cơ sở", "huyện": "cấp trên cơ sở",
    "cấp huyện": "cấp trên cơ sở", "quận": "cấp trên cơ sở", "huyen": "cấp trên cơ sở",
    "tỉnh": "tỉnh", "cấp tỉnh": "tỉnh", "tinh": "tỉnh", "thành phố": "tỉnh",
}


def normalize_level(value: str | None) -> str | None:
    """Map a level name ("xã", "huyện", "chi bo" …) to a profile in LEVELS.

    >>> normalize_level("huyện"), normalize_level("auto")
    ('cấp trên cơ sở', None)
    """
    if value is None:
        return None
    v = " ".join(str(value).strip().lower().split())
    if v in ("", "auto"):
        return None
    if v in _LEVEL_ALIASES:
        return _LEVEL_ALIASES[v]
    raise ConfigError(f"cấp không hợp lệ: {value!r}; dùng một trong: {', '.join(LEVELS)}, auto")


@dataclass
class Config:
    """Effective settings for a run."""

    level: str | None = None
    enable: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    thresholds: dict[str, dict] = field(default_factory=dict)
    extra_rules: list[Path] = field(default_factory=list)
    model_dir: Path | None = None
    use_classifiers: bool = True
    memo: dict = field(default_factory=dict)
    source: Path | None = None

    def __post_init__(self) -> None:
        self.level = normalize_level(self.level)
        for rid, sev in self.severity.items():
            if sev not in ("info", "warning", "error"):
                raise ConfigError(f"mức độ không hợp lệ cho {rid}: {sev!r} (info | warning | error)")

    def is_enabled(self, rule_id: str, category: str, default: bool = True) -> bool:
        """Most specific setting wins: rule id over category; else the rule's own default."""
        if rule_id in self.enable:
            return True
        if rule_id in self.disable:
            return False
        if category in self.disable:
            return False
        return default or category in self.enable

    def severity_for(self, rule_id: str, category: str, default: str) -> str:
        return self.severity.get(rule_id, self.severity.get(category, default))

    def params_for(self, rule_id: str) -> dict:
        return dict(self.thresholds.get(rule_id, {}))

    def key(self) -> str:
        """A stable string of the settings that change findings (for caches)."""
        return repr((self.level, sorted(self.enable), sorted(self.disable), sorted(self.severity.items()),
                     sorted((k, sorted(v.items())) for k, v in self.thresholds.items()),
                     [str(p) for p in self.extra_rules], str(self.model_dir), self.use_classifiers))


_KNOWN = {"level", "enable", "disable", "severity", "thresholds", "extra_rules", "model_dir",
          "use_classifiers", "memo"}


def _from_table(table: dict, source: Path) -> Config:
    unknown = set(table) - _KNOWN
    if unknown:
        raise ConfigError(f"{source}: khóa cấu hình không hợp lệ: {', '.join(sorted(unknown))}")
    base = source.parent
    try:
        return Config(
            level=table.get("level"),
            enable=list(table.get("enable", [])),
            disable=list(table.get("disable", [])),
            severity=dict(table.get("severity", {})),
            thresholds={k: dict(v) for k, v in table.get("thresholds", {}).items()},
            extra_rules=[(base / p) for p in table.get("extra_rules", [])],
            model_dir=(base / table["model_dir"]) if table.get("model_dir") else None,
            use_classifiers=bool(table.get("use_classifiers", True)),
            memo=dict(table.get("memo", {})),
            source=source,
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{source}: cấu hình không hợp lệ: {exc}") from None


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: tệp TOML không hợp lệ: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình: {exc.strerror}") from None


def find_config(start: Iterable[Path]) -> Path | None:
    """The nearest reportcheck.toml, or pyproject.toml with [tool.reportcheck], upward."""
    for s in start:
        p = Path(s).resolve()
        folder = p if p.is_dir() else p.parent
        for d in [folder, *folder.parents]:
            cand = d / "reportcheck.toml"
            if cand.is_file():
                return cand
            py = d / "pyproject.toml"
            if py.is_file() and "tool" in (data := _read_toml(py)) and "reportcheck" in data["tool"]:
                return py
    return None


def load_config(path: str | os.PathLike | None = None, *, start: Iterable[Path] = ()) -> Config:
    """Load the config named by ``path``, else the nearest one above ``start``, else defaults."""
    cfg_path = Path(path) if path is not None else find_config(start)
    if cfg_path is None:
        return Config()
    if not cfg_path.is_file():
        raise ConfigError(f"{cfg_path}: không tìm thấy tệp cấu hình")
    data = _read_toml(cfg_path)
    if cfg_path.name == "pyproject.toml":
        data = data.get("tool", {}).get("reportcheck", {})
    return _from_table(data, cfg_path)
