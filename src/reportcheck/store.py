"""The results store: an embedded SQLite database that caches results and keeps history.

A result is stored under a key made of everything that decides the
findings: the sha256 of the file's bytes, the sha256 of the paired political
report's bytes, the rule-set digest, :meth:`Config.key`, the forced document
type and the tool's fingerprint (version plus a digest of the installed
package files, so that an upgrade or an edited checkout never reuses stale
results). An unchanged file is therefore never analysed twice.

Every check also records the document's *version* in ``history`` — path,
unit (its folder), content hash, when it was first and last seen, and the
key of its result — so that ``reportcheck diff`` can compare a draft with
an earlier version of itself.

Only the parent process writes (workers return results to it); the database
runs in WAL mode with a busy timeout, so two ``reportcheck`` processes can
share it. A damaged database, or one written by an older layout, is moved
aside and rebuilt with a warning; a store that cannot be used at all turns
itself off with a warning. It never stops a check.

>>> import tempfile, pathlib
>>> from reportcheck.report import DocumentResult
>>> db = pathlib.Path(tempfile.mkdtemp()) / "r.sqlite"
>>> with ResultStore(db) as store:
...     store.put("k1", DocumentResult(path="a.txt", doc_type="other", finding_dicts=[]), content_hash="h")
...     store.get("k1").path
'a.txt'
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ._version import __version__
from .report import DocumentResult

__all__ = ["ResultStore", "CacheWarning", "Version", "default_path", "open_store", "tool_fingerprint",
           "file_digest", "run_context", "cache_key", "result_to_json", "result_from_json", "SCHEMA_VERSION"]

#: layout of the database; a different value in ``PRAGMA user_version`` means rebuild
SCHEMA_VERSION = 1
DB_NAME = "results.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    tool TEXT NOT NULL,
    created REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    path TEXT NOT NULL,
    unit TEXT,
    shown TEXT,
    content_hash TEXT NOT NULL,
    result_key TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    n_findings INTEGER,
    PRIMARY KEY (path, content_hash, result_key)
);
CREATE INDEX IF NOT EXISTS history_by_path ON history (path, first_seen);
"""


class CacheWarning(UserWarning):
    """The results store had a problem (rebuilt or switched off); the check goes on."""


def default_path() -> Path:
    """``$REPORTCHECK_CACHE``, else ``results.sqlite`` in the user cache directory."""
    env = os.environ.get("REPORTCHECK_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reportcheck", appauthor=False)) / DB_NAME


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The version, a digest of the package's files (names, sizes, mtimes) and the NLP/ML libraries' versions.

    A released wheel never changes, so this is stable; in a checkout under
    development, editing any module, rule or corpus file invalidates cached
    results, and so does upgrading underthesea or scikit-learn.
    """
    from importlib import metadata

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if "__pycache__" in p.parts or p.suffix in (".pyc", ".pyo") or not p.is_file():
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    for dist in ("underthesea", "underthesea_core", "scikit-learn", "numpy", "python-docx"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            pass
    return f"{__version__}+{h.hexdigest()[:16]}"


def file_digest(path: str | os.PathLike) -> tuple[str, int] | None:
    """sha256 of the file's bytes and its size, or None when it cannot be read."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest(), len(data)


def run_context(config: Any, rules_digest: str) -> str:
    """The part of the key shared by every file of a run (tool, rules, settings)."""
    from .rules import builtin_rules_dir

    try:
        builtin = str(builtin_rules_dir())
    except Exception:  # pragma: no cover - no rules at all fails elsewhere
        builtin = ""
    parts = [str(SCHEMA_VERSION), tool_fingerprint(), rules_digest, config.key() if config is not None else "",
             _model_fingerprint(getattr(config, "model_dir", None)), builtin]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _model_fingerprint(model_dir) -> str:
    """Names, sizes and mtimes of a user's model folder (a retrained model invalidates)."""
    if not model_dir:
        return ""
    d = Path(model_dir)
    if not d.is_dir():
        return "missing"
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file():
            st = p.stat()
            h.update(f"{p.relative_to(d)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def cache_key(context: str, content_hash: str, pair_hash: str | None, doc_type: str | None) -> str:
    """The key of one document's result."""
    raw = "\0".join([context, content_hash, pair_hash or "-", doc_type or "-"])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# -- (de)serialising a DocumentResult ------------------------------------

def _jsonable(x: Any) -> Any:
    if hasattr(x, "item") and callable(x.item):  # numpy scalars
        return x.item()
    if isinstance(x, (set, frozenset, tuple)):
        return list(x)
    if isinstance(x, Path):
        return str(x)
    return str(x)


def _finding_raw(f) -> dict:
    from dataclasses import asdict

    return asdict(f)


def result_to_json(result: DocumentResult) -> str:
    """A DocumentResult as JSON: the output-schema dicts plus the raw findings."""
    data = {
        "path": result.path, "doc_type": result.doc_type, "pair": result.pair,
        "stats": result.stats, "error": result.error,
        "finding_dicts": [] if result.error else result.findings_as_dicts(),
    }
    try:
        raw = [_finding_raw(f) for f in result.findings]
        json.dumps(raw, ensure_ascii=False, default=_jsonable)
        data["findings"] = raw
    except Exception:  # the raw findings are a convenience; the dicts are what counts
        data["findings"] = None
    return json.dumps(data, ensure_ascii=False, default=_jsonable)


def result_from_json(text: str) -> DocumentResult:
    """The inverse of :func:`result_to_json` (without the Document)."""
    data = json.loads(text)
    findings = []
    if data.get("findings"):
        from .findings import Finding, Related

        try:
            for raw in data["findings"]:
                raw = dict(raw)
                if raw.get("related"):
                    raw["related"] = Related(**raw["related"])
                findings.append(Finding(**raw))
        except (TypeError, ValueError):
            findings = []
    return DocumentResult(path=data["path"], doc_type=data.get("doc_type"), pair=data.get("pair"),
                          findings=findings, error=data.get("error"), stats=data.get("stats") or {},
                          document=None, finding_dicts=list(data.get("finding_dicts") or []))


# -- the store -----------------------------------------------------------

@dataclass
class Version:
    """One recorded version of a document."""

    path: str
    unit: str | None
    shown: str | None
    content_hash: str
    result_key: str
    first_seen: float
    last_seen: float
    n_findings: int | None


def _default_warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


class ResultStore:
    """Results cache and document history in one SQLite file.

    ``warn`` receives the Vietnamese message of every problem (default:
    :class:`CacheWarning` through :mod:`warnings`). Counters ``hits``,
    ``misses`` and ``writes`` tell what the store did.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, warn: Callable[[str], None] | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.warn = warn or _default_warn
        self.hits = self.misses = self.writes = 0
        self.disabled = False
        self._conn: sqlite3.Connection | None = None
        self._rebuilt = False
        self._open()

    # -- opening, checking, rebuilding ----------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> None:
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"bộ nhớ đệm kết quả {self.path} bị hỏng ({exc}); đã tạo lại")
            return
        except OSError as exc:
            self._disable(f"không mở được bộ nhớ đệm kết quả {self.path} ({exc}); kiểm tra không dùng bộ nhớ đệm")
            return
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version == 0 and not tables:
                self._create(conn)
            elif version != SCHEMA_VERSION or not {"meta", "results", "history"} <= tables:
                conn.close()
                self._rebuild(f"bộ nhớ đệm kết quả {self.path} thuộc phiên bản cũ (lược đồ {version}); đã tạo lại",
                              move_aside=False)
                return
            else:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    conn.close()
                    self._rebuild(f"bộ nhớ đệm kết quả {self.path} bị hỏng ({ok}); đã tạo lại")
                    return
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._rebuild(f"bộ nhớ đệm kết quả {self.path} bị hỏng ({exc}); đã tạo lại")
            return
        self._conn = conn

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        conn.executescript(_SCHEMA)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('created', ?)", (str(time.time()),))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('tool', ?)", (__version__,))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _rebuild(self, message: str, *, move_aside: bool = True) -> None:
        """Move the damaged file aside (``*.corrupt``), start an empty store, warn."""
        self.close()
        if self._rebuilt:  # rebuilt once already in this run: give up quietly
            self._disable(f"{message}; bộ nhớ đệm tạm tắt trong lần chạy này")
            return
        self._rebuilt = True
        try:
            if self.path.exists():
                if move_aside:
                    os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
                else:
                    self.path.unlink()
            for suffix in ("-wal", "-shm", "-journal"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.unlink()
            conn = self._connect()
            self._create(conn)
            self._conn = conn
        except (OSError, sqlite3.Error) as exc:
            self._disable(f"{message}, nhưng không tạo lại được ({exc}); kiểm tra không dùng bộ nhớ đệm")
            return
        self.warn(message)

    def _disable(self, message: str) -> None:
        self.disabled = True
        self._conn = None
        self.warn(message)

    def _guard(self, fn, default=None):
        """Run a database operation; on damage rebuild once, on other trouble switch off."""
        if self.disabled or self._conn is None:
            return default
        try:
            return fn(self._conn)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                self.warn(f"bộ nhớ đệm kết quả đang bị khóa ({exc}); bỏ qua một lần ghi")
                return default
            self._rebuild(f"bộ nhớ đệm kết quả {self.path} bị hỏng khi đang dùng ({exc}); đã tạo lại")
            return default

    # -- results -------------------------------------------------------
    def get(self, key: str) -> DocumentResult | None:
        """The stored result under ``key`` (counts a hit or a miss)."""
        row = self._guard(lambda c: c.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone())
        if row is None:
            self.misses += 1
            return None
        try:
            result = result_from_json(row[0])
        except (ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: DocumentResult, *, content_hash: str, path: str | os.PathLike | None = None,
            when: float | None = None) -> None:
        """Store ``result`` under ``key``; with ``path``, record this version in the history."""
        data = result_to_json(result)
        now = time.time() if when is None else when

        def write(c: sqlite3.Connection) -> None:
            c.execute("BEGIN IMMEDIATE")
            try:
                c.execute("INSERT OR REPLACE INTO results (key, content_hash, tool, created, data) VALUES (?, ?, ?, ?, ?)",
                          (key, content_hash, tool_fingerprint(), now, data))
                if path is not None:
                    self._record(c, path, result.path, content_hash, key, len(result.finding_dicts or []), now)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

        if self._guard(write, default=False) is None:
            self.writes += 1

    def record(self, path: str | os.PathLike, shown: str, content_hash: str, key: str, n_findings: int | None,
               when: float | None = None) -> None:
        """Record that ``path`` was checked with this content (a cache hit does this too)."""
        now = time.time() if when is None else when
        self._guard(lambda c: self._record(c, path, shown, content_hash, key, n_findings, now))

    def record_many(self, rows: list[tuple[str | os.PathLike, str, str, str, int | None]],
                    when: float | None = None) -> None:
        """:meth:`record` for many ``(path, shown, content_hash, key, n_findings)`` in one transaction."""
        if not rows:
            return
        now = time.time() if when is None else when

        def write(c: sqlite3.Connection) -> None:
            c.execute("BEGIN IMMEDIATE")
            try:
                for path, shown, content_hash, key, n in rows:
                    self._record(c, path, shown, content_hash, key, n, now)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

        self._guard(write)

    @staticmethod
    def _record(c: sqlite3.Connection, path, shown, content_hash, key, n, now) -> None:
        p = Path(path).resolve()
        c.execute(
            "INSERT INTO history (path, unit, shown, content_hash, result_key, first_seen, last_seen, n_findings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (path, content_hash, result_key) DO UPDATE SET last_seen = excluded.last_seen, shown = excluded.shown",
            (str(p), p.parent.name, shown, content_hash, key, now, now, n))

    def findings(self, key: str) -> list[dict] | None:
        """The finding dicts stored under ``key``, without counting a hit."""
        row = self._guard(lambda c: c.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone())
        if row is None:
            return None
        try:
            return json.loads(row[0]).get("finding_dicts") or []
        except ValueError:
            return None

    # -- history -------------------------------------------------------
    def versions(self, path: str | os.PathLike) -> list[Version]:
        """Every recorded version of ``path``, oldest first."""
        p = str(Path(path).resolve())
        rows = self._guard(lambda c: c.execute(
            "SELECT path, unit, shown, content_hash, result_key, first_seen, last_seen, n_findings "
            "FROM history WHERE path = ? ORDER BY first_seen, last_seen", (p,)).fetchall(), default=[])
        return [Version(*r) for r in rows]

    def version_at(self, path: str | os.PathLike, when: float) -> Version | None:
        """The version of ``path`` current at ``when``: the last one first seen at or before it."""
        earlier = [v for v in self.versions(path) if v.first_seen <= when]
        return earlier[-1] if earlier else None

    def previous_version(self, path: str | os.PathLike, content_hash: str) -> Version | None:
        """The most recent version of ``path`` whose content differs from ``content_hash``."""
        other = [v for v in self.versions(path) if v.content_hash != content_hash]
        return max(other, key=lambda v: v.last_seen) if other else None

    def stats(self) -> dict:
        """Row counts (results, history) and the file size."""
        n_res = self._guard(lambda c: c.execute("SELECT COUNT(*) FROM results").fetchone()[0], default=0)
        n_hist = self._guard(lambda c: c.execute("SELECT COUNT(*) FROM history").fetchone()[0], default=0)
        size = self.path.stat().st_size if self.path.exists() else 0
        return {"path": str(self.path), "results": n_res, "history": n_hist, "bytes": size}

    def close(self) -> None:
        """Close the connection (errors from a damaged file are ignored); safe to call twice."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "tắt" if self.disabled else "mở"
        return f"ResultStore({str(self.path)!r}, {state}, hits={self.hits}, misses={self.misses})"


def _stderr_warn(message: str) -> None:
    print(f"reportcheck: cảnh báo: {message}", file=sys.stderr)


def open_store(cache: Any, *, warn: Callable[[str], None] | None = None) -> tuple[ResultStore | None, bool]:
    """Turn the ``cache`` option into a store: (store, whether the caller must close it).

    ``None``/``False``: no store. ``True``: the default location. A path: that
    file (a folder gets ``results.sqlite`` inside). A :class:`ResultStore`: itself.
    """
    if cache is None or cache is False:
        return None, False
    if isinstance(cache, ResultStore):
        return cache, False
    if cache is True:
        return ResultStore(None, warn=warn), True
    p = Path(cache)
    if p.is_dir():
        p = p / DB_NAME
    return ResultStore(p, warn=warn), True


def cli_store(path: str | None, no_cache: bool) -> ResultStore | None:
    """The store for a CLI run: ``--no-cache`` → None; warnings printed as ``reportcheck: cảnh báo: …``."""
    if no_cache:
        return None
    store, _ = open_store(path if path else True, warn=_stderr_warn)
    return store
