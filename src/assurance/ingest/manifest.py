"""The pack manifest: ``pack.yaml`` in a folder, or the ``pack`` sheet of a workbook.

Problems are located by line (YAML) or row (sheet), and all of them are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from assurance._resources import catalogue_dir
from assurance.errors import Problem
from assurance.model import PackManifest
from assurance.periods import EXPECTED, PeriodParseError, parse_period
from assurance.vocabulary import ThemeVocabulary, nearest

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
REQUIRED_KEYS = ("id", "partnership", "period")
KNOWN_KEYS = (
    *REQUIRED_KEYS, "framework", "areas", "priorities", "rules", "publish", "audit_minimum",
)
NO_FRAMEWORK = {"none", ""}


@dataclass
class _Entry:
    value: object
    line: int | None


@dataclass
class ManifestResult:
    manifest: PackManifest | None
    problems: list[Problem] = field(default_factory=list)
    #: the built-in catalogues named, known even when other keys have problems
    frameworks: tuple[str, ...] = ()
    frameworks_ok: bool = True


def available_frameworks() -> list[str]:
    return sorted(path.stem for path in catalogue_dir().glob("*.csv"))


def _entries_from_yaml(text: str, label: str, problems: list[Problem]) -> dict[str, _Entry]:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problems.append(Problem(label, f"not valid YAML: {getattr(error, 'problem', error)}", line))
        return {}
    if not isinstance(root, yaml.MappingNode):
        problems.append(Problem(label, "expected key: value lines (id, partnership, period...)"))
        return {}
    values = yaml.safe_load(text)
    return {
        str(key.value): _Entry(values.get(key.value), key.start_mark.line + 1)
        for key, _ in root.value
    }


def _entries_from_rows(rows: list[tuple[int, str, str]]) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for row, key, value in rows:
        text = value.strip()
        entries[key.strip().lower()] = _Entry(text, row)
    return entries


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def parse_manifest(
    text: str | None,
    rows: list[tuple[int, str, str]] | None,
    label: str,
    themes: ThemeVocabulary,
) -> ManifestResult:
    """Parse and check a manifest; ``text`` is YAML, ``rows`` a workbook's key/value rows."""
    problems: list[Problem] = []
    if text is None and rows is None:
        return ManifestResult(
            None,
            [
                Problem(
                    label, "missing: every pack needs a manifest with id, partnership and period"
                )
            ],
        )
    entries = (
        _entries_from_yaml(text, label, problems)
        if text is not None
        else _entries_from_rows(rows or [])
    )
    if problems:
        return ManifestResult(None, problems)
    _check_keys(entries, label, problems)
    pack_id = str(entries["id"].value).strip() if "id" in entries else ""
    if "id" in entries and not _SLUG.match(pack_id):
        problems.append(
            Problem(
                label,
                f"id '{pack_id}' must be a slug: lower-case letters, "
                "digits and hyphens, e.g. 'hartlepool-stockton'",
                entries["id"].line,
            )
        )
    period = None
    if "period" in entries:
        try:
            period = parse_period(entries["period"].value)
        except PeriodParseError:
            problems.append(
                Problem(
                    label,
                    f"period '{entries['period'].value}' is not {EXPECTED}",
                    entries["period"].line,
                )
            )
    before = len(problems)
    frameworks = _frameworks(entries.get("framework"), label, problems)
    frameworks_ok = len(problems) == before
    priorities = _priorities(entries.get("priorities"), label, themes, problems)
    rules = _mapping(entries.get("rules"), "rules", label, problems)
    publish = _mapping(entries.get("publish"), "publish", label, problems)
    minimum = _audit_minimum(entries.get("audit_minimum"), label, problems)
    if problems or period is None:
        return ManifestResult(None, problems, tuple(frameworks), frameworks_ok)
    extra = {k: e.value for k, e in entries.items() if k not in KNOWN_KEYS}
    manifest = PackManifest(
        id=pack_id,
        partnership=str(entries["partnership"].value).strip(),
        period=period,
        frameworks=tuple(frameworks),
        areas=tuple(_as_list(entries["areas"].value)) if "areas" in entries else (),
        priorities=tuple(priorities),
        settings=rules,
        publish=publish,
        audit_minimum=minimum,
        extra=extra,
    )
    return ManifestResult(manifest, [], tuple(frameworks), frameworks_ok)


def _audit_minimum(entry: _Entry | None, label: str, problems: list[Problem]) -> int | None:
    if entry is None or entry.value in (None, ""):
        return None
    value = entry.value
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(
            Problem(
                label,
                f"audit_minimum '{value}' should be a whole number of multi-agency audits a "
                "year, such as 12",
                entry.line,
                "audit_minimum",
            )
        )
        return None
    return value


def _check_keys(entries: dict[str, _Entry], label: str, problems: list[Problem]) -> None:
    for key in REQUIRED_KEYS:
        entry = entries.get(key)
        if entry is None or entry.value in (None, ""):
            problems.append(Problem(label, f"'{key}' is required", entry.line if entry else None))


def _frameworks(entry: _Entry | None, label: str, problems: list[Problem]) -> list[str]:
    if entry is None:
        return []
    known = available_frameworks()
    chosen = []
    for name in _as_list(entry.value):
        key = name.lower()
        if key in NO_FRAMEWORK:
            continue
        if key not in known:
            problems.append(
                Problem(
                    label,
                    f"unknown framework '{name}'; built-in catalogues are: "
                    f"{', '.join(known)} (or 'none')",
                    entry.line,
                    "framework",
                    nearest(name, known),
                )
            )
        else:
            chosen.append(key)
    return chosen


def _priorities(
    entry: _Entry | None, label: str, themes: ThemeVocabulary, problems: list[Problem]
) -> list[str]:
    if entry is None:
        return []
    resolved = []
    for name in _as_list(entry.value):
        theme = themes.resolve(name)
        if theme is None:
            problems.append(
                Problem(
                    label,
                    f"unknown priority theme '{name}'",
                    entry.line,
                    "priorities",
                    themes.suggest(name),
                )
            )
        elif theme not in resolved:
            resolved.append(theme)
    return resolved


def _mapping(
    entry: _Entry | None, key: str, label: str, problems: list[Problem]
) -> dict[str, object]:
    if entry is None or entry.value in (None, ""):
        return {}
    if not isinstance(entry.value, dict):
        problems.append(Problem(label, f"'{key}' must be a mapping of settings", entry.line, key))
        return {}
    return dict(entry.value)
