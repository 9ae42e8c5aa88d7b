"""One module per sub-command; registered lazily in :mod:`gialint.cli`."""
