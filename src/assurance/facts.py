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
actions, where a per-theme summary fires one (FIELD-NOTES: aggregate first, then join).

``FACT_FIELDS`` declares every field of every kind; a test holds the facts really
produced on the example packs to it, and rule linting checks rule files against it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from assurance.model import EvidencePack
from assurance.periods import months_before
from assurance.vocabulary import ThemeVocabulary

RECENT_MONTHS = 12
RECURRING_MONTHS = 24


@dataclass(frozen=True)
class FieldSpec:
    type: str  # text | number | integer | boolean | theme | agency | period | date
    description: str
    values: tuple[str, ...] = ()


def _f(type_: str, description: str, values: str = "") -> FieldSpec:
    return FieldSpec(type_, description, tuple(values.split()))


_COMMON = {
    "id": _f("text", "unique id of the fact in the run"),
    "theme": _f("theme", "theme id (SKOS); empty where the kind has none"),
}
_SERIES = {
    "indicator": _f("text", "indicator id"),
    "label": _f("text", "indicator label"),
    "agency": _f("agency", "agency the series is about or from"),
    "area": _f("text", "area; empty for the whole partnership"),
    "unit": _f("text", "unit of the indicator", "count percent rate_per_10k days ratio"),
    "polarity": _f("text", "which direction is good", "up_is_good up_is_bad neutral"),
}
_VARIATIONS = (
    "common_cause special_cause_concern special_cause_improvement "
    "special_cause_neutral too_few_points"
)

FACT_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "spc": {
        **_SERIES,
        "evidence_type": _f("text", "quantity, quality or outcome", "quantity quality outcome"),
        "points": _f("integer", "number of points in the series"),
        "latest_period": _f("period", "latest period with a value"),
        "latest_value": _f("number", "latest value"),
        "mean": _f("number", "centre line"),
        "lower_limit": _f("number", "lower process limit"),
        "upper_limit": _f("number", "upper process limit"),
        "variation": _f("text", "variation at the latest point (MDC icon)", _VARIATIONS),
        "special_cause": _f(
            "text", "the pattern behind the variation", "outside_limits trend two_of_three run none"
        ),
        "since_period": _f("period", "first period of the special-cause pattern"),
        "assurance": _f(
            "text",
            "target against limits (MDC icon)",
            "consistently_passing consistently_failing hit_and_miss none",
        ),
        "trial_limits": _f("boolean", "limits from 12 to 19 points"),
        "direction": _f("text", "recent direction", "improving worsening stable neutral"),
    },
    "target": {
        **_SERIES,
        "latest_period": _f("period", "latest period with a value"),
        "latest_value": _f("number", "latest value"),
        "target": _f("number", "target ('what good looks like')"),
        "tolerance": _f("number", "tolerance, in the indicator's unit"),
        "status": _f("text", "latest value against target and tolerance", "within better worse"),
        "periods_outside": _f("integer", "consecutive periods worse than tolerance"),
    },
    "benchmark": {
        **{k: v for k, v in _SERIES.items() if k != "unit"},
        "period": _f("period", "period compared"),
        "comparator": _f("text", "england, region, statistical_neighbours or an area"),
        "comparator_kind": _f(
            "text", "kind of comparator", "england region statistical_neighbours area"
        ),
        "statistic": _f("text", "mean or median of a group of areas"),
        "value": _f("number", "our value"),
        "benchmark_value": _f("number", "the comparator's value"),
        "gap_ratio": _f("number", "our value / comparator's value"),
        "worse": _f("boolean", "worse than the comparator (polarity-aware)"),
        "worsening": _f("boolean", "worse than the previous period"),
        "red_red": _f("boolean", "worse than the comparator and worsening"),
        "quartile": _f("text", "quartile band, A best", "A B C D"),
        "rank": _f("integer", "rank among all areas, 1 best"),
        "of": _f("integer", "number of areas ranked"),
    },
    "disparity": {
        **{k: v for k, v in _SERIES.items() if k != "unit"},
        "period": _f("period", "period compared"),
        "dimension": _f("text", "breakdown dimension (sex, age, ethnicity, disability)"),
        "group": _f("text", "the group of children"),
        "group_value": _f("number", "the group's value"),
        "overall_value": _f("number", "the value for all children"),
        "ratio": _f("number", "group value / overall value"),
        "worse": _f("boolean", "the group fares worse by more than the margin"),
    },
    "audit_finding": {
        "audit_id": _f("text", "audit id"),
        "date": _f("date", "audit date"),
        "finding": _f("text", "strength or learning", "strength learning"),
        "text": _f("text", "the finding"),
        "title": _f("text", "audit title"),
        "type": _f(
            "text", "audit type", "multi_agency single_agency thematic deep_dive closing_loop"
        ),
        "agency": _f("agency", "agency"),
        "cases": _f("integer", "cases audited"),
        "grade": _f("text", "grade", "outstanding good requires_improvement inadequate"),
        "critical": _f(
            "boolean", "grade requires improvement or inadequate, or a learning finding"
        ),
        "recent": _f("boolean", "within the last 12 months"),
    },
    "review_learning": {
        "review_id": _f("text", "review id"),
        "type": _f(
            "text",
            "review type",
            "rapid_review lcspr national_review cdop jtai inspection serious_incident",
        ),
        "date": _f("date", "review date"),
        "learning": _f("text", "the learning"),
        "agency": _f("agency", "agency"),
        "recommendation": _f("text", "recommendation"),
        "recent": _f("boolean", "within the last 12 months"),
    },
    "voice": {
        "input_id": _f("text", "input id"),
        "date": _f("date", "date"),
        "voice_of": _f(
            "text", "whose voice", "child young_person parent_carer practitioner community"
        ),
        "sentiment": _f("text", "sentiment", "positive mixed negative"),
        "text": _f("text", "what was said"),
        "channel": _f(
            "text",
            "how it was gathered (the pack's `source` column)",
            "survey youth_group focus_group advocacy complaint compliment consultation",
        ),
        "respondents": _f("integer", "number of respondents"),
        "recent": _f("boolean", "within the last 12 months"),
    },
    "subgroup_report": {
        "report_id": _f("text", "report id"),
        "subgroup": _f("agency", "sub-group"),
        "period": _f("period", "period reported on"),
        "rag": _f("text", "RAG rating", "green amber red"),
        "assurance": _f("text", "assurance statement", "assured partially_assured not_assured"),
        "text": _f("text", "report text"),
        "recent": _f("boolean", "within the last 12 months"),
        "latest": _f("boolean", "the sub-group's latest report on the theme"),
    },
    "section11": {
        "agency": _f("agency", "agency"),
        "year": _f("period", "year assessed"),
        "standard": _f("text", "Section 11 standard"),
        "rating": _f("text", "rating", "met partially_met not_met"),
        "evidence_text": _f("text", "the agency's evidence"),
        "latest": _f("boolean", "the agency's latest rating against the standard"),
    },
    "action": {
        "action_id": _f("text", "action id"),
        "source_id": _f("text", "audit or review id"),
        "status": _f("text", "status", "open complete overdue"),
        "owner_agency": _f("agency", "owner"),
        "due": _f("date", "due date"),
        "impact": _f("text", "impact recorded"),
        "overdue_days": _f("integer", "days past due at the period end (0 if not)"),
    },
    "audit_summary": {
        "audits": _f("integer", "distinct audits"),
        "strengths": _f("integer", "strength findings"),
        "learning": _f("integer", "learning findings"),
        "critical": _f("integer", "findings graded requires improvement or inadequate"),
        "good_or_better": _f("integer", "findings graded good or outstanding"),
        "agencies": _f("integer", "distinct agencies"),
    },
    "review_summary": {
        "reviews": _f("integer", "distinct reviews"),
        "types": _f("integer", "distinct review types"),
        "learning_items": _f("integer", "learning rows"),
    },
    "voice_summary": {
        **{
            f"{who}_{feeling}": _f("integer", f"{feeling} inputs from {label}")
            for who, label in (
                ("child", "children, young people and families"),
                ("practitioner", "practitioners"),
            )
            for feeling in ("positive", "negative", "mixed")
        },
        "respondents": _f("integer", "respondents in all"),
    },
    "coverage": {
        "priority": _f("boolean", "a priority of the partnership (pack.yaml)"),
        **{
            f"has_{kind}": _f("boolean", f"{label} speaks to the theme in the last 12 months")
            for kind, label in (
                ("quantity", "indicator data"),
                ("audit", "an audit"),
                ("review", "a learning review"),
                ("child_voice", "the voice of children and families"),
                ("practitioner_voice", "practitioner voice"),
                ("subgroup", "a sub-group report"),
                ("section11", "Section 11"),
            )
        },
        "kinds_present": _f("integer", "how many kinds of source speak to the theme"),
        "missing": _f("text", "the kinds of source missing, comma-separated"),
    },
    "recurring_learning": {
        "reviews": _f("integer", "reviews with learning on the theme in 24 months"),
        "open_actions": _f("integer", "actions still open"),
        "overdue_actions": _f("integer", "actions overdue"),
    },
    "audit_programme": {
        "audits_last_12_months": _f("integer", "distinct audits in the last 12 months"),
        "multi_agency_audits": _f("integer", "distinct multi-agency audits in 12 months"),
        "critical_findings": _f("integer", "critical findings in 12 months"),
        "learning_findings": _f("integer", "learning findings in 12 months"),
    },
    "stale_return": {
        "agency": _f("agency", "agency whose return is late"),
        "indicator": _f("text", "indicator id"),
        "label": _f("text", "indicator label"),
        "area": _f("text", "area"),
        "latest_period": _f("period", "latest period with data"),
        "expected_period": _f("period", "the pack's period"),
        "periods_behind": _f("integer", "how many periods behind"),
    },
}
for _fields in FACT_FIELDS.values():
    for _name, _spec in _COMMON.items():
        _fields.setdefault(_name, _spec)

#: The kind of source each fact stands for, for coverage and confidence.
SOURCE_TYPE = {
    "spc": "quantity",
    "target": "quantity",
    "benchmark": "quantity",
    "disparity": "quantity",
    "stale_return": "quantity",
    "audit_finding": "audit",
    "audit_summary": "audit",
    "audit_programme": "audit",
    "review_learning": "review",
    "review_summary": "review",
    "recurring_learning": "review",
    "subgroup_report": "subgroup",
    "section11": "section11",
    "action": "action",
    "coverage": "coverage",
}
#: The independent kinds of source triangulation counts, for coverage and confidence.
INDEPENDENT_SOURCES = (
    "quantity",
    "audit",
    "review",
    "child_voice",
    "practitioner_voice",
    "subgroup",
    "section11",
)
#: What each kind of source is called in narratives and lists of gaps.
SOURCE_NAMES = {
    "quantity": "indicator data",
    "audit": "case-file audit",
    "review": "learning review",
    "child_voice": "voice of children and families",
    "practitioner_voice": "practitioner voice",
    "subgroup": "sub-group report",
    "section11": "Section 11 self-assessment",
    "action": "action plan",
    "coverage": "evidence coverage",
}
CHILD_VOICES = frozenset({"child", "young_person", "parent_carer", "community"})

# Section 11 standards carry no theme column; these words in a standard's name say
# which theme it speaks to (the 11 standards of the Somerset and Warrington frameworks).
SECTION11_THEMES = (  # first match wins: the more specific words come first
    ("information", "information-sharing"),
    ("training", "training-and-learning"),
    ("allegation", "lado"),
    ("lado", "lado"),
    ("escalat", "professional-challenge"),
    ("challenge", "professional-challenge"),
    ("recruit", "workforce"),
    ("supervision", "workforce"),
    ("staff", "workforce"),
    ("learning", "training-and-learning"),
    ("inter-agency", "partnership-working"),
    ("multi-agency", "partnership-working"),
    ("partnership", "partnership-working"),
    ("working together", "partnership-working"),
    ("early help", "early-help"),
    ("voice", "partnership-working"),
)


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

    def __len__(self) -> int:
        return len(self.facts)


def source_type(fact: dict[str, object]) -> str:
    kind = str(fact["fact"])
    if kind == "voice":
        return "child_voice" if fact.get("voice_of") in CHILD_VOICES else "practitioner_voice"
    if kind == "voice_summary":
        return "child_voice"
    return SOURCE_TYPE.get(kind, kind)


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


_RENAMED = {"evidence": "evidence_text", "source": "channel"}
_ITEM_KINDS = {
    "audits": ("audit_finding", "audit_id date finding text title type agency cases grade"),
    "reviews": ("review_learning", "review_id type date learning agency recommendation"),
    "voice": ("voice", "input_id date voice_of sentiment text source respondents"),
    "subgroups": ("subgroup_report", "report_id subgroup period rag assurance text"),
    "section11": ("section11", "agency year standard rating evidence"),
    "actions": ("action", "action_id source_id status owner_agency due impact"),
}


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
    for table, (kind, columns) in _ITEM_KINDS.items():
        frame = pack.table(table)
        if frame is not None:
            latest = _latest_rows(frame, table, period_end)
            for fact in _item_facts(frame, kind, columns.split(), period_end):
                if latest is not None:
                    fact["latest"] = fact["id"] in latest
                facts.add(fact)
    window_start = months_before(period_end, RECENT_MONTHS)
    for fact in _aggregates(pack, facts, themes, window_start):
        facts.add(fact)
    return facts


_LATEST_KEYS = {
    "subgroups": (["subgroup", "theme"], "period_end"),
    "section11": (["agency", "standard"], "year_end"),
}


def _latest_rows(frame: pd.DataFrame, table: str, period_end: date) -> set[str] | None:
    """Items that are the latest of their kind up to the period's end (a superseded green
    report should not speak for the sub-group now)."""
    if table not in _LATEST_KEYS or not len(frame):
        return None
    keys, when = _LATEST_KEYS[table]
    candidates = frame[frame[when] <= period_end] if table == "subgroups" else frame
    by_key = candidates.assign(
        _key=candidates[keys].apply(lambda r: tuple(str(v).lower() for v in r), axis=1)
    )
    latest_when = by_key.groupby("_key")[when].transform("max")
    return set(by_key.loc[by_key[when] == latest_when, "_item"])


def _item_facts(
    frame: pd.DataFrame, kind: str, columns: list[str], period_end: date
) -> Iterator[dict[str, object]]:
    window_start = months_before(period_end, RECENT_MONTHS)
    for record in frame.to_dict("records"):
        fact: dict[str, object] = {
            "fact": kind,
            "id": record["_item"],
            "theme": record.get("theme", ""),
        }
        for column in columns:
            # "evidence" and "source" name the rows behind every fact and where they came
            # from, so Section 11's evidence and voice's source columns are renamed
            fact[_RENAMED.get(column, column)] = clean(record.get(column))
        fact["source"] = {"file": record["_file"], "row": int(record["_row"])}
        fact["evidence"] = [record["_item"]]
        _add_item_details(fact, record, kind, window_start, period_end)
        yield fact


def _add_item_details(
    fact: dict[str, object], record: dict, kind: str, window_start: date, period_end: date
) -> None:
    when = record.get("date") or record.get("period_end")
    if kind != "section11" and kind != "action":
        fact["recent"] = bool(when and window_start < when <= period_end)
    if kind == "audit_finding":
        fact["critical"] = record["grade"] in {"requires_improvement", "inadequate"} or (
            record["finding"] == "learning"
        )
    elif kind == "action":
        due = record.get("due")
        late = (period_end - due).days if due and record["status"] != "complete" else 0
        fact["overdue_days"] = max(late, 0) if record["status"] != "overdue" else max(late, 1)
    elif kind == "section11":
        fact["theme"] = section11_theme(str(record["standard"]))


def section11_theme(standard: str) -> str:
    text = standard.lower()
    return next((theme for word, theme in SECTION11_THEMES if word in text), "")


def _aggregates(
    pack: EvidencePack, facts: FactSet, themes: ThemeVocabulary, window_start: date
) -> Iterator[dict[str, object]]:
    by_theme: dict[str, list[dict[str, object]]] = defaultdict(list)
    for fact in facts.facts.values():
        theme = str(fact.get("theme") or "")
        if theme:
            for ancestor in themes.with_ancestors(theme):
                by_theme[ancestor].append(fact)
    yield from _summaries(by_theme)
    yield from _coverage(by_theme, pack.manifest.priorities)
    yield from _recurring_learning(by_theme, facts.period_end or date.max)
    yield _audit_programme(facts)
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


def _summaries(by_theme: dict[str, list[dict[str, object]]]) -> Iterator[dict[str, object]]:
    for theme in sorted(by_theme):
        items = by_theme[theme]
        audits = _recent(items, "audit_finding")
        if audits:
            yield _summary(
                "audit_summary",
                theme,
                audits,
                audits=len({f["audit_id"] for f in audits}),
                strengths=sum(f["finding"] == "strength" for f in audits),
                learning=sum(f["finding"] == "learning" for f in audits),
                critical=sum(f["grade"] in {"requires_improvement", "inadequate"} for f in audits),
                good_or_better=sum(f["grade"] in {"good", "outstanding"} for f in audits),
                agencies=len({str(f["agency"]).lower() for f in audits if f["agency"]}),
            )
        reviews = _recent(items, "review_learning")
        if reviews:
            yield _summary(
                "review_summary",
                theme,
                reviews,
                reviews=len({f["review_id"] for f in reviews}),
                types=len({f["type"] for f in reviews}),
                learning_items=len(reviews),
            )
        voices = _recent(items, "voice")
        if voices:
            yield _summary("voice_summary", theme, voices, **_voice_counts(voices))


def _voice_counts(voices: list[dict[str, object]]) -> dict[str, int]:
    counts = {
        f"{who}_{feeling}": 0
        for who in ("child", "practitioner")
        for feeling in ("positive", "negative", "mixed")
    }
    for voice in voices:
        who = "child" if voice["voice_of"] in CHILD_VOICES else "practitioner"
        counts[f"{who}_{voice['sentiment']}"] += 1
    counts["respondents"] = int(sum(v["respondents"] or 1 for v in voices))  # type: ignore[misc]
    return counts


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
        missing = [kind for kind in INDEPENDENT_SOURCES if kind not in present]
        yield {
            "fact": "coverage",
            "id": f"coverage-{theme}",
            "theme": theme,
            "priority": theme in priorities,
            **flags,
            "kinds_present": len(INDEPENDENT_SOURCES) - len(missing),
            "missing": ", ".join(SOURCE_NAMES[kind] for kind in missing),
            "evidence": [],
        }


def _counts_for_coverage(fact: dict[str, object]) -> bool:
    kind = fact["fact"]
    if kind in {"spc", "target", "benchmark", "disparity", "section11"}:
        return True
    if kind in {"audit_finding", "review_learning", "voice", "subgroup_report"}:
        return bool(fact.get("recent"))
    return False


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


def _audit_programme(facts: FactSet) -> dict[str, object]:
    """The partnership's audit activity as a whole. Its theme is training and learning
    (Tees enabler 2: "learning is promoted and embedded"), where audit findings belong
    when they are about the programme rather than one theme."""
    audits = [f for f in facts.of_kind("audit_finding") if f.get("recent")]
    return _summary(
        "audit_programme",
        "training-and-learning",
        audits,
        audits_last_12_months=len({f["audit_id"] for f in audits}),
        multi_agency_audits=len({f["audit_id"] for f in audits if f["type"] == "multi_agency"}),
        critical_findings=sum(f["grade"] in {"requires_improvement", "inadequate"} for f in audits),
        learning_findings=sum(f["finding"] == "learning" for f in audits),
    ) | {"id": "audit_programme"}


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
