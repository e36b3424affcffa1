"""Which local authority ``--area`` names: by name, old 3-digit LA code or ONS code.

Series are keyed on the old 3-digit LA code because it survives reorganisations that
change the ONS code: Somerset is E10000027 until 2023 and E06000066 after, 933
throughout. A name that is not in the file is an error listing the nearest names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assurance.errors import Problem
from assurance.importers._common import ImportProblemsError
from assurance.vocabulary import normalise

_OLD_CODE = re.compile(r"^\d{3}$")
_ONS_CODE = re.compile(r"^[EWSN]\d{8}$", re.IGNORECASE)
_SUFFIX = re.compile(r",?\s*(city|county) of$", re.IGNORECASE)
_PREFIX = re.compile(r"^(city|county) of\s+|^county\s+", re.IGNORECASE)


@dataclass(frozen=True)
class AreaRecord:
    """One local authority as one row of a file names it."""

    code: str  # old 3-digit LA code
    name: str
    order: str  # sorts rows in time order (a period label or year)
    ons_code: str = ""
    region_code: str = ""
    region_name: str = ""


@dataclass(frozen=True)
class Area:
    """A local authority: the key of its series and how it is known."""

    code: str
    name: str  # as most recently published
    ons_codes: tuple[str, ...] = ()  # every ONS code it has had, oldest first
    region_code: str = ""
    region_name: str = ""
    last_seen: str = ""  # the latest period it has a row for

    def describe(self) -> str:
        return f"{self.name} ({self.code})"


def name_keys(name: str) -> set[str]:
    """Spellings of an LA name that mean the same: ``Bristol, City of`` is ``Bristol``,
    ``County Durham`` is ``Durham``, ``St. Helens`` is ``St Helens``."""
    keys = {normalise(name), normalise(_SUFFIX.sub("", name)), normalise(_PREFIX.sub("", name))}
    return {key for key in keys if key}


def collect_areas(records: Iterable[AreaRecord]) -> dict[str, Area]:
    """One Area per old code, named as in its latest row."""
    by_code: dict[str, list[AreaRecord]] = {}
    for record in records:
        by_code.setdefault(record.code, []).append(record)
    areas = {}
    for code, rows in by_code.items():
        rows.sort(key=lambda r: r.order)
        latest = rows[-1]
        ons = tuple(dict.fromkeys(r.ons_code for r in rows if r.ons_code))
        areas[code] = Area(code, latest.name, ons, latest.region_code, latest.region_name,
                           latest.order)
    return areas


def resolve_area(query: str, areas: dict[str, Area], file: str) -> tuple[Area, list[str]]:
    """The area ``query`` names, and warnings (a name two old codes share).

    Raises ImportProblemsError naming the nearest names when nothing matches.
    """
    text = query.strip()
    if _OLD_CODE.match(text) and text in areas:
        return areas[text], []
    if _ONS_CODE.match(text):
        found = [a for a in areas.values() if text.upper() in a.ons_codes]
        if found:
            return found[0], []
    keys = name_keys(text)
    found = [a for a in areas.values() if keys & name_keys(a.name)]
    if not found:
        raise _not_found(text, areas, file)
    # Dorset is 835 until 2019 and 838 after: the current authority is meant, unless
    # the analyst gives the old code.
    chosen = max(found, key=lambda a: (a.last_seen, a.code))
    warnings = [
        f"'{text}' also names {other.describe()}; pass --area {other.code} for it"
        for other in found if other is not chosen
    ]
    return chosen, warnings


def nearest_names(text: str, areas: dict[str, Area], count: int = 3) -> list[Area]:
    by_key = {normalise(a.name): a for a in areas.values()}
    close = difflib.get_close_matches(normalise(text), list(by_key), n=count, cutoff=0.5)
    if not close:  # a fragment such as "Stockton"
        close = [k for k in sorted(by_key) if normalise(text) and normalise(text) in k][:count]
    return [by_key[key] for key in close]


def _not_found(text: str, areas: dict[str, Area], file: str) -> ImportProblemsError:
    near = nearest_names(text, areas)
    if near:
        hint = "nearest: " + ", ".join(a.describe() for a in near)
    else:
        hint = "no name is close; pass the 3-digit LA code or the name as published"
    problem = Problem(file, f"no local authority '{text}' in the file; {hint}")
    return ImportProblemsError(f"--area: no local authority '{text}'", [problem])
