"""``gialint check`` options: rule references on the command line, usage
errors, --jobs 0, the progress bar."""

from __future__ import annotations

import io

from click.testing import CliRunner

from gialint.cli import main

from tests.helpers import SEEDS, seed_path


def check(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    return res.exit_code, res.stdout, res.stderr


def test_unknown_rule_on_the_command_line_suggests() -> None:
    code, out, err = check("--ignore", "row-lable", str(seed_path("002")))
    assert code == 2 and "--ignore" in err and "'row-label'" in err and out == ""
    code, _, err = check("--select", "GIA2O1", str(seed_path("002")))
    assert code == 2 and "'GIA201'" in err


def test_select_by_group_category_prefix() -> None:
    assert check("--select", "label", "--format", "json", str(seed_path("002")))[1].count('"rule"') == 2
    out = check("--select", "GIA7", "--format", "json", str(seed_path("002")))[1]
    assert '"GIA702"' in out and '"GIA201"' not in out
    assert check("--extend-select", "soft", "--format", "json", str(seed_path("001")))[1].count('"GIA706"') > 0


def test_fix_and_diff_together_is_a_usage_error() -> None:
    assert check("--fix", "--diff", str(seed_path("002")))[0] == 2


def test_missing_config_file_is_a_usage_error() -> None:
    code, _, err = check("--config", "/nonexistent/gialint.yaml", str(seed_path("002")))
    assert code == 2 and "配置文件不存在" in err


def test_every_command_that_reads_reports_refuses_a_missing_config_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = str(tmp_path / "nonexistent.yaml")
    for cmd in (["check", "--no-progress"], ["parse"], ["convert", "-o", "-"], ["extract", "--format", "csv"]):
        res = CliRunner().invoke(main, [*cmd, "--config", missing, str(seed_path("002"))])
        assert res.exit_code == 2 and "配置文件不存在" in res.stderr and res.stdout == "", cmd


def test_jobs_zero_means_one_per_cpu() -> None:
    assert check("--jobs", "0", "--format", "json", str(SEEDS)) == check("--format", "json", str(SEEDS))


def test_progress_appears_after_a_delay_and_is_erased(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gialint.cli import progress

    stream = io.StringIO()
    bar = progress.Progress(4, stream)
    bar(1)
    assert stream.getvalue() == ""  # a quick run shows nothing
    monkeypatch.setattr(progress, "DELAY", 0.0)
    bar(2)
    assert "2/4" in stream.getvalue()
    written: list[str] = []
    bar.wrap(written.append)("finding\n")
    assert written == ["finding\n"] and stream.getvalue().endswith("\r\033[K")
