"""Targets and tolerances: "what good looks like"."""

from __future__ import annotations

import numpy as np
import pytest

from assurance.signals import compute_signals

from .factories import catalogue, indicators, quarters, rows

PERIODS = quarters(6)
TARGET_FIELDS = {
    "fact",
    "id",
    "theme",
    "evidence",
    "source",
    "indicator",
    "label",
    "agency",
    "area",
    "unit",
    "polarity",
    "latest_period",
    "latest_value",
    "target",
    "tolerance",
    "status",
    "periods_outside",
}


def target_fact(
    values: list[float],
    polarity: str = "up_is_good",
    target: float = 75.0,
    tolerance: float | None = 5.0,
) -> dict:
    cat = catalogue(
        {
            "indicator": "tees-4.1",
            "polarity": polarity,
            "target": target,
            "tolerance": np.nan if tolerance is None else tolerance,
        }
    )
    table = indicators(rows("tees-4.1", values, PERIODS[-len(values) :], agency="Police"))
    (fact,) = compute_signals({"indicators": table}, cat, PERIODS[-1][2]).target
    return fact


def test_fields_are_the_contracts() -> None:
    fact = target_fact([74.0])
    assert set(fact) == TARGET_FIELDS
    assert fact["id"] == "target-tees-4.1-police"
    assert (fact["target"], fact["tolerance"], fact["latest_value"]) == (75.0, 5.0, 74.0)


@pytest.mark.parametrize(
    ("value", "polarity", "status"),
    [
        (70.0, "up_is_good", "within"),  # tolerance in the indicator's own unit: 70–80
        (80.0, "up_is_good", "within"),
        (69.9, "up_is_good", "worse"),
        (80.1, "up_is_good", "better"),
        (69.9, "up_is_bad", "better"),
        (80.1, "up_is_bad", "worse"),
        (69.9, "neutral", "worse"),  # a neutral indicator aims at a level
        (80.1, "neutral", "worse"),
    ],
)
def test_status_by_polarity(value: float, polarity: str, status: str) -> None:
    assert target_fact([value], polarity)["status"] == status


def test_no_tolerance_means_the_target_exactly() -> None:
    assert target_fact([75.0], tolerance=None)["status"] == "within"
    fact = target_fact([74.0], tolerance=None)
    assert (fact["status"], fact["tolerance"]) == ("worse", 0.0)


def test_periods_outside_counts_worse_periods_in_a_row_up_to_the_latest() -> None:
    fact = target_fact([60.0, 76.0, 60.0, 65.0, 69.0])
    assert (fact["status"], fact["periods_outside"]) == ("worse", 3)
    assert fact["evidence"] == ["indicators-4", "indicators-5", "indicators-6"]


def test_a_better_period_ends_the_count() -> None:
    fact = target_fact([60.0, 60.0, 90.0])
    assert (fact["status"], fact["periods_outside"]) == ("better", 0)
    assert fact["evidence"] == ["indicators-4"]


def test_indicators_without_a_target_have_no_target_fact() -> None:
    table = indicators(rows("tees-4.1", [1.0, 2.0], PERIODS[:2]))
    result = compute_signals(
        {"indicators": table}, catalogue({"indicator": "tees-4.1"}), PERIODS[-1][2]
    )
    assert (len(result.spc), result.target) == (1, [])
