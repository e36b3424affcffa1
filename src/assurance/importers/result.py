"""What an import returns, and the last step both importers share: rows into the pack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assurance.importers.areas import Area, name_keys
from assurance.importers.build import (
    Comparators,
    Observation,
    SourcedSpec,
    benchmark_rows,
    catalogue_row,
    in_ref,
    indicator_rows,
)
from assurance.importers.manifest import plan_manifest, read_manifest_areas
from assurance.importers.mapping import Publication, publications
from assurance.importers.merge import (
    BENCHMARKS,
    CATALOGUE,
    INDICATORS,
    TableChange,
    check_folder,
    merge_into_pack,
    read_rows,
)
from assurance.importers.neighbours import NeighbourGroup
from assurance.periods import PeriodParseError, parse_period


@dataclass(frozen=True)
class SourceSummary:
    """What one published file gave."""

    file: str
    mapping: str  # the mapping's name, or "columns" for --measure
    indicators: tuple[str, ...]
    rows: int  # the area's indicator rows
    missing: int  # of which suppressed or not published
    first_period: str = ""
    last_period: str = ""


@dataclass(frozen=True)
class SharedMeasure:
    """An imported item or column that is the same statistic as another publication's
    indicator, and was imported as that indicator: the pack keeps one series."""

    source: str  # the item or column, e.g. ReReferral
    indicator: str  # the indicator it became, e.g. dfe-rereferral-rate
    publication: str  # the publication whose indicator it is
    in_pack: bool  # that publication's figures are in the pack: they stand where both give one


@dataclass(frozen=True)
class ImportResult:
    """What an import did: to which area, from which files, and to each file of the pack."""

    pack: Path
    area: Area
    label: str  # the area as the rows name it
    region: str
    neighbours: NeighbourGroup | None
    sources: tuple[SourceSummary, ...]
    changes: tuple[TableChange, ...]
    created: bool  # pack.yaml was written
    warnings: tuple[str, ...] = ()
    period: str = ""  # the pack's period (pack.yaml) after the import
    previous_period: str = ""  # the period the import moved the importer's pack.yaml on from
    shared: tuple[SharedMeasure, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.created or self.previous_period
                    or any(change.changed for change in self.changes))


def area_label(folder: Path, area: Area) -> str:
    """The pack's own spelling of the area where its manifest lists it, so that imports
    from EES ("Kingston upon Hull, City of") and LAIT ("Kingston Upon Hull, City of")
    make one series."""
    keys = name_keys(area.name)
    return next((name for name in read_manifest_areas(folder) if name_keys(name) & keys), area.name)


def _chronological(periods: Sequence[str]) -> list[str]:
    def start(label: str) -> str:
        try:
            return parse_period(label).end.isoformat()
        except PeriodParseError:
            return label

    return sorted(set(periods), key=start)


def summarise(
    file: str, mapping: str, observations: Sequence[Observation], area: Area
) -> SourceSummary:
    own = [o for o in observations if o.level == "la" and o.code == area.code]
    periods = _chronological([o.period for o in own])
    return SourceSummary(
        file=file,
        mapping=mapping,
        indicators=tuple(dict.fromkeys(o.indicator for o in own)),
        rows=len(own),
        missing=sum(o.cell.missing for o in own),
        first_period=periods[0] if periods else "",
        last_period=periods[-1] if periods else "",
    )


@dataclass
class _Catalogue:
    """The catalogue rows an import writes, and what it learns making them."""

    rows: dict[str, dict[str, str]]
    shared: list[SharedMeasure]
    fill_only: set[str]  # the indicators whose pack rows, from their first publication, stand
    benchmarked: set[str]
    aliases: list[str]  # ids the pack still has for statistics now imported under another


def _catalogue(folder: Path, specs: Sequence[SourcedSpec]) -> _Catalogue:
    pack = {row["indicator"]: row for row in read_rows(folder, CATALOGUE)}
    in_use = [s.mapping for s in specs]
    made = _Catalogue({}, [], set(), set(), [])
    for sourced in specs:  # a later file's spec wins
        indicator = sourced.spec.indicator
        found = publications(indicator, in_use)
        pack_ref = pack.get(indicator, {}).get("ref", "")
        made.rows[indicator] = catalogue_row(sourced, found, pack_ref)
        # a shared statistic is benchmarked, or not, as its first publication says
        described = found[0][1] if sourced.spec.same_as else sourced.spec
        if described.benchmark:
            made.benchmarked.add(indicator)
        if sourced.spec.same_as:
            _shared(made, sourced, found[0], pack_ref, alias_in_pack=sourced.spec.id in pack)
    return made


def _shared(made: _Catalogue, sourced: SourcedSpec, first: Publication, pack_ref: str,
            alias_in_pack: bool) -> None:
    """Note an item imported as ``first``'s indicator: whether the pack has ``first``'s
    figures (which then stand), and whether it still has the item's own old id."""
    in_pack = in_ref(pack_ref, first)
    made.shared.append(SharedMeasure(sourced.spec.source, sourced.spec.indicator,
                                     first[0].source, in_pack))
    if in_pack:
        made.fill_only.add(sourced.spec.indicator)
    if alias_in_pack:
        made.aliases.append(sourced.spec.id)


def _alias_warning(catalogue: _Catalogue) -> list[str]:
    """Packs imported before ``same_as`` hold the LAIT ids of statistics now imported as
    the EES indicators; their rows would count one figure twice."""
    if not catalogue.aliases:
        return []
    return [f"the pack still has {', '.join(catalogue.aliases)} from an earlier import: the "
            "same statistics are now imported as the indicators of the publication that "
            "also carries them; delete their rows from catalogue.csv, indicators.csv and "
            "benchmarks.csv so that no figure is counted twice"]


def write_import(
    folder: Path,
    observations: list[Observation],
    specs: Sequence[SourcedSpec],
    comparators: Comparators,
    sources: Sequence[SourceSummary],
    warnings: Sequence[str],
) -> ImportResult:
    """Build the rows, merge them into the pack, and say what changed."""
    check_folder(folder)
    own_rows = indicator_rows(observations, comparators)
    catalogue = _catalogue(folder, specs)
    tables = {
        CATALOGUE: list(catalogue.rows.values()),
        INDICATORS: own_rows,
        BENCHMARKS: benchmark_rows(observations, comparators, catalogue.benchmarked),
    }
    manifest = plan_manifest(folder, comparators.label, own_rows)
    changes = merge_into_pack(folder, tables, manifest.text, frozenset(catalogue.fill_only))
    notes = [*_alias_warning(catalogue), *filter(None, [manifest.warning()])]
    return ImportResult(
        pack=folder,
        area=comparators.area,
        label=comparators.label,
        region=comparators.region_name,
        neighbours=comparators.neighbours,
        sources=tuple(sources),
        changes=changes,
        created=manifest.created,
        warnings=(*warnings, *notes),
        period=manifest.period,
        previous_period=manifest.previous,
        shared=tuple(catalogue.shared),
    )
