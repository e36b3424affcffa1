"""``assure validate PACK``: check an evidence pack and summarise what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from assurance.errors import AssuranceError
from assurance.ingest import describe_loaded, load_pack
from assurance.model import EvidencePack
from assurance_cli._common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    echo_problems,
    fail,
    pack_argument,
    redact_option,
)

EPILOG = """\b
Examples:
  assure validate fixtures/packs/hartlepool-stockton
  assure validate fixtures/packs/south-tees.xlsx --redact
  assure validate fixtures/packs/south-tees --shacl

Exit codes: 0 the pack is valid; 2 it has problems (every one is listed).
"""


@click.command("validate", epilog=EPILOG)
@pack_argument
@redact_option
@click.option(
    "--shacl",
    is_flag=True,
    help="Also build the knowledge graph and check it against ontology/shapes.ttl "
    "(pySHACL; slow on national packs: about a second per 1,500 rows).",
)
def validate(pack: Path, redact: bool, shacl: bool) -> None:
    """Check an evidence pack (a folder or an .xlsx workbook) against the contract.

    Lists every problem with its file, row and column, or summarises what was loaded:
    counts by source type, themes and periods.
    """
    try:
        loaded = load_pack(pack, redact=redact)
    except AssuranceError as error:
        fail(error)
    summary = describe_loaded(loaded)
    click.echo(f"{pack}: valid evidence pack '{summary.id}' for {summary.period}")
    click.echo(f"  {summary.partnership}")
    click.echo("  loaded: " + ", ".join(f"{name} {n}" for name, n in summary.counts.items()))
    if summary.periods:
        click.echo(
            f"  periods: {len(summary.periods)} ({summary.periods[0]} to {summary.periods[-1]})"
        )
    click.echo(f"  themes: {', '.join(summary.themes) or 'none'}")
    if summary.priorities:
        click.echo(f"  priorities: {', '.join(summary.priorities)}")
    if loaded.redactions:
        click.echo(f"  redacted: {loaded.redactions} personal identifier(s) replaced in free text")
    if loaded.warnings:
        click.echo("  warnings:")
        echo_problems(loaded.warnings, err=False)
    if shacl:
        _check_shapes(loaded)
    raise SystemExit(EXIT_OK)


def _check_shapes(loaded: EvidencePack) -> None:
    from assurance.graph import build_graph, validate_graph

    graph = build_graph(loaded)
    violations = validate_graph(graph)
    if not violations:
        click.echo(f"  graph: {len(graph):,} triples, conforms to the SHACL shapes")
        return
    click.echo(f"error: the graph breaks the SHACL shapes {len(violations)} time(s):", err=True)
    for violation in violations[:100]:
        click.echo(f"  {violation}", err=True)
    raise SystemExit(EXIT_BAD_INPUT)
