"""The document model, the data every stage passes on: positions
(:class:`Span`), the decoded file (:class:`Source`), the parsed
:class:`Document`, the official formats as data (:class:`Template`), the
bound :class:`Report` and the :class:`Finding` s rules report.

May import: ``gialint.util``."""
