"""Horizontal bar charts as inline SVG: no script, no fonts of their own,
scaled with the page (zoom) through their ``viewBox``; each has a title and
a text alternative, and the same figures are in the tables beside them."""

from __future__ import annotations

from typing import Sequence

from gialint.output.html.common import esc

WIDTH = 640
LABEL = 230  # width of the label column, in the chart's units
ROW = 26
MAX_LABEL = 30  # columns of a label shown, a CJK character taking two (the whole label is in the tooltip)


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[tuple[int, str]], str | None]], *, note: str = "") -> str:
    """A ``<figure>`` with one bar per row: ``(label, segments, link)``,
    where segments are ``(value, css class)`` stacked left to right and
    link (``#r3``) makes the label a link."""
    if not rows:
        return f'<figure class="chart"><figcaption>{esc(title)}</figcaption><p class="empty">无</p></figure>'
    top = max(sum(v for v, _ in segs) for _, segs, _ in rows) or 1
    span = WIDTH - LABEL - 60
    height = ROW * len(rows) + 8
    alt = "；".join(f"{label} {sum(v for v, _ in segs)}" for label, segs, _ in rows)
    out = [f'<figure class="chart"><figcaption>{esc(title)}</figcaption>']
    out.append(f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{esc(title + "：" + alt)}" '
               f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>')
    for k, (label, segs, link) in enumerate(rows):
        y = 4 + k * ROW
        total = sum(v for v, _ in segs)
        shown = _fit(label, MAX_LABEL)
        text = f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end">{esc(shown)}<title>{esc(label)}</title></text>'
        out.append(f'<a href="{esc(link)}">{text}</a>' if link else text)
        x = float(LABEL)
        for value, cls in segs:
            if value <= 0:
                continue
            w = max(1.0, span * value / top)
            out.append(f'<rect class="{esc(cls)}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 8}"><title>{esc(label)}：{value}</title></rect>')
            x += w
        out.append(f'<text class="val" x="{x + 6:.1f}" y="{y + 17}">{total}</text>')
    out.append("</svg>")
    if note:
        out.append(f'<p class="note-s">{esc(note)}</p>')
    out.append("</figure>")
    return "".join(out)


def _fit(label: str, width: int) -> str:
    """``label`` cut to ``width`` display columns (CJK characters count two)."""
    import unicodedata

    used = 0
    for k, ch in enumerate(label):
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > width:
            return label[: max(0, k - 1)] + "…"
    return label
