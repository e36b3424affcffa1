"""The signals stage: typed tables → SPC, target, benchmark and disparity facts, and the
chart series of ``signals.json`` (docs/architecture.md, "Facts" and "Run directory")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from ._common import make_unique
from .benchmarks import benchmark_facts
from .disparities import disparity_facts
from .series import SERIES_KEY, build_series, catalogue_view, observations, spc_outputs
from .settings import SignalSettings
from .spc import xmr_batch
from .targets import target_facts

#: What identifies a fact of each kind within a run, besides its kind.
_IDENTITY: dict[str, tuple[str, ...]] = {
    "spc": SERIES_KEY,
    "target": SERIES_KEY,
    "benchmark": (*SERIES_KEY, "comparator", "statistic"),
    "disparity": (*SERIES_KEY, "dimension", "group"),
    "series": SERIES_KEY,
}


@dataclass
class SignalSet:
    """Every signal of a pack, each list sorted by ``id``.

    ``spc``, ``target``, ``benchmark`` and ``disparity`` hold facts (flat dicts with
    ``fact``, ``id``, ``theme``, ``evidence`` — the ``_item`` ids of the rows behind the
    signal — ``source`` — their ``file:row`` — and the fields docs/architecture.md lists).
    ``series`` holds the chart data of ``signals.json``, one per SPC fact.
    """

    spc: list[dict] = field(default_factory=list)
    target: list[dict] = field(default_factory=list)
    benchmark: list[dict] = field(default_factory=list)
    disparity: list[dict] = field(default_factory=list)
    series: list[dict] = field(default_factory=list)

    def facts(self) -> list[dict]:
        """All facts, kind after kind (``series`` are chart data, not facts)."""
        return [*self.spc, *self.target, *self.benchmark, *self.disparity]


def compute_signals(
    tables: dict[str, pd.DataFrame],
    catalogue: pd.DataFrame,
    period_end: datetime.date,
    settings: SignalSettings = SignalSettings(),  # noqa: B008 - frozen, so a safe default
) -> SignalSet:
    """The signals of the ``indicators`` and ``benchmarks`` tables of a pack whose period
    ends on ``period_end``: only indicator rows of periods ending by then are used.

    ``catalogue`` is the merged catalogue (label, theme, unit, polarity, target,
    tolerance, evidence_type, source_agency per indicator). The result is
    deterministic: the same tables in any row order give the same signals.
    """
    indicators = tables.get("indicators")
    if indicators is None or indicators.empty:
        return SignalSet()
    cat = catalogue_view(catalogue)
    obs = observations(indicators, cat, period_end)
    series = build_series(obs, cat)
    arrays = xmr_batch(
        series.points["value"].to_numpy(float), series.meta["count"].to_numpy(), settings
    )
    spc, charts = spc_outputs(series, arrays)
    result = SignalSet(
        spc=spc,
        target=target_facts(series),
        benchmark=benchmark_facts(series, tables.get("benchmarks"), settings),
        disparity=disparity_facts(obs, cat, settings),
        series=charts,
    )
    for kind, identity in _IDENTITY.items():
        items = getattr(result, kind)
        make_unique(items, identity)
        items.sort(key=lambda item: item["id"])
    return result
