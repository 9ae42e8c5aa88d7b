"""``gialint convert``: write published reports (web pages, Word files,
PDF) as canonical Markdown — headings, paragraphs, pipe tables with merged
cells resolved and the official labels as written — so that an office can
move its reports into a repository.  Checking the converted file gives the
same findings as checking the original.

Never destroys: an existing file is not overwritten without ``--force``, the
input is never the output, and each file is written through a temporary
file and a rename."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from gialint.cli.shared import fail, load_problem, open_pool, setting_options


def _target(path: str, out_dir: str | None) -> str:
    stem = os.path.splitext(os.path.basename(path))[0] or "report"
    return os.path.join(out_dir if out_dir is not None else os.path.dirname(path), stem + ".md")


def _write(target: str, text: str) -> None:
    import tempfile

    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".gialint-convert.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Write FILE.md files into this directory (default: beside each file); '-' prints to standard output.")
@click.option("--force", is_flag=True, help="Overwrite existing .md files.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this configuration file instead of searching for .gialint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--no-plugins", is_flag=True, envvar="GIALINT_NO_PLUGINS", help="Do not load installed plugins (env GIALINT_NO_PLUGINS=1).")
def convert(files: tuple[str, ...], out_dir: str | None, force: bool, config_file: str | None, isolated: bool, no_plugins: bool, **settings: Any) -> None:
    """Write each published report in FILES (.html, .htm, .docx, .pdf) as
    canonical Markdown (FILE.md); exit status 1 if a file could not be read
    or written."""
    from gialint.config.model import ConfigError
    from gialint.load.loader import ReaderFailed, load_source
    from gialint.model.source import SourceError
    from gialint.util.budget import OverBudget

    pool = open_pool(config_file, isolated, settings, no_plugins)
    to_stdout = out_dir == "-"
    if out_dir is not None and not to_stdout:
        os.makedirs(out_dir, exist_ok=True)
    failed = False
    written: dict[str, str] = {}
    for path in files:
        try:
            linter = pool.for_path(path)
        except ConfigError as exc:
            fail(str(exc))
        try:
            source = load_source(path, linter.readers, linter.config.max_bytes, linter.config.read_timeout)
        except (SourceError, OverBudget, ReaderFailed) as exc:
            click.echo(f"{path}: {load_problem(exc)}", err=True)
            failed = True
            continue
        if source.origin is None:
            click.echo(f"{path}: 已是文本或 Markdown 报告，无需转换", err=True)
            failed = True
            continue
        if to_stdout:
            click.echo(source.text, nl=False)
            continue
        target = _target(path, out_dir)
        key = os.path.realpath(target)
        if key == os.path.realpath(path):
            click.echo(f"{path}: 输出文件与输入文件相同，未写入", err=True)
            failed = True
        elif key in written:
            click.echo(f"{path}: 输出文件 {target} 已由 {written[key]} 写入，未覆盖", err=True)
            failed = True
        elif os.path.exists(target) and not force:
            click.echo(f"{path}: {target} 已存在，未覆盖（用 --force 覆盖）", err=True)
            failed = True
        else:
            try:
                _write(target, source.text)
            except OSError as exc:
                click.echo(f"{path}: 无法写入 {target}：{exc.strerror or exc}", err=True)
                failed = True
                continue
            written[key] = path
            click.echo(f"{path} → {target}", err=True)
    sys.exit(1 if failed else 0)


convert = setting_options(convert, ("plugins", "max-bytes"))
