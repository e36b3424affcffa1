"""``assure report RUN_DIR``: regenerate the board report of a finished run."""

from __future__ import annotations

from pathlib import Path

import click

from assurance.errors import RunError

EPILOG = """\b
Examples:
  assure report runs/2024-25-q2
  assure report runs/2024-25-q2 --format md
  assure report runs/2024-25-q2 --publish

Writes RUN_DIR/report.html (self-contained, prints on A4) and RUN_DIR/report.md (for
pasting into board papers); --format chooses one of them.
RUN_DIR is a folder assure triangulate wrote (its first example writes
runs/2024-25-q2).

Exit codes: 0 written; 2 RUN_DIR is not a run directory.
"""

_FILES = {"html": "report.html", "md": "report.md"}


@click.command("report", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("run_dir", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    type=click.Choice(sorted(_FILES)),
    multiple=True,
    help="Write only this format (repeatable); both by default.",
)
@click.option(
    "--publish",
    is_flag=True,
    help="Published edition: counts below 5 suppressed, agencies hidden if the pack says so.",
)
def report(run_dir: Path, formats: tuple[str, ...], publish: bool) -> None:
    """Regenerate RUN_DIR/report.html and report.md from a finished run."""
    from assurance.render import render_run  # imported late: `assure --help` stays fast

    outputs = [_FILES[f] for f in sorted(set(formats or _FILES))]
    try:
        render_run(run_dir, publish=publish, outputs=outputs)
    except RunError as exc:
        click.echo(f"assure report: {exc}", err=True)
        raise SystemExit(2) from None
    for name in outputs:
        click.echo(f"wrote {run_dir / name}")
