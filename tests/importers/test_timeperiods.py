"""Published time periods → the contract's period labels."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assurance.importers.timeperiods import PeriodError, check_year_end, ees_label, lait_label
from assurance.periods import parse_period


@pytest.mark.parametrize(
    ("time_period", "identifier", "year_end", "label"),
    [
        ("2025", "Reporting year", "03-31", "2024-25"),  # children in need: year to 31 March
        ("202425", "Financial year", "03-31", "2024-25"),
        ("202425", "Reporting year", "09-30", "2024-25"),  # a span is a span
        ("2025", "Financial year", "09-30", "2024-25"),  # a financial year ends in March
        ("2025", "Reporting year", "09-30", "2025-09-30"),  # workforce census
        ("2025", "Calendar year", "03-31", "2025"),
        ("202425", "Academic year", "03-31", "2024-25"),
        ("202425", "Financial year Q2", "03-31", "2024-25 Q2"),
        ("2024", "Calendar year Q3", "03-31", "2024Q3"),
        ("2024/25", "reporting  YEAR", "03-31", "2024-25"),
    ],
)
def test_ees_labels(time_period: str, identifier: str, year_end: str, label: str) -> None:
    assert ees_label(time_period, identifier, year_end) == label


@pytest.mark.parametrize(
    ("time_period", "identifier"),
    [("202426", "Financial year"), ("25", "Reporting year"), ("2025", "Week 12"),
     ("2025", "Financial year Q1")],
)
def test_ees_periods_without_a_label(time_period: str, identifier: str) -> None:
    with pytest.raises(PeriodError):
        ees_label(time_period, identifier)


@pytest.mark.parametrize(
    ("year_type", "label"),
    [("Financial Year", "2024-25"), ("Annual", "2024-25"), ("Annual (end of Sept)", "2025-09-30"),
     ("Calendar Year", "2025"), ("Academic Year", "2024-25")],
)
def test_lait_labels(year_type: str, label: str) -> None:
    assert lait_label("2025", year_type) == label


def test_unknown_lait_year_type() -> None:
    with pytest.raises(PeriodError, match="Fortnight"):
        lait_label("2025", "Fortnight")


@pytest.mark.parametrize("year_end", ["3-31", "02-29", "13-01", "march"])
def test_year_end_must_be_a_real_day(year_end: str) -> None:
    with pytest.raises(PeriodError):
        check_year_end(year_end)


# From 2001: assurance.periods reads "1999-00" as 1999 to 1900 (reported to the lead).
@settings(max_examples=60)
@given(year=st.integers(2001, 2099), year_end=st.sampled_from(["03-31", "09-30", "12-31"]))
def test_every_label_is_a_contract_period_ending_on_the_year_end(year: int, year_end: str) -> None:
    period = parse_period(ees_label(str(year), "Reporting year", year_end))
    month, day = (int(part) for part in year_end.split("-"))
    assert period.end == date(year, month, day)
