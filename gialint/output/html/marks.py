"""Markers: the elements that show where a finding points — a stretch of
text underlined or highlighted by severity, a table cell or label coloured —
with the message on hover (``title``), and each finding's anchor
(``id="m…"``) that its margin note links to.

Every marker carries ``class="mk"`` and ``data-f`` (the ids of the findings
it shows, space-separated), so the page's script, the filters and the tests
find them with ``.mk[data-f~="ID"]``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from gialint.output.html.common import SEVERITY_RANK, esc, top_severity

if TYPE_CHECKING:
    from gialint.model.findings import Finding


class Marker:
    """Markers for the findings of report number ``n``."""

    def __init__(self, n: int, findings: Sequence[Finding]) -> None:
        self.n = n
        self.findings = findings
        self._anchored: set[int] = set()

    def fid(self, i: int) -> str:
        return f"{self.n}-{i}"

    def attrs(self, indices: Iterable[int], extra_class: str = "") -> str:
        """The attributes of an element marking ``indices`` (its class, ids,
        keyboard focus and the messages as its tooltip)."""
        idx = list(indices)
        fs = [self.findings[i] for i in idx]
        sev = top_severity(f.severity for f in fs)
        cls = f"mk s-{sev}" + (f" {extra_class}" if extra_class else "")
        title = "\n".join(f"{f.rule} {f.message}" for f in fs)
        return f' class="{cls}" data-f="{" ".join(self.fid(i) for i in idx)}" tabindex="0" title="{esc(title)}"'

    def anchors(self, indices: Iterable[int]) -> str:
        """``<sup id="m…">N</sup>`` for each finding not anchored yet: the
        target of its note's link, at its first marker, numbered as its note."""
        out = []
        for i in indices:
            if i not in self._anchored:
                self._anchored.add(i)
                # The finding's number in its report, also on its note: how a
                # printed sheet pairs them.
                out.append(f'<sup class="fn" id="m{self.fid(i)}">{i + 1}</sup>')
        return "".join(out)

    def line(self, text: str, line: int, indices: Sequence[int], plain: tuple[int, int] | None = None) -> str:
        """One line of text (1-based ``line``) with the parts the findings
        ``indices`` point at marked; ``plain`` is the column range of the
        text proper (a heading without its ``#``/``**``): outside it the
        characters are shown dimmed."""
        n = len(text)
        cuts = {0, n}
        ranges: list[tuple[int, int, int]] = []  # (start, end, finding) as 0-based offsets
        carets: dict[int, list[int]] = {}
        for i in indices:
            f = self.findings[i]
            if not f.line <= line <= max(f.end_line, f.line):
                continue
            start = f.column - 1 if f.line == line else 0
            end = f.end_column - 1 if f.end_line == line else n
            start, end = max(0, min(start, n)), max(0, min(end, n))
            if end <= start:
                carets.setdefault(start, []).append(i)
                cuts.add(start)
            else:
                ranges.append((start, end, i))
                cuts.update((start, end))
        if plain is not None:
            cuts.update((max(0, min(plain[0], n)), max(0, min(plain[1], n))))
        bounds = sorted(cuts)
        out = []
        for a, b in zip(bounds, bounds[1:]):
            if a in carets:
                out.append(self._caret(carets.pop(a)))
            piece = esc(text[a:b])
            if plain is not None and not plain[0] <= a < plain[1]:
                piece = f'<span class="md">{piece}</span>'
            covering = [i for s, e, i in ranges if s <= a < e]
            if covering:
                out.append(self.anchors(covering) + f"<mark{self.attrs(covering)}>{piece}</mark>")
            else:
                out.append(piece)
        for at in sorted(carets):  # at the end of the line (or of an empty line)
            out.append(self._caret(carets[at]))
        return "".join(out)

    def _caret(self, indices: list[int]) -> str:
        return self.anchors(indices) + f'<mark{self.attrs(indices, "zw")}>‸</mark>'

    def severity(self, indices: Iterable[int]) -> str:
        return top_severity(self.findings[i].severity for i in indices)


def by_position(findings: Sequence[Finding], indices: Iterable[int]) -> list[int]:
    """``indices`` in the order of their findings' positions, most severe first at one place."""
    return sorted(indices, key=lambda i: (findings[i].line, findings[i].column, -SEVERITY_RANK.get(findings[i].severity, 0), i))
