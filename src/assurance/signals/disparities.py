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

from ._common import fact_ids, polarity_sign, records
from .series import SERIES_KEY
from .settings import SignalSettings


def disparity_facts(
    obs: pd.DataFrame, catalogue: pd.DataFrame, settings: SignalSettings
) -> list[dict]:
    """One ``disparity`` fact per indicator × area × agency × dimension × group, at the
    latest period in which the dimension and the whole population were both reported."""
    key = [*SERIES_KEY]
    if (obs["breakdown"] == "all").all():
        return []
    overall = obs.loc[obs["breakdown"] == "all", [*key, "period", "value", "_item", "_source"]]
    groups = obs[obs["breakdown"] != "all"].merge(
        overall, on=[*key, "period"], suffixes=("", "_overall")
    )
    if groups.empty:
        return []
    groups = groups.sort_values(
        [*key, "dimension", "period_end", "period_start", "group"], kind="mergesort"
    )
    latest = groups.groupby([*key, "dimension"], sort=False)["period"].transform("last")
    groups = groups[groups["period"] == latest].reset_index(drop=True)

    about = catalogue.reindex(groups["indicator"]).reset_index(drop=True)
    polarity = about["polarity"].fillna("neutral")
    label = about["label"].fillna("")
    value, overall_value = groups["value"].to_numpy(float), groups["value_overall"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(overall_value != 0, value / overall_value, np.nan)
    worse = _worse(
        ratio,
        groups["denominator"].to_numpy(float),
        polarity.map(polarity_sign).to_numpy(),
        settings,
    )
    facts = pd.DataFrame(
        {
            "fact": "disparity",
            "id": fact_ids("disparity", groups, [*key, "dimension", "group"]),
            "indicator": groups["indicator"],
            "label": label.where(label != "", groups["indicator"]),
            "theme": about["theme"].fillna(""),
            "agency": groups["agency"],
            "area": groups["area"],
            "polarity": polarity,
            "period": groups["period"],
            "dimension": groups["dimension"],
            "group": groups["group"],
            "group_value": value,
            "overall_value": overall_value,
            "ratio": ratio,
            "worse": worse,
            "evidence": _pairs(groups["_item"], groups["_item_overall"]),
            "source": _pairs(groups["_source"], groups["_source_overall"]),
        }
    )
    return records(facts)


def _pairs(first: pd.Series, second: pd.Series) -> list[list[str]]:
    """``[first, second]`` per row: the group's row, then the overall row."""
    return [list(pair) for pair in zip(first.tolist(), second.tolist(), strict=True)]


def _worse(
    ratio: np.ndarray, denominator: np.ndarray, sign: np.ndarray, settings: SignalSettings
) -> np.ndarray:
    limit = settings.disparity_ratio
    bad = np.where(sign > 0, ratio < 1 / limit, np.where(sign < 0, ratio > limit, False))
    # Small numbers: a rate over fewer than 5 children says little (as --publish holds).
    enough = np.isnan(denominator) | (denominator >= settings.disparity_min_denominator)
    return bad & enough
