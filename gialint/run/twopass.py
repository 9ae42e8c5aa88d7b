"""A batch with the rules across years: two passes.

1. Every target — and the reports next to a file named on the command line,
   and those under the configured ``history:`` paths (``--history``) — is
   read through the one load path and checked alone, as any batch does (in
   ``--jobs`` workers, from the result cache when unchanged).  What the
   second pass needs of it goes to a temporary file on disk
   (:class:`~gialint.run.spill.Spill`): its findings, its series entry and
   its text.  Memory keeps only a small :class:`~gialint.run.series.Known`
   per report.
2. :class:`~gialint.run.series.Series` pairs the reports of each agency;
   then, in the order of the targets, each target's record is read back, the
   series rules compare it with its agency's earlier reports (from the
   result cache when neither it nor they changed), the suppression comments,
   fingerprints and baseline are applied to all its findings together, and
   the result is yielded.

The output is the same whatever ``--jobs`` is; neighbours that are not
targets are read but never reported on."""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator

from gialint.run.check import FileResult, FirstResult, Job, check_first, settle
from gialint.run.collect import Target, _excluded
from gialint.run.series import Known, Series, remember
from gialint.run.spill import Spill


def series_codes(linter: Any) -> set[str]:
    from gialint.linting.series import series_rules

    return {r.meta.code for r in series_rules(linter)}


def wanted(pool: Any, targets: list[Target]) -> bool:
    """Whether a series rule runs on any target."""
    for t in targets:
        linter = pool.for_path(t.path)
        if series_codes(linter) & linter.codes_for(t.path):
            return True
    return False


def neighbours(pool: Any, targets: list[Target]) -> list[Target]:
    """Reports to read besides the targets: the files next to each file
    named on the command line, and those under each configuration's
    ``history`` paths — with that configuration's include and exclude
    patterns, sorted, without the targets themselves."""
    from gialint.run.collect import Problems, expand

    seen = {os.path.realpath(t.path) for t in targets}
    out: dict[str, Target] = {}

    def add(path: str, real: str | None = None) -> None:
        real = real or os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            out[path] = Target(path, False, context=True)

    folders = sorted({os.path.dirname(t.path) or "." for t in targets if t.explicit})
    for folder in folders:
        cfg = pool.config(os.path.join(folder, "report.txt"))
        try:
            with os.scandir(folder) as it:
                found = sorted(it, key=lambda e: e.name)
            real_folder = os.path.realpath(folder)
        except OSError:
            continue
        from fnmatch import fnmatch

        # One directory read; a file's real path is its folder's unless it is a link.
        for e in found:
            full = os.path.join(folder, e.name) if folder != "." else e.name
            try:
                if not (any(fnmatch(e.name, p) for p in cfg.include) and e.is_file()) or _excluded(full, cfg.exclude):
                    continue
                add(full, os.path.realpath(full) if e.is_symlink() else os.path.join(real_folder, e.name))
            except OSError:
                continue
    for t in targets:
        cfg = pool.config(t.path)
        for root in getattr(cfg, "history", ()) or ():
            for found in expand([root], list(cfg.include), list(cfg.exclude), Problems()):
                add(found.path)
    return sorted(out.values(), key=lambda t: t.path)


def _first_pass(pool: Any, every: list[Target], jobs: int, job: Job) -> Iterator[FirstResult]:
    if jobs <= 1 or len(every) < 2:
        for t in every:
            yield check_first(pool, t, job)
        return
    from gialint.run.parallel import lint_parallel

    yield from lint_parallel(pool, every, jobs, job, first=True)


def read_all(pool: Any, targets: list[Target], spill: Spill, jobs: int = 1, job: Job | None = None,
             progress: Callable[[int], None] | None = None) -> list[Known]:
    """The first pass: every target and neighbour checked alone and spilled;
    the :class:`Known` of each, targets first, in their order."""
    from gialint.run.folders import FolderIndex
    from gialint.run.resultcache import _encode

    job = job or Job()
    every = targets + neighbours(pool, targets)
    # Neighbours the folder's index answers are not handed to the first pass.
    index = FolderIndex(pool)
    answered = {i: r for i, t in enumerate(every) if t.context and (r := index.lookup(t)) is not None}
    rest = _first_pass(pool, [t for i, t in enumerate(every) if i not in answered], jobs, job)
    knowns: list[Known] = []
    for i, t in enumerate(every):
        first = answered[i] if i in answered else next(rest)
        if t.context and i not in answered:
            index.learn(t, first)
        # A view (for the review page) is a record of its own: reading an
        # earlier year's entry back must not decode it.
        view = spill.add(first.view) if first.view is not None and i < len(targets) else None
        # So is the series entry: most reports have no earlier year to pair
        # with, and the second pass then never decodes it.
        entry = spill.add(first.entry) if first.entry is not None else None
        number = spill.add({"path": first.path, "findings": [_encode(f) for f in first.findings], "report": first.report,
                            "entry": entry, "text": first.text, "skipped": first.skipped, "view": view,
                            "entry_ref": first.entry_ref})
        knowns.append(remember(number, first.path, i < len(targets), first.described))
        if progress is not None and i < len(targets):
            progress(i + 1)
    index.save()
    return knowns


def check_series(pool: Any, targets: list[Target], jobs: int = 1, job: Job | None = None,
                 progress: Callable[[int], None] | None = None) -> Iterator[FileResult]:
    """:class:`FileResult` of each target, in the order of ``targets``, with
    the findings of the rules across years among them."""
    job = job or Job()
    with Spill() as spill:
        knowns = read_all(pool, targets, spill, jobs, job, progress)
        series = Series(knowns)
        entries = Entries(spill, pool=pool)
        for k in knowns:
            if k.target:
                yield second_pass(pool, spill, series, k, job, entries)


class Entries:
    """Entries read back from the spill, the last few kept decoded: reports
    come in order of agency and year often enough that last year's entry is
    the one decoded just before."""

    def __init__(self, spill: Spill, keep: int = 8, pool: Any = None) -> None:
        from collections import OrderedDict

        self.spill = spill
        self.pool = pool  # to read a report again whose cached entry does not verify
        self.keep = keep
        self.cache: OrderedDict[int, Any] = OrderedDict()

    def __call__(self, number: int, at: int | None = None) -> Any | None:
        """The entry of the report spilled as record ``number`` (``at``: the
        record of its entry, when the caller has read the report's record)."""
        from gialint.model.series import Entry
        from gialint.run.context import load_context_entry
        from gialint.run.resultcache import unpack_entry

        entry = self.cache.get(number)
        if entry is None:
            data = None
            if at is None:
                record = self.spill.get(number)
                at = record["entry"]
                if at is None and record.get("entry_ref"):
                    data = load_context_entry(record["entry_ref"])
            if at is not None:
                data = self.spill.get(at)
            if data is None:
                return None
            try:
                # From the result cache, an entry is JSON text, decoded now
                # that the report is paired.
                entry = Entry.from_data(unpack_entry(data))
            except ValueError:
                entry = self._again(number)
                if entry is None:
                    return None
            self.cache[number] = entry
            if len(self.cache) > self.keep:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(number)
        return entry

    def _again(self, number: int) -> Any | None:
        """The entry of report ``number`` read from its file again."""
        if self.pool is None:
            return None
        from gialint.run.check import entry_of_file

        path = self.spill.get(number)["path"]
        return entry_of_file(self.pool.for_path(path), path)[1]


def _located(linter: Any, path: str, findings: list[Any]) -> list[Any]:
    """The series rules' findings on a page, a Word file or a PDF with their
    place in the file: the spilled text has no origin map, so the file is
    read again (only when such a finding exists)."""
    from gialint.linting.relocate import relocate
    from gialint.load.loader import reader_for

    reader = reader_for(path, linter.readers)
    if reader is None or reader.builtin_text:
        return findings
    loaded = linter.load(path)
    return findings if isinstance(loaded, list) else relocate(loaded, findings)


def second_pass(pool: Any, spill: Spill, series: Series, k: Known, job: Job, entries: Entries | None = None) -> FileResult:
    """One target's result: its own findings and, when its agency has an
    earlier report, the series rules' — suppressed, fingerprinted and
    filtered by the baseline together."""
    from gialint.linting.engine import Checked
    from gialint.model.source import Source
    from gialint.run.resultcache import _decode

    record = spill.get(k.number)
    linter = pool.for_path(k.path)
    findings = [_decode(row) for row in record["findings"]]
    result = FileResult(k.path, findings)
    result.skipped = record.get("skipped")
    # The text the first pass decoded (newlines already "\n"): not decoded again.
    source = Source(k.path, record["text"], raw=record["text"].encode("utf-8", "surrogatepass")) if record["text"] is not None else None
    if source is not None:
        extra: list[Any] = []
        entries = entries or Entries(spill, pool=pool)
        history = series.history_of(k, entries) if record["entry"] is not None else None
        if history is not None:
            extra = lint_series_cached(linter, entries(k.number, record["entry"]), history, job.cache)
            if extra:
                extra = _located(linter, k.path, extra)
        result.findings = linter.finish(source, Checked(findings, None, record["report"]), findings + extra)
        if record.get("view") is not None:
            result.view = _view_from(spill.get(record["view"]), source, linter)
    return settle(result, pool, job, k.path, source)


def _view_from(plain: Any, source: Any, linter: Any) -> Any:
    """The view the first pass kept (plain data in the spill, from the
    result cache perhaps): read back, or made again if it is malformed."""
    from gialint.output.view import from_plain

    try:
        return from_plain(plain, source)
    except (ValueError, TypeError):
        from gialint.run.check import _view

        report = linter.read(source)
        return _view(source, report) if report is not None else None


def lint_series_cached(linter: Any, entry: Any, history: Any, cache: bool) -> list[Any]:
    """The series rules' findings, from the result cache when neither the
    report nor any report it is compared with changed."""
    from gialint.run import resultcache

    name = resultcache.series_name(linter, entry, history) if cache else None
    if name is not None:
        found = resultcache.load_findings(name)
        if found is not None:
            return found
    findings: list[Any] = linter.lint_series(entry, history)
    if name is not None:
        resultcache.store_findings(name, findings)
    return findings
