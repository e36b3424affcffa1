"""``assure triangulate PACK --out DIR`` and ``assure demo``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assurance._resources import examples_dir
from assurance.errors import AssuranceError
from assurance.findings import SEVERITY_ORDER
from assurance.outputs import write_run
from assurance.terms import FINDING_KIND, FINDING_KINDS, count
from assurance.triangulate import STAGES, Run, triangulate
from assurance_cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, fail, redact_option

EPILOG = """\b
Examples:
  assure triangulate fixtures/packs/hartlepool-stockton --out runs/2024-25-q2
  assure triangulate fixtures/packs/hartlepool-stockton --out runs/2024-25-q1 \\
    --period '2024-25 Q1'
  assure triangulate fixtures/packs/hartlepool-stockton --out runs/2024-25-q2 \\
    --previous runs/2024-25-q1 --fail-on high
  assure triangulate fixtures/packs/south-tees.xlsx --out runs/south-tees \\
    --rules our-rules --publish

--rules our-rules is a rule pack of your own: assure rules new -h says how to start one.

\b
Exit codes: 0 ran, nothing at or above --fail-on; 1 a finding at or above
--fail-on; 2 bad input or usage (every problem is listed).
"""

DEMO_EPILOG = """\b
Examples:
  assure demo
  assure demo --out runs/demo
  assure explain assure-demo risk-neglect-0f32479c

Exit codes: 0 ran; 2 the run could not be written, or the bundled pack is missing.
"""


def _progress_reporter(enabled: bool):  # type: ignore[no-untyped-def]
    """A callback showing each stage on a terminal; silent when piped."""
    if not enabled:
        return None, None
    from rich.console import Console

    console = Console(stderr=True)
    status = console.status("starting", spinner="dots")
    status.start()

    def report(stage: str) -> None:
        position = STAGES.index(stage) + 1 if stage in STAGES else 0
        status.update(f"[{position}/{len(STAGES)}] {stage}")

    return report, status


def _summary(run: Run, out: Path) -> None:
    counts = {
        kind: sum(f.kind == kind for f in run.findings) for kind in FINDING_KINDS
    }
    tally = ", ".join(count(counts[k], *FINDING_KIND[k].noun) for k in FINDING_KINDS)
    click.echo(f"{run.pack.manifest.partnership}, {run.period.label}: {tally}")
    if sys.stdout.isatty() and run.findings:
        _summary_table(run)
    else:
        for finding in run.findings:
            click.echo(
                "\t".join(
                    str(getattr(finding, k))
                    for k in ("kind", "severity", "confidence", "id", "title")
                )
            )
    if run.resolved:
        click.echo(f"resolved since the previous run: {len(run.resolved)}")
    click.echo(f"outputs written to {out}")


def _summary_table(run: Run) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("kind", "severity", "confidence", "finding", "id")
    for finding in run.findings:
        table.add_row(
            finding.kind,
            finding.severity,
            finding.confidence,
            finding.title,
            finding.id,
        )
    Console(highlight=False).print(table)


def _fails(run: Run, fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    threshold = SEVERITY_ORDER[fail_on]
    return any(
        SEVERITY_ORDER[f.severity] <= threshold
        for f in run.findings
        if f.kind != "strength"
    )


def run_triangulation(
    pack: Path,
    out: Path,
    rules: tuple[Path, ...],
    period: str | None,
    previous: Path | None,
    fail_on: str | None,
    publish: bool,
    redact: bool,
) -> None:
    report, status = _progress_reporter(sys.stderr.isatty())
    try:
        run = triangulate(
            pack,
            rule_folders=rules,
            period=period,
            previous=previous,
            redact=redact,
            progress=report,
        )
        if report:
            report("writing outputs")
        write_run(run, out, publish=publish)
    except AssuranceError as error:
        if status:
            status.stop()
        fail(error)
    if status:
        status.stop()
    _summary(run, out)
    raise SystemExit(EXIT_FINDINGS if _fails(run, fail_on) else EXIT_OK)


rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder of extra rules (a rule pack); may be given several times.",
)
period_option = click.option(
    "--period",
    help="Assure this period instead of the pack's (e.g. '2024-25 Q1'); later data is ignored.",
)
previous_option = click.option(
    "--previous",
    type=click.Path(file_okay=False, path_type=Path),
    help="A previous run directory: findings are marked new, continuing or resolved.",
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(list(SEVERITY_ORDER)[::-1]),
    help="Exit with code 1 if a risk or KLOE of at least this severity is raised.",
)
publish_option = click.option(
    "--publish",
    is_flag=True,
    help="Outputs for publication: counts below 5 suppressed, no agency-level detail "
    "where the pack says so.",
)


@click.command("triangulate", epilog=EPILOG)
@click.argument("pack", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The run directory to write (replaced whole, or left untouched on failure).",
)
@rules_option
@period_option
@previous_option
@fail_on_option
@publish_option
@redact_option
def triangulate_command(
    pack: Path,
    out: Path,
    rules: tuple[Path, ...],
    period: str | None,
    previous: Path | None,
    fail_on: str | None,
    publish: bool,
    redact: bool,
) -> None:
    """Triangulate an evidence pack into Strengths, Risks and KLOE.

    Writes findings.json, findings.csv, report.html, report.md, graph.html,
    evidence.ttl, signals.json, facts.json and manifest.json into OUT.
    """
    run_triangulation(pack, out, rules, period, previous, fail_on, publish, redact)


@click.command("demo", epilog=DEMO_EPILOG)
@click.option(
    "--out",
    "out",
    default=Path("assure-demo"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the run.",
)
def demo(out: Path) -> None:
    """Triangulate the bundled Hartlepool and Stockton-on-Tees example pack."""
    pack = examples_dir() / "hartlepool-stockton"
    if not pack.is_dir():
        click.echo(f"error: the bundled example pack is missing ({pack})", err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    run_triangulation(pack, out, (), None, None, None, False, False)
