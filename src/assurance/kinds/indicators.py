"""Indicator data: the catalogue, the observations and the benchmarks, and the signals
computed from them (statistical process control, targets, benchmarks, disparities,
late returns)."""

from __future__ import annotations

from rdflib.namespace import SKOS

from assurance.kinds._spec import (
    Authoring,
    EvidenceKind,
    Fact,
    FactKind,
    GraphSpec,
    Property,
    SourceKind,
    columns,
    fields,
)
from assurance.namespaces import SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, SGA
from assurance.periods import period_in_words
from assurance.terms import enumeration, format_value, number_of

QUANTITY = SourceKind(
    "quantity", "indicator data", "Indicators", "Indicator data", "#0072B2"
)

_SERIES = fields(
    indicator=("text", "indicator id"),
    label=("text", "indicator label"),
    agency=("agency", "agency the series is about or from"),
    area=("text", "area; empty for the whole partnership"),
    unit=("text", "unit of the indicator", "count percent rate_per_10k days ratio"),
    polarity=("text", "which direction is good", "up_is_good up_is_bad neutral"),
)
_SERIES_NO_UNIT = {k: v for k, v in _SERIES.items() if k != "unit"}
_VARIATIONS = (
    "common_cause special_cause_concern special_cause_improvement "
    "special_cause_neutral too_few_points"
)


def _series_label(fact: Fact) -> str:
    """An indicator's label, with the area its series is about, if not the partnership."""
    area = fact.get("area")
    return f"{fact['label']} ({area})" if area else str(fact["label"])


def _period(label: object) -> str:
    return period_in_words(str(label)) if label else "in a period not recorded"


def _spc_direction(fact: Fact) -> int:
    return {"special_cause_improvement": 1, "special_cause_concern": -1}.get(
        str(fact.get("variation")), 0
    )


def _target_direction(fact: Fact) -> int:
    return {"better": 1, "worse": -1}.get(str(fact.get("status")), 0)


def _benchmark_direction(fact: Fact) -> int:
    """Worse than a comparator speaks ill; only the best quartile of all areas speaks
    well (being no worse than England is not in itself a strength)."""
    if fact.get("worse"):
        return -1
    return 1 if fact.get("quartile") == "A" else 0


def _disparity_direction(fact: Fact) -> int:
    return -1 if fact.get("worse") else 0


SPC = FactKind(
    name="spc",
    family="signal",
    about="one per indicator series (indicator × area × agency, whole population): "
    "statistical process control by NHS England's *Making Data Count* rules",
    fields={
        **_SERIES,
        **fields(
            evidence_type=("text", "quantity, quality or outcome", "quantity quality outcome"),
            points=("integer", "number of points in the series"),
            latest_period=("period", "latest period with a value"),
            latest_value=("number", "latest value"),
            mean=("number", "centre line"),
            lower_limit=("number", "lower process limit"),
            upper_limit=("number", "upper process limit"),
            variation=("text", "variation at the latest point (MDC icon)", _VARIATIONS),
            special_cause=(
                "text", "the pattern behind the variation",
                "outside_limits trend two_of_three run none",
            ),
            since_period=("period", "first period of the special-cause pattern"),
            assurance=(
                "text", "target against limits (MDC icon)",
                "consistently_passing consistently_failing hit_and_miss none",
            ),
            trial_limits=("boolean", "limits from 12 to 19 points"),
            direction=("text", "recent direction", "improving worsening stable neutral"),
        ),
    },
    source="quantity",
    label=lambda f: (
        f"{_series_label(f)}: {format_value(f['variation'])} "
        f"(latest {format_value(f['latest_value'])} {_period(f['latest_period'])})"
    ),
    direction=_spc_direction,
    graph_class="SPCSignal",
    authoring=Authoring(
        words="indicator",
        alias="signal",
        phrase="{a.label} shows {a.variation} (latest {a.latest_value} in {a.latest_period}, "
        "mean {a.mean})",
        starters={
            "strength": ("variation", "equals", "special_cause_improvement"),
            "*": ("variation", "equals", "special_cause_concern"),
        },
        plain_names=("indicator", "indicators", "data", "signal"),
    ),
)

TARGET = FactKind(
    name="target",
    family="signal",
    about="one per series with a target: the latest value against target and tolerance",
    fields={
        **_SERIES,
        **fields(
            latest_period=("period", "latest period with a value"),
            latest_value=("number", "latest value"),
            target=("number", "target ('what good looks like')"),
            tolerance=("number", "tolerance, in the indicator's unit"),
            status=("text", "latest value against target and tolerance", "within better worse"),
            periods_outside=("integer", "consecutive periods worse than tolerance"),
        ),
    },
    source="quantity",
    label=lambda f: (
        f"{_series_label(f)}: {format_value(f['latest_value'])} against target "
        f"{format_value(f['target'])} ± {format_value(f['tolerance'])}"
    ),
    direction=_target_direction,
    graph_class="TargetSignal",
    needs="indicators with a target in the catalogue",
    authoring=Authoring(
        words="target",
        alias="target",
        phrase="{a.label} is {a.latest_value} against a target of {a.target} ({a.status})",
        starters={"strength": ("status", "equals", "better"), "*": ("status", "equals", "worse")},
        plain_names=("targets",),
    ),
)

DISPARITY = FactKind(
    name="disparity",
    family="signal",
    about="one per indicator × breakdown group, latest period: how a group of "
    "children fares against all children",
    fields={
        **_SERIES_NO_UNIT,
        **fields(
            period=("period", "period compared"),
            dimension=("text", "breakdown dimension (sex, age, ethnicity, disability)"),
            group=("text", "the group of children"),
            group_value=("number", "the group's value"),
            overall_value=("number", "the value for all children"),
            ratio=("number", "group value / overall value"),
            worse=("boolean", "the group fares worse by more than the margin"),
        ),
    },
    source="quantity",
    label=lambda f: (
        f"{_series_label(f)}: {f['dimension']}={f['group']} "
        f"{format_value(f['group_value'])} against {format_value(f['overall_value'])} overall"
    ),
    direction=_disparity_direction,
    graph_class="DisparitySignal",
    needs="indicators broken down by group",
    authoring=Authoring(
        words="disparity between groups",
        alias="disparity",
        phrase="{a.label} for {a.dimension} {a.group} is {a.group_value} against "
        "{a.overall_value} for all children",
        starters={"*": ("worse", "equals", True)},
        plain_names=("disparities", "groups"),
    ),
)

STALE_RETURN = FactKind(
    name="stale_return",
    family="record",
    about="one per agency × indicator whose latest value is older than the pack's period",
    fields=fields(
        agency=("agency", "agency whose return is late"),
        indicator=("text", "indicator id"),
        label=("text", "indicator label"),
        area=("text", "area"),
        latest_period=("period", "latest period with data"),
        expected_period=("period", "the pack's period"),
        periods_behind=("integer", "how many periods behind"),
    ),
    source="quantity",
    label=lambda f: (
        f"{f['label']} from {f['agency'] or 'the source agency'}: latest "
        f"{_period(f['latest_period'])}, {number_of(f['periods_behind'], 'period')} behind"
    ),
    graph_class="StaleReturnSignal",
    needs="indicators whose latest value is older than the pack's period",
    authoring=Authoring(
        words="late data return",
        alias="stale",
        phrase="{a.label} from {a.agency} is {a.periods_behind} period(s) behind",
        starters={"*": ("periods_behind", "at_least", 1)},
        plain_names=("stale", "late_returns"),
    ),
)

BENCHMARK = FactKind(
    name="benchmark",
    family="signal",
    about="one per indicator × area × comparator, latest period: our value against "
    "England, the region, statistical neighbours or a named area",
    fields={
        **_SERIES_NO_UNIT,
        **fields(
            period=("period", "period compared"),
            comparator=("text", "england, region, statistical_neighbours or an area"),
            comparator_kind=(
                "text", "kind of comparator", "england region statistical_neighbours area"
            ),
            statistic=("text", "mean or median of a group of areas"),
            value=("number", "our value"),
            benchmark_value=("number", "the comparator's value"),
            gap_ratio=("number", "our value / comparator's value"),
            worse=("boolean", "worse than the comparator (polarity-aware)"),
            worsening=("boolean", "worse than the previous period"),
            red_red=("boolean", "worse than the comparator and worsening"),
            quartile=("text", "quartile band, A best", "A B C D"),
            rank=("integer", "rank among all areas, 1 best"),
            of=("integer", "number of areas ranked"),
        ),
    },
    source="quantity",
    label=lambda f: (
        f"{_series_label(f)}: {format_value(f['value'])} against "
        f"{format_value(f['comparator'])} {format_value(f['benchmark_value'])}"
    ),
    direction=_benchmark_direction,
    graph_class="BenchmarkSignal",
    authoring=Authoring(
        words="benchmark",
        alias="benchmark",
        phrase="{a.label} is {a.value} against {a.benchmark_value} for {a.comparator}",
        starters={"strength": ("worse", "equals", False), "*": ("worse", "equals", True)},
        plain_names=("benchmarks", "comparison"),
    ),
)

REFERENCE_PERIOD = SDMX_DIMENSION.refPeriod

CATALOGUE = EvidenceKind(
    table="catalogue",
    about="the indicators: label, theme, unit, polarity, target; extends or overrides "
    "the built-in catalogues named by `framework`",
    columns=columns(
        "*indicator:id *label:text *theme:theme aim:text objective:text unit:enum:unit "
        "polarity:enum:polarity target:number tolerance:number "
        "evidence_type:enum:evidence_type source_agency:agency framework:text ref:text "
        "note:text"
    ),
    graph=GraphSpec(
        (SGA.Indicator, SKOS.Concept),
        (
            Property("indicator", SKOS.notation, "string"),
            Property("label", SKOS.prefLabel, "string"),
            Property("theme", SGA.theme, "theme"),
            Property("aim", SGA.aim, "string"),
            Property("objective", SGA.objective, "string"),
            Property("unit", SGA.unit, "concept:unit"),
            Property("polarity", SGA.polarity, "concept:polarity"),
            Property("target", SGA.target, "double"),
            Property("tolerance", SGA.tolerance, "double"),
            Property("evidence_type", SGA.evidenceType, "concept:"),
            Property("source_agency", SGA.sourceAgency, "agency"),
            Property("ref", SGA.reference, "string"),
            Property("note", SKOS.note, "string"),
        ),
        consumed=frozenset({"framework"}),
    ),
    enumerations=(
        enumeration(
            "unit", "count percent rate_per_10k days ratio",
            number="count", pct="percent", rate="rate_per_10k", per_10k="rate_per_10k",
            rate_per_10000="rate_per_10k", rate_per_10_000="rate_per_10k",
        ),
        enumeration(
            "polarity", "up_is_good up_is_bad neutral",
            high="up_is_good", higher_is_better="up_is_good", low="up_is_bad",
            lower_is_better="up_is_bad", none="neutral",
        ),
        enumeration(
            "evidence_type", "quantity quality outcome",
            how_much="quantity", how_well="quality", is_anyone_better_off="outcome",
        ),
    ),
)

INDICATORS = EvidenceKind(
    table="indicators",
    about="one value of an indicator for a period, area, breakdown and agency",
    columns=columns(
        "*indicator:indicator *period:period *value:number area:text breakdown:breakdown "
        "numerator:number denominator:number agency:agency note:free_text"
    ),
    graph=GraphSpec(
        (SGA.Observation,),
        (
            Property("period", REFERENCE_PERIOD, "period"),
            Property("value", SDMX_MEASURE.obsValue, "double"),
            Property("value", SDMX_ATTRIBUTE.obsStatus, "missing"),
            Property("numerator", SGA.numerator, "double"),
            Property("denominator", SGA.denominator, "double"),
            Property("note", SKOS.note, "string"),
        ),
        consumed=frozenset({"indicator", "area", "breakdown", "agency"}),  # on the series
    ),
    sources=(QUANTITY,),
    facts=(SPC, TARGET, DISPARITY, STALE_RETURN),
)

BENCHMARKS = EvidenceKind(
    table="benchmarks",
    about="a comparator's value for an indicator and period: England, the region, "
    "statistical neighbours or a named area",
    columns=columns(
        "*indicator:indicator *period:period *comparator:comparator *value:number "
        "statistic:text"
    ),
    graph=GraphSpec(
        (SGA.BenchmarkValue,),
        (
            Property("indicator", SGA.indicator, "indicator"),
            Property("period", REFERENCE_PERIOD, "period"),
            Property("comparator", SGA.comparator, "comparator"),
            Property("value", SDMX_MEASURE.obsValue, "double"),
            Property("value", SDMX_ATTRIBUTE.obsStatus, "missing"),
            Property("statistic", SGA.statistic, "string"),
        ),
    ),
    enumerations=(
        enumeration(
            "comparator_kind", "england region statistical_neighbours",
            national="england", sn="statistical_neighbours", sns="statistical_neighbours",
            statistical_neighbour="statistical_neighbours",
            stat_neighbours="statistical_neighbours",
        ),
    ),
    facts=(BENCHMARK,),
)
