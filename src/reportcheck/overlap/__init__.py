"""Overlap: where a review report repeats its political report, and where drafts share passages.

* :func:`compare` / :func:`find_overlaps` — passages of a review report that
  repeat its political report (``overlap`` findings with the source passage in
  ``related``), robust to light edits;
* :class:`FormulaicModel` — the formulaic runs every draft carries, learnt from
  a corpus of drafts;
* :func:`find_duplicates` — passages shared by drafts of different units,
  clustered.
"""

from .align import OverlapResult, Passage, compare, find_overlaps
from .formulaic import FormulaicModel

__all__ = ["compare", "find_overlaps", "OverlapResult", "Passage", "FormulaicModel",
           "find_duplicates", "Cluster"]


def __getattr__(name):  # the folder-wide part loads on first use
    if name in ("find_duplicates", "Cluster"):
        from . import duplicates

        return getattr(duplicates, name)
    raise AttributeError(name)
