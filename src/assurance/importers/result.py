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
    indicator_rows,
)
from assurance.importers.merge import (
    BENCHMARKS,
    CATALOGUE,
    INDICATORS,
    TableChange,
    manifest_text,
    merge_into_pack,
    read_manifest_areas,
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

    @property
    def changed(self) -> bool:
        return self.created or any(change.changed for change in self.changes)


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


def _manifest_period(rows: list[dict[str, str]]) -> str:
    """The latest year with a published value, preferring financial years: the year the
    children's social care returns cover."""
    periods = [r["period"] for r in rows if r["value"]] or [r["period"] for r in rows]
    years = [p for p in periods if _kind(p) == "fy_year"]
    ordered = _chronological(years or periods)
    return ordered[-1] if ordered else ""


def _kind(label: str) -> str:
    try:
        return parse_period(label).kind
    except PeriodParseError:
        return ""


def write_import(
    folder: Path,
    observations: list[Observation],
    specs: Sequence[SourcedSpec],
    comparators: Comparators,
    sources: Sequence[SourceSummary],
    warnings: Sequence[str],
) -> ImportResult:
    """Build the rows, merge them into the pack, and say what changed."""
    own_rows = indicator_rows(observations, comparators)
    benchmarked = {s.spec.id for s in specs if s.spec.benchmark}
    catalogue = {s.spec.id: catalogue_row(s) for s in specs}  # a later file's spec wins
    tables = {
        CATALOGUE: list(catalogue.values()),
        INDICATORS: own_rows,
        BENCHMARKS: benchmark_rows(observations, comparators, benchmarked),
    }
    manifest = None
    if own_rows:  # a pack is created only when the import gives the area some rows
        manifest = manifest_text(folder, comparators.label, _manifest_period(own_rows))
    changes, created = merge_into_pack(folder, tables, manifest)
    return ImportResult(
        pack=folder,
        area=comparators.area,
        label=comparators.label,
        region=comparators.region_name,
        neighbours=comparators.neighbours,
        sources=tuple(sources),
        changes=changes,
        created=created,
        warnings=tuple(warnings),
    )
