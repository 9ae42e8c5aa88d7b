"""Model -> Markdown with pipe tables (merged slots as empty cells).

Used to check the model itself: gialint must read this back to the same
bound cells as the base report.
"""

from __future__ import annotations

from .model import Grid, ReportModel


def grid_to_pipe(grid: Grid) -> list[str]:
    lines = []
    for i, row in enumerate(grid.slots()):
        texts = []
        for c, cell in enumerate(row):
            own = cell is not None and cell.row == i and cell.col == c
            texts.append(cell.text if own else "")
        lines.append("| " + " | ".join(texts) + " |")
        if i == 0:
            lines.append("|" + "---|" * grid.n_cols)
    return lines


def model_to_markdown(model: ReportModel) -> str:
    out = ["# " + model.title, ""]
    for block in model.blocks:
        if block.kind == "heading":
            out += ["## " + block.text, ""]
        elif block.kind in ("subheading", "paragraph"):
            out += [block.text, ""]
        elif block.kind == "table":
            out += grid_to_pipe(block.grid) + [""]
    for line in model.signature:
        out += [line, ""]
    return "\n".join(out)
