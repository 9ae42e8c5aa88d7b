"""The hooks a gialint plugin may implement — every one of them, in one place.

A plugin is a module (or any object) with functions named after these hooks,
marked with :data:`hookimpl`::

    from gialint import hookimpl

    @hookimpl
    def gialint_add_rule_packs():
        return [files("gialint_hubei") / "hubei.yaml"]

Plugins are found through the ``gialint`` entry-point group of installed
packages, ``--plugin MODULE_OR_PATH`` and ``plugins:`` in the configuration
(:mod:`gialint.plugins`).  gialint's own kinds, packs, templates, readers and
formatters are registered through these same hooks by
:mod:`gialint.plugins.builtin`.

How hooks are called: gialint calls **each plugin's implementation on its
own**, in load order (the built-ins first), never through one combined call,
so that a plugin which raises is reported by name and version and the other
plugins' contributions still count.  No hook is ``firstresult``: every
plugin's result is used.  Where two plugins register the same name (a kind,
a formatter, a reader's suffix), the first one wins and the later one gets a
load error.  A function named ``gialint_…`` that matches no hook below is a
load error too (with a "did you mean"), so a misspelt hook never fails
silently.

Hooks are grouped by phase: *registration* hooks run once, when the rule set
is assembled (``gialint check``, ``rules``, ``explain``, ``plugins``,
``test-rules``); the *checking* hook runs once per report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Union

import pluggy

if TYPE_CHECKING:
    from importlib.abc import Traversable
    from pathlib import Path

    from gialint.load.readers import Reader
    from gialint.model.findings import Finding
    from gialint.model.report import Report
    from gialint.output.formatters.base import Formatter
    from gialint.rules.kinds.base import Kind

PROJECT = "gialint"
ENTRY_POINT_GROUP = "gialint"

#: What the file hooks return: a pack or template file, or ``(yaml_text, origin)``.
FileItem = Union["Path", "Traversable", "tuple[str, str]"]

hookspec = pluggy.HookspecMarker(PROJECT)
#: Marks a plugin's function as the implementation of a hook.
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- registration -------------------------------------------------------------


@hookspec
def gialint_add_kinds() -> list[type[Kind]]:
    """Add rule kinds: the Python that interprets declarative YAML rules.

    Called once when the rule set is assembled, before any rule pack is read,
    so that packs (the plugin's own, the core's and a project's) may use the
    kinds by name in ``kind:``.

    Returns a list of :class:`gialint.Kind` subclasses, each with a
    unique ``name`` (kebab-case), its ``options`` (validated when a pack is
    loaded: an unknown or mistyped option is an error with a suggestion) and
    a ``check(report)`` generator of :class:`gialint.Hit`.

    Every plugin's result is used; a kind whose name is already registered
    (by the core or an earlier plugin) is refused with a load error.
    """


@hookspec
def gialint_add_rule_packs() -> list[FileItem]:
    """Add rule packs: YAML files of rules (code, name, category, severity,
    summary, explanation, bad and good example, kind and its options).

    Called once when the rule set is assembled, after the kinds and templates
    are known.

    Returns a list whose items are either a path to a pack file (a
    :class:`pathlib.Path` or an :mod:`importlib.resources` ``Traversable``,
    e.g. ``files("my_plugin") / "rules.yaml"``) or a ``(yaml_text, origin)``
    pair.  A rule's ``base:`` (the report its bad and good examples are
    applied to) may be a path relative to its pack file.

    Every plugin's result is used.  A broken pack (YAML error, unknown kind,
    option or cell key, a code already taken) becomes a load error of the
    plugin and its rules are left out; the other rules still run.
    """


@hookspec
def gialint_add_templates() -> list[FileItem]:
    """Add templates: table layouts of official formats, or local variants.

    Called once when the rule set is assembled, before the packs are read
    (rules refer to tables, rows and cells of the templates).

    Returns a list of template files, as for :func:`gialint_add_rule_packs`
    (paths or ``(yaml_text, origin)`` pairs).  A template may ``extends:`` an
    official one (``v2019``, ``v2021``) and patch its tables with
    ``replace_rows``, ``insert_rows: {AFTER_ROW_KEY: [rows]}`` and
    ``remove_rows``.  A report is bound to a variant when it uses one of the
    variant's own row labels (or markers).

    Every plugin's result is used; a template that does not load becomes a
    load error of the plugin.
    """


@hookspec
def gialint_add_readers() -> list[type[Reader]]:
    """Add readers: turn the bytes of an input format into report text.

    Called once when a linter is prepared.  A reader is consulted for files
    whose suffix it claims, before parsing.

    Returns a list of :class:`gialint.Reader` subclasses, each with a
    ``name``, the ``suffixes`` it reads (``(".html", ".htm")``) and a
    ``decode(data, path)`` method returning the text (``str``) or a
    :class:`gialint.Source`.

    Every plugin's result is used; for a suffix, the first reader registered
    wins, except that a plugin's reader replaces the built-in one.  A reader
    that raises becomes an ``internal`` finding (GIA009) on that file naming
    the plugin and its version.
    """


@hookspec
def gialint_add_formatters() -> list[type[Formatter]]:
    """Add output formats for ``gialint check --format NAME``.

    Called once when the ``check`` command prepares its output.

    Returns a list of :class:`gialint.Formatter` subclasses, each
    with a unique ``name`` and ``start()``, ``file(path, findings)`` and
    ``end(summary)`` methods returning the text to print (or an iterable
    of text chunks).  A formatter that shows the reports themselves sets
    ``wants_view = True``: ``file(path, findings, view=…)`` then also
    receives each report's text and structure, a
    ``gialint.output.view.ReportView`` (``None`` for a file that is not
    a report).

    Every plugin's result is used; a name already registered is refused
    with a load error.
    """


# -- checking -----------------------------------------------------------------


@hookspec
def gialint_check_report(report: Report) -> Iterable[Finding] | None:
    """Check a whole report, beyond what a rule kind expresses.

    Called once per report, after the rules, with the bound
    :class:`gialint.Report` (the document, the template it follows
    and every table cell by key).

    Returns an iterable of :class:`gialint.Finding` (or ``None``).
    Use codes declared in one of the plugin's rule packs (``kind: engine``),
    so that ``rules``, ``explain``, selection, severity overrides and
    suppression know them.

    Each plugin's implementation is called on its own: one that raises, or
    returns something that is not a finding, becomes an ``internal`` finding
    (GIA009) naming the plugin and its version; the other findings on the
    same file are still reported.
    """
