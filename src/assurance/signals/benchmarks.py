"""Benchmarks: each series against England, its region, its statistical neighbours and
named areas, in the manner of DfE's Local Authority Interactive Tool (LAIT).

``benchmarks`` rows carry ``indicator``, ``period`` (the same label as the indicator
rows they compare with), ``comparator`` and ``value``; optional columns are
``statistic`` (``mean``, ``median``...) and ``area`` (the row applies only to that
area's series, since statistical neighbours differ between areas).

One ``benchmark`` fact per series × comparator (× statistic), at the latest period of
the series that the comparator covers:

- ``gap_ratio`` is value / benchmark value; ``worse`` is worse than the benchmark by
  polarity, ``worsening`` worse than the series' previous point, ``red_red`` both.
- Several rows for one comparator and period without a ``statistic`` (each neighbour's
  value, say) are averaged and labelled ``mean``, as LAIT's statistical-neighbour
  average is.
- Named-area rows that cover a full set of areas for an indicator and period (at least
  ``full_set_areas``) rank the series as LAIT does: ``rank`` 1 is best (ties share the
  best rank), ``of`` counts the areas, ``quartile`` A is the best quarter by the
  quartiles of all areas' values. Those rows give one fact with comparator
  ``all_areas`` (statistic ``median``) rather than one per area; fewer named areas give
  a fact each, with comparator_kind ``area``. Rank and quartile are on every fact of a
  period that has a full set, else ``None`` and ``""``; neutral indicators are not
  ranked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._common import (
    fact_ids,
    float_column,
    movement,
    records,
    source_refs,
    text_column,
    tolerant_sign,
)
from .series import Series
from .settings import SignalSettings

AGGREGATE_KINDS: tuple[str, ...] = ("england", "region", "statistical_neighbours")
ALL_AREAS = "all_areas"
_GROUP = ["indicator", "period", "kind", "comparator_key", "statistic", "for_area"]


@dataclass(frozen=True)
class _Ranking:
    """Every area's value for one indicator and period (a full set)."""

    names: np.ndarray  # case-folded
    values: np.ndarray
    quartiles: np.ndarray  # 25th, 50th and 75th percentiles

    def place(self, area: str, value: float, sign: int) -> tuple[int | None, int | None, str]:
        """(rank, of, quartile) of ``area`` with ``value``; the area's own row, if any,
        is replaced by the value being ranked."""
        if sign == 0:
            return None, None, ""
        others = self.values[self.names != area.casefold()]
        better = int((tolerant_sign(others - value, others) * sign > 0).sum())
        # LAIT: quantile() of all areas (R type 7, numpy's default); a value on a
        # quartile belongs to the band below it ("<=" in calculate_quartile_band).
        band = int(np.searchsorted(self.quartiles, value, side="left"))
        return better + 1, others.size + 1, ("DCBA" if sign > 0 else "ABCD")[band]


def benchmark_facts(
    series: Series, benchmarks: pd.DataFrame | None, settings: SignalSettings
) -> list[dict]:
    """The ``benchmark`` facts of every series."""
    if benchmarks is None or benchmarks.empty or series.points.empty:
        return []
    bench = _normalise(benchmarks)
    named = bench["kind"] == "area"
    areas = bench[named].groupby(["indicator", "period"])["comparator_key"].transform("nunique")
    full = named & (areas.reindex(bench.index, fill_value=0) >= settings.full_set_areas)
    rankings = _rankings(bench[full])
    pairs = pd.concat(
        [_latest_pairs(series, _aggregate(bench[~full])), _all_areas_pairs(series, rankings)],
        ignore_index=True,
    )
    return _facts(series, pairs, rankings)


def _normalise(benchmarks: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {column: text_column(benchmarks, column) for column in ("indicator", "period", "_item")}
    )
    frame["value"] = float_column(benchmarks, "value")
    frame["_source"] = source_refs(benchmarks)
    # String work on each distinct value, not on every row: a full set of areas is
    # 150 names over thousands of rows.
    frame["statistic"] = _each_distinct(text_column(benchmarks, "statistic"), _key)
    frame["for_area"] = _each_distinct(text_column(benchmarks, "area"), _key)
    comparator = text_column(benchmarks, "comparator")
    frame["kind"] = _each_distinct(comparator, _kind)
    frame["comparator"] = _each_distinct(comparator, _label)
    frame["comparator_key"] = _each_distinct(frame["comparator"], _key)
    return frame[frame["value"].notna()]


def _key(name: str) -> str:
    return name.strip().casefold()


def _kind(comparator: str) -> str:
    """``england``, ``region``, ``statistical_neighbours`` (any case, spaces or hyphens
    for underscores) or ``area`` for a named area."""
    kind = re.sub(r"[\s-]+", "_", _key(comparator))
    return kind if kind in AGGREGATE_KINDS else "area"


def _label(comparator: str) -> str:
    """The comparator as facts name it: its kind, or the area's name as given."""
    kind = _kind(comparator)
    return comparator.strip() if kind == "area" else kind


def _each_distinct(values: pd.Series, function: Callable[[str], str]) -> pd.Series:
    return values.map({value: function(value) for value in values.unique()})


def _aggregate(bench: pd.DataFrame) -> pd.DataFrame:
    """One row per comparator, statistic and period: several rows averaged. (Plain
    Python: these rows are few, and pandas' list aggregation is slow.)"""
    groups: dict[tuple, list[int]] = {}
    for i, key in enumerate(zip(*(bench[c].tolist() for c in _GROUP), strict=True)):
        groups.setdefault(key, []).append(i)
    comparator, value = bench["comparator"].tolist(), bench["value"].tolist()
    item, source = bench["_item"].tolist(), bench["_source"].tolist()
    rows = []
    for key in sorted(groups):
        members = groups[key]
        statistic = key[4] or ("mean" if len(members) > 1 else "")
        rows.append(
            (
                *key[:4],
                statistic,
                key[5],
                comparator[members[0]],
                math.fsum(value[i] for i in members) / len(members),  # exact: order-free
                [item[i] for i in members],
                [source[i] for i in members],
            )
        )
    return pd.DataFrame(
        rows, columns=[*_GROUP, "comparator", "benchmark_value", "items", "sources"]
    )


def _rankings(full: pd.DataFrame) -> dict[tuple[str, str], _Ranking]:
    """Every full set of named-area rows, by indicator and period."""
    if full.empty:
        return {}
    full = full.drop_duplicates(["indicator", "period", "comparator_key"], keep="last")
    full = full.sort_values(["indicator", "period"], kind="mergesort")
    keys = list(zip(full["indicator"].tolist(), full["period"].tolist(), strict=True))
    names, values = full["comparator_key"].to_numpy(), full["value"].to_numpy(float)
    bounds = [i for i in range(1, len(keys)) if keys[i] != keys[i - 1]]
    rankings = {}
    for first, end in zip([0, *bounds], [*bounds, len(keys)], strict=True):
        rankings[keys[first]] = _Ranking(
            names=names[first:end],
            values=values[first:end],
            quartiles=np.percentile(values[first:end], [25, 50, 75]),
        )
    return rankings


def _points(series: Series) -> pd.DataFrame:
    """The series' points, with the columns the benchmark facts use."""
    columns = [
        "sid",
        "indicator",
        "period",
        "period_start",
        "area",
        "value",
        "prev_value",
        "_item",
        "prev_item",
        "_source",
        "prev_source",
    ]
    return series.points[columns].rename(columns={"_item": "item", "_source": "source"})


def _latest_pairs(series: Series, comparators: pd.DataFrame) -> pd.DataFrame:
    """Each series × comparator at the latest period of the series the comparator has;
    of an area's own row and a general one for the same period, the area's own."""
    pairs = _points(series).merge(comparators, on=["indicator", "period"], how="inner")
    area = _each_distinct(pairs["area"], _key)
    applies = (pairs["for_area"] == "") | (pairs["for_area"] == area)
    itself = (pairs["kind"] == "area") & (pairs["comparator_key"] == area)
    pairs = pairs[applies & ~itself].assign(specific=pairs["for_area"] != "")
    pairs = pairs.sort_values(["sid", "period_start", "specific"], kind="mergesort")
    return pairs.drop_duplicates(["sid", "kind", "comparator_key", "statistic"], keep="last")


def _all_areas_pairs(series: Series, rankings: dict[tuple[str, str], _Ranking]) -> pd.DataFrame:
    """Each series against the median of all areas, at its latest fully covered period."""
    if not rankings:
        return pd.DataFrame()
    full = pd.DataFrame(
        [(*key, float(ranking.quartiles[1])) for key, ranking in rankings.items()],
        columns=["indicator", "period", "benchmark_value"],
    )
    latest = _points(series).merge(full, on=["indicator", "period"])
    latest = latest.sort_values(["sid", "period_start"], kind="mergesort")
    latest = latest.drop_duplicates("sid", keep="last")
    empty = [[] for _ in range(len(latest))]
    return latest.assign(
        comparator=ALL_AREAS, kind=ALL_AREAS, statistic="median", items=empty, sources=empty
    )


def _facts(
    series: Series, pairs: pd.DataFrame, rankings: dict[tuple[str, str], _Ranking]
) -> list[dict]:
    if pairs.empty:
        return []
    pairs = pairs.reset_index(drop=True)
    meta = series.meta.iloc[pairs["sid"].to_numpy()].reset_index(drop=True)
    value, bench = pairs["value"].to_numpy(float), pairs["benchmark_value"].to_numpy(float)
    sign = meta["sign"].to_numpy()
    worse = tolerant_sign(value - bench, bench) * sign < 0
    # Worse than the series' previous point; a first point is not worsening.
    worsening = movement(value, pairs["prev_value"].to_numpy(float)) * sign < 0
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(bench != 0, value / bench, np.nan)
    places = _places(rankings, pairs, meta)
    facts = pd.DataFrame(
        {
            "fact": "benchmark",
            "id": fact_ids(
                "benchmark",
                pairs.assign(agency=meta["agency"]),
                ["indicator", "area", "agency", "comparator", "statistic"],
            ),
            **{
                name: meta[name]
                for name in ("indicator", "label", "theme", "agency", "area", "polarity")
            },
            "period": pairs["period"],
            "comparator": pairs["comparator"],
            "comparator_kind": pairs["kind"],
            "statistic": pairs["statistic"],
            "value": value,
            "benchmark_value": bench,
            "gap_ratio": gap,
            "worse": worse,
            "worsening": worsening,
            "red_red": worse & worsening,
            "quartile": [place[2] for place in places],
            "rank": pd.array([place[0] for place in places], dtype="Int64"),
            "of": pd.array([place[1] for place in places], dtype="Int64"),
            "evidence": _rows_behind(pairs, "item", "prev_item", "items"),
            "source": _rows_behind(pairs, "source", "prev_source", "sources"),
        }
    )
    return records(facts)


def _places(
    rankings: dict[tuple[str, str], _Ranking], pairs: pd.DataFrame, meta: pd.DataFrame
) -> list[tuple[int | None, int | None, str]]:
    """(rank, of, quartile) per pair, computed once per series and period."""
    done: dict[tuple[int, str], tuple[int | None, int | None, str]] = {}
    places = []
    for sid, indicator, period, area, value, sign in zip(
        pairs["sid"].tolist(),
        meta["indicator"].tolist(),
        pairs["period"].tolist(),
        meta["area"].tolist(),
        pairs["value"].tolist(),
        meta["sign"].tolist(),
        strict=True,
    ):
        if (sid, period) not in done:
            ranking = rankings.get((indicator, period))
            done[sid, period] = (
                (None, None, "") if ranking is None else ranking.place(area, value, sign)
            )
        places.append(done[sid, period])
    return places


def _rows_behind(pairs: pd.DataFrame, own: str, previous: str, benchmark: str) -> list[list[str]]:
    """The series' point, its previous point (worsening rests on it), the benchmark rows."""
    return [
        [mine, *([before] if before else []), *theirs]
        for mine, before, theirs in zip(
            pairs[own].tolist(), pairs[previous].tolist(), pairs[benchmark].tolist(), strict=True
        )
    ]
