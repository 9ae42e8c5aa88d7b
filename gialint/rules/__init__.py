"""Rules: rule metadata and packs (:mod:`.spec`), the equation language
(:mod:`.expr`), the rule kinds that interpret YAML rules
(:mod:`.kinds`) and the :class:`~gialint.rules.ruleset.RuleSet` they make.

May import: ``gialint.bind``, ``gialint.parse``, ``gialint.model``,
``gialint.util``."""
