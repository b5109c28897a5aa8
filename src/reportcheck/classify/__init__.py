"""Paragraph classifiers and the labelled corpus they are trained on."""
