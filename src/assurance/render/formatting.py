"""Numbers, dates and counts written the way a board paper writes them."""

from __future__ import annotations

from datetime import date

from assurance.render.publish import SUPPRESSED_CELL
from assurance.terms import count  # noqa: F401  (re-exported: the renderers count with it)


def value(number: float | None, unit: str = "", *, suppressed: bool = False) -> str:
    """``24.8%``, ``48.2 per 10,000``, ``1,810``; ``<5`` when suppressed, ``–`` when missing."""
    if suppressed:
        return SUPPRESSED_CELL
    if number is None:
        return "–"
    text = f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "rate_per_10k":
        return f"{text} per 10,000"
    if unit == "days":
        return f"{text} days"
    return text


def axis_suffix(unit: str) -> str:
    return {"percent": "%", "rate_per_10k": " per 10,000", "days": " days"}.get(unit, "")


def long_date(iso: str) -> str:
    """``2024-08-01`` → ``1 August 2024``; anything else unchanged."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def join(items: list[str], conjunction: str = "and") -> str:
    """``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
