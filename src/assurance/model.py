"""Plain values passed between the stages: the evidence pack and its manifest.

Nothing here reads files or runs rules; see :mod:`assurance.ingest` for how a pack is
loaded and ``docs/architecture.md`` for the column conventions of the typed tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from assurance.errors import Problem


@dataclass(frozen=True)
class Period:
    """A reporting period: an English financial-year quarter, a calendar quarter, a
    year or a single date, normalised to a label and the dates it covers."""

    label: str
    start: date
    end: date
    kind: str  # fy_quarter | quarter | fy_year | year | date


@dataclass(frozen=True)
class PackManifest:
    """What ``pack.yaml`` (or a workbook's ``pack`` sheet) says about the pack."""

    id: str
    partnership: str
    period: Period
    frameworks: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()  # theme ids
    audit_minimum: int | None = None  # multi-agency audits a year (else the framework's)
    settings: dict[str, object] = field(default_factory=dict)  # rule overrides (rules: ...)
    publish: dict[str, object] = field(default_factory=dict)  # publication options
    extra: dict[str, object] = field(default_factory=dict)  # any other key, kept


@dataclass
class EvidencePack:
    """A loaded, validated evidence pack: its manifest and one typed table per source.

    ``tables`` holds only the sources present; ``catalogue`` is always present (the
    built-in catalogues named by the manifest merged with the pack's own).
    ``sources`` maps each table to the file it came from and that file's SHA-256.
    """

    manifest: PackManifest
    tables: dict[str, pd.DataFrame]
    location: Path
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    redactions: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)
