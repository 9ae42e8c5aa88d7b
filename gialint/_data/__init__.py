"""Data shipped with gialint: ``grammar`` and ``rules`` (mapped from the
repository's top-level directories at build time; see pyproject.toml)."""
