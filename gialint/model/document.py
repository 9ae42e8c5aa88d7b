"""The document model: what a report says, with every node's position in the
user's file (1-based line and column; ``end_column`` is exclusive)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Union

from gialint.model.span import Span

if TYPE_CHECKING:
    from gialint.model.source import Source


@dataclass(slots=True)
class Heading:
    """A heading line. ``title`` is the text without numbering and markup;
    ``style`` is ``md`` (``#``), ``bold`` (``**…**``) or ``plain``."""

    text: str
    title: str
    numeral: str | None
    sub: bool
    style: str
    level: int
    span: Span
    raw: str = ""
    inner: Span | None = None  # the heading text without markup (``#``, ``**``)


@dataclass(slots=True)
class Paragraph:
    text: str
    span: Span
    sub_numeral: str | None = None


@dataclass(slots=True)
class Cell:
    """One table cell as written. ``row`` numbers the physical row the cell
    sits in (``None`` when the shape has no row boundaries); ``role`` is
    ``label`` (text: a caption, header or row label) or ``value`` (a number,
    a blank or a dash)."""

    text: str
    span: Span
    row: int | None
    role: str = "label"  # label | value
    # A value split off the label it was written against, with no cell
    # delimiter (``规章 0 0 0``, ``行政许可0``): its row's cells may have
    # run together.  (A class attribute: :class:`GluedCell` says True.)
    glued: ClassVar[bool] = False


@dataclass(slots=True)
class GluedCell(Cell):
    """A value cell split off the label it was written against (issue 13)."""

    glued: ClassVar[bool] = True


@dataclass(slots=True)
class TableBlock:
    """Cells read from table-shaped lines (``shape``: tab, tsv, pipe, cells)."""

    shape: str
    cells: list[Cell]
    span: Span


Node = Union[Heading, Paragraph, TableBlock]


@dataclass
class Section:
    """One of the six sections. ``match`` says how its heading compares with the
    official title: ``official``, ``variant`` (an accepted variant) or
    ``fuzzy`` (similar wording that is not official)."""

    number: int
    heading: Heading
    match: str
    similarity: float
    nodes: list[Node] = field(default_factory=list)
    expected_title: str = ""

    @property
    def span(self) -> Span:
        end = self.heading.span
        for node in self.nodes:
            end = node.span
        return Span(self.heading.span.line, self.heading.span.column, end.end_line, end.end_column)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [n for n in self.nodes if isinstance(n, Paragraph)]

    @property
    def subheadings(self) -> list[Heading]:
        return [n for n in self.nodes if isinstance(n, Heading)]

    @property
    def text(self) -> str:
        return "\n".join(n.text for n in self.nodes if isinstance(n, (Paragraph, Heading)))


@dataclass
class Title:
    text: str
    span: Span
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, text)


@dataclass
class Document:
    """A parsed report: title, preamble, the sections found and every
    conversion marker."""

    source: Source
    title: Title | None
    preamble: list[Node]
    sections: list[Section]
    markers: list[Marker]
    signature: list[Paragraph] = field(default_factory=list)
    # A Markdown file's YAML front matter (``key: value`` pairs): metadata,
    # not the report's text; it may give the year (bind/detect.py).
    front_matter: dict[str, str] = field(default_factory=dict)
    # ``traditional`` when the file is written in traditional characters:
    # ``source`` is then its conversion to simplified characters (every line
    # as long as in the file) and ``original`` the file as it is.
    script: str = "simplified"
    original: Source | None = None
    # Text reassembled from one line per inline run (issue 13): the lines
    # after which a number may continue on the next line (``1`` / ``4`` for
    # 14), in the user's line numbers; the binder reads such breaks either way.
    soft_breaks: frozenset[int] = frozenset()

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    @property
    def path(self) -> str:
        return self.source.path


@dataclass(slots=True)
class Marker:
    """A conversion leftover such as ``[bookmark: _GoBack]``."""

    text: str
    line: int
    column: int

