"""Linting: the pure loop, a report and a rule set in, findings out
(:mod:`.engine`), inline suppression comments (:mod:`.suppress`) and the
fix loop that applies certain fixes in memory until nothing is left to
apply (:mod:`.fix`).  Nothing here writes a file.

May import: ``gialint.config`` and everything below it."""
