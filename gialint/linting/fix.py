"""``gialint check --fix``: apply the fixes that are certain, in place.

Only certain fixes are applied — official labels and titles, ``钩稽``→``勾稽``,
homoglyphs, conversion markers — and never one that changes a number: a fix
whose replacement has other digits than the text it replaces, or that joins
or splits lines, is left as a suggestion.  Fixes are spliced into the file's
*bytes*, so everything outside the fixed spans stays byte-for-byte identical
(encoding, BOM, newline style, mixed newlines).  The file is linted again
after each pass until nothing certain is left (a few passes at most), and
written once, atomically, only if nobody changed it meanwhile."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gialint.load.decode import from_bytes
from gialint.model.source import Source

if TYPE_CHECKING:
    from gialint.linting.engine import Linter
    from gialint.model.findings import Finding

MAX_PASSES = 5
_DIGITS = re.compile(r"[0-9０-９]")
_NUMBER = re.compile(r"^\s*[0-9０-９][0-9０-９.,，．]*\s*$")
NUMBER_CATEGORIES = ("arithmetic", "value", "consistency")


# A conversion marker may be deleted whole, digits and all ([bookmark: bookmark29]).
_MARKER = re.compile(r"\[(?:bookmark|_?GoBack|footnote|comment|image)[^\]\n]{0,80}\]", re.I)
_NUMBERS = re.compile(r"[0-9０-９]+")


@dataclass
class FixOutcome:
    source: Source  # the final text (the original when nothing was fixed)
    findings: list[Finding]  # what remains, located in the final text
    fixed: int = 0
    original: bytes = b""
    initial: list[Finding] = field(default_factory=list)  # the findings before any fix
    # Why nothing is written although fixes were found: they undo each other,
    # do not settle within MAX_PASSES, or would change a number.
    unstable: str | None = None

    @property
    def changed(self) -> bool:
        return self.source.raw != self.original


def applicable(f: Finding) -> bool:
    """A fix ``--fix`` may apply: certain, on one line, numbers untouched."""
    fix = f.fix
    if fix is None or not fix.certain:
        return False
    sp = fix.span
    if sp.line != sp.end_line or "\n" in fix.replacement:
        return False
    return True


def _digits(text: str) -> list[str]:
    return _DIGITS.findall(text)


def _touches_numbers(f: Finding, old: str) -> bool:
    """Never change a number: not for the categories about numbers, not a
    bare number, and a replacement keeps the digits it replaces (a row's
    ``6.``); deleting a marker such as ``[bookmark: bookmark29]`` is fine."""
    new = f.fix.replacement if f.fix else ""
    if f.category in NUMBER_CATEGORIES or _NUMBER.match(old):
        return True
    if not new:
        return bool(_digits(old)) and not _MARKER.fullmatch(old.strip())
    return _digits(old) != _digits(new)


def numbers(text: str) -> list[str]:
    """The numbers of a text in order, conversion markers left out: what no
    fix may change."""
    return _NUMBERS.findall(_MARKER.sub("", text))


def _crlf_positions(original: str) -> list[int]:
    """Offsets, in newline-normalized text, of the ``\\r\\n`` pairs of the original."""
    out = []
    k = 0
    i = original.find("\r\n")
    while i >= 0:
        out.append(i - k)
        k += 1
        i = original.find("\r\n", i + 2)
    return out


def splice(source: Source, findings: list[Finding]) -> tuple[bytes, int] | None:
    """New bytes with the applicable fixes of ``findings``, and their number;
    ``None`` when none applies."""
    body = source.raw[len(source.bom):]
    try:
        original = body.decode(source.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if original.replace("\r\n", "\n").replace("\r", "\n") != source.text:
        return None  # the text was not decoded with a reversible codec
    crlf = _crlf_positions(original)
    edits: dict[tuple[int, int], str] = {}
    for f in findings:
        if not applicable(f):
            continue
        sp = f.fix.span  # type: ignore[union-attr]
        start, end = source.offset(sp.line, sp.column), source.offset(sp.end_line, sp.end_column)
        if not 0 <= start <= end <= len(source.text):
            continue
        if _touches_numbers(f, source.text[start:end]):
            continue
        edits.setdefault((start, end), f.fix.replacement)  # type: ignore[union-attr]
    if not edits:
        return None
    out: list[bytes] = []
    pos = 0  # in the original text
    count = 0
    last_end = -1
    for (start, end), repl in sorted(edits.items()):
        if start < last_end or (start == last_end and start == end):
            continue  # overlapping: the next pass sees it again
        o_start = start + bisect.bisect_left(crlf, start)
        o_end = end + bisect.bisect_left(crlf, end)
        try:
            new = repl.encode(source.encoding)
        except UnicodeEncodeError:
            continue
        out.append(original[pos:o_start].encode(source.encoding))
        out.append(new)
        pos = o_end
        last_end = end
        count += 1
    if not count:
        return None
    out.append(original[pos:].encode(source.encoding))
    data = source.bom + b"".join(out)
    return data, count


def fix_source(linter: Linter, source: Source, explicit: bool = True) -> FixOutcome:
    """Lint, apply the certain fixes, lint again, until nothing certain is
    left (a fixed point), as ruff does.  When the fixes undo each other, do
    not settle within :data:`MAX_PASSES` passes, or would change the report's
    numbers, the outcome is the original text with ``unstable`` saying why:
    nothing is written."""
    findings = linter.lint_source(source, explicit)
    outcome = FixOutcome(source, findings, 0, source.raw, findings)
    current, current_findings, fixed = source, findings, 0
    seen = {source.raw}
    for _ in range(MAX_PASSES):
        result = splice(current, current_findings)
        if result is None:
            break  # a fixed point: a re-check finds nothing more to apply
        data, count = result
        if data in seen:
            outcome.unstable = "各项修复相互抵消（再次检查后又要改回）"
            return outcome
        seen.add(data)
        current = from_bytes(data, source.path)
        current_findings = linter.lint_source(current, explicit)
        fixed += count
    else:
        if splice(current, current_findings) is not None:
            outcome.unstable = f"修复 {MAX_PASSES} 轮后仍未稳定"
            return outcome
    if fixed and numbers(current.text) != numbers(source.text):
        outcome.unstable = "修复会改动数字"
        return outcome
    outcome.source, outcome.findings, outcome.fixed = current, current_findings, fixed
    return outcome

