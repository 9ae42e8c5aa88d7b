"""Run: a batch of files — which files (:mod:`.collect`), the configuration
and linter for each (:mod:`.pool`), checking, fixing and streaming results
to a formatter (:mod:`.check`), parallel workers (:mod:`.parallel`), writing
fixed files (:mod:`.write`), baselines (:mod:`.baseline`) and the per-file
result cache (:mod:`.resultcache`).

May import: ``gialint.plugins`` and everything below it."""
