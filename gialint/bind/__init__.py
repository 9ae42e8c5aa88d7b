"""Bind: :class:`~gialint.model.document.Document` → :class:`~gialint.model.report.Report`.
The official templates are loaded from YAML (:mod:`.templates`), the format
a report follows is detected (:mod:`.detect`), its table labels aligned
with the template's (:mod:`.align`) and every official cell bound to the
value written for it (:mod:`.binding`).  :mod:`.read` chains parse and
bind.

May import: ``gialint.parse``, ``gialint.model``, ``gialint.util``."""
