"""Render a :class:`ReportModel` as the HTML that real publishers produce.

Two families:

* :func:`word_html` -- Word's "Save as Web Page": ``<p class=MsoNormal>`` in
  every cell, ``mso-`` inline styles, ``<o:p>``, labels split over several
  ``<span>`` runs (Word starts a new run at every script change and at every
  edit), ``<o:p>&nbsp;</o:p>`` in empty cells, the zero-height
  ``supportMisalignedColumns`` row, conditional comments, unquoted attributes.
* :func:`cms_html` -- a government CMS article page: site chrome (navigation,
  breadcrumb, sidebar, share buttons, footer with 网站标识码/ICP, scripts),
  the report inside ``<div class="TRS_Editor">`` with a ``<style>`` block,
  headings as ``<h2>`` or ``<p><strong>``, tables with real rowspan/colspan,
  long labels broken with ``<br>``.  Options give the charset declarations and
  the old layout-table page.

Output is deterministic.  Encoding into bytes is :func:`encode_page`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .model import Block, Grid, GridCell, ReportModel

esc = html.escape

# ---------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------

_SCRIPT_RUNS = re.compile(r"[0-9A-Za-z.%/\-]+|[^0-9A-Za-z.%/\-]+")


def script_runs(text: str) -> list[str]:
    """Split text where Word would start a new run: ASCII vs CJK."""
    return _SCRIPT_RUNS.findall(text)


def split_label(text: str, parts: int = 3) -> list[str]:
    """Cut a CJK label into ``parts`` pieces (Word's run soup after edits)."""
    if len(text) < 4:
        return [text]
    size = max(1, -(-len(text) // parts))
    return [text[i:i + size] for i in range(0, len(text), size)]


def br_point(text: str) -> int | None:
    """Where a CMS editor's manual line break falls in a long label, if any."""
    if len(text) < 4:
        return None
    inner = text.find("（", 1)
    if 0 < inner and len(text) > 10:
        return inner  # （二）部分公开<br>（区分处理的…）
    comma = text.find("、", 3)
    if comma > 0 and len(text) > 16:
        return comma + 1  # 1.申请人无正当理由逾期不补正、<br>行政机关…
    if len(text) in (4, 6) and not text[0].isdigit() and "（" not in text:
        return len(text) // 2  # 商业<br>企业, 社会公益<br>组织 style header wraps
    return None


# ---------------------------------------------------------------------------
# Word "Save as Web Page"
# ---------------------------------------------------------------------------

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>admin</o:Author>
  <o:LastAuthor>admin</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Created>2024-01-20T01:00:00Z</o:Created>
  <o:LastSaved>2024-01-20T02:00:00Z</o:LastSaved>
  <o:Pages>4</o:Pages>
 </o:DocumentProperties>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:SpellingState>Clean</w:SpellingState>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:BalanceSingleByteDoubleByteWidth/>
   <w:UseFELayout/>
  </w:Compatibility>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:仿宋_GB2312;
	panose-1:2 1 6 9 3 1 1 1 1 1;
	mso-font-charset:134;}}
 @font-face
	{{font-family:黑体;
	mso-font-charset:134;}}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:"Times New Roman",serif;
	mso-fareast-font-family:宋体;}}
@page WordSection1
	{{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;
	layout-grid:15.6pt;}}
div.WordSection1
	{{page:WordSection1;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable
	{{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;}}
</style>
<![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""

WORD_TAIL = """
</div>

</body>

</html>
"""

BODY_FONT = "font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:\"Times New Roman\""


def word_runs(text: str, style: str, *, split: bool = False) -> str:
    """Text as Word's spans: ASCII runs get ``lang=EN-US``; labels split up."""
    out = []
    for run in script_runs(text):
        if run.isascii():
            out.append(f"<span lang=EN-US style='{style}'>{esc(run)}</span>")
            continue
        pieces = split_label(run) if split else [run]
        for i, piece in enumerate(pieces):
            extra = ";mso-bidi-font-weight:bold" if i % 2 else ""
            out.append(f"<span style='{style}{extra}'>{esc(piece)}</span>")
    return "".join(out)


def word_paragraph(text: str, *, style: str = BODY_FONT, indent: bool = True, center: bool = False,
                   bold: bool = False) -> str:
    attrs = " align=center style='text-align:center;line-height:28.0pt;mso-line-height-rule:exactly'" if center else (
        " style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'"
        if indent else "")
    body = word_runs(text, style)
    if bold:
        body = f"<b>{body}</b>"
    return f"<p class=MsoNormal{attrs}>{body}<span lang=EN-US style='{style}'><o:p></o:p></span></p>\n"


CELL_FONT = "font-size:10.5pt;font-family:宋体;mso-font-kerning:0pt"
CELL_BORDER = "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"


def word_cell_paragraphs(cell: GridCell) -> str:
    if not cell.text:
        return (f"<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
                f"style='{CELL_FONT}'><o:p>&nbsp;</o:p></span></p>")
    lines = [cell.text]
    if cell.role == "label" and "（区分" in cell.text:  # Word: two paragraphs in one cell
        cut = cell.text.index("（区分")
        lines = [cell.text[:cut], cell.text[cut:]]
    split = cell.role in ("label", "header", "note") and len(cell.text) > 3
    align = "center" if cell.role in ("value", "header", "caption") else "left"
    return "".join(
        f"<p class=MsoNormal align={align} style='text-align:{align};mso-pagination:widow-orphan'>"
        f"{word_runs(line, CELL_FONT, split=split)}<span lang=EN-US style='{CELL_FONT}'><o:p></o:p></span></p>"
        for line in lines)


def _pt_width(cell: GridCell, grid: Grid) -> float:
    return round(cell.colspan * 425.0 / grid.n_cols, 1)


def word_table(grid: Grid, *, misaligned_row: bool) -> str:
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=567 "
           "style='width:425.25pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
           "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"]
    for i, row in enumerate(grid.rows()):
        out.append(f" <tr style='mso-yfti-irow:{i};height:19.85pt'>")
        for cell in row:
            spans = (f" colspan={cell.colspan}" if cell.colspan > 1 else "") + (
                f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "")
            w = _pt_width(cell, grid)
            out.append(f"  <td width={round(w * 4 / 3)}{spans} valign=center style='width:{w}pt;{CELL_BORDER};"
                       f"height:19.85pt'>\n  {word_cell_paragraphs(cell)}\n  </td>")
        out.append(" </tr>")
    if misaligned_row:  # Word writes this zero-height row when column edges do not line up
        out.append(" <![if !supportMisalignedColumns]>\n <tr height=0>")
        out += [f"  <td width={round(425 / grid.n_cols * 4 / 3)} style='border:none'></td>"
                for _ in range(grid.n_cols)]
        out.append(" </tr>\n <![endif]>")
    out.append("</table>\n")
    return "\n".join(out)


def word_html(model: ReportModel, *, charset: str = "gb2312") -> str:
    parts = [WORD_HEAD.format(charset=charset, title=esc(model.title))]
    title_style = "font-size:22.0pt;font-family:方正小标宋简体;mso-hansi-font-family:\"Times New Roman\""
    for line in model.title_lines:
        parts.append(word_paragraph(line, style=title_style, center=True))
    parts.append(f"<p class=MsoNormal><span lang=EN-US style='{BODY_FONT}'><o:p>&nbsp;</o:p></span></p>\n")
    for block in model.blocks:
        parts.append(_word_block(block))
    for line in model.signature:
        parts.append(f"<p class=MsoNormal align=right style='text-align:right'>{word_runs(line, BODY_FONT)}"
                     f"<span lang=EN-US style='{BODY_FONT}'><o:p></o:p></span></p>\n")
    parts.append(WORD_TAIL)
    return wrap_like_word("".join(parts))


def _word_block(block: Block) -> str:
    if block.kind == "heading":
        anchor = f"<a name=\"_Toc{block.number:04d}\"></a>" if block.number else ""
        style = "font-size:16.0pt;font-family:黑体;mso-hansi-font-family:\"Times New Roman\""
        return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>{anchor}<b>"
                f"{word_runs(block.text, style)}<span lang=EN-US style='{style}'><o:p></o:p></span></b></p>\n")
    if block.kind == "subheading":
        style = "font-size:16.0pt;font-family:楷体_GB2312"
        return word_paragraph(block.text, style=style)
    if block.kind == "paragraph":
        return word_paragraph(block.text)
    return word_table(block.grid, misaligned_row=block.grid.name == "applications")


# ---------------------------------------------------------------------------
# CMS article page
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CmsOptions:
    charset_decl: str = "meta-charset"  # meta-charset | http-equiv | none
    declared: str = "utf-8"  # the charset the page says it is in
    headings: str = "h2"  # h2 | strong
    layout_table: bool = False
    site: str = "某某市人民政府"
    pub_date: str = "2024-01-20 09:30"


def _charset_tag(opts: CmsOptions) -> str:
    if opts.charset_decl == "meta-charset":
        return f'<meta charset="{opts.declared}">'
    if opts.charset_decl == "http-equiv":
        return f'<meta http-equiv="Content-Type" content="text/html; charset={opts.declared}">'
    return ""


def cms_head(model: ReportModel, opts: CmsOptions) -> str:
    title = esc(model.title)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{_charset_tag(opts)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}_年度报告_{esc(opts.site)}</title>
<meta name="SiteName" content="{esc(opts.site)}">
<meta name="SiteDomain" content="www.example.gov.cn">
<meta name="SiteIDCode" content="6100000001">
<meta name="ColumnName" content="年度报告">
<meta name="ColumnType" content="政府信息公开年报">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{opts.pub_date}">
<meta name="ContentSource" content="本站">
<link rel="stylesheet" href="/images/common.css">
<script src="/js/jquery-1.12.4.min.js"></script>
<script>
  var _hmt = _hmt || [];
  (function() {{ var hm = document.createElement("script"); hm.src = "/stat/hm.js?0123456789";
    var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); }})();
  var pageTemplate = "<table class='tpl'><tr><td>模板占位：一、总体情况</td></tr></table>";
</script>
<style>.TRS_Editor table {{ border-collapse: collapse; }} .share a {{ margin: 0 4px; }}</style>
</head>
"""


def cms_header(opts: CmsOptions) -> str:
    nav = ["首页", "政务公开", "政府信息公开", "政务服务", "互动交流", "走进本市"]
    items = "".join(f'<li><a href="/{i}/">{esc(n)}</a></li>' for i, n in enumerate(nav))
    return f"""<div class="top-bar"><span>今天是：<span id="today"></span></span>
<a href="javascript:void(0)" id="wza">无障碍浏览</a> | <a href="javascript:void(0)">长者模式</a> | <a href="/login">登录</a></div>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{esc(opts.site)}"></a></div>
<div class="search"><form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">{items}</ul></div>
"""


BREADCRUMB = ('<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; '
              '<a href="/zwgk/ndbg/">年度报告</a></div>\n')


def cms_sidebar(nested_table: bool = False) -> str:
    links = ["中国政府网", "省人民政府", "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
    if nested_table:
        rows = "".join(f'<tr><td><a href="/link/{i}">{esc(t)}</a></td></tr>' for i, t in enumerate(links))
        return f'<table class="side-links" width="100%"><tr><th>相关链接</th></tr>{rows}</table>\n'
    items = "".join(f'<li><a href="/link/{i}">{esc(t)}</a></li>' for i, t in enumerate(links))
    return f'<div class="sidebar"><h3>相关链接</h3><ul>{items}</ul></div>\n'


def cms_footer(opts: CmsOptions) -> str:
    return f"""<div class="share">分享到：<a class="wx" href="javascript:void(0)">微信</a>
<a class="wb" href="javascript:void(0)">微博</a> <a class="qq" href="javascript:void(0)">QQ空间</a></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="footer"><p>主办：{esc(opts.site)}办公室 承办：市大数据中心 <span>技术支持：某某网络科技有限公司</span></p>
<p>网站标识码：6100000001 <a href="https://beian.miit.gov.cn/">陕ICP备05001612号-1</a>
<a href="/ga">陕公网安备 61010302000123号</a></p>
<p><span id="_ideConac"><img src="/images/red.png" alt="党政机关"></span></p></div>
<script src="/js/share.js"></script>
<script>document.write('<span id="hits">浏览次数：0</span>'); if (a < b && b > c) {{ void 0; }}</script>
<noscript>您的浏览器不支持脚本，本页部分功能无法使用。</noscript>
"""


def cms_cell(cell: GridCell, header_rows: int) -> str:
    tag = "td"
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
        f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    if not cell.text:
        return f"<{tag}{spans}>&nbsp;</{tag}>"
    text = esc(cell.text)
    cut = br_point(cell.text) if cell.role in ("label", "header") else None
    if cut is not None:
        text = f"{esc(cell.text[:cut])}<br>{esc(cell.text[cut:])}"
    if cell.role == "value":
        return f'<{tag}{spans} style="text-align:center;">{text}</{tag}>'
    return f'<{tag}{spans}><p style="text-align:center;"><span style="font-family:宋体;font-size:14px;">{text}</span></p></{tag}>'


def cms_table(grid: Grid) -> str:
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%" data-sort="sortDisabled">', "<tbody>"]
    for row in grid.rows():
        out.append("<tr>" + "".join(cms_cell(c, grid.header_rows) for c in row) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"


def cms_block(block: Block, opts: CmsOptions) -> str:
    if block.kind == "heading":
        if opts.headings == "h2":
            return f"<h2>{esc(block.text)}</h2>\n"
        return f'<p style="text-indent:2em;"><strong>{esc(block.text)}</strong></p>\n'
    if block.kind == "subheading":
        return f'<p style="text-indent:2em;"><strong><span style="font-family:楷体;">{esc(block.text)}</span></strong></p>\n'
    if block.kind == "paragraph":
        return f'<p style="text-indent:2em;">{esc(block.text)}</p>\n'
    table = cms_table(block.grid)
    if opts.layout_table and block.grid.name == "appeals":  # an editor's one-cell wrapper table
        return f'<table width="100%" class="wrap"><tr><td>\n{table}</td></tr></table>\n'
    return f'<div class="table-wrap" style="overflow-x:auto;">\n{table}</div>\n'


def cms_article(model: ReportModel, opts: CmsOptions) -> str:
    body = "".join(cms_block(b, opts) for b in model.blocks)
    sign = "".join(f'<p style="text-align:right;">{esc(s)}</p>\n' for s in model.signature)
    return f"""<div class="article">
<h1 class="article-title">{esc(model.title)}</h1>
<div class="article-info">发布时间：{opts.pub_date} 来源：本站 编辑：王赟 字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]</div>
<div class="article-content">
<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{{margin-top:0;margin-bottom:12px;line-height:2;font-family:宋体;font-size:12pt;}}.TRS_Editor TD{{font-size:12pt;}}</style>
{body}{sign}</div>
</div>
<div class="attachments">附件：无</div>
</div>
"""


def cms_html(model: ReportModel, opts: CmsOptions = CmsOptions()) -> str:
    head = cms_head(model, opts)
    article = cms_article(model, opts)
    if opts.layout_table:
        body = f"""<body>
<table width="1000" align="center" border="0" cellspacing="0" cellpadding="0" class="layout">
<tr><td colspan="2">{cms_header(opts)}</td></tr>
<tr><td colspan="2">{BREADCRUMB}</td></tr>
<tr><td width="240" valign="top">{cms_sidebar(nested_table=True)}</td>
<td valign="top">{article}</td></tr>
<tr><td colspan="2">{cms_footer(opts)}</td></tr>
</table>
</body>
</html>
"""
    else:
        body = f"""<body>
{cms_header(opts)}{BREADCRUMB}<div class="main">
{cms_sidebar()}<div class="content">
{article}</div>
</div>
{cms_footer(opts)}</body>
</html>
"""
    return head + body


# ---------------------------------------------------------------------------
# bytes
# ---------------------------------------------------------------------------


def encode_page(text: str, encoding: str) -> bytes:
    """Encode as a publisher would: characters the charset lacks become &#NNNN;.

    ``gb2312`` is written as GBK bytes: every CMS and browser treats the label
    ``gb2312`` as GBK (WHATWG Encoding), so pages labelled gb2312 carry GBK-only
    characters such as 釆 or 赟.
    """
    codec = "gbk" if encoding.lower() in ("gb2312", "gbk") else encoding
    return text.encode(codec, errors="xmlcharrefreplace")


# ---------------------------------------------------------------------------
# a huge page, made at test time (never committed)
# ---------------------------------------------------------------------------


def huge_html(model: ReportModel, target_bytes: int = 50 * 1024 * 1024) -> bytes:
    """A CMS page of about ``target_bytes``: the real report, then filler.

    The filler is what bloats real pages: pasted Word markup in thousands of
    paragraphs and a long comment list in a table.  The report tables come
    first, so a reader that stops early still finds them.
    """
    page = cms_html(model).encode("utf-8")
    cut = page.rindex(b"</div>\n<div class=\"attachments\">")
    filler_row = ("<tr><td>网友留言：请问本年度报告中的数据何时更新？</td><td>2024-01-21</td>"
                  "<td><p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp;</span>已回复<o:p></o:p></p></td></tr>\n").encode()
    para = ("<p class=MsoNormal style='text-indent:2em'><span lang=EN-US>2023</span><span>年，本单位持续推进政务公开"
            "</span><span>标准化规范化建设。</span><o:p></o:p></p>\n").encode()
    chunks = [page[:cut]]
    size = len(page)
    rows: list[bytes] = [b'<table class="comments">\n']
    while size < target_bytes:
        rows.append(filler_row)
        chunks.append(para)
        size += len(filler_row) + len(para)
    rows.append(b"</table>\n")
    return b"".join(chunks) + b"".join(rows) + page[cut:]


# ---------------------------------------------------------------------------
# Word wraps its HTML source at about 80 columns, also between two CJK
# characters; browsers may then show a space there (Chrome does, Firefox
# does not).  Readers must drop whitespace between CJK characters.
# ---------------------------------------------------------------------------

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def wrap_like_word(text: str, width: int = 78) -> str:
    out_lines = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = _wrap_point(line, width)
            if cut is None:
                break
            out_lines.append(line[:cut])
            line = line[cut:]
        out_lines.append(line)
    return "\n".join(out_lines)


def _wrap_point(line: str, width: int) -> int | None:
    in_tag = False
    best = None
    for i, ch in enumerate(line):
        if i > width and best is not None:
            return best
        if ch == "<":
            in_tag = True
        elif ch == ">":
            in_tag = False
            best = i + 1 if i + 1 < len(line) else best
        elif not in_tag and i > 0 and _CJK.match(ch) and _CJK.match(line[i - 1]) and i >= width // 2:
            best = i
        elif in_tag and ch == " " and i >= width // 2:
            best = i + 1  # between attributes, as Word does
    return best if best and best < len(line) else None
