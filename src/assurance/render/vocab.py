"""Display vocabulary shared by the graph and the report: labels, orders and colours.

One place for every colour, shape and word the outputs use, so that the graph's legend,
the report's badges and the charts always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from assurance.facts import SOURCE_TYPE

#: Finding kinds in the order a board reads them: what is wrong, what to ask, what works.
KINDS: tuple[str, ...] = ("risk", "kloe", "strength")
KIND_LABEL = {"strength": "Strength", "risk": "Risk", "kloe": "KLOE"}
KIND_PLURAL = {"strength": "strengths", "risk": "risks", "kloe": "key lines of enquiry"}
#: One of each, for counts of one: "1 strength", "1 key line of enquiry".
KIND_SINGULAR = {"strength": "strength", "risk": "risk", "kloe": "key line of enquiry"}
#: Short nouns for counts and badges: "1 risk", "2 KLOE", "High risk".
KIND_NOUN = {
    "strength": ("strength", "strengths"),
    "risk": ("risk", "risks"),
    "kloe": ("KLOE", "KLOE"),
}

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low", "info")
CONFIDENCES: tuple[str, ...] = ("high", "moderate", "low")
STATUSES: tuple[str, ...] = ("new", "continuing", "resolved")

#: The five Performance Analysis Group questions (Tees framework).
PAG_QUESTIONS: dict[int, str] = {
    1: "What does the information tell us about the effectiveness of local arrangements?",
    2: "What are the strengths and what needs to be improved?",
    3: "Are all agencies working together to safeguard children? If not, why not?",
    4: (
        "Are children receiving the right level of support at the right time from the "
        "right organisation?"
    ),
    5: "What is the impact of the arrangements on children's safety and outcomes?",
}


@dataclass(frozen=True)
class Style:
    """How one category is drawn: colour, vis-network shape and legend label."""

    label: str
    color: str
    shape: str = "dot"


# Colours are from a colour-blind-safe palette (Okabe-Ito), and every kind also has its
# own shape, so red/green colour blindness never hides a distinction.
FINDING_STYLE = {
    "risk": Style("Risk", "#C9352B", "diamond"),
    "kloe": Style("Key line of enquiry (KLOE)", "#7B3FA0", "star"),
    "strength": Style("Strength", "#1A7F4B", "triangle"),
}

NODE_STYLE = {
    "theme": Style("Theme", "#2F4B6E", "hexagon"),
    "indicator": Style("Indicator", "#0F6E7A", "square"),
    "agency": Style("Agency", "#DCE3EA", "ellipse"),
    "rule": Style("Rule", "#F2EEE3", "box"),
}

#: Evidence source types, as findings.json names them (assurance.facts.source_type),
#: in legend order.
SOURCE_STYLE = {
    "quantity": Style("Indicator data", "#0072B2"),
    "audit": Style("Case-file audit", "#E69F00"),
    "review": Style("Learning review", "#D55E00"),
    "child_voice": Style("Voice of children and families", "#CC79A7"),
    "practitioner_voice": Style("Practitioner voice", "#56B4E9"),
    "subgroup": Style("Sub-group report", "#009E73"),
    "section11": Style("Section 11 self-assessment", "#6A7F10"),
    "action": Style("Action plan", "#8C6D46"),
    "coverage": Style("Evidence coverage (what is missing)", "#9AA5B1"),
}
OTHER_SOURCE = Style("Other source", "#7F7F7F")

#: When an evidence item carries no source_type, its fact kind says what it is: the
#: engine's own table, with voice counted as children's and families' (the usual case).
FACT_SOURCE_TYPE = {**SOURCE_TYPE, "voice": "child_voice", "voice_summary": "child_voice"}

#: Facts that are signals about one indicator series (their evidence links to it).
SIGNAL_FACTS = frozenset({"spc", "target", "benchmark", "disparity", "stale_return"})

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
COVERAGE_KINDS: tuple[tuple[str, str], ...] = (
    ("has_quantity", "Indicators"),
    ("has_audit", "Audits"),
    ("has_review", "Reviews"),
    ("has_child_voice", "Child voice"),
    ("has_practitioner_voice", "Practitioner voice"),
    ("has_subgroup", "Sub-group reports"),
    ("has_section11", "Section 11"),
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
    return SOURCE_STYLE.get(source_type, OTHER_SOURCE)


def rank(order: tuple[str, ...], value: str) -> int:
    """Position of ``value`` in ``order``; unknown values sort last."""
    return order.index(value) if value in order else len(order)
