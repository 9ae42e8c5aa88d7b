"""Parse: :class:`~gialint.model.source.Source` → :class:`~gialint.model.document.Document`.
The report grammar (``grammar/report.lark``) classifies lines into blocks;
:mod:`.structure` finds the title, the six sections, headings, paragraphs
and table blocks; :mod:`.cells` splits table lines into cells and
:mod:`.values` reads a cell's text as a value.

May import: ``gialint.model``, ``gialint.util``."""
