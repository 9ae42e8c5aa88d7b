"""``gialint extract``: every report's bound cells as data, and per agency and
year the headline figures with the findings by severity.

It is a series run (:mod:`gialint.run.twopass`) whose second pass goes
through the reports by agency and year instead of by path, and hands each
report's cells and summary to a writer (:mod:`gialint.output.extract`) as
it goes: nothing but the small per-report index stays in memory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from gialint.run.check import Job
from gialint.run.collect import Target

# Summary figure → how it is computed from cell keys (absent cells: empty).
HEADLINE = {
    "new": ("applications.total.new",),
    "closed": ("applications.total.results.total",),
    "carried_forward": ("applications.total.carried_forward",),
    "review": ("appeals.total.review",),
    "litigation": ("appeals.total.litigation_direct", "appeals.total.litigation_after_review"),
    "fees": ("fees.amount.admin_fees",),
}


@dataclass
class Extracted:
    reports: int = 0
    cells: int = 0
    skipped: int = 0  # files that are not reports (or could not be read)
    findings: int = 0
    problems: list[str] = field(default_factory=list)  # "path: why" of named files that could not be read


def extract(pool: Any, targets: list[Target], writer: Any, jobs: int = 1, job: Job | None = None,
            progress: Callable[[int], None] | None = None) -> Extracted:
    from gialint.run.series import Series
    from gialint.run.spill import Spill
    from gialint.run.twopass import Entries, read_all, second_pass

    job = job or Job()
    done = Extracted()
    with Spill() as spill:
        knowns = read_all(pool, targets, spill, jobs, job, progress)
        series = Series(knowns)
        entries = Entries(spill, pool=pool)
        order = sorted((k for k in knowns if k.target), key=lambda k: (k.group or k.agency or "\uffff", k.year or 0, k.path))
        for k in order:
            result = second_pass(pool, spill, series, k, job, entries)
            at = spill.get(k.number)["entry"]
            if at is None:
                done.skipped += 1
                done.problems.extend(f"{f.path}: {f.message}" for f in result.findings if f.category in ("input", "internal"))
                continue
            entry = entries(k.number, at)
            done.reports += 1
            done.findings += len(result.findings)
            base = {"agency": entry.agency or "", "agency_key": k.group or "", "year": entry.year, "format": entry.version, "file": entry.path}
            for cell in entry.cells.values():
                table = entry.tables.get(cell.table)
                writer.cell({
                    **base, "table": table.title if table else cell.table, "row": cell.row_label, "column": cell.column_label,
                    "key": cell.key, "value": cell.value, "content": cell.content, "raw": cell.raw, "unit": cell.unit,
                    "line": cell.span.line if cell.span else None,
                })  # fmt: skip
                done.cells += 1
            counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
            writer.summary({**base, **{name: _figure(entry, keys) for name, keys in HEADLINE.items()},
                            "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]})
    return done


def _figure(entry: Any, keys: tuple[str, ...]) -> Any:
    values = [entry.value(k) for k in keys]
    if any(v is None for v in values):
        return None
    return sum(values)
