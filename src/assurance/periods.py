"""Reporting periods: English financial-year quarters and years, calendar quarters and
years, and single dates, each normalised to a label and the dates it covers.

``2024-25 Q1`` is April–June 2024 (the English financial year starts on 1 April);
``2024Q3`` is July–September 2024; ``2024-25`` is April 2024 – March 2025; ``2024`` is
the calendar year; ``2024-08-01`` (or ``01/08/2024``, day first as in England) is a
point in time.

:func:`period_in_words` and :func:`period_range_in_words` write a period the way
analysts write it in a sentence: "at 30 September 2024", "in 2024-25", "in 2024-25 Q2",
"from 2015-16 to 30 September 2025".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from assurance.errors import PeriodParseError
from assurance.model import Period

_FY_QUARTER = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*[-_ ]?\s*q([1-4])$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})\s*[-_ ]?\s*q([1-4])$", re.IGNORECASE)
_QUARTER_FIRST = re.compile(r"^q([1-4])\s*[-_ ]?\s*(\d{4})$", re.IGNORECASE)
_FY_YEAR = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")
_FY_COMPACT = re.compile(r"^(\d{4})(\d{2})$")  # DfE's 202425
_YEAR = re.compile(r"^(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")

EXPECTED = "a period such as '2024-25 Q1', '2024Q3', '2024-25', '2024' or '2024-08-01'"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, first_month: int) -> tuple[date, date]:
    return date(year, first_month, 1), _month_end(year, first_month + 2)


def _check_fy(start_year: int, end_text: str) -> None:
    # "1999-00" ends in 2000: compare two-digit ends modulo 100, not by century prefix
    fits = (
        int(end_text) == start_year + 1
        if len(end_text) == 4
        else int(end_text) == (start_year + 1) % 100
    )
    if not fits:
        raise PeriodParseError(f"financial year '{start_year}-{end_text}' must span two years")


def fy_quarter(start_year: int, quarter: int) -> Period:
    """The English financial-year quarter ``Q{quarter}`` of year ``start_year``-``+1``."""
    months = {1: (start_year, 4), 2: (start_year, 7), 3: (start_year, 10), 4: (start_year + 1, 1)}
    year, month = months[quarter]
    start, end = _quarter(year, month)
    label = f"{start_year}-{(start_year + 1) % 100:02d} Q{quarter}"
    return Period(label, start, end, "fy_quarter")


def fy_year(start_year: int) -> Period:
    label = f"{start_year}-{(start_year + 1) % 100:02d}"
    return Period(label, date(start_year, 4, 1), date(start_year + 1, 3, 31), "fy_year")


def parse_period(text: object) -> Period:
    """Parse a period in any accepted form; raise :class:`PeriodParseError` otherwise."""
    if isinstance(text, datetime):
        text = text.date()
    if isinstance(text, date):
        return Period(text.isoformat(), text, text, "date")
    raw = str(text).strip()
    try:
        return _parse_text(raw)
    except PeriodParseError:
        raise
    except ValueError as error:  # impossible dates such as 2024-02-30
        raise PeriodParseError(f"'{raw}' is not {EXPECTED} ({error})") from None


def _parse_text(raw: str) -> Period:
    if match := _FY_QUARTER.match(raw):
        _check_fy(int(match[1]), match[2])
        return fy_quarter(int(match[1]), int(match[3]))
    if match := _QUARTER.match(raw) or _QUARTER_FIRST.match(raw):
        year, quarter = (match[1], match[2]) if raw[0].isdigit() else (match[2], match[1])
        start, end = _quarter(int(year), 3 * int(quarter) - 2)
        return Period(f"{year}Q{quarter}", start, end, "quarter")
    if match := _FY_YEAR.match(raw):
        _check_fy(int(match[1]), match[2])
        return fy_year(int(match[1]))
    if match := _FY_COMPACT.match(raw):
        _check_fy(int(match[1]), match[2])
        return fy_year(int(match[1]))
    if match := _YEAR.match(raw):
        year = int(match[1])
        return Period(str(year), date(year, 1, 1), date(year, 12, 31), "year")
    if match := _ISO_DATE.match(raw):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return Period(day.isoformat(), day, day, "date")
    if match := _UK_DATE.match(raw):
        day = date(int(match[3]), int(match[2]), int(match[1]))
        return Period(day.isoformat(), day, day, "date")
    raise PeriodParseError(f"'{raw}' is not {EXPECTED}")


def parse_date(text: object) -> date:
    """Parse a single date (ISO ``2024-08-01`` or English ``01/08/2024``)."""
    period = parse_period(text)
    if period.kind != "date":
        raise PeriodParseError(f"'{text}' is a period, not a date such as '2024-08-01'")
    return period.start


def months_before(day: date, months: int) -> date:
    """The day ``months`` calendar months before ``day`` (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


#: English month names, fixed: ``%B`` would follow the machine's locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _words(period: Period) -> str:
    """A parsed period without its preposition: ``30 September 2024``, ``2024-25 Q2``."""
    if period.kind == "date":
        day = period.start
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if period.kind == "quarter":  # the label is "2024Q3"; in prose a space reads better
        return f"{period.label[:4]} {period.label[4:]}"
    return period.label


def _parsed(label: object) -> Period | None:
    try:
        return parse_period(label)
    except PeriodParseError:
        return None


def period_in_words(label: str) -> str:
    """A period as analysts write it in a sentence, with its preposition.

    A date is a point in time ("at 30 September 2024"); every other period is a span
    ("in 2024-25", "in 2024-25 Q2", "in 2024 Q3", "in 2024"). Any form
    :func:`parse_period` accepts is normalised first (``202425`` → "in 2024-25",
    ``01/08/2024`` → "at 1 August 2024"); text that is not a period is returned as it
    is, so a caller can pass any label through.
    """
    period = _parsed(label)
    if period is None:
        return label
    return f"{'at' if period.kind == 'date' else 'in'} {_words(period)}"


def period_range_in_words(first: str, last: str) -> str:
    """The periods from ``first`` to ``last`` as a phrase: "from 2015-16 to 30 September
    2025", "from 2024-25 Q1 to 2024-25 Q2".

    One period (``first`` and ``last`` the same, or one of them empty) is
    :func:`period_in_words` of it; both empty is "". Text that is not a period is
    written as it is ("from 2015-16 to next year").
    """
    if not first or not last or _key(first) == _key(last):
        return period_in_words(first or last)
    return f"from {_bare(first)} to {_bare(last)}"


def _key(label: str) -> str:
    period = _parsed(label)
    return period.label if period else label


def period_name(label: str) -> str:
    """A period named as analysts write it, without a preposition: "30 September 2024",
    "2024-25 Q2"; text that is not a period is returned as it is."""
    period = _parsed(label)
    return _words(period) if period else label


_bare = period_name
