"""Section 11 self-assessments: each agency against each standard."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from assurance.kinds._spec import (
    Authoring,
    EvidenceKind,
    FactKind,
    GraphSpec,
    Property,
    SourceKind,
    columns,
    fields,
)
from assurance.namespaces import SDMX_DIMENSION, SGA
from assurance.terms import enumeration, format_value

RATING_DIRECTION = {"met": 1, "not_met": -1}

# Section 11 standards carry no theme column; these words in a standard's name say
# which theme it speaks to (the 11 standards of the Somerset and Warrington frameworks).
STANDARD_THEMES = (  # first match wins: the more specific words come first
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


SECTION11_SOURCE = SourceKind(
    "section11", "Section 11 self-assessment", "Section 11", "Section 11 self-assessment",
    "#6A7F10", expected_on=frozenset(theme for _, theme in STANDARD_THEMES),
)


def standard_theme(standard: str) -> str:
    """The theme a Section 11 standard speaks to, from the words of its name."""
    text = standard.lower()
    return next((theme for word, theme in STANDARD_THEMES if word in text), "")


def _details(fact: dict[str, object], record: Mapping[str, object], period_end: date) -> None:
    fact["theme"] = standard_theme(str(record["standard"]))


SECTION11_FACT = FactKind(
    name="section11",
    family="item",
    about="one per row of `section11.csv` (its theme from the standard's name)",
    fields=fields(
        agency=("agency", "agency"),
        year=("period", "year assessed"),
        standard=("text", "Section 11 standard"),
        rating=("text", "rating", "met partially_met not_met"),
        evidence_text=("text", "the agency's evidence"),
        latest=("boolean", "the agency's latest rating against the standard"),
    ),
    source="section11",
    label=lambda f: f"Section 11 {f['agency']}: {f['standard']} {format_value(f['rating'])}",
    direction=lambda fact: RATING_DIRECTION.get(str(fact.get("rating")), 0),
    text_field="evidence_text",
    authoring=Authoring(
        words="Section 11",
        alias="s11",
        phrase="{a.agency} rated the Section 11 standard \"{a.standard}\" {a.rating}",
        starters={"risk": ("rating", "equals", "not_met"), "*": ("rating", "equals", "met")},
        plain_names=("s11", "section_11"),
    ),
)

SECTION11 = EvidenceKind(
    table="section11",
    about="an agency's self-assessed rating against a Section 11 standard for a year",
    columns=columns(
        "*agency:agency *year:year *standard:text *rating:enum:s11_rating evidence:free_text"
    ),
    graph=GraphSpec(
        (SGA.Section11Rating,),
        (
            Property("agency", SGA.agency, "agency"),
            Property("year", SDMX_DIMENSION.refPeriod, "period"),
            Property("standard", SGA.standard, "string"),
            Property("rating", SGA.section11Outcome, "concept:s11"),
            Property("evidence", SGA.text, "string"),
        ),
    ),
    sources=(SECTION11_SOURCE,),
    enumerations=(
        enumeration(
            "s11_rating", "met partially_met not_met",
            green="met", amber="partially_met", red="not_met", partially="partially_met",
            partly_met="partially_met", unmet="not_met",
        ),
    ),
    item=SECTION11_FACT,
    item_columns=("agency", "year", "standard", "rating", "evidence"),
    # "evidence" names the rows behind every fact, so the agency's evidence is renamed
    renamed={"evidence": "evidence_text"},
    details=_details,
    latest=(("agency", "standard"), "year_end"),
)
