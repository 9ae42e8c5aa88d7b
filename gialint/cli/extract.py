"""``gialint extract``: every report's bound cells as data (CSV, JSON Lines or
Excel), with a summary per agency and year."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from gialint.cli.shared import fail, open_pool, setting_options


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output-file", "-o", "output", type=click.Path(dir_okay=False), default=None,
              help="Write here (.csv, .jsonl or .xlsx); without it, CSV or JSON Lines cells go to stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "xlsx"]), default=None, help="Output format (default: from the file's suffix).")
@click.option("--summary", "summary", type=click.Path(dir_okay=False), default=None,
              help="CSV and JSON Lines: write the summary here (default: NAME.summary.csv / .jsonl beside the output file).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this configuration file instead of searching for .gialint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Files read in parallel (0: one per CPU).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on a terminal for long runs.")
@click.option("--no-cache", is_flag=True, envvar="GIALINT_NO_CACHE", help="Read every file again instead of using the result cache.")
@click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS", help="Do not load installed plugins (env GIALINT_NO_PLUGINS=1).")
def extract(paths: tuple[str, ...], output: str | None, fmt: str | None, summary: str | None, config_file: str | None, isolated: bool,
            jobs: int, progress: bool, no_cache: bool, no_plugins: bool, **settings: Any) -> None:
    """Write every bound cell of the reports in PATHS (agency, year, table,
    row, column, value, file, line) and a summary per agency and year: the
    headline figures (新收, 办结, 结转, 复议, 诉讼, 收费) and the findings by
    severity, the rules across years included.

    Exit status: 0 when the data was written, 2 for usage or configuration
    errors."""
    from gialint.config.model import ConfigError
    from gialint.output.extract import Writer, format_of, summary_path
    from gialint.run.check import Job, tune_gc
    from gialint.run.collect import collect
    from gialint.run.extract import extract as run_extract

    fmt = format_of(output, fmt)
    if fmt is None:
        fail("无法从输出文件名判断格式，请用 --format csv|jsonl|xlsx 指定" if output else "请用 --output-file 指定输出文件，或用 --format csv|jsonl 输出到标准输出")
    if fmt == "xlsx" and output is None:
        fail("Excel 格式需要 --output-file（例如 -o 年报数据.xlsx）")
    if summary and fmt == "xlsx":
        fail("--summary 只用于 CSV 和 JSON Lines；Excel 文件中的汇总在“汇总”工作表")
    pool = open_pool(config_file, isolated, settings, no_plugins)
    try:
        targets = collect(pool, paths)
        for t in targets:
            pool.for_path(t.path)
    except ConfigError as exc:
        fail(str(exc))
    summary_to = summary or (summary_path(output, fmt) if output and fmt != "xlsx" else None)
    inputs = {os.path.realpath(t.path) for t in targets}
    for out in (output, summary_to):
        if out is not None and os.path.realpath(out) in inputs:
            fail(f"输出文件 {out} 是要读取的报告之一，不会覆盖它")
        if out is not None and os.path.isdir(out):
            fail(f"输出文件 {out} 是一个目录")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    bar = None
    if progress and sys.stderr.isatty() and len(targets) > 1:
        from gialint.cli.progress import Progress

        bar = Progress(len(targets))
    try:
        writer = Writer(fmt, output, summary_to, sys.stdout if output is None else None)
    except OSError as exc:
        fail(f"无法写入输出文件：{exc}")
    ok = False
    try:
        tune_gc()
        done = run_extract(pool, targets, writer, jobs, Job(use_baseline=True, cache=not no_cache), bar)
        ok = True
    finally:
        if bar is not None:
            bar.clear()
        writer.close(ok)
    for problem in done.problems:
        click.echo(f"gialint: {problem}", err=True)
    where = output or "标准输出"
    extra = f"，汇总写入 {summary_to}" if summary_to else ""
    skipped = f"；{done.skipped} 个文件不是报告或无法读取" if done.skipped else ""
    click.echo(f"已写入 {done.reports} 份报告的 {done.cells} 个单元格到 {where}{extra}{skipped}。", err=True)
    sys.exit(0)


extract = setting_options(extract)
