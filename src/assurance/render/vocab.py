"""Display vocabulary shared by the graph and the report: labels, orders and colours.

One place for every colour, shape and word the outputs use, so that the graph's legend,
the report's badges and the charts always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from assurance.kinds import (
    COVERAGE_SOURCE,
    FACT_KINDS,
    INDEPENDENT_SOURCES,
    OTHER_SOURCE,
    SERIES_FACTS,
    SOURCE_KINDS,
)
from assurance.terms import (
    CONFIDENCES,
    FINDING_KIND,
    FINDING_KINDS,
    PAG_QUESTIONS,
    SEVERITIES,
    STATUSES,
    rank,
)

KINDS = FINDING_KINDS
KIND_LABEL = {kind: FINDING_KIND[kind].label for kind in KINDS}
KIND_PLURAL = {kind: FINDING_KIND[kind].plural for kind in KINDS}
#: One of each, for counts of one: "1 strength", "1 key line of enquiry".
KIND_SINGULAR = {kind: FINDING_KIND[kind].singular for kind in KINDS}
#: Short nouns for counts and badges: "1 risk", "2 KLOE", "High risk".
KIND_NOUN = {kind: FINDING_KIND[kind].noun for kind in KINDS}

__all__ = ["CONFIDENCES", "PAG_QUESTIONS", "SEVERITIES", "STATUSES", "rank"]


@dataclass(frozen=True)
class Style:
    """How one category is drawn: colour, vis-network shape and legend label."""

    label: str
    color: str
    shape: str = "dot"


# Colours are from a colour-blind-safe palette (Okabe-Ito), and every kind also has its
# own shape, so red/green colour blindness never hides a distinction.
FINDING_STYLE = {
    "risk": Style(FINDING_KIND["risk"].legend, "#C9352B", "diamond"),
    "kloe": Style(FINDING_KIND["kloe"].legend, "#7B3FA0", "star"),
    "strength": Style(FINDING_KIND["strength"].legend, "#1A7F4B", "triangle"),
}

NODE_STYLE = {
    "theme": Style("Theme", "#2F4B6E", "hexagon"),
    "indicator": Style("Indicator", "#0F6E7A", "square"),
    "agency": Style("Agency", "#DCE3EA", "ellipse"),
    "rule": Style("Rule", "#F2EEE3", "box"),
}

#: Evidence source types, as findings.json names them, in legend order: each kind of
#: evidence declares its own (assurance.kinds).
SOURCE_STYLE = {
    code: Style(source.legend, source.color)
    for code, source in (*SOURCE_KINDS.items(), (COVERAGE_SOURCE.code, COVERAGE_SOURCE))
}
OTHER = Style(OTHER_SOURCE.legend, OTHER_SOURCE.color)

#: When an evidence item carries no source_type, its fact kind says what it is, with
#: voice counted as children's and families' (the usual case).
FACT_SOURCE_TYPE = {name: kind.source for name, kind in FACT_KINDS.items()}

#: Facts that are signals about one indicator series (their evidence links to it).
SIGNAL_FACTS = SERIES_FACTS

EDGE_STYLE = {
    "supports": Style("supports", "#3C8D5A"),
    "contradicts": Style("contradicts", "#C9352B"),
    "about-theme": Style("about theme", "#8A9BB0"),
    "broader": Style("narrower theme of", "#2F4B6E"),
    "signal-of": Style("signal of indicator", "#0F6E7A"),
    "from-agency": Style("from / involves agency", "#A7B4C2"),
    "raised-by": Style("raised by rule", "#C8BFA8"),
}

#: Coverage columns of the heat map: the coverage fact's flag and its label.
COVERAGE_KINDS: tuple[tuple[str, str], ...] = tuple(
    (f"has_{code}", SOURCE_KINDS[code].heading) for code in INDEPENDENT_SOURCES
)
COVERAGE_LABEL = {flag.removeprefix("has_"): label for flag, label in COVERAGE_KINDS}

# Making Data Count colours, as NHSRplotthedots draws them.
SPC_COLOURS = {
    "improvement": "#289DE0",
    "concern": "#FAB428",
    "neutral": "#490092",
    "common": "#7B7D7D",
    "target": "#DE1B1B",
}

VARIATION_LABEL = {
    "common_cause": "common cause variation",
    "special_cause_concern": "special cause variation of concern",
    "special_cause_improvement": "special cause variation of improvement",
    "special_cause_neutral": "special cause variation (neither better nor worse)",
    "too_few_points": "too few points to judge variation",
}
ASSURANCE_LABEL = {
    "consistently_passing": "consistently meets the target",
    "consistently_failing": "consistently misses the target",
    "hit_and_miss": "will hit and miss the target",
    "none": "",
}
SPECIAL_CAUSE_LABEL = {
    "outside_limits": "a point outside the limits",
    "trend": "a trend",
    "two_of_three": "two of three points near a limit",
    "run": "a run on one side of the mean",
}


def source_style(source_type: str) -> Style:
    return SOURCE_STYLE.get(source_type, OTHER)
