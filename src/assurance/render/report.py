"""report.html and report.md: the board report, from one document model.

:func:`render_report_html` writes a self-contained page (inline CSS and SVG charts, no
script, no request) laid out for A4, each section on a new page when printed.
:func:`render_report_markdown` writes the same words for pasting into board papers:
charts become their captions, which say in words what the chart shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from string import Template

from assurance.render import _html
from assurance.render._blocks import (
    Badge,
    Block,
    Bullets,
    Document,
    Figure,
    Heading,
    Inline,
    KeyFigures,
    Link,
    Paragraph,
    Strong,
    Table,
    Text,
)
from assurance.render.report_content import build_report
from assurance.render.run import Run

__all__ = ["render_report_html", "render_report_markdown"]


def render_report_html(run: Run, document: Document | None = None) -> str:
    """The board report as one self-contained HTML page."""
    document = document or build_report(run)
    header = [f"<h1>{_html.text(document.title)}</h1>"]
    if document.subtitle:
        header.append(f'<p class="subtitle">{_html.text(document.subtitle)}</p>')
    if document.notice:
        header.append(f'<p class="notice">{_html.text(document.notice)}</p>')
    return Template(_html.template("report.html")).substitute(
        csp=_html.text(_html.content_security_policy()),
        title=_html.text(
            f"{document.title} — {document.subtitle}" if document.subtitle else document.title
        ),
        style=_html.template("report.css"),
        header="\n".join(header),
        body="\n".join(_html_block(s) for s in document.sections),
    )


def render_report_markdown(run: Run, document: Document | None = None) -> str:
    """The board report as Markdown (CommonMark with pipe tables)."""
    document = document or build_report(run)
    lines = [f"# {_md(document.title)}", ""]
    if document.subtitle:
        lines += [_md(document.subtitle), ""]
    if document.notice:
        lines += [f"> {_md(document.notice)}", ""]
    for section in document.sections:
        lines += _md_block(section)
    return "\n".join(lines).rstrip() + "\n"


# ---------- HTML ----------


def _html_inline(parts: Iterable[Inline]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Text):
            out.append(_html.text(part.text))
        elif isinstance(part, Strong):
            out.append(f"<strong>{_html.text(part.text)}</strong>")
        elif isinstance(part, Badge):
            out.append(f'<span class="badge {_html.text(part.css)}">{_html.text(part.text)}</span>')
        elif isinstance(part, Link):
            out.append(f'<a href="{_html.text(part.href)}">{_html.text(part.text)}</a>')
    return "".join(out)


def _attrs(css: str = "", anchor: str = "") -> str:
    attrs = f' id="{_html.text(anchor)}"' if anchor else ""
    return attrs + (f' class="{_html.text(css)}"' if css else "")


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        tag = f"h{block.level}"
        return f"<{tag}{_attrs(anchor=block.anchor)}>{_html.text(block.text)}</{tag}>"
    if isinstance(block, Paragraph):
        return f"<p{_attrs(block.css)}>{_html_inline(block.parts)}</p>"
    if isinstance(block, Bullets):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_html_inline(item)}</li>" for item in block.items)
        return f"<{tag}{_attrs(block.css)}>{items}</{tag}>"
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, KeyFigures):
        items = "".join(
            f'<li class="{_html.text(css)}"><span class="number">{_html.text(number)}</span> '
            f'<span class="what">{_html.text(what)}</span></li>'
            for number, what, css in block.items
        )
        return f'<ul class="key-figures">{items}</ul>'
    if isinstance(block, Figure):
        # The SVG is ours (charts.py), and matplotlib escapes the text inside it.
        return (
            f"<figure{_attrs('chart', block.anchor)}>{block.draw()}"
            f"<figcaption>Chart: {_html.text(block.caption)}</figcaption></figure>"
        )
    tag = "article" if block.css.startswith("finding") else "section"
    inner = "\n".join(_html_block(b) for b in block.blocks)
    return f"<{tag}{_attrs(block.css, block.anchor)}>\n{inner}\n</{tag}>"


def _html_table(table: Table) -> str:
    caption = f"<caption>{_html.text(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{_html.text(h)}</th>' for h in table.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_html.text(cell)}</td>" for cell in row) + "</tr>"
        for row in table.rows
    )
    return (
        f"<table{_attrs(table.css)}>{caption}<thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


# ---------- Markdown ----------

# CommonMark treats a backslash before any ASCII punctuation as that character, so
# escaping these makes every piece of user text literal: no emphasis, links, tables
# broken by "|", and no raw HTML ("<img onerror>" stays text when a board paper tool
# renders the Markdown).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&!{}])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def _md(text: str) -> str:
    """User text as literal Markdown, on one line (no accidental blocks), keeping a
    space at either end so that inline fragments join as they do in HTML."""
    text = str(text)
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    core = _MD_SPECIAL.sub(r"\\\1", core)
    # A fragment may start a line: "- x", "+ x", "= x" or "1. x" must not become a
    # list or a heading underline. The escapes are harmless mid-line.
    core = "\\" + core if core[0] in "-+=" else _MD_ORDERED.sub(r"\1\\\2", core, count=1)
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _md_inline(parts: Iterable[Inline]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Text):
            out.append(_md(part.text))
        elif isinstance(part, Strong | Badge):
            core = _md(part.text)
            out.append(f"**{core.strip()}**" + (" " if core.endswith(" ") else ""))
        elif isinstance(part, Link):
            href = part.href if part.md_href is None else part.md_href
            out.append(f"[{_md(part.text)}](<{href}>)" if href else _md(part.text))
    return "".join(out)


def _md_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _md(block.text), ""]
    if isinstance(block, Paragraph):
        return [_md_inline(block.parts), ""]
    if isinstance(block, Bullets):
        marks = [f"{i}." if block.ordered else "-" for i in range(1, len(block.items) + 1)]
        return [
            f"{mark} {_md_inline(item)}" for mark, item in zip(marks, block.items, strict=True)
        ] + [""]
    if isinstance(block, Table):
        return _md_table(block)
    if isinstance(block, KeyFigures):
        return [f"- **{_md(number)}** {_md(what)}" for number, what, _ in block.items] + [""]
    if isinstance(block, Figure):
        return [f"*Chart: {_md(block.caption)}*", ""]
    lines: list[str] = []
    for child in block.blocks:
        lines += _md_block(child)
    return lines


def _md_table(table: Table) -> list[str]:
    lines = [f"*{_md(table.caption)}*", ""] if table.caption else []
    lines.append("| " + " | ".join(_md(h) for h in table.header) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.header) + "|")
    lines += ["| " + " | ".join(_md(c) or " " for c in row) + " |" for row in table.rows]
    return [*lines, ""]
