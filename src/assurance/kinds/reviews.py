"""Learning reviews: rapid reviews, local and national practice reviews, CDOP, JTAI,
inspections and serious incidents: one row per piece of learning."""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV

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
from assurance.namespaces import SGA
from assurance.terms import enumeration, format_value, number_of

REVIEW = SourceKind("review", "learning review", "Reviews", "Learning review", "#D55E00")
REVIEW_TYPES = "rapid_review lcspr national_review cdop jtai inspection serious_incident"


def _summarise(reviews: list[dict[str, object]]) -> dict[str, int]:
    return {
        "reviews": len({f["review_id"] for f in reviews}),
        "types": len({f["type"] for f in reviews}),
        "learning_items": len(reviews),
    }


REVIEW_LEARNING = FactKind(
    name="review_learning",
    family="item",
    about="one per row of `reviews.csv`: learning from a review",
    fields=fields(
        review_id=("text", "review id"),
        type=("text", "review type", REVIEW_TYPES),
        date=("date", "review date"),
        learning=("text", "the learning"),
        agency=("agency", "agency"),
        recommendation=("text", "recommendation"),
        recent=("boolean", "within the last 12 months"),
    ),
    source="review",
    label=lambda f: f"{format_value(f['type'])} {f['review_id']}",
    direction=lambda fact: -1,  # learning says what must improve
    text_field="learning",
    authoring=Authoring(
        words="review learning",
        alias="review",
        phrase="the {a.type} {a.review_id} found: {a.learning}",
        starters={"*": ("recent", "equals", True)},
        plain_names=("learning",),
    ),
)

REVIEW_SUMMARY = FactKind(
    name="review_summary",
    family="summary",
    about="one per theme with review learning in the last 12 months",
    fields=fields(
        reviews=("integer", "distinct reviews"),
        types=("integer", "distinct review types"),
        learning_items=("integer", "learning rows"),
    ),
    source="review",
    label=lambda f: (
        f"Learning reviews of the last 12 months: {number_of(f['reviews'], 'review')}, "
        f"{number_of(f['learning_items'], 'learning point')}"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="learning reviews",
        alias="reviews",
        phrase="{a.reviews} learning review(s) in the last 12 months, "
        "{a.learning_items} learning point(s)",
        starters={"*": ("reviews", "at_least", 1)},
        plain_names=("review", "reviews"),
    ),
)

RECURRING_LEARNING = FactKind(
    name="recurring_learning",
    family="summary",
    about="one per theme with learning in two or more reviews in 24 months",
    fields=fields(
        reviews=("integer", "reviews with learning on the theme in 24 months"),
        open_actions=("integer", "actions still open"),
        overdue_actions=("integer", "actions overdue"),
    ),
    source="review",
    label=lambda f: (
        f"Learning on the theme in {number_of(f['reviews'], 'review')} in 24 months; "
        f"{number_of(f['overdue_actions'], 'action')} overdue"
    ),
    graph_class="SummarySignal",
    needs="learning in 2 or more reviews in 24 months",
    authoring=Authoring(
        words="recurring learning",
        alias="recurring",
        phrase="the same learning in {a.reviews} review(s), with "
        "{a.overdue_actions} overdue action(s)",
        starters={"*": ("overdue_actions", "at_least", 1)},
    ),
)

REVIEWS = EvidenceKind(
    table="reviews",
    about="one piece of learning from a review",
    columns=columns(
        "*review_id:id *type:enum:review_type *date:date *theme:theme *learning:free_text "
        "agency:agency recommendation:free_text"
    ),
    graph=GraphSpec(
        (SGA.Learning,),
        (
            Property("review_id", PROV.wasGeneratedBy, "review"),
            Property("date", DCTERMS.date, "date"),
            Property("theme", SGA.theme, "theme"),
            Property("learning", SGA.text, "string"),
            Property("agency", SGA.agency, "agency"),
            Property("recommendation", SGA.recommendation, "string"),
        ),
        consumed=frozenset({"type"}),  # the review's class
    ),
    sources=(REVIEW,),
    enumerations=(
        enumeration(
            "review_type", REVIEW_TYPES,
            rr="rapid_review", local_child_safeguarding_practice_review="lcspr", cspr="lcspr",
            national_child_safeguarding_practice_review="national_review",
            ncspr="national_review", child_death_overview_panel="cdop",
            joint_targeted_area_inspection="jtai", sin="serious_incident",
            serious_incident_notification="serious_incident",
        ),
    ),
    item=REVIEW_LEARNING,
    item_columns=("review_id", "type", "date", "learning", "agency", "recommendation"),
    summary=REVIEW_SUMMARY,
    summarise=_summarise,
    facts=(RECURRING_LEARNING,),
    dated_by="date",
)

#: How a review (the activity its learning rows share) is written into the graph; its
#: class is the ontology's class for its type.
REVIEW_ACTIVITY = GraphSpec((), (Property("review_id", DCTERMS.identifier, "string"),))
REVIEW_CLASSES = {
    "rapid_review": SGA.RapidReview,
    "lcspr": SGA.LocalPracticeReview,
    "national_review": SGA.NationalPracticeReview,
    "cdop": SGA.ChildDeathReview,
    "jtai": SGA.JointTargetedAreaInspection,
    "inspection": SGA.Inspection,
    "serious_incident": SGA.SeriousIncidentReview,
}
