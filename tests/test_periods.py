from datetime import date

import pytest

from assurance.periods import (
    PeriodParseError,
    months_before,
    parse_date,
    parse_period,
    period_in_words,
    period_range_in_words,
)


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "kind"),
    [
        ("2024-25 Q1", "2024-25 Q1", date(2024, 4, 1), date(2024, 6, 30), "fy_quarter"),
        ("2024-25 Q4", "2024-25 Q4", date(2025, 1, 1), date(2025, 3, 31), "fy_quarter"),
        ("2024/25 q2", "2024-25 Q2", date(2024, 7, 1), date(2024, 9, 30), "fy_quarter"),
        ("2024Q3", "2024Q3", date(2024, 7, 1), date(2024, 9, 30), "quarter"),
        ("Q1 2025", "2025Q1", date(2025, 1, 1), date(2025, 3, 31), "quarter"),
        ("2024-25", "2024-25", date(2024, 4, 1), date(2025, 3, 31), "fy_year"),
        ("202425", "2024-25", date(2024, 4, 1), date(2025, 3, 31), "fy_year"),
        ("2024", "2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("1999-00", "1999-00", date(1999, 4, 1), date(2000, 3, 31), "fy_year"),
        ("2024-08-01", "2024-08-01", date(2024, 8, 1), date(2024, 8, 1), "date"),
        ("01/08/2024", "2024-08-01", date(2024, 8, 1), date(2024, 8, 1), "date"),
    ],
)
def test_accepted_forms(text: str, label: str, start: date, end: date, kind: str) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end, period.kind) == (label, start, end, kind)


@pytest.mark.parametrize(
    "text", ["2024-25 Q5", "2024-26", "2024-13-01", "next quarter", "", "2024-02-30"]
)
def test_rejected_forms(text: str) -> None:
    with pytest.raises(PeriodParseError):
        parse_period(text)


def test_a_date_is_not_a_period_and_vice_versa() -> None:
    assert parse_date("2024-08-01") == date(2024, 8, 1)
    with pytest.raises(PeriodParseError):
        parse_date("2024-25 Q1")


def test_last_twelve_months_count_back_from_the_period_end() -> None:
    end = parse_period("2024-25 Q2").end
    assert months_before(end, 12) == date(2023, 9, 30)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("label", "words"),
    [
        ("2024-09-30", "at 30 September 2024"),  # a census date is a point in time
        ("2025-03-31", "at 31 March 2025"),
        ("01/08/2024", "at 1 August 2024"),  # no leading zero, as analysts write it
        ("2024-25", "in 2024-25"),
        ("202425", "in 2024-25"),  # DfE's compact form, normalised
        ("2024-25 Q2", "in 2024-25 Q2"),
        ("2024/25 q2", "in 2024-25 Q2"),
        ("2024Q3", "in 2024 Q3"),
        ("Q1 2025", "in 2025 Q1"),
        ("2024", "in 2024"),
        ("next quarter", "next quarter"),  # not a period: as it is
        ("2024-02-30", "2024-02-30"),
        ("", ""),
    ],
)
def test_periods_in_words(label: str, words: str) -> None:
    assert period_in_words(label) == words


def test_month_names_do_not_follow_the_locale() -> None:
    assert [period_in_words(f"2024-{m:02d}-01").split()[2] for m in (1, 6, 12)] == [
        "January", "June", "December"]


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        ("2015-16", "2025-09-30", "from 2015-16 to 30 September 2025"),
        ("2017-09-30", "2025-09-30", "from 30 September 2017 to 30 September 2025"),
        ("2020-21 Q3", "2024-25 Q2", "from 2020-21 Q3 to 2024-25 Q2"),
        ("2024Q3", "2025Q1", "from 2024 Q3 to 2025 Q1"),
        ("2024-25", "202425", "in 2024-25"),  # one period, however written
        ("", "2024-09-30", "at 30 September 2024"),
        ("2024", "", "in 2024"),
        ("", "", ""),
        ("2015-16", "later", "from 2015-16 to later"),
    ],
)
def test_period_ranges_in_words(first: str, last: str, words: str) -> None:
    assert period_range_in_words(first, last) == words
