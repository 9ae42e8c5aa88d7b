"""The pre-commit hooks, installed with the real ``pre-commit`` into a fresh
git repository: a defective report is refused, a clean one accepted, and
``gialint-fix`` corrects seed 002's misnamed row in place."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import seed_path
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT
PRE_COMMIT = shutil.which("pre-commit", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")

pytestmark = pytest.mark.skipif(PRE_COMMIT is None or shutil.which("git") is None, reason="pre-commit (a test dependency) or git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "gialint test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "gialint test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(home)
    env["HOME"] = str(home.parent)  # no user git configuration
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    res = _run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd, env)
    return res


def _project_files() -> list[str]:
    """The working tree's files as git sees them (tracked and new, not ignored)."""
    res = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True)
    if res.returncode == 0 and res.stdout.strip():
        return [p for p in res.stdout.splitlines() if (ROOT / p).is_file()]
    skip = {".venv", ".venv-ci", ".git", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}
    return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and not (set(p.relative_to(ROOT).parts) & skip)]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("precommit") / "cache"
    d.mkdir()
    return d


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, home: Path) -> tuple[Path, str]:
    """A committed copy of this working tree: what pre-commit clones."""
    repo = tmp_path_factory.mktemp("hookrepo") / "gialint"
    for rel in _project_files():
        dest = repo / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest)
    env = _env(home)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        res = _git(repo, env, *args)
        assert res.returncode == 0, res.stderr
    sha = _git(repo, env, "rev-parse", "HEAD").stdout.strip()
    return repo, sha


def _new_project(tmp_path: Path, env: dict[str, str], hook_repo: tuple[Path, str] | None, hook: str) -> Path:
    proj = tmp_path / "reports"
    proj.mkdir()
    assert _git(proj, env, "init", "-q").returncode == 0
    if hook_repo is not None:
        repo, sha = hook_repo
        (proj / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n      - id: {hook}\n", encoding="utf-8")
        res = _run([PRE_COMMIT, "install"], proj, env)  # type: ignore[list-item]
        assert res.returncode == 0, res.stdout + res.stderr
        assert _git(proj, env, "add", ".pre-commit-config.yaml").returncode == 0
    return proj


def test_commit_of_defective_report_is_refused_and_clean_one_accepted(tmp_path: Path, home: Path, hook_repo: tuple[Path, str]) -> None:
    env = _env(home)
    proj = _new_project(tmp_path, env, hook_repo, "gialint")
    (proj / "README.md").write_text("# 年报仓库\n\n这里存放各年度报告。\n", encoding="utf-8")  # not a report: skipped
    shutil.copy(seed_path("002"), proj / "2019年报.txt")
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "defective report")
    out = res.stdout + res.stderr
    assert res.returncode != 0, out
    assert "GIA201" in out and "6.属于四类过程性信息" in out
    assert _git(proj, env, "rev-parse", "--verify", "HEAD").returncode != 0  # nothing committed

    _git(proj, env, "rm", "-q", "--cached", "2019年报.txt")
    (proj / "2019年报.txt").unlink()
    shutil.copy(ROOT / "examples" / "reports" / "clean-2023.md", proj / "2023年报.md")
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "clean report")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "gialint" in res.stdout + res.stderr  # the hook ran (and passed)


def test_hook_checks_word_pages_and_pdf(tmp_path: Path, home: Path, hook_repo: tuple[Path, str]) -> None:
    published = ROOT / "tests" / "fixtures" / "published"
    env = _env(home)
    proj = _new_project(tmp_path, env, hook_repo, "gialint")
    (proj / "index.html").write_text("<html><body><p>网站首页</p></body></html>", encoding="utf-8")  # not a report: skipped
    shutil.copy(published / "docx" / "seed002.styles.docx", proj / "2019年报.docx")
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "defective report")
    out = res.stdout + res.stderr
    assert res.returncode != 0, out
    assert "GIA201" in out and "表 2 第 13 行第 3 列" in out
    _git(proj, env, "rm", "-q", "--cached", "2019年报.docx")
    (proj / "2019年报.docx").unlink()
    shutil.copy(published / "pdf" / "clean2023.pdf", proj / "2023年报.pdf")
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "clean report")
    assert res.returncode == 0, res.stdout + res.stderr


def test_fix_hook_corrects_the_misnamed_row_of_seed_002(tmp_path: Path, home: Path, hook_repo: tuple[Path, str]) -> None:
    env = _env(home)
    proj = _new_project(tmp_path, env, hook_repo, "gialint-fix")
    report = proj / "2019年报.txt"
    shutil.copy(seed_path("002"), report)
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "report")
    assert res.returncode != 0  # pre-commit refuses a commit whose files a hook changed
    lines = report.read_text(encoding="utf-8").split("\n")
    assert lines[62].startswith("6.属于四类过程性信息\t0\t0")
    assert "钩稽" not in report.read_text(encoding="utf-8")
    _git(proj, env, "add", "-A")
    res = _git(proj, env, "commit", "-m", "fixed report")
    assert res.returncode == 0, res.stdout + res.stderr


def test_try_repo_on_a_fresh_repository(tmp_path: Path, home: Path, hook_repo: tuple[Path, str]) -> None:
    env = _env(home)
    proj = _new_project(tmp_path, env, None, "gialint")
    shutil.copy(seed_path("002"), proj / "bad.txt")
    shutil.copy(ROOT / "examples" / "reports" / "clean-2023.md", proj / "good.md")
    _git(proj, env, "add", "-A")
    repo, _ = hook_repo
    bad = _run([PRE_COMMIT, "try-repo", str(repo), "gialint", "--files", "bad.txt"], proj, env)  # type: ignore[list-item]
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "GIA201" in bad.stdout
    good = _run([PRE_COMMIT, "try-repo", str(repo), "gialint", "--files", "good.md"], proj, env)  # type: ignore[list-item]
    assert good.returncode == 0, good.stdout + good.stderr
