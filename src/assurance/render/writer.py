"""Render a run directory's graph and report, and write them atomically."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from assurance.atomic import write_files
from assurance.errors import RunError
from assurance.render.graph_html import render_graph_html
from assurance.render.publish import for_publication
from assurance.render.report import render_report_html, render_report_markdown
from assurance.render.report_content import build_report
from assurance.render.run import Run, load_run
from assurance.terms import RENDERED_FILES

#: Every file the renderers write into a run directory.
OUTPUTS = RENDERED_FILES


def render_outputs(
    run: Run, *, publish: bool = False, outputs: Iterable[str] = OUTPUTS
) -> dict[str, str]:
    """The text of each requested output, by file name; nothing is written.

    For the engine's own writer, which writes a whole run directory atomically.
    """
    wanted = _checked(outputs)
    if publish:
        run = for_publication(run)
    texts: dict[str, str] = {}
    if "graph.html" in wanted:
        texts["graph.html"] = render_graph_html(run)
    if wanted & {"report.html", "report.md"}:
        document = build_report(run)  # once, so both formats say the same thing
        if "report.md" in wanted:
            texts["report.md"] = render_report_markdown(run, document)
        if "report.html" in wanted:  # last: its charts are most of the time
            texts["report.html"] = render_report_html(run, document)
    return texts


def render_run(run_dir: Path, *, publish: bool = False, outputs: Iterable[str] = OUTPUTS) -> None:
    """Write graph.html, report.html and report.md (or ``outputs``) into ``run_dir``.

    ``publish`` writes the published edition (:mod:`assurance.render.publish`). Nothing
    is replaced unless everything rendered: a failure leaves the previous files as they
    were. Raises :class:`~assurance.errors.RunError` if ``run_dir`` is not a run.
    """
    run_dir = Path(run_dir)
    texts = render_outputs(load_run(run_dir), publish=publish, outputs=outputs)
    write_atomically(run_dir, texts)


def write_atomically(folder: Path, texts: Mapping[str, str]) -> None:
    """Write every file to a temporary name first, then rename them all into place."""
    try:
        write_files(folder, texts)
    except OSError as exc:
        raise RunError(f"{folder}: cannot write the rendered outputs ({exc})") from exc


def _checked(outputs: Iterable[str]) -> set[str]:
    wanted = set(outputs)
    unknown = wanted - set(OUTPUTS)
    if unknown:
        raise RunError(f"unknown outputs {sorted(unknown)}; expected some of {list(OUTPUTS)}")
    return wanted
