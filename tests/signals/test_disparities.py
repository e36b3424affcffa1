"""Disparities between breakdown groups and the whole population."""

from __future__ import annotations

import json

import pytest

from assurance.signals import SignalSettings, compute_signals

from .factories import catalogue, indicators, quarters, rows

PERIODS = quarters(3)
DISPARITY_FIELDS = {
    "fact",
    "id",
    "theme",
    "evidence",
    "source",
    "indicator",
    "label",
    "agency",
    "area",
    "polarity",
    "period",
    "dimension",
    "group",
    "group_value",
    "overall_value",
    "ratio",
    "worse",
}


def disparities(
    group_rows: list[dict], polarity: str = "up_is_bad", overall: float = 20.0, **options
) -> dict[str, dict]:
    cat = catalogue({"indicator": "tees-5.2", "polarity": polarity})
    whole = rows("tees-5.2", [overall] * 3, PERIODS, area="Stockton-on-Tees")
    table = indicators(whole + group_rows)
    result = compute_signals({"indicators": table}, cat, PERIODS[-1][2], SignalSettings(**options))
    return {fact["group"]: fact for fact in result.disparity}


def groups(values: dict[str, float], period: int = -1, **columns) -> list[dict]:
    return [
        row
        for breakdown, value in values.items()
        for row in rows(
            "tees-5.2",
            [value],
            [PERIODS[period]],
            area="Stockton-on-Tees",
            breakdown=breakdown,
            **columns,
        )
    ]


def test_fields_are_the_contracts() -> None:
    fact = disparities(groups({"ethnicity=Black": 30.0}))["Black"]
    assert set(fact) == DISPARITY_FIELDS
    assert fact["id"] == "disparity-tees-5.2-stockton-on-tees-ethnicity-black"
    assert (fact["dimension"], fact["group_value"], fact["overall_value"]) == (
        "ethnicity",
        30.0,
        20.0,
    )
    assert fact["ratio"] == 1.5
    assert fact["evidence"] == ["indicators-5", "indicators-4"]  # the group, then overall
    json.dumps(fact, allow_nan=False)


@pytest.mark.parametrize(
    ("value", "polarity", "worse"),
    [
        (25.1, "up_is_bad", True),  # ratio beyond 1.25
        (25.0, "up_is_bad", False),  # exactly 1.25 is not beyond it
        (15.9, "up_is_bad", False),  # lower is better: a low group is not worse
        (15.9, "up_is_good", True),  # ratio below 0.8
        (16.0, "up_is_good", False),
        (25.1, "up_is_good", False),
        (40.0, "neutral", False),  # no bad direction
    ],
)
def test_worse_by_polarity_and_margin(value: float, polarity: str, worse: bool) -> None:
    assert disparities(groups({"sex=Male": value}), polarity)["Male"]["worse"] is worse


def test_the_margin_is_configurable() -> None:
    found = disparities(groups({"sex=Male": 23.0}), disparity_ratio=1.1)
    assert found["Male"]["worse"] is True


def test_small_denominators_are_never_worse() -> None:
    found = disparities(
        groups({"disability=Yes": 40.0}, denominator=4.0)
        + groups({"disability=No": 40.0}, denominator=5.0)
    )
    assert (found["Yes"]["worse"], found["No"]["worse"]) == (False, True)


def test_each_dimension_at_its_latest_period() -> None:
    found = disparities(
        groups({"age=0-4": 30.0}, period=0)
        + groups({"age=0-4": 22.0}, period=1)
        + groups({"sex=Female": 19.0}, period=2)
    )
    assert (found["0-4"]["period"], found["0-4"]["group_value"]) == (PERIODS[1][0], 22.0)
    assert found["Female"]["period"] == PERIODS[2][0]


def test_a_group_without_an_overall_value_is_skipped() -> None:
    elsewhere = rows("tees-5.2", [30.0], PERIODS[-1:], breakdown="sex=Male", area="Hartlepool")
    assert disparities(elsewhere) == {}


def test_a_zero_overall_value_has_no_ratio() -> None:
    fact = disparities(groups({"sex=Male": 3.0}), overall=0.0)["Male"]
    assert (fact["ratio"], fact["worse"]) == (None, False)
