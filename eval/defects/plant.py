"""Plant one defect in a layout.

Each planter takes a layout and a seeded ``random.Random`` and returns up to
``n`` ``Planted`` defects (each becomes one copy), or a reason why the class
cannot be planted in that layout.  A defect is either

* edits at known places (a cell's new text, a label's new text), applied by
  ``materialise``, or
* an edit of whole lines (drop or swap sections, change a date or a prose
  figure), found by their text, which layouts never change.

Every planter states the lines where the defect is (``anchors``); a finding
counts as detecting it when it is near one of them (see run.py).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Callable

from layouts import Layout, rendered_layout
from render import Span
from template import (
    ACTIVE,
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    PARTS,
    application_rows,
    broken,
    has_blank,
    number,
    result_leaves,
)

# Accepted rule codes per class (issue 14).
CLASSES = {
    "label": ("GIA201", "GIA202", "GIA203"),
    "r1": ("GIA301",),
    "r1-blanks": ("GIA301",),
    "r2": ("GIA302",),
    "r2-blanks": ("GIA302",),
    "r3": ("GIA303",),
    "r3-blanks": ("GIA303",),
    "r4": ("GIA304",),
    "r4-blanks": ("GIA304",),
    "blank-cell": ("GIA401",),
    "section-dropped": ("GIA101",),
    "sections-swapped": ("GIA102",),
    "stale-template": ("GIA501", "GIA502", "GIA503"),
    "late-date": ("GIA806",),
    "prose-mismatch": ("GIA601", "GIA602"),
}

LineEdit = Callable[[list[str]], tuple[list[str], list[int]]]


@dataclass
class Planted:
    klass: str
    variant: str
    description: str
    cell_edits: dict[str, str] = field(default_factory=dict)  # cell key -> new text ("" = blank)
    label_edits: dict[str, str] = field(default_factory=dict)  # label key -> new text
    line_edit: LineEdit | None = None
    layout: Layout | None = None  # a whole new rendering (stale template, whole)
    anchor_keys: list[str] = field(default_factory=list)  # cells/labels whose lines are anchors
    anchor_texts: list[str] = field(default_factory=list)  # whole lines whose place is an anchor
    also_breaks: list[str] = field(default_factory=list)


class Skip(Exception):
    """The class cannot be planted in this layout; the message says why."""


# ---------------------------------------------------------------------------
# Applying a defect
# ---------------------------------------------------------------------------


def _replace(lines: list[str], span: Span, text: str) -> int:
    """Put ``text`` where ``span`` is; return the change in line count."""
    prefix = lines[span.line - 1][: span.column - 1]
    suffix = lines[span.end_line - 1][span.end_column - 1 :]
    new = (prefix + text + suffix).split("\n")
    lines[span.line - 1 : span.end_line] = new
    return len(new) - (span.end_line - span.line + 1)


def materialise(layout: Layout, planted: Planted | None) -> tuple[str, int | None, list[int]]:
    """The copy's text, the line of its defect and all its anchor lines
    (1-based; None and [] for a clean copy)."""
    if planted is not None and planted.layout is not None:
        layout = planted.layout
    cell_edits = dict(layout.base_edits)
    label_edits: dict[str, str] = {}
    if planted is not None:
        cell_edits.update(planted.cell_edits)
        label_edits = planted.label_edits
    edits = [(layout.cells[k], t) for k, t in cell_edits.items()]
    edits += [(layout.labels[k], t) for k, t in label_edits.items()]
    lines = list(layout.lines)
    deltas: list[tuple[int, int]] = []  # (last line of an edit, change in line count)
    # Bottom-up, right-to-left, so that the places still to edit stay valid.
    for span, text in sorted(edits, key=lambda e: (e[0].line, e[0].column), reverse=True):
        deltas.append((span.end_line, _replace(lines, span, text)))
    if planted is None:
        return "\n".join(lines), None, []

    def moved(key: str) -> int | None:
        span = layout.cells.get(key) or layout.labels.get(key)
        return None if span is None else span.line + sum(d for end, d in deltas if end < span.line)

    edited = [moved(k) for k in (*planted.cell_edits, *planted.label_edits)]
    anchors = [line for line in map(moved, planted.anchor_keys) if line is not None]
    line = min(edited) if edited else (min(anchors) if anchors else None)
    for text in planted.anchor_texts:
        if text in lines:
            anchors.append(lines.index(text) + 1)
    if planted.line_edit is not None:
        lines, more = planted.line_edit(lines)
        anchors += more
        line = more[0]
    return "\n".join(lines), line, sorted(set(anchors))


# ---------------------------------------------------------------------------
# Arithmetic (R1–R4), with and without blank cells
# ---------------------------------------------------------------------------


def _known(layout: Layout, values: dict[str, str | None], *keys: str) -> bool:
    return all(number(values.get(k)) is not None and k in layout.cells for k in keys)


def _can_blank(layout: Layout, values: dict[str, str | None], key: str) -> bool:
    """A cell that is blank already, or can be emptied in place."""
    return number(values.get(key)) is None or key in layout.cells


def _check(layout: Layout, edits: dict[str, str], relation: str, blanks: bool) -> tuple[bool, list[str], list[str]]:
    """Apply ``edits`` to the layout's values and see what breaks.

    Accepted when at least one ``relation`` equation that held (or could
    hold) now cannot hold for any non-negative blanks, and every such newly
    broken ``relation`` equation has a blank (``blanks``) or none (not
    ``blanks``).  Returns (accepted, cells of the broken target equations,
    other relations newly broken)."""
    before = {(e.relation, e.where) for e in broken(layout.fmt, layout.values)}
    values = dict(layout.values)
    values.update({k: (v if v.strip() else None) for k, v in edits.items()})
    newly = [e for e in broken(layout.fmt, values) if (e.relation, e.where) not in before]
    target = [e for e in newly if e.relation == relation]
    ok = bool(target) and all(has_blank(e, values) == blanks for e in target)
    # Where a finding may point: the total side of a broken sum (R2–R4:
    # the 总计 cell; R1, a balance, has no such side: all four cells).
    cells = sorted({k for e in target for k in (e.keys if e.relation == "R1" else e.left)})
    others = sorted({f"{e.relation}({e.where})" for e in newly if e.relation != relation})
    return ok, cells, others


def _arith(layout: Layout, klass: str, variant: str, description: str, edits: dict[str, str]) -> Planted | None:
    relation = klass.split("-")[0].upper()
    ok, cells, others = _check(layout, edits, relation, klass.endswith("-blanks"))
    if not ok:
        return None
    return Planted(klass, variant, description, cell_edits=edits, anchor_keys=sorted(set(cells) | set(edits)),
                   also_breaks=others)


def _collect(candidates, n: int, why: str) -> list[Planted]:
    """The first ``n`` candidates that are real defects."""
    out = []
    for planted in candidates:
        if planted is not None:
            out.append(planted)
            if len(out) == n:
                break
    if not out:
        raise Skip(why)
    return out


def _lazy(rng: random.Random, items: list, build):
    """``build(item)`` for the items in a seeded random order."""
    items = list(items)
    rng.shuffle(items)
    for item in items:
        yield build(item)


def _val(values, key) -> int:
    return number(values[key])


def plant_r1(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R1 without blanks: one row of 一/二/四 has a part and its 总计 raised
    by the same amount, so the row still adds up (R2) but the balance of two
    columns (that part's and 总计) no longer holds."""
    v = layout.values

    def build(item):
        row, col = item
        a, t = f"applications.{col}.{row}", f"applications.total.{row}"
        if not _known(layout, v, a, t):
            return None
        d = rng.randint(1, 3)
        return _arith(layout, "r1", row, f"{row}: {col} {v[a]}→{_val(v, a) + d} and 总计 {v[t]}→{_val(v, t) + d}",
                      {a: str(_val(v, a) + d), t: str(_val(v, t) + d)})

    items = [(r, c) for r in ("new", "carried_over", "carried_forward") for c in PARTS]
    return _collect(_lazy(rng, items, build), n, "no row of 一/二/四 with all its cells and balances filled in")


def plant_r2(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R2 without blanks: one row's 总计 is wrong (it also unbalances the
    总计 column, R1 or R3, which is recorded as also broken)."""
    v = layout.values

    def build(row):
        t = f"applications.total.{row}"
        if not _known(layout, v, t):
            return None
        d = rng.randint(1, 3)
        return _arith(layout, "r2", "wrong 总计", f"{row}: 总计 {v[t]}→{_val(v, t) + d}", {t: str(_val(v, t) + d)})

    rows = [r for r, _ in application_rows(layout.fmt)]
    return _collect(_lazy(rng, rows, build), n, "no row without blanks")


def plant_r3(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R3 without blanks: one result row has a part and its 总计 raised by
    the same amount: the row adds up, （七）总计 no longer does."""
    v = layout.values

    def build(item):
        row, col = item
        a, t = f"applications.{col}.{row}", f"applications.total.{row}"
        if not _known(layout, v, a, t):
            return None
        d = rng.randint(1, 3)
        return _arith(layout, "r3", "part+total", f"{row}: {col} {v[a]}→{_val(v, a) + d} and 总计 {v[t]}→{_val(v, t) + d}",
                      {a: str(_val(v, a) + d), t: str(_val(v, t) + d)})

    items = [(r, c) for r in result_leaves(layout.fmt) for c in PARTS]
    return _collect(_lazy(rng, items, build), n, "no result row with the columns of （七）总计 filled in")


def plant_r4(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R4 without blanks: one result count of 行政复议 or 行政诉讼 raised."""
    v = layout.values

    def build(item):
        group, col = item
        k = f"appeals.{col}.{group}"
        if not _known(layout, v, k, *(f"appeals.{c}.{group}" for c, _ in APPEAL_COLUMNS)):
            return None
        d = rng.randint(1, 3)
        return _arith(layout, "r4", col, f"{group}: {col} {v[k]}→{_val(v, k) + d}", {k: str(_val(v, k) + d)})

    items = [(g, c) for g, _ in APPEAL_GROUPS for c, _ in APPEAL_COLUMNS[:-1]]
    return _collect(_lazy(rng, items, build), n, "no 行政复议/诉讼 group without blanks")


def _needs_blank_layout(layout: Layout) -> None:
    if not layout.shows_blanks:
        raise Skip("empty cells are invisible in one-cell-per-paragraph text")


def plant_r1_blanks(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R1 with blanks: row 一 (or 二) has its cells of one column and of 总计
    empty; the other row's cell there is larger than （七）总计 plus 四, so
    no value of the blanks can balance the column."""
    _needs_blank_layout(layout)
    v = layout.values

    def build(item):
        blank_row, col = item
        wrong_row = "carried_over" if blank_row == "new" else "new"
        a, at = f"applications.{col}.{blank_row}", f"applications.total.{blank_row}"
        b, bt = f"applications.{col}.{wrong_row}", f"applications.total.{wrong_row}"
        right = (f"applications.{col}.results.total", f"applications.{col}.carried_forward")
        if not (_known(layout, v, b, bt) and all(number(v.get(k)) is not None for k in right)
                and _can_blank(layout, v, a) and _can_blank(layout, v, at)):
            return None
        new_b = sum(_val(v, k) for k in right) + rng.randint(1, 3)
        delta = new_b - _val(v, b)
        edits = {a: "", at: "", b: str(new_b), bt: str(_val(v, bt) + delta)}
        edits = {k: t for k, t in edits.items() if not (t == "" and number(v.get(k)) is None)}
        return _arith(layout, "r1-blanks", f"{blank_row} blank",
                      f"{blank_row} blank in {col} and 总计; {wrong_row}.{col} {v[b]}→{new_b} "
                      f"(> （七）总计+四), 总计 kept in step", edits)

    items = [(r, c) for r in ("new", "carried_over") for c in PARTS]
    return _collect(_lazy(rng, items, build), n, "no column whose （七）总计 and 四 are filled in")


def plant_r2_blanks(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R2 with blanks: in a row with an empty part, another part is larger
    than the row's 总计, so no value of the blank can make the row add up."""
    _needs_blank_layout(layout)
    v = layout.values

    def build(item):
        row, col, blank_col = item
        a, t, b = (f"applications.{col}.{row}", f"applications.total.{row}", f"applications.{blank_col}.{row}")
        if col == blank_col or not _known(layout, v, t) or a not in layout.cells or not _can_blank(layout, v, b):
            return None
        new = _val(v, t) + rng.randint(1, 3)
        edits = {a: str(new)}
        if number(v.get(b)) is not None:
            edits[b] = ""
        return _arith(layout, "r2-blanks", "part > 总计",
                      f"{row}: {blank_col} blank, {col} {v[a] or '(blank)'}→{new} (> 总计 {v[t]})", edits)

    rows = [r for r, _ in application_rows(layout.fmt)]
    items = [(r, c, b) for r in rows for c in PARTS for b in PARTS if b != c]
    return _collect(_lazy(rng, items, build), n, "no row with a filled-in 总计")


def plant_r3_blanks(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R3 with blanks: one result row is empty in a column and in 总计;
    another result row is larger there than （七）总计 (its 总计 kept in step),
    so no value of the blanks can make the column add up."""
    _needs_blank_layout(layout)
    v = layout.values
    leaves = result_leaves(layout.fmt)

    def build(item):
        blank_row, wrong_row, col = item
        if blank_row == wrong_row:
            return None
        a, at = f"applications.{col}.{blank_row}", f"applications.total.{blank_row}"
        b, bt = f"applications.{col}.{wrong_row}", f"applications.total.{wrong_row}"
        total = f"applications.{col}.results.total"
        if not (_known(layout, v, b, bt) and number(v.get(total)) is not None
                and _can_blank(layout, v, a) and _can_blank(layout, v, at)):
            return None
        new_b = _val(v, total) + rng.randint(1, 3)
        delta = new_b - _val(v, b)
        edits = {a: "", at: "", b: str(new_b), bt: str(_val(v, bt) + delta)}
        edits = {k: t for k, t in edits.items() if not (t == "" and number(v.get(k)) is None)}
        return _arith(layout, "r3-blanks", "part > （七）总计",
                      f"{blank_row} blank in {col} and 总计; {wrong_row}.{col} {v[b]}→{new_b} "
                      f"(> （七）总计 {v[total]})", edits)

    items = [(a, b, c) for a in leaves for b in leaves for c in PARTS]
    return _collect(_lazy(rng, items, build), n, "no column with （七）总计 and a result row filled in")


def plant_r4_blanks(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """R4 with blanks: in a group of 行政复议/诉讼 with an empty result,
    another result is larger than the group's 总计."""
    _needs_blank_layout(layout)
    v = layout.values

    def build(item):
        group, col, blank_col = item
        k, t, b = f"appeals.{col}.{group}", f"appeals.total.{group}", f"appeals.{blank_col}.{group}"
        if col == blank_col or not _known(layout, v, t) or k not in layout.cells or not _can_blank(layout, v, b):
            return None
        new = _val(v, t) + rng.randint(1, 3)
        edits = {k: str(new)}
        if number(v.get(b)) is not None:
            edits[b] = ""
        return _arith(layout, "r4-blanks", group,
                      f"{group}: {blank_col} blank, {col} {v[k] or '(blank)'}→{new} (> 总计 {v[t]})", edits)

    parts = [c for c, _ in APPEAL_COLUMNS[:-1]]
    items = [(g, c, b) for g, _ in APPEAL_GROUPS for c in parts for b in parts if b != c]
    return _collect(_lazy(rng, items, build), n, "no group with a filled-in 总计")


# ---------------------------------------------------------------------------
# Blank cell
# ---------------------------------------------------------------------------


def _row_of(key: str) -> str:
    table, _, row = key.split(".", 2)
    return f"{table}.{row}"


def plant_blank_cell(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A filled-in cell emptied, in a row that had no empty cell."""
    _needs_blank_layout(layout)
    v = layout.values
    rows: dict[str, list[str]] = {}
    for key in v:
        rows.setdefault(_row_of(key), []).append(key)
    full = sorted(r for r, keys in rows.items() if all(v[k] is not None for k in keys))
    rng.shuffle(full)
    out = []
    for row in full[:n]:
        key = rng.choice(sorted(k for k in rows[row] if k in layout.cells))
        out.append(Planted("blank-cell", row.split(".")[0], f"{key} {v[key]}→(blank)", cell_edits={key: ""},
                           anchor_keys=[key]))
    if not out:
        raise Skip("no row without an empty cell")
    return out


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

# Realistic misnamings: (label key, official wording, wrong wording, kind).
# "term": a wrong or older term; "lookalike": a look-alike or variant
# character; "short": the label shortened.
MISNAMINGS = (
    ("applications.row.results.withheld.process_info", "过程性信息", "内部事务信息", "term"),  # seed 002
    ("applications.row.results.withheld.enforcement_files", "行政执法案卷", "行政执法卷宗", "term"),
    ("applications.row.results.withheld.inquiry", "行政查询事项", "行政咨询事项", "term"),
    ("applications.row.results.unavailable.needs_creation", "另行制作", "另行加工", "term"),
    ("applications.row.new", "本年新收", "本年受理", "term"),
    ("applications.column.legal_services", "法律服务机构", "律师事务所", "term"),
    ("applications.column.research", "科研机构", "科研院所", "term"),
    ("documents.column.new_made", "本年新制作数量", "本年度制作数量", "term"),  # seed 002
    ("documents.column.in_force", "现行有效件数", "现行有效数量", "term"),
    ("licensing.row.licensing", "行政许可", "行政审批", "term"),
    ("appeals.column.corrected", "结果纠正", "结果撤销", "term"),
    ("documents.caption.caption", "第（一）项", "第（一）款", "term"),  # 项/款
    ("applications.header.1", "申请人情况", "申请人类别", "term"),
    ("applications.row.results.disclosed", "予以公开", "子以公开", "lookalike"),  # 予/子
    ("applications.row.results.not_processed.confirmation", "已获取", "己获取", "lookalike"),  # 已/己
    ("applications.row.results.other.unpaid_fee", "逾期未按", "逾期末按", "lookalike"),  # 未/末
    ("appeals.column.pending", "尚未审结", "尚末审结", "lookalike"),  # 未/末
    ("procurement.row.central", "政府集中采购", "政府集中釆购", "lookalike"),  # 采/釆, seed 000
    ("applications.row.results.withheld.state_secret", "国家秘密", "国家祕密", "lookalike"),  # 秘/祕
    ("enforcement.row.coercion", "行政强制", "行政強制", "lookalike"),  # 强/強
    ("applications.row.results.partial", "（区分处理的，只计这一情形，不计其他情形）", "", "short"),
    ("applications.row.results.not_processed.excessive", "无正当理由大量反复申请", "大量反复申请", "short"),
    ("applications.row.results.not_processed.confirmation", "要求行政机关确认或重新出具已获取信息", "要求确认或重新出具信息", "short"),
    ("applications.row.results.other.no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人逾期不补正", "short"),
    ("applications.row.results.unavailable.not_held", "本机关不掌握相关政府信息", "不掌握相关信息", "short"),
    ("applications.column.nonprofit", "社会公益组织", "公益组织", "short"),
    ("applications.row.carried_forward", "结转下年度继续办理", "结转下年度", "short"),
    ("appeals.header.7", "未经复议直接起诉", "直接起诉", "short"),
    ("fees.column.amount", "本年收费金额（单位：万元）", "本年收费金额", "short"),
    ("fees.row.admin_fees", "行政事业性收费", "事业性收费", "short"),
)

_HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":"})


def _usable_label(layout: Layout, key: str) -> bool:
    """A label this layout has, written officially (not one of the base's
    own misnamings, which would already be flagged)."""
    if key not in layout.labels:
        return False
    return layout.rendered or layout.base.label_status.get(key) in ("exact", "normalized")


def plant_label(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Every misnaming of MISNAMINGS whose label this layout writes
    officially (one copy each; ``n`` and ``rng`` unused: no sampling)."""
    del rng, n
    out = []
    for key, official, wrong, kind in MISNAMINGS:
        if not _usable_label(layout, key):
            continue
        text = layout.label_text[key]
        for old, new in ((official, wrong), (official.translate(_HALF_WIDTH), wrong.translate(_HALF_WIDTH))):
            if old in text:
                new_text = text.replace(old, new, 1)
                out.append(Planted("label", kind, f"{key}: {text!r}→{new_text!r}", label_edits={key: new_text},
                                   anchor_keys=[key]))
                break
    if not out:
        raise Skip("no official label to misname")
    return out


# ---------------------------------------------------------------------------
# Stale template
# ---------------------------------------------------------------------------

# The （一） block of section 二 in the other format's wording.
_BLOCK_SWAP = {
    "v2021": {"documents.column.issued": "本年新制作数量", "documents.column.repealed": "本年新公开数量",
              "documents.column.in_force": "对外公开总数量", "documents.row.normative": "规范性文件"},
    "v2019": {"documents.column.new_made": "本年制发件数", "documents.column.new_published": "本年废止件数",
              "documents.column.total_published": "现行有效件数", "documents.row.normative": "行政规范性文件"},
}
OTHER = {"v2019": "v2021", "v2021": "v2019"}


def _other_format_values(fmt: str, values: dict[str, str | None]) -> dict[str, str | None]:
    """The report's figures filled into the other format's tables, the way
    an author copying last year's (or next year's) form would."""
    out = {k: v for k, v in values.items() if k.startswith(("applications.", "appeals."))}
    get = values.get
    if fmt == "v2021":  # into v2019
        for row in ("rules", "normative"):
            out[f"documents.new_made.{row}"] = get(f"documents.issued.{row}")
            out[f"documents.new_published.{row}"] = get(f"documents.issued.{row}")
            out[f"documents.total_published.{row}"] = get(f"documents.in_force.{row}")
        for table, rows in (("licensing", ("licensing", "other_services")), ("enforcement", ("penalty", "coercion"))):
            for row in rows:
                out[f"{table}.prev_items.{row}"] = "0"
                out[f"{table}.change.{row}"] = "0"
                out[f"{table}.decisions.{row}"] = get(f"{table}.decisions.{row}") or "0"
        out.update({"fees.prev_items.admin_fees": "0", "fees.change.admin_fees": "0",
                    "procurement.items.central": "0", "procurement.amount.central": "0"})
        for col in (*PARTS, "total"):
            parts = [number(get(f"applications.{col}.results.other.{r}")) for r in ("no_correction", "unpaid_fee", "other")]
            out[f"applications.{col}.results.other"] = None if None in parts else str(sum(parts))
            for r in ("no_correction", "unpaid_fee", "other"):
                out.pop(f"applications.{col}.results.other.{r}", None)
    else:  # v2019 into v2021
        for row in ("rules", "normative"):
            out[f"documents.issued.{row}"] = get(f"documents.new_made.{row}")
            out[f"documents.repealed.{row}"] = "0"
            out[f"documents.in_force.{row}"] = get(f"documents.total_published.{row}")
        out["licensing.decisions.licensing"] = get("licensing.decisions.licensing")
        out["enforcement.decisions.penalty"] = get("enforcement.decisions.penalty")
        out["enforcement.decisions.coercion"] = get("enforcement.decisions.coercion")
        out["fees.amount.admin_fees"] = "0"
        for col in (*PARTS, "total"):
            out[f"applications.{col}.results.other.no_correction"] = "0"
            out[f"applications.{col}.results.other.unpaid_fee"] = "0"
            out[f"applications.{col}.results.other.other"] = get(f"applications.{col}.results.other")
            out.pop(f"applications.{col}.results.other", None)
    return out


def plant_stale(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """A 2021+ report with 2019-format wording, or a 2019/2020 report with
    2021-format wording: ``block``, the （一） block's headers and row label
    in the other format; ``whole`` (re-written layouts only), every table in
    the other format, filled with the report's figures."""
    del rng, n
    out = []
    title = [layout.base.title] if layout.base.title else []
    swap = {k: t for k, t in _BLOCK_SWAP[layout.fmt].items() if _usable_label(layout, k)}
    if len(swap) == len(_BLOCK_SWAP[layout.fmt]):
        out.append(Planted("stale-template", "block", f"（一） block written in {OTHER[layout.fmt]} wording",
                           label_edits=swap, anchor_keys=sorted(swap), anchor_texts=title))
    if layout.rendered:
        other = OTHER[layout.fmt]
        whole = rendered_layout(layout.base, layout.name.rstrip("0"), zeros_blank=layout.name.endswith("0"),
                                fmt=other, values=_other_format_values(layout.fmt, layout.values))
        anchors = [k for k in whole.labels if k.split(".")[0] in {b.table for b in ACTIVE[other]}]
        anchors += [k for k in whole.labels if k.startswith("applications.") and "results.other" in k]
        out.append(Planted("stale-template", "whole", f"every table in the {other} format", layout=whole,
                           anchor_keys=anchors, anchor_texts=title))
    if not out:
        raise Skip("the （一） block's labels are not all official here")
    return out


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


def _section_starts(layout: Layout, lines: list[str]) -> dict[int, int]:
    """Section number -> index of its heading line in ``lines``."""
    starts, after = {}, 0
    for number_, heading in sorted(layout.base.headings.items()):
        index = lines.index(heading, after)
        starts[number_] = index
        after = index + 1
    return starts


def _section_end(layout: Layout, lines: list[str], starts: dict[int, int], n: int) -> int:
    """Index just past section ``n``: the next heading, or the signature."""
    if n < 6:
        return starts[n + 1]
    for line in layout.base.signature[:1]:
        for i in range(len(lines) - 1, starts[6], -1):
            if lines[i] == line:
                return i
    return len(lines)


def plant_drop(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Each of the six sections deleted in turn, heading and content."""
    del rng, n
    out = []
    for section in range(1, 7):
        def edit(lines, section=section):
            starts = _section_starts(layout, lines)
            start, end = starts[section], _section_end(layout, lines, starts, section)
            new = lines[:start] + lines[end:]
            # The line now where the section was, and the one before it.
            return new, [min(start + 1, len(new)), start]
        out.append(Planted("section-dropped", f"section {section}", f"section {section} deleted", line_edit=edit))
    return out


def plant_swap(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Each pair of adjacent sections in each other's place, in turn."""
    del rng, n
    out = []
    for first in range(1, 6):
        def edit(lines, first=first):
            starts = _section_starts(layout, lines)
            a, b = starts[first], starts[first + 1]
            end = _section_end(layout, lines, starts, first + 1)
            new = lines[:a] + lines[b:end] + lines[a:b] + lines[end:]
            return new, [a + 1, a + 1 + (end - b)]  # both headings, 1-based
        out.append(Planted("sections-swapped", f"{first}<->{first + 1}", f"sections {first} and {first + 1} swapped",
                           line_edit=edit))
    return out


# ---------------------------------------------------------------------------
# Late date
# ---------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def plant_late_date(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """The signature date moved past the deadline of 条例 第四十九条 (every
    base is a department: 1月31日); ``feb-mar`` is late for a department
    only, ``after-mar`` for any organ.  A base without a dated signature gets
    one appended (agency and date)."""
    del n
    base = layout.base
    year = base.year + 1
    out = []
    for variant, months in (("feb-mar", (2, 3)), ("after-mar", (4, 6))):
        date = f"{year}年{rng.randint(*months)}月{rng.randint(1, 28)}日"
        if base.date_line and _DATE.search(base.date_line):
            def edit(lines, date=date):
                index = len(lines) - 1 - lines[::-1].index(base.date_line)
                lines = list(lines)
                lines[index] = _DATE.sub(date, lines[index], count=1)
                return lines, [index + 1]
            out.append(Planted("late-date", variant, f"signature date {base.date_line.strip()}→{date}", line_edit=edit))
        elif base.spec.agency:
            def edit(lines, date=date):
                lines = list(lines)
                while lines and not lines[-1].strip():
                    lines.pop()
                lines += ["", base.spec.agency, date, ""]
                return lines, [len(lines) - 1]
            out.append(Planted("late-date", f"{variant}, appended", f"signature {base.spec.agency} {date} appended",
                               line_edit=edit))
    if not out:
        raise Skip("no dated signature and no agency to sign with")
    return out


# ---------------------------------------------------------------------------
# Prose contradicting the tables
# ---------------------------------------------------------------------------

# Figures of 一、总体情况: (name, pattern, the table cells they restate, summed).
PROSE_FIGURES = (
    ("申请数", r"(?:新收|共收到|收到)政府信息公开申请\s*(\d+)\s*件", ("applications.total.new",)),
    ("申请数", r"受理依申请公开\s*(\d+)\s*件", ("applications.total.new",)),
    ("上年结转", r"上年结转\s*(\d+)\s*件", ("applications.total.carried_over",)),
    ("办结", r"办结\s*(\d+)\s*件", ("applications.total.results.total",)),
    ("结转下年度", r"结转下年度继续办理\s*(\d+)\s*件", ("applications.total.carried_forward",)),
    ("予以公开", r"予以公开\s*(\d+)\s*件", ("applications.total.results.disclosed",)),
    ("行政复议", r"行政复议\s*(\d+)\s*件", ("appeals.total.review",)),
    ("行政诉讼", r"行政诉讼\s*(\d+)\s*件", ("appeals.total.litigation_direct", "appeals.total.litigation_after_review")),
    ("规范性文件", r"制发行政规范性文件\s*(\d+)\s*件", ("documents.issued.normative",)),
    ("规范性文件", r"新制作规范性文件\s*(\d+)\s*件", ("documents.new_made.normative",)),
    ("行政许可", r"行政许可(?:处理)?决定\s*(\d+)\s*件", ("licensing.decisions.licensing",)),
    ("行政处罚", r"行政处罚(?:处理)?决定\s*(\d+)\s*件", ("enforcement.decisions.penalty",)),
    ("行政强制", r"行政强制(?:处理)?决定\s*(\d+)\s*件", ("enforcement.decisions.coercion",)),
)
# Sentences added to an overview that quotes no figure.
ADDED_SENTENCES = (
    ("全年共新收政府信息公开申请{n}件。", ("applications.total.new",)),
    ("全年发生政府信息公开行政复议{n}件。", ("appeals.total.review",)),
)


def _table_sum(values: dict[str, str | None], keys: tuple[str, ...]) -> int | None:
    numbers = [number(values.get(k)) for k in keys]
    return None if None in numbers else sum(numbers)


def _overview(layout: Layout) -> list[str]:
    """The lines of 一、总体情况 (heading excluded) of the layout's text."""
    starts = _section_starts(layout, layout.lines)
    return layout.lines[starts[1] + 1 : starts[2]]


def _line_edit(old: str, new: str) -> LineEdit:
    def edit(lines):
        index = lines.index(old)
        lines = list(lines)
        lines[index] = new
        return lines, [index + 1]
    return edit


def plant_prose(layout: Layout, rng: random.Random, n: int) -> list[Planted]:
    """Each figure of 一、总体情况 that agrees with its table, changed in turn
    so that it contradicts the table (``changed``); when the overview quotes
    none, a sentence with a wrong figure added to its first paragraph
    (``added``)."""
    del n
    v = layout.values
    out, used = [], set()
    for line in _overview(layout):
        for name, pattern, keys in PROSE_FIGURES:
            table = _table_sum(v, keys)
            for m in re.finditer(pattern, line):
                # Only a figure that agrees with the table, so that the change is the defect.
                if table is None or int(m.group(1)) != table or (line, m.start(1)) in used:
                    continue
                used.add((line, m.start(1)))
                wrong = table + rng.randint(1, 3)
                new = line[: m.start(1)] + str(wrong) + line[m.end(1) :]
                out.append(Planted("prose-mismatch", f"changed {name}",
                                   f"{m.group(0)!r}: {m.group(1)}→{wrong} (table {table})",
                                   line_edit=_line_edit(line, new)))
    if out:
        return out
    paragraphs = [line for line in _overview(layout) if len(line.strip()) >= 20]
    for sentence, keys in ADDED_SENTENCES:
        table = _table_sum(v, keys)
        if table is not None and paragraphs:
            added = sentence.format(n=table + rng.randint(1, 3))
            line = paragraphs[0]
            return [Planted("prose-mismatch", "added", f"{added!r} added (table {table})",
                            line_edit=_line_edit(line, line.rstrip() + added))]
    raise Skip("no overview figure agreeing with a filled-in table cell, and none to add")


PLANTERS = {
    "label": plant_label,
    "r1": plant_r1,
    "r1-blanks": plant_r1_blanks,
    "r2": plant_r2,
    "r2-blanks": plant_r2_blanks,
    "r3": plant_r3,
    "r3-blanks": plant_r3_blanks,
    "r4": plant_r4,
    "r4-blanks": plant_r4_blanks,
    "blank-cell": plant_blank_cell,
    "section-dropped": plant_drop,
    "sections-swapped": plant_swap,
    "stale-template": plant_stale,
    "late-date": plant_late_date,
    "prose-mismatch": plant_prose,
}
