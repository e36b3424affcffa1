"""``assure export PACK`` and ``assure query PACK SPARQL``: the pack's knowledge graph."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from assurance.errors import AssuranceError
from assurance.ingest import load_pack
from assurance_cli._common import EXIT_OK, fail, pack_argument, redact_option

FORMATS = ("ttl", "jsonld", "nt")


@click.command(
    "export",
    epilog="""\b
Examples:
  assure export fixtures/packs/south-tees --format ttl -o south-tees.ttl
  assure export fixtures/packs/south-tees.xlsx --format nt | wc -l
  assure export fixtures/packs/hartlepool-stockton --format jsonld -o hartlepool.jsonld

Exit codes: 0 exported; 2 bad input (the pack's problems are listed).
""",
)
@pack_argument
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    default="ttl",
    show_default=True,
    help="Turtle, JSON-LD or N-Triples.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@redact_option
def export(pack: Path, format_: str, output: Path | None, redact: bool) -> None:
    """Export an evidence pack's knowledge graph: ontology, catalogue and evidence."""
    from assurance.graph import build_graph, export_graph

    try:
        data = export_graph(build_graph(load_pack(pack, redact=redact)), format_)
    except AssuranceError as error:
        fail(error)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        partial = output.with_name(f".{output.name}.partial")
        partial.write_bytes(data)
        partial.replace(output)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
    raise SystemExit(EXIT_OK)


@click.command(
    "query",
    epilog="""\b
Examples:
  assure query fixtures/packs/south-tees \\
    'PREFIX sga: <https://w3id.org/safeguarding-assurance/ontology#>
     SELECT ?theme (COUNT(?f) AS ?n) WHERE { ?f a sga:AuditFinding ; sga:theme ?theme }
     GROUP BY ?theme ORDER BY DESC(?n)'
  assure query fixtures/packs/hartlepool-stockton --format json \\
    'SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }'

\b
Exit codes: 0 answered; 2 bad input: the pack's problems, a query that does not
parse, or one that is not SELECT or ASK (refused: the graph is read-only).
""",
)
@pack_argument
@click.argument("sparql")
@click.option(
    "--format",
    "format_",
    type=click.Choice(("table", "csv", "json")),
    default="table",
    show_default=True,
)
@redact_option
def query(pack: Path, sparql: str, format_: str, redact: bool) -> None:
    """Run a read-only SPARQL query (SELECT or ASK) over an evidence pack's graph."""
    from assurance.graph import build_graph, query_graph

    try:
        columns, rows = query_graph(build_graph(load_pack(pack, redact=redact)), sparql)
    except AssuranceError as error:
        fail(error)
    _print_rows(columns, rows, format_)
    raise SystemExit(EXIT_OK)


def _print_rows(columns: list[str], rows: list[list[object]], format_: str) -> None:
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    if format_ == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
    elif format_ == "json":
        click.echo(json.dumps([dict(zip(columns, row, strict=True)) for row in cells], indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in cells:
            table.add_row(*row)
        Console().print(table)
        click.echo(f"{len(rows)} row(s)")
