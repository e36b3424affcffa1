"""Targets and tolerances: "what good looks like" (Somerset framework).

A tolerance is in the indicator's own unit: target 75 with tolerance 5 makes 70–80
within tolerance (README, "The evidence pack"). Outside it, a value is ``better`` or ``worse`` by
the indicator's polarity; a neutral indicator with a target is aiming at a level, so
any value outside tolerance is ``worse``.
"""

from __future__ import annotations

import numpy as np

from ._common import REL_TOLERANCE, number
from .series import Series
from .spc import segments

WITHIN, BETTER, WORSE = 0, 1, -1
_STATUS = {WITHIN: "within", BETTER: "better", WORSE: "worse"}


def status(
    value: np.ndarray, target: np.ndarray, tolerance: np.ndarray, sign: np.ndarray
) -> np.ndarray:
    """+1 better, -1 worse, 0 within tolerance (also where there is no target)."""
    slack = np.nan_to_num(tolerance) + REL_TOLERANCE * np.maximum(np.abs(target), 1.0)
    with np.errstate(invalid="ignore"):
        gap = value - target
        outside = np.where(gap > slack, 1, np.where(gap < -slack, -1, 0))
    oriented = np.where(sign == 0, -np.abs(outside), outside * sign)
    return np.where(np.isnan(target), WITHIN, oriented).astype(np.int8)


def target_facts(series: Series) -> list[dict]:
    """One ``target`` fact per series whose indicator has a target."""
    meta, points = series.meta, series.points
    sid = points["sid"].to_numpy()
    codes = status(
        points["value"].to_numpy(),
        meta["target"].to_numpy(dtype=float)[sid],
        meta["tolerance"].to_numpy(dtype=float)[sid],
        meta["sign"].to_numpy()[sid],
    )
    worse = codes == WORSE
    _, stretch = segments(worse, sid)  # consecutive worse periods end at the latest
    items, sources, last = points["_item"].tolist(), points["_source"].tolist(), series.last
    periods, values = points["period"].tolist(), points["value"].tolist()
    facts = []
    for s, row in enumerate(series.rows):
        if row["target"] is None:
            continue
        latest = int(last[s])
        outside = int(stretch[latest]) if worse[latest] else 0
        behind = slice(latest - max(outside, 1) + 1, latest + 1)
        facts.append(
            {
                "fact": "target",
                "id": "target" + row["id_stub"],
                "indicator": row["indicator"],
                "label": row["label"],
                "theme": row["theme"],
                "agency": row["agency"],
                "area": row["area"],
                "unit": row["unit"],
                "polarity": row["polarity"],
                "latest_period": periods[latest],
                "latest_value": values[latest],
                "target": float(row["target"]),
                "tolerance": number(row["tolerance"]) or 0.0,
                "status": _STATUS[int(codes[latest])],
                "periods_outside": outside,
                "evidence": items[behind],
                "source": sources[behind],
            }
        )
    return facts
