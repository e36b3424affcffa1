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
    ``value``, ``prev_value``, ``prev_item`` and ``prev_source`` (the series' previous
    point, NaN/"" for the first), ``_item`` and ``_source`` (``file:row``). ``meta`` has one row per
    series: the key, the catalogue's fields, ``sign`` (polarity as +1/-1/0), ``first`` (index of
    its first point in ``points``) and ``count``.
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
    with np.errstate(invalid="ignore"):
        moved = np.sign(values - prev) * sign
    kinds = np.select(
        [sign == 0, np.isnan(moved) | (moved == 0), moved > 0],
        ["neutral", "stable", "improving"],
        "worsening",
    )
    return kinds.tolist()


def spc_outputs(series: Series, arrays: XmrArrays) -> tuple[list[dict], list[dict]]:
    """The ``spc`` facts and the chart series (signals.json), one each per series."""
    meta, points = series.meta, series.points
    sign = meta["sign"].to_numpy()
    target = meta["target"].to_numpy(dtype=float)
    last = series.last
    variations = variation(arrays, sign)
    assurances = assurance(arrays, sign, target)
    directions = direction(
        points["value"].to_numpy()[last], points["prev_value"].to_numpy()[last], sign
    )
    types = point_types(arrays.cause, arrays.direction, sign[points["sid"].to_numpy()])
    periods = points["period"].tolist()
    values = points["value"].tolist()
    items = points["_item"].tolist()
    sources = points["_source"].tolist()
    causes = arrays.cause.tolist()
    starts = arrays.start.tolist()

    facts, charts = [], []
    for s, row in enumerate(series.rows):
        lo, hi = row["first"], row["first"] + row["count"]
        latest = hi - 1
        limits = {
            "mean": number(arrays.mean[s]),
            "lower_limit": number(arrays.lower_limit[s]),
            "upper_limit": number(arrays.upper_limit[s]),
        }
        latest_cause = CAUSES[causes[latest]]
        since = periods[starts[latest]] if causes[latest] else ""
        common = {
            "indicator": row["indicator"],
            "label": row["label"],
            "theme": row["theme"],
            "agency": row["agency"],
            "area": row["area"],
            "unit": row["unit"],
            "polarity": row["polarity"],
        }
        facts.append(
            {
                "fact": "spc",
                "id": "spc" + row["id_stub"],
                **common,
                "evidence_type": row["evidence_type"],
                "points": int(row["count"]),
                "latest_period": periods[latest],
                "latest_value": values[latest],
                **limits,
                "variation": variations[s],
                "special_cause": latest_cause,
                "since_period": since,
                "assurance": assurances[s],
                "trial_limits": bool(arrays.trial[s]),
                "direction": directions[s],
                "evidence": items[lo:hi],
                "source": sources[lo:hi],
            }
        )
        charts.append(
            {
                "id": "series" + row["id_stub"],
                **common,
                "target": number(row["target"]),
                "tolerance": number(row["tolerance"]),
                "points": [
                    {"period": p, "value": v}
                    for p, v in zip(periods[lo:hi], values[lo:hi], strict=True)
                ],
                **limits,
                "trial_limits": bool(arrays.trial[s]),
                "special": [
                    {"period": periods[i], "cause": CAUSES[causes[i]], "type": types[i]}
                    for i in range(lo, hi)
                    if causes[i]
                ],
                "variation": variations[s],
                "special_cause": latest_cause,
                "since_period": since,
                "assurance": assurances[s],
            }
        )
    return facts, charts
