"""Which reports of a run belong to one agency, and each one's history.

Every report read in the first pass of a series run is a :class:`Known`:
its place in the spill, its year and the canonical names it gives itself
(:func:`identify`: the configured agency, else the title's name, and the
publisher line's when it can be the same agency).  :class:`Series` then puts
the names of one agency together — a name and the shorter forms of it that
leave out the places above the agency, but only when that shorter form can
stand for one agency alone (two cities both have a ``鼓楼区商务局``) — and
gives each report the earlier reports of its agency, one per year.

Nothing is paired on doubt: a year in which an agency has two different
reports is left out of every history, and a report whose own year has two is
compared with nothing (two agencies with one name would otherwise meet)."""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable

from gialint.bind.identity import alias_map, canonical, same_agency, short_forms
from gialint.config.select import configured_agency
from gialint.model.report import BoundCell
from gialint.model.series import Entry, History
from gialint.model.span import Span


@dataclass(slots=True)
class Known:
    """One report the run read: a target, or a neighbour read only to be
    compared with (``target`` false).  A run keeps one per report for its
    whole length, hence slots."""

    number: int  # its record in the spill
    path: str
    target: bool
    year: int | None = None
    digest: str = ""
    names: tuple[str, ...] = ()  # canonical, the primary first
    agency: str | None = None  # as written
    version: str = ""
    older: tuple[tuple[str, Any, int], ...] = ()  # (cell key, value, line) for older years: tuples, kept per report
    group: str | None = None  # the agency's key after grouping


def identify(entry: Entry, config: Any) -> tuple[str, ...]:
    """The canonical names under which ``entry`` joins an agency's series."""
    aliases = alias_map(config.agency_aliases)
    configured = configured_agency(config, entry.path)
    if configured:
        return (canonical(configured, aliases),)
    names = [n for n in (canonical(x, aliases) for x in entry.names) if n]
    if not names:
        return ()
    primary = names[0]
    return tuple(dict.fromkeys([primary, *(n for n in names[1:] if same_agency(primary, n))]))


def describe(entry: Entry, config: Any, keys: Iterable[str]) -> dict[str, Any]:
    """What the run keeps in memory of a report (plain data, made where the
    report was read: a ``--jobs`` worker): its year, names and the values
    older years must give (``keys``)."""
    older = {}
    for key in keys:
        v = entry.value(key)
        if v is not None:
            older[key] = [str(v) if isinstance(v, Decimal) else v, entry.line_of(key)]
    return {"year": entry.year, "digest": entry.digest, "agency": entry.agency, "version": entry.version,
            "names": list(identify(entry, config)), "older": older}


def valid_described(d: Any) -> bool:
    """Whether ``d`` is what :func:`describe` makes (read
    from the cache, it is data to check, like everything there)."""
    if not isinstance(d, dict) or not isinstance(d.get("digest"), str) or not isinstance(d.get("version"), str):
        return False
    if not (d.get("year") is None or type(d.get("year")) is int) or not (d.get("agency") is None or isinstance(d.get("agency"), str)):
        return False
    names, older = d.get("names"), d.get("older")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or not isinstance(older, dict):
        return False
    for key, pair in older.items():
        if not (isinstance(key, str) and isinstance(pair, list) and len(pair) == 2 and type(pair[1]) is int):
            return False
        if type(pair[0]) is not int and not (isinstance(pair[0], str) and _decimal_text(pair[0])):
            return False
    return True


def _decimal_text(text: str) -> bool:
    from decimal import InvalidOperation

    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def remember(number: int, path: str, target: bool, described: dict[str, Any] | None) -> Known:
    """The :class:`Known` of a report read in the first pass."""
    k = Known(number, path, target)
    if described is not None:
        k.year, k.digest, k.agency, k.version = described["year"], described["digest"], described["agency"], described["version"]
        k.names = tuple(described["names"])
        k.older = tuple((sys.intern(key), value, line) for key, (value, line) in described["older"].items())
    return k


class Series:
    """The agencies of a run's reports (see the module's docstring)."""

    def __init__(self, knowns: list[Known]) -> None:
        self.knowns = knowns
        names = {n for k in knowns for n in k.names}
        supers: dict[str, set[str]] = defaultdict(set)
        for n in names:
            for s in short_forms(n):
                if s in names:
                    supers[s].add(n)
        roots = {n: _root(n, supers) for n in names}
        self.years: dict[str, dict[int, list[Known]]] = defaultdict(lambda: defaultdict(list))
        for k in knowns:
            if k.year is None:
                continue
            k.group = next((roots[n] for n in k.names if roots[n] is not None), None)
            if k.group is not None:
                self.years[k.group][k.year].append(k)

    def agency_of(self, k: Known) -> str | None:
        return k.group

    def history_of(self, k: Known, load: Callable[[int], Entry | None]) -> History | None:
        """The earlier reports of ``k``'s agency (``load`` reads a full
        entry from the spill), or ``None`` when there is nothing to compare."""
        if k.group is None or k.year is None:
            return None
        years = self.years[k.group]
        if len({o.digest for o in years[k.year]}) > 1:
            return None  # two different reports of one agency for one year: who is who?
        entries: list[Entry] = []
        for year in sorted(y for y in years if y < k.year):
            reports = years[year]
            if len({o.digest for o in reports}) != 1:
                continue
            other = reports[0]
            entry = load(other.number) if year == k.year - 1 else _thin(other)
            if entry is None:
                return None  # last year's entry is gone from the cache (cleaned meanwhile): not compared
            entries.append(entry)
        if not entries or entries[-1].year != k.year - 1:
            return None  # the rules compare with last year's report first
        return History(tuple(entries))


def _root(name: str, supers: dict[str, set[str]]) -> str | None:
    """The longest name ``name`` is a short form of, when the longer names
    are one agency's (each a short form of the next); ``None`` when they are
    not (an ambiguous short name); ``name`` itself when it has none."""
    up = supers.get(name)
    if not up:
        return name
    chain = sorted(up, key=len)
    if all(a in short_forms(b) for a, b in zip(chain, chain[1:])):
        return chain[-1]
    return None


def _thin(k: Known) -> Entry:
    """An older year's entry from the values remembered in the first pass."""
    e = Entry(k.path, k.digest, k.year, k.version, k.agency, k.names)
    for key, value, line in k.older:
        table, column, row = key.split(".", 2)
        v = Decimal(value) if isinstance(value, str) else value
        e.cells[key] = BoundCell(key, table, column, row, "number", v, None, None, Span(line, 1, line, 1))
    return e
