"""Scale: an England-sized pack has about 10,000 series (152 areas × 60 indicators)."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from assurance.signals import compute_signals

from .factories import quarters

SERIES, POINTS = 10_000, 16


def big_pack() -> tuple[pd.DataFrame, pd.DataFrame]:
    periods = quarters(POINTS)
    series = np.repeat(np.arange(SERIES), POINTS)
    quarter = np.tile(np.arange(POINTS), SERIES)
    rows = SERIES * POINTS
    table = pd.DataFrame(
        {
            "indicator": np.array([f"ind-{i % 60}" for i in range(SERIES)], dtype=object)[series],
            "area": np.array([f"Area {i // 60}" for i in range(SERIES)], dtype=object)[series],
            "period": np.array([p[0] for p in periods], dtype=object)[quarter],
            "period_start": np.array([p[1] for p in periods], dtype=object)[quarter],
            "period_end": np.array([p[2] for p in periods], dtype=object)[quarter],
            "value": np.random.default_rng(7).normal(50, 5, rows).round(1),
            "breakdown": "all",
            "dimension": "all",
            "group": "all",
            "agency": "",
            "numerator": np.nan,
            "denominator": np.nan,
            "_file": "indicators.csv",
            "_row": np.arange(2, rows + 2),
        }
    )
    table["_item"] = "indicators-" + table["_row"].astype(str)
    catalogue = pd.DataFrame(
        {
            "indicator": [f"ind-{i}" for i in range(60)],
            "label": "x",
            "theme": "neglect",
            "unit": "percent",
            "polarity": ["up_is_bad", "up_is_good", "neutral"] * 20,
            "target": 50.0,
            "tolerance": 2.0,
            "evidence_type": "quantity",
            "source_agency": "LA",
        }
    )
    return table, catalogue


def test_ten_thousand_series_compute_in_seconds() -> None:
    table, catalogue = big_pack()
    started = time.process_time()  # CPU time: other work on the machine does not count
    result = compute_signals({"indicators": table}, catalogue, quarters(1)[0][2])
    spent = time.process_time() - started
    assert len(result.spc) == len(result.series) == SERIES
    assert len(result.target) == SERIES
    assert spent < 5.0, f"{SERIES} series took {spent:.1f} s of CPU"
