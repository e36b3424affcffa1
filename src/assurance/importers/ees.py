"""Explore Education Statistics (EES) "tidy" CSV files → indicators of an evidence pack.

An EES file has one row per time period and geography (``time_period``,
``time_identifier``, ``geographic_level``, ``country_code``, ``region_code``,
``old_la_code``, ``new_la_code``, ``la_name``), then filter columns and measure columns.
Columns are read by name, in whatever order a publication puts them. A mapping says
which measures become which indicators; the shipped mappings are found from the
file's columns, and any other file can be imported column by column (``--measure``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assurance.errors import Problem
from assurance.importers._common import (
    EES_COLUMNS,
    SYMBOLS,
    Cell,
    ImportProblemsError,
    find_column,
    parse_cell,
    read_published_csv,
    slug,
    wrong_kind,
)
from assurance.importers.areas import Area, AreaRecord, collect_areas, resolve_area
from assurance.importers.build import ENGLAND, LA, REGION, Comparators, Observation, SourcedSpec
from assurance.importers.mapping import (
    IndicatorSpec,
    Mapping,
    check_same_as,
    detect_mapping,
    load_mapping,
    mapping_from_data,
)
from assurance.importers.neighbours import DEFAULT_MODEL, load_model
from assurance.importers.result import (
    ImportResult,
    area_label,
    summarise,
    write_import,
)
from assurance.importers.timeperiods import PeriodError, check_year_end, ees_label
from assurance.vocabulary import nearest

REQUIRED = EES_COLUMNS
OPTIONAL = ("country_code", "country_name", "region_code", "region_name", "new_la_code")
LEVELS = {"national": ENGLAND, "regional": REGION, "local authority": LA}
ENGLAND_CODE = "E92000001"
# London's boroughs are published in the Inner and Outer London sub-regions; their
# regional comparator is London, as in LAIT.
LONDON = "E12000007"
LONDON_PARTS = frozenset({"E13000001", "E13000002"})
_SYMBOL_LIST = ", ".join(SYMBOLS)


@dataclass(frozen=True)
class ColumnOptions:
    """How to import measure columns that no mapping describes (``--measure``)."""

    measures: tuple[str, ...] = ()  # "column" or "column=indicator-id"
    theme: str | None = None
    unit: str | None = None
    polarity: str = "neutral"
    label: str | None = None
    evidence_type: str = "quantity"


@dataclass
class _EesFile:
    path: Path
    frame: pd.DataFrame  # geography columns under their standard names, plus _level

    @property
    def label(self) -> str:
        return self.path.name


def read_ees(path: Path) -> _EesFile:
    """An EES tidy file, its geography columns checked and found by name."""
    frame = read_published_csv(path, strip=(*REQUIRED, *OPTIONAL))
    columns = list(frame.columns)
    rename, problems = {}, []
    for name in (*REQUIRED, *OPTIONAL):
        found = find_column(columns, name)
        if found is not None:
            rename[found] = name
        elif name in REQUIRED:
            problems.append(Problem(path.name, f"required column '{name}' is missing; is this "
                                    "an Explore Education Statistics data file?", 1, name,
                                    nearest(name, columns)))
    if problems:
        raise wrong_kind(path, columns, "ees") or ImportProblemsError(
            f"{path.name}: not an EES tidy file", problems)
    frame = frame.rename(columns=rename)
    for name in OPTIONAL:
        if name not in frame.columns:
            frame[name] = ""
    frame["_level"] = frame["geographic_level"].str.casefold().map(LEVELS)
    return _EesFile(path, frame)


def _areas(file: _EesFile) -> dict[str, Area]:
    columns = ["old_la_code", "la_name", "time_period", "new_la_code", "region_code", "region_name"]
    rows = file.frame.loc[file.frame["_level"] == LA, columns].sort_values("time_period")
    # One record per way an authority has been published, the latest of each.
    rows = rows.drop_duplicates([c for c in columns if c != "time_period"], keep="last")
    return collect_areas(AreaRecord(*cells) for cells in rows.itertuples(index=False))


def _guess_unit(column: str) -> str | None:
    name = column.lower()
    if "10000" in name or "10k" in name:
        return "rate_per_10k"
    if "percent" in name or "pct" in name:
        return "percent"
    if name.endswith("count"):
        return "count"
    return None


def columns_mapping(options: ColumnOptions, year_end: str) -> Mapping:
    """A mapping made from ``--measure`` options, checked like a mapping file."""
    problems = []
    if not options.theme:
        problems.append(Problem("--theme", "required with --measure: the theme of the imported "
                                "columns, e.g. front-door or child-protection"))
    if options.label and len(options.measures) > 1:
        problems.append(Problem("--label", "names one indicator; give one --measure with it"))
    entries = []
    for measure in options.measures:
        column, _, indicator = (part.strip() for part in measure.partition("="))
        unit = options.unit or _guess_unit(column)
        if unit is None:
            problems.append(Problem("--unit", f"cannot tell the unit of '{column}'; pass --unit "
                                    "(count, percent, rate_per_10k, days or ratio)"))
        entries.append({
            "id": indicator or f"dfe-{slug(column)}", "column": column,
            "label": options.label or column.replace("_", " "), "theme": options.theme,
            "unit": unit, "polarity": options.polarity, "evidence_type": options.evidence_type,
        })
    if problems:
        raise ImportProblemsError("the --measure options are incomplete", problems)
    data = {"name": "columns", "title": "columns named with --measure",
            "source": "Explore Education Statistics", "format": "ees", "year_end": year_end,
            "indicators": entries}
    return mapping_from_data(data, "--measure")


def _mapping_for(file: _EesFile, mapping: str | Path | None, options: ColumnOptions,
                 year_end: str | None) -> Mapping:
    if options.measures:
        chosen = columns_mapping(options, year_end or "03-31")
    elif mapping is not None:
        chosen = load_mapping(mapping)
    else:
        chosen = detect_mapping(file.frame.columns, file.label)
        if chosen is None:
            problem = Problem(file.label, "no shipped mapping fits this file; name the columns "
                              "to import with --measure COLUMN (with --theme and --unit), or "
                              "give a mapping with --mapping FILE", 1)
            raise ImportProblemsError(f"{file.label}: no mapping", [problem])
    if chosen.format != "ees":
        problem = Problem(chosen.path, f"mapping '{chosen.name}' is for {chosen.format} files, "
                          "not Explore Education Statistics", column="format")
        raise ImportProblemsError(f"{chosen.name}: not an EES mapping", [problem])
    check_same_as(chosen)
    _check_columns(file, chosen)
    return chosen


def _check_columns(file: _EesFile, mapping: Mapping) -> None:
    header = list(file.frame.columns)
    problems = [
        Problem(file.label, f"column '{column}' (mapping '{mapping.name}') is not in the file",
                1, column, nearest(column, header))
        for column in sorted(mapping.columns()) if find_column(header, column) is None
    ]
    if problems:
        raise ImportProblemsError(f"{file.label}: columns missing", problems)


def _region(file: _EesFile, area: Area) -> tuple[str, str]:
    """The region's code and name in this file (London for a London borough)."""
    regions = file.frame[file.frame["_level"] == REGION]
    names = dict(zip(regions["region_code"], regions["region_name"], strict=False))
    code = area.region_code
    if code in LONDON_PARTS and LONDON in names:
        code = LONDON
    return (code, names[code]) if code in names else ("", "")


def _filter(frame: pd.DataFrame, where: Sequence[tuple[str, str]], file: _EesFile,
            problems: list[Problem]) -> pd.DataFrame:
    for column, value in where:
        found = find_column(list(frame.columns), column)
        if found is None:
            problems.append(Problem(file.label, f"filter column '{column}' is not in the file", 1,
                                    column, nearest(column, list(frame.columns))))
            return frame.iloc[0:0]
        matches = frame[found].str.strip().str.casefold() == value.strip().casefold()
        if not matches.any():
            values = sorted({v.strip() for v in file.frame[found]})
            problems.append(Problem(file.label, f"no row has {column} = '{value}'", None, column,
                                    nearest(value, values)))
        frame = frame[matches]
    return frame


def _duplicates(rows: pd.DataFrame, spec: IndicatorSpec, file: _EesFile,
                problems: list[Problem]) -> bool:
    """Whether two rows give one geography and period (a filter is missing)."""
    key = ["_level", "old_la_code", "region_code", "time_period", "time_identifier"]
    twice = rows[rows.duplicated(key, keep=False)]
    if twice.empty:
        return False
    first = twice[twice.duplicated(key, keep="first")].index[0]
    group = twice[(twice[key] == twice.loc[first, key]).all(axis=1)]
    varying = [c for c in rows.columns if not c.startswith("_") and group[c].nunique() > 1
               and c not in spec.columns()]
    where = ", ".join(varying[:3]) or "a filter column"
    problems.append(Problem(
        file.label, f"{len(group)} rows give {group.iloc[0]['la_name'] or 'one geography'} "
        f"{group.iloc[0]['time_period']} for '{spec.source}'; they differ in {where}: choose "
        f"one with --where COLUMN=VALUE", int(first), spec.source))
    return True


@dataclass(frozen=True)
class _Wanted:
    """The geographies an import needs: the area, its neighbours, its region, England."""

    codes: frozenset[str]
    region: str

    def select(self, frame: pd.DataFrame) -> pd.DataFrame:
        level = frame["_level"]
        england = (level == ENGLAND) & frame["country_code"].isin(["", ENGLAND_CODE])
        region = (level == REGION) & (frame["region_code"] == self.region) & (self.region != "")
        local = (level == LA) & frame["old_la_code"].isin(self.codes)
        return frame[england | region | local]


def _observations(
    file: _EesFile,
    mapping: Mapping,
    wanted: _Wanted,
    where: Sequence[tuple[str, str]],
    year_end: str,
    problems: list[Problem],
) -> list[Observation]:
    frame = wanted.select(file.frame)
    labels: dict[tuple[str, str], str | None] = {}
    observations = []
    for spec in mapping.indicators:
        rows = _filter(frame, (*spec.where, *where), file, problems)
        if not _duplicates(rows, spec, file, problems):
            observations += _spec_observations(spec, rows, labels, year_end, file, problems)
    return observations


def _spec_observations(
    spec: IndicatorSpec,
    rows: pd.DataFrame,
    labels: dict[tuple[str, str], str | None],
    year_end: str,
    file: _EesFile,
    problems: list[Problem],
) -> list[Observation]:
    header = list(rows.columns)
    found = {name: find_column(header, name) for name in spec.columns()}
    cells = {name: rows[column].tolist() for name, column in found.items() if column}
    geography = zip(rows.index, rows["_level"], rows["old_la_code"], rows["region_code"],
                    rows["time_period"], rows["time_identifier"], strict=True)
    observations = []
    for at, (row, level, la_code, region_code, time_period, identifier) in enumerate(geography):
        period = _period((time_period, identifier), row, labels, year_end, file, problems)
        if period is None:
            continue
        observations.append(Observation(
            indicator=spec.indicator, period=period, level=level,
            code={LA: la_code, REGION: region_code}.get(level, ""),
            cell=_cell(cells, spec.source, at, row, file, problems),
            numerator=_cell(cells, spec.numerator, at, row, file, problems) if spec.numerator
            else None,
            denominator=_cell(cells, spec.denominator, at, row, file, problems)
            if spec.denominator else None,
        ))
    return observations


def _cell(cells: dict[str, list[str]], column: str, position: int, row: int, file: _EesFile,
          problems: list[Problem]) -> Cell:
    text = cells[column][position]
    cell = parse_cell(text)
    if cell is None:
        problems.append(Problem(file.label, f"'{text}' is neither a number nor a publication "
                                f"symbol ({_SYMBOL_LIST})", row, column))
        return Cell(None, "not a number")
    return cell


def _period(key: tuple[str, str], index: int, labels: dict[tuple[str, str], str | None],
            year_end: str, file: _EesFile, problems: list[Problem]) -> str | None:
    if key not in labels:
        try:
            labels[key] = ees_label(*key, year_end=year_end)
        except PeriodError as error:
            labels[key] = None
            problems.append(Problem(file.label, str(error), index, "time_period"))
    return labels[key]


def import_ees(
    files: Sequence[Path],
    *,
    area: str,
    into: Path,
    mapping: str | Path | None = None,
    columns: ColumnOptions = ColumnOptions(),
    where: Sequence[tuple[str, str]] = (),
    year_end: str | None = None,
    neighbours_model: str = DEFAULT_MODEL,
    neighbours_file: Path | None = None,
) -> ImportResult:
    """Import EES files for one area into the pack folder ``into`` (created if missing).

    Each file's measures become indicators of the area (by ``mapping``, else the shipped
    mapping that fits, else ``columns``); England, the area's region and its statistical
    neighbours (mean and median) become benchmarks. Raises ImportProblemsError listing
    every located problem; writes nothing unless every file imports cleanly.
    """
    if year_end is not None:
        year_end = _checked_year_end(year_end)
    model = load_model(neighbours_model, neighbours_file)
    loaded = [read_ees(Path(f)) for f in files]
    mappings = [_mapping_for(f, mapping, columns, year_end) for f in loaded]
    resolved, warnings = _resolve(loaded, area)
    target = resolved[0]
    group = model.get(target.code)
    if group is None:
        model_name = neighbours_file.name if neighbours_file else f"DfE {neighbours_model}"
        warnings.append(f"{target.describe()} is not in the {model_name} statistical neighbour "
                        "model: no neighbour benchmarks")
    label = area_label(into, target)
    regions = (_region(file, target) for file in loaded)
    region_key, region_name = next((region for region in regions if region[0]), ("", ""))
    wanted = _Wanted(frozenset({target.code, *(group.codes if group else ())}), region_key)
    problems: list[Problem] = []
    observations, specs, sources = [], [], []
    for file, chosen in zip(loaded, mappings, strict=True):
        found = _observations(file, chosen, wanted, where, year_end or chosen.year_end, problems)
        observations += found
        specs += [SourcedSpec(spec, chosen, file.label) for spec in chosen.indicators]
        sources.append(summarise(file.label, chosen.name, found, target))
    if problems:
        raise ImportProblemsError(f"{len(problems)} problem(s) in the published files", problems)
    comparators = Comparators(target, label, region_key, region_name, group)
    return write_import(into, observations, specs, comparators, sources, warnings)


def _checked_year_end(year_end: str) -> str:
    try:
        return check_year_end(year_end)
    except PeriodError as error:
        raise ImportProblemsError(str(error), [Problem("--year-end", str(error))]) from None


def _resolve(loaded: list[_EesFile], area: str) -> tuple[list[Area], list[str]]:
    """The area in every file; they must agree on its old LA code."""
    resolved, warnings = [], []
    for file in loaded:
        found, notes = resolve_area(area, _areas(file), file.label)
        resolved.append(found)
        warnings += [n for n in notes if n not in warnings]
    codes = {a.code for a in resolved}
    if len(codes) > 1:
        problems = [Problem(f.label, f"'{area}' is {a.describe()} here")
                    for f, a in zip(loaded, resolved, strict=True)]
        raise ImportProblemsError(f"'{area}' names different authorities in different files; "
                                  "pass the 3-digit LA code", problems)
    return resolved, warnings
