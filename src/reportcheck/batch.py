"""Checking many documents: worker processes, a progress bar, the results cache, Dask.

:func:`run_parallel` is what :func:`reportcheck.pipeline.check` calls when a
run uses more than one worker, a results cache or the Dask backend:

* cached results (see :mod:`reportcheck.store`) are taken first; only the
  files whose content, pair, rules, settings or tool changed are analysed;
* the rest go to worker processes, largest first, one document at a time
  per worker; each worker loads underthesea's segmenter and the rules once
  (in its initializer), and returns a :class:`DocumentResult` whose findings
  are already serialised (``finding_dicts``) and whose Document is dropped,
  so that only small results cross process boundaries;
* a worker that dies (out of memory, a crash in a native library) costs
  only the document it was checking, which gets an ``internal-error``
  result; a fresh worker takes its place;
* results come back in input order; a progress bar on stderr shows files
  done / total, words per second and the time left — only when stderr is a
  terminal and ``progress`` is on;
* ``backend="dask"`` sends the same jobs to a ``dask.distributed`` cluster
  (the file bytes travel with the job unless ``send_bytes=False``, for shared
  storage); Dask is optional and imported only then.

Only the parent process writes to the cache.

>>> import tempfile, pathlib
>>> from reportcheck.pipeline import plan_jobs
>>> from reportcheck.config import Config
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Một dòng không phải báo cáo.", encoding="utf-8")
>>> [r.doc_type for r in run_parallel(plan_jobs([d]), Config(), jobs=1)]
['other']
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections import deque
from pathlib import Path
from typing import Any, Callable

from .errors import ReportcheckError
from .pipeline import Job, run_job
from .report import DocumentResult

__all__ = ["run_parallel", "default_workers", "add_batch_options", "batch_options", "last_run", "BACKENDS"]

BACKENDS = ("local", "dask")

#: what the last :func:`run_parallel` did — for benchmarks and tests:
#: ``analysed``, ``cached``, ``workers`` (pid → peak resident bytes), ``backend``
last_run: dict[str, Any] = {}


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _peak_rss() -> int:
    """Peak resident memory of this process, in bytes (0 when unknown)."""
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak if sys.platform == "darwin" else peak * 1024)
    except (ImportError, OSError):  # pragma: no cover - Windows
        try:
            import psutil

            info = psutil.Process().memory_info()
            return int(getattr(info, "peak_wset", info.rss))
        except Exception:
            return 0


def _portable(result: DocumentResult) -> DocumentResult:
    """Serialise the findings and drop the Document before crossing a process boundary."""
    if result.document is not None:
        result.finding_dicts = [] if result.error else result.findings_as_dicts()
        result.document = None
    elif result.finding_dicts is None:
        result.finding_dicts = []
    return result


def _internal_error(job: Job, detail: str) -> DocumentResult:
    return DocumentResult(path=job.shown, error={"code": "internal-error",
                                                 "message": f"lỗi nội bộ khi kiểm tra tệp: {detail}"},
                          finding_dicts=[])


# -- worker side -----------------------------------------------------------
_worker_config = None


def _init_worker(config) -> None:
    """Once per worker process: ignore Ctrl-C (the parent handles it), load underthesea and the rules
    (already loaded when the worker was forked from a parent that had them)."""
    global _worker_config
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # pragma: no cover
        pass
    _worker_config = config
    _warm_up(config)


def _warm_up(config) -> str:
    from .nlp import word_segmenter
    from .rules import load_rules

    try:
        word_segmenter()("Khởi động bộ tách từ.")
    except Exception:  # a failing segmenter shows up, per file, in run_job
        pass
    return load_rules(config).digest


def _work(job: Job) -> tuple[DocumentResult, int, int]:
    """Check one job in a worker; return the portable result, the pid and the peak RSS."""
    try:
        result = _portable(run_job(job, _worker_config))
    except Exception as exc:  # run_job catches checks; this is for what it cannot (e.g. serialising)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        result = _internal_error(job, detail)
    return result, os.getpid(), _peak_rss()


def _dask_work(payload: dict, config) -> tuple[DocumentResult, int, int, str]:
    """The Dask task: write the bytes to a temporary folder when sent, then :func:`_work`."""
    import tempfile

    global _worker_config
    _worker_config = config
    digest = _warm_up(config)
    job = Job(Path(payload["path"]), payload["shown"],
              pair=Path(payload["pair"]) if payload.get("pair") else None,
              pair_shown=payload.get("pair_shown"), doc_type=payload.get("doc_type"))
    if payload.get("data") is None:
        return (*_work(job), digest)
    with tempfile.TemporaryDirectory(prefix="reportcheck-") as tmp:
        p = Path(tmp) / (Path(payload["path"]).name or "document.txt")
        p.write_bytes(payload["data"])
        job.path = p
        if payload.get("pair_data") is not None:
            pp = Path(tmp) / "pair" / (Path(payload["pair"]).name or "political.txt")
            pp.parent.mkdir()
            pp.write_bytes(payload["pair_data"])
            job.pair = pp
        return (*_work(job), digest)


# -- progress --------------------------------------------------------------
def _vi_number(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


class _Progress:
    """files done / total, words per second, time left (by bytes still to analyse)."""

    def __init__(self, enabled: bool, total_files: int, done_files: int, total_bytes: int):
        self.total_files, self.done_files = total_files, done_files
        self.words, self.t0 = 0, time.perf_counter()
        self.bar = None
        if enabled and total_bytes > 0 and _stderr_is_tty():
            from tqdm import tqdm

            self.bar = tqdm(total=total_bytes, file=sys.stderr, leave=False, dynamic_ncols=True, mininterval=0.3,
                            desc=f"Kiểm tra {done_files}/{total_files} tệp",
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}<{remaining}{postfix}]")
            self._postfix()

    def _postfix(self) -> None:
        elapsed = max(time.perf_counter() - self.t0, 1e-9)
        self.bar.set_description_str(f"Kiểm tra {self.done_files}/{self.total_files} tệp", refresh=False)
        self.bar.set_postfix_str(f"{_vi_number(self.words / elapsed)} từ/giây", refresh=False)

    def update(self, nbytes: int, result: DocumentResult) -> None:
        self.done_files += 1
        self.words += int((result.stats or {}).get("words") or 0)
        if self.bar is not None:
            self._postfix()
            self.bar.update(nbytes)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


# -- the run ---------------------------------------------------------------
def run_parallel(planned: list[Job], config, *, jobs: int = 0, progress: bool = False, cache: Any = None,
                 backend: str = "local", scheduler: Any = None, send_bytes: bool = True) -> list[DocumentResult]:
    """Check ``planned`` jobs; results in the same order.

    ``jobs``: worker processes (0 or less: all CPUs; 1: in this process).
    ``cache``: None/False, True (default location), a path, or a
    :class:`~reportcheck.store.ResultStore`. ``backend``: ``"local"`` or
    ``"dask"`` (``scheduler``: an address like ``tcp://10.0.0.5:8786``, a
    ``distributed.Client`` or a ``LocalCluster``; None starts a local cluster).
    """
    if backend not in BACKENDS:
        raise ReportcheckError(f"backend không hợp lệ: {backend!r}; dùng một trong: {', '.join(BACKENDS)}")
    from .rules import load_rules
    from .store import cache_key, file_digest, open_store, run_context

    n_workers = default_workers() if jobs is None or jobs <= 0 else jobs
    results: list[DocumentResult | None] = [None] * len(planned)
    store, owned = open_store(cache)
    rules_digest = load_rules(config).digest
    info: dict[str, Any] = {"analysed": 0, "cached": 0, "workers": {}, "backend": backend, "jobs": n_workers}
    keys: dict[int, tuple[str, str, Path]] = {}  # job index -> (key, content hash, path)
    sizes: dict[int, int] = {}
    try:
        if store is not None and not store.disabled:
            context = run_context(config, rules_digest)
            pair_digests: dict[Path, tuple[str, int] | None] = {}
            seen_again: list[tuple[Path, str, str, str, int]] = []
            for i, job in enumerate(planned):
                dig = file_digest(job.path)
                if dig is None:
                    continue
                sizes[i] = dig[1]
                pair_hash = None
                if job.pair is not None:
                    if job.pair not in pair_digests:
                        pair_digests[job.pair] = file_digest(job.pair)
                    pd = pair_digests[job.pair]
                    pair_hash = pd[0] if pd else "unreadable"
                key = cache_key(context, dig[0], pair_hash, job.doc_type)
                keys[i] = (key, dig[0], job.path)
                hit = store.get(key)
                if hit is not None:
                    results[i] = _adopt(hit, job)
                    seen_again.append((job.path, job.shown, dig[0], key, len(hit.finding_dicts or [])))
                    info["cached"] += 1
            store.record_many(seen_again)  # the history notes each unchanged file, in one transaction
        todo = [i for i, r in enumerate(results) if r is None]
        for i in todo:
            if i not in sizes:
                sizes[i] = _size(planned[i])
        # largest first (with the pair: an overlap check costs about as much again)
        order = sorted(todo, key=lambda i: -(sizes[i] + (_size_path(planned[i].pair) if planned[i].pair else 0)))
        bar = _Progress(progress, len(planned), len(planned) - len(todo), sum(sizes[i] for i in todo))
        remote_digests: set[str] = set()

        def done(i: int, result: DocumentResult, digest: str | None = None) -> None:
            results[i] = result
            info["analysed"] += 1
            bar.update(sizes.get(i, 0), result)
            if digest is not None:
                remote_digests.add(digest)
            cacheable = not (result.error and result.error.get("code") == "internal-error")
            if digest is not None and digest != rules_digest:
                cacheable = False  # a worker with other rules: do not store its result under our key
            if store is not None and i in keys and cacheable:
                key, content_hash, path = keys[i]
                store.put(key, result, content_hash=content_hash, path=path)

        try:
            if backend == "dask":
                _run_dask(order, planned, config, scheduler, done, info, n_workers, send_bytes)
                if remote_digests - {rules_digest}:
                    import warnings

                    warnings.warn("một số máy Dask dùng bộ luật khác máy chạy lệnh (phiên bản reportcheck khác?); "
                                  "kết quả của chúng không được lưu vào bộ nhớ đệm", RuntimeWarning, stacklevel=2)
            elif n_workers == 1 or len(order) <= 1:
                for i in order:
                    done(i, run_job(planned[i], config))
                if order:
                    info["workers"][os.getpid()] = _peak_rss()
            else:
                _run_local(order, planned, config, min(n_workers, len(order)), done, info)
        finally:
            bar.close()
    finally:
        if store is not None and owned:
            store.close()
    info["store"] = None if store is None else {"hits": store.hits, "misses": store.misses, "writes": store.writes,
                                                "disabled": store.disabled, "path": str(store.path)}
    last_run.clear()
    last_run.update(info)
    return [r if r is not None else _internal_error(planned[i], "không có kết quả") for i, r in enumerate(results)]


def _size(job: Job) -> int:
    return _size_path(job.path)


def _size_path(p: Path | None) -> int:
    try:
        return p.stat().st_size if p is not None else 0
    except OSError:
        return 0


def _adopt(hit: DocumentResult, job: Job) -> DocumentResult:
    """A cached result, shown under this run's paths (the same bytes may live elsewhere)."""
    old_pair = hit.pair
    hit.path = job.shown
    hit.pair = job.pair_shown if job.pair is not None else None
    if old_pair != hit.pair:
        for f in hit.finding_dicts or []:
            rel = f.get("related")
            if rel and rel.get("path") == old_pair:
                rel["path"] = hit.pair
        for f in hit.findings:
            if f.related is not None and f.related.path == old_pair:
                f.related.path = hit.pair
    return hit


# -- local processes -------------------------------------------------------
def _mp_context():
    """How worker processes start: ``fork`` on Linux, ``spawn`` elsewhere.

    fork needs no ``if __name__ == "__main__":`` guard in the caller's script
    and lets workers share the parent's loaded segmenter and rules; set
    ``REPORTCHECK_MP_START`` (fork | forkserver | spawn) to choose otherwise.
    """
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    wanted = os.environ.get("REPORTCHECK_MP_START")
    if wanted in methods:
        method = wanted
    elif sys.platform.startswith("linux") and "fork" in methods:
        method = "fork"
    else:
        method = "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["reportcheck.pipeline", "reportcheck.checks", "reportcheck.batch"])
    return ctx


def _run_local(order: list[int], planned: list[Job], config, n: int,
               done: Callable[..., None], info: dict, work: Callable = _work) -> None:
    """``n`` single-worker executors, each given one job at a time.

    One process per executor means a crash is charged to exactly the job
    that caused it; feeding one job at a time keeps the largest-first order
    and the load balanced to the end.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    import gc

    ctx = _mp_context()
    forking = ctx.get_start_method() == "fork"
    if forking:
        _warm_up(config)  # load once here; forked workers share it (copy-on-write)
        # whatever this process holds (a notebook's earlier reports, the loaded model)
        # leaves the collector's view, so a worker's collections never touch — and so
        # never copy — the pages it shares with this process
        gc.freeze()

    def new_executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker, initargs=(config,))

    pending = deque(order)
    executors = [new_executor() for _ in range(n)]
    running: dict[Any, tuple[int, int]] = {}
    interrupted = False
    try:
        for s, ex in enumerate(executors):
            if pending:
                i = pending.popleft()
                running[ex.submit(work, planned[i])] = (s, i)
        while running:
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in finished:
                s, i = running.pop(fut)
                try:
                    result, pid, rss = fut.result()
                    info["workers"][pid] = max(info["workers"].get(pid, 0), rss)
                except BrokenProcessPool:
                    result = _internal_error(planned[i], "tiến trình kiểm tra dừng đột ngột khi đọc tệp này "
                                                         "(hết bộ nhớ hoặc lỗi trong thư viện)")
                    executors[s].shutdown(wait=False, cancel_futures=True)
                    executors[s] = new_executor()
                except Exception as exc:
                    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                    result = _internal_error(planned[i], detail)
                done(i, result)
                if pending:
                    j = pending.popleft()
                    running[executors[s].submit(work, planned[j])] = (s, j)
    except BaseException:
        interrupted = True
        raise
    finally:
        for ex in executors:
            if interrupted:  # do not wait for the documents in progress
                for proc in list(getattr(ex, "_processes", {}).values()):
                    try:
                        proc.terminate()
                    except Exception:
                        pass
            ex.shutdown(wait=not interrupted, cancel_futures=True)
        if forking:
            gc.unfreeze()


# -- Dask ------------------------------------------------------------------
def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ReportcheckError(
            "chưa cài Dask: --backend dask cần gói dask[distributed] "
            "(cài bằng: pip install \"reportcheck[dask]\")") from None
    return distributed


def _dask_client(distributed, scheduler, n_workers: int):
    """(client, things to close): a Client, a cluster object, an address, or a new LocalCluster."""
    if isinstance(scheduler, distributed.Client):
        return scheduler, []
    if scheduler is None:
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        return client, [client, cluster]
    if hasattr(scheduler, "scheduler_address"):
        client = distributed.Client(scheduler)
        return client, [client]
    try:
        client = distributed.Client(str(scheduler), timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise ReportcheckError(f"không kết nối được bộ lập lịch Dask {scheduler}: {exc}") from None
    return client, [client]


def _run_dask(order: list[int], planned: list[Job], config, scheduler, done: Callable[..., None], info: dict,
              n_workers: int, send_bytes: bool) -> None:
    distributed = _import_distributed()
    if not order:
        return
    client, to_close = _dask_client(distributed, scheduler, n_workers)
    try:
        try:
            nthreads = sum(client.nthreads().values()) or 1
        except Exception:
            nthreads = n_workers
        window = max(4, 4 * nthreads)  # bytes in flight stay bounded on a big folder
        pending = deque(enumerate(order))
        futures: dict[Any, int] = {}
        ac = distributed.as_completed()

        def submit() -> None:
            rank, i = pending.popleft()
            job = planned[i]
            payload = {"path": str(job.path), "shown": job.shown, "pair": str(job.pair) if job.pair else None,
                       "pair_shown": job.pair_shown, "doc_type": job.doc_type, "data": None, "pair_data": None}
            if send_bytes:
                payload["data"] = _read_or_none(job.path)
                if job.pair is not None:
                    payload["pair_data"] = _read_or_none(job.pair)
                if payload["data"] is None:  # unreadable here: let the worker report why, from the path
                    payload.pop("data")
            fut = client.submit(_dask_work, payload, config, pure=False, priority=len(order) - rank,
                                key=f"reportcheck-{os.getpid()}-{time.monotonic_ns()}-{i}")
            futures[fut] = i
            ac.add(fut)

        while pending and len(futures) < window:
            submit()
        for fut in ac:
            i = futures.pop(fut)
            try:
                result, pid, rss, digest = fut.result()
                info["workers"][f"dask:{pid}"] = max(info["workers"].get(f"dask:{pid}", 0), rss)
            except Exception as exc:  # KilledWorker, a task error, a lost connection
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                if "deserializ" in detail.lower() or "no module named 'reportcheck" in detail.lower():
                    raise ReportcheckError(
                        "cụm Dask không chạy được tác vụ của reportcheck: máy lập lịch (scheduler) và mọi máy worker "
                        "phải cài reportcheck cùng phiên bản (pip install \"reportcheck[dask]\"); "
                        f"chi tiết: {detail.splitlines()[0]}") from None
                result, digest = _internal_error(planned[i], detail), None
            finally:
                fut.release()
            done(i, result, digest)
            if pending:
                submit()
    finally:
        for obj in to_close:
            try:
                obj.close()
            except Exception:
                pass


def _read_or_none(p: Path) -> bytes | None:
    try:
        return p.read_bytes()
    except OSError:
        return None


# -- command-line options (shared by `check` and `diff`) ---------------------
def add_batch_options(p: argparse.ArgumentParser, *, backend: bool = True) -> None:
    """``--cache PATH``, ``--no-cache`` and, with ``backend``, ``--backend`` and ``--scheduler``."""
    p.add_argument("--cache", metavar="PATH",
                   help="tệp cơ sở dữ liệu kết quả (mặc định: results.sqlite trong thư mục cache của người dùng)")
    p.add_argument("--no-cache", action="store_true", help="không dùng và không ghi bộ nhớ đệm kết quả")
    if backend:
        p.add_argument("--backend", choices=BACKENDS, default="local",
                       help="nơi chạy: local (các tiến trình trên máy này, mặc định) hoặc dask (cụm Dask)")
        p.add_argument("--scheduler", metavar="ADDR",
                       help="địa chỉ bộ lập lịch Dask, ví dụ tcp://10.0.0.5:8786 (kèm --backend dask)")


def batch_options(args: argparse.Namespace) -> dict:
    """Keyword arguments for :func:`reportcheck.pipeline.check` from the parsed options."""
    from .store import cli_store

    backend = getattr(args, "backend", "local") or "local"
    scheduler = getattr(args, "scheduler", None)
    if scheduler and backend == "local":
        backend = "dask"
    return {"cache": cli_store(getattr(args, "cache", None), getattr(args, "no_cache", False)),
            "backend": backend, "scheduler": scheduler}
