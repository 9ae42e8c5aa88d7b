"""Output: the formatters of ``gialint check --format`` (:mod:`.formatters`),
the review page of ``--format html`` (:mod:`.html`) and the report view it
is drawn from (:mod:`.view`), the ``--diff`` of fixes (:mod:`.diff`), the
dump of ``gialint parse`` (:mod:`.dump`) and the generated rule list
(:mod:`.docs`).

May import: ``gialint.linting`` and everything below it."""
