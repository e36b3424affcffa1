"""``assure graph RUN_DIR``: regenerate the interactive evidence graph of a finished run."""

from __future__ import annotations

from pathlib import Path

import click

from assurance.errors import RunError

EPILOG = """\b
Examples:
  assure graph runs/2024-25-q2
  assure graph runs/2024-25-q2 --publish

Writes RUN_DIR/graph.html: open it in a browser; it needs no internet connection.
Link to one finding with graph.html#finding=ID.
RUN_DIR is a folder assure triangulate wrote (its first example writes
runs/2024-25-q2).

Exit codes: 0 written; 2 RUN_DIR is not a run directory.
"""


@click.command("graph", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option(
    "--publish",
    is_flag=True,
    help="Published edition: counts below 5 suppressed, agencies hidden if the pack says so.",
)
def graph(run_dir: Path, publish: bool) -> None:
    """Regenerate RUN_DIR/graph.html, the interactive evidence graph, from a finished run."""
    from assurance.render import render_run  # imported late: `assure --help` stays fast

    try:
        render_run(run_dir, publish=publish, outputs=("graph.html",))
    except RunError as exc:
        click.echo(f"assure graph: {exc}", err=True)
        raise SystemExit(2) from None
    click.echo(f"wrote {run_dir / 'graph.html'}")
