"""One report as a document: its title, sections and paragraphs as text and
its tables redrawn, every finding marked where it points (:mod:`.marks`)
with a note in the margin beside the block — message, rule code and name,
the official wording or the fix, and for a failed relation both sides'
values (:mod:`.tables`) — and the findings about the whole file listed
first.

A batch of 2,000 reports is two million elements, which a browser takes
seconds to build.  So the body of each report (everything below its
heading) is wrapped in ``<noscript>``: where scripting is on, a browser
reads that as plain text and builds nothing, and the page's script turns a
report into elements when it is opened; where scripting is off, it is
ordinary markup, shown one report at a time through ``:target``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from gialint.linting.fix import applicable
from gialint.output.html.common import SEVERITY_ORDER, SEVERITY_ZH, category_label, esc
from gialint.output.html.marks import Marker, by_position
from gialint.output.html.place import place
from gialint.output.html.tables import parent_labels, relation_html, table_html

if TYPE_CHECKING:
    from gialint.model.findings import Finding
    from gialint.output.html.place import Element
    from gialint.output.view import Block, ReportView

_TEXT_TAGS = {"title": ("h3", "doc-title"), "paragraph": ("p", ""), "signature": ("p", "sig")}


def report_html(n: int, path: str, view: ReportView | None, findings: Sequence[Finding], summaries: Mapping[str, str]) -> str:
    """The ``<section>`` of report number ``n`` (1-based, its page order)."""
    marker = Marker(n, findings)
    placed = place(view, findings)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}
    heading = (view.title if view is not None and view.title else None) or path
    out = [f'<section class="report" id="r{n}" data-n="{n}" aria-labelledby="h{n}">']
    out.append('<nav class="rnav" aria-label="报告导航"><a href="#overview">↑ 总览</a>')
    if n > 1:
        out.append(f' <a class="prev" href="#r{n - 1}" rel="prev">← 上一份</a>')
    out.append(f' <a class="next" href="#r{n + 1}" rel="next">下一份 →</a></nav>')
    out.append(f'<header class="rhead"><h2 id="h{n}"><span class="no">{n}.</span> {esc(heading)}</h2>')
    out.append(f'<p class="path">文件：<code>{esc(path)}</code></p><dl class="meta">')
    if view is not None:
        out.append(f"<div><dt>机关</dt><dd>{esc(view.agency or '（标题中未写明）')}</dd></div>")
        out.append(f"<div><dt>年度</dt><dd>{esc(view.year) if view.year else '（未识别）'}</dd></div>")
        out.append(f'<div><dt>格式</dt><dd>{esc(view.version_name)} <code lang="en">{esc(view.version)}</code></dd></div>')
    tally = " · ".join(f'<span class="c-{s}">{SEVERITY_ZH[s]} {counts[s]}</span>' for s in SEVERITY_ORDER if counts[s]) or "无"
    out.append(f"<div><dt>问题</dt><dd>{tally}</dd></div></dl>")
    out.append('<p class="signoff">审阅人：<span class="blank"></span>审阅日期：<span class="blank"></span>处理意见：<span class="blank wide"></span></p></header>')
    # The body is inert text until the report is opened (page.js); without
    # scripting it is ordinary markup (see the module's docstring).
    out.append("<noscript>")

    def notes(indices: Sequence[int]) -> str:
        return "".join(_note(marker, i, summaries, parents, refs) for i in by_position(findings, indices))

    parents = parent_labels([t for b in view.blocks for t in b.tables]) if view is not None else {}
    involved: dict[str, list[str]] = {}
    for i, f in enumerate(findings):
        for key in _cells(f):
            involved.setdefault(key, []).append(marker.fid(i))
    refs = {key: str(k) for k, key in enumerate(involved)}
    if placed.whole_file:
        ids = by_position(findings, placed.whole_file)
        out.append('<div class="whole"><h3>关于整个文件的问题</h3>')
        out.append("".join(_note(marker, i, summaries, parents, refs, whole=True) for i in ids))
        out.append("</div>")
    if not findings:
        out.append('<p class="clean">未发现问题。</p>')
    if view is not None:
        items: list[tuple[int, int, str]] = []
        for bi, b in enumerate(view.blocks):
            shown = placed.blocks.get(bi, [])
            body = _block(b, view, marker, shown, placed.loose.get(bi, []), placed.elements, involved, refs)
            items.append((b.line, 0, _wrap(b.kind, body, notes(shown))))
        for line, ids in placed.lines.items():
            body = f'<pre class="raw orphan"><span class="ln">第 {line} 行</span>{marker.line(view.lines[line - 1], line, ids)}</pre>'
            items.append((line, 1, _wrap("orphan", body, notes(ids))))
        out.append('<div class="doc">')
        out.extend(html for _, _, html in sorted(items, key=lambda x: (x[0], x[1])))
        out.append("</div>")
    out.append("</noscript></section>\n")
    return "".join(out)


def _wrap(kind: str, body: str, notes: str) -> str:
    if notes:
        return f'<div class="blk k-{kind} has-notes"><div class="tx">{body}</div><div class="notes">{notes}</div></div>'
    return f'<div class="blk k-{kind}"><div class="tx">{body}</div></div>'


def _block(
    b: Block, view: ReportView, marker: Marker, shown: Sequence[int], loose: Sequence[int],
    elements: Mapping[Element, list[int]], involved: Mapping[str, list[str]], refs: Mapping[str, str],
) -> str:
    lines = range(b.line, b.end_line + 1)
    text = view.lines
    if b.kind == "tables":
        out = [table_html(t, marker, elements, involved, refs) for t in b.tables]
        if loose:
            marked = sorted({marker.findings[i].line for i in loose if b.line <= marker.findings[i].line <= b.end_line})
            rows = "\n".join(f'<span class="ln">第 {ln} 行</span>{marker.line(text[ln - 1], ln, loose)}' for ln in marked)
            out.append(f'<div class="loose"><p class="k">表格所在行中的其他位置：</p><pre class="raw">{rows}</pre></div>')
        return "".join(out)
    if b.kind == "raw":
        return '<pre class="raw">' + "\n".join(marker.line(text[ln - 1], ln, shown) for ln in lines) + "</pre>"
    if b.kind == "heading":
        tag, cls = ("h4", "sec") if b.level == 1 else ("h5", "sub")
    else:
        tag, cls = _TEXT_TAGS.get(b.kind, ("p", ""))
    parts = []
    for ln in lines:
        plain = None
        if b.inner is not None and b.inner[0] == ln == b.inner[2]:
            plain = (b.inner[1] - 1, b.inner[3] - 1)
        parts.append(marker.line(text[ln - 1], ln, shown, plain))
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>{'<br>'.join(parts)}</{tag}>"


def _cells(f: Finding) -> list[str]:
    """The cells a finding names: its ``cells``, and those of its relation's terms."""
    keys = [str(k) for k in f.extra.get("cells") or ()]
    rel = f.extra.get("relation")
    if isinstance(rel, dict):
        for side in rel.get("sides") or ():
            for term in side.get("terms") or ():
                keys += [str(k) for k in term.get("cells") or ()]
    return list(dict.fromkeys(keys))


def _note(marker: Marker, i: int, summaries: Mapping[str, str], parents: Mapping[str, str], refs: Mapping[str, str], whole: bool = False) -> str:
    f = marker.findings[i]
    fid = marker.fid(i)
    sev = f.severity
    cls = f"note s-{sev}" + (" mk" if whole else "")
    attrs = f' id="n{fid}" data-f="{fid}" data-sev="{esc(sev)}" data-cat="{esc(f.category)}" data-rule="{esc(f.rule)}" data-line="{f.line}"'
    if whole:
        attrs += f' tabindex="0" title="{esc(f.rule + " " + f.message)}"'
    where = "整个文件" if whole else f'<a class="loc" href="#m{fid}">第 {f.line} 行第 {f.column} 列</a>'
    number = f'<span class="fn" id="m{fid}">{i + 1}</span>' if whole else f'<span class="fn">{i + 1}</span>'
    out = [f"<aside class=\"{cls}\"{attrs}><p class=\"nh\">{number}<span class=\"sev\">{SEVERITY_ZH.get(sev, esc(sev))}</span> {where} "]
    out.append(f'<code class="rule">{esc(f.rule)}</code> <span class="name" lang="en">{esc(f.name)}</span> ')
    out.append(f'<span class="cat">{esc(category_label(f.category))}</span></p><p class="msg">{esc(f.message)}</p>')
    rel = f.extra.get("relation")
    if isinstance(rel, dict):
        out.append(relation_html(rel, parents, refs))
    if f.fix is not None:
        rep = f.fix.replacement
        what = f"应为“{esc(rep)}”" if rep else "应删除"
        tag = '<span class="tag sure">确定的修复，可用 --fix 自动应用</span>' if applicable(f) else '<span class="tag">建议，请人工确认</span>'
        out.append(f'<p class="fix">{what} {tag}</p>')
    summary = summaries.get(f.rule)
    if summary:
        out.append(f'<p class="why">规则：{esc(summary)}</p>')
    out.append("</aside>")
    return "".join(out)
