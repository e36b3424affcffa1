"""Indicator rows → time series: one per indicator × area × agency, whole population.

A series holds the rows whose ``breakdown`` is ``all`` and whose period ends on or before
the end of the pack's period, in time order. Its agency is the row's, else the
catalogue's ``source_agency`` (docs/architecture.md, Facts).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ._common import (
    fact_ids,
    float_column,
    movement,
    number,
    polarity_name,
    polarity_sign,
    records,
    source_refs,
    text_column,
)
from .spc import CAUSES, XmrArrays, assurance, point_types, variation

#: What identifies a series (besides ``breakdown == "all"``).
SERIES_KEY: tuple[str, ...] = ("indicator", "area", "agency")

_CATALOGUE_TEXT = ("label", "theme", "unit", "polarity", "evidence_type", "source_agency")


@dataclass(frozen=True)
class Series:
    """All series of a pack, end to end.

    ``points`` has one row per point, series after series, each in time order, with
    ``sid`` (the series' position in ``meta``), the key, ``period``, ``period_start``,
    ``value``, ``_item``, ``_source`` (``file:row``), and ``prev_value``, ``prev_item``
    and ``prev_source`` (the series' previous point; NaN or "" for the first).

    ``meta`` has one row per series: the key, the catalogue's fields, ``sign`` (polarity
    as +1/-1/0), ``id_stub`` (the key as slugs, for fact ids), ``first`` (index of its
    first point in ``points``) and ``count``.
    """

    points: pd.DataFrame
    meta: pd.DataFrame

    @cached_property
    def rows(self) -> list[dict[str, object]]:
        """``meta`` as one dict per series, for building facts."""
        return records(self.meta)

    @cached_property
    def last(self) -> np.ndarray:
        """Index into ``points`` of each series' latest point."""
        return (self.meta["first"] + self.meta["count"] - 1).to_numpy()


def catalogue_view(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue's fields the signals use, one row per indicator (the last row of
    an indicator wins, as a pack's own catalogue overrides the built-in one)."""
    frame = pd.DataFrame({"indicator": text_column(catalogue, "indicator")})
    for column in _CATALOGUE_TEXT:
        frame[column] = text_column(catalogue, column)
    frame["polarity"] = frame["polarity"].map(polarity_name)
    frame["target"] = float_column(catalogue, "target")
    frame["tolerance"] = float_column(catalogue, "tolerance")
    return frame.drop_duplicates("indicator", keep="last").set_index("indicator")


def observations(
    indicators: pd.DataFrame, catalogue: pd.DataFrame, period_end: datetime.date
) -> pd.DataFrame:
    """Indicator rows with a value in periods ending by ``period_end``, every breakdown,
    with clean columns and the agency resolved. Of two rows for one indicator, area,
    agency, breakdown and period, the later row wins."""
    frame = pd.DataFrame(index=indicators.index)
    for column in (
        "indicator",
        "period",
        "area",
        "breakdown",
        "dimension",
        "group",
        "_item",
        "_file",
    ):
        frame[column] = text_column(indicators, column)
    for column in ("value", "numerator", "denominator", "_row"):
        frame[column] = float_column(indicators, column)
    frame["period_start"] = pd.to_datetime(indicators["period_start"])
    frame["period_end"] = pd.to_datetime(indicators["period_end"])
    frame["breakdown"] = frame["breakdown"].replace("", "all")
    unsplit = frame["dimension"] == ""  # ingest splits breakdowns; be safe if not
    if unsplit.any():
        split = frame.loc[unsplit, "breakdown"].str.partition("=")
        frame.loc[unsplit, "dimension"], frame.loc[unsplit, "group"] = split[0], split[2]
    frame.loc[frame["breakdown"] == "all", ["dimension", "group"]] = "all"
    frame["_source"] = source_refs(indicators)

    row_agency = text_column(indicators, "agency")
    fallback = frame["indicator"].map(catalogue["source_agency"]).fillna("")
    frame["agency"] = row_agency.where(row_agency != "", fallback)

    keep = frame["value"].notna() & (frame["period_end"] <= pd.Timestamp(period_end))
    # "Later" is by position in the files, whatever order the rows arrive in.
    frame = frame[keep].sort_values(["_file", "_row"], kind="mergesort")
    key = [*SERIES_KEY, "breakdown", "period"]
    return frame.drop_duplicates(key, keep="last").reset_index(drop=True)


def build_series(obs: pd.DataFrame, catalogue: pd.DataFrame) -> Series:
    """The whole-population series in ``obs`` (from :func:`observations`)."""
    key = list(SERIES_KEY)
    points = obs[obs["breakdown"] == "all"].sort_values(
        [*key, "period_start", "period_end"], kind="mergesort"
    )
    points = points[_same_granularity(points, key)].reset_index(drop=True)
    new = _starts(points, key)
    points["sid"] = np.cumsum(new) - 1
    points["prev_value"] = points["value"].shift().where(~new)
    for column, previous in (("_item", "prev_item"), ("_source", "prev_source")):
        points[previous] = points[column].shift().where(~new, "").fillna("")

    first = np.flatnonzero(new)
    meta = points.loc[first, key].reset_index(drop=True)
    meta["first"] = first
    meta["count"] = np.diff(np.append(first, len(points))).astype(np.int64)
    meta = meta.join(catalogue.drop(columns="source_agency"), on="indicator")
    meta["label"] = meta["label"].where(meta["label"].fillna("") != "", meta["indicator"])
    for column in ("theme", "unit", "evidence_type"):
        meta[column] = meta[column].fillna("")
    meta["polarity"] = meta["polarity"].fillna("neutral")
    meta["sign"] = meta["polarity"].map(polarity_sign).astype(np.int64)
    meta["id_stub"] = fact_ids("", meta, key)
    return Series(points=points, meta=meta)


def _starts(points: pd.DataFrame, key: list[str]) -> np.ndarray:
    """True at the first point of each series (``points`` sorted by ``key``)."""
    new = np.zeros(len(points), dtype=bool)
    new[:1] = True
    for column in key:
        values = points[column].to_numpy()
        new[1:] |= values[1:] != values[:-1]
    return new


def _same_granularity(points: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Which points are as long as their series' latest one, so a series does not mix
    quarters with years (a pack may carry both for one indicator)."""
    days = (points["period_end"] - points["period_start"]).dt.days.to_numpy()
    kind = np.searchsorted(np.array([1, 31, 92, 184]), days)  # day, month, quarter, half, year
    new = _starts(points, key)
    if not new.any():
        return new
    sid = np.cumsum(new) - 1
    last = np.append(np.flatnonzero(new)[1:], len(points)) - 1
    return kind == kind[last][sid]


def direction(values: np.ndarray, prev: np.ndarray, sign: np.ndarray) -> list[str]:
    """The plain movement from the previous point, by polarity: ``improving``,
    ``worsening``, ``stable`` (no change, or no previous point) or ``neutral``. It is
    not a statistical judgement; ``variation`` is."""
    moved = movement(values, prev)
    kinds = np.select(
        [sign == 0, moved == 0, moved * sign > 0],
        ["neutral", "stable", "improving"],
        "worsening",
    )
    return kinds.tolist()


def spc_outputs(series: Series, arrays: XmrArrays) -> tuple[list[dict], list[dict]]:
    """The ``spc`` facts and the chart series (signals.json), one each per series."""
    judged = _judgements(series, arrays)
    points = series.points
    columns = {name: points[name].tolist() for name in ("period", "value", "_item", "_source")}
    types = point_types(
        arrays.cause, arrays.direction, series.meta["sign"].to_numpy()[points["sid"].to_numpy()]
    )
    causes = arrays.cause.tolist()
    facts, charts = [], []
    for row, judgement in zip(series.rows, judged, strict=True):
        span = range(row["first"], row["first"] + row["count"])
        common = {name: row[name] for name in _COMMON}
        facts.append(
            {
                "fact": "spc",
                "id": "spc" + row["id_stub"],
                **common,
                "evidence_type": row["evidence_type"],
                "points": len(span),
                "latest_period": columns["period"][span[-1]],
                "latest_value": columns["value"][span[-1]],
                **judgement,
                "evidence": columns["_item"][span.start : span.stop],
                "source": columns["_source"][span.start : span.stop],
            }
        )
        charts.append(
            {
                "id": "series" + row["id_stub"],
                **common,
                "target": number(row["target"]),
                "tolerance": number(row["tolerance"]),
                "points": [
                    {"period": columns["period"][i], "value": columns["value"][i]} for i in span
                ],
                **{name: judgement[name] for name in _CHART},
                "special": [
                    {"period": columns["period"][i], "cause": CAUSES[causes[i]], "type": types[i]}
                    for i in span
                    if causes[i]
                ],
            }
        )
    return facts, charts


#: Fields an spc fact and a chart share with the series' catalogue entry, and with
#: the spc fact's judgement.
_COMMON = ("indicator", "label", "theme", "agency", "area", "unit", "polarity")
_CHART = (
    "mean",
    "lower_limit",
    "upper_limit",
    "trial_limits",
    "variation",
    "special_cause",
    "since_period",
    "assurance",
)


def _judgements(series: Series, arrays: XmrArrays) -> list[dict[str, object]]:
    """Per series, what the chart says about it: the spc fact's statistical fields."""
    sign = series.meta["sign"].to_numpy()
    last = series.last
    values = series.points["value"].to_numpy()
    periods = series.points["period"].tolist()
    columns = {
        "mean": [number(v) for v in arrays.mean],
        "lower_limit": [number(v) for v in arrays.lower_limit],
        "upper_limit": [number(v) for v in arrays.upper_limit],
        "variation": variation(arrays, sign),
        "special_cause": [CAUSES[c] for c in arrays.cause[last]],
        "since_period": [periods[s] if s >= 0 else "" for s in arrays.start[last]],
        "assurance": assurance(arrays, sign, series.meta["target"].to_numpy(dtype=float)),
        "trial_limits": arrays.trial.tolist(),
        "direction": direction(values[last], series.points["prev_value"].to_numpy()[last], sign),
    }
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]
