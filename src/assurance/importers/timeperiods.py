"""Published time periods → the evidence-pack contract's period labels.

DfE children's social care statistics are annual. A year is labelled by the period it
covers, so that an import lines up with a partnership's own quarterly returns:

- a year ending 31 March (the children in need census, children looked after,
  EES ``Reporting year`` or ``Financial year``) is the English financial year:
  EES ``2025`` or ``202425`` → ``2024-25``;
- a calendar year is the year: ``2025``;
- anything else is the date it ends, a point in time: the social work workforce census
  at 30 September 2025 → ``2025-09-30`` (its turnover covers the year to that date).

An academic year (September–August) is labelled like a financial year (``2024-25``),
the nearest label the contract has.
"""

from __future__ import annotations

import re
from datetime import date

from assurance.errors import PublishedPeriodError

FINANCIAL_YEAR_END = "03-31"
CALENDAR_YEAR_END = "12-31"
ACADEMIC_YEAR_END = "08-31"

#: LAIT's data dictionary ``Year_Type`` → the month and day its years end.
LAIT_YEAR_TYPES: dict[str, str] = {
    "financial year": FINANCIAL_YEAR_END,
    "annual": FINANCIAL_YEAR_END,  # LAIT's "Annual" children's social care items are at 31 March
    "annual (end of sept)": "09-30",
    "calendar year": CALENDAR_YEAR_END,
    "academic year": ACADEMIC_YEAR_END,
    "annual - january": "01-31",
}

_YEAR_END = re.compile(r"^(\d{2})-(\d{2})$")
_SPAN = re.compile(r"^(\d{4})(?:[-/]?(\d{2}))?$")
_QUARTER = re.compile(r"^(financial|calendar) year q([1-4])$")


#: Under the name the importers use (defined in :mod:`assurance.errors`).
PeriodError = PublishedPeriodError


def check_year_end(year_end: str) -> str:
    """``year_end`` as ``MM-DD`` (a real day), or PeriodError."""
    match = _YEAR_END.match(year_end.strip())
    try:
        if not match:
            raise ValueError
        date(2001, int(match[1]), int(match[2]))  # 2001: 29 February is not a year end
    except ValueError:
        raise PeriodError(f"year end '{year_end}' is not a month and day such as '03-31'") from None
    return year_end.strip()


def year_label(end_year: int, year_end: str) -> str:
    """The label of the year that ends on ``year_end`` (``MM-DD``) of ``end_year``."""
    if year_end in {FINANCIAL_YEAR_END, ACADEMIC_YEAR_END}:
        return f"{end_year - 1}-{end_year % 100:02d}"
    if year_end == CALENDAR_YEAR_END:
        return str(end_year)
    return f"{end_year:04d}-{year_end}"


def _span(text: str) -> tuple[int, int | None]:
    """``2025`` → (2025, None); ``202425``, ``2024-25``, ``2024/25`` → (2024, 2025)."""
    match = _SPAN.match(text.strip())
    if not match:
        raise PeriodError(f"time period '{text}' is not a year such as 2025 or 202425")
    start = int(match[1])
    if match[2] is None:
        return start, None
    end = start // 100 * 100 + int(match[2])
    if end != start + 1:
        raise PeriodError(f"time period '{text}' does not span two consecutive years")
    return start, end


def ees_label(time_period: str, time_identifier: str, year_end: str = FINANCIAL_YEAR_END) -> str:
    """The label of an EES ``time_period`` with its ``time_identifier``.

    ``year_end`` says when a four-digit ``Reporting year`` ends (publications differ:
    31 March for the children in need census, 30 September for the workforce census).
    """
    identifier = " ".join(time_identifier.lower().split())
    start, end = _span(time_period)
    if quarter := _QUARTER.match(identifier):
        if quarter[1] == "financial":
            if end is None:
                raise PeriodError(f"financial year quarter '{time_period}' needs a span "
                                  "such as 202425")
            return f"{start}-{end % 100:02d} Q{quarter[2]}"
        return f"{start}Q{quarter[2]}"
    if identifier in {"reporting year", "financial year", "academic year"}:
        if end is not None:
            return f"{start}-{end % 100:02d}"
        return year_label(start, FINANCIAL_YEAR_END if identifier == "financial year" else year_end)
    if identifier == "calendar year" and end is None:
        return str(start)
    raise PeriodError(
        f"time identifier '{time_identifier}' with period '{time_period}' is not supported; "
        "expected Reporting year, Financial year, Academic year, Calendar year or their quarters"
    )


def lait_label(years: str, year_type: str) -> str:
    """The label of a LAIT ``years`` value for an item whose dictionary ``Year_Type`` is
    ``year_type`` (LAIT names a year by the year it ends in)."""
    start, end = _span(years)
    key = " ".join(year_type.lower().split())
    if key not in LAIT_YEAR_TYPES:
        raise PeriodError(f"LAIT year type '{year_type}' is not known; expected one of "
                          f"{', '.join(sorted(LAIT_YEAR_TYPES))}")
    return year_label(end if end is not None else start, LAIT_YEAR_TYPES[key])
