"""Hand-built typed tables, following the conventions in docs/architecture.md ("Typed
tables"): one ``_file``/``_row``/``_item`` per row, periods as label + dates."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import numpy as np
import pandas as pd

Period = tuple[str, datetime.date, datetime.date]


def fy_quarter(year: int, quarter: int) -> Period:
    """English financial-year quarter: ``2024-25 Q1`` is April–June 2024."""
    month = 4 + 3 * (quarter - 1)
    start_year = year + (month > 12)
    month = (month - 1) % 12 + 1
    start = datetime.date(start_year, month, 1)
    after = datetime.date(start_year + (month + 3 > 12), (month + 2) % 12 + 1, 1)
    label = f"{year}-{(year + 1) % 100:02d} Q{quarter}"
    return label, start, after - datetime.timedelta(days=1)


def quarters(n: int, last: tuple[int, int] = (2024, 2)) -> list[Period]:
    """``n`` consecutive financial-year quarters ending with ``last``."""
    year, quarter = last
    index = year * 4 + quarter - 1
    return [fy_quarter(i // 4, i % 4 + 1) for i in range(index - n + 1, index + 1)]


def fy_year(year: int) -> Period:
    """Financial year ``2023-24``: April 2023 to March 2024."""
    return (
        f"{year}-{(year + 1) % 100:02d}",
        datetime.date(year, 4, 1),
        datetime.date(year + 1, 3, 31),
    )


def rows(
    indicator: str, values: Sequence[float], periods: Sequence[Period], **columns
) -> list[dict]:
    """Indicator rows of one series; ``columns`` (area, agency, breakdown, denominator...)
    apply to every row, and a list value gives one per row."""
    out = []
    for i, (value, (label, start, end)) in enumerate(zip(values, periods, strict=True)):
        row = {
            "indicator": indicator,
            "period": label,
            "period_start": start,
            "period_end": end,
            "value": float(value),
        }
        for name, given in columns.items():
            row[name] = given[i] if isinstance(given, list) else given
        out.append(row)
    return out


def indicators(all_rows: Sequence[dict], file: str = "indicators.csv") -> pd.DataFrame:
    """The typed ``indicators`` table of ``all_rows``."""
    frame = pd.DataFrame(list(all_rows))
    defaults = {
        "area": "",
        "agency": "",
        "breakdown": "all",
        "numerator": np.nan,
        "denominator": np.nan,
        "note": "",
    }
    for name, value in defaults.items():
        if name not in frame:
            frame[name] = value
    frame["area"] = frame["area"].fillna("")
    frame["agency"] = frame["agency"].fillna("")
    frame["breakdown"] = frame["breakdown"].fillna("all")
    split = frame["breakdown"].str.partition("=")
    is_all = frame["breakdown"] == "all"
    frame["dimension"] = split[0].where(~is_all, "all")
    frame["group"] = split[2].where(~is_all, "all")
    return _provenance(frame, file, "indicators")


def catalogue(*entries: dict) -> pd.DataFrame:
    """The merged catalogue; each entry needs ``indicator``, the rest defaults."""
    defaults = {
        "label": "",
        "theme": "neglect",
        "unit": "percent",
        "polarity": "up_is_bad",
        "target": np.nan,
        "tolerance": np.nan,
        "evidence_type": "quantity",
        "source_agency": "",
    }
    frame = pd.DataFrame([{**defaults, "label": e["indicator"].upper(), **e} for e in entries])
    return _provenance(frame, "catalogue.csv", "catalogue")


def benchmarks(all_rows: Sequence[dict]) -> pd.DataFrame:
    """The typed ``benchmarks`` table (``indicator``, ``period``, ``comparator``, ``value``)."""
    return _provenance(pd.DataFrame(list(all_rows)), "benchmarks.csv", "benchmarks")


def _provenance(frame: pd.DataFrame, file: str, name: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame["_file"] = file
    frame["_row"] = np.arange(2, len(frame) + 2)
    frame["_item"] = [f"{name}-{r}" for r in frame["_row"]]
    return frame
