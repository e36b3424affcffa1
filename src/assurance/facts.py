"""Facts: the flat records rules match, built from signals and evidence items.

Three families (see ``docs/architecture.md``):

- signal facts (``spc``, ``target``, ``benchmark``, ``disparity``) from
  :mod:`assurance.signals`;
- item facts, one per evidence row (``audit_finding``, ``review_learning``, ``voice``,
  ``subgroup_report``, ``section11``, ``action``);
- aggregate facts that answer questions no single row can: per-theme summaries of the
  last 12 months (evidence about a narrower theme counts for its broader themes too),
  ``coverage``, ``recurring_learning``, ``audit_programme`` and ``stale_return``.

Aggregating before the rules engine matters at England scale: joining 30,000 audit rows
with thousands of signals inside the engine would fire hundreds of thousands of
actions, where a per-theme summary fires one (aggregate first, then join:
docs/architecture.md).

``FACT_FIELDS`` declares every field of every kind; a test holds the facts really
produced on the example packs to it, and rule linting checks rule files against it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

import pandas as pd

from assurance.kinds import (
    CHILD_VOICES,
    EVIDENCE_KINDS,
    EXPECTED_SOURCES,
    FACT_FIELDS,
    FACT_KINDS,
    FRAMEWORK_AUDIT_MINIMUMS,
    INDEPENDENT_SOURCES,
    SOURCE_KINDS,
    EvidenceKind,
    FieldSpec,
    source_type,
    standard_theme,
)
from assurance.model import EvidencePack
from assurance.periods import months_before
from assurance.vocabulary import ThemeVocabulary

RECENT_MONTHS = 12
RECURRING_MONTHS = 24

#: What each kind of source is called in narratives and lists of gaps.
SOURCE_NAMES = {code: source.name for code, source in SOURCE_KINDS.items()}
SOURCE_NAMES["coverage"] = "evidence coverage"
section11_theme = standard_theme

__all__ = [
    "CHILD_VOICES",
    "FACT_FIELDS",
    "INDEPENDENT_SOURCES",
    "SOURCE_NAMES",
    "FactSet",
    "FieldSpec",
    "build_facts",
    "clean",
    "section11_theme",
    "source_type",
]


@dataclass
class FactSet:
    """Every fact of a run, by id, with the window they were built for."""

    facts: dict[str, dict[str, object]] = field(default_factory=dict)
    period_end: date | None = None

    def add(self, fact: dict[str, object]) -> None:
        if fact["id"] in self.facts:
            raise ValueError(f"duplicate fact id {fact['id']}")  # a bug, never user input
        self.facts[str(fact["id"])] = fact

    def of_kind(self, kind: str) -> list[dict[str, object]]:
        return [f for f in self.facts.values() if f["fact"] == kind]

    def frozen(self) -> FactSet:
        """The same facts, read-only: from the rules stage on, nothing changes a fact
        (a stage that wants another value makes a new one)."""
        facts = {key: MappingProxyType(fact) for key, fact in self.facts.items()}
        return FactSet(facts, self.period_end)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.facts)


def clean(value: object) -> object:
    """A value as a fact holds it: ISO dates, no NaN, plain Python numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if hasattr(value, "item"):  # numpy scalar
        return clean(value.item())
    return value


def build_facts(
    pack: EvidencePack,
    signal_facts: Iterable[dict[str, object]],
    themes: ThemeVocabulary,
) -> FactSet:
    """All facts of a run: signals, one per evidence row, and the aggregates."""
    period_end = pack.manifest.period.end
    facts = FactSet(period_end=period_end)
    for fact in signal_facts:
        facts.add(fact)
    for kind in EVIDENCE_KINDS:
        frame = pack.table(kind.table)
        if kind.item is None or frame is None:
            continue
        latest = _latest_rows(frame, kind, period_end)
        for fact in _item_facts(frame, kind, period_end):
            if latest is not None:
                fact["latest"] = fact["id"] in latest
            facts.add(fact)
    window_start = months_before(period_end, RECENT_MONTHS)
    for fact in _aggregates(pack, facts, themes, window_start):
        facts.add(fact)
    return facts.frozen()


def _latest_rows(frame: pd.DataFrame, kind: EvidenceKind, period_end: date) -> set[str] | None:
    """Items that are the latest of their key up to the period's end (a superseded green
    report should not speak for the sub-group now)."""
    if kind.latest is None or not len(frame):
        return None
    keys, when = kind.latest
    candidates = frame[frame[when] <= period_end] if kind.dated_by else frame
    by_key = candidates.assign(
        _key=candidates[list(keys)].apply(lambda r: tuple(str(v).lower() for v in r), axis=1)
    )
    latest_when = by_key.groupby("_key")[when].transform("max")
    return set(by_key.loc[by_key[when] == latest_when, "_item"])


def _item_facts(
    frame: pd.DataFrame, kind: EvidenceKind, period_end: date
) -> Iterator[dict[str, object]]:
    assert kind.item is not None
    window_start = months_before(period_end, RECENT_MONTHS)
    for record in frame.to_dict("records"):
        fact: dict[str, object] = {
            "fact": kind.item.name,
            "id": record["_item"],
            "theme": record.get("theme", ""),
        }
        for column in kind.item_columns:
            fact[kind.renamed.get(column, column)] = clean(record.get(column))
        fact["source"] = {"file": record["_file"], "row": int(record["_row"])}
        fact["evidence"] = [record["_item"]]
        if kind.dated_by:
            when = record.get(kind.dated_by)
            fact["recent"] = bool(when and window_start < when <= period_end)
        if kind.details is not None:
            kind.details(fact, record, period_end)
        yield fact


def _aggregates(
    pack: EvidencePack, facts: FactSet, themes: ThemeVocabulary, window_start: date
) -> Iterator[dict[str, object]]:
    by_theme: dict[str, list[dict[str, object]]] = defaultdict(list)
    for fact in facts.facts.values():
        theme = str(fact.get("theme") or "")
        if theme:
            for ancestor in themes.with_ancestors(theme):
                by_theme[ancestor].append(fact)
    yield from _summaries(by_theme, window_start)
    yield from _coverage(by_theme, pack.manifest.priorities)
    yield from _recurring_learning(by_theme, facts.period_end or date.max)
    programme = _audit_programme(facts, audit_minimum(pack))
    if programme is not None:
        yield programme
    yield from _stale_returns(pack)


def _recent(items: list[dict[str, object]], kind: str) -> list[dict[str, object]]:
    return [f for f in items if f["fact"] == kind and f.get("recent")]


def _summary(
    kind: str, theme: str, items: list[dict[str, object]], **counts: int
) -> dict[str, object]:
    return {
        "fact": kind,
        "id": f"{kind}-{theme}",
        "theme": theme,
        **counts,
        "evidence": sorted(str(f["id"]) for f in items),
    }


_SUMMARISED = tuple(kind for kind in EVIDENCE_KINDS if kind.summary and kind.item)


def _summaries(
    by_theme: dict[str, list[dict[str, object]]], window_start: date
) -> Iterator[dict[str, object]]:
    """Each kind's per-theme summary of the last 12 months, with the 12 months before
    for the fields a kind compares (is it rising?)."""
    before_start = months_before(window_start, RECENT_MONTHS)
    for theme in sorted(by_theme):
        items = by_theme[theme]
        for kind in _SUMMARISED:
            assert kind.item and kind.summary and kind.summarise
            recent = _recent(items, kind.item.name)
            if not recent:
                continue
            counts = kind.summarise(recent)
            if kind.compared:
                earlier = kind.summarise(_dated(items, kind.item.name, before_start, window_start))
                counts |= {f"{name}_before": earlier[name] for name in kind.compared}
            yield _summary(kind.summary.name, theme, recent, **counts)


def _dated(
    items: list[dict[str, object]], kind: str, after: date, until: date
) -> list[dict[str, object]]:
    return [
        f for f in items
        if f["fact"] == kind and f.get("date")
        and after < date.fromisoformat(str(f["date"])) <= until
    ]


def _coverage(
    by_theme: dict[str, list[dict[str, object]]], priorities: tuple[str, ...]
) -> Iterator[dict[str, object]]:
    # A theme's coverage counts its narrower themes' evidence, but a broader theme that
    # only collects narrower ones ("abuse") is not reported on its own: its gaps would
    # repeat theirs.
    spoken_of = {str(f.get("theme")) for items in by_theme.values() for f in items}
    for theme in sorted((spoken_of & set(by_theme)) | set(priorities)):
        present = {source_type(f) for f in by_theme.get(theme, []) if _counts_for_coverage(f)}
        flags = {f"has_{kind}": kind in present for kind in INDEPENDENT_SOURCES}
        # only the kinds a theme should have are gaps: no complaint is no gap, and
        # Section 11 is a gap only on the themes its standards speak to
        expected = [kind for kind in EXPECTED_SOURCES if SOURCE_KINDS[kind].expected_for(theme)]
        missing = [kind for kind in expected if kind not in present]
        yield {
            "fact": "coverage",
            "id": f"coverage-{theme}",
            "theme": theme,
            "priority": theme in priorities,
            **flags,
            "kinds_present": len(expected) - len(missing),
            "missing": ", ".join(SOURCE_NAMES[kind] for kind in missing),
            "evidence": [],
        }


def _counts_for_coverage(fact: dict[str, object]) -> bool:
    """Signals speak to a theme whenever they exist; rows only when recent (a row of a
    kind with no date, such as a Section 11 rating, always)."""
    family = FACT_KINDS[str(fact["fact"])].family
    if family == "signal":
        return True
    return family == "item" and bool(fact.get("recent", True))


def _recurring_learning(
    by_theme: dict[str, list[dict[str, object]]], period_end: date
) -> Iterator[dict[str, object]]:
    since = months_before(period_end, RECURRING_MONTHS)
    for theme in sorted(by_theme):
        items = by_theme[theme]
        reviews = [
            f
            for f in items
            if f["fact"] == "review_learning"
            and since < date.fromisoformat(str(f["date"])) <= period_end
        ]
        review_ids = {f["review_id"] for f in reviews}
        if len(review_ids) < 2:
            continue
        actions = [f for f in items if f["fact"] == "action"]
        overdue = [f for f in actions if f["status"] == "overdue" or int(f["overdue_days"]) > 0]  # type: ignore[call-overload]
        yield _summary(
            "recurring_learning",
            theme,
            reviews + overdue,
            reviews=len(review_ids),
            open_actions=sum(f["status"] != "complete" for f in actions),
            overdue_actions=len(overdue),
        )


def audit_minimum(pack: EvidencePack) -> tuple[int, str] | None:
    """The multi-agency audits a year the partnership is held to, and who says so: the
    pack's own ``audit_minimum`` (or, as before it, LN03's ``minimum`` setting), else
    its framework's; None when neither sets one (no programme is judged)."""
    manifest = pack.manifest
    own = manifest.audit_minimum
    if own is None:
        own = _legacy_minimum(manifest.settings)
    if own is not None:
        return own, f"the partnership's own minimum of {own} a year"
    for framework in manifest.frameworks:
        if framework in FRAMEWORK_AUDIT_MINIMUMS:
            return FRAMEWORK_AUDIT_MINIMUMS[framework]
    return None


def _legacy_minimum(options: Mapping[str, object]) -> int | None:
    settings = options.get("settings")
    ln03 = settings.get("LN03") if isinstance(settings, Mapping) else None
    value = ln03.get("minimum") if isinstance(ln03, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _audit_programme(
    facts: FactSet, minimum: tuple[int, str] | None
) -> dict[str, object] | None:
    """The partnership's audit activity as a whole, against the minimum it is held to.
    Its theme is training and learning (Tees enabler 2: "learning is promoted and
    embedded"), where audit findings belong when they are about the programme rather
    than one theme."""
    if minimum is None:
        return None
    audits = [f for f in facts.of_kind("audit_finding") if f.get("recent")]
    multi_agency = len({f["audit_id"] for f in audits if f["type"] == "multi_agency"})
    return _summary(
        "audit_programme",
        "training-and-learning",
        audits,
        audits_last_12_months=len({f["audit_id"] for f in audits}),
        multi_agency_audits=multi_agency,
        critical_findings=sum(f["grade"] in {"requires_improvement", "inadequate"} for f in audits),
        learning_findings=sum(f["finding"] == "learning" for f in audits),
    ) | {
        "id": "audit_programme",
        "minimum": minimum[0],
        "minimum_source": minimum[1],
        "below_minimum": multi_agency < minimum[0],
    }


def _stale_returns(pack: EvidencePack) -> Iterator[dict[str, object]]:
    indicators = pack.table("indicators")
    if indicators is None or not len(indicators):
        return
    period = pack.manifest.period
    catalogue = pack.tables["catalogue"].set_index("indicator")
    rows = indicators[indicators["breakdown"] == "all"]
    latest = (
        rows.sort_values("period_end").groupby(["indicator", "area", "agency"], sort=True).tail(1)
    )
    for record in latest.to_dict("records"):
        # measured in the series' own periods: a year-old annual figure is not late
        span_days = max((record["period_end"] - record["period_start"]).days + 1, 1)
        behind = int((period.end - record["period_end"]).days / span_days + 0.25)
        if behind < 1 or record["period_end"] > period.end:
            continue
        indicator = record["indicator"]
        entry = catalogue.loc[indicator]
        agency = record["agency"] or entry["source_agency"]
        key = "-".join(filter(None, (indicator, record["area"], record["agency"]))).lower()
        yield {
            "fact": "stale_return",
            "id": f"stale-{_slug(key)}",
            "theme": entry["theme"],
            "agency": agency,
            "indicator": indicator,
            "label": entry["label"],
            "area": record["area"],
            "latest_period": record["period"],
            "expected_period": period.label,
            "periods_behind": int(behind),
            "evidence": [record["_item"]],
            "source": {"file": record["_file"], "row": int(record["_row"])},
        }


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in text.lower()).strip("-")
