"""Render a finished run: the interactive evidence graph and the board report.

::

    run directory (findings.json, signals.json, manifest.json)
        │ load_run                      → Run (typed, tolerant of extra fields)
        │ for_publication (--publish)   → Run with counts below 5 and agencies withheld
        ├── build_evidence_graph        → networkx.MultiDiGraph
        │     └── render_graph_html     → graph.html (offline, escaped, vis-network)
        └── build_report                → one document model
              ├── render_report_html     → report.html (A4, inline SVG charts)
              └── render_report_markdown → report.md

``render_run(run_dir)`` does all of it and writes the three files atomically;
``render_outputs(run)`` returns their text for a caller that writes files itself.
"""

from assurance.render.graph_html import render_graph_html
from assurance.render.graph_model import build_evidence_graph
from assurance.render.publish import for_publication
from assurance.render.report import render_report_html, render_report_markdown
from assurance.render.run import Run, load_run, run_from_documents
from assurance.render.writer import OUTPUTS, render_outputs, render_run

__all__ = [
    "OUTPUTS",
    "Run",
    "build_evidence_graph",
    "for_publication",
    "load_run",
    "render_graph_html",
    "render_outputs",
    "render_report_html",
    "render_report_markdown",
    "render_run",
    "run_from_documents",
]
