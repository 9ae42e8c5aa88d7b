"""Classes of issue 14 added after the first measurement.

* prose stated in Chinese numerals, as a percentage of the total, as a sum of
  categories (``prose-chinese``, ``prose-percent``, ``prose-sum``);
* table 三 pasted twice, the same numbers or other ones, and the copy with a
  wrong total (``duplicate-table``, ``duplicate-arith``);
* the value misreadings: a unit in a cell (``12500元`` in the 万元 column, ``5元``
  in a count), digits apart (``1 5``), a zero-width space in a number or a
  label, a U+2212 minus, ``+8`` and ``8.0`` in a count (``value-*``).

Same conventions as plant.py: a planter returns up to ``n`` ``Planted``
defects or raises ``Skip`` with the reason.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal, InvalidOperation

from layouts import Layout
from plant import PROSE_FIGURES, Planted, Skip, _collect, _lazy, _line_edit, _overview, _table_sum, _usable_label
from template import number

CLASSES_MORE = {
    "prose-chinese": ("GIA601", "GIA602"),
    "prose-percent": ("GIA602",),
    "prose-sum": ("GIA601",),
    "duplicate-table": ("GIA116",),
    "duplicate-arith": ("GIA302",),
    "value-unit": ("GIA408",),
    "value-spaced": ("GIA403",),
    "value-zwsp": ("GIA707",),
    "value-minus": ("GIA405",),
    "value-plus": ("GIA409",),
    "value-decimal": ("GIA409",),
}

_CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """0 … 9999 in Chinese numerals (十二, 二十, 一百零五)."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // size % 10
        if digit:
            if zero and out:
                out += "零"
            out += _CN[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


# ---------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------


def _first_paragraph(layout: Layout) -> str:
    lines = [line for line in _overview(layout) if len(line.strip()) >= 20]
    if not lines:
        raise Skip("no paragraph in 一、总体情况 to add a sentence to")
    return lines[0]


def _append(layout: Layout, klass: str, variant: str, sentence: str, description: str) -> Planted:
    line = _first_paragraph(layout)
    return Planted(klass, variant, description, line_edit=_line_edit(line, line.rstrip() + sentence))


def plant_prose_chinese(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Each overview figure that agrees with its table rewritten in Chinese
    numerals with a wrong value; without one, a sentence in Chinese numerals
    added (``全年共新收政府信息公开申请十二件``)."""
    del n
    v = layout.values
    out, used = [], set()
    for line in _overview(layout):
        for name, pattern, keys in PROSE_FIGURES:
            table = _table_sum(v, keys)
            for m in re.finditer(pattern, line):
                if table is None or int(m.group(1)) != table or (line, m.start(1)) in used:
                    continue
                used.add((line, m.start(1)))
                wrong = table + rng.randint(1, 3)
                new = line[: m.start(1)] + chinese(wrong) + line[m.end(1) :]
                out.append(Planted("prose-chinese", f"changed {name}", f"{m.group(0)!r}: {m.group(1)}→{chinese(wrong)} "
                                   f"(table {table})", line_edit=_line_edit(line, new)))
    if out:
        return out
    table = _table_sum(v, ("applications.total.new",))
    if table is None:
        raise Skip("no overview figure agreeing with its table, and 一、本年新收 is blank")
    wrong = chinese(table + rng.randint(1, 3))
    return [_append(layout, "prose-chinese", "added", f"全年共新收政府信息公开申请{wrong}件。",
                    f"'全年共新收政府信息公开申请{wrong}件' added (table {table})")]


def plant_prose_percent(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A sentence giving 予以公开 as a share of 办结, the count right and the
    percentage wrong by at least a point against every reading (办结, 新收,
    新收 + 上年结转)."""
    del n
    v = layout.values
    disclosed = _table_sum(v, ("applications.total.results.disclosed",))
    done = _table_sum(v, ("applications.total.results.total",))
    if disclosed is None or not done:
        raise Skip("no 予以公开 and 办结 figures (办结 blank or 0)")
    readings = [disclosed * 100 / d for d in (done, _table_sum(v, ("applications.total.new",)),
                                             _table_sum(v, ("applications.total.new", "applications.total.carried_over")))
                if d]
    right = disclosed * 100 / done
    step = rng.choice((12.5, 17.5, 23.0))
    wrong = right + step if right + step <= 100 else right - step
    if wrong < 0 or any(abs(wrong - r) < 1 for r in readings):
        raise Skip("no wrong percentage far enough from every reading")
    sentence = f"办结的申请中，予以公开{disclosed}件，占办结总数的{wrong:.1f}%。"
    return [_append(layout, "prose-percent", "share of 办结", sentence,
                    f"{sentence!r} added (table {disclosed}/{done} = {right:.1f}%)")]


def plant_prose_sum(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A sentence stating 予以公开 and 部分公开 together, wrong."""
    del n
    total = _table_sum(layout.values, ("applications.total.results.disclosed", "applications.total.results.partial"))
    if total is None:
        raise Skip("予以公开 or 部分公开 blank")
    wrong = total + rng.randint(1, 3)
    sentence = f"其中予以公开及部分公开{wrong}件。"
    return [_append(layout, "prose-sum", "予以公开及部分公开", sentence, f"{sentence!r} added (table {total})")]


# ---------------------------------------------------------------------------
# Table 三 pasted twice
# ---------------------------------------------------------------------------


def _applications_region(layout: Layout) -> tuple[int, int]:
    spans = [s for k, s in (*layout.cells.items(), *layout.labels.items()) if k.startswith("applications.")]
    if not spans:
        raise Skip("table 三 not placed in this layout")
    return min(s.line for s in spans), max(s.end_line for s in spans)


def _copy_edit(layout: Layout, change) -> tuple:  # (line edit, description of the copy's first line)
    """A line edit inserting a copy of table 三 after it; ``change`` maps the
    copied lines and the offset of the copy to the edited copy and the
    anchor lines (1-based, in the new file)."""
    first, last = _applications_region(layout)

    def edit(lines):
        block = list(lines[first - 1 : last])
        offset = last - first + 2  # a blank line, then the copy
        block, anchors = change(block, offset)
        new = lines[:last] + [""] + block + lines[last:]
        return new, [last + 2, *anchors]

    return edit


def _cells_in_copy(layout: Layout, block: list[str], first: int, edits: dict[str, str]) -> list[str]:
    """``block`` (the copied lines, the first being ``first`` of the layout)
    with the cells of ``edits`` (key → new text) replaced."""
    block = list(block)
    for key, text in sorted(edits.items(), key=lambda e: (layout.cells[e[0]].line, layout.cells[e[0]].column), reverse=True):
        span = layout.cells[key]
        i = span.line - first
        row = block[i]
        block[i] = row[: span.column - 1] + text + row[span.end_column - 1 :]
    return block


def plant_duplicate(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Table 三 pasted a second time after itself: ``same numbers``, and (in a
    layout without in-place edits) ``other numbers``, every value doubled (the
    copy still adds up)."""
    del rng, n
    first, _ = _applications_region(layout)
    out = [Planted("duplicate-table", "same numbers", "table 三 pasted twice",
                   line_edit=_copy_edit(layout, lambda block, offset: (block, [])))]
    if not layout.base_edits:
        doubled = {k: str(2 * number(t)) for k, t in layout.values.items()
                   if k.startswith("applications.") and number(t) is not None and k in layout.cells}
        if doubled:
            def change(block, offset):
                return _cells_in_copy(layout, block, first, doubled), []

            out.append(Planted("duplicate-table", "other numbers", "table 三 pasted twice, the copy's values doubled",
                               line_edit=_copy_edit(layout, change)))
    return out


def plant_duplicate_arith(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Table 三 pasted twice, one row's 总计 in the copy wrong (R2 broken in
    the copy only)."""
    if layout.base_edits:
        raise Skip("cells emptied in place: the copy's cells cannot be placed")
    first, _ = _applications_region(layout)
    v = layout.values
    rows = [k for k in v if k.startswith("applications.total.") and number(v[k]) is not None and k in layout.cells]

    def build(key):
        new = str(number(v[key]) + rng.randint(1, 3))
        row = key.removeprefix("applications.total.")
        parts = [f"applications.{c}.{row}" for c in ("natural_person", "commercial", "research", "nonprofit",
                                                     "legal_services", "other")]
        if any(number(v.get(p)) is None for p in parts):
            return None  # a blank part could absorb the difference
        def change(block, offset):
            return _cells_in_copy(layout, block, first, {key: new}), [layout.cells[key].line + offset]

        return Planted("duplicate-arith", "copy: wrong 总计", f"table 三 pasted twice; in the copy {key} {v[key]}→{new}",
                       line_edit=_copy_edit(layout, change))

    return _collect(_lazy(rng, sorted(rows), build), n, "no row of table 三 with its 总计 and parts filled in")


# ---------------------------------------------------------------------------
# Values misread
# ---------------------------------------------------------------------------


def _count_cells(layout: Layout) -> list[str]:
    """Count cells (not money, not the signed 本年增/减) holding a number."""
    out = []
    for key, raw in layout.values.items():
        table, column, _ = key.split(".", 2)
        if key not in layout.cells or number(raw) is None:
            continue
        if (table, column) in (("fees", "amount"), ("procurement", "amount")) or column == "change":
            continue
        out.append(key)
    return sorted(out)


def _value_planter(klass: str, variant: str, write) -> callable:
    def planter(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
        def build(key):
            raw = layout.values[key]
            new = write(number(raw))
            return Planted(klass, variant, f"{key}: {raw!r}→{new!r}", cell_edits={key: new}, anchor_keys=[key])

        return _collect(_lazy(rng, _count_cells(layout), build), n, "no count cell with a number")

    return planter


def _spaced(v: int) -> str:
    text = str(v)
    return f"{text[0]} {text[1:]}" if len(text) > 1 else f"{text} {text}"


def _zwsp(v: int) -> str:
    text = str(v)
    return f"{text[0]}\u200b{text[1:]}" if len(text) > 1 else f"\u200b{text}"


plant_value_spaced = _value_planter("value-spaced", "digits apart", _spaced)
plant_value_minus = _value_planter("value-minus", "U+2212", lambda v: f"\u2212{v or 1}")
plant_value_plus = _value_planter("value-plus", "+N", lambda v: f"+{v}")
plant_value_decimal = _value_planter("value-decimal", "N.0", lambda v: f"{v}.0")


def plant_value_zwsp(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A zero-width space inside a number (``1\\u200b5``) and inside a label."""
    out = _value_planter("value-zwsp", "in a number", _zwsp)(layout, rng, 1)
    labels = [k for k in sorted(layout.labels) if _usable_label(layout, k) and len(layout.label_text[k].strip()) >= 4
              and "\n" not in layout.label_text[k]]
    if labels:
        key = rng.choice(labels)
        text = layout.label_text[key]
        middle = len(text) // 2
        out.append(Planted("value-zwsp", "in a label", f"{key}: zero-width space in {text!r}",
                           label_edits={key: text[:middle] + "\u200b" + text[middle:]}, anchor_keys=[key]))
    return out[:max(n, 2)]


def plant_value_unit(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A unit written in a cell: the 万元 amount written in 元 (2021 format),
    and a money unit in a count (``5元``)."""
    out = []
    key = "fees.amount.admin_fees"
    raw = layout.values.get(key)
    if layout.fmt == "v2021" and key in layout.cells and raw is not None:
        try:
            yuan = Decimal(raw.strip().removesuffix("万元")) * 10000
        except InvalidOperation:
            yuan = None
        if yuan is not None:
            new = f"{format(yuan.normalize(), 'f')}元"
            out.append(Planted("value-unit", "元 in the 万元 column", f"{key}: {raw!r}→{new!r}", cell_edits={key: new},
                               anchor_keys=[key]))
    out += _value_planter("value-unit", "元 in a count", lambda v: f"{v}元")(layout, rng, 1)
    return out[:max(n, 2)]


PLANTERS_MORE = {
    "prose-chinese": plant_prose_chinese,
    "prose-percent": plant_prose_percent,
    "prose-sum": plant_prose_sum,
    "duplicate-table": plant_duplicate,
    "duplicate-arith": plant_duplicate_arith,
    "value-unit": plant_value_unit,
    "value-spaced": plant_value_spaced,
    "value-zwsp": plant_value_zwsp,
    "value-minus": plant_value_minus,
    "value-plus": plant_value_plus,
    "value-decimal": plant_value_decimal,
}
