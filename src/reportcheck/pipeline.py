"""The pipeline: files → Documents → checks → a Report.

``check`` is what the CLI runs; the Python API returns the same findings as
objects.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Một dòng không phải báo cáo.", encoding="utf-8")
>>> report = check(d)
>>> report[0].doc_type, report[0].findings
('other', [])
"""

from __future__ import annotations

import glob
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .config import Config, load_config
from .document import Document
from .errors import ReadError
from .readers import SUPPORTED_SUFFIXES, load, sniff_doc_type
from .report import DocumentResult, Report

__all__ = ["check", "check_document", "collect_files", "pair_files", "Job", "run_job"]


_NOT_DRAFTS = {"README", "CHANGELOG", "LICENSE", "NOTES", "NOTICE"}


def collect_files(inputs: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """Expand files, folders (recursively) and globs into (path, shown path).

    Folders yield their .docx/.txt/.md files, sorted; Word's lock files
    ("~$…"), hidden files and README/NOTES files are skipped. A named file is kept whatever its
    extension, so that a wrong one gets a clear error.
    """
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()

    def add(p: Path, shown: str) -> None:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            out.append((p, shown))

    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith((".", "~$")) for part in rel.parts):
                    continue
                if f.stem.upper() in _NOT_DRAFTS:
                    continue  # a folder's README is not a draft (a file named explicitly still is)
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    add(f, str(f))
        elif any(c in s for c in "*?[") and not p.exists():
            for g in sorted(glob.glob(s, recursive=True)):
                gp = Path(g)
                if gp.is_file():
                    add(gp, g)
        else:
            add(p, s)
    return out


@dataclass
class Job:
    """One document to check, with the political report it is paired with."""

    path: Path
    shown: str
    pair: Path | None = None
    pair_shown: str | None = None
    doc_type: str | None = None


def _stem_key(p: Path) -> tuple[str, str]:
    return str(p.parent), p.suffix.lower()


def pair_files(files: list[tuple[Path, str]], types: dict[Path, str]) -> dict[Path, tuple[Path, str]]:
    """Pair each review report with the political report of the same unit.

    A unit is a folder: when a folder holds exactly one political report and
    one review report of the same format, they are paired. Otherwise, files
    whose names share a prefix before "political"/"chinh-tri" and
    "review"/"kiem-diem" are paired.
    """
    by_folder: dict[tuple[str, str], dict[str, list[tuple[Path, str]]]] = {}
    for p, shown in files:
        t = types.get(p)
        if t in ("political", "review"):
            by_folder.setdefault(_stem_key(p), {}).setdefault(t, []).append((p, shown))
    pairs: dict[Path, tuple[Path, str]] = {}
    for groups in by_folder.values():
        pol, rev = groups.get("political", []), groups.get("review", [])
        if len(pol) == 1 and len(rev) == 1:
            pairs[rev[0][0]] = pol[0]
            continue
        for rp, _ in rev:
            key = _unit_prefix(rp.stem)
            match = [x for x in pol if _unit_prefix(x[0].stem) == key]
            if len(match) == 1:
                pairs[rp] = match[0]
    return pairs


def _unit_prefix(stem: str) -> str:
    s = stem.lower()
    for word in ("political", "review", "chinh-tri", "chinh_tri", "kiem-diem", "kiem_diem", "bcct", "bckd"):
        s = s.replace(word, "")
    return s.strip("-_. ")


def check_document(doc: Document, *, config: Config | None = None, pair: Document | None = None,
                   shown: str | None = None) -> DocumentResult:
    """Run every enabled check on one loaded document."""
    from .checks import run_checks

    config = config or Config()
    t0 = time.perf_counter()
    findings = run_checks(doc, config=config, pair=pair)
    return DocumentResult(
        path=shown or doc.path, doc_type=doc.doc_type, pair=pair.path if pair is not None else None,
        findings=findings, document=doc,
        stats={"words": doc.words, "paragraphs": sum(1 for b in doc.blocks if b.kind != "table_cell"),
               "seconds": round(time.perf_counter() - t0, 3)},
    )


def _load_quiet(path: Path, shown: str, doc_type: str | None = None) -> Document | ReadError:
    try:
        return load(path, display_path=shown, doc_type=doc_type)
    except ReadError as exc:
        return exc


def run_job(job: Job, config: Config) -> DocumentResult:
    """Check one job; a failure becomes an error result, never an exception."""
    t0 = time.perf_counter()
    doc = _load_quiet(job.path, job.shown, job.doc_type)
    if isinstance(doc, ReadError):
        return DocumentResult(path=job.shown, error=doc.as_dict(), stats={"seconds": round(time.perf_counter() - t0, 3)})
    pair_doc = None
    if job.pair is not None:
        loaded = _load_quiet(job.pair, job.pair_shown or str(job.pair))
        pair_doc = loaded if isinstance(loaded, Document) else None
    try:
        result = check_document(doc, config=config, pair=pair_doc, shown=job.shown)
    except Exception as exc:  # a bug on one file must not stop a batch
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return DocumentResult(path=job.shown, doc_type=doc.doc_type, error={
            "code": "internal-error", "message": f"lỗi nội bộ khi kiểm tra tệp: {detail}"})
    doc.forget_tokens()  # renderers need the text and blocks, not a token per word
    result.stats["seconds"] = round(time.perf_counter() - t0, 3)
    return result


def plan_jobs(inputs: Sequence[str | os.PathLike], *, pair: str | os.PathLike | None = None,
              doc_type: str | None = None) -> list[Job]:
    """Expand inputs and pair reviews with political reports (type sniffed cheaply)."""
    files = collect_files(inputs)
    types: dict[Path, str] = {}
    for p, _shown in files:
        t = doc_type or sniff_doc_type(p)
        if t is not None:
            types[p] = t
    jobs = []
    explicit = Path(pair) if pair is not None else None
    pairs = {} if explicit is not None else pair_files(files, types)
    for p, shown in files:
        job = Job(p, shown, doc_type=doc_type)
        if explicit is not None and types.get(p) == "review" and explicit.resolve() != p.resolve():
            job.pair, job.pair_shown = explicit, str(pair)
        elif p in pairs:
            job.pair, job.pair_shown = pairs[p]
        jobs.append(job)
    return jobs


def check(inputs: str | os.PathLike | Sequence[str | os.PathLike], *, config: Config | str | os.PathLike | None = None,
          pair: str | os.PathLike | None = None, doc_type: str | None = None, jobs: int = 1,
          progress: bool = False, cache=None, backend: str = "local", scheduler=None) -> Report:
    """Check files, folders or globs; return a :class:`~reportcheck.report.Report`.

    ``pair`` names the political report to compare every review with;
    without it, reports of one unit in one folder are paired automatically.
    ``jobs`` > 1 checks documents in parallel worker processes (0: all CPUs).
    ``cache`` (off by default here, on in the CLI): True, a path or a
    :class:`~reportcheck.store.ResultStore` — unchanged files are not
    re-analysed. ``backend="dask"`` with ``scheduler`` runs on a Dask cluster.
    See :mod:`reportcheck.batch`.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if not isinstance(config, Config):
        config = load_config(config, start=[Path(str(i)) for i in inputs])
    planned = plan_jobs(inputs, pair=pair, doc_type=doc_type)
    from .rules import load_rules

    rules_hash = load_rules(config).digest
    # batch (issue 7): parallel workers, the results cache and the Dask backend live in batch.py
    if (jobs != 1 and len(planned) > 1) or cache not in (None, False) or backend != "local":
        from .batch import run_parallel

        results = run_parallel(planned, config, jobs=jobs, progress=progress, cache=cache,
                               backend=backend, scheduler=scheduler)
    else:
        results = []
        bar = _progress(len(planned)) if progress else None
        for job in planned:
            results.append(run_job(job, config))
            if bar:
                bar.update(1)
        if bar:
            bar.close()
    return Report(documents=results, rules_hash=rules_hash)


def _progress(total: int):
    import sys

    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="tệp", file=sys.stderr, leave=False)
