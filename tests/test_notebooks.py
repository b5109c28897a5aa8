"""The notebooks in notebooks/ run top to bottom (nbclient), and are stored without outputs.

Skipped when nbclient / ipykernel (and the libraries the notebooks use:
pandas, matplotlib) are not installed — ``pip install "reportcheck[test]"``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: what a notebook needs beyond the core package, and why it may not be there yet
NEEDS = {
    "01-quickstart.ipynb": [("reportcheck.render.memo", "reportcheck.render_memo is not available yet")],
    "04-train-classifier.ipynb": [("reportcheck.commands.train", "the `reportcheck train` command is not available yet")],
}


def _missing(*modules: str) -> list[str]:
    out = []
    for m in modules:
        try:
            if importlib.util.find_spec(m) is None:
                out.append(m)
        except (ImportError, ValueError):
            out.append(m)
    return out


def test_notebooks_exist_and_have_no_outputs():
    names = [p.name for p in NOTEBOOKS]
    assert names == ["01-quickstart.ipynb", "02-batch-analysis.ipynb", "03-custom-rules.ipynb",
                     "04-train-classifier.ipynb"]
    for p in NOTEBOOKS:
        nb = json.loads(p.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and cell.get("execution_count") is None, f"{p.name} has stored outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch, tmp_path):
    missing = _missing("nbclient", "nbformat", "ipykernel", "pandas", "matplotlib")
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (pip install \"reportcheck[test]\")")
    for module, reason in NEEDS.get(path.name, []):
        if _missing(module):
            pytest.skip(reason)
    import nbformat
    from nbclient import NotebookClient

    # the kernel is a new process: it must import this checkout's reportcheck and write caches to tmp
    src = str(ROOT / "src")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH", "")) if p))
    monkeypatch.setenv("REPORTCHECK_CACHE", str(tmp_path / "cache.sqlite"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
