"""Every table shape binds to the same values.

The clean fixtures (tests/fixtures/make_shapes.py) hold one report written in
the four shapes of LAYOUTS.md; ``*_expected.json`` lists each cell's value by
its official labels."""

from __future__ import annotations

import codecs
import json
from decimal import Decimal
from pathlib import Path

import pytest

from gialint import from_bytes, read_report
from gialint.model.report import Report
from gialint.bind.templates import default_templates

from tests.helpers import SHAPES, seed_path

SHAPE_FILES = ["tab.txt", "cells.txt", "tsv.txt", "pipe.md"]


def expected_values(name: str) -> dict[str, Decimal]:
    data = json.loads((SHAPES / f"{name}_expected.json").read_text(encoding="utf-8"))
    tpl = default_templates()[data["format"]]
    out: dict[str, Decimal] = {}
    for c in data["cells"]:
        if c["table"] == "active":
            table = next(t for t in tpl.tables if t.caption == c["block"])
        else:
            table = tpl.table(c["table"])
        assert table is not None
        row = next(r for r in table.data_rows if r.label == c["row"])
        col = next(x for x in table.columns if x.label == c["column"])
        out[table.cell_key(col.key, row.key)] = Decimal(str(c["value"]))
    return out


def values(report: Report) -> dict[str, Decimal | None]:
    return {k: (Decimal(str(c.value)) if c.value is not None else None) for k, c in report.cells.items()}


@pytest.mark.parametrize("name, version, year", [("clean2023", "v2021", 2023), ("clean2020", "v2019", 2020)])
@pytest.mark.parametrize("shape", SHAPE_FILES)
def test_each_shape_binds_every_cell(name: str, version: str, year: int, shape: str) -> None:
    r = read_report(SHAPES / f"{name}_{shape}")
    assert (r.detection.version, r.detection.year) == (version, year)
    expected = expected_values(name)
    assert len(expected) == (200 if version == "v2021" else 198)
    assert values(r) == expected
    assert all(c.content == "number" for c in r.cells.values())
    assert r.unmatched == []
    assert all(m.status in ("exact", "normalized") for t in r.tables.values() for m in t.labels)


def test_pipe_rewrite_of_seed_002_binds_to_the_same_values() -> None:
    original = read_report(seed_path("002"))
    pipe = read_report(SHAPES / "002_pipe.md")
    assert values(pipe) == values(original)
    for t in original.tables:
        a = [(m.role, m.key, m.status) for m in original.tables[t].labels]
        b = [(m.role, m.key, m.status) for m in pipe.tables[t].labels]
        assert a == b, t


def _positions(r: Report) -> dict[str, tuple[int, int] | None]:
    return {k: (c.span.line, c.span.column) if c.span else None for k, c in r.cells.items()}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    ],
    ids=["crlf", "cr", "gb18030", "utf16", "utf8-bom"],
)
def test_encoded_copies_bind_identically(prefix: str, encode) -> None:  # type: ignore[no-untyped-def]
    path: Path = seed_path(prefix)
    text = path.read_text(encoding="utf-8")
    original = read_report(path)
    copy = read_report(from_bytes(encode(text), str(path)))
    assert values(copy) == values(original)
    assert _positions(copy) == _positions(original)
    assert [s.heading.span for s in copy.document.sections] == [s.heading.span for s in original.document.sections]
