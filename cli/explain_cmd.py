"""``assure explain RUN_DIR FINDING_ID`` and ``assure explain RUN_DIR --rule CODE``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assurance.authoring.explain import (
    FindingExplanation,
    MatchedFact,
    RuleExplanation,
    explain_finding,
    explain_rule,
    read_run,
)
from assurance.errors import AssuranceError
from assurance.terms import format_value
from assurance_cli._common import EXIT_BAD_INPUT, EXIT_OK, fail

#: Rows of the evidence pack listed under each fact before the rest are counted.
SOURCES_SHOWN = 12

EPILOG = """\b
Examples:
  assure explain runs/2024-25-q2 risk-neglect-0f32479c
  assure explain runs/2024-25-q2 kloe-child-protection-7accea14 --format json
  assure explain runs/2024-25-q2 --rule TR03 --theme neglect
  assure explain runs/south-tees --rule LC01 --rules our-rules

A finding's id is in the run's findings.csv and findings.json, and in the summary
assure triangulate prints. runs/2024-25-q2 and runs/south-tees are the runs the
examples of assure triangulate -h write.

Exit codes: 0 explained; 2 bad input (no such run, finding, rule or theme).
"""


@click.command("explain", epilog=EPILOG)
@click.argument("run_dir", type=click.Path(path_type=Path), metavar="RUN_DIR")
@click.argument("finding_id", required=False, metavar="[FINDING_ID]")
@click.option("--rule", "code", help="Explain why this rule fired or did not (by code).")
@click.option("--theme", help="With --rule: on this theme only (an id or label).")
@click.option("--rules", "rule_folders", multiple=True, type=click.Path(path_type=Path),
              help="A folder of extra rules the run used; may be given several times.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")),
              default="text", show_default=True, help="Output format.")
def explain(run_dir: Path, finding_id: str | None, code: str | None, theme: str | None,
            rule_folders: tuple[Path, ...], output_format: str) -> None:
    """Say why a finding was raised, or why a rule did not fire.

    With FINDING_ID: the rule, each fact it matched, which conditions each met and
    where each fact came from (file and row), and the signal's numbers. With --rule
    CODE (and optionally --theme): which of the rule's conditions no fact met, and the
    nearest candidates.
    """
    if (finding_id is None) == (code is None):
        _usage("give a FINDING_ID or --rule CODE (one of them)")
    if theme is not None and code is None:
        _usage("--theme goes with --rule CODE")
    try:
        run = read_run(run_dir)
        if finding_id is not None:
            explained: FindingExplanation | RuleExplanation = explain_finding(
                run, finding_id, rule_folders)
        else:
            explained = explain_rule(run, str(code), theme, rule_folders)
    except AssuranceError as error:
        fail(error)
        raise  # unreachable: fail() exits
    if output_format == "json":
        click.echo(json.dumps(explained.to_dict(), indent=2, ensure_ascii=False, default=str))
    elif isinstance(explained, FindingExplanation):
        _print_finding(explained)
    else:
        _print_rule(explained)
    raise SystemExit(EXIT_OK)


def _usage(message: str) -> None:
    click.echo(f"error: {message}; see assure explain --help", err=True)
    raise SystemExit(EXIT_BAD_INPUT)


def _print_finding(explained: FindingExplanation) -> None:
    finding = explained.finding
    click.echo(f"{finding['id']}: {finding['kind']}, severity {finding['severity']}, "
               f"confidence {finding['confidence']}")
    click.echo(f"{finding['title']}")
    for number, part in enumerate(explained.parts):
        rule = part.rule
        click.echo("")
        click.echo(f"{'Raised by' if number == 0 else 'Also'} {rule.code} {rule.name} "
                   f"(pack {rule.pack.name} {rule.pack.version}), {rule.file}")
        click.echo(f"  {' '.join(rule.description.split())}")
        if rule.settings:
            click.echo("  settings: " + ", ".join(f"{k} {format_value(v)}"
                                                 for k, v in rule.settings.items()))
        if part.note:
            click.echo(f"  note: {part.note}")
        for index, match in enumerate(part.matches, start=1):
            click.echo(f"  match {index} of {len(part.matches)}")
            for fact in match:
                _print_fact(fact)
    for note in explained.notes:
        click.echo("")
        click.echo(f"note: {note}")
    for fact in explained.recorded:
        _print_fact(fact)
    click.echo("")
    click.echo(f"Confidence {finding['confidence']}: {finding.get('confidence_reason', '')}")


def _print_fact(fact: MatchedFact) -> None:
    role = "" if fact.role in {"", "supporting"} else f" ({fact.role})"
    alias = f"{fact.alias}: " if fact.alias else ""
    click.echo(f"    {alias}{fact.fact} {fact.id}, \"{fact.label}\""
               f"{' on ' + fact.theme if fact.theme else ''}{role}")
    if fact.location:
        click.echo(f"      pattern at {fact.location}")
    for condition in fact.conditions:
        click.echo(f"      met: {condition}")
    for join in fact.joins:
        click.echo(f"      joined: {join}")
    if fact.numbers:
        click.echo("      numbers: " + ", ".join(f"{k} {format_value(v)}"
                                                for k, v in fact.numbers.items()))
    unlabelled = [s.place for s in fact.sources if not s.label]
    if unlabelled:
        click.echo(f"      from {_ranges(unlabelled)}")
    labelled = [s for s in fact.sources if s.label]
    for source in labelled[:SOURCES_SHOWN]:
        click.echo(f"      from {source.place}  {source.label}")
    if len(labelled) > SOURCES_SHOWN:
        click.echo(f"      ... and {len(labelled) - SOURCES_SHOWN} more row(s)")


def _ranges(places: list[str]) -> str:
    """``indicators.csv:1264-1279, benchmarks.csv:7``: rows of a file as runs."""
    rows: dict[str, list[int]] = {}
    others = []
    for place in places:
        file, _, row = place.rpartition(":")
        if row.isdigit():
            rows.setdefault(file, []).append(int(row))
        else:
            others.append(place)
    parts = []
    for file, numbers in rows.items():
        numbers = sorted(set(numbers))
        runs: list[list[int]] = []
        for number in numbers:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        parts += [f"{file}:{run[0]}" + (f"-{run[-1]}" if len(run) > 1 else "") for run in runs]
    return ", ".join(parts + others)


def _print_rule(explained: RuleExplanation) -> None:
    rule, diagnosis = explained.rule, explained.diagnosis
    on = f" on {explained.theme}" if explained.theme else ""
    click.echo(f"{rule.code} {rule.title}{on}")
    click.echo(f"  {rule.file} (pack {rule.pack.name} {rule.pack.version})")
    if explained.findings:
        click.echo(f"  raised in this run: {', '.join(explained.findings)}")
    else:
        click.echo(f"  raised in this run: no finding{on}")
    click.echo("")
    click.echo(diagnosis.verdict)
    for report in diagnosis.patterns:
        click.echo("")
        click.echo(f"  {report.alias} ({report.fact}), pattern at {report.location}: "
                   f"{report.considered} fact(s) considered, {len(report.accepted)} meet every "
                   "condition")
        if report.note:
            click.echo(f"    {report.note}")
        for tally in report.conditions:
            click.echo(f"    {tally.condition}: {tally.met} of {report.considered}")
        for candidate in report.nearest:
            click.echo(f"    nearest {candidate.id} \"{candidate.label}\": "
                       + "; ".join(candidate.failing))
            if candidate.source:
                click.echo(f"      from {', '.join(candidate.source[:6])}")
