"""The words a reader sees in a page, for comparing report.html with report.md."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

_SKIP = {"svg", "style", "head", "script"}
_BLOCK = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "td",
    "th",
    "caption",
    "figcaption",
    "tr",
    "blockquote",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "figure",
}


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping -= 1
        elif tag in _BLOCK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def words(html: str) -> list[str]:
    parser = _Words()
    parser.feed(html)
    return "".join(parser.parts).split()


def markdown_to_html(markdown: str) -> str:
    """As a permissive board-paper tool would render it: raw HTML allowed, tables on."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
