"""``gialint convert``: published reports written as canonical Markdown,
never over an existing file without ``--force``, bad files named with
their reason and the run going on."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gialint.cli import main
from tests.helpers import PUBLISHED


def _copy(tmp_path: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        target = tmp_path / Path(name).name
        target.write_bytes((PUBLISHED / name).read_bytes())
        out.append(target)
    return out


def test_convert_writes_markdown_beside_the_file_or_into_a_directory(tmp_path: Path) -> None:
    page, docx = _copy(tmp_path, "html/seed002.cms.html", "docx/seed001.styles.docx")
    run = CliRunner().invoke(main, ["convert", "--isolated", str(page), str(docx)])
    assert run.exit_code == 0, run.output
    text = (tmp_path / "seed002.cms.md").read_text(encoding="utf-8")
    assert text.startswith("# ") and "| 6. 属于四类内部事务信息 |" in text
    assert (tmp_path / "seed001.styles.md").exists()
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["convert", "--isolated", "-o", str(out), str(page)])
    assert run.exit_code == 0 and (out / "seed002.cms.md").read_text(encoding="utf-8") == text


def test_convert_never_overwrites_without_force(tmp_path: Path) -> None:
    [page] = _copy(tmp_path, "html/seed004.cms.html")
    target = tmp_path / "seed004.cms.md"
    target.write_text("mine", encoding="utf-8")
    run = CliRunner().invoke(main, ["convert", "--isolated", str(page)])
    assert run.exit_code == 1 and "已存在" in run.output and target.read_text(encoding="utf-8") == "mine"
    run = CliRunner().invoke(main, ["convert", "--isolated", "--force", str(page)])
    assert run.exit_code == 0 and target.read_text(encoding="utf-8") != "mine"


def test_convert_to_stdout_and_bad_files(tmp_path: Path) -> None:
    good, bad, doc = _copy(tmp_path, "pdf/seed004.pdf", "bad/truncated.pdf", "bad/legacy.doc")
    text = tmp_path / "notes.md"
    text.write_text("# 笔记\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["convert", "--isolated", "-o", "-", str(bad), str(good), str(doc), str(text)])
    assert run.exit_code == 1
    assert "| 行政许可 |" in run.output
    assert f"{bad}: PDF 文件已损坏或不完整" in run.output
    assert f"{doc}: 是 Word 97-2003" in run.output and "另存为" in run.output
    assert f"{text}: 已是文本或 Markdown 报告" in run.output
    assert not (tmp_path / "truncated.md").exists()
