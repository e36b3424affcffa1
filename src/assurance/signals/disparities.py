"""Disparities: how each breakdown group of an indicator (sex, age, ethnicity,
disability...) compares with the whole population in the latest period.

``ratio`` is the group's value / the overall (``all``) value of the same indicator,
area, agency and period. A group is ``worse`` when the ratio is beyond
``disparity_ratio`` in the bad direction: above 1.25 when up is bad, below 1 / 1.25
= 0.8 when up is good (defaults). Neutral indicators have no bad direction, and groups
whose denominator is below ``disparity_min_denominator`` are never worse (small
numbers); a group without a denominator is judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import fact_id, number
from .series import SERIES_KEY
from .settings import SignalSettings


def disparity_facts(
    obs: pd.DataFrame, catalogue: pd.DataFrame, settings: SignalSettings
) -> list[dict]:
    """One ``disparity`` fact per indicator × area × agency × dimension × group, at the
    latest period in which the dimension and the whole population were both reported."""
    key = list(SERIES_KEY)
    named = {"_item": "item", "_source": "source"}  # itertuples drops leading underscores
    obs = obs.rename(columns=named)
    overall = obs.loc[obs["breakdown"] == "all", [*key, "period", "value", *named.values()]]
    groups = obs[obs["breakdown"] != "all"].merge(
        overall, on=[*key, "period"], suffixes=("", "_overall")
    )
    if groups.empty:
        return []
    groups = groups.sort_values(
        [*key, "dimension", "period_end", "period_start", "group"], kind="mergesort"
    )
    latest = groups.groupby([*key, "dimension"], sort=False)["period"].transform("last")
    groups = groups[groups["period"] == latest]

    polarity = groups["indicator"].map(catalogue["polarity"]).fillna("neutral")
    sign = polarity.map({"up_is_good": 1, "up_is_bad": -1}).fillna(0).to_numpy()
    worse = _worse(
        groups["value"].to_numpy(float),
        groups["value_overall"].to_numpy(float),
        groups["denominator"].to_numpy(float),
        sign,
        settings,
    )
    labels = groups["indicator"].map(catalogue["label"]).fillna("")
    themes = groups["indicator"].map(catalogue["theme"]).fillna("")

    facts = []
    for row, pol, label, theme, bad in zip(
        groups.itertuples(index=False), polarity, labels, themes, worse, strict=True
    ):
        ratio = row.value / row.value_overall if row.value_overall else None
        facts.append(
            {
                "fact": "disparity",
                "id": fact_id(
                    "disparity", row.indicator, row.area, row.agency, row.dimension, row.group
                ),
                "indicator": row.indicator,
                "label": label or row.indicator,
                "theme": theme,
                "agency": row.agency,
                "area": row.area,
                "polarity": pol,
                "period": row.period,
                "dimension": row.dimension,
                "group": row.group,
                "group_value": float(row.value),
                "overall_value": float(row.value_overall),
                "ratio": number(ratio),
                "worse": bool(bad),
                "evidence": [row.item, row.item_overall],
                "source": [row.source, row.source_overall],
            }
        )
    return facts


def _worse(
    value: np.ndarray,
    overall: np.ndarray,
    denominator: np.ndarray,
    sign: np.ndarray,
    settings: SignalSettings,
) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(overall != 0, value / overall, np.nan)
    limit = settings.disparity_ratio
    bad = np.where(sign > 0, ratio < 1 / limit, np.where(sign < 0, ratio > limit, False))
    # Small numbers: a rate over fewer than 5 children says little (DESIGN.md 4).
    enough = np.isnan(denominator) | (denominator >= settings.disparity_min_denominator)
    return bad & enough
