"""The page around the overview and the reports: the head with the style
sheet (``page.css``, screen and print) and a Content-Security-Policy that
forbids every network request, the bar with the filters, and the script
(``page.js``: filters, sortable tables, markers and notes lit together,
``n``/``p`` to step through the findings).  Both files ship in the package
and are inlined, so the page is one self-contained file."""

from __future__ import annotations

from functools import lru_cache

from gialint.output.html.common import esc
from gialint.util.version import __version__

# Nothing may be fetched: inline style and script only, images only as data.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """A file shipped beside this module (``page.css``, ``page.js``)."""
    from importlib import resources

    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def head(files: int, last: int, filters: str) -> str:
    """Everything before the overview; ``last`` is the number of the last
    report (its "next" link is hidden)."""
    hide_next = f"#r{last} .next{{display:none}}" if last else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f'<meta name="generator" content="gialint {esc(__version__)}">\n'
        f"<title>gialint 审阅报告：{files} 个文件</title>\n"
        f"<style>\n{asset('page.css')}{hide_next}\n</style>\n</head>\n"
        '<body class="nojs">\n<a class="skip" href="#main">跳到正文</a>\n'
        '<header class="bar"><p class="brand"><strong>gialint 审阅报告</strong> '
        "<span>政府信息公开工作年度报告合规检查</span></p>"
        '<nav class="top" aria-label="页面导航"><a href="#overview">总览</a> <a href="#files-h">文件列表</a></nav>'
        f'{filters}<p class="keys">键盘：<kbd>n</kbd> 下一个问题 · <kbd>p</kbd> 上一个问题 · <kbd>Esc</kbd> 返回总览</p></header>\n'
        '<main id="main">\n'
    )


def tail() -> str:
    return (
        "</main>\n"
        f'<footer><p>由 gialint {esc(__version__)} 生成。本页是一个独立文件，不访问网络；'
        "打开一份报告后打印，即得该报告的审阅单。</p></footer>\n"
        f"<script>\n{asset('page.js')}</script>\n</body>\n</html>\n"
    )
