"""Ingest: an evidence pack folder or workbook → a typed, validated :class:`EvidencePack`.

Every problem of every file is collected before anything fails, each located by file,
row and column with the nearest valid value; nothing is half-loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from assurance._resources import catalogue_dir
from assurance.errors import PackValidationError, Problem
from assurance.ingest.convert import Context, TableResult, convert_table
from assurance.ingest.manifest import ManifestResult, parse_manifest
from assurance.ingest.reading import RawTable, decode, read_csv_text, read_pack_files
from assurance.kinds import SOURCE_TABLES
from assurance.model import EvidencePack
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary

__all__ = ["PackSummary", "describe_loaded", "load_pack"]


def load_pack(location: str | Path, *, redact: bool = False) -> EvidencePack:
    """Load and validate an evidence pack.

    Raises :class:`~assurance.errors.PackError` when there is no readable pack at
    ``location`` and :class:`~assurance.errors.PackValidationError` listing every
    problem when there is one with problems. With ``redact``, personal identifiers in
    free text are replaced instead of refused; ``EvidencePack.redactions`` counts them.
    """
    location = Path(location)
    themes = theme_vocabulary()
    raw = read_pack_files(location)
    problems = list(raw.problems)
    parsed = parse_manifest(raw.manifest_text, raw.manifest_rows, raw.manifest_label, themes)
    problems += parsed.problems
    context = Context(themes=themes, redact=redact)
    catalogue = _catalogue(parsed, raw.tables.get("catalogue"), context, problems)
    context.indicators = set(catalogue["indicator"]) if catalogue is not None else set()
    tables: dict[str, pd.DataFrame] = {}
    redactions = 0
    for name in SOURCE_TABLES:
        if name == "catalogue" or name not in raw.tables:
            continue
        if name in {"indicators", "benchmarks"} and catalogue is None:
            continue  # without a catalogue every indicator would be reported unknown
        result = convert_table(raw.tables[name], context)
        problems += result.problems
        redactions += result.redactions
        tables[name] = _with_provenance(result, raw.tables[name])
    if not problems:  # duplicates are only meaningful among rows that parsed
        problems += _cross_checks(tables)
    if "indicators" not in raw.tables:
        problems.append(
            Problem(
                _indicators_label(location),
                "missing: every pack needs indicators.csv (indicator, period, value)",
            )
        )
    if problems:
        problems.sort(key=lambda p: (_file_order(p.file), p.row or 0))
        raise PackValidationError(
            f"{location}: {len(problems)} problem(s) in the evidence pack", problems
        )
    assert parsed.manifest is not None and catalogue is not None
    tables["catalogue"] = catalogue
    return EvidencePack(
        manifest=parsed.manifest,
        tables=tables,
        location=location,
        sources={name: (table.label, table.sha256) for name, table in raw.tables.items()},
        redactions=redactions,
        warnings=list(raw.warnings),
    )


def _indicators_label(location: Path) -> str:
    return f"{location.name}[indicators]" if location.suffix == ".xlsx" else "indicators.csv"


def _with_provenance(result: TableResult, raw: RawTable, prefix: str | None = None) -> pd.DataFrame:
    frame = result.frame
    frame["_file"] = raw.label
    frame["_row"] = frame.index.astype(int)
    frame["_item"] = f"{prefix or raw.name}-" + frame.index.astype(str)
    return frame.reset_index(drop=True)


def builtin_catalogue_table(framework: str) -> RawTable:
    path = catalogue_dir() / f"{framework}.csv"
    data = path.read_bytes()
    text, encoding = decode(data)
    frame = read_csv_text(text, path.name)
    return RawTable("catalogue", f"built-in catalogue {path.name}", frame, "", encoding)


def _file_order(label: str) -> tuple[int, str]:
    for index, name in enumerate(("pack", *SOURCE_TABLES)):
        if label.startswith(name) or f"[{name}" in label:
            return index, label
    return len(SOURCE_TABLES) + 1, label


def _catalogue(
    manifest: ManifestResult,
    own: RawTable | None,
    context: Context,
    problems: list[Problem],
) -> pd.DataFrame | None:
    """The built-in catalogues the manifest names, overridden by the pack's own.

    None when an unknown framework was named: every indicator would then look unknown.
    """
    if not manifest.frameworks_ok:
        return None
    parts = []
    for framework in manifest.frameworks:
        raw = builtin_catalogue_table(framework)
        result = convert_table(raw, context)
        problems += result.problems
        # built-in rows get their own item ids: the pack's catalogue.csv has rows 2, 3...
        frame = _with_provenance(result, raw, prefix=f"catalogue-{framework}")
        frame["framework"] = frame["framework"].where(frame["framework"] != "", framework)
        parts.append(frame)
    if own is not None:
        result = convert_table(own, context)
        problems += result.problems
        parts.append(_with_provenance(result, own))
    if not parts:
        return _empty_catalogue()
    merged = pd.concat(parts, ignore_index=True)
    merged = merged.drop_duplicates("indicator", keep="last")  # the pack's own row wins
    return merged.sort_values("indicator", kind="stable").reset_index(drop=True)


def _empty_catalogue() -> pd.DataFrame:
    from assurance.ingest.columns import column_names

    return pd.DataFrame(columns=[*column_names("catalogue"), "_file", "_row", "_item"])


def _cross_checks(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems: list[Problem] = []
    indicators = tables.get("indicators")
    if indicators is not None and len(indicators):
        key = ["indicator", "period", "area", "breakdown", "agency"]
        duplicated = indicators[indicators.duplicated(key, keep="first")]
        if len(duplicated):  # the index of first rows is built only when it is needed
            first_rows = indicators.drop_duplicates(key).set_index(key)["_row"]
        for _, row in duplicated.head(200).iterrows():
            first = first_rows.loc[tuple(row[k] for k in key)]
            problems.append(
                Problem(
                    row["_file"],
                    f"duplicates row {first} (same indicator, period, area, breakdown and agency)",
                    int(row["_row"]),
                )
            )
    actions = tables.get("actions")
    if actions is not None and len(actions):
        duplicated = actions[actions.duplicated("action_id", keep="first")]
        for _, row in duplicated.iterrows():
            problems.append(
                Problem(
                    row["_file"],
                    f"action_id '{row['action_id']}' is used twice",
                    int(row["_row"]),
                    "action_id",
                )
            )
    return problems


@dataclass(frozen=True)
class PackSummary:
    """What ``assure validate`` tells an analyst about a valid pack."""

    id: str
    partnership: str
    period: str
    counts: dict[str, int]
    themes: list[str]  # labels of the themes the evidence speaks to
    periods: list[str]  # indicator periods, oldest first
    priorities: list[str]
    redactions: int


def describe_loaded(pack: EvidencePack, themes: ThemeVocabulary | None = None) -> PackSummary:
    """Counts by source, themes and periods: the summary ``assure validate`` shows."""
    themes = themes or theme_vocabulary()
    seen_themes: set[str] = set()
    for name, frame in pack.tables.items():
        if "theme" in frame.columns and name != "catalogue":
            seen_themes.update(t for t in frame["theme"] if t)
    indicators = pack.tables.get("indicators")
    periods: list[str] = []
    if indicators is not None and len(indicators):
        periods = list(indicators.drop_duplicates("period").sort_values("period_start")["period"])
    return PackSummary(
        id=pack.manifest.id,
        partnership=pack.manifest.partnership,
        period=pack.manifest.period.label,
        counts={name: len(frame) for name, frame in pack.tables.items()},
        themes=sorted(themes.label(t) for t in seen_themes),
        periods=periods,
        priorities=[themes.label(t) for t in pack.manifest.priorities],
        redactions=pack.redactions,
    )
