"""Findings cached per file, as ruff does: a file checked before with the same
bytes, path, configuration, rules, templates, plugins and gialint code is not
parsed, bound or checked again.

The key covers everything a file's findings depend on:

* the file's bytes and its path (findings carry the path; per-file ignores
  and suppression comments are in the configuration and the bytes);
* whether the path was named on the command line (a non-report named
  explicitly is reported, one found in a directory is skipped);
* the rule set's fingerprint (:func:`ruleset_fingerprint`): every rule pack
  and template text with its origin, the plugins with their versions, and
  the size and mtime of every source file of gialint and of each plugin's
  package, so editing a kind or a plugin in place invalidates the cache too;
* the effective configuration of the file.

What is stored is what :meth:`~gialint.linting.engine.Linter.check_source`
returns: the findings before the file's suppression comments are applied
(applying them again costs nothing), whether the file is a report, and —
once a run has needed it — the report's series entry (JSON text, with what
a run keeps of it): a run over unchanged files binds none of them and
decodes only the entries of reports it pairs.

The cross-year findings of a report are stored apart (``series/``), keyed
by the rule set and configuration, the report's path and content hash, and
the path, year and content hash of every earlier report it was compared
with: when a neighbour changes, its later reports' cross-year findings are
computed again, while their single-file entries stay valid.

Findings that depend on time, not on the input — a rule or plugin that ran
out of time or crashed (``internal``), a file that took too long to read
(GIA003) — are never stored.  ``--fix`` and ``--diff`` do not use the cache.
The cache lives under ``$GIALINT_CACHE_DIR/results`` (see
:mod:`gialint.diskcache`); ``--no-cache`` or ``GIALINT_NO_CACHE=1`` turns it
off.  Entries are small (the findings as plain data, never pickle: see
:mod:`gialint.diskcache`) and keyed by content, so a stale entry is simply
never read again; ``gialint clean`` removes them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterable

from gialint.model.findings import TIMEOUT_CODE
from gialint.util import diskcache

if TYPE_CHECKING:
    from gialint.linting.engine import Checked, Linter
    from gialint.model.findings import Finding
    from gialint.model.series import Entry, History

# Findings whose presence makes a result unfit to cache (time-dependent).
_UNCACHEABLE_CATEGORIES = frozenset({"internal"})
_UNCACHEABLE_RULES = frozenset({TIMEOUT_CODE})


def linter_fingerprint(linter: Linter) -> str:
    """The rule set's fingerprint and the effective configuration."""
    cached = getattr(linter, "_result_key", None)
    if cached is None:
        parts = [
            getattr(linter.ruleset, "fingerprint", "") or "no-fingerprint",
            repr(linter.config),
            "|".join(name for name, _ in linter.extra_checks),
            "|".join(sorted(linter.readers)),
        ]
        cached = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
        linter._result_key = cached  # type: ignore[attr-defined]
    return cached


def entry_name(linter: Linter, path: str, explicit: bool, data: bytes) -> str | None:
    """The cache entry for these inputs, or None when caching is impossible
    (no fingerprint: a rule set not built by :func:`~gialint.assemble.assemble_ruleset`)."""
    if not getattr(linter.ruleset, "fingerprint", ""):
        return None
    h = hashlib.sha256(linter_fingerprint(linter).encode())
    h.update(f"\0{path}\0{explicit}\0".encode("utf-8", "surrogatepass"))
    h.update(data)
    key = h.hexdigest()
    return f"results/{key[:2]}/{key}.json"


_FIELDS = ("path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message")


def _encode(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.replacement, *_span(f.fix.span), f.fix.certain]
    return [*(getattr(f, k) for k in _FIELDS), fix, f.extra]


def _span(sp: Any) -> list[int]:
    return [sp.line, sp.column, sp.end_line, sp.end_column]


def _decode(row: Any) -> Finding:
    """A finding from its stored row; raises for anything malformed."""
    from gialint.model.findings import Finding, Fix
    from gialint.model.span import Span

    if not isinstance(row, list) or len(row) != len(_FIELDS) + 2:
        raise ValueError("not a finding row")
    values = row[: len(_FIELDS)]
    fix, extra = row[len(_FIELDS):]
    for name, v in zip(_FIELDS, values):
        want = int if name in ("line", "column", "end_line", "end_column") else str
        if type(v) is not want:
            raise ValueError(f"bad {name}")
    if not isinstance(extra, dict):
        raise ValueError("bad extra")
    made_fix = None
    if fix is not None:
        text, line, col, end_line, end_col, certain = fix
        if not (isinstance(text, str) and all(type(x) is int for x in (line, col, end_line, end_col)) and isinstance(certain, bool)):
            raise ValueError("bad fix")
        made_fix = Fix(text, Span(line, col, end_line, end_col), certain)
    return Finding(*values, made_fix, extra)


def _rows(value: Any) -> list[Finding]:
    if not isinstance(value, list):
        raise ValueError("not a list of findings")
    return [_decode(row) for row in value]


def load(name: str, want_entry: bool = False) -> Checked | None:
    """What was stored as ``name``, or ``None`` for a miss (absent, an
    entry that does not verify, or no series entry when ``want_entry``)."""
    from gialint.model.series import Entry

    value = diskcache.load_data(name)
    checked = _checked(value)
    if checked is None:
        return None
    data = value.get("entry")
    if want_entry and data is None and checked.report:
        return None
    try:
        return replace(checked, entry=Entry.from_data(unpack_entry(data))) if data is not None else checked
    except (ValueError, TypeError):
        return None


def _checked(value: Any) -> Checked | None:
    """A stored result without its series entry, or ``None`` when it does not verify."""
    from gialint.linting.engine import Checked

    if not isinstance(value, dict) or not isinstance(value.get("report"), bool):
        return None
    skipped = value.get("skipped")
    if skipped is not None and not isinstance(skipped, str):
        return None
    try:
        return Checked(_rows(value.get("findings")), None, value["report"], skipped)
    except (ValueError, TypeError):
        return None


def cacheable(findings: Iterable[Finding]) -> bool:
    return not any(f.category in _UNCACHEABLE_CATEGORIES or f.rule in _UNCACHEABLE_RULES for f in findings)


def store(name: str, checked: Checked, described: Any = None) -> None:
    """Store a file's result, with what a series run keeps of its entry
    (``described``: then the entry is decoded only if the report is paired)."""
    if cacheable(checked.findings):
        # A plugin's finding whose extra data is not plain data is not stored.
        entry = pack_entry(checked.entry.to_data()) if checked.entry is not None else None
        value = {"findings": [_encode(f) for f in checked.findings], "report": checked.report, "entry": entry, "skipped": checked.skipped}
        if described is not None:
            value["described"] = described
        diskcache.store_data(name, value)


def load_first(name: str) -> tuple[Checked, str | None, Any] | None:
    """For the first pass of a series run: the findings, the series entry as
    stored (JSON text, decoded only if the report is paired) and its
    described data; ``None`` when the entry lacks either (:func:`load` then)."""
    from gialint.run.series import valid_described

    value = diskcache.load_data(name)
    checked = _checked(value)
    if checked is None:
        return None
    entry, described = value.get("entry"), value.get("described")
    if not checked.report:
        return checked, None, None
    if not (isinstance(entry, str) and valid_described(described)):
        return None
    return checked, entry, described


def series_name(linter: Linter, entry: Entry, history: History) -> str | None:
    """The entry of a report's cross-year findings: its own path and
    content hash and those (with the year) of every earlier report."""
    if not getattr(linter.ruleset, "fingerprint", ""):
        return None
    h = hashlib.sha256(linter_fingerprint(linter).encode())
    h.update(f"\0series\0{entry.path}\0{entry.digest}".encode("utf-8", "surrogatepass"))
    for e in history.entries:
        h.update(f"\0{e.year}\0{e.path}\0{e.digest}\0{len(e.cells)}".encode("utf-8", "surrogatepass"))
    key = h.hexdigest()
    return f"series/{key[:2]}/{key}.json"


def load_findings(name: str) -> list[Finding] | None:
    try:
        return _rows(diskcache.load_data(name))
    except (ValueError, TypeError):
        return None


def store_findings(name: str, findings: list[Finding]) -> None:
    if cacheable(findings):
        diskcache.store_data(name, [_encode(f) for f in findings])


# -- views ---------------------------------------------------------------------
# A formatter that shows the reports (``--format html``) needs each report's
# view (gialint.output.view); kept beside its findings, under the same key, a
# re-run need not parse an unchanged file even for the page.  Written only
# when a view was asked for, so other formats' caches stay as small as before.


def _view_name(name: str) -> str:
    return name[: -len(".json")] + ".view.json"


def load_view(name: str, source: Any, plain: bool = False) -> Any | None:
    """The view stored for entry ``name`` (its plain data, with ``plain``:
    checked when it is read back), or ``None`` (absent or malformed)."""
    from gialint.output.view import from_plain

    value = diskcache.load_data(_view_name(name))
    if value is None or plain:
        return value
    try:
        return from_plain(value, source)
    except (ValueError, TypeError):
        return None


def store_view(name: str, view: Any) -> None:
    """Keep a view (a ``ReportView`` or its plain data) beside entry ``name``."""
    from gialint.output.view import ReportView, to_plain

    diskcache.store_data(_view_name(name), to_plain(view) if isinstance(view, ReportView) else view)


def pack_entry(data: Any) -> str:
    """``Entry.to_data()`` (JSON types only) as one JSON string: json's C encoder,
    not the plain-data walk over its ~2,000 values."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def unpack_entry(value: Any) -> Any:
    """:func:`pack_entry`'s data (or a list, as stored before it); ``Entry.from_data`` verifies it."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except RecursionError:  # nested past the interpreter's limit: not ours
        raise ValueError("entry nested too deeply") from None
