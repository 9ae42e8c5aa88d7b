"""The official tables, as the evaluation corpus needs them.

A copy of the facts of FORMAT.md §2–§5 (the two official formats, their
labels, and the arithmetic relations R1–R4), kept here so that the corpus is
built from the official template and not from gialint's own template files:
the evaluation must not inherit a mistake of the tool it measures.

Cell keys follow gialint's naming (``table.column.row``) because the bases
are read with ``gialint parse --format json``; label keys are
``table.role.key`` (role: caption, header, column, row, group).
"""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("v2019", "v2021")

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Block:
    """One block of the section 二 table (第二十条第（X）项)."""

    table: str
    caption: str
    columns: tuple[tuple[str, str], ...]  # (key, label)
    rows: tuple[tuple[str, str], ...]  # (key, label)


ACTIVE = {
    "v2021": (
        Block("documents", "第二十条第（一）项",
              (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
              (("rules", "规章"), ("normative", "行政规范性文件"))),
        Block("licensing", "第二十条第（五）项", (("decisions", "本年处理决定数量"),),
              (("licensing", "行政许可"),)),
        Block("enforcement", "第二十条第（六）项", (("decisions", "本年处理决定数量"),),
              (("penalty", "行政处罚"), ("coercion", "行政强制"))),
        Block("fees", "第二十条第（八）项", (("amount", "本年收费金额（单位：万元）"),),
              (("admin_fees", "行政事业性收费"),)),
    ),
    "v2019": (
        Block("documents", "第二十条第（一）项",
              (("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"), ("total_published", "对外公开总数量")),
              (("rules", "规章"), ("normative", "规范性文件"))),
        Block("licensing", "第二十条第（五）项",
              (("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")),
              (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
        Block("enforcement", "第二十条第（六）项",
              (("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")),
              (("penalty", "行政处罚"), ("coercion", "行政强制"))),
        Block("fees", "第二十条第（八）项", (("prev_items", "上一年项目数量"), ("change", "本年增/减")),
              (("admin_fees", "行政事业性收费"),)),
        Block("procurement", "第二十条第（九）项", (("items", "采购项目数量"), ("amount", "采购总金额")),
              (("central", "政府集中采购"),)),
    ),
}

# Section 三: columns in reading order; the last one is the row total.
APPLICANT_COLUMNS = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
PARTS = tuple(k for k, _ in APPLICANT_COLUMNS[:-1])
GROUP_LABELS = {
    "results": "三、本年度办理结果",
    "results.withheld": "（三）不予公开",
    "results.unavailable": "（四）无法提供",
    "results.not_processed": "（五）不予处理",
    "results.other": "（六）其他处理",
}

_RESULT_ROWS_HEAD = (
    # (group key or None, row key, label)
    (None, "results.disclosed", "（一）予以公开"),
    (None, "results.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("results.withheld", "results.withheld.state_secret", "1.属于国家秘密"),
    ("results.withheld", "results.withheld.prohibited", "2.其他法律行政法规禁止公开"),
    ("results.withheld", "results.withheld.three_safeties", "3.危及“三安全一稳定”"),
    ("results.withheld", "results.withheld.third_party", "4.保护第三方合法权益"),
    ("results.withheld", "results.withheld.internal_affairs", "5.属于三类内部事务信息"),
    ("results.withheld", "results.withheld.process_info", "6.属于四类过程性信息"),
    ("results.withheld", "results.withheld.enforcement_files", "7.属于行政执法案卷"),
    ("results.withheld", "results.withheld.inquiry", "8.属于行政查询事项"),
    ("results.unavailable", "results.unavailable.not_held", "1.本机关不掌握相关政府信息"),
    ("results.unavailable", "results.unavailable.needs_creation", "2.没有现成信息需要另行制作"),
    ("results.unavailable", "results.unavailable.unclear", "3.补正后申请内容仍不明确"),
    ("results.not_processed", "results.not_processed.petition", "1.信访举报投诉类申请"),
    ("results.not_processed", "results.not_processed.repeated", "2.重复申请"),
    ("results.not_processed", "results.not_processed.publications", "3.要求提供公开出版物"),
    ("results.not_processed", "results.not_processed.excessive", "4.无正当理由大量反复申请"),
    ("results.not_processed", "results.not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
)
RESULT_ROWS = {
    "v2021": _RESULT_ROWS_HEAD + (
        ("results.other", "results.other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("results.other", "results.other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("results.other", "results.other.other", "3.其他"),
    ),
    "v2019": _RESULT_ROWS_HEAD + ((None, "results.other", "（六）其他处理"),),
}
ROW_NEW = ("new", "一、本年新收政府信息公开申请数量")
ROW_CARRIED_OVER = ("carried_over", "二、上年结转政府信息公开申请数量")
ROW_RESULTS_TOTAL = ("results.total", "（七）总计")
ROW_CARRIED_FORWARD = ("carried_forward", "四、结转下年度继续办理")


def application_rows(fmt: str) -> list[tuple[str, str]]:
    """Every data row of section 三 in order, as (row key, label)."""
    results = [(k, label) for _, k, label in RESULT_ROWS[fmt]]
    return [ROW_NEW, ROW_CARRIED_OVER, *results, ROW_RESULTS_TOTAL, ROW_CARRIED_FORWARD]


def result_leaves(fmt: str) -> list[str]:
    """The rows that R3 adds up into （七）总计."""
    return [k for _, k, _ in RESULT_ROWS[fmt]]


# Section 四: one row of 15 numbers, three groups of five columns.
APPEAL_GROUPS = (("review", "行政复议"), ("litigation_direct", "未经复议直接起诉"),
                 ("litigation_after_review", "复议后起诉"))
APPEAL_COLUMNS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                  ("pending", "尚未审结"), ("total", "总计"))


def cell_keys(fmt: str) -> list[str]:
    """Every cell of the three official tables of ``fmt``, in reading order."""
    keys = [f"{b.table}.{c}.{r}" for b in ACTIVE[fmt] for r, _ in b.rows for c, _ in b.columns]
    keys += [f"applications.{c}.{r}" for r, _ in application_rows(fmt) for c, _ in APPLICANT_COLUMNS]
    keys += [f"appeals.{c}.{g}" for g, _ in APPEAL_GROUPS for c, _ in APPEAL_COLUMNS]
    return keys


# ---------------------------------------------------------------------------
# Relations R1–R4 (FORMAT.md §5) and their feasibility with blank cells
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Equation:
    """``sum(left) == sum(right)``; ``relation`` is R1..R4, ``where`` names
    the column or row it is about."""

    relation: str
    where: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return self.left + self.right


def equations(fmt: str) -> list[Equation]:
    """Every instance of R1–R4 in a report of format ``fmt``."""
    out = []
    for c, _ in APPLICANT_COLUMNS:
        a = f"applications.{c}."
        out.append(Equation("R1", c, (a + "new", a + "carried_over"), (a + "results.total", a + "carried_forward")))
    for r, _ in application_rows(fmt):
        out.append(Equation("R2", r, (f"applications.total.{r}",), tuple(f"applications.{c}.{r}" for c in PARTS)))
    for c, _ in APPLICANT_COLUMNS:
        out.append(Equation("R3", c, (f"applications.{c}.results.total",),
                            tuple(f"applications.{c}.{r}" for r in result_leaves(fmt))))
    for g, _ in APPEAL_GROUPS:
        out.append(Equation("R4", g, (f"appeals.total.{g}",),
                            tuple(f"appeals.{c}.{g}" for c, _ in APPEAL_COLUMNS[:-1])))
    return out


def number(raw: str | None) -> int | None:
    """The integer in a count cell, None when blank (or not a plain count)."""
    if raw is None:
        return None
    text = raw.strip()
    return int(text) if text.isdigit() else None


def feasible(eq: Equation, values: dict[str, str | None]) -> bool:
    """Whether some non-negative values of the blank cells make ``eq`` hold.

    Blanks are unknown, non-negative and unbounded: with a blank on each side
    anything goes; with blanks on one side only, that side can grow but never
    shrink below its known part."""
    def side(keys):
        known = [number(values.get(k)) for k in keys]
        return sum(v for v in known if v is not None), any(v is None for v in known)

    left, left_open = side(eq.left)
    right, right_open = side(eq.right)
    if left_open and right_open:
        return True
    if left_open:
        return right >= left
    if right_open:
        return left >= right
    return left == right


def has_blank(eq: Equation, values: dict[str, str | None]) -> bool:
    return any(number(values.get(k)) is None for k in eq.keys)


def broken(fmt: str, values: dict[str, str | None]) -> list[Equation]:
    """The equations that no value of the blanks can satisfy."""
    return [eq for eq in equations(fmt) if not feasible(eq, values)]
