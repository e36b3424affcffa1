"""The published edition of a run: small numbers suppressed, agencies hidden on request.

A public annual report must not let a reader identify a child (README, "What a run writes"; Rochdale
framework). :func:`for_publication` returns a new :class:`Run` in which

- every count below 5 is withheld: values of ``count`` series and their statistics,
  ``count`` benchmarks, and small whole numbers in any free text ("3 of 12 cases"
  becomes "fewer than 5 of 12 cases");
- when the pack says ``publish: {hide_agencies: true}``, agency names are removed from
  findings, evidence and series, and replaced by "a partner agency" in free text.

Everything downstream (graph, report, charts) renders the filtered run, so nothing can
leak through one output that another suppresses. Counts of findings and themes are not
counts of people and are kept. Zero counts are suppressed too: "below 5" is read
literally, because "0 of 5 children" discloses as much as "5 of 5".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from assurance.render.run import Evidence, Finding, Point, Run, Series

THRESHOLD = 5
SUPPRESSED_TEXT = "fewer than 5"
SUPPRESSED_CELL = "<5"
AGENCY_PLACEHOLDER = "a partner agency"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words after which a small number is a label, not a count ("question 2", "Q2").
_LABEL_WORDS = _words(
    "question questions standard standards section sections priority priorities aim aims "
    "objective objectives tier level levels stage stages step steps phase appendix page "
    "version grade rule chapter part item round number no quartile key line lines "
    "element elements principle principles"
)
# Words after which a small number counts time or statistics, or is a date, not people.
_TIME_WORDS = _words(
    "hour hours day days working week weeks month months quarter quarters year years "
    "consecutive point points period periods times percent percentage sd sigma january "
    "february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec"
)
_SPELLED = r"zero|one|two|three|four"
# Spelled-out numbers are suppressed only before people and events about them: "one
# agency" or "two reviews" says nothing about a child.
_PEOPLE = (
    r"child|children|young\s+(?:people|person|persons)|famil(?:y|ies)|case|cases|parents?|"
    r"carers?|respondents?|deaths?|bab(?:y|ies)|infants?|siblings?|pupils?|victims?|"
    r"girls?|boys?|incidents?|episodes?|referrals?|enquir(?:y|ies)|plans?|allegations?"
)
_DIGITS = re.compile(r"(?<![\w.,/:=+£$#-])([0-4])(?![\w%]|[.,:/-]\d)")
_SPELLED_COUNT = re.compile(
    rf"\b({_SPELLED})(\s+(?:of\s+\w+\s+)?(?:[a-z-]+\s+)?(?:{_PEOPLE})\b)", re.IGNORECASE
)
_N_EQUALS = re.compile(r"\b([nN]\s*=\s*)([0-4])\b(?![.,]\d)")


def suppress_small_counts(text: str) -> str:
    """Replace whole numbers below 5 that count something with "fewer than 5"."""
    if not text:
        return text
    text = _N_EQUALS.sub(lambda m: f"{m.group(1).rstrip('= ')}<{THRESHOLD}", text)
    text = _DIGITS.sub(lambda m: _digit_replacement(text, m), text)
    return _SPELLED_COUNT.sub(
        lambda m: _capitalised(SUPPRESSED_TEXT, m.group(1)) + m.group(2), text
    )


def _digit_replacement(text: str, match: re.Match[str]) -> str:
    before = text[: match.start()].split()
    after = text[match.end() :].split()
    previous = before[-1].strip("(,;:").lower() if before else ""
    following = after[0].strip("(),;:.").lower() if after else ""
    if previous in _LABEL_WORDS or following in _TIME_WORDS:
        return match.group(0)
    return SUPPRESSED_TEXT


def _capitalised(replacement: str, original: str) -> str:
    return replacement.capitalize() if original[:1].isupper() else replacement


def for_publication(run: Run) -> Run:
    """The published edition of ``run`` (idempotent)."""
    if run.published:
        return run
    options = run.pack.get("publish")
    hide = bool(options.get("hide_agencies")) if isinstance(options, Mapping) else False
    agencies = _agency_names(run) if hide else ()
    clean = _TextCleaner(agencies)
    units = {s.indicator: s.unit for s in run.series}
    return replace(
        run,
        findings=tuple(_finding(f, clean, hide) for f in run.findings),
        series=tuple(_series(s, clean, hide) for s in run.series),
        benchmarks=tuple(_benchmark(b, units, clean, hide) for b in run.benchmarks),
        published=True,
    )


class _TextCleaner:
    """Suppresses small counts and, when asked, agency names in free text."""

    def __init__(self, agencies: Iterable[str]) -> None:
        names = sorted({a for a in agencies if len(a) >= 2}, key=lambda a: (-len(a), a))
        self._agencies = (
            re.compile(r"\b(?:" + "|".join(re.escape(a) for a in names) + r")\b", re.IGNORECASE)
            if names
            else None
        )

    def __call__(self, text: str) -> str:
        if self._agencies is not None:
            text = self._agencies.sub(AGENCY_PLACEHOLDER, text)
        return suppress_small_counts(text)


def _agency_names(run: Run) -> set[str]:
    names = {a for f in run.findings for a in f.agencies}
    names |= {e.agency for f in run.findings for e in f.evidence if e.agency}
    names |= {s.agency for s in run.series if s.agency}
    names |= {str(b.get("agency")) for b in run.benchmarks if b.get("agency")}
    return names


def _finding(finding: Finding, clean: _TextCleaner, hide: bool) -> Finding:
    return replace(
        finding,
        title=clean(finding.title),
        narrative=clean(finding.narrative),
        confidence_reason=clean(finding.confidence_reason),
        agencies=() if hide else finding.agencies,
        evidence=tuple(_evidence(e, clean, hide) for e in finding.evidence),
    )


def _evidence(evidence: Evidence, clean: _TextCleaner, hide: bool) -> Evidence:
    return replace(
        evidence,
        label=clean(evidence.label),
        text=clean(evidence.text),
        agency="" if hide else evidence.agency,
    )


def small(value: float | None) -> bool:
    return value is not None and value < THRESHOLD


def _series(series: Series, clean: _TextCleaner, hide: bool) -> Series:
    series = replace(series, label=clean(series.label), agency="" if hide else series.agency)
    if series.unit != "count":
        return series
    points = tuple(
        Point(p.period, None, suppressed=True) if small(p.value) else p for p in series.points
    )

    statistics = ("mean", "lower_limit", "upper_limit", "target")
    withheld = frozenset(name for name in statistics if small(getattr(series, name)))
    return replace(
        series,
        points=points,
        withheld=withheld,
        **{name: None for name in withheld},
    )


def _benchmark(
    benchmark: Mapping[str, Any], units: Mapping[str, str], clean: _TextCleaner, hide: bool
) -> dict[str, Any]:
    result = dict(benchmark)
    result["label"] = clean(str(result.get("label") or ""))
    if hide:
        result.pop("agency", None)
    unit = result.get("unit") or units.get(str(result.get("indicator")), "")
    if unit == "count":
        for key in ("value", "benchmark_value"):
            if isinstance(result.get(key), int | float) and small(float(result[key])):
                result[key] = None
                result[f"{key}_suppressed"] = True
    return result
