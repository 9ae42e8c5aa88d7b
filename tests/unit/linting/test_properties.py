"""Property-based tests: arbitrary bytes and text, and mutations of the seed
reports (lines deleted, duplicated, swapped, split and joined; numbers
changed; labels mutated; encodings and newlines switched), through load,
parse, bind and every rule.

* no exception escapes, and no rule fails (no ``internal`` finding);
* every position is inside the file;
* bytes that decode are written back byte for byte;
* a changed number in a summed table (sections 三 and 四) is always reported.

The number of examples per property is small by default so that the suite
stays fast in CI; ``GIALINT_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_properties.py``
runs a longer search."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from gialint.linting.engine import INPUT_CODES
from gialint.model.findings import Finding
from gialint.bind.read import read_report
from gialint.model.source import Source, SourceError
from gialint.load.decode import from_bytes

from tests.helpers import SEEDS, SHAPES
from tests.helpers import all_rules_linter, shared_ruleset

EXAMPLES = int(os.environ.get("GIALINT_HYPOTHESIS_EXAMPLES", "30"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,  # a lint takes milliseconds, but the first one builds caches
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


SEED_FILES = sorted(SEEDS.glob("*.txt")) + sorted(p for p in SHAPES.iterdir() if p.suffix in (".txt", ".md"))
CLEAN_FILES = sorted(p for p in SHAPES.glob("clean20*") if p.suffix in (".txt", ".md"))
SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in SEED_FILES}
LINE_POOL = sorted({ln for text in SEED_TEXTS.values() for ln in text.split("\n")})

ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8 BOM": (codecs.BOM_UTF8, "utf-8"),
    "gb18030": (b"", "gb18030"),
    "utf-16 BOM": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be BOM": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-16-le no BOM": (b"", "utf-16-le"),
    "utf-32 BOM": (codecs.BOM_UTF32_LE, "utf-32-le"),
}
NEWLINES = ("\n", "\r\n", "\r")


# --- what must hold for every file ----------------------------------------------------


def assert_sound(findings: list[Finding], source: Source) -> None:
    """No rule failed, and every position (and fix) is inside the file."""
    internal = [f for f in findings if f.category == "internal"]
    assert not internal, internal[0].message
    n = max(source.line_count, 1)
    for f in findings:
        spans = [(f.line, f.column, f.end_line, f.end_column)]
        if f.fix is not None:
            sp = f.fix.span
            spans.append((sp.line, sp.column, sp.end_line, sp.end_column))
        for line, col, end_line, end_col in spans:
            assert 1 <= line <= n, (f.rule, f.message, line, n)
            assert 1 <= col <= len(source.line_text(line)) + 1, (f.rule, f.message, line, col)
            assert (line, col) <= (end_line, end_col), (f.rule, f.message)
            assert end_line <= n + 1, (f.rule, f.message, end_line, n)
            if end_line <= n:
                assert 1 <= end_col <= len(source.line_text(end_line)) + 1, (f.rule, f.message, end_line, end_col)
        assert isinstance(f.message, str) and f.message
    assert findings == sorted(findings, key=Finding.sort_key)


def lint_bytes(data: bytes, path: str = "prop.txt") -> tuple[Source | None, list[Finding]]:
    """What ``gialint check`` does with one file's bytes."""
    try:
        source = from_bytes(data, path)
    except SourceError as exc:
        assert exc.code in INPUT_CODES
        assert re.search(r"[\u4e00-\u9fff]", exc.reason)  # a Chinese reason
        return None, []
    findings = all_rules_linter().lint_source(source)
    assert_sound(findings, source)
    return source, findings


# --- arbitrary bytes and text -----------------------------------------------------


@PROPERTY
@given(st.binary(max_size=3000))
def test_any_bytes(data: bytes) -> None:
    lint_bytes(data)


# Characters that drive the grammar: headings, numbering, tables, markers.
REPORT_ALPHABET = st.sampled_from(
    list("一二三四五六七八九十（）()、．.#*|\t -—：:。，0123456789")
    + ["\u3000", "\n", "总体情况", "政府信息", "申请", "行政", "[bookmark: x]", "**", "| --- |", "年", "报告"]
)
JUNK_LINE = st.lists(REPORT_ALPHABET, max_size=25).map("".join)
REPORTISH = st.lists(st.one_of(st.sampled_from(LINE_POOL), JUNK_LINE, st.text(max_size=40)), max_size=80).map("\n".join)


@PROPERTY
@given(st.text(max_size=3000))
def test_any_text(text: str) -> None:
    lint_bytes(text.encode("utf-8", "surrogatepass"))


@PROPERTY
@given(REPORTISH)
@example("\t法人或其他组织\n0")  # a glued number on a continuation line was placed past the end of line 1
def test_report_like_text(text: str) -> None:
    source, _ = lint_bytes(text.encode("utf-8"))
    if source is not None:
        read_report(source, shared_ruleset().templates)  # the reader alone, too


@PROPERTY
@given(st.text(max_size=500).filter(lambda t: "\x00" not in t), st.sampled_from(sorted(ENCODINGS)), st.sampled_from(NEWLINES))
def test_decoding_round_trips(text: str, encoding: str, newline: str) -> None:
    """Text saved in any supported encoding and newline style loads as that
    text and is written back byte for byte (what ``--fix`` relies on)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    bom, codec = ENCODINGS[encoding]
    try:
        data = bom + text.replace("\n", newline).encode(codec)
    except UnicodeEncodeError:
        assume(False)
    try:
        source = from_bytes(data)
    except SourceError:
        # Only guessing codecs may give up: what has a BOM or is UTF-8 loads.
        assert not bom and codec != "utf-8"
        return
    if bom or codec == "utf-8":
        assert source.text == text
    if "\n" in text and source.text == text:
        assert source.encode() == data


# --- mutations of the seeds ------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    op: str
    at: float  # where, as a fraction of the file (kept valid whatever the length)
    other: float = 0.0
    value: str = ""

    def apply(self, lines: list[str]) -> None:
        if not lines:
            return
        i = min(int(self.at * len(lines)), len(lines) - 1)
        j = min(int(self.other * len(lines)), len(lines) - 1)
        line = lines[i]
        if self.op == "delete":
            del lines[i]
        elif self.op == "duplicate":
            lines.insert(i, line)
        elif self.op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif self.op == "number":
            runs = list(re.finditer(r"\d+", line))
            if runs:
                m = runs[int(self.other * len(runs)) % len(runs)]
                lines[i] = line[: m.start()] + self.value + line[m.end() :]
        elif self.op == "label":  # replace, insert or delete one character
            k = int(self.other * (len(line) + 1))
            if self.value == "":
                lines[i] = line[:k] + line[k + 1 :]
            else:
                lines[i] = line[:k] + self.value + line[k + 1 :]
        elif self.op == "insert":
            lines.insert(i, self.value)
        elif self.op == "split":
            k = int(self.other * (len(line) + 1))
            lines[i : i + 1] = [line[:k], line[k:]]
        elif self.op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [line + lines[i + 1]]
        elif self.op == "tabs":  # cells lose or gain their tabs
            lines[i] = line.lstrip("\t") if line.startswith("\t") else "\t" + line


FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)
HOMOGLYPHS = ["釆", "〇", "０", "１", "（", "）", "(", ")", "、", ".", "．", " ", "\u3000", "\u200b", "\t", "|", "#", "*", "钩"]
MUTATION = st.one_of(
    st.builds(Mutation, st.sampled_from(["delete", "duplicate", "swap", "split", "join", "tabs"]), FRACTION, FRACTION),
    st.builds(Mutation, st.just("number"), FRACTION, FRACTION, st.integers(0, 10**7).map(str) | st.sampled_from(["", "—", "无", "1.5", "-3", "１２", "9" * 40])),
    st.builds(Mutation, st.just("label"), FRACTION, FRACTION, st.sampled_from(HOMOGLYPHS) | st.characters(codec="utf-8") | st.just("")),
    st.builds(Mutation, st.just("insert"), FRACTION, FRACTION, st.sampled_from(LINE_POOL) | JUNK_LINE),
)


@PROPERTY
@given(
    st.sampled_from(sorted(SEED_TEXTS)),
    st.lists(MUTATION, min_size=1, max_size=6),
    st.sampled_from(sorted(ENCODINGS)),
    st.sampled_from(NEWLINES),
)
def test_mutated_seeds(name: str, mutations: list[Mutation], encoding: str, newline: str) -> None:
    lines = SEED_TEXTS[name].split("\n")
    for m in mutations:
        m.apply(lines)
    text = "\n".join(lines)
    assume("\x00" not in text)
    bom, codec = ENCODINGS[encoding]
    saved = text.replace("\n", newline)
    try:
        data = bom + saved.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    source, _ = lint_bytes(data, name)
    # A report saved in a supported encoding loads as what was saved (any
    # CR, LF or CRLF a line break), and is written back byte for byte.
    assert source is not None
    assert source.text == saved.replace("\r\n", "\n").replace("\r", "\n")
    if "\r" not in text:
        assert source.encode() == data


# --- a changed number in a summed table is always reported ---------------------------


@lru_cache(maxsize=None)
def summed_cells(name: str) -> tuple[Source, tuple[tuple[str, int, int, int, str], ...]]:
    """The clean fixture's numbers in the tables of sections 三 and 四:
    ``(key, start offset, end offset, value, raw)``."""
    source = from_bytes((SHAPES / name).read_bytes(), name)
    report = read_report(source, shared_ruleset().templates)
    out = []
    for table in ("applications", "appeals"):
        for cell in report.tables[table].cells.values():
            if cell.content == "number":
                assert cell.span is not None
                start = source.offset(cell.span.line, cell.span.column)
                end = source.offset(cell.span.end_line, cell.span.end_column)
                assert source.text[start:end] == cell.raw
                out.append((cell.key, start, end, int(cell.value), cell.raw))  # type: ignore[arg-type]
    assert len(out) > 150
    return source, tuple(out)


def _with_number(name: str, index: int, new: int) -> tuple[Source, list[Finding]]:
    source, cells = summed_cells(name)
    key, start, end, old, _ = cells[index]
    text = source.text[:start] + str(new) + source.text[end:]
    changed = from_bytes(text.encode("utf-8"), name)
    return changed, all_rules_linter().lint_source(changed)


def test_clean_fixtures_satisfy_every_sum() -> None:
    for path in CLEAN_FILES:
        findings = all_rules_linter().lint_source(from_bytes(path.read_bytes(), path.name))
        assert not [f for f in findings if f.category == "arithmetic"], path.name


@PROPERTY
@given(st.sampled_from([p.name for p in CLEAN_FILES]), st.data())
def test_changed_number_in_a_summed_table_is_reported(name: str, data: st.DataObject) -> None:
    _, cells = summed_cells(name)
    index = data.draw(st.integers(0, len(cells) - 1), label="cell")
    key, _, _, old, _ = cells[index]
    new = data.draw(st.integers(0, 10**6).filter(lambda v: v != old), label="new value")
    changed, findings = _with_number(name, index, new)
    assert_sound(findings, changed)
    arithmetic = [f for f in findings if f.category == "arithmetic"]
    assert arithmetic, f"{name}: {key} {old} → {new} not reported"


@pytest.mark.parametrize("name", ["clean2023_tab.txt", "clean2020_tsv.txt"])
def test_every_cell_of_the_summed_tables_is_in_a_sum(name: str) -> None:
    """Exhaustively, one fixture per format: each cell of sections 三 and 四
    appears in at least one equation, so changing any one number by one
    breaks a sum (a single change cannot keep every equation true)."""
    _, cells = summed_cells(name)
    missed = []
    for index, (key, _, _, old, _) in enumerate(cells):
        _, findings = _with_number(name, index, old + 1)
        if not any(f.category == "arithmetic" for f in findings):
            missed.append(key)
    assert missed == []


@PROPERTY
@given(st.sampled_from(sorted(SEED_TEXTS)), FRACTION, st.booleans())
def test_mixed_encodings_are_refused_never_garbled(name: str, at: float, utf8_first: bool) -> None:
    """Half a report saved as UTF-8 and half as GB18030 (two files pasted
    together): refused with GIA001, or — when one half is plain ASCII —
    read as it was written; never read as garbled text."""
    lines = SEED_TEXTS[name].split("\n")
    k = int(at * len(lines))
    head, tail = "".join(ln + "\n" for ln in lines[:k]), "\n".join(lines[k:])
    if k == len(lines):
        head, tail = head[:-1], ""
    codecs_ = ("utf-8", "gb18030") if utf8_first else ("gb18030", "utf-8")
    data = head.encode(codecs_[0]) + tail.encode(codecs_[1])
    try:
        source = from_bytes(data, name)
    except SourceError as exc:
        assert exc.code == "undecodable" and "混用" in exc.reason
        return
    assert source.text == SEED_TEXTS[name]
