"""Read + tokenize throughput, beside bare underthesea on the same text.

    python benchmarks/bench_read.py                 # ~200,000 words of eval-dev
    python benchmarks/bench_read.py --words 50000

Reads the eval-dev texts (``$REPORTCHECK_SHARED/eval-dev/units/*/*.txt``,
default ``../shared`` beside the checkout), cycling through them until about
``--words`` words, and measures in one run, file by file and alternately (so
that a busy machine slows both sides alike):

* reportcheck: ``reportcheck.load(path)`` (read, decode, normalise, blocks)
  and ``doc.tokens`` (underthesea + domain terms, codes, figures, offsets);
* bare: ``underthesea.word_tokenize`` on every non-empty line of the same text.

and prints both in words/s and their ratio (reportcheck / bare; 1.0 means
reportcheck's reading and token layer cost nothing on top of underthesea).
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if (ROOT / "src" / "reportcheck").is_dir():
    sys.path.insert(0, str(ROOT / "src"))


def shared_dir() -> Path:
    env = os.environ.get("REPORTCHECK_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=200_000, help="words to process (default 200000)")
    ap.add_argument("--files", nargs="*", help="texts to use instead of eval-dev")
    args = ap.parse_args(argv)

    files = [Path(f) for f in args.files] if args.files else \
        [Path(f) for f in sorted(glob.glob(str(shared_dir() / "eval-dev" / "units" / "*" / "*.txt")))]
    if not files:
        print(f"bench_read: no texts found under {shared_dir() / 'eval-dev'} (set REPORTCHECK_SHARED)", file=sys.stderr)
        return 2

    from reportcheck import load
    from reportcheck.nlp import word_segmenter

    seg = word_segmenter()
    t0 = time.perf_counter()
    seg("Khởi động bộ tách từ.")
    warm = time.perf_counter() - t0
    load(files[0]).tokens  # warm the lexicon and caches

    sizes = {f: len(f.read_text(encoding="utf-8").split()) for f in files}
    plan: list[Path] = []
    total = 0
    while total < args.words:
        for f in files:
            plan.append(f)
            total += sizes[f]
            if total >= args.words:
                break

    t_rc = t_bare = 0.0
    n_tokens = 0
    for f in plan:
        t0 = time.perf_counter()
        doc = load(f)
        n_tokens += len(doc.tokens)
        t_rc += time.perf_counter() - t0

        t0 = time.perf_counter()
        text = f.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip():
                seg(line)
        t_bare += time.perf_counter() - t0

    try:
        load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover
        load_avg = "?"
    print(f"read+tokenize benchmark: {len(plan)} file reads of {len(files)} eval-dev texts, "
          f"{total:,} words, {n_tokens:,} tokens (underthesea loaded in {warm:.2f} s; load average {load_avg})")
    print(f"{'':34}{'words/s':>12}{'seconds':>10}")
    print(f"{'reportcheck load + tokens':34}{total / t_rc:>12,.0f}{t_rc:>10.2f}")
    print(f"{'bare underthesea.word_tokenize':34}{total / t_bare:>12,.0f}{t_bare:>10.2f}")
    print(f"{'ratio reportcheck / bare':34}{t_bare / t_rc:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
