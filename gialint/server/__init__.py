"""``gialint server``: a Language Server Protocol server over stdio, so that
an editor shows gialint's findings while a report is written (issue 17).

It owns what an editor session needs on top of the linter: the open
documents and their positions in the client's encoding (:mod:`.text`), the
configuration of each document found and reloaded as ``check`` finds it
(:mod:`.workspace`), findings as diagnostics (:mod:`.diagnostics`), quick
fixes and suppression comments (:mod:`.actions`), hovers on findings and on
table cells (:mod:`.hover`), a message loop that answers malformed input with
protocol errors (:mod:`.transport`), and the server that ties them together
(:mod:`.server`).  The protocol itself comes from pygls and lsprotocol.

May import: gialint.run, gialint.plugins, gialint.output, gialint.linting,
gialint.config, gialint.rules, gialint.bind, gialint.parse, gialint.load,
gialint.model, gialint.util (everything below ``gialint.cli``)."""
