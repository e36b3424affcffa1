"""``pack.yaml`` for the packs the importers create, and the period it gives them.

A pack made by ``assure import`` gets a ``pack.yaml`` whose ``period`` is the latest
period the imported figures cover, so that no figure is left out of the signals (they
leave out points after the pack's period). While the file is as the importer wrote it, a
later import with newer figures moves the period on, so importing files in either order
gives the same pack. Once anyone edits it the file is theirs and is never changed: an
import with figures after its period then says which, in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from assurance.importers._common import decode
from assurance.model import Period
from assurance.periods import PeriodParseError, parse_period, period_in_words

MANIFEST = "pack.yaml"
#: Newer periods named in a warning before the rest are counted.
SHOWN_PERIODS = 5


@dataclass(frozen=True)
class ManifestPlan:
    """What an import does to ``pack.yaml``."""

    text: str | None  # the file to write, or None to leave it as it is
    created: bool
    period: str  # the pack's period after the import ("" when unknown)
    previous: str = ""  # the period the importer moved on from
    newer: tuple[str, ...] = ()  # imported periods after a period the user set

    def warning(self) -> str | None:
        """What to tell the user when the pack's own period leaves figures out."""
        if not self.newer:
            return None
        shown = [period_in_words(p) for p in self.newer[:SHOWN_PERIODS]]
        if len(self.newer) > SHOWN_PERIODS:
            shown.append(f"{len(self.newer) - SHOWN_PERIODS} more")
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
        return (f"the pack's period ({self.period} in {MANIFEST}) is older than figures just "
                f"imported ({listed}): the signals leave out points after the pack's period; "
                f"set period in {MANIFEST} to {latest_period(self.newer)} to use them")


def pack_id(folder: Path) -> str:
    """A manifest id from the folder's name: a slug, as the contract requires."""
    text = re.sub(r"[^a-z0-9]+", "-", folder.resolve().name.lower()).strip("-")
    return text or "published-statistics"


def manifest_text(folder: Path, area: str, period: str) -> str:
    manifest = {
        "id": pack_id(folder),
        "partnership": f"{area} (published statistics only)",
        "period": period,
        "framework": "none",
        "areas": [area],
    }
    header = ("# Created by `assure import`: a pack of published statistics only. Until\n"
              "# you edit this file, imports move `period` on to their newest figures;\n"
              "# after that they never change it.\n")
    return header + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)


def _parsed(label: object) -> Period | None:
    try:
        return parse_period(label)
    except PeriodParseError:
        return None


def latest_period(periods: Iterable[str]) -> str:
    """The period that ends last; of those ending on the same day, the longest (the year
    ``2024-25`` rather than its fourth quarter). "" when none is a period."""
    parsed = [p for p in map(_parsed, set(periods)) if p is not None]
    if not parsed:
        return ""
    return max(parsed, key=lambda p: (p.end, p.end - p.start, p.label)).label


def _read(folder: Path) -> dict[str, object] | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(decode(path.read_bytes()))
    except yaml.YAMLError:
        return {}  # the pack's own problem, reported by `assure validate`
    return data if isinstance(data, dict) else {}


def read_manifest_areas(folder: Path) -> list[str]:
    """The ``areas`` a pack's manifest lists, to name imported rows as the pack does."""
    areas = (_read(folder) or {}).get("areas")
    if isinstance(areas, str):
        areas = areas.split(",")
    return [str(a).strip() for a in areas or [] if str(a).strip()]


def _period_text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _is_importers(folder: Path, data: dict[str, object]) -> bool:
    """Whether pack.yaml is byte for byte what the importer wrote: nobody has edited it."""
    areas = read_manifest_areas(folder)
    if len(areas) != 1:
        return False
    written = manifest_text(folder, areas[0], _period_text(data.get("period")))
    return (folder / MANIFEST).read_bytes() == written.encode("utf-8")


def plan_manifest(folder: Path, area: str, rows: Iterable[dict[str, str]]) -> ManifestPlan:
    """What to do with ``pack.yaml`` when ``rows`` (the area's imported indicator rows)
    go into ``folder``: create it when missing, with the latest period that has a
    published value; move the importer's own file on to newer figures; leave a file
    someone has edited, saying which imported periods are after its period."""
    rows = list(rows)
    periods = {r["period"] for r in rows if r["value"]} or {r["period"] for r in rows}
    latest = latest_period(periods)
    data = _read(folder)
    if data is None:
        text = manifest_text(folder, area, latest) if rows else None
        return ManifestPlan(text, text is not None, latest if text else "")
    current = _period_text(data.get("period"))
    pack_period = _parsed(current)
    if pack_period is None:
        return ManifestPlan(None, False, current)
    newer = [p for p in map(_parsed, periods) if p is not None and p.end > pack_period.end]
    if not newer:
        return ManifestPlan(None, False, current)
    if _is_importers(folder, data):
        areas = read_manifest_areas(folder)
        return ManifestPlan(manifest_text(folder, areas[0], latest), False, latest, current)
    ordered = tuple(p.label for p in sorted(newer, key=lambda p: (p.end, p.start)))
    return ManifestPlan(None, False, current, newer=ordered)
