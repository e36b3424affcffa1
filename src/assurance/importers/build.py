"""Published observations → the pack's rows: the area's indicator rows, benchmark rows
for England, its region and its statistical neighbours, and catalogue rows.

Both importers turn their file into :class:`Observation` values first, so what a pack
receives does not depend on which file a statistic came from.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assurance.importers._common import Cell, format_number
from assurance.importers.areas import Area
from assurance.importers.mapping import IndicatorSpec, Mapping, Publication
from assurance.importers.neighbours import NeighbourGroup

LA, ENGLAND, REGION = "la", "england", "region"

#: Neighbour statistics are written only when at least this share of the group has a
#: value: a "neighbour average" of two authorities is not one.
MIN_NEIGHBOUR_SHARE = 0.5
#: Neighbour statistics are rounded to two places: one more than DfE publishes.
STATISTIC_PLACES = 2


@dataclass(frozen=True)
class Observation:
    """One published value of one indicator for one geography and period."""

    indicator: str
    period: str
    level: str  # la | england | region
    code: str  # old LA code for la, the region's key for region, "" for England
    cell: Cell
    numerator: Cell | None = None
    denominator: Cell | None = None


@dataclass(frozen=True)
class Comparators:
    """What the area is compared with."""

    area: Area
    label: str  # the area as rows name it (the pack's spelling where it has one)
    region_key: str = ""  # the code of the region's observations ("" = none)
    region_name: str = ""
    neighbours: NeighbourGroup | None = None


@dataclass(frozen=True)
class SourcedSpec:
    """An indicator spec with the mapping and file it was read from (for the catalogue)."""

    spec: IndicatorSpec
    mapping: Mapping
    file: str

    def ref(self) -> str:
        """Where the figures come from: publication, file, column or item, filter."""
        return f"{self.mapping.source}: {self.file}, {_what(self.spec, self.mapping)}"


def indicator_rows(
    observations: Iterable[Observation], comparators: Comparators
) -> list[dict[str, str]]:
    """The area's rows; a missing value stays missing, with the publisher's reason."""
    rows = []
    for obs in observations:
        if obs.level != LA or obs.code != comparators.area.code:
            continue
        rows.append({
            "indicator": obs.indicator,
            "period": obs.period,
            "value": format_number(obs.cell.value),
            "area": comparators.label,
            "breakdown": "all",
            "numerator": format_number(obs.numerator.value) if obs.numerator else "",
            "denominator": format_number(obs.denominator.value) if obs.denominator else "",
            "agency": "",
            "note": obs.cell.reason,
        })
    return rows


def _benchmark(indicator: str, period: str, comparator: str, value: float, label: str,
               statistic: str = "", note: str = "") -> dict[str, str]:
    return {"indicator": indicator, "period": period, "comparator": comparator,
            "value": format_number(value), "statistic": statistic, "area": label, "note": note}


def benchmark_rows(
    observations: list[Observation], comparators: Comparators, benchmarked: set[str]
) -> list[dict[str, str]]:
    """England, region and statistical-neighbour mean and median, for each period the
    area has a row in, for the indicators in ``benchmarked``."""
    area = comparators.area.code
    area_periods = {(o.indicator, o.period) for o in observations
                    if o.level == LA and o.code == area and o.indicator in benchmarked}
    rows = []
    neighbour_values: dict[tuple[str, str], list[float]] = defaultdict(list)
    group = comparators.neighbours
    neighbour_codes = set(group.codes) if group else set()
    for obs in observations:
        key = (obs.indicator, obs.period)
        if key not in area_periods or obs.cell.value is None:
            continue
        if obs.level == ENGLAND:
            rows.append(_benchmark(*key, "england", obs.cell.value, comparators.label))
        elif obs.level == REGION and comparators.region_key and obs.code == comparators.region_key:
            rows.append(_benchmark(*key, "region", obs.cell.value, comparators.label,
                                   note=comparators.region_name))
        elif obs.level == LA and obs.code in neighbour_codes:
            neighbour_values[key].append(obs.cell.value)
    if group:
        for key, values in sorted(neighbour_values.items()):
            rows.extend(_neighbour_rows(key, values, group, comparators.label))
    return rows


def _neighbour_rows(key: tuple[str, str], values: list[float], group: NeighbourGroup,
                    label: str) -> list[dict[str, str]]:
    size = len(group.neighbours)
    if len(values) < math.ceil(size * MIN_NEIGHBOUR_SHARE):
        return []
    note = f"{len(values)} of {size} statistical neighbours, DfE {group.model} model"
    mean = round(statistics.fmean(values), STATISTIC_PLACES)
    median = round(statistics.median(values), STATISTIC_PLACES)
    return [
        _benchmark(*key, "statistical_neighbours", mean, label, "mean", note),
        _benchmark(*key, "statistical_neighbours", median, label, "median", note),
    ]


def _what(spec: IndicatorSpec, mapping: Mapping) -> str:
    """``column rereferral_percent``, ``item ReReferral``, with any filter."""
    kind = "item" if mapping.format == "lait" else "column"
    where = "".join(f" where {column} = {value}" for column, value in spec.where)
    return f"{kind} {spec.source}{where}"


def _is_ref_of(part: str, publication: Publication) -> bool:
    """Whether ``part`` of a catalogue ref is one this publication's import wrote (any
    file: next year's has another name)."""
    mapping, spec = publication
    return part.startswith(f"{mapping.source}: ") and part.endswith(f", {_what(spec, mapping)}")


def in_ref(ref: str, publication: Publication) -> bool:
    """Whether a catalogue ref names ``publication``: its figures are in the pack."""
    return any(_is_ref_of(part, publication) for part in ref.split("; "))


def _origin(publication: Publication) -> tuple[object, ...]:
    """What identifies a publication's figures: a spec may carry a newer dictionary's
    polarity and still be the same item of the same publication."""
    mapping, spec = publication
    return mapping.source, mapping.format, spec.source, spec.where


def _shared_ref(sourced: SourcedSpec, publications: Sequence[Publication],
                pack_ref: str) -> list[str]:
    """The ref of an indicator several publications carry: every one the pack has
    figures from, in the order of ``publications``, whichever was imported first."""
    parts = []
    for publication in publications:
        if _origin(publication) == _origin((sourced.mapping, sourced.spec)):
            parts.append(sourced.ref())
        else:
            parts += [p for p in pack_ref.split("; ") if _is_ref_of(p, publication)][:1]
    return parts


SHARED_NOTE = ("one statistic from the publications in ref, kept as one series: where both "
               "give a figure for a year, the first publication's stands")


def catalogue_row(sourced: SourcedSpec, publications: Sequence[Publication] = (),
                  pack_ref: str = "") -> dict[str, str]:
    """The catalogue row of the indicator ``sourced`` makes. Of an indicator that other
    publications also carry (``publications``, first the one whose id it is), the row
    describes it as its first publication does and the ref names each one the pack has
    figures from (``pack_ref`` is the pack's ref so far), so either order of import gives
    the same row."""
    secondary = sourced.spec.same_as and publications
    mapping, spec = publications[0] if secondary else (sourced.mapping, sourced.spec)
    parts = _shared_ref(sourced, publications, pack_ref) if publications else [sourced.ref()]
    note = "; ".join(filter(None, (spec.note, SHARED_NOTE if len(parts) > 1 else "")))
    return {
        "indicator": spec.indicator, "label": spec.label, "theme": spec.theme, "aim": spec.aim,
        "objective": "", "unit": spec.unit, "polarity": spec.polarity, "target": "",
        "tolerance": "", "evidence_type": spec.evidence_type,
        "source_agency": mapping.source_agency, "ref": "; ".join(parts), "note": note,
    }
