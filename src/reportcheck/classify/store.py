"""Where trained models live, and the only way they are loaded.

A model directory holds ``models.joblib`` (a pickled
:class:`~reportcheck.classify.model.ModelBundle`) and ``meta.json``
(labels, roles, variant, library versions, cross-validated scores).

Models are unpickled from exactly two kinds of place, both under the user's
control:

* the cache the project itself writes,
  ``platformdirs.user_cache_dir("reportcheck")/models/<key>/``, where
  ``<key>`` is the sha256 of the corpus hash, the scikit-learn version, the
  reportcheck version and the model code version. If that directory is
  missing the models are trained from the shipped corpus on first use (a few
  seconds) and written there atomically;
* a ``model_dir`` the user configured (``reportcheck.toml``), written by
  ``reportcheck train``.

:func:`load_bundle` refuses any other path (after resolving symlinks), so a
pickle dropped elsewhere is never executed.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import threading
import time
import warnings
from pathlib import Path

from ..errors import ReportcheckError
from ..fileio import write_atomic

__all__ = ["MODEL_FILE", "META_FILE", "ModelError", "cache_root", "cache_key", "default_model_dir",
           "save_bundle", "load_bundle", "default_bundle", "configured_bundle", "train_default",
           "allowed_roots"]

MODEL_FILE = "models.joblib"
META_FILE = "meta.json"

_lock = threading.Lock()
_memo: dict[str, object] = {}
_DEFAULT = "<default>"
_log = logging.getLogger("reportcheck")

#: how long a process waits for another one that is training the corpus models
LOCK_WAIT_SECONDS = 180.0
#: a lock file older than this is left over from a killed process
LOCK_STALE_SECONDS = 600.0


class ModelError(ReportcheckError):
    """A model directory is missing, unreadable, or outside the allowed places."""


def cache_root() -> Path:
    """``<user cache dir>/reportcheck/models`` (the folder the project writes)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("reportcheck")) / "models"


def cache_key() -> str:
    """sha256 of corpus hash + scikit-learn version + reportcheck version (+ model code version)."""
    from importlib.metadata import version

    from .._version import __version__
    from .corpus import corpus_hash
    from .textfeatures import MODEL_VERSION

    raw = f"{corpus_hash()}\0sklearn={version('scikit-learn')}\0reportcheck={__version__}\0model={MODEL_VERSION}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def default_model_dir() -> Path:
    return cache_root() / cache_key()


def allowed_roots(model_dir: str | os.PathLike | None = None) -> list[Path]:
    """The folders models may be loaded from: the cache, and ``model_dir`` if given."""
    roots = [cache_root()]
    if model_dir is not None:
        roots.append(Path(model_dir))
    return roots


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def save_bundle(bundle, directory: str | os.PathLike, extra_meta: dict | None = None) -> Path:
    """Write ``bundle`` to ``directory`` atomically (model first, then meta.json)."""
    import joblib
    import sklearn

    from .._version import __version__

    directory = Path(directory)
    buf = io.BytesIO()
    joblib.dump(bundle, buf, compress=3)
    write_atomic(directory / MODEL_FILE, buf.getvalue())
    meta = dict(bundle.meta)
    meta.update(extra_meta or {})
    meta.update({"labels": bundle.labels, "roles": bundle.roles, "sklearn": sklearn.__version__,
                 "reportcheck": __version__})
    write_atomic(directory / META_FILE, json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    from .fast import save_linear

    save_linear(bundle, directory)  # the array form, read without importing scikit-learn
    return directory


def load_bundle(directory: str | os.PathLike, *, model_dir: str | os.PathLike | None = None):
    """Unpickle the bundle in ``directory`` — only if it lies in the cache or in ``model_dir``.

    Raises :class:`ModelError` for any other place (symlinks are resolved
    first), for a missing file, and for a file that is not a model bundle.
    """
    from .model import ModelBundle

    path = (Path(directory) / MODEL_FILE).resolve()
    roots = [r.resolve() for r in allowed_roots(model_dir)]
    if not any(_inside(path, r) for r in roots):
        raise ModelError(f"{directory}: không nạp mô hình ngoài thư mục bộ nhớ đệm hoặc model_dir đã cấu hình")
    if not path.is_file():
        raise ModelError(f"{directory}: không có {MODEL_FILE} (tạo bằng `reportcheck train`)")
    import joblib

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # InconsistentVersionWarning: checked via meta below
            bundle = joblib.load(path)
    except Exception as exc:  # noqa: BLE001 - a corrupt or foreign file
        raise ModelError(f"{directory}: không đọc được mô hình: {exc}") from None
    if not isinstance(bundle, ModelBundle):
        raise ModelError(f"{directory}: {MODEL_FILE} không phải mô hình của reportcheck")
    return bundle


def train_default(variant: str = "syllable"):
    """Train the bundle on the shipped corpus (all weakness labels and the role)."""
    import time

    from .corpus import WEAKNESS_LABELS, corpus_hash, load_corpus
    from .model import train_bundle

    t0 = time.perf_counter()
    items = load_corpus()
    texts = [it.text for it in items]
    targets = {lab: [int(lab in it.weaknesses) for it in items] for lab in WEAKNESS_LABELS}
    bundle = train_bundle(texts, targets, [it.role for it in items], variant,
                          meta={"trained_on": "shipped corpus", "corpus_hash": corpus_hash(), "items": len(items)})
    bundle.meta["train_seconds"] = round(time.perf_counter() - t0, 2)
    return bundle


def _load_cached(directory: Path):
    if not (directory / MODEL_FILE).is_file():
        return None
    try:
        return load_bundle(directory)
    except ModelError:
        return None  # a corrupt or foreign cache entry: retrain and overwrite it


def _train_and_cache(directory: Path):
    """Train the corpus models and write them to ``directory``, one process at a time.

    A ``<key>.lock`` file beside the entry marks a training in progress; other
    processes (batch workers) wait for its result instead of training too, unless
    the lock is stale (older than :data:`LOCK_STALE_SECONDS`).
    """
    lock = directory.parent / f"{directory.name}.lock"
    fd = None
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            bundle = _load_cached(directory)
            if bundle is not None:
                return bundle
            try:
                if time.time() - lock.stat().st_mtime > LOCK_STALE_SECONDS:
                    break
            except FileNotFoundError:  # the other process finished (or failed)
                bundle = _load_cached(directory)
                if bundle is not None:
                    return bundle
                break
            time.sleep(0.25)
    except OSError:
        pass  # read-only cache: train in memory
    try:
        bundle = _load_cached(directory)
        if bundle is not None:
            return bundle
        _log.info("reportcheck: training the paragraph classifiers on the shipped corpus (once, ~10 s)")
        bundle = train_default()
        try:
            save_bundle(bundle, directory)
        except OSError:
            pass  # read-only cache: use the models in memory
        return bundle
    finally:
        if fd is not None:
            os.close(fd)
            try:
                lock.unlink()
            except OSError:
                pass


def default_bundle():
    """The models trained on the shipped corpus: from the cache, else trained now and cached.

    None when the corpus cannot be loaded or training fails (then the
    classifier checks are skipped); the outcome is remembered for the process.
    """
    with _lock:
        if _DEFAULT in _memo:
            return _memo[_DEFAULT]
        bundle = None
        try:
            directory = default_model_dir()
            bundle = _load_cached(directory) or _train_and_cache(directory)
        except Exception as exc:  # noqa: BLE001 - corpus data missing or broken: no default models
            warnings.warn(f"reportcheck: không có mô hình phân loại mặc định: {exc}", RuntimeWarning, stacklevel=2)
        _memo[_DEFAULT] = bundle
        return bundle


def default_linear():
    """The corpus weakness models in array form (no scikit-learn import), or None if not cached yet."""
    with _lock:
        if "<linear>" in _memo:
            return _memo["<linear>"]
    from .fast import LinearModels

    try:
        models = LinearModels.load(default_model_dir())
    except Exception:  # noqa: BLE001 - unreadable arrays: fall back to the bundle
        models = None
    if models is not None:
        with _lock:
            _memo["<linear>"] = models
    return models


def configured_bundle(model_dir: str | os.PathLike):
    """The bundle in a configured ``model_dir`` (memoised per directory and file mtime)."""
    path = Path(model_dir)
    try:
        stamp = (path / MODEL_FILE).stat().st_mtime_ns
    except OSError:
        raise ModelError(f"{model_dir}: không có {MODEL_FILE} (tạo bằng `reportcheck train`)") from None
    key = f"{path.resolve()}\0{stamp}"
    with _lock:
        if key not in _memo:
            _memo[key] = load_bundle(path, model_dir=path)
        return _memo[key]
