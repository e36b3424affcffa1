"""The report as a document model, rendered twice: to HTML and to Markdown.

Building the report once, as these blocks, and rendering it twice is what keeps
report.html and report.md saying the same thing. Blocks hold plain text; each renderer
escapes it for its own format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Badge:
    """A coloured label in HTML (``css`` is its class), bold text in Markdown."""

    text: str
    css: str


@dataclass(frozen=True)
class Link:
    """A link; ``md_href`` overrides ``href`` in Markdown ("" for plain text there,
    where in-page anchors do not exist)."""

    text: str
    href: str
    md_href: str | None = None


Inline = Text | Strong | Badge | Link


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Inline, ...]
    css: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Inline, ...], ...]
    css: str = ""
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    css: str = ""


@dataclass(frozen=True)
class KeyFigures:
    """Big numbers for the one-minute read: (number, what, css class) each."""

    items: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Figure:
    """A chart: inline SVG in HTML; in Markdown only its caption, which therefore says
    in words what the chart shows. ``draw`` makes the SVG only when HTML needs it."""

    draw: Callable[[], str]
    caption: str
    anchor: str = ""


@dataclass(frozen=True)
class Section:
    blocks: tuple[Block, ...]
    css: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    notice: str
    sections: tuple[Section, ...] = field(default_factory=tuple)


Block = Heading | Paragraph | Bullets | Table | KeyFigures | Figure | Section


def para(*parts: Inline | str, css: str = "") -> Paragraph:
    """A paragraph; plain strings become :class:`Text`."""
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts), css)
