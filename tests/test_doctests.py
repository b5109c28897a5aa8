"""The runnable examples in the docstrings of the core modules are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "reportcheck", "reportcheck.normalize", "reportcheck.document", "reportcheck.nlp", "reportcheck.sections",
    "reportcheck.doctype", "reportcheck.levels", "reportcheck.findings", "reportcheck.report", "reportcheck.config",
    "reportcheck.rules", "reportcheck.ruledoc", "reportcheck.checks", "reportcheck.checks.features",
    "reportcheck.checks.suppress", "reportcheck.readers", "reportcheck.readers.text", "reportcheck.fileio",
    "reportcheck.errors", "reportcheck.render", "reportcheck.render.text", "reportcheck.evaluate",
    "reportcheck.pipeline",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
