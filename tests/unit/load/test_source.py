"""Loading: encodings, BOMs, newline styles and positions."""

from __future__ import annotations

import codecs

import pytest

from gialint.model.source import SourceError
from gialint.load.decode import from_bytes
from gialint.load.loader import read

from tests.helpers import seed_path

TEXT = "一、总体情况\n本年度共收到申请 3 件。\n"


@pytest.mark.parametrize(
    "data, encoding, bom",
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (TEXT.encode("gb18030"), "gb18030", b""),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_decodes_and_round_trips(data: bytes, encoding: str, bom: bytes) -> None:
    src = from_bytes(data)
    assert src.text == TEXT
    assert src.encoding == encoding
    assert src.bom == bom
    assert src.encode() == data


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newline_style_is_kept(newline: str) -> None:
    data = TEXT.replace("\n", newline).encode("utf-8")
    src = from_bytes(data)
    assert src.newline == newline
    assert "\r" not in src.text
    assert src.encode() == data


def test_positions_are_line_and_character_column() -> None:
    src = from_bytes("标题\n一、总体情况\n".encode("utf-8"))
    off = src.text.index("总体")
    assert src.position(off) == (2, 3)
    assert src.offset(2, 3) == off
    assert src.line_text(2) == "一、总体情况"


def test_undecodable_bytes_raise_source_error_with_chinese_reason() -> None:
    with pytest.raises(SourceError) as err:
        from_bytes(b"\x00\x01\x02binary\x00" * 10)
    assert err.value.code == "binary"
    assert "二进制" in err.value.reason


def test_missing_file_is_a_source_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as err:
        read(tmp_path / "nope.txt")
    assert err.value.code == "unreadable"


def test_too_large_file_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 200)
    with pytest.raises(SourceError) as err:
        read(p, max_bytes=100)
    assert err.value.code == "too-large"


def test_seed_reads_with_its_bytes() -> None:
    p = seed_path("002")
    src = read(p)
    assert src.encode() == p.read_bytes()
    assert src.line_text(3).startswith("固原市经济技术合作局")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(enc: str) -> None:
    text = seed_path("004").read_text(encoding="utf-8")
    src = from_bytes(text.encode(enc))
    assert src.encoding == enc
    assert src.text == text
    assert "UTF-16" in src.notes[0]
