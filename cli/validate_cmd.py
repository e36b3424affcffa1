"""``assure validate PACK``: check an evidence pack and summarise what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from assurance.errors import AssuranceError
from assurance.ingest import describe_loaded, load_pack
from assurance_cli._common import EXIT_OK, echo_problems, fail, pack_argument, redact_option

EPILOG = """\b
Examples:
  assure validate fixtures/packs/hartlepool-stockton
  assure validate fixtures/packs/south-tees.xlsx --redact

Exit codes: 0 the pack is valid; 2 it has problems (every one is listed).
"""


@click.command("validate", epilog=EPILOG)
@pack_argument
@redact_option
def validate(pack: Path, redact: bool) -> None:
    """Check an evidence pack (a folder or an .xlsx workbook) against the contract.

    Lists every problem with its file, row and column, or summarises what was loaded:
    counts by source type, themes and periods.
    """
    try:
        loaded = load_pack(pack, redact=redact)
    except AssuranceError as error:
        fail(error)
    summary = describe_loaded(loaded)
    click.echo(f"{pack}: valid evidence pack '{summary['id']}' for {summary['period']}")
    click.echo(f"  {summary['partnership']}")
    counts = summary["counts"]
    assert isinstance(counts, dict)
    click.echo("  loaded: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    periods = summary["periods"]
    assert isinstance(periods, list)
    if periods:
        click.echo(f"  periods: {len(periods)} ({periods[0]} to {periods[-1]})")
    click.echo(f"  themes: {', '.join(summary['themes']) or 'none'}")  # type: ignore[arg-type]
    if summary["priorities"]:
        click.echo(f"  priorities: {', '.join(summary['priorities'])}")  # type: ignore[arg-type]
    if loaded.redactions:
        click.echo(f"  redacted: {loaded.redactions} personal identifier(s) replaced in free text")
    if loaded.warnings:
        click.echo("  warnings:")
        echo_problems(loaded.warnings, err=False)
    raise SystemExit(EXIT_OK)
