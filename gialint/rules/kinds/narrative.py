"""Kind ``narrative``: a figure stated in the prose (``共收到申请15件``,
``行政复议三件``, ``予以公开及部分公开8件``, ``占办结总数的46.7%``) compared
with the tables (FORMAT.md §5 R9).

Each claim of a rule is a pattern with ``{N}`` (a count, in Arabic or
Chinese numerals) or ``{P}`` (a percentage), the table value it states (an
expression over cell keys; a row group such as
``applications.total.results.withheld`` stands for the sum of its rows), and
``also``: other readings of the same words, each accepted (``收到申请17件``
may count the applications carried over).  A percentage is checked against
``value`` divided by one of ``denominators``, to the precision it is written
with.  Figures about another year and differences (``上年新收21件``,
``较上年增加3件``, ``同比增长25%``) are never read (:mod:`.figures`)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterable

from gialint.model.findings import Hit
from gialint.model.report import Report
from gialint.model.span import Span
from gialint.model.template import Template
from gialint.rules.expr import Expr, ExprError, compile_expr
from gialint.rules.kinds.base import Kind, Option
from gialint.rules.kinds.figures import NUMBER, PERCENT, chinese_number, inside, other_year_spans

__all__ = ["Narrative", "chinese_number", "NUMBER"]


class _Env:
    """Cell values of a report; a row group sums its rows."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def lookup(self, name: str):  # type: ignore[no-untyped-def]
        c = self.report.cell(name)
        return c.value if c is not None and c.content == "number" else None

    def expand(self, name: str) -> list[str]:
        table, _, rest = name.partition(".")
        column, _, row = rest.partition(".")
        t = self.report.template.table(table)
        rows = t.leaf_rows_under(row) if t is not None and row else []
        if not rows or (len(rows) == 1 and rows[0].key == row):
            return [name]
        return [f"{table}.{column}.{r.key}" for r in rows]


def resolvable(template: Template) -> frozenset[str]:
    """Cell keys of ``template``, and ``table.column.group`` for each row group."""
    names = set(template.cell_keys())
    for t in template.tables:
        groups = {r.key.rsplit(".", i)[0] for r in t.data_rows for i in range(1, r.key.count(".") + 1)}
        names |= {t.cell_key(c.key, g) for c in t.columns for g in groups if t.leaf_rows_under(g)}
    return frozenset(names)


def _fmt(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


_LEADING_TEXT = re.compile(r"(?:\(\?<!?[^()]*\))*([^\\()\[\]{}.*+?|^$]+)(?![*+?{])")
# What a line needs to hold a claim at all: a counted figure (not 第二十条), a
# percentage or a negation (未发生…行政复议).
_MAY_CLAIM = re.compile(
    r"(?<![第\d零〇○一二两三四五六七八九十百千万])(?:\d|[零〇○一二两三四五六七八九十百千万])[\d零〇○一二两三四五六七八九十百千万.\s]*"
    r"(?:件|起|项|个|条|宗|次|万元)|[%％]|未|没有"
)


def _top_level_or(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside any group (``a|b``)."""
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


class _Claim:
    def __init__(self, raw: Any, valid: frozenset[str]) -> None:
        if not isinstance(raw, dict) or "pattern" not in raw or ("value" not in raw):
            raise ValueError("claims 的每一项需要 pattern 和 value")
        unknown = set(raw) - {"pattern", "value", "what", "also", "denominators", "stated"}
        if unknown:
            raise ValueError(f"claims 中有未知字段 {sorted(unknown)[0]!r}（可用：pattern、value、what、also、denominators、stated）")
        text = str(raw["pattern"])
        pattern = text.replace("{N}", NUMBER).replace("{P}", PERCENT)
        try:
            self.rx = re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"正则表达式 {text!r} 有误：{exc}") from None
        self.stated = raw.get("stated")
        self.percent = "p" in self.rx.groupindex
        if "n" not in self.rx.groupindex and not self.percent and self.stated is None:
            raise ValueError(f"pattern {text!r} 须含 {{N}}（要比较的数字）、{{P}}（百分比）或给出 stated")
        if self.percent and not raw.get("denominators"):
            raise ValueError(f"含 {{P}} 的 pattern {text!r} 需要 denominators（百分比的分母）")
        self.what = str(raw.get("what", raw["value"]))
        self.readings: list[tuple[Expr, str]] = [(self._expr(raw["value"], valid), self.what)]
        for alt in raw.get("also") or []:
            if not isinstance(alt, dict) or "value" not in alt:
                raise ValueError("also 的每一项需要 value（和 what）")
            self.readings.append((self._expr(alt["value"], valid), str(alt.get("what", alt["value"]))))
        self.denominators = [
            (self._expr(d["value"] if isinstance(d, dict) else d, valid), str(d.get("what", d["value"]) if isinstance(d, dict) else d))
            for d in raw.get("denominators") or []
        ]
        self.names = frozenset(n for e, _ in self.readings + self.denominators for n in e.names())
        # A word every match contains (the pattern's leading text, after its
        # look-behinds): a line without it is not searched (a check reads
        # every line of four sections, table cells included).
        lead = _LEADING_TEXT.match(text)
        self.literal = lead.group(1) if lead and len(lead.group(1)) >= 2 and not _top_level_or(text) else ""

    @staticmethod
    def _expr(value: Any, valid: frozenset[str]) -> Expr:
        try:
            expr = compile_expr(f"{value} == 0")
        except ExprError as exc:
            raise ValueError(f"value {value!r} 有误：{exc}") from None
        for n in expr.names():
            if n not in valid:
                from gialint.util.suggest import did_you_mean

                raise ValueError(f"value 中的单元格 {n!r} 不存在{did_you_mean(n, valid)}")
        return expr


class Narrative(Kind):
    name = "narrative"
    description = "A number stated in the prose differs from the table (figures about another year and differences are not read)."
    options = {
        "claims": Option(list, required=True, doc="[{pattern: regex with {N} or {P}, value: cell key or sum, what: 名称, also: [...], denominators: [...]}]"),
        "sections": Option(list, default=[1], doc="sections whose prose is read"),
    }
    default_message = "正文称{what}为 {stated}，表格中为 {table}"
    fields = {
        "what": "the claim's what (the figure's name)", "stated": "the number (or percentage) in the prose",
        "table": "the table's value (of the claim's value)", "readings": "every reading of the words with its table value",
        "quote": "the words of the prose that matched", "detail": "the whole message as gialint words it",
    }  # fmt: skip

    def setup(self) -> None:
        self._names: dict[str, frozenset[str]] = {}  # template id → resolvable names
        valid = frozenset().union(*(resolvable(t) for t in self.ctx.templates.values()))
        self.claims = [_Claim(raw, valid) for raw in self.opts["claims"]]

    def check(self, report: Report) -> Iterable[Hit]:
        env = _Env(report)
        names = self._names.get(report.template.id)
        if names is None:
            names = self._names[report.template.id] = resolvable(report.template)
        # Claims about cells this report's format has (once per report, not per paragraph).
        claims = [c for c in self.claims if c.names <= names]
        if not claims:
            return
        src = report.document.source
        year = report.detection.year
        for number in self.opts["sections"]:
            sec = report.document.section(number)
            if sec is None:
                continue
            lines = sorted({n.span.line for n in sec.paragraphs + sec.subheadings})
            for line_no in lines:
                line = src.line_text(line_no)
                if not _MAY_CLAIM.search(line):
                    continue
                masked: list[tuple[int, int]] | None = None
                for claim in claims:
                    if claim.literal and claim.literal not in line:
                        continue
                    for m in claim.rx.finditer(line):
                        if masked is None:
                            masked = other_year_spans(line, year)
                        hit = self._judge(claim, m, env, masked, line_no)
                        if hit is not None:
                            yield hit

    def _judge(self, claim: _Claim, m: re.Match[str], env: _Env, masked: list[tuple[int, int]], line_no: int) -> Hit | None:
        group = "p" if claim.percent else ("n" if "n" in m.re.groupindex and m.group("n") is not None else None)
        where = m.start(group) if group else m.start()
        if inside(masked, where):
            return None  # another year's figure, or a difference
        if claim.percent:
            return self._percent(claim, m, env, line_no)
        stated = chinese_number(m.group("n")) if group == "n" else claim.stated
        if stated is None:
            return None
        values = [(e.evaluate(env).lhs, what) for e, what in claim.readings]  # type: ignore[attr-defined]
        known = [(v, what) for v, what in values if v is not None]
        if not known or any(v == stated for v, _ in known):
            return None
        end = m.end(group) if group else m.end()
        span = Span(line_no, where + 1, line_no, end + 1)
        readings = "，".join(f"{what}为 {_fmt(v)}" for v, what in known)
        table = _fmt(known[0][0]) if known[0][1] == claim.what else "—"
        raw = m.group("n") if group == "n" else ""
        # 十六 is shown as written, with its value: the reader searches the text for it.
        shown = _fmt(stated) if raw.isascii() else f"{_fmt(stated)}（写作“{raw}”）"
        fields = dict(what=claim.what, stated=shown, table=table, readings=readings, quote=m.group(0),
                      detail=f"{claim.what}：正文 {shown}，表格 {readings}")
        return Hit(span, self.message(**fields))

    def _percent(self, claim: _Claim, m: re.Match[str], env: _Env, line_no: int) -> Hit | None:
        text = m.group("p")
        stated = Decimal(text)
        places = len(text.partition(".")[2])
        tolerance = Decimal(1).scaleb(-places)  # rounded or cut to the places written
        numerators = [(e.evaluate(env).lhs, what) for e, what in claim.readings]  # type: ignore[attr-defined]
        readings, ok = [], False
        for num, what in numerators:
            if num is None:
                continue
            for den_expr, den_what in claim.denominators:
                den = den_expr.evaluate(env).lhs
                if den is None or den == 0:
                    continue
                pct = Decimal(num) * 100 / Decimal(den)
                if abs(pct - stated) < tolerance:
                    ok = True
                readings.append(f"{what} {_fmt(num)} 占{den_what} {_fmt(den)} 的 {_fmt(round(pct, max(places, 1)))}%")
        if ok or not readings:
            return None
        span = Span(line_no, m.start("p") + 1, line_no, m.end() + 1)
        joined = "；".join(readings)
        fields = dict(what=claim.what, stated=f"{text}%", table="—", readings=joined, quote=m.group(0),
                      detail=f"{claim.what}：正文 {text}%，表格 {joined}")
        return Hit(span, self.message(**fields))


KINDS = [Narrative]
