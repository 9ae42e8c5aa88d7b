"""``gialint clean``: remove the cache (compiled grammars, parsed rule packs,
plugin discovery, findings per file)."""

from __future__ import annotations

import click


@click.command()
def clean() -> None:
    """Remove gialint's cache directory ($GIALINT_CACHE_DIR, else ~/.cache/gialint).

    Always safe: everything in it is rebuilt by the next run."""
    import shutil

    from ..diskcache import cache_dir

    d = cache_dir()
    if not d.exists():
        click.echo(f"没有缓存：{d}")
        return
    if not d.is_dir() or not any(p.name.endswith((".pickle", ".cache")) or p.name == "results" for p in d.iterdir()):
        # Never delete a directory that does not look like ours (a mistyped
        # GIALINT_CACHE_DIR pointing at a project).
        click.echo(f"gialint: {d} 不像 gialint 的缓存目录，未删除", err=True)
        raise SystemExit(2)
    size = sum(p.stat().st_size for p in d.rglob("*") if p.is_file())
    shutil.rmtree(d, ignore_errors=True)
    click.echo(f"已删除缓存 {d}（{size / 1024 / 1024:.1f} MB）")
