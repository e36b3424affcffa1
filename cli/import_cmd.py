"""``assure import ees|lait``: published statistics into an evidence pack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from assurance.errors import AssuranceError
from assurance.importers import (
    MODELS,
    ColumnOptions,
    ImportResult,
    IndicatorSpec,
    Mapping,
    TableChange,
    import_ees,
    import_lait,
    load_mapping,
    publications,
    shipped_mappings,
)
from assurance.periods import period_in_words, period_range_in_words
from assurance_cli._common import EXIT_OK, fail

_D = "fixtures/dfe"
_EXIT = """\b
Exit codes: 0 imported (or nothing to change); 2 bad input or usage, every problem
listed and nothing written."""
_SEE = "See docs/importing.md for the whole path from download to triangulation."

EPILOG = f"""\b
Examples:
  assure import ees {_D}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv \\
      --area Hartlepool --into packs/hartlepool
  assure import lait {_D}/lait_safeguarding_indicators_long.csv --area Hartlepool \\
      --into packs/hartlepool
  assure import mappings lait

{_EXIT}

{_SEE}
"""

EES_EPILOG = f"""\b
Examples:
  assure import ees {_D}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv \\
      {_D}/csww_indicators_2017_to_2025.csv --area Hartlepool --into packs/hartlepool
  assure import ees {_D}/cla_number_and_rate_per_10k_children.csv --area E06000001 \\
      --into packs/hartlepool --neighbours-model 2021
  assure import ees {_D}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv \\
      --area 805 --into packs/hartlepool \\
      --measure rereferral_child_percent=dfe-rereferral-child-rate \\
      --theme front-door --unit percent --polarity up_is_bad

{_EXIT}

A LAIT file is refused, with the advice to use `assure import lait`. {_SEE}
"""

LAIT_EPILOG = f"""\b
Examples:
  assure import lait {_D}/lait_safeguarding_indicators_long.csv --area Hartlepool \\
      --into packs/hartlepool
  assure import lait {_D}/lait_safeguarding_indicators_long.csv --area 805 \\
      --into packs/hartlepool --item CP_conf_15days --item "CPP_Total_Rateper10,000"
  assure import lait {_D}/lait_safeguarding_indicators_long.csv --area Rochdale \\
      --into packs/rochdale --dictionary {_D}/lait_data_dictionary_slim.csv

{_EXIT}

Items that are the same statistic as an EES indicator (marked same_as in `assure import
mappings lait`) are imported as that indicator, so a pack has one series of each. {_SEE}
"""

MAPPINGS_EPILOG = """\b
Examples:
  assure import mappings
  assure import mappings referrals
  assure import mappings lait
  assure import mappings src/assurance/importers/mappings/referrals.yaml

\b
Exit codes: 0 listed; 2 no such mapping (the nearest name is suggested) or a
mapping file with mistakes (each listed with its line).
"""


def _common_options(command: Callable) -> Callable:
    options = [
        click.option("--area", required=True, metavar="NAME_OR_CODE",
                     help="The local authority: its name, old 3-digit LA code or ONS code."),
        click.option("--into", "into", required=True, metavar="PACK",
                     type=click.Path(file_okay=True, path_type=Path),
                     help="The pack folder to merge into (created if missing)."),
        click.option("--neighbours-model", type=click.Choice(MODELS), default=MODELS[0],
                     show_default=True, help="DfE statistical neighbour model."),
        click.option("--neighbours-file", type=click.Path(path_type=Path), metavar="CSV",
                     help="A DfE statistical neighbour file to use instead of a shipped model."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _where(values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        column, equals, wanted = value.partition("=")
        if not equals or not column.strip():
            raise click.BadParameter(f"'{value}' is not COLUMN=VALUE", param_hint="--where")
        pairs.append((column.strip(), wanted.strip()))
    return pairs


def _change_text(change: TableChange) -> str:
    parts = [f"{count} {what}" for count, what in ((change.added, "added"),
             (change.replaced, "replaced"), (change.unchanged, "unchanged")) if count]
    if change.skipped:
        parts.append(f"{change.skipped} skipped (they differ from the pack's figures of the "
                     "same statistic from its first publication, which stand)")
    if change.kept:
        parts.append(f"{change.kept} other rows kept")
    return f"  {change.file}: {', '.join(parts) or 'nothing to import'}"


def _shared_text(result: ImportResult) -> str | None:
    if not result.shared:
        return None
    named = ", ".join(f"{s.source} as {s.indicator}" for s in result.shared)
    count = len(result.shared)
    what = ("1 of these is a statistic another publication also carries, imported as its "
            "indicator" if count == 1 else f"{count} of these are statistics another "
            "publication also carries, imported as its indicators")
    return f"  {what} (one series each; catalogue.csv names both sources): {named}"


def _period_text(result: ImportResult) -> str | None:
    """The pack's period, when the import set it, in words where they add something."""
    words = period_in_words(result.period)
    said = f"period {result.period}" + ("" if words == f"in {result.period}" else f" ({words})")
    if result.created:
        return f"  created pack.yaml with {said}, the latest the figures cover"
    if result.previous_period:
        return (f"  pack.yaml: period moved on from {result.previous_period} to "
                f"{said[len('period '):]}, the latest the figures cover")
    return None


def _echo_result(result: ImportResult) -> None:
    click.echo(f"{result.area.describe()} as '{result.label}' → {result.pack}")
    comparators = ["England"] + ([result.region] if result.region else [])
    if result.neighbours:
        comparators.append(f"{len(result.neighbours.neighbours)} statistical neighbours "
                           f"(DfE {result.neighbours.model} model)")
    click.echo(f"  compared with {', '.join(comparators)}")
    for source in result.sources:
        missing = f", {source.missing} suppressed or not published" if source.missing else ""
        periods = period_range_in_words(source.first_period, source.last_period)
        click.echo(f"  {source.file} [{source.mapping}]: {len(source.indicators)} indicators, "
                   f"{source.rows} rows {periods}{missing}")
    lines = [_shared_text(result), *map(_change_text, result.changes), _period_text(result)]
    for line in filter(None, lines):
        click.echo(line)
    if not result.changed:
        click.echo("nothing changed: the pack already holds these statistics")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


@click.group("import", epilog=EPILOG)
def import_group() -> None:
    """Import published statistics (DfE Explore Education Statistics, LAIT) into an
    evidence pack: indicators for one area, benchmarks against England, its region and
    its statistical neighbours. Importing the same file twice changes nothing."""


@import_group.command("ees", epilog=EES_EPILOG)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_common_options
@click.option("--mapping", metavar="NAME_OR_FILE",
              help="A shipped mapping (see `assure import mappings`) or a mapping YAML file. "
              "Default: the shipped mapping that fits each file.")
@click.option("--measure", "measures", multiple=True, metavar="COLUMN[=ID]",
              help="Import this measure column without a mapping (repeatable).")
@click.option("--theme", help="With --measure: the theme, e.g. front-door.")
@click.option("--unit", help="With --measure: count, percent, rate_per_10k, days or ratio.")
@click.option("--polarity", default="neutral", show_default=True,
              help="With --measure: up_is_good, up_is_bad or neutral.")
@click.option("--label", help="With one --measure: the indicator's label.")
@click.option("--where", "where", multiple=True, metavar="COLUMN=VALUE",
              help="Keep only rows with this filter value (repeatable).")
@click.option("--year-end", metavar="MM-DD",
              help="When a four-digit reporting year ends (default: the mapping's, or 03-31).")
def ees(files: tuple[Path, ...], area: str, into: Path, neighbours_model: str,
        neighbours_file: Path | None, mapping: str | None, measures: tuple[str, ...],
        theme: str | None, unit: str | None, polarity: str, label: str | None,
        where: tuple[str, ...], year_end: str | None) -> None:
    """Import Explore Education Statistics tidy CSV FILES for one area."""
    columns = ColumnOptions(measures, theme, unit, polarity, label)
    try:
        result = import_ees(
            files, area=area, into=into, mapping=mapping, columns=columns, where=_where(where),
            year_end=year_end, neighbours_model=neighbours_model, neighbours_file=neighbours_file,
        )
    except AssuranceError as error:
        fail(error)
    _echo_result(result)
    raise SystemExit(EXIT_OK)


@import_group.command("lait", epilog=LAIT_EPILOG)
@click.argument("file", type=click.Path(path_type=Path))
@_common_options
@click.option("--item", "items", multiple=True, metavar="SHORT_DESC",
              help="A LAIT item to import (repeatable; names may hold commas, so one per "
              "option). Default: every item of the file the mapping knows.")
@click.option("--mapping", default="lait", show_default=True, metavar="NAME_OR_FILE",
              help="The mapping of LAIT items to indicators.")
@click.option("--dictionary", type=click.Path(path_type=Path), metavar="CSV",
              help="LAIT's data dictionary: polarity and year type from it, and items "
              "outside the mapping (with --theme).")
@click.option("--theme", help="With --dictionary: the theme of items outside the mapping.")
def lait(file: Path, area: str, into: Path, neighbours_model: str, neighbours_file: Path | None,
         items: tuple[str, ...], mapping: str, dictionary: Path | None, theme: str | None) -> None:
    """Import a LAIT long-format FILE for one area."""
    try:
        result = import_lait(
            file, area=area, into=into, items=[i.strip() for i in items] or None, mapping=mapping,
            dictionary=dictionary, theme=theme, neighbours_model=neighbours_model,
            neighbours_file=neighbours_file,
        )
    except AssuranceError as error:
        fail(error)
    _echo_result(result)
    raise SystemExit(EXIT_OK)


def _first_mapping(spec: IndicatorSpec) -> str:
    """The mapping whose indicator a ``same_as`` entry is imported as."""
    found = publications(spec.same_as)
    return found[0][0].name if found else "?"


def _describe(spec: IndicatorSpec, mapping: Mapping) -> str:
    source = f"{'item' if mapping.format == 'lait' else 'column'} {spec.source}"
    where = "".join(f" where {column} = {value}" for column, value in spec.where)
    same = (f", the same statistic as mapping {_first_mapping(spec)}'s (same_as)"
            if spec.same_as else "")
    return f"  {spec.indicator}: {source}{where}, {spec.unit}, {spec.polarity}{same}"


def _shared_summary(mapping: Mapping) -> str:
    shared = [spec for spec in mapping.indicators if spec.same_as]
    if not shared:
        return ""
    names = ", ".join(sorted({_first_mapping(spec) for spec in shared}))
    return f"; {len(shared)} are statistics {names} also give, imported as theirs"


@import_group.command("mappings", epilog=MAPPINGS_EPILOG)
@click.argument("name", required=False, metavar="[NAME_OR_FILE]")
def mappings(name: str | None) -> None:
    """List the shipped mappings and the columns each reads; with NAME_OR_FILE, the
    indicators that mapping (shipped, or a mapping file, checked) makes, each with its
    column or item."""
    if name is not None:
        try:
            chosen = load_mapping(name)
        except AssuranceError as error:
            fail(error)
        click.echo(f"{chosen.name} ({chosen.format}): {chosen.title}; {chosen.source}")
        for spec in chosen.indicators:
            click.echo(_describe(spec, chosen))
        raise SystemExit(EXIT_OK)
    for mapping_name, mapping in sorted(shipped_mappings().items()):
        click.echo(f"{mapping_name} ({mapping.format}): {mapping.title}, "
                   f"{len(mapping.indicators)} indicators{_shared_summary(mapping)}")
        if mapping.format == "ees":
            click.echo(f"  columns: {', '.join(sorted(mapping.columns()))}")
