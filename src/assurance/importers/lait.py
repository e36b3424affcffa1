"""LAIT, DfE's Local Authority Interactive Tool, in its long format → indicators.

A LAIT long file has one row per item, year and geography: ``short_desc`` (the item),
``years``, ``la_number`` (the old 3-digit LA code; 970 is England, 980-990 the regions),
``la_and_regions`` and ``value`` (``-`` where LAIT shows nothing). The shipped mapping
names each safeguarding item; polarity and year type are LAIT's data dictionary's, and
``--dictionary`` takes them from a newer dictionary, which also lets items outside the
mapping be imported (with ``--theme``). The items that are EES's own figures are
declared ``same_as`` the EES indicator and imported as it: one series per statistic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assurance.errors import Problem
from assurance.importers._common import (
    LAIT_COLUMNS,
    LAIT_DICTIONARY_COLUMNS,
    SYMBOLS,
    ImportProblemsError,
    find_column,
    parse_cell,
    read_published_csv,
    slug,
    wrong_kind,
)
from assurance.importers.areas import Area, AreaRecord, collect_areas, resolve_area
from assurance.importers.build import ENGLAND, LA, REGION, Comparators, Observation, SourcedSpec
from assurance.importers.mapping import IndicatorSpec, Mapping, check_same_as, load_mapping
from assurance.importers.neighbours import (
    DEFAULT_MODEL,
    MODELS,
    NeighbourGroup,
    load_model,
    shipped_model,
)
from assurance.importers.result import ImportResult, area_label, summarise, write_import
from assurance.importers.timeperiods import PeriodError, lait_label
from assurance.vocabulary import nearest, normalise, theme_vocabulary

COLUMNS = LAIT_COLUMNS
ENGLAND_NUMBER = "970"
#: LAIT's regions, London (Inner) 987 and London (Outer) 988 among them.
REGION_NUMBERS = frozenset(str(number) for number in range(980, 991))
#: The data dictionary's Polarity: High is better, Low is better, "-" neither.
POLARITIES = {"high": "up_is_good", "low": "up_is_bad", "-": "neutral", "": "neutral"}
_SYMBOL_LIST = ", ".join(SYMBOLS)


@dataclass(frozen=True)
class DictionaryEntry:
    """What LAIT's data dictionary says of an item (its ``Measure_short``)."""

    item: str
    label: str
    polarity: str
    year_type: str
    unit: str


def _unit(axis: str) -> str:
    """A unit from the dictionary's y-axis name, for items outside the mapping."""
    text = axis.lower()
    if "10,000" in text or "10000" in text:
        return "rate_per_10k"
    if "%" in text or "percent" in text or "rate" in text:
        return "percent"
    if "day" in text:
        return "days"
    if "number" in text or "children" in text or "workers" in text:
        return "count"
    return "ratio"


def read_dictionary(path: Path) -> dict[str, DictionaryEntry]:
    """LAIT's data dictionary (``Measure_short``, ``Polarity``, ``Year_Type``...)."""
    needed = LAIT_DICTIONARY_COLUMNS
    frame = read_published_csv(path, strip=needed)
    header = list(frame.columns)
    found = {name: find_column(header, name) for name in needed}
    problems = [Problem(path.name, f"column '{name}' is missing; is this LAIT's data dictionary?",
                        1, name, nearest(name, header))
                for name, column in found.items() if column is None]
    if problems:
        raise wrong_kind(path, header, "lait-dictionary") or ImportProblemsError(
            f"{path.name}: not a LAIT data dictionary", problems)
    entries: dict[str, DictionaryEntry] = {}
    for _, row in frame.iterrows():
        item = row[found["Measure_short"]]
        polarity = POLARITIES.get(row[found["Polarity"]].strip().lower(), "neutral")
        unit = _unit(row[found["y_axis_name"]])
        entries.setdefault(item, DictionaryEntry(item, row[found["Chart_title"]], polarity,
                                                 row[found["Year_Type"]], unit))
    return entries


@dataclass
class _LaitFile:
    path: Path
    frame: pd.DataFrame  # columns under their standard names, plus _level

    @property
    def label(self) -> str:
        return self.path.name


def read_lait(path: Path) -> _LaitFile:
    frame = read_published_csv(path, strip=COLUMNS[:-1])  # parse_cell strips values
    header = list(frame.columns)
    found = {name: find_column(header, name) for name in COLUMNS}
    problems = [Problem(path.name, f"required column '{name}' is missing; is this a LAIT long "
                        "file?", 1, name, nearest(name, header))
                for name, column in found.items() if column is None]
    if problems:
        raise wrong_kind(path, header, "lait") or ImportProblemsError(
            f"{path.name}: not a LAIT long file", problems)
    frame = frame.rename(columns={column: name for name, column in found.items()})
    number = frame["la_number"]
    frame["_level"] = LA
    frame.loc[number == ENGLAND_NUMBER, "_level"] = ENGLAND
    frame.loc[number.isin(REGION_NUMBERS), "_level"] = REGION
    return _LaitFile(path, frame)


def _areas(file: _LaitFile) -> dict[str, Area]:
    columns = ["la_number", "la_and_regions", "years"]
    rows = file.frame.loc[file.frame["_level"] == LA, columns].sort_values("years")
    rows = rows.drop_duplicates(["la_number", "la_and_regions"], keep="last")
    return collect_areas(AreaRecord(*cells) for cells in rows.itertuples(index=False))


def _region(file: _LaitFile, group: NeighbourGroup | None) -> tuple[str, str]:
    """LAIT's number and name of the area's region, which LAIT's long file does not give
    for an LA: it comes from the neighbour model."""
    if group is None or not group.region:
        return "", ""
    regions = file.frame[file.frame["_level"] == REGION].drop_duplicates("la_number")
    for number, name in zip(regions["la_number"], regions["la_and_regions"], strict=True):
        if normalise(name) == normalise(group.region):
            return number, name
    return "", ""


def _any_group(code: str) -> NeighbourGroup | None:
    """The authority's group in any shipped model: its region does not change."""
    return next((m[code] for m in map(shipped_model, MODELS) if code in m), None)


def _theme(theme: str | None) -> tuple[str | None, list[Problem]]:
    if theme is None:
        return None, []
    vocabulary = theme_vocabulary()
    resolved = vocabulary.resolve(theme)
    if resolved is None:
        suggestion = vocabulary.suggest(theme)
        return None, [Problem("--theme", f"unknown theme '{theme}'", suggestion=suggestion)]
    return resolved, []


def _spec(item: str, mapped: dict[str, IndicatorSpec], entry: DictionaryEntry | None,
          theme_id: str | None) -> IndicatorSpec | None:
    """The indicator an item becomes: the mapping's (with a newer dictionary's polarity
    and year type), else the dictionary's with ``--theme``, else None."""
    spec = mapped.get(item)
    if spec is not None and entry is not None:
        return dataclasses.replace(spec, polarity=entry.polarity, year_type=entry.year_type)
    if spec is None and entry is not None and theme_id:
        return IndicatorSpec(f"lait-{slug(item)}", entry.label, theme_id, entry.unit,
                             entry.polarity, item, year_type=entry.year_type,
                             benchmark=entry.unit != "count")
    return spec


def _specs(
    file: _LaitFile,
    mapping: Mapping,
    items: Sequence[str] | None,
    dictionary: dict[str, DictionaryEntry] | None,
    theme: str | None,
    warnings: list[str],
) -> list[IndicatorSpec]:
    """The indicators to import: the chosen items, or every item of the file that the
    mapping (or the dictionary, with a theme) describes."""
    present = list(file.frame["short_desc"].unique())
    mapped = {spec.source: spec for spec in mapping.indicators}
    theme_id, problems = _theme(theme)
    specs, unknown = [], []
    for item in items or present:
        if item not in present:
            problems.append(Problem(file.label, f"item '{item}' is not in the file", None,
                                    "short_desc", nearest(item, present)))
            continue
        spec = _spec(item, mapped, (dictionary or {}).get(item), theme_id)
        if spec is not None:
            specs.append(spec)
        elif items:
            problems.append(Problem(file.label, f"item '{item}' is not in the LAIT mapping; pass "
                                    "--dictionary and --theme to import it", None, "short_desc"))
        else:
            unknown.append(item)
    if problems:
        raise ImportProblemsError(f"{file.label}: items cannot be imported", problems)
    if unknown:
        shown = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        warnings.append(f"{len(unknown)} item(s) not in the LAIT mapping were left out ({shown}); "
                        "pass --dictionary and --theme to import them")
    return specs


def _observations(file: _LaitFile, specs: list[IndicatorSpec], codes: frozenset[str],
                  region: str, problems: list[Problem]) -> list[Observation]:
    by_item = {spec.source: spec for spec in specs}
    frame = file.frame
    level = frame["_level"]
    wanted = frame["short_desc"].isin(by_item) & (
        (level == ENGLAND) | ((level == REGION) & (frame["la_number"] == region))
        | ((level == LA) & frame["la_number"].isin(codes)))
    rows = frame[wanted]
    twice = rows[rows.duplicated(["short_desc", "years", "la_number"], keep="first")]
    for index, item in zip(twice.index, twice["short_desc"], strict=True):
        problems.append(Problem(file.label, f"a second row for item '{item}', the same year and "
                                "area", int(index), "short_desc"))
    labels: dict[tuple[str, str], str | None] = {}
    observations = []
    for index, item, years, number, row_level, text in zip(
        rows.index, rows["short_desc"], rows["years"], rows["la_number"], rows["_level"],
        rows["value"], strict=True,
    ):
        spec = by_item[item]
        period = _period(years, spec.year_type, index, labels, file, problems)
        cell = parse_cell(text)
        if cell is None:
            problems.append(Problem(file.label, f"'{text}' is neither a number nor a publication "
                                    f"symbol ({_SYMBOL_LIST})", int(index), "value"))
        if period is None or cell is None:
            continue
        code = "" if row_level == ENGLAND else number
        observations.append(Observation(spec.indicator, period, row_level, code, cell))
    return observations


def _period(years: str, year_type: str, index: int, labels: dict[tuple[str, str], str | None],
            file: _LaitFile, problems: list[Problem]) -> str | None:
    key = (years, year_type or "Financial Year")
    if key not in labels:
        try:
            labels[key] = lait_label(*key)
        except PeriodError as error:
            labels[key] = None
            problems.append(Problem(file.label, str(error), int(index), "years"))
    return labels[key]


def import_lait(
    file: Path,
    *,
    area: str,
    into: Path,
    items: Sequence[str] | None = None,
    mapping: str | Path = "lait",
    dictionary: Path | None = None,
    theme: str | None = None,
    neighbours_model: str = DEFAULT_MODEL,
    neighbours_file: Path | None = None,
) -> ImportResult:
    """Import a LAIT long file for one area into the pack folder ``into``.

    ``items`` chooses LAIT items by ``short_desc`` (default: every item in the file).
    England (970), the area's region and its statistical neighbours (mean and median)
    become benchmarks. Raises ImportProblemsError listing every located problem.
    """
    chosen_mapping = load_mapping(mapping)
    if chosen_mapping.format != "lait":
        problem = Problem(chosen_mapping.path, f"mapping '{chosen_mapping.name}' is for "
                          f"{chosen_mapping.format} files, not LAIT", column="format")
        raise ImportProblemsError(f"{chosen_mapping.name}: not a LAIT mapping", [problem])
    check_same_as(chosen_mapping)
    entries = read_dictionary(dictionary) if dictionary is not None else None
    model = load_model(neighbours_model, neighbours_file)
    loaded = read_lait(Path(file))
    target, warnings = resolve_area(area, _areas(loaded), loaded.label)
    specs = _specs(loaded, chosen_mapping, items, entries, theme, warnings)
    group = model.get(target.code)
    region, region_name = _region(loaded, group or _any_group(target.code))
    if group is None:
        warnings.append(f"{target.describe()} is not in the statistical neighbour model: no "
                        "neighbour benchmarks")
    problems: list[Problem] = []
    codes = frozenset({target.code, *(group.codes if group else ())})
    observations = _observations(loaded, specs, codes, region, problems)
    if problems:
        raise ImportProblemsError(f"{len(problems)} problem(s) in {loaded.label}", problems)
    comparators = Comparators(target, area_label(into, target), region, region_name, group)
    sourced = [SourcedSpec(spec, chosen_mapping, loaded.label) for spec in specs]
    source = summarise(loaded.label, chosen_mapping.name, observations, target)
    return write_import(into, observations, sourced, comparators, [source], warnings)
