"""The official tables redrawn: the template's row and column labels (with
what the report wrote where it differs), every bound cell's text, the
cells and labels that findings point at marked, and the cells a failed
relation involves coloured; and a failed relation written out with both
sides' values (``一 + 二 = 23 + 2 = 25 ≠ （七）总计 + 四 = 24 + 0 = 24``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Mapping

from gialint.output.html.common import esc

if TYPE_CHECKING:
    from gialint.output.html.marks import Marker
    from gialint.output.html.place import Element
    from gialint.output.view import LabelView, TableView

# Names of the tables that have no caption of their own (section 三 and 四).
TABLE_NAMES = {
    "applications": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议、行政诉讼情况",
}
CORNER = "信息内容"  # the official header of the label column (section 二)
_SHOWN_STATUS = ("fuzzy", "moved")  # a label written otherwise than officially (not only width or spaces)


def table_html(t: TableView, marker: Marker, elements: Mapping[Element, list[int]], involved: Mapping[str, list[str]], refs: Mapping[str, str]) -> str:
    """A ``<figure>`` with the table; ``involved`` maps the keys of the
    cells that findings name to those findings' ids, and ``refs`` gives
    each such cell its short reference in the page (``data-k``)."""
    corner = next((h for h in t.headers if h.official == CORNER), None)
    notes = [h for h in t.headers if h is not corner and h.role != "caption"]
    caption_label = next((h for h in t.headers if h.role == "caption"), None)
    name = t.caption or TABLE_NAMES.get(t.key, t.key)
    out = [f'<figure class="tbl" data-t="{esc(t.key)}"><figcaption>']
    out.append(_label(caption_label, marker, elements, t.key) if caption_label else esc(name))
    out.append("</figcaption>")
    if notes:
        out.append('<p class="theads"><span class="k">表头：</span>')
        out.append('<span class="sep"> · </span>'.join(_label(h, marker, elements, t.key) for h in notes))
        out.append("</p>")
    out.append(f'<div class="scroll" tabindex="0" role="region" aria-label="{esc(name)}"><table><thead><tr>')
    out.append(f'<th scope="col" class="corner">{_label(corner, marker, elements, t.key) if corner else ""}</th>')
    for col in t.columns:
        element = ("l", t.key, "column", col.key)
        out.append(f'<th scope="col"{_attrs(marker, elements, element)}>{_anchors(marker, elements, element)}{_label_text(col)}</th>')
    out.append("</tr></thead><tbody>")
    width = len(t.columns) + 1
    for row in t.rows:
        element = ("l", t.key, row.role, row.key)
        if row.role == "group":
            out.append(f'<tr class="grp"><th scope="rowgroup" colspan="{width}"{_attrs(marker, elements, element, f"d{row.depth}")}>'
                       f"{_anchors(marker, elements, element)}{_label_text(row)}</th></tr>")
            continue
        out.append(f'<tr><th scope="row"{_attrs(marker, elements, element, f"d{row.depth}")}>{_anchors(marker, elements, element)}{_label_text(row)}</th>')
        cells = t.grid.get(row.key, [])
        for ci, col in enumerate(t.columns):
            cell = cells[ci] if ci < len(cells) else None
            element = ("c", t.key, ci, row.key)
            key = t.cell_key(col.key, row.key)
            content, text = (cell.content, cell.text) if cell is not None else ("missing", "")
            cls = [] if content == "number" else [{"blank": "b", "dash": "d", "text": "t"}.get(content, "x")]
            inv = involved.get(key)
            attrs = ""
            if inv:
                cls.append("inv")
                attrs = f' data-i="{" ".join(inv)}" data-k="{refs[key]}"'
            shown = esc(text) if text else ('<span class="empty">空</span>' if content == "blank" else '<span class="empty">缺</span>')
            ids = elements.get(element)
            if ids:
                out.append(f"<td{marker.attrs(ids, ' '.join(cls))}{attrs}>{marker.anchors(ids)}{shown}</td>")
            elif cls:
                out.append(f'<td class="{" ".join(cls)}"{attrs}>{shown}</td>')
            else:
                out.append(f"<td>{shown}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div></figure>")
    return "".join(out)


def _attrs(marker: Marker, elements: Mapping[Element, list[int]], element: Element, cls: str = "") -> str:
    """The attributes of a header cell: its class, and a marker's when a
    finding points at it."""
    ids = elements.get(element)
    if ids:
        return marker.attrs(ids, cls)
    return f' class="{cls}"' if cls else ""


def _anchors(marker: Marker, elements: Mapping[Element, list[int]], element: Element) -> str:
    ids = elements.get(element)
    return marker.anchors(ids) if ids else ""


def _label_text(lab: LabelView) -> str:
    text = esc(lab.official)
    if lab.status in _SHOWN_STATUS and lab.found:
        text += f'<small class="was">原文：{esc(lab.found)}</small>'
    elif lab.status == "missing":
        text += '<small class="was">未找到</small>'
    return text


def _label(lab: LabelView | None, marker: Marker, elements: Mapping[Element, list[int]], table: str) -> str:
    if lab is None:
        return ""
    ids = elements.get(("l", table, lab.role, lab.key))
    if not ids:
        return f'<span class="lab">{_label_text(lab)}</span>'
    return f"<span{marker.attrs(ids, 'lab')}>{marker.anchors(ids)}{_label_text(lab)}</span>"


# -- relations ---------------------------------------------------------------

NEGATED = {"==": "≠", "!=": "=", "<": "≥", "<=": ">", ">": "≤", ">=": "<"}
_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^([{_CN}]+)、")
_SUB = re.compile(rf"^(（[{_CN}]+）)")
_ITEM = re.compile(r"^(\d+)[.．]")
SHORT = 6  # labels up to this long are shown whole


def short_label(label: str, parent: str | None = None) -> str:
    """A row label as a reader names it in a sum: ``一、本年新收…`` → ``一``,
    ``（三）不予公开`` → ``（三）``, ``1.属于国家秘密`` under （三） → ``（三）1``;
    short labels (``（七）总计``, ``自然人``) stay whole."""
    if len(label) <= SHORT:
        return label
    for rx in (_TOP, _SUB):
        m = rx.match(label)
        if m:
            return m.group(1)
    m = _ITEM.match(label)
    if m:
        return (short_label(parent) if parent else "") + m.group(1)
    return label


def relation_html(relation: Mapping[str, Any], parents: Mapping[str, str], refs: Mapping[str, str]) -> str:
    """``where：一 + 二 = 23 + 2 = 25 ≠ （七）总计 + 四 = 24 + 0 = 24``; each
    term names its official label on hover and the cells it adds up
    (``data-c``, their ``refs``); ``parents`` maps a cell key to its row's
    parent label."""
    sides = relation.get("sides") or []
    if len(sides) != 2:
        return ""
    parts = [_side(s, parents, refs) for s in sides]
    op = NEGATED.get(str(relation.get("op", "")), "≠")
    where = relation.get("where")
    head = f'<span class="where">{esc(where)}：</span>' if where else ""
    return f'<p class="rel">{head}{parts[0]} <span class="op">{op}</span> {parts[1]}</p>'


def _side(side: Mapping[str, Any], parents: Mapping[str, str], refs: Mapping[str, str]) -> str:
    terms = side.get("terms") or []
    names, values = [], []
    for k, t in enumerate(terms):
        cells = [str(c) for c in t.get("cells") or []]
        label = str(t.get("label", ""))
        short = short_label(label, parents.get(cells[0]) if len(cells) == 1 else None)
        sign = "−" if t.get("sign") == "-" else "+"
        lead = ("−" if sign == "−" else "") if k == 0 else f" {sign} "
        value = t.get("value")
        names.append(f'{lead}<span class="term" title="{esc(label)}" data-c="{" ".join(refs[c] for c in cells if c in refs)}">{esc(short)}</span>')
        values.append(f"{lead}{esc(value if value is not None else '？')}")
    total = side.get("value")
    text = "".join(names)
    if len(terms) > 1:
        text += " = " + "".join(values)
    text += f" = <b>{esc(total if total is not None else '？')}</b>"
    return f'<span class="side">{text}</span>'


def parent_labels(tables: list[TableView]) -> dict[str, str]:
    """Cell key → the label of its row's parent group, for every cell of
    ``tables`` whose row is inside a group."""
    out: dict[str, str] = {}
    for t in tables:
        labels = {r.key: r.official for r in t.rows}
        for row in t.rows:
            parent = row.key.rpartition(".")[0]
            if row.role == "row" and parent in labels:
                for col in t.columns:
                    out[t.cell_key(col.key, row.key)] = labels[parent]
    return out
