"""The review page of ``gialint check --format html``: one self-contained
HTML file (inline CSS, inline SVG charts, a little vanilla JavaScript; no
network) with an overview of the batch (:mod:`.overview`, charts in
:mod:`.charts`) and each report as a document with its findings marked
where they point (:mod:`.report`; where each finding goes: :mod:`.place`;
the tables redrawn and failed relations written out: :mod:`.tables`).
The page's head, style sheet (``page.css``) and script (``page.js``) are in
:mod:`.page`; the formatter that streams it is
:mod:`gialint.output.formatters.html`.

May import: ``gialint.linting`` and everything below it (as the rest of
``gialint.output``)."""
