"""From text cells to typed, validated columns, collecting every located problem.

Each check works on the distinct values of a column, not on every row, so a column of
150,000 periods costs a few dozen parses; the rows are then located with pandas.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from assurance.errors import Problem
from assurance.ingest.columns import EMPTY_MARKERS, TABLES, Column
from assurance.ingest.reading import RawTable
from assurance.periods import EXPECTED, PeriodParseError, parse_date, parse_period
from assurance.pii import find_identifiers, redact
from assurance.vocabulary import ENUMERATIONS, ThemeVocabulary, nearest, normalise

#: Suppression symbols of published statistics (DfE: c, u, x, z, low; LAIT: -).
SUPPRESSION_MARKERS = frozenset({"c", "u", "x", "z", "low", "-", "*", ":", ".."})
_NUMBER_NOISE = re.compile(r"[,%£\s]")
_BREAKDOWN = re.compile(r"^\s*([A-Za-z][\w ]*?)\s*=\s*(.+?)\s*$")
MAX_PROBLEMS_PER_COLUMN = 200


class _Invalid:
    """The result of a cell that failed its check: why, and what might have been meant."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        self.message = message
        self.suggestion = suggestion


@dataclass
class TableResult:
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    redactions: int = 0


@dataclass
class Context:
    themes: ThemeVocabulary
    indicators: set[str] = field(default_factory=set)
    redact: bool = False
    agencies: dict[str, str] = field(default_factory=dict)  # key → first spelling seen


_LONGEST_EMPTY = 8  # no empty marker, spaces around it included, is longer: skip the rest


def _is_empty(text: str) -> bool:
    return text.strip().lower() in EMPTY_MARKERS


def _number(text: str) -> float | _Invalid:
    if _is_empty(text) or text.strip().lower() in SUPPRESSION_MARKERS:
        return math.nan
    try:
        value = float(_NUMBER_NOISE.sub("", text))
    except ValueError:
        return _Invalid(f"'{text}' is not a number")
    return value if math.isfinite(value) else _Invalid(f"'{text}' is not a finite number")


def _count(text: str) -> float | _Invalid:
    value = _number(text)
    if isinstance(value, float) and not math.isnan(value) and (value < 0 or not value.is_integer()):
        return _Invalid(f"'{text}' is not a whole number of zero or more")
    return value


def _enum_checker(name: str) -> Callable[[str], object]:
    enumeration = ENUMERATIONS[name]

    def check(text: str) -> object:
        resolved = enumeration.resolve(text)
        if resolved is not None:
            return resolved
        return _Invalid(
            f"unknown value '{text}'; expected one of {enumeration.describe()}",
            enumeration.suggest(text),
        )

    return check


def _period_checker(allowed_kinds: tuple[str, ...] | None = None) -> Callable[[str], object]:
    def check(text: str) -> object:
        try:
            period = parse_period(text)
        except PeriodParseError:
            return _Invalid(f"'{text}' is not {EXPECTED}")
        if allowed_kinds and period.kind not in allowed_kinds:
            return _Invalid(
                f"'{text}' is not a financial year ('2025-26') or calendar year ('2025')"
            )
        return period

    return check


def _date(text: str) -> object:
    try:
        return parse_date(text)
    except PeriodParseError:
        return _Invalid(f"'{text}' is not a date such as '2024-08-01' or '01/08/2024'")


_SCORE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|/\s*5)?\s*$")


def _evaluation(text: str) -> object:
    """A training evaluation, as a sentiment and the score it came from: a word
    (``positive``, ``mixed``, ``negative``), a mean score out of 5 (``4.2``, ``4.2/5``)
    or a percentage satisfied (``85%``). A score reads as positive from 75% (3.75 of 5)
    and as negative below 50% (2.5 of 5); a bare number above 5 is a percentage."""
    word = ENUMERATIONS["sentiment"].resolve(text)
    if word is not None:
        return (word, math.nan)
    match = _SCORE.match(text)
    if not match:
        return _Invalid(
            f"evaluation '{text}' should be positive, mixed or negative, a score out of 5 "
            "such as '4.2', or a percentage such as '85%'",
            ENUMERATIONS["sentiment"].suggest(text),
        )
    score, unit = float(match[1]), (match[2] or "").replace(" ", "")
    share = score / 100 if unit == "%" or (not unit and score > 5) else score / 5
    if share > 1:
        return _Invalid(
            f"evaluation score '{text}' is above the top of its scale (5, or 100%)"
        )
    word = "positive" if share >= 0.75 else "negative" if share < 0.5 else "mixed"
    return (word, score)


def _breakdown(text: str) -> object:
    if _is_empty(text) or normalise(text) in {"all", "total", "overall"}:
        return ("all", "all", "all")
    match = _BREAKDOWN.match(text)
    if not match:
        return _Invalid(
            f"breakdown '{text}' should be 'all' or 'dimension=value', e.g. 'ethnicity=Black'"
        )
    dimension = normalise(match[1])
    return (f"{dimension}={match[2]}", dimension, match[2])


def _checker(column: Column, context: Context) -> Callable[[str], object]:
    themes = context.themes
    kind = column.kind

    def theme(text: str) -> object:
        return themes.resolve(text) or _Invalid(f"unknown theme '{text}'", themes.suggest(text))

    def indicator(text: str) -> object:
        if text.strip() in context.indicators:
            return text.strip()
        return _Invalid(
            f"unknown indicator '{text}'; it is in neither the built-in catalogue "
            "nor the pack's catalogue.csv",
            nearest(text, context.indicators),
        )

    def comparator(text: str) -> object:
        resolved = ENUMERATIONS["comparator_kind"].resolve(text)
        return (resolved, resolved) if resolved else (text.strip(), "area")

    checkers: dict[str, Callable[[str], object]] = {
        "number": _number,
        "count": _count,
        "date": _date,
        "theme": theme,
        "indicator": indicator,
        "period": _period_checker(),
        "breakdown": _breakdown,
        "year": _period_checker(("fy_year", "year")),
        "comparator": comparator,
        "evaluation": _evaluation,
    }
    if kind.startswith("enum:"):
        return _enum_checker(kind.split(":", 1)[1])
    return checkers.get(kind, str.strip)


def _locate(
    raw: RawTable, column: str, rows: pd.Index, mapping: dict[str, object], problems: list[Problem]
) -> None:
    for row in rows[:MAX_PROBLEMS_PER_COLUMN]:
        invalid = mapping[raw.frame.at[row, column]]
        assert isinstance(invalid, _Invalid)
        problems.append(Problem(raw.label, invalid.message, int(row), column, invalid.suggestion))
    if len(rows) > MAX_PROBLEMS_PER_COLUMN:
        problems.append(
            Problem(
                raw.label,
                f"... and {len(rows) - MAX_PROBLEMS_PER_COLUMN} more "
                "rows with problems in this column",
                None,
                column,
            )
        )


def convert_table(raw: RawTable, context: Context) -> TableResult:
    """Type and check every column of a source file; never raise for bad cells."""
    spec = TABLES[raw.name]
    result = TableResult(pd.DataFrame(index=raw.frame.index))
    missing = [c for c in spec if c.required and c.name not in raw.frame.columns]
    for column in missing:
        guess = nearest(
            column.name, [c for c in raw.frame.columns if c not in {s.name for s in spec}]
        )
        result.problems.append(
            Problem(raw.label, f"required column '{column.name}' is missing", 1, column.name, guess)
        )
    if missing:
        return result
    for column in spec:
        text = (
            raw.frame[column.name]
            if column.name in raw.frame.columns
            else pd.Series("", index=raw.frame.index, dtype=str)
        )
        _convert_column(raw, column, text, context, result)
    for extra in (c for c in raw.frame.columns if c not in {s.name for s in spec}):
        result.frame[extra] = raw.frame[extra].str.strip()  # kept as an annotation
    return result


def _convert_column(
    raw: RawTable, column: Column, text: pd.Series, context: Context, result: TableResult
) -> None:
    frame, problems = result.frame, result.problems
    uniques = text.unique()
    empty_values = {value for value in uniques if len(value) <= _LONGEST_EMPTY and _is_empty(value)}
    empty = text.isin(empty_values)
    if column.required and column.kind not in {"number"}:
        for row in text.index[empty][:MAX_PROBLEMS_PER_COLUMN]:
            problems.append(
                Problem(raw.label, f"'{column.name}' is required but empty", int(row), column.name)
            )
    if column.kind == "free_text":
        frame[column.name] = _guard_free_text(
            raw, column.name, text.where(~empty, ""), context, result
        )
        return
    if column.kind == "agency":
        frame[column.name] = text.map({v: _canonical_agency(v, context) for v in uniques})
        return
    check = _checker(column, context)
    mapping = {value: None if value in empty_values else check(value) for value in uniques}
    bad_values = [value for value, outcome in mapping.items() if isinstance(outcome, _Invalid)]
    if bad_values:
        _locate(raw, column.name, text.index[text.isin(bad_values)], mapping, problems)
    good = {
        value: (None if isinstance(outcome, _Invalid) else outcome)
        for value, outcome in mapping.items()
    }
    _store(frame, column, text, good)


def _store(frame: pd.DataFrame, column: Column, text: pd.Series, good: dict[str, object]) -> None:
    """Write a checked column, mapping each distinct cell once (fast at England scale)."""
    name, kind = column.name, column.kind

    def mapped(convert: Callable[[object], object]) -> pd.Series:
        return text.map({value: convert(outcome) for value, outcome in good.items()})

    if kind in {"number", "count"}:
        frame[name] = pd.to_numeric(mapped(lambda v: v), errors="coerce").astype(float)
    elif kind in {"period", "year"}:
        frame[name] = mapped(lambda p: p.label if p else "")
        frame[f"{name}_start"] = mapped(lambda p: p.start if p else None)
        frame[f"{name}_end"] = mapped(lambda p: p.end if p else None)
    elif kind == "breakdown":
        frame[name] = mapped(lambda b: b[0] if b else "all")
        frame["dimension"] = mapped(lambda b: b[1] if b else "all")
        frame["group"] = mapped(lambda b: b[2] if b else "all")
    elif kind == "comparator":
        frame[name] = mapped(lambda c: c[0] if c else "")
        frame["comparator_kind"] = mapped(lambda c: c[1] if c else "")
    elif kind == "evaluation":
        frame[name] = mapped(lambda e: e[0] if e else "")
        frame[f"{name}_score"] = pd.to_numeric(
            mapped(lambda e: e[1] if e else math.nan), errors="coerce"
        ).astype(float)
    else:
        frame[name] = mapped(lambda value: "" if value is None else value)


def _canonical_agency(text: str, context: Context) -> str:
    if _is_empty(text):
        return ""
    key = " ".join(text.lower().split())
    return context.agencies.setdefault(key, " ".join(text.split()))


def _guard_free_text(
    raw: RawTable, name: str, text: pd.Series, context: Context, result: TableResult
) -> pd.Series:
    cleaned = text.map(
        {value: "" if _is_empty(value) else value.strip() for value in text.unique()}
    )
    written = cleaned[cleaned != ""]
    suspects = written[written.str.contains(r"[\d@]|\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b", regex=True)]
    for row, value in suspects.items():
        found = find_identifiers(value)
        if not found:
            continue
        if context.redact:
            cleaned.at[row], count = redact(value)
            result.redactions += count
            continue
        kinds = sorted({item.kind for item in found})
        result.problems.append(
            Problem(
                raw.label,
                f"free text carries a personal identifier ({', '.join(kinds)}, at character "
                f"{found[0].start + 1}); remove it, or run with --redact to replace it",
                int(row),
                name,
            )
        )
    return cleaned
