"""Utilities every stage may use and which know nothing of reports: time
budgets, text normalisation for matching, "did you mean", plain-data
encoding, safe YAML loading, the shipped data files, the disk cache and the
version.

May import: the standard library and third-party packages only — nothing of
gialint outside ``gialint.util``."""
