"""``gialint clean``: remove gialint's own cache entries (compiled grammars,
parsed rule packs, plugin discovery, findings per file) — and nothing else."""

from __future__ import annotations

import click


@click.command()
def clean() -> None:
    """Remove gialint's cache entries ($GIALINT_CACHE_DIR, else ~/.cache/gialint).

    Only a directory that gialint marked as its own (CACHEDIR.TAG) is
    touched, and in it only the files gialint writes; anything else is left
    where it is and listed. The next run rebuilds what was removed."""
    from gialint.util.cachedir import TAG_NAME, cache_dir, is_tagged
    from gialint.util.cachedir import clean as remove_entries

    d = cache_dir()
    if not d.exists() and not d.is_symlink():
        click.echo(f"没有缓存：{d}")
        return
    if d.is_symlink() or not d.is_dir():
        click.echo(f"gialint: {d} 不是目录，未删除任何内容", err=True)
        raise SystemExit(2)
    if not is_tagged(d):
        # A mistyped GIALINT_CACHE_DIR (a project, a home directory) is never emptied.
        click.echo(f"gialint: {d} 不是 gialint 创建的缓存目录（没有 gialint 的 {TAG_NAME}），未删除任何内容", err=True)
        raise SystemExit(2)
    removed, freed, kept = remove_entries(d)
    click.echo(f"已删除缓存 {d} 中 gialint 写入的 {removed} 个文件（{freed / 1024 / 1024:.1f} MB）")
    if kept:
        shown = "、".join(kept[:5]) + (f" 等 {len(kept)} 项" if len(kept) > 5 else "")
        click.echo(f"保留了不是 gialint 写入的内容：{shown}", err=True)
