"""A 50 MB web page made at test time (never committed), as
``tools/make_published.py``'s ``make_huge_html`` makes it (tests do not
import tools/): the committed CMS page of clean2023 with pasted Word markup
and a long comment table after the report, inside the article."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import PUBLISHED

FILLER_ROW = (
    "<tr><td>网友留言：请问本年度报告中的数据何时更新？</td><td>2024-01-21</td>"
    "<td><p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp;</span>已回复<o:p></o:p></p></td></tr>\n"
).encode()
PARAGRAPH = (
    "<p class=MsoNormal style='text-indent:2em'><span lang=EN-US>2023</span><span>年，本单位持续推进政务公开"
    "</span><span>标准化规范化建设。</span><o:p></o:p></p>\n"
).encode()


def make_huge_html(path: Path, target_bytes: int = 50 * 1024 * 1024) -> Path:
    page = (PUBLISHED / "html" / "clean2023.cms.html").read_bytes()
    cut = page.rindex(b'</div>\n<div class="attachments">')
    chunks, rows, size = [page[:cut]], [b'<table class="comments">\n'], len(page)
    while size < target_bytes:
        rows.append(FILLER_ROW)
        chunks.append(PARAGRAPH)
        size += len(FILLER_ROW) + len(PARAGRAPH)
    rows.append(b"</table>\n")
    path.write_bytes(b"".join(chunks) + b"".join(rows) + page[cut:])
    return path
