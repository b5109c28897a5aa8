"""Batch checks: worker processes, the results cache and its history, diff, Dask.

No timing assertions: the cache is tested with counters (``batch.last_run``,
the store's hits/misses, a counting ``run_job``).
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reportcheck import batch
from reportcheck.batch import run_parallel
from reportcheck.config import Config
from reportcheck.diff import diff_findings, summary_vi
from reportcheck.errors import ReportcheckError
from reportcheck.pipeline import check, plan_jobs, run_job
from reportcheck.store import CacheWarning, ResultStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "dang-bo-xa-tan-phu"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Never touch the user's cache directory from a test."""
    monkeypatch.setenv("REPORTCHECK_CACHE", str(tmp_path_factory.mktemp("default-cache") / "results.sqlite"))


@pytest.fixture
def folder(tmp_path) -> Path:
    """Two units of .txt drafts (the example unit and a variant of it)."""
    d = tmp_path / "drafts"
    for unit in ("tan-phu", "tan-loc"):
        (d / unit).mkdir(parents=True)
        for name in ("political.txt", "review.txt"):
            text = (EXAMPLE / name).read_text(encoding="utf-8")
            if unit == "tan-loc":
                text = text.replace("Tân Phú", "Tân Lộc").replace("468", "512")
            (d / unit / name).write_text(text, encoding="utf-8")
    return d


def _comparable(report) -> dict:
    data = report.to_dict()
    for doc in data["documents"]:
        doc["stats"].pop("seconds", None)
    return data


# -- parallel ----------------------------------------------------------------
def test_parallel_results_equal_serial_results(folder):
    serial = check(folder, jobs=1)
    parallel = check(folder, jobs=2)
    assert [d.path for d in parallel] == [d.path for d in serial]
    assert _comparable(parallel) == _comparable(serial)
    assert batch.last_run["analysed"] == 4
    # results crossed a process boundary: no Document, findings serialised
    assert all(d.document is None and d.finding_dicts is not None for d in parallel)
    assert sum(len(d.findings_as_dicts()) for d in parallel) > 0
    # every worker reported its peak memory
    assert batch.last_run["workers"] and all(v > 0 for v in batch.last_run["workers"].values())
    # the caller's objects were hidden from the collector while workers forked, and are back
    assert gc.get_freeze_count() == 0


def test_a_corrupt_file_gives_an_error_result_and_the_others_are_checked(folder):
    (folder / "tan-phu" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    (folder / "tan-phu" / "empty.txt").write_bytes(b"")
    report = check(folder, jobs=2)
    by_name = {Path(d.path).name + ":" + Path(d.path).parent.name: d for d in report}
    assert by_name["broken.docx:tan-phu"].error["code"] == "corrupt-docx"
    assert by_name["empty.txt:tan-phu"].error["code"] == "empty-file"
    good = [d for d in report if not d.error]
    assert len(good) == 4 and all(d.doc_type in ("political", "review") for d in good)
    assert report.to_dict()["summary"]["errors"] == 2


def _crash_on_marked_file(job):
    """A worker function that dies like a segfault on files named *crash*."""
    if "crash" in job.shown:
        os._exit(3)
    return batch._work(job)


def test_a_worker_that_dies_costs_only_its_file(folder):
    shutil.copy(folder / "tan-phu" / "review.txt", folder / "tan-phu" / "crash.txt")
    planned = plan_jobs([folder])
    results: dict[int, object] = {}
    info = {"workers": {}}
    order = list(range(len(planned)))
    batch._run_local(order, planned, Config(), 2, lambda i, r, *a: results.__setitem__(i, r), info,
                     work=_crash_on_marked_file)
    assert len(results) == len(planned)
    crashed = [r for r in results.values() if r.error]
    assert len(crashed) == 1 and crashed[0].path.endswith("crash.txt")
    assert crashed[0].error["code"] == "internal-error"
    assert all(r.finding_dicts is not None for r in results.values() if not r.error)


# -- cache -------------------------------------------------------------------
def test_second_run_hits_the_cache_and_a_modified_file_is_reanalysed(folder, tmp_path, monkeypatch):
    calls: list[str] = []

    def counting_run_job(job, config):
        calls.append(job.shown)
        return run_job(job, config)

    monkeypatch.setattr(batch, "run_job", counting_run_job)
    db = tmp_path / "cache.sqlite"
    first = check(folder, jobs=1, cache=db)
    assert len(calls) == 4 and batch.last_run["cached"] == 0

    calls.clear()
    second = check(folder, jobs=1, cache=db)
    assert calls == [] and batch.last_run["cached"] == 4 and batch.last_run["store"]["hits"] == 4
    assert _comparable(second) == _comparable(first)
    assert all(d.document is None for d in second)
    with ResultStore(db) as store:  # the history saw every unchanged file again
        seen = [store.versions(p) for p in sorted(folder.rglob("*.txt"))]
    assert len(seen) == 4 and all(len(v) == 1 and v[0].last_seen > v[0].first_seen for v in seen)

    target = folder / "tan-loc" / "political.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Tân Lộc", "Tân Hòa"), encoding="utf-8")
    calls.clear()
    check(folder, jobs=1, cache=db)
    # the political report changed: it is re-analysed, and so is the review paired with it
    assert sorted(Path(c).name for c in calls) == ["political.txt", "review.txt"]
    assert all("tan-loc" in c for c in calls)
    assert batch.last_run["cached"] == 2


def test_cache_key_covers_settings(folder, tmp_path):
    db = tmp_path / "cache.sqlite"
    check(folder / "tan-phu" / "political.txt", cache=db)
    check(folder / "tan-phu" / "political.txt", cache=db, config=Config(disable=["listing"]))
    assert batch.last_run["cached"] == 0
    check(folder / "tan-phu" / "political.txt", cache=db, config=Config(disable=["listing"]))
    assert batch.last_run["cached"] == 1


def test_parallel_run_fills_the_cache_from_the_parent(folder, tmp_path):
    db = tmp_path / "cache.sqlite"
    cold = check(folder, jobs=2, cache=db)
    assert batch.last_run["analysed"] == 4 and batch.last_run["store"]["writes"] == 4
    warm = check(folder, jobs=2, cache=db)
    assert batch.last_run["analysed"] == 0 and batch.last_run["cached"] == 4
    assert _comparable(warm) == _comparable(cold)


def test_the_same_bytes_elsewhere_are_shown_under_their_own_path(folder, tmp_path):
    db = tmp_path / "cache.sqlite"
    check(folder / "tan-phu", cache=db)
    copy = tmp_path / "copy"
    shutil.copytree(folder / "tan-phu", copy)
    report = check(copy, cache=db)
    assert batch.last_run["cached"] == 2
    assert all(str(copy) in d.path for d in report)
    review = next(d for d in report if d.doc_type == "review")
    assert review.pair is not None and str(copy) in review.pair
    for f in review.findings_as_dicts():
        if f.get("related"):
            assert str(copy) in f["related"]["path"]


def test_a_corrupt_cache_is_rebuilt_with_a_warning(folder, tmp_path):
    db = tmp_path / "cache.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.warns(CacheWarning, match="hỏng"):
        report = check(folder / "tan-phu", cache=db)
    assert [d.error for d in report] == [None, None]
    assert (tmp_path / "cache.sqlite.corrupt").exists()
    check(folder / "tan-phu", cache=db)  # the rebuilt store works
    assert batch.last_run["cached"] == 2


def test_an_old_version_cache_is_rebuilt_with_a_warning(folder, tmp_path):
    db = tmp_path / "cache.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE results (key TEXT, data BLOB)")
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with pytest.warns(CacheWarning, match="phiên bản cũ"):
        check(folder / "tan-phu", cache=db)
    check(folder / "tan-phu", cache=db)
    assert batch.last_run["cached"] == 2


def test_an_unusable_cache_location_only_warns(folder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.warns(CacheWarning):
        report = check(folder / "tan-phu", cache=blocker / "sub" / "cache.sqlite")
    assert [d.error for d in report] == [None, None]


def test_concurrent_stores_share_one_file(tmp_path):
    from reportcheck.report import DocumentResult

    db = tmp_path / "c.sqlite"
    a, b = ResultStore(db), ResultStore(db)
    for i in range(20):
        (a if i % 2 else b).put(f"k{i}", DocumentResult(path=f"{i}.txt", finding_dicts=[]), content_hash=str(i))
    assert all(a.get(f"k{i}").path == f"{i}.txt" for i in range(20))
    a.close(), b.close()


# -- history and diff ----------------------------------------------------------
def _light_edit(path: Path) -> None:
    """Insert two paragraphs near the top (every line shifts) and rewrite one listing paragraph."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "Đoạn mở đầu được bổ sung trong dự thảo lần 3.")
    lines.insert(9, "Một đoạn nữa được chèn thêm.")
    lines = [ln for ln in lines if not ln.startswith("Ủy ban nhân dân xã đã xây dựng kế hoạch")]
    lines = [ln.replace("165 ha lên 238 ha", "165 ha lên 241 ha") for ln in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_diff_matches_findings_across_a_light_edit(tmp_path):
    old_p, new_p = tmp_path / "old.txt", tmp_path / "new.txt"
    shutil.copy(EXAMPLE / "political.txt", old_p)
    shutil.copy(EXAMPLE / "political.txt", new_p)
    _light_edit(new_p)
    old = check(old_p)[0].findings_as_dicts()
    new = check(new_p)[0].findings_as_dicts()
    d = diff_findings(old, new)
    assert len(d["resolved"]) + len(d["persisting"]) == len(old)
    assert len(d["new"]) + len(d["persisting"]) == len(new)
    assert any(f["evidence"].startswith("Ủy ban nhân dân xã đã xây dựng kế hoạch") for f in d["resolved"])
    # everything else persists, although every line number moved by one
    assert len(d["persisting"]) == len(old) - 1 and d["new"] == []
    assert all(p["line"] == p["previous"]["line"] + 1 for p in d["persisting"])
    assert summary_vi(d).startswith(f"Đã khắc phục 1/{len(old)} ý kiến lần trước")


def test_diff_is_by_rule_and_evidence_not_by_line():
    f = {"rule": "listing.action-chain", "category": "listing", "message": "Đoạn văn liệt kê 4 việc",
         "evidence": "Đảng ủy đã tổ chức quán triệt; đã xây dựng chương trình; đã kiểm tra", "line": 10}
    moved = {**f, "line": 40, "evidence": f["evidence"] + "; đã sơ kết"}
    other_rule = {**f, "rule": "numbers.dense-figures", "category": "numbers"}
    unrelated = {**f, "line": 10, "evidence": "Cụm công nghiệp được lấp đầy 72%, tạo việc làm cho 1.100 lao động"}
    d = diff_findings([f], [unrelated, other_rule, moved])
    assert [p["line"] for p in d["persisting"]] == [40]
    assert d["resolved"] == [] and len(d["new"]) == 2
    assert diff_findings([f, f], [f]) == {"resolved": [f], "new": [], "persisting": [{**f, "previous": f, "similarity": 1.0}]}
    assert diff_findings([], []) == {"resolved": [], "new": [], "persisting": []}


def test_history_and_the_diff_command(folder, tmp_path, capsys):
    from reportcheck.cli import main

    db = tmp_path / "cache.sqlite"
    target = folder / "tan-phu" / "political.txt"
    assert main(["check", str(folder), "-q", "-j", "1", "--cache", str(db)]) in (0, 1)
    _light_edit(target)
    assert main(["check", str(folder), "-q", "-j", "1", "--cache", str(db)]) in (0, 1)
    with ResultStore(db) as store:
        versions = store.versions(target)
        assert len(versions) == 2 and versions[0].content_hash != versions[1].content_hash
        assert versions[0].unit == "tan-phu"
    capsys.readouterr()
    assert main(["diff", str(folder / "tan-phu"), "-q", "--cache", str(db), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_path = {Path(d["path"]).name: d for d in data["documents"]}
    assert by_path["political.txt"]["status"] == "compared"
    assert len(by_path["political.txt"]["resolved"]) == 1
    assert by_path["review.txt"]["status"] == "no-history"
    # --since a date before anything was recorded: nothing to compare with
    assert main(["diff", str(folder / "tan-phu"), "-q", "--cache", str(db), "--since", "2001-01-01"]) == 0
    assert "chưa có phiên bản trước" in capsys.readouterr().out
    # two files
    old = tmp_path / "old.txt"
    shutil.copy(EXAMPLE / "political.txt", old)
    assert main(["diff", str(old), str(target), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "Đã khắc phục 1/" in out and "✓ đã khắc phục" in out


# -- progress ----------------------------------------------------------------
def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(folder, tmp_path, capsys):
    check(folder, jobs=1, progress=True, cache=tmp_path / "c.sqlite")
    check(folder, jobs=2, progress=True)
    assert capsys.readouterr().err == ""


def test_cli_check_prints_no_progress_into_a_pipe(folder, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "reportcheck.cli", "check", str(folder / "tan-phu"),
                           "--cache", str(tmp_path / "c.sqlite"), "-j", "2"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert "Đã kiểm tra 2 tệp" in proc.stdout


# -- Dask ----------------------------------------------------------------------
def test_dask_backend_gives_the_same_results(folder, tmp_path):
    distributed = pytest.importorskip("distributed")
    serial = check(folder, jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        on_dask = check(folder, backend="dask", scheduler=cluster, cache=tmp_path / "c.sqlite")
        assert batch.last_run["analysed"] == 4 and batch.last_run["backend"] == "dask"
        with distributed.Client(cluster) as client:  # a Client works too; shared storage instead of bytes
            results = run_parallel(plan_jobs([folder]), Config(), backend="dask", scheduler=client, send_bytes=False)
    assert _comparable(on_dask) == _comparable(serial)
    assert [r.to_dict()["findings"] for r in results] == [d["findings"] for d in _comparable(serial)["documents"]]


def test_dask_missing_gives_a_clear_vietnamese_error(folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ReportcheckError, match="chưa cài Dask"):
        check(folder, backend="dask")


@pytest.mark.parametrize("name", ["reportcheck.batch", "reportcheck.store", "reportcheck.diff",
                                  "reportcheck.commands.diff"])
def test_docstring_examples(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
