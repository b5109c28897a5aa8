"""Package data: the labelled training corpus for reportcheck's classifiers.

The files here are data (``handwritten.jsonl``, ``fragments.yaml``) plus the
deterministic composer that turns the fragment banks into labelled
paragraphs. Load the corpus through :mod:`reportcheck.classify.corpus`.
"""
