"""Issue 11: gialint never deletes, executes or loses anything it was not
asked to.  Each defect found by hostile testing has its reproduction here:
``clean`` on a directory that is not gialint's, a poisoned cache entry, fixes
that undo each other, two concurrent ``--fix`` runs, rule packs and
configuration files without limits, and ``formats:`` matching the other
official format."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.util import cachedir, diskcache
from gialint.cli import main

from tests.helpers import FIXTURES, seed_path
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT
CLEAN2023 = ROOT / "examples" / "reports" / "clean-2023.md"


def _gialint(*args: str, cache: Path | None = None, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GIALINT_NO_CACHE", None)
    if cache is not None:
        env["GIALINT_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-m", "gialint", *args], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=timeout)


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every path below ``root`` with its content (files) or link target."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            full = Path(dirpath) / name
            rel = str(full.relative_to(root))
            if full.is_symlink():
                out[rel] = "-> " + os.readlink(full)
            elif full.is_file():
                out[rel] = full.read_bytes()
            else:
                out[rel] = "dir"
    return out


# --- 1. clean removes nothing but gialint's own entries --------------------------------


def test_clean_refuses_a_home_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "docs").mkdir(parents=True)
    (home / "docs" / "thesis.txt").write_text("precious", encoding="utf-8")
    (home / "notes.cache").write_text("mine", encoding="utf-8")  # named like a cache entry
    (home / "results").mkdir()  # and a folder named like the result cache
    before = _snapshot(home)
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(home))
    r = CliRunner().invoke(main, ["clean"])
    assert r.exit_code == 2
    assert str(home) in r.output and "CACHEDIR.TAG" in r.output
    assert _snapshot(home) == before


def test_check_does_not_take_over_a_foreign_directory(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "docs").mkdir(parents=True)
    (home / "docs" / "a.txt").write_text("x", encoding="utf-8")
    before = _snapshot(home)
    r = _gialint("check", "--isolated", str(CLEAN2023), cache=home)
    assert r.returncode == 0, r.stderr
    assert "不使用缓存目录" in r.stderr and str(home) in r.stderr
    assert _snapshot(home) == before  # no tag written, no entry stored


def test_clean_removes_only_its_own_entries_from_a_tagged_directory(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _gialint("check", "--isolated", str(CLEAN2023), cache=cache).returncode == 0
    assert cachedir.is_tagged(cache) and any(cache.glob("yaml-*.json")) and any((cache / "results").rglob("*.json"))
    outside = tmp_path / "outside.txt"
    outside.write_text("not gialint's", encoding="utf-8")
    foreign = {"mine.txt": b"user data", "results/ab/keep.me": b"1", "yaml-notahash.json": b"{}"}
    for rel, data in foreign.items():
        (cache / rel).parent.mkdir(parents=True, exist_ok=True)
        (cache / rel).write_bytes(data)
    os.symlink(outside, cache / ("yaml-" + "0" * 24 + ".json"))  # a link named like an entry
    r = _gialint("clean", cache=cache)
    assert r.returncode == 0, r.stderr
    left = _snapshot(cache)
    assert {rel: left.get(rel) for rel in foreign} == foreign
    assert left["yaml-" + "0" * 24 + ".json"] == "-> " + str(outside)
    assert outside.read_text(encoding="utf-8") == "not gialint's"
    assert not any(isinstance(v, bytes) and cachedir.own_entry(rel) for rel, v in left.items() if rel != "CACHEDIR.TAG")
    assert "保留" in r.stderr


def test_clean_of_a_pure_cache_removes_the_directory(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _gialint("check", "--isolated", str(CLEAN2023), cache=cache).returncode == 0
    r = _gialint("clean", cache=cache)
    assert r.returncode == 0 and "已删除" in r.stdout and not cache.exists()


def test_clean_removes_the_views_kept_for_the_review_page(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    page = tmp_path / "review.html"
    assert _gialint("check", "--isolated", "--format", "html", "-o", str(page), str(CLEAN2023), cache=cache).returncode == 0
    assert list((cache / "results").rglob("*.view.json")) and page.exists()
    r = _gialint("clean", cache=cache)
    assert r.returncode == 0 and not cache.exists()


_NAMES = ["CACHEDIR.TAG", "results", "ab", "yaml-" + "a" * 24 + ".json", "grammar-" + "b" * 24 + ".lark.cache",
          "c" * 64 + ".json", ".tmp-abc.part", "notes.txt", "yaml-x.json", "results.bak", "0f", "README.md"]


def test_clean_on_arbitrary_trees_removes_only_gialint_entries(tmp_path_factory: pytest.TempPathFactory) -> None:
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    paths = st.lists(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3).map("/".join), min_size=1, max_size=12)

    @hypothesis.settings(max_examples=60, deadline=None)
    @hypothesis.given(paths, st.booleans())
    def run(rels: list[str], tagged: bool) -> None:
        root = tmp_path_factory.mktemp("tree")
        for rel in rels:
            target = root / rel
            if any(p.is_file() for p in [*target.parents, target] if p != root and root in p.parents):
                continue  # a file where a folder is wanted: skip this path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                target.write_bytes(rel.encode())
        if tagged and not (root / "CACHEDIR.TAG").exists():
            (root / "CACHEDIR.TAG").write_text(cachedir.TAG_TEXT, encoding="ascii")
        before = _snapshot(root)
        cleaned = cachedir.is_tagged(root)
        if cleaned:
            cachedir.clean(root)
        after = _snapshot(root) if root.exists() else {}
        for rel, value in before.items():
            mine = value != "dir" and cachedir.own_entry(rel)
            if not mine and value != "dir":
                assert after.get(rel) == value, f"{rel} was removed or changed"
            if mine and cleaned and rel != "CACHEDIR.TAG":
                assert rel not in after

    run()


# --- 2. nothing read from the cache runs code -------------------------------------------


class _Payload:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"echo ran > {self.marker}",))


def test_a_poisoned_cache_runs_no_code(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    marker = tmp_path / "pwned"
    first = _gialint("check", "--isolated", str(seed_path("002")), cache=cache)
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != "CACHEDIR.TAG"]
    assert len(entries) > 5
    for p in entries:
        p.write_bytes(pickle.dumps(_Payload(str(marker))))
    # Old names too, in case a reader still looked for them.
    for name in ("grammar-" + "0" * 24 + ".lark.cache", "yaml-" + "0" * 24 + ".pickle"):
        (cache / name).write_bytes(pickle.dumps(_Payload(str(marker))))
    second = _gialint("check", "--isolated", str(seed_path("002")), cache=cache)
    assert not marker.exists()
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": 2, "entry": "another-name", "value": {"data": 1}}',  # an entry moved under another name
        b'{"format": 2, "entry": "NAME", "value": {"\\u0000evil": ["os.system", "id"]}}',  # an unknown tag
        b'{"format": 1, "entry": "NAME", "value": {}}',  # an old layout
        b"\x80\x04\x95garbage",
    ],
)
def test_an_entry_that_does_not_verify_is_a_miss(content: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cachedir, "_READY", {})
    name = "yaml-" + "1" * 24 + ".json"
    assert diskcache.store_data(name, {"rules": [1, (2, 3)]})
    assert diskcache.load_data(name) == {"rules": [1, (2, 3)]}
    (tmp_path / "c" / name).write_bytes(content.replace(b"NAME", name.encode()))
    assert diskcache.load_data(name) is None


def test_an_entry_that_is_a_link_or_a_fifo_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIALINT_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cachedir, "_READY", {})
    good = "yaml-" + "2" * 24 + ".json"
    assert diskcache.store_data(good, [1])
    link = "yaml-" + "3" * 24 + ".json"
    os.symlink(tmp_path / "c" / good, tmp_path / "c" / link)
    assert diskcache.load_data(link) is None
    fifo = "yaml-" + "4" * 24 + ".json"
    os.mkfifo(tmp_path / "c" / fifo)
    assert diskcache.load_data(fifo) is None  # returns at once: no open() that waits for a writer


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o707])
def test_a_cache_directory_writable_by_others_is_refused(mode: int, tmp_path: Path) -> None:
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(mode)
    r = _gialint("check", "--isolated", str(CLEAN2023), cache=cache)
    assert r.returncode == 0
    assert "不使用缓存目录" in r.stderr and "写入" in r.stderr
    assert list(cache.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a directory's owner needs root")
def test_a_cache_directory_owned_by_another_user_is_refused(tmp_path: Path) -> None:
    cache = tmp_path / "theirs"
    cache.mkdir(mode=0o700)
    os.chown(cache, 65534, 65534)
    r = _gialint("check", "--isolated", str(CLEAN2023), cache=cache)
    assert r.returncode == 0 and "属于其他用户" in r.stderr
    assert list(cache.iterdir()) == []


def test_new_cache_folders_are_private(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    assert _gialint("check", "--isolated", str(CLEAN2023), cache=cache).returncode == 0
    for d in [cache, *(p for p in cache.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(d.stat().st_mode) & 0o077 == 0, d


# --- 3. --fix converges and never changes a number ---------------------------------------


def _without_headings(*numerals: str) -> str:
    lines = CLEAN2023.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(ln for ln in lines if not any(ln.startswith(f"## {n}、") for n in numerals))


def test_fix_never_renames_a_row_into_another_tables_header(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text(_without_headings("三", "四"), encoding="utf-8")
    original = report.read_bytes()
    r = _gialint("check", "--isolated", "--no-cache", "--format", "json", "--fix", str(report))
    assert report.read_bytes() == original  # nothing certain to fix: the headings are missing, not misnamed
    findings = json.loads(r.stdout)
    assert {f["rule"] for f in findings} == {"GIA101"}
    assert not [f for f in findings if f["fix"] and "行政复议" in f["fix"]["replacement"]]


def test_a_misplaced_official_label_gets_a_suggestion_not_a_certain_fix() -> None:
    from gialint.linting.engine import Linter
    from gialint.plugins.assemble import load_ruleset
    from gialint.load.decode import from_text

    text = CLEAN2023.read_text(encoding="utf-8").replace("| 行政处罚 | 8 |", "| 行政许可 | 8 |", 1)
    findings = Linter(load_ruleset()).lint_source(from_text(text, "r.md"))
    hits = [f for f in findings if f.rule == "GIA201" and "行政许可" in f.message]
    assert hits, findings
    assert all(f.fix is not None and not f.fix.certain for f in hits)


class _Toggling:
    """A linter whose certain fixes undo each other: 甲 → 乙, then 乙 → 甲."""

    def lint_source(self, source, explicit=True, **kwargs):  # type: ignore[no-untyped-def]
        from gialint.model.span import Span
        from gialint.model.findings import Finding, Fix

        word, other = ("甲", "乙") if "甲" in source.text else ("乙", "甲")
        col = source.text.index(word) + 1
        span = Span(1, col, 1, col + 1)
        return [Finding(source.path, 1, col, 1, col + 1, "X001", "x", "wording", "error", "m", Fix(other, span, True))]


def test_fixes_that_cycle_write_nothing(tmp_path: Path) -> None:
    from gialint.linting.fix import fix_source
    from gialint.load.decode import from_text

    src = from_text("报告甲\n", str(tmp_path / "r.txt"))
    outcome = fix_source(_Toggling(), src)  # type: ignore[arg-type]
    assert outcome.unstable and "抵消" in outcome.unstable
    assert outcome.source.raw == src.raw and not outcome.changed


def test_check_fix_reports_fixes_that_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gialint.linting import fix as fixmod

    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("002").read_bytes())
    original = report.read_bytes()
    real = fixmod.fix_source

    def cycling(linter, source, explicit=True):  # type: ignore[no-untyped-def]
        outcome = real(linter, source, explicit)
        outcome.unstable = "各项修复相互抵消（再次检查后又要改回）"
        outcome.source = source
        return outcome

    monkeypatch.setattr(fixmod, "fix_source", cycling)
    r = CliRunner().invoke(main, ["check", "--isolated", "--fix", str(report)])
    assert report.read_bytes() == original
    assert "未写入修复" in r.output and "抵消" in r.output


def test_a_fix_that_would_delete_a_number_is_not_applied() -> None:
    from gialint.model.span import Span
    from gialint.model.findings import Finding, Fix
    from gialint.linting.fix import splice
    from gialint.load.decode import from_text

    src = from_text("共收到申请26件\n")
    f = Finding("<t>", 1, 1, 1, 9, "X1", "x", "wording", "warning", "m", Fix("", Span(1, 6, 1, 9), True))
    assert splice(src, [f]) is None  # "26件" is not a conversion marker
    marker = from_text("[bookmark: bookmark29]正文\n")
    g = Finding("<t>", 1, 1, 1, 23, "X1", "x", "wording", "warning", "m", Fix("", Span(1, 1, 1, 23), True))
    assert splice(marker, [g]) is not None


# --- 4. two --fix runs on one file lose nothing -------------------------------------------

_SLOW_FIX = textwrap.dedent(
    """
    import os, sys, time
    real_replace = os.replace
    def slow_replace(src, dst, *a, **k):
        if sys.argv[2] != "-" and os.path.basename(str(dst)) == os.path.basename(sys.argv[1]):
            open(sys.argv[2], "w").close()  # tell the test: inside the window
            time.sleep(3)  # between the comparison and the replace
        return real_replace(src, dst, *a, **k)
    os.replace = slow_replace
    from gialint.cli import main
    main(["check", "--isolated", "--no-cache", "--fix", "--select", sys.argv[3], sys.argv[1]])
    """
)


@pytest.mark.slow  # waits 3 s inside the other run's write
@pytest.mark.skipif(os.name == "nt", reason="POSIX file locks")
def test_concurrent_fix_runs_lose_no_edit(tmp_path: Path) -> None:
    import time

    report = tmp_path / "r.txt"
    report.write_bytes(seed_path("002").read_bytes())  # 钩稽 (GIA702) and a misnamed row (GIA201)
    ready = tmp_path / "ready"
    env = dict(os.environ, NO_COLOR="1", GIALINT_CACHE_DIR=str(tmp_path / "c"))
    first = subprocess.Popen([sys.executable, "-c", _SLOW_FIX, str(report), str(ready), "GIA702"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), first.communicate()
    # The first run has compared and is about to replace; the second one reads
    # the same original bytes now.
    second = subprocess.run([sys.executable, "-c", _SLOW_FIX, str(report), "-", "GIA201"], env=env, capture_output=True, text=True, timeout=120)
    first.communicate(timeout=120)
    text = report.read_text(encoding="utf-8")
    assert "勾稽" in text and "钩稽" not in text  # the first run's fix was written …
    # … and the second one's either too, or it said that the file changed.
    assert "6.属于四类过程性信息" in text or "被修改" in second.stderr, second.stderr


# --- 5. rule packs and configuration files are read with limits -------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_as_rule_pack_or_configuration_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("rules: [/dev/zero]\n", encoding="utf-8")
    for args in (["--config", str(tmp_path / "cfg.yaml")], ["--isolated", "--rules", "/dev/zero"], ["--config", "/dev/zero"]):
        r = _gialint("check", *args, str(CLEAN2023), timeout=60)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr and ("不是普通文件" in r.stderr), r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_rule_pack_or_configuration_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    (tmp_path / ".gialint.yaml").write_text("rules: [pack.yaml]\n", encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_bytes(CLEAN2023.read_bytes())
    for args in (["--isolated", "--rules", str(fifo)], [], ["--config", str(fifo)]):
        r = _gialint("check", *args, str(report), cwd=tmp_path, timeout=60)
        assert r.returncode == 2 and "不是普通文件" in r.stderr, (args, r.stderr)


def test_an_oversized_rule_pack_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (diskcache.MAX_ENTRY_BYTES // 64) + "\n", encoding="utf-8")
    r = _gialint("check", "--isolated", "--rules", str(big), str(CLEAN2023), timeout=60)
    assert r.returncode == 2 and "超过上限" in r.stderr and str(big) in r.stderr


def test_a_slow_yaml_document_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gialint.util import budget, yamlfile

    if not budget.available():
        pytest.skip("no SIGALRM here")
    monkeypatch.setattr(yamlfile, "PARSE_TIMEOUT", 0.05)
    text = "rules:\n" + "".join(f"  - {{code: X{i}, name: n{i}}}\n" for i in range(20000))
    with pytest.raises(yamlfile.YamlError, match="时限"):
        yamlfile._load(text, "slow.yaml")


def test_an_oversized_configuration_is_refused(tmp_path: Path) -> None:
    cfg = tmp_path / ".gialint.yaml"
    cfg.write_text("# " + "x" * (2 * 1024 * 1024) + "\nignore: []\n", encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_bytes(CLEAN2023.read_bytes())
    r = _gialint("check", str(report), cwd=tmp_path, timeout=60)
    assert r.returncode == 2 and "超过上限" in r.stderr and "Traceback" not in r.stderr


# --- 6. formats: a rule for one official format never runs on the other -------------------


def _format_rule(tmp_path: Path, formats: str) -> Path:
    pack = tmp_path / f"pack-{formats}.yaml"
    pack.write_text(
        textwrap.dedent(
            f"""\
            - code: FM001
              name: format-limited
              category: wording
              severity: warning
              kind: requires
              section: 1
              formats: [{formats}]
              any: ['不会出现的词语']
              summary: 仅限 {formats} 的规则
            """
        ),
        encoding="utf-8",
    )
    return pack


@pytest.mark.parametrize(
    ("formats", "report", "fires"),
    [
        ("v2021", FIXTURES / "shapes" / "clean2023_tab.txt", True),
        ("v2021", FIXTURES / "shapes" / "clean2020_tab.txt", False),  # v2019 extends v2021 in the data only
        ("v2019", FIXTURES / "shapes" / "clean2020_tab.txt", True),
        ("v2019", FIXTURES / "shapes" / "clean2023_tab.txt", False),
    ],
)
def test_formats_limits_a_rule_to_one_official_format(formats: str, report: Path, fires: bool, tmp_path: Path) -> None:
    from gialint.linting.engine import Linter
    from gialint.plugins.assemble import load_ruleset
    from gialint.load.loader import read

    linter = Linter(load_ruleset([str(_format_rule(tmp_path, formats))]))
    codes = {f.rule for f in linter.lint_source(read(report))}
    assert ("FM001" in codes) is fires
