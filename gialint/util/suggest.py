"""“Did you mean” suggestions for misspelt keys, kinds, codes and cell keys."""

from __future__ import annotations

from typing import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 60.0) -> str | None:
    """The choice closest to ``word``, or ``None`` when none is close."""
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    options = [str(c) for c in choices]
    if not options:
        return None
    best = process.extractOne(word, options, scorer=ratio, score_cutoff=cutoff)
    return best[0] if best else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 60.0) -> str:
    """``"（是否应为 'x'？）"`` for the closest choice, or ``""`` when none is close."""
    best = closest(word, choices, cutoff)
    return f"（是否应为 {best!r}？）" if best is not None else ""
