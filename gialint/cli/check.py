"""``gialint check``: lint reports and print the findings (or fix them)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from gialint.cli.shared import fail, open_pool, setting_options


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this configuration file instead of searching for .gialint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json, sarif, github, junit, html (a self-contained review page; use with -o FILE.html), and what plugins add.")
@setting_options
@click.option("--force-exclude", is_flag=True, help="Apply the exclude patterns to files named on the command line too (pre-commit).")
@click.option("--skip-non-reports", is_flag=True, help="Skip named files that are not reports instead of reporting them (pre-commit).")
@click.option("--fix", is_flag=True, help="Apply the certain fixes in place.")
@click.option("--diff", is_flag=True, help="Print the certain fixes as a unified diff; write nothing.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None, help="Write every current finding to this baseline file and exit 0.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Files checked in parallel (0: one per CPU).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), default=None, help="Write the output here instead of stdout.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in text output.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on a terminal for long runs.")
@click.option("--no-cache", is_flag=True, envvar="GIALINT_NO_CACHE", help="Check every file again instead of reusing the findings of unchanged files (env GIALINT_NO_CACHE=1 turns every cache off).")
@click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS", help="Do not load installed plugins (env GIALINT_NO_PLUGINS=1).")
def check(paths: tuple[str, ...], config_file: str | None, isolated: bool, fmt: str, force_exclude: bool, skip_non_reports: bool, fix: bool,
          diff: bool, write_baseline: str | None, jobs: int, statistics: bool, output_file: str | None, color: str, progress: bool,
          no_cache: bool, no_plugins: bool, **settings: Any) -> None:
    """Check reports (files or directories) and print the findings.

    Exit status: 0 when nothing at or above the failing severity was found,
    1 when something was (or, with --diff, when a fix is pending), 2 for
    usage or configuration errors."""
    from gialint.config.model import ConfigError
    from gialint.output.formatters.base import Formatter
    from gialint.run.batch import exit_status, run
    from gialint.run.check import FileResult, Job, tune_gc
    from gialint.run.collect import collect

    if fix and diff:
        fail("--fix 与 --diff 不能同时使用")
    pool = open_pool(config_file, isolated, settings, no_plugins)
    try:
        pm = pool.plugin_manager(pool.config(paths[0]))
        formatters = pm.formatters()
        if fmt not in formatters:
            fail(f"未知的输出格式 {fmt!r}；可用：{', '.join(sorted(formatters))}")
        for message in pm.error_messages():
            click.echo(f"gialint: {message}", err=True)
        targets = collect(pool, paths, force_exclude, skip_non_reports)
        for t in targets:  # every configuration is checked before any output
            pool.for_path(t.path)
            if not write_baseline:
                pool.baseline(t.path)
        main = pool.for_path(paths[0]) if not targets else pool.for_path(targets[0].path)
        if not main.enabled:
            # An empty selection (`select: []`, `--ignore all`) checks nothing: say so.
            click.echo("gialint: 没有选择任何规则（select 为空或全部被 ignore），不会报告任何问题", err=True)
    except ConfigError as exc:
        fail(str(exc))
    if jobs == 0:
        jobs = os.cpu_count() or 1

    job = Job(fix=fix, diff=diff, use_baseline=not write_baseline, cache=not no_cache)
    out = open(output_file, "w", encoding="utf-8") if output_file else None
    use_color = color == "always" or (color == "auto" and out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    quiet = diff or bool(write_baseline)
    formatter = Formatter() if quiet else formatters[fmt](main.ruleset, color=use_color, statistics=statistics and fmt == "text")
    formatter.fail_on = main.config.fail_on
    write = out.write if out else (lambda s: click.echo(s, nl=False))
    bar = None
    if progress and sys.stderr.isatty() and len(targets) > 1:
        from gialint.cli.progress import Progress

        bar = Progress(len(targets))
        write = bar.wrap(write)
    collected: list[tuple[str, list]] = []  # type: ignore[type-arg]
    diffs = 0
    stale = 0
    errors: list[str] = []

    def on_result(r: FileResult) -> None:
        nonlocal diffs, stale
        stale += r.stale
        if r.error:
            errors.append(r.error)
        if diff and r.diff:
            diffs += 1
            write(r.diff)
        if write_baseline:
            collected.append((r.path, r.findings))

    try:
        tune_gc()
        summary = run(pool, targets, formatter, write, jobs=jobs, job=job, on_result=on_result, progress=bar)
    finally:
        if bar is not None:
            bar.clear()
        if out:
            out.close()
    for e in errors:
        click.echo(f"gialint: {e}", err=True)
    if write_baseline:
        from gialint.run.baseline import write as write_file

        n = write_file(write_baseline, collected)
        click.echo(f"已将 {n} 个问题写入基线 {write_baseline}（{summary.files} 个文件）。", err=True)
        sys.exit(0)
    if diff:
        sys.exit(1 if diffs else 0)
    if statistics and fmt != "text":
        for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            meta = main.ruleset.meta(code)
            click.echo(f"{n:6d}  {code}  {meta.name if meta else ''}", err=True)
    if fmt != "text" and summary.fixed:
        click.echo(f"已自动修复 {summary.fixed} 处。", err=True)
    if stale:
        click.echo(f"基线中有 {stale} 个问题已不再出现，可用 --write-baseline 更新基线。", err=True)
    sys.exit(exit_status(summary))
