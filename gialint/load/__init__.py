"""Load: bytes → :class:`~gialint.model.source.Source`.  The only way a
file is read: limits on size and file type (:mod:`.files`), decoding
(:mod:`.decode`), input formats (:mod:`.readers`, plugins add more; the
published formats :mod:`.html`, :mod:`.docx` and :mod:`.pdf` write
:mod:`.canonical` Markdown with an origin map) and the one load path
(:mod:`.loader`) that ``check``, ``--fix``, ``parse``, the
result cache and :func:`gialint.read_report` all use.

May import: ``gialint.model``, ``gialint.util``."""
