"""Documents and positions (gialint.server.text): the protocol's three line
breaks only, columns in UTF-16, UTF-32 or UTF-8 units, changes applied in
the client's units."""

from __future__ import annotations

import pytest

from gialint.load.decode import from_text
from gialint.server.text import UTF8, UTF16, UTF32, Document, index_of, split_lines, units


def test_units_count_astral_characters_twice_in_utf16_only() -> None:
    line = "a𠀀勾稽😀b"
    assert units(line, UTF32) == 6
    assert units(line, UTF16) == 8
    assert units(line, UTF8) == 1 + 4 + 3 + 3 + 4 + 1


@pytest.mark.parametrize(("encoding", "character", "index"), [
    (UTF16, 0, 0), (UTF16, 1, 1), (UTF16, 2, 1),  # inside the surrogate pair: before the character
    (UTF16, 3, 2), (UTF16, 4, 3), (UTF16, 99, 6),
    (UTF32, 3, 3), (UTF32, 99, 6),
    (UTF8, 5, 2), (UTF8, 4, 1),
])
def test_index_of_converts_client_units_to_code_points(encoding: str, character: int, index: int) -> None:
    assert index_of("a𠀀勾稽😀b", character, encoding) == index


def test_lines_break_at_crlf_cr_and_lf_only_as_gialint_does() -> None:
    text = "一\f二\r\n三\u2028四\r五\n六\x1c七"
    doc = Document("file:///r.md", text)
    assert [doc.line(i) for i in range(doc.line_count)] == ["一\f二", "三\u2028四", "五", "六\x1c七"]
    source = from_text(text, "r.md")
    assert [source.line_text(i + 1) for i in range(doc.line_count)] == [doc.line(i) for i in range(doc.line_count)]
    assert "".join(split_lines(text)) == text and len(split_lines(text)) == 4


def test_client_position_of_a_gialint_column() -> None:
    doc = Document("file:///r.md", "𠀀钩稽\nx")
    # gialint: line 1, column 2 is 钩 (code points); UTF-16 puts it at 2.
    assert doc.client_position(1, 2, UTF16) == (0, 2)
    assert doc.client_position(1, 2, UTF32) == (0, 1)
    assert doc.client_position(1, 99, UTF16) == (0, 4)  # clamped to the line
    assert doc.client_position(9, 1, UTF16) == (1, 1)  # past the end: the end of the document


def test_incremental_changes_in_utf16_units() -> None:
    doc = Document("file:///r.md", "😀钩稽关系\r\n第二行\n")
    doc.apply([((0, 2, 0, 3), "勾")], UTF16)
    assert doc.text == "😀勾稽关系\r\n第二行\n"
    doc.apply([((1, 0, 1, 3), "二"), ((2, 0, 2, 0), "末")], UTF16)
    assert doc.text == "😀勾稽关系\r\n二\n末"
    doc.apply([((0, 4, 1, 0), "")], UTF16)  # join the first two lines
    assert doc.text == "😀勾稽二\n末" and doc.line_count == 2
    doc.apply([(None, "全文")], UTF16)
    assert doc.text == "全文" and doc.line_count == 1
    doc.apply([((5, 0, 9, 9), "！")], UTF16)  # past the end: appended
    assert doc.text == "全文！"
