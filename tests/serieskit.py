"""Series of reports for the tests of the rules across years, built from the
example reports (rules/examples/) and the table-shape fixtures.

:func:`agency_series` is one agency over five years in mixed layouts and
both formats, consistent from year to year (carry-over, items, documents in
force), whose name changes in 2021 (某某县某某局 → 某某市某某区商务局, joined
by ``agency-aliases``):

====  ===========================  ======  =========================
year  from                         format  layout
====  ===========================  ======  =========================
2019  rules/examples/clean2019     v2019   TSV rows
2020  shapes/clean2020_cells.txt   v2019   one cell per line (shape 2)
2021  clean2023 moved to 2021      v2021   TSV rows
2022  rules/examples/clean2022     v2021   TSV rows
2023  shapes/clean2023_pipe.md     v2021   Markdown pipe tables
====  ===========================  ======  =========================

:data:`BREAKS` plants one defect per rule into it."""

from __future__ import annotations

from pathlib import Path

from gialint.testing import base_text, shift_years
from tests.helpers import FIXTURES

SHAPES = FIXTURES / "shapes"
ALIASES_YAML = "agency-aliases:\n  某某市某某区商务局: [某某县某某局]\n"


def _replace(text: str, edits: dict[str, str]) -> str:
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def report_2021() -> str:
    """clean2023 moved to 2021, its numbers made to fit 2020 and 2022: nothing
    carried over in or out (new = results), 8 行政规范性文件 in force."""
    text = shift_years(base_text("clean2023"), 2021)
    return _replace(text, {
        "一、本年新收政府信息公开申请数量\t\t\t9\t3\t0\t1\t1\t1\t15": "一、本年新收政府信息公开申请数量\t\t\t9\t4\t0\t1\t1\t1\t16",
        "二、上年结转政府信息公开申请数量\t\t\t1\t1\t0\t0\t0\t0\t2": "二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0",
        "四、结转下年度继续办理\t\t\t1\t0\t0\t0\t0\t0\t1": "四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0",
        "全年共新收政府信息公开申请15件，上年结转2件，办结16件，结转下年度继续办理1件": "全年共新收政府信息公开申请16件，上年结转0件，办结16件，结转下年度继续办理0件",
        "行政规范性文件\t3\t1\t12": "行政规范性文件\t3\t1\t8",
        "现行有效行政规范性文件12件": "现行有效行政规范性文件8件",
    })  # fmt: skip


def agency_series() -> dict[str, str]:
    """File name → text of the five reports (see the module's docstring)."""
    return {
        "2019-某某县某某局.txt": base_text("clean2019"),
        "2020-某某县某某局.txt": (SHAPES / "clean2020_cells.txt").read_text(encoding="utf-8"),
        "2021-区商务局.txt": report_2021(),
        "2022-区商务局.txt": base_text("clean2022"),
        "2023-区商务局.md": (SHAPES / "clean2023_pipe.md").read_text(encoding="utf-8"),
    }


# rule → (file, edits, line of the finding): one defect each.
BREAKS: dict[str, tuple[str, dict[str, str], int]] = {
    # Carry-over changed while the report still balances (R1 holds).
    "GIA611": ("2023-区商务局.md", {
        "| 一、本年新收政府信息公开申请数量 |  |  | 9 | 3 |": "| 一、本年新收政府信息公开申请数量 |  |  | 8 | 4 |",
        "| 二、上年结转政府信息公开申请数量 |  |  | 1 | 1 |": "| 二、上年结转政府信息公开申请数量 |  |  | 2 | 0 |",
    }, 54),
    # 2019-format items that do not carry over into 2020 (shape 2: a cell a line).
    "GIA612": ("2019-某某县某某局.txt", {"行政处罚\t19\t1\t9": "行政处罚\t19\t3\t9"}, 0),
    # Documents in force that do not follow from last year's.
    "GIA613": ("2022-区商务局.txt", {"行政规范性文件\t2\t0\t10": "行政规范性文件\t2\t0\t9"}, 34),
    # A table copied from last year (section 四 of 2022 into 2023).
    "GIA614": ("2023-区商务局.md", {
        "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |": "| 2 | 0 | 0 | 0 | 2 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |",
    }, 81),  # the table's first line
    # Section 五 of 2022 copied into 2023.
    "GIA615": ("2023-区商务局.md", {
        "针对上年度报告中指出的政策解读形式较为单一、部分栏目更新不够及时等问题，本年度采用图解、问答等方式解读政策文件，并建立栏目更新台账，每月检查一次，上述问题已整改完成。":
            "对照上年度报告列出的依申请公开办理流程不够规范的问题，本年度制定了依申请公开办理工作规程，实行登记、承办、审核、答复全程留痕，问题已得到解决。",
        "一是依申请公开答复文书的规范化程度有待提高；二是政策解读与群众关切的结合还不够紧密。": "一是政策解读形式较为单一，以文字解读为主；二是个别栏目信息更新不够及时。",
        "一是修订依申请公开答复文书范本，加强法制审核；二是围绕企业关切的惠企政策开展常态化解读，提升解读质量。":
            "一是探索运用图表、短视频等形式解读重点政策；二是建立栏目更新台账，明确责任人和更新时限，定期开展自查。",
    }, 87),
    # A jump far outside 2019–2022 (changes of at most 7 a year).
    "GIA616": ("2023-区商务局.md", {
        "| 一、本年新收政府信息公开申请数量 |  |  | 9 | 3 | 0 | 1 | 1 | 1 | 15 |": "| 一、本年新收政府信息公开申请数量 |  |  | 54 | 3 | 0 | 1 | 1 | 1 | 60 |",
    }, 53),
}  # fmt: skip
# GIA612 breaks 2019's count, so the finding is on 2020 (the later report).
BREAK_TARGET = {"GIA612": "2020-某某县某某局.txt"}


def write(folder: Path, files: dict[str, str], config: str | None = ALIASES_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if config is not None:
        (folder / ".gialint.yaml").write_text(config, encoding="utf-8")
    return folder


def renamed(text: str, old: str, new: str) -> str:
    """A report of another agency: every mention of ``old`` replaced."""
    assert old in text
    return text.replace(old, new)

