"""A finished run, read back from its run directory (``docs/architecture.md``).

The renderers take a :class:`Run`, never the files, so the engine can also render what
it holds in memory before it writes anything (:func:`run_from_documents`). Reading is
tolerant of fields the renderers do not need, and strict, with a located message, about
the few they cannot do without.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from assurance.errors import RunError
from assurance.render.vocab import SIGNAL_FACTS
from assurance.results import Evidence, Finding, Rule, finding_from_json

__all__ = ["Evidence", "Finding", "Point", "Rule", "Run", "Series", "Special", "load_run"]

_Json = Mapping[str, Any]


@dataclass(frozen=True)
class Point:
    period: str
    value: float | None  # None when missing or suppressed
    suppressed: bool = False  # a count below 5 withheld from a published edition


@dataclass(frozen=True)
class Special:
    period: str
    cause: str
    type: str  # improvement | concern | neutral


@dataclass(frozen=True)
class Series:
    """One indicator series with its statistical process control signals."""

    id: str
    indicator: str
    label: str
    theme: str = ""
    area: str = ""
    agency: str = ""
    unit: str = ""
    polarity: str = "neutral"
    target: float | None = None
    tolerance: float | None = None
    points: tuple[Point, ...] = ()
    mean: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    trial_limits: bool = False
    special: tuple[Special, ...] = ()
    variation: str = ""
    assurance: str = ""
    withheld: frozenset[str] = frozenset()  # statistics below 5 withheld from publication


@dataclass(frozen=True)
class Run:
    """Everything the renderers read: the pack, the findings and the signals."""

    pack: Mapping[str, Any]
    period: str
    findings: tuple[Finding, ...]
    series: tuple[Series, ...] = ()
    benchmarks: tuple[Mapping[str, Any], ...] = ()
    coverage: tuple[Mapping[str, Any], ...] = ()
    manifest: Mapping[str, Any] = field(default_factory=dict)
    compared: bool | None = None  # with a previous run: yes, no, or not recorded
    published: bool = False  # True once for_publication has been applied

    @property
    def partnership(self) -> str:
        return str(self.pack.get("partnership") or self.pack.get("id") or "")

    @property
    def has_previous(self) -> bool | None:
        """Whether findings were compared with a previous run; None when unknown (every
        finding new, and the run does not say whether there was a previous run)."""
        if self.compared is not None:
            return self.compared
        if any(f.status in ("continuing", "resolved") for f in self.findings):
            return True
        return None if any(f.status for f in self.findings) else False

    @cached_property
    def series_by_id(self) -> dict[str, Series]:
        return {s.id: s for s in self.series}


def load_run(run_dir: Path) -> Run:
    """Read ``findings.json``, ``signals.json`` and ``manifest.json`` from a run directory.

    Raises :class:`RunError` when the folder is not a run or a file is unreadable.
    ``signals.json`` and ``manifest.json`` are optional: without them the report has
    no charts and no provenance section, but still every finding.
    """
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunError(f"{run_dir}: not a run directory (no such folder)")
    if not (run_dir / "findings.json").is_file():
        raise RunError(
            f"{run_dir}: not a run directory (findings.json is missing); "
            "run `assure triangulate PACK --out DIR` first"
        )
    findings = _read_json(run_dir / "findings.json")
    signals = _read_json(run_dir / "signals.json", missing_ok=True)
    manifest = _read_json(run_dir / "manifest.json", missing_ok=True)
    return run_from_documents(findings, signals, manifest, source=str(run_dir))


def run_from_documents(
    findings: _Json,
    signals: _Json | None = None,
    manifest: _Json | None = None,
    *,
    source: str = "",
) -> Run:
    """Build a :class:`Run` from the parsed JSON documents of a run directory.

    Resolved findings may be listed with the others (``status: resolved``) or apart,
    under ``resolved``, as the engine writes them.
    """
    where = f"{source}/findings.json" if source else "findings.json"
    if not isinstance(findings, Mapping) or not isinstance(findings.get("findings"), list):
        raise RunError(f"{where}: must be an object with a 'findings' list")
    if signals is not None and not isinstance(signals, Mapping):
        raise RunError(f"{where.removesuffix('findings.json')}signals.json: must be an object")
    items = [(f"{where}:findings[{i}]", item) for i, item in enumerate(findings["findings"])]
    items += [
        (f"{where}:resolved[{i}]", {"status": "resolved", **item})
        for i, item in enumerate(_list(findings, "resolved"))
    ]
    return run_view(
        [finding_from_json(item, location) for location, item in items],
        findings,
        signals,
        manifest,
    )


def run_view(
    findings: Sequence[Finding],
    document: _Json,
    signals: _Json | None = None,
    manifest: _Json | None = None,
) -> Run:
    """The renderers' view of a run: its findings (resolved ones included), with the
    pack and period of its ``findings.json`` document, its signals and its manifest.

    The engine renders through this from what it holds in memory; ``assure report`` and
    ``assure graph`` through :func:`load_run`, from the same documents read back.
    """
    signals = signals or {}
    pack = document.get("pack") or {}
    series = tuple(_series(s) for s in _list(signals, "series") if s.get("indicator"))
    resolve = _series_resolver(series)
    return Run(
        pack=pack if isinstance(pack, Mapping) else {},
        period=str(document.get("period") or pack.get("period") or ""),
        findings=tuple(_with_series(f, resolve) for f in findings),
        series=series,
        benchmarks=tuple(_list(signals, "benchmarks")),
        coverage=tuple(_coverage(c) for c in _list(signals, "coverage") if c.get("theme")),
        manifest=manifest or {},
        compared=_compared(document, manifest or {}),
    )


def _with_series(finding: Finding, resolve: Callable[[str, str], str]) -> Finding:
    """Each signal's evidence names the series it is about, for its chart."""
    if all(e.series or not resolve(e.id, e.fact) for e in finding.evidence):
        return finding
    evidence = tuple(
        e if e.series else replace(e, series=resolve(e.id, e.fact)) for e in finding.evidence
    )
    return replace(finding, evidence=evidence)


def _compared(findings: _Json, manifest: _Json) -> bool | None:
    """Whether the run says it was compared with a previous run; None when it does not
    say (the engine marks every finding new either way)."""
    for document, key in ((findings, "previous"), (manifest, "previous_run")):
        if key in document:
            return bool(document[key])
    return None


def _series_resolver(series: Sequence[Series]) -> Callable[[str, str], str]:
    """Find the series a signal is about from its id: the engine names a series
    ``series<stub>`` and its signals ``spc<stub>``, ``target<stub>``,
    ``benchmark<stub>-<comparator>``..., so the longest stub that starts the signal's
    id, up to a hyphen, is its series."""
    stubs = {s.id.removeprefix("series"): s.id for s in series if s.id.startswith("series")}

    def resolve(evidence_id: str, fact: str) -> str:
        if fact not in SIGNAL_FACTS or not evidence_id.startswith(fact):
            return ""
        rest = evidence_id[len(fact) :]
        cuts = [len(rest), *(m.start() for m in re.finditer("-", rest))]
        matches = [rest[:cut] for cut in cuts if rest[:cut] in stubs]
        return stubs[max(matches, key=len)] if matches else ""

    return resolve


def _read_json(path: Path, *, missing_ok: bool = False) -> Any:
    if missing_ok and not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RunError(f"{path}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise RunError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from exc


def _list(document: _Json, key: str) -> list[Mapping[str, Any]]:
    value = document.get(key) or []
    return [item for item in value if isinstance(item, Mapping)]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _series(item: Mapping[str, Any]) -> Series:
    area = _text(item.get("area"))
    return Series(
        id=_text(item.get("id")) or f"series-{item['indicator']}" + (f"-{area}" if area else ""),
        indicator=str(item["indicator"]),
        label=_text(item.get("label")) or str(item["indicator"]),
        theme=_text(item.get("theme")),
        area=area,
        agency=_text(item.get("agency")),
        unit=_text(item.get("unit")),
        polarity=_text(item.get("polarity")) or "neutral",
        target=_number(item.get("target")),
        tolerance=_number(item.get("tolerance")),
        points=tuple(
            Point(period=_text(p.get("period")), value=_number(p.get("value")))
            for p in _points(item.get("points"))
        ),
        mean=_number(item.get("mean")),
        lower_limit=_number(item.get("lower_limit")),
        upper_limit=_number(item.get("upper_limit")),
        trial_limits=bool(item.get("trial_limits")),
        special=tuple(
            Special(_text(s.get("period")), _text(s.get("cause")), _text(s.get("type")))
            for s in _points(item.get("special"))
        ),
        variation=_text(item.get("variation")),
        assurance=_text(item.get("assurance")),
    )


def _points(value: Any) -> Sequence[Mapping[str, Any]]:
    return [p for p in value or () if isinstance(p, Mapping)]


def _coverage(item: Mapping[str, Any]) -> dict[str, Any]:
    """A coverage fact with ``missing`` as a list (the engine writes a comma-separated
    string)."""
    missing = item.get("missing") or []
    if isinstance(missing, str):
        missing = [m.strip() for m in missing.split(",") if m.strip()]
    return {**item, "missing": [str(m) for m in missing]}
