"""Positions in the user's file: 1-based line and column, ``end_column`` exclusive."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int
