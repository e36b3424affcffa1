"""Mapping files: which published columns (EES) or items (LAIT) become which indicators,
with label, theme, unit and polarity. Small YAML files that an analyst can read and
copy; the ones for the common children's social care tables ship in ``mappings/``.

A mapping file is checked as a whole and every problem is reported with its line.

Two publications can carry one statistic: LAIT republishes EES's referrals, re-referrals,
child protection plans, children looked after and workforce figures. An entry says so
with ``same_as: <the other publication's indicator id>``; its figures are then imported
as that indicator, so a pack keeps one series for one measure (see :func:`publications`).
Equivalence is declared, never guessed from labels or values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from assurance.errors import Problem
from assurance.importers._common import ImportProblemsError, read_text
from assurance.importers.timeperiods import FINANCIAL_YEAR_END, PeriodError, check_year_end
from assurance.vocabulary import ENUMERATIONS, nearest, theme_vocabulary

MAPPINGS_DIR = Path(__file__).parent / "mappings"
FORMATS = ("ees", "lait")
DEFAULT_AGENCY = "Local authority"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TOP_KEYS = ("name", "title", "source", "format", "year_end", "source_agency", "indicators")
_ITEM_KEYS = ("id", "column", "item", "label", "theme", "unit", "polarity", "evidence_type",
              "numerator", "denominator", "where", "year_type", "benchmark", "aim", "note",
              "same_as")
_REQUIRED = ("id", "label", "theme", "unit", "polarity")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator a mapping makes, and where its values come from."""

    id: str
    label: str
    theme: str  # a theme id
    unit: str
    polarity: str
    source: str  # the EES column or the LAIT item (short_desc)
    evidence_type: str = "quantity"
    numerator: str = ""
    denominator: str = ""
    where: tuple[tuple[str, str], ...] = ()  # EES filter columns and their values
    year_type: str = ""  # LAIT data dictionary Year_Type
    benchmark: bool = True  # counts are not: an area's count is not England's
    aim: str = ""
    note: str = ""
    same_as: str = ""  # the id of the indicator another publication makes of this statistic

    @property
    def indicator(self) -> str:
        """The indicator the pack receives: the other publication's, for ``same_as``."""
        return self.same_as or self.id

    def columns(self) -> set[str]:
        named = {self.source, self.numerator, self.denominator, *(c for c, _ in self.where)}
        return {c for c in named if c}


@dataclass(frozen=True)
class Mapping:
    name: str
    title: str
    source: str  # the publisher and publication, for the catalogue's ref
    format: str  # ees | lait
    indicators: tuple[IndicatorSpec, ...]
    year_end: str = FINANCIAL_YEAR_END
    source_agency: str = DEFAULT_AGENCY
    path: str = ""

    def columns(self) -> set[str]:
        return {column for spec in self.indicators for column in spec.columns()}

    def fits(self, header: Iterable[str]) -> bool:
        """Whether a file with this header has every column the mapping reads."""
        folded = {h.casefold() for h in header}
        return all(c.casefold() in folded for c in self.columns())


@dataclass
class _Checker:
    """Collects the problems of one mapping file, located by line."""

    label: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, line: int | None, key: str | None = None,
            suggestion: str | None = None) -> None:
        self.problems.append(Problem(self.label, message, line, key, suggestion))

    def vocabulary(self, kind: str, value: object, line: int | None, key: str) -> str:
        enumeration = ENUMERATIONS[kind]
        resolved = enumeration.resolve(value)
        if resolved is None:
            self.add(f"unknown {key} '{value}'; expected one of {enumeration.describe()}",
                     line, key, enumeration.suggest(str(value)))
            return ""
        return resolved

    def theme(self, value: object, line: int | None) -> str:
        themes = theme_vocabulary()
        resolved = themes.resolve(value)
        if resolved is None:
            self.add(f"unknown theme '{value}'", line, "theme", themes.suggest(value))
            return ""
        return resolved


def _item_lines(text: str) -> list[int]:
    """The line of each entry of ``indicators:`` (for located problems)."""
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "indicators" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _where(value: object, check: _Checker, line: int | None) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        check.add("'where' must map filter columns to values, e.g. {population_type: ...}",
                  line, "where")
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in value.items()))


def _spec(
    entry: object, line: int | None, mapping_format: str, check: _Checker
) -> IndicatorSpec | None:
    if not isinstance(entry, dict):
        check.add("each indicator is a set of key: value lines", line)
        return None
    for key in entry:
        if key not in _ITEM_KEYS:
            check.add(f"unknown key '{key}'", line, str(key), nearest(str(key), _ITEM_KEYS))
    source_key = "item" if mapping_format == "lait" else "column"
    missing = [k for k in (*_REQUIRED, source_key) if entry.get(k) in (None, "")]
    for key in missing:
        check.add(f"'{key}' is required", line, key)
    if missing:
        return None
    indicator = str(entry["id"])
    if not _ID.match(indicator):
        check.add(f"id '{indicator}' must be lower-case letters, digits, '-', '.' or '_' "
                  "(no '/': ids become IRIs)", line, "id")
    same_as = _same_as(entry.get("same_as"), indicator, check, line)
    unit = check.vocabulary("unit", entry["unit"], line, "unit")
    return IndicatorSpec(
        id=indicator,
        label=str(entry["label"]).strip(),
        theme=check.theme(entry["theme"], line),
        unit=unit,
        polarity=check.vocabulary("polarity", entry["polarity"], line, "polarity"),
        source=str(entry[source_key]).strip(),
        evidence_type=check.vocabulary("evidence_type", entry.get("evidence_type", "quantity"),
                                       line, "evidence_type"),
        numerator=str(entry.get("numerator") or "").strip(),
        denominator=str(entry.get("denominator") or "").strip(),
        where=_where(entry.get("where"), check, line),
        year_type=str(entry.get("year_type") or "").strip(),
        benchmark=bool(entry.get("benchmark", unit != "count")),
        aim=str(entry.get("aim") or "").strip(),
        note=str(entry.get("note") or "").strip(),
        same_as=same_as,
    )


def _same_as(value: object, indicator: str, check: _Checker, line: int | None) -> str:
    text = str(value or "").strip()
    if text and (not _ID.match(text) or text == indicator):
        check.add(f"same_as '{text}' must be the id of another indicator, the one another "
                  "publication makes of the same statistic", line, "same_as")
        return ""
    return text


def parse_mapping(text: str, label: str) -> Mapping:
    """A mapping from its YAML text; ImportProblemsError listing every problem."""
    try:
        data = yaml.load(text, Loader=_LOADER)
        lines = _item_lines(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = Problem(label, f"not valid YAML: {getattr(error, 'problem', error)}",
                          mark.line + 1 if mark else None)
        raise ImportProblemsError(f"{label}: not a mapping file", [problem]) from None
    return mapping_from_data(data, label, lines)


def mapping_from_data(data: object, label: str, lines: list[int] | None = None) -> Mapping:
    """A mapping from parsed YAML (or options); ``lines`` locates each indicator."""
    check = _Checker(label)
    lines = lines or []
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        check.add("expected name, title, source, format and a list of indicators", 1)
        raise ImportProblemsError(f"{label}: not a mapping file", check.problems)
    for key in data:
        if key not in _TOP_KEYS:
            check.add(f"unknown key '{key}'", None, str(key), nearest(str(key), _TOP_KEYS))
    mapping_format = str(data.get("format", "ees"))
    if mapping_format not in FORMATS:
        check.add(f"unknown format '{mapping_format}'; expected one of {', '.join(FORMATS)}",
                  None, "format", nearest(mapping_format, FORMATS))
    year_end = str(data.get("year_end", FINANCIAL_YEAR_END))
    try:
        check_year_end(year_end)
    except PeriodError as error:
        check.add(str(error), None, "year_end")
    specs = []
    for index, entry in enumerate(data["indicators"]):
        line = lines[index] if index < len(lines) else None
        spec = _spec(entry, line, mapping_format, check)
        if spec is not None:
            specs.append(spec)
    _check_unique(specs, lines, check)
    if check.problems:
        raise ImportProblemsError(f"{label}: {len(check.problems)} problem(s) in the mapping",
                                  check.problems)
    return Mapping(
        name=str(data.get("name") or Path(label).stem),
        title=str(data.get("title") or ""),
        source=str(data.get("source") or ""),
        format=mapping_format,
        indicators=tuple(specs),
        year_end=year_end,
        source_agency=str(data.get("source_agency") or DEFAULT_AGENCY),
        path=label,
    )


def _check_unique(specs: list[IndicatorSpec], lines: list[int], check: _Checker) -> None:
    """No two entries make one indicator: their rows would overwrite each other."""
    seen: dict[str, int] = {}
    for index, spec in enumerate(specs):
        if spec.indicator in seen:
            line = lines[index] if index < len(lines) else None
            key = "same_as" if spec.same_as else "id"
            check.add(f"{key} '{spec.indicator}' is used twice", line, key)
        seen.setdefault(spec.indicator, index)


def read_mapping(path: Path) -> Mapping:
    return parse_mapping(read_text(path), str(path))


@cache
def shipped_mappings() -> dict[str, Mapping]:
    """The mappings that ship with the package, by name."""
    mappings = (read_mapping(path) for path in sorted(MAPPINGS_DIR.glob("*.yaml")))
    return {mapping.name: mapping for mapping in mappings}


def load_mapping(name_or_path: str | Path) -> Mapping:
    """A shipped mapping by name (``referrals``), or a mapping file by path."""
    shipped = shipped_mappings()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    path = Path(name_or_path)
    if path.suffix.lower() in {".yaml", ".yml"} or path.exists():
        return read_mapping(path)
    problem = Problem("--mapping", f"no shipped mapping or file '{name_or_path}'; shipped: "
                      f"{', '.join(sorted(shipped))}",
                      suggestion=nearest(str(name_or_path), shipped))
    raise ImportProblemsError(f"unknown mapping '{name_or_path}'", [problem])


def detect_mapping(header: Iterable[str], label: str) -> Mapping | None:
    """The one shipped EES mapping whose columns the file has, or None."""
    header = list(header)
    fitting = [m for m in shipped_mappings().values() if m.format == "ees" and m.fits(header)]
    if len(fitting) > 1:
        names = ", ".join(m.name for m in fitting)
        problem = Problem(label, f"several shipped mappings fit ({names}); choose one with "
                          "--mapping")
        raise ImportProblemsError(f"{label}: ambiguous mapping", [problem])
    return fitting[0] if fitting else None


Publication = tuple[Mapping, IndicatorSpec]


def _entries(in_use: Iterable[Mapping]) -> list[Publication]:
    """Every entry of the mappings in use, then of the shipped ones not in use."""
    mappings = list(dict.fromkeys(in_use))
    names = {(m.name, m.format) for m in mappings}
    mappings += [m for m in shipped_mappings().values() if (m.name, m.format) not in names]
    return [(mapping, spec) for mapping in mappings for spec in mapping.indicators]


def publications(indicator: str, in_use: Iterable[Mapping] = ()) -> tuple[Publication, ...]:
    """Every mapping entry that makes ``indicator``: first the one whose own id it is
    (its publication's figure stands where two give one for a year), then those
    declared ``same_as`` it, by mapping name. One entry for most indicators."""
    entries = _entries(in_use)
    primary = [(m, s) for m, s in entries if s.id == indicator and not s.same_as][:1]
    others = sorted(((m, s) for m, s in entries if s.same_as == indicator),
                    key=lambda entry: (entry[0].name, entry[1].source))
    return (*primary, *others)


def check_same_as(mapping: Mapping) -> None:
    """Every ``same_as`` of ``mapping`` names an indicator that a mapping (shipped, or
    this one) makes under its own id, in the same unit; ImportProblemsError otherwise."""
    problems = []
    for spec in mapping.indicators:
        if not spec.same_as:
            continue
        found = publications(spec.same_as, [mapping])
        if not found or found[0][1].same_as:
            problems.append(Problem(mapping.path, f"same_as '{spec.same_as}' ({spec.source}): "
                                    "no mapping makes that indicator", column="same_as"))
        elif found[0][1].unit != spec.unit:
            problems.append(Problem(mapping.path, f"same_as '{spec.same_as}' ({spec.source}): "
                                    f"its unit is {found[0][1].unit}, not {spec.unit}",
                                    column="same_as"))
    if problems:
        raise ImportProblemsError(f"{mapping.name}: same_as names no matching indicator",
                                  problems)
