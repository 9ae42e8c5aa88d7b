"""Configuration files: discovery, extends and presets, validation with file,
line and "did you mean", the JSON Schema, and the check command using them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gialint.cli import main
from gialint.config.model import ConfigError
from gialint.config.files import find_config, load_config
from gialint.run.pool import LinterPool

from tests.helpers import seed_path
from tests.helpers import ROOT as _ROOT

ROOT = _ROOT


def check(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--no-progress", *args])
    return res.exit_code, res.stdout, res.stderr


def rules_of(out: str) -> list[str]:
    return [f["rule"] for f in json.loads(out)]


@pytest.fixture
def seed002(tmp_path: Path) -> Path:
    d = tmp_path / "reports" / "2019"
    d.mkdir(parents=True)
    return Path(shutil.copy(seed_path("002"), d / "report.txt"))


def test_yaml_config_found_upward_from_the_file(seed002: Path, tmp_path: Path) -> None:
    (tmp_path / "reports" / ".gialint.yaml").write_text("ignore: [GIA202, gouji]\n", encoding="utf-8")
    assert find_config(seed002) == tmp_path / "reports" / ".gialint.yaml"
    code, out, _ = check("--format", "json", str(seed002))
    assert code == 1
    assert sorted(rules_of(out)) == ["GIA104", "GIA201"]


def test_pyproject_table_and_severity_and_fail_on(seed002: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.gialint]\nfail-on = "error"\n\n[tool.gialint.severity]\nlabel = "warning"\nstructure = "info"\ngouji = "warning"\n',
        encoding="utf-8",
    )
    code, out, _ = check("--format", "json", str(seed002))
    assert code == 0  # everything downgraded below error
    assert {f["severity"] for f in json.loads(out)} == {"warning", "info"}
    code, _, _ = check("--format", "json", "--fail-on", "warning", str(seed002))
    assert code == 1


def test_pyproject_without_table_is_not_a_config(seed002: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(seed002) is None


def test_explicit_config_and_isolated(seed002: Path, tmp_path: Path) -> None:
    (tmp_path / "reports" / ".gialint.yaml").write_text("ignore: [all]\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("select: [GIA201]\n", encoding="utf-8")
    assert rules_of(check("--format", "json", str(seed002))[1]) == []
    assert rules_of(check("--format", "json", "--config", str(other), str(seed002))[1]) == ["GIA201"]
    assert len(rules_of(check("--format", "json", "--isolated", str(seed002))[1])) == 4


def test_strict_preset_enables_soft_rules_and_fails_on_warning(tmp_path: Path) -> None:
    report = Path(shutil.copy(seed_path("001"), tmp_path / "r.txt"))
    code, out, _ = check("--format", "json", str(report))
    assert code == 0 and rules_of(out) == []
    (tmp_path / ".gialint.yaml").write_text("extends: strict\n", encoding="utf-8")
    code, out, _ = check("--format", "json", str(report))
    assert "GIA706" in rules_of(out)  # half-width punctuation: soft group
    cfg = load_config(tmp_path / ".gialint.yaml")
    assert cfg.fail_on == "warning" and "soft" in cfg.extend_select


def test_extends_chain_accumulates_lists_and_merges_mappings(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("extends: strict\nignore: [GIA106]\nseverity: {GIA401: error}\n", encoding="utf-8")
    (tmp_path / ".gialint.yaml").write_text("extends: base.yaml\nignore: [GIA105]\nseverity: {GIA402: info}\nfail-on: error\n", encoding="utf-8")
    cfg = load_config(tmp_path / ".gialint.yaml")
    assert cfg.ignore == ["GIA106", "GIA105"]
    assert cfg.severity == {"GIA401": "error", "GIA402": "info"}
    assert cfg.extend_select == ["soft"] and cfg.fail_on == "error"


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="循环"):
        load_config(tmp_path / "a.yaml")


@pytest.mark.parametrize(
    ("text", "line", "expect"),
    [
        ("ignore: [GIA106]\nper_file_ignores: {}\n", 2, "'per-file-ignores'"),
        ("select:\n  - GIA201\nignore: [GIA2O1]\n", 3, "'GIA201'"),
        ("severity:\n  row-lable: warning\n", 1, "'row-label'"),
        ("fail-on: warn\n", 1, "'warning'"),
        ("extends: strcit\n", 1, "'strict'"),
        ("severity: {GIA201: eror}\n", 1, "'error'"),
    ],
)
def test_config_errors_have_file_line_and_suggestion(seed002: Path, tmp_path: Path, text: str, line: int, expect: str) -> None:
    cfg = tmp_path / "reports" / ".gialint.yaml"
    cfg.write_text(text, encoding="utf-8")
    code, out, err = check(str(seed002))
    assert code == 2
    assert f"{cfg}:{line}:" in err
    assert "是否应为" in err and expect in err
    assert out == ""  # nothing printed before the error


def test_toml_error_has_line(seed002: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.gialint]\nselect = ["GIA201"]\nignroe = ["GIA202"]\n', encoding="utf-8")
    code, _, err = check(str(seed002))
    assert code == 2
    assert f"{tmp_path / 'pyproject.toml'}:3:" in err and "'ignore'" in err


def test_per_file_ignores_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "new").mkdir()
    shutil.copy(seed_path("002"), tmp_path / "archive" / "2019.txt")
    shutil.copy(seed_path("002"), tmp_path / "new" / "2019.txt")
    (tmp_path / ".gialint.yaml").write_text('per-file-ignores:\n  "archive/*": [label, GIA104]\n', encoding="utf-8")
    code, out, _ = check("--format", "json", str(tmp_path))
    by_path: dict[str, list[str]] = {}
    for f in json.loads(out):
        by_path.setdefault(Path(f["path"]).parent.name, []).append(f["rule"])
    assert by_path["archive"] == ["GIA702"]
    assert len(by_path["new"]) == 4


def test_include_exclude_and_non_reports_skipped_in_directories(tmp_path: Path) -> None:
    shutil.copy(seed_path("002"), tmp_path / "a.txt")
    (tmp_path / "drafts").mkdir()
    shutil.copy(seed_path("002"), tmp_path / "drafts" / "b.txt")
    (tmp_path / "notes.md").write_text("# 笔记\n\n随手记。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / ".gialint.yaml").write_text("exclude: [drafts]\n", encoding="utf-8")
    out = check("--format", "json", str(tmp_path))[1]
    assert {Path(f["path"]).name for f in json.loads(out)} == {"a.txt"}
    # Named explicitly, a non-report is reported.
    assert rules_of(check("--format", "json", str(tmp_path / "notes.md"))[1]) == ["GIA002"]
    assert rules_of(check("--format", "json", "--skip-non-reports", str(tmp_path / "notes.md"))[1]) == []
    assert rules_of(check("--format", "json", "--force-exclude", str(tmp_path / "drafts" / "b.txt"))[1]) == []


def test_pool_is_per_directory(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / ".gialint.yaml").write_text("fail-on: info\n", encoding="utf-8")
    pool = LinterPool()
    assert pool.config(str(tmp_path / "a" / "x.txt")).fail_on == "info"
    assert pool.config(str(tmp_path / "b" / "x.txt")).fail_on == "error"


def test_schema_accepts_presets_and_example_and_rejects_typos() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from gialint.util.resources import config_schema_text, preset_text

    schema = json.loads(config_schema_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    docs = [yaml.safe_load(preset_text(n)) for n in ("default", "strict")]
    docs.append(yaml.safe_load((ROOT / "examples" / "gialint.example.yaml").read_text(encoding="utf-8")))
    for doc in docs:
        validator.validate(doc)
        load_config  # the same documents load without error below
    assert list(validator.iter_errors({"per_file_ignores": {}}))
    assert list(validator.iter_errors({"fail-on": "warn"}))


def test_shipped_schema_is_generated_from_the_options_table() -> None:
    from gialint.config.options import BY_KEY, schema_text
    from gialint.util.resources import config_schema_text

    assert config_schema_text() == schema_text(), "rules/config.schema.json is out of step: python -m gialint.cli.docs"
    assert set(json.loads(config_schema_text())["properties"]) == set(BY_KEY)


def test_config_fields_command_line_and_defaults_come_from_the_table() -> None:
    import dataclasses

    from gialint.cli.check import check
    from gialint.config.model import Config
    from gialint.config.options import FILE_ONLY, SETTINGS

    fields = [f.name for f in dataclasses.fields(Config)]
    assert fields == [s.field for s in SETTINGS if s.key not in FILE_ONLY] + ["path", "base_dir", "where"]
    cfg = Config()
    for s in SETTINGS:
        if s.key not in FILE_ONLY:
            assert getattr(cfg, s.field) == s.default, s.key
    cli = {opt for p in check.params for opt in p.opts}
    assert {s.cli for s in SETTINGS if s.cli} <= cli
    assert Config().include is not Config().include  # defaults are never shared


def test_example_config_loads(tmp_path: Path) -> None:
    cfg = load_config(ROOT / "examples" / "gialint.example.yaml")
    from gialint.config.files import validate_refs
    from gialint.plugins.assemble import load_ruleset

    validate_refs(cfg, load_ruleset().metas)
