"""“Did you mean” suggestions for misspelt keys, kinds, codes and cell keys."""

from __future__ import annotations

from typing import Iterable


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 60.0) -> str:
    """``"（是否应为 'x'？）"`` for the closest choice, or ``""`` when none is close."""
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    options = [str(c) for c in choices]
    if not options:
        return ""
    best = process.extractOne(word, options, scorer=ratio, score_cutoff=cutoff)
    return f"（是否应为 {best[0]!r}？）" if best else ""
