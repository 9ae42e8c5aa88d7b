"""Kind ``narrative``: a figure stated in the prose (``共收到申请15件``,
``行政复议三件``) compared with the table (FORMAT.md §5 R9)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.rules.expr import ExprError, compile_expr
from gialint.rules.kinds.base import Kind, Option

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"


def chinese_number(text: str) -> int | Decimal | None:
    """``15`` → 15, ``1.25`` → Decimal, ``三`` → 3, ``十二`` → 12, ``二十`` → 20, ``一百零五`` → 105."""
    if text.isdigit():
        return int(text)
    if "." in text:
        try:
            return Decimal(text)
        except ArithmeticError:
            return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN:
            digit = _CN[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


class _Env:
    def __init__(self, report: Report) -> None:
        self.report = report

    def lookup(self, name: str):  # type: ignore[no-untyped-def]
        c = self.report.cell(name)
        return c.value if c is not None and c.content == "number" else None

    def expand(self, name: str) -> list[str]:
        return [name]


class Narrative(Kind):
    name = "narrative"
    description = "A number stated in the prose differs from the table."
    options = {
        "claims": Option(list, required=True, doc="[{pattern: regex with {N}, value: cell key or sum, what: 名称}]"),
        "sections": Option(list, default=[1], doc="sections whose prose is read"),
    }
    default_message = "正文称{what}为 {stated}，表格中为 {table}"
    fields = {"what": "the claim's what (the figure's name)", "stated": "the number in the prose", "table": "the table's value", "detail": "the whole message as gialint words it"}

    def setup(self) -> None:
        self._keys: dict[str, frozenset[str]] = {}  # template id → its cell keys
        self.claims: list[tuple[re.Pattern[str], object, str]] = []
        for claim in self.opts["claims"]:
            if not isinstance(claim, dict) or "pattern" not in claim or "value" not in claim:
                raise ValueError("claims 的每一项需要 pattern 和 value")
            pattern = str(claim["pattern"]).replace("{N}", NUMBER)
            try:
                rx = re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"正则表达式 {claim['pattern']!r} 有误：{exc}") from None
            if "n" not in rx.groupindex:
                raise ValueError(f"pattern {claim['pattern']!r} 须含 {{N}}（要比较的数字）")
            try:
                expr = compile_expr(f"{claim['value']} == 0")
            except ExprError as exc:
                raise ValueError(f"value {claim['value']!r} 有误：{exc}") from None
            valid = {k for t in self.ctx.templates.values() for k in t.cell_keys()}
            for n in expr.names():
                if n not in valid:
                    from gialint.util.suggest import did_you_mean

                    raise ValueError(f"value 中的单元格 {n!r} 不存在{did_you_mean(n, valid)}")
            self.claims.append((rx, expr, str(claim.get("what", claim["value"]))))

    def check(self, report: Report) -> Iterable[Hit]:
        env = _Env(report)
        keys = self._keys.get(report.template.id)
        if keys is None:
            keys = self._keys[report.template.id] = frozenset(report.template.cell_keys())
        # Claims about cells this report's format has (once per report, not per paragraph).
        claims = [c for c in self.claims if c[1].names() <= keys]  # type: ignore[attr-defined]
        for number in self.opts["sections"]:
            sec = report.document.section(number)
            if sec is None:
                continue
            for para in sec.paragraphs + sec.subheadings:
                text = para.text
                for rx, expr, what in claims:
                    for m in rx.finditer(text):
                        stated = chinese_number(m.group("n"))
                        if stated is None:
                            continue
                        out = expr.evaluate(env)  # type: ignore[attr-defined]
                        if out.lhs is None or out.lhs == stated:
                            continue
                        start = para.span.column + m.start("n")
                        span = Span(para.span.line, start, para.span.line, start + len(m.group("n")))
                        raw = m.group("n")
                        # 十六 is shown as written, with its value: the reader searches the text for it.
                        shown = str(stated) if raw.isascii() else f"{stated}（写作“{raw}”）"
                        yield Hit(span, self.message(what=what, stated=shown, table=out.lhs, detail=f"{what}：正文 {shown}，表格 {out.lhs}"))


KINDS = [Narrative]
