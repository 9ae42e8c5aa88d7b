"""The overview of the batch: what was checked and found (cards), findings
by severity, category, rule and agency (charts, :mod:`.charts`), the files
ordered by how much attention they need, and the agencies and rules as
sortable tables; and the filter bar (severity, category, rule).

Only small per-file figures are kept while the reports stream past
(:class:`Stats`), never the findings themselves."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

from gialint.output.html.charts import bar_chart
from gialint.output.html.common import CATEGORY_ZH, SEVERITY_ORDER, SEVERITY_ZH, category_label, esc

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.output.view import ReportView

UNKNOWN_AGENCY = "（未识别机关）"
TOP = 15  # bars in the rule and agency charts


@dataclass(slots=True)
class FileStat:
    n: int
    path: str
    agency: str
    year: int | None
    version: str
    counts: tuple[int, int, int]  # error, warning, info
    tally: str = ""  # "GIA201:e:2 GIA401:w:5": findings by rule and severity, for the filters

    @property
    def total(self) -> int:
        return sum(self.counts)

    def attention(self) -> tuple[int, ...]:
        """Sort key: most errors first, then warnings, then notes."""
        return (-self.counts[0], -self.counts[1], -self.counts[2], self.n)


@dataclass
class Stats:
    files: list[FileStat] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    rule_files: Counter[str] = field(default_factory=Counter)
    rule_info: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code → (name, category, severity)
    skipped: int = 0  # files found in folders that are not reports

    def add(self, n: int, path: str, view: ReportView | None, findings: Sequence[Finding]) -> None:
        counts = Counter(f.severity for f in findings)
        agency = (view.agency if view is not None else "") or UNKNOWN_AGENCY
        version = view.version_name if view is not None else ""
        by_rule = Counter((f.rule, f.severity[:1]) for f in findings)
        tally = " ".join(f"{rule}:{sev}:{k}" for (rule, sev), k in sorted(by_rule.items()))
        self.files.append(FileStat(n, path, agency, view.year if view is not None else None, version,
                                   (counts["error"], counts["warning"], counts["info"]), tally))
        for f in findings:
            self.categories[f.category] += 1
            self.rules[f.rule] += 1
            self.rule_info.setdefault(f.rule, (f.name, f.category, f.severity))
        for code in {f.rule for f in findings}:
            self.rule_files[code] += 1


def overview_html(stats: Stats, summary: Any, summaries: dict[str, str]) -> str:
    """The overview; ``summary`` is the run's :class:`~gialint.output.formatters.base.Summary`."""
    files = stats.files
    total = sum(f.total for f in files)
    sev = {s: summary.counts.get(s, 0) for s in SEVERITY_ORDER}
    out = ['<section id="overview" aria-labelledby="ov-h"><h2 id="ov-h">总览</h2><div class="cards">']
    cards: list[tuple[Any, str, str]] = [
        (summary.files, "检查的文件", ""),
        (summary.files_with_findings, "有问题的文件", ""),
        (total, "问题总数", ""),
        *((sev[s], SEVERITY_ZH[s], f"c-{s}") for s in SEVERITY_ORDER),
        (summary.fixable, "可自动修复", ""),
    ]
    skipped = sum(getattr(summary, "skipped", {}).values()) or stats.skipped
    if skipped:
        cards.append((skipped, "不是年度报告，已跳过", ""))
    if summary.baselined:
        cards.append((summary.baselined, "基线中已记录（未显示）", ""))
    for value, label, cls in cards:
        out.append(f'<div class="card {cls}"><span class="num">{value}</span><span class="lbl">{esc(label)}</span></div>')
    out.append('</div><div class="charts">')
    out.append(bar_chart("按严重程度", [(SEVERITY_ZH[s], [(sev[s], f"b-{s}")], None) for s in SEVERITY_ORDER]))
    cats = sorted(stats.categories.items(), key=lambda kv: (-kv[1], kv[0]))
    out.append(bar_chart("按类别", [(f"{category_label(c)} {c}", [(n, "b-cat")], None) for c, n in cats]))
    top_rules = sorted(stats.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    out.append(bar_chart(f"按规则（前 {TOP} 条）", [(f"{c} {stats.rule_info[c][0]}", [(n, f"b-{stats.rule_info[c][2]}")], None) for c, n in top_rules],
                         note=f"共 {len(stats.rules)} 条规则报告了问题，全部见下方“按规则”表。" if len(stats.rules) > TOP else ""))
    agencies = _agencies(files)
    ranked = sorted(agencies.items(), key=lambda kv: (-kv[1][1], -kv[1][2], -kv[1][3], kv[0]))
    out.append(bar_chart(f"按机关（前 {TOP} 个，错误/警告/提示）",
                         [(a, [(v[1], "b-error"), (v[2], "b-warning"), (v[3], "b-info")], None) for a, v in ranked[:TOP] if sum(v[1:])]))
    out.append("</div>")
    out.append(_files_table(files))
    out.append(_agency_table(ranked))
    out.append(_rule_table(stats, summaries))
    out.append("</section>\n")
    return "".join(out)


def _agencies(files: Sequence[FileStat]) -> dict[str, list[int]]:
    """Agency → [files, errors, warnings, notes]."""
    out: dict[str, list[int]] = {}
    for f in files:
        row = out.setdefault(f.agency, [0, 0, 0, 0])
        row[0] += 1
        for k in range(3):
            row[k + 1] += f.counts[k]
    return out


def _th(label: str, kind: str = "text", sorted_: str = "") -> str:
    aria = f' aria-sort="{sorted_}"' if sorted_ else ""
    return f'<th scope="col"{aria}><button type="button" data-sort="{kind}">{esc(label)}</button></th>'


def _num(value: int, cls: str = "") -> str:
    c = f"num {cls}".strip()
    return f'<td class="{c}" data-v="{value}">{value}</td>'


def _files_table(files: Sequence[FileStat]) -> str:
    out = ['<h3 id="files-h">文件（按需要关注的程度排列）</h3>',
           '<p class="hint">默认按错误数、警告数、提示数依次从多到少排列；点击列标题可按该列排序。“显示”列随筛选变化。</p>',
           '<div class="scroll" tabindex="0" role="region" aria-labelledby="files-h"><table class="sortable files" id="files"><thead><tr>',
           _th("关注顺序", "num", "ascending"), _th("文件"), _th("机关"), _th("年度", "num"), _th("格式"),
           *(_th(SEVERITY_ZH[s], "num") for s in SEVERITY_ORDER), _th("合计", "num"), _th("显示", "num"), "</tr></thead><tbody>"]
    for rank, f in enumerate(sorted(files, key=FileStat.attention), 1):
        out.append(f'<tr data-r="{f.n}" data-fs="{esc(f.tally)}">{_num(rank)}<td><a href="#r{f.n}">{esc(f.path)}</a></td><td>{esc(f.agency)}</td>'
                   f'<td class="num" data-v="{f.year or 0}">{f.year or ""}</td><td>{esc(f.version)}</td>'
                   f'{_num(f.counts[0], "c-error")}{_num(f.counts[1], "c-warning")}{_num(f.counts[2], "c-info")}{_num(f.total)}'
                   f'<td class="num shown" data-v="{f.total}">{f.total}</td></tr>')
    out.append("</tbody></table></div>")
    return "".join(out)


def _agency_table(ranked: Sequence[tuple[str, list[int]]]) -> str:
    out = ['<h3 id="agencies-h">按机关</h3><div class="scroll" tabindex="0" role="region" aria-labelledby="agencies-h">',
           '<table class="sortable"><thead><tr>', _th("机关"), _th("文件", "num"),
           *(_th(SEVERITY_ZH[s], "num") for s in SEVERITY_ORDER), _th("合计", "num"), "</tr></thead><tbody>"]
    for agency, (n, e, w, i) in ranked:
        out.append(f"<tr><td>{esc(agency)}</td>{_num(n)}{_num(e, 'c-error')}{_num(w, 'c-warning')}{_num(i, 'c-info')}{_num(e + w + i)}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _rule_table(stats: Stats, summaries: dict[str, str]) -> str:
    out = ['<h3 id="rules-h">按规则</h3><div class="scroll" tabindex="0" role="region" aria-labelledby="rules-h">',
           '<table class="sortable"><thead><tr>', _th("规则"), _th("名称"), _th("类别"), _th("严重程度"), _th("问题", "num"),
           _th("涉及文件", "num"), _th("说明"), "</tr></thead><tbody>"]
    for code, n in sorted(stats.rules.items(), key=lambda kv: (-kv[1], kv[0])):
        name, cat, sev = stats.rule_info[code]
        out.append(f'<tr><td><code>{esc(code)}</code></td><td lang="en">{esc(name)}</td><td>{esc(category_label(cat))}</td>'
                   f'<td class="c-{esc(sev)}">{SEVERITY_ZH.get(sev, esc(sev))}</td>{_num(n)}{_num(stats.rule_files[code])}'
                   f"<td>{esc(summaries.get(code, ''))}</td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def filters_html(stats: Stats) -> str:
    """The filter bar: severities, categories and rules found, each with its count."""
    sev_counts = Counter()  # type: Counter[str]
    for f in stats.files:
        for k, s in enumerate(SEVERITY_ORDER):
            sev_counts[s] += f.counts[k]
    out = ['<form class="filters" id="filters" aria-label="筛选问题"><fieldset class="sevs"><legend>严重程度</legend>']
    for s in SEVERITY_ORDER:
        out.append(f'<label class="c-{s}"><input type="checkbox" name="sev" value="{s}" checked> {SEVERITY_ZH[s]} ({sev_counts[s]})</label>')
    out.append('</fieldset><details class="dd"><summary>类别</summary><fieldset><legend>类别</legend>')
    for cat in [c for c in CATEGORY_ZH if stats.categories.get(c)] + sorted(c for c in stats.categories if c not in CATEGORY_ZH):
        out.append(f'<label><input type="checkbox" name="cat" value="{esc(cat)}" checked> {esc(category_label(cat))} '
                   f'<span lang="en">{esc(cat)}</span> ({stats.categories[cat]})</label>')
    out.append('</fieldset></details><details class="dd"><summary>规则</summary><fieldset><legend>规则</legend>')
    for code in sorted(stats.rules):
        out.append(f'<label><input type="checkbox" name="rule" value="{esc(code)}" data-cat="{esc(stats.rule_info[code][1])}" checked> <code>{esc(code)}</code> '
                   f'<span lang="en">{esc(stats.rule_info[code][0])}</span> ({stats.rules[code]})</label>')
    total = sum(stats.rules.values())
    out.append(f'</fieldset></details><button type="reset">全部显示</button> <output id="shown" aria-live="polite">显示 {total} / {total} 个问题</output></form>')
    return "".join(out)
