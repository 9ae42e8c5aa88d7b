"""The review page (``--format html``) in a real browser: Debian's headless
Chromium, driven by Playwright for Python (docs/html.md says why).

The page for the seed reports (and one with failed sums, and one file that
is not a report) is loaded; the test fails on any network request the page
makes, any blocked fetch, any script error.  Every finding's marker is
found, visible, in its report; the filters change what is shown; the keyboard
steps through the findings; the page reads at a narrow width (zoom) and
prints as a review sheet; without JavaScript the reports are still there.
Screenshots of the overview and of one report (and the printed sheet as
PDF) are written under the test's output and their paths printed.

Skipped, with the reason, where Chromium or Playwright is missing
(``.ci/run`` installs Chromium where it can: ``apt-get install chromium``)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import FIXTURES, SEEDS

pytestmark = pytest.mark.slow

# Flags that work in the sandbox (as root, no GPU, no network wanted).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
ARITHMETIC = FIXTURES / "html" / "arithmetic2023.txt"


def chromium() -> str | None:
    for candidate in (os.environ.get("GIALINT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The page and, per report file, the findings the JSON output lists."""
    out = tmp_path_factory.mktemp("html")
    binary = out / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\x03 not text")
    paths = [str(SEEDS), str(ARITHMETIC), str(binary)]
    page = out / "review.html"
    runner = CliRunner()
    r = runner.invoke(main, ["check", "--no-progress", "--format", "html", "-o", str(page), *paths])
    assert r.exit_code == 1, r.output
    data = json.loads(runner.invoke(main, ["check", "--no-progress", "--format", "json", *paths]).stdout)
    by_path: dict[str, list[tuple[str, int]]] = {}
    for f in data:
        by_path.setdefault(f["path"], []).append((f["rule"], f["line"]))
    return {"page": page, "url": page.as_uri(), "findings": by_path, "out": out}


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]'): browser tests of the review page skipped")
    if chromium() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does it where it can): browser tests of the review page skipped")
    with sync_playwright() as p:
        yield p


class Browser:
    """A browser context on a fresh profile that records every request other
    than the page's own file, every blocked fetch and every script error."""

    def __init__(self, playwright: Any, profile: Path, page_url: str, **options: Any) -> None:
        self.page_url = page_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium(), headless=True, args=FLAGS, **options
        )
        self.context.route("**/*", self._route)
        self.context.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.blockedURI || e.violatedDirective));"
        )

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.split("#")[0] == self.page_url:
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def page(self) -> Any:
        page = self.context.new_page()
        page.on("request", lambda r: None if r.url.split("#")[0] == self.page_url else self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.goto(self.page_url, wait_until="load")
        return page

    def assert_quiet(self, page: Any) -> None:
        assert self.requests == [], "the page made network requests"
        assert page.evaluate("window.__violations") in ([], None), "the page tried to fetch something"
        assert self.errors == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def browser(playwright: Any, built: dict[str, Any], tmp_path: Path) -> Iterator[Browser]:
    b = Browser(playwright, tmp_path / "profile", built["url"], viewport={"width": 1400, "height": 1000})
    yield b
    b.close()


def open_report(page: Any, n: int) -> None:
    # (Functions, not expressions: the page's CSP forbids eval, which
    # Playwright would use for an expression.)
    page.evaluate("n => { location.hash = '#r' + n; }", n)
    page.wait_for_function("n => document.getElementById('r' + n).checkVisibility()", arg=n)


REPORT_STATE = """n => {
  const s = document.getElementById('r' + n);
  const notes = [...s.querySelectorAll('aside.note')];
  const missing = [];
  for (const note of notes) {
    const fid = note.dataset.f;
    const marks = [...s.querySelectorAll('.mk[data-f~="' + fid + '"]')].filter(m => m.checkVisibility());
    if (!marks.length) missing.push('marker ' + fid);
    if (!note.checkVisibility()) missing.push('note ' + fid);
    if (!document.getElementById('m' + fid)) missing.push('anchor ' + fid);
  }
  return {path: s.querySelector('.path code').textContent, shown: s.checkVisibility(),
          overview: document.getElementById('overview').checkVisibility(),
          notes: notes.map(x => [x.dataset.rule, Number(x.dataset.line)]), missing: missing};
}"""


def reports(page: Any) -> int:
    return int(page.evaluate("document.querySelectorAll('section.report').length"))


def number_of(page: Any, part: str) -> int:
    """The number of the report whose path holds ``part``."""
    paths = page.evaluate("[...document.querySelectorAll('section.report .path code')].map(c => c.textContent)")
    return next(k for k, path in enumerate(paths, 1) if part in path)


def test_every_finding_has_a_visible_marker_and_nothing_is_fetched(browser: Browser, built: dict[str, Any]) -> None:
    page = browser.page()
    assert page.locator("#overview").is_visible()
    n = reports(page)
    assert n == len(list(SEEDS.glob("*.txt"))) + 2
    seen = set()
    for k in range(1, n + 1):
        open_report(page, k)
        state = page.evaluate(REPORT_STATE, k)
        assert state["shown"] and not state["overview"]
        assert state["missing"] == [], state["path"]
        assert sorted(map(tuple, state["notes"])) == sorted(built["findings"].get(state["path"], [])), state["path"]
        seen.add(state["path"])
    assert set(built["findings"]) <= seen
    # A note's link leads to its marker, in the same report.
    k = number_of(page, "002_")
    open_report(page, k)
    page.locator(f"#r{k} aside.note a.loc").first.click()
    assert page.evaluate("document.querySelector(':target').id").startswith(f"m{k}-")
    assert page.locator(f"#r{k}").is_visible()
    # A file that is not a report: its finding is listed for the whole file, and marked.
    k = number_of(page, "scan.txt")
    open_report(page, k)
    assert page.locator(f"#r{k} .whole aside.mk[data-rule=GIA001]").is_visible()
    browser.assert_quiet(page)


def test_filters_change_what_is_shown(browser: Browser, built: dict[str, Any]) -> None:
    page = browser.page()
    target = number_of(page, "000_")
    open_report(page, target)

    def visible(selector: str) -> int:
        return int(page.evaluate(f"[...document.querySelectorAll('#r{target} {selector}')].filter(x => x.checkVisibility()).length"))

    def shown_count() -> str:
        return page.locator("#shown").inner_text()

    total = sum(len(v) for v in built["findings"].values())
    assert shown_count() == f"显示 {total} / {total} 个问题"
    before = visible("aside.note")
    assert before == len(built["findings"][str(SEEDS / "000_d01d6110a0d52b3f.txt")]) == 28
    warnings = visible("aside.note[data-sev=warning]")
    assert warnings > 0
    page.locator("#filters input[name=sev][value=warning]").uncheck()
    assert visible("aside.note") == before - warnings
    assert visible("aside.note[data-sev=warning]") == 0
    assert visible("mark.mk.off") > 0  # warning markers lose their colour
    assert shown_count() != f"显示 {total} / {total} 个问题"
    # The file list follows: a file with warnings only is hidden, the counts show what remains.
    only_warnings = page.evaluate("[...document.querySelectorAll('#files tbody tr')].filter(r => r.dataset.fs && !/:e:/.test(r.dataset.fs)).map(r => r.checkVisibility())")
    assert only_warnings and not any(only_warnings)
    row = page.locator(f"#files tbody tr[data-r='{target}'] td.shown")
    assert row.inner_text() == str(before - warnings)
    page.locator("#filters button[type=reset]").click()
    page.wait_for_function("t => document.getElementById('shown').textContent === t", arg=f"显示 {total} / {total} 个问题")
    assert visible("aside.note") == before
    # A category and a rule.
    page.locator("#filters details.dd").first.locator("summary").click()
    page.locator("#filters input[name=cat][value=value]").uncheck()
    assert visible("aside.note[data-cat=value]") == 0 and visible("aside.note") < before
    page.locator("#filters button[type=reset]").click()
    page.wait_for_function("t => document.getElementById('shown').textContent === t", arg=f"显示 {total} / {total} 个问题")
    page.locator("#filters details.dd").nth(1).locator("summary").click()
    page.locator("#filters input[name=rule][value=GIA701]").uncheck()
    assert visible("aside.note[data-rule=GIA701]") == 0 and visible("aside.note[data-rule=GIA401]") > 0
    browser.assert_quiet(page)


def test_keyboard_steps_through_findings_and_sorts_tables(browser: Browser) -> None:
    page = browser.page()
    k = number_of(page, "002_")
    open_report(page, k)
    page.keyboard.press("n")
    first = page.evaluate("document.activeElement.dataset.f")
    assert first and page.evaluate("document.activeElement.classList.contains('mk')")
    page.keyboard.press("n")
    second = page.evaluate("document.activeElement.dataset.f")
    assert second and second != first
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.dataset.f") == first
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.getElementById('overview').checkVisibility()")
    assert not page.locator(f"#r{k}").is_visible()
    # Sorting by keyboard: focus a column's button and press Enter.
    button = page.locator("#files thead th").nth(1).locator("button")
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("#files thead th").nth(1).get_attribute("aria-sort") == "ascending"
    names = page.evaluate("[...document.querySelectorAll('#files tbody tr td:nth-child(2)')].map(td => td.textContent)")
    assert names == sorted(names)
    browser.assert_quiet(page)


def test_screenshots_print_sheet_and_zoom(browser: Browser, built: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = browser.page()
    overview = tmp_path / "overview.png"
    page.screenshot(path=str(overview), full_page=True)
    busiest = number_of(page, "000_")  # the report with the most findings
    arithmetic = number_of(page, "arithmetic")
    open_report(page, busiest)
    report = tmp_path / "report.png"
    page.screenshot(path=str(report), full_page=True)
    open_report(page, arithmetic)
    page.locator(f"#r{arithmetic} p.rel").first.scroll_into_view_if_needed()
    page.locator(f"#r{arithmetic} p.rel .term").first.hover()
    assert page.evaluate(f"document.querySelectorAll('#r{arithmetic} td.hl').length") >= 1  # the term's cells lit
    relation = tmp_path / "relation.png"
    page.screenshot(path=str(relation))
    # Printed: the open report alone, as a review sheet.
    page.emulate_media(media="print")
    assert not page.locator(".bar").is_visible() and not page.locator("#overview").is_visible()
    assert page.locator(f"#r{arithmetic} .signoff").is_visible() and page.locator(f"#r{arithmetic} .doc").is_visible()
    sheet = tmp_path / "review-sheet.pdf"
    page.pdf(path=str(sheet), format="A4")
    assert sheet.read_bytes().startswith(b"%PDF")
    page.emulate_media(media="screen")
    # Zoomed (a narrow window): notes go under their text; nothing overflows the page sideways.
    page.set_viewport_size({"width": 560, "height": 900})
    open_report(page, busiest)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    columns = page.evaluate(f"getComputedStyle(document.querySelector('#r{busiest} .blk.has-notes')).gridTemplateColumns")
    assert len(columns.split()) == 1
    zoomed = tmp_path / "report-zoomed.png"
    page.screenshot(path=str(zoomed))
    for p in (overview, report, relation, zoomed):
        assert p.stat().st_size > 10_000
    with capsys.disabled():
        for p in (overview, report, relation, zoomed, sheet):
            print(f"\n  review page screenshot: {p}", end="")
        print()
    browser.assert_quiet(page)


def test_without_javascript_reports_are_still_readable(playwright: Any, built: dict[str, Any], tmp_path: Path) -> None:
    b = Browser(playwright, tmp_path / "profile", built["url"], java_script_enabled=False, viewport={"width": 1200, "height": 900})
    try:
        page = b.page()
        assert page.locator("#overview").is_visible() and not page.locator("#filters").is_visible()
        page.locator("#files tbody tr a").first.click()
        href = page.evaluate("location.hash")
        section = page.locator(f"section{href}")
        assert section.is_visible() and not page.locator("#overview").is_visible()
        assert section.locator(".doc .mk, .whole .mk").count() >= 1
        assert b.requests == [] and b.errors == []
    finally:
        b.close()
