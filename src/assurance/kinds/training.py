"""Training and its evaluation: one row per course or session (Tees enabler 2, E2.1
"training data and evaluations"; Warrington: the impact of training)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from rdflib.namespace import DCTERMS

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
from assurance.kinds.voice import SENTIMENT_DIRECTION
from assurance.namespaces import SGA
from assurance.terms import format_value

TRAINING_SOURCE = SourceKind(
    "training", "training and its evaluation", "Training", "Training and evaluation",
    "#B59F00", expected=False,
)
_FEELINGS = ("positive", "mixed", "negative")


def _details(fact: dict[str, object], record: Mapping[str, object], period_end: date) -> None:
    attended, places = record.get("attended"), record.get("places")
    # an empty count is NaN, which is a float too: a NaN fill rate would reach the facts
    if _known(attended) and _known(places) and places > 0:  # type: ignore[operator]
        fact["fill_rate"] = round(attended / places, 3)  # type: ignore[operator]
    else:
        fact["fill_rate"] = None


def _known(value: object) -> bool:
    return isinstance(value, float | int) and math.isfinite(value)


def _summarise(sessions: list[dict[str, object]]) -> dict[str, int]:
    counts = {
        "courses": len({f["course_id"] for f in sessions}),
        "sessions": len(sessions),
        "attended": int(sum(int(f.get("attended") or 0) for f in sessions)),  # type: ignore[call-overload]
        "places": int(sum(int(f.get("places") or 0) for f in sessions)),  # type: ignore[call-overload]
    }
    for feeling in _FEELINGS:
        counts[f"{feeling}_evaluations"] = sum(f.get("evaluation") == feeling for f in sessions)
    return counts


TRAINING_FACT = FactKind(
    name="training",
    family="item",
    about="one per row of `training.csv`: a course or session, its take-up and evaluation",
    fields=fields(
        course_id=("text", "course or session id"),
        date=("date", "date delivered"),
        title=("text", "course title"),
        agency=("agency", "agency that delivered it"),
        delivered_to=("text", "the agencies or roles it was delivered to"),
        attended=("integer", "people who attended"),
        places=("integer", "places offered"),
        fill_rate=("number", "attended / places (empty when either is missing)"),
        evaluation=("text", "evaluation in words (a score is read as one)",
                    "positive mixed negative"),
        evaluation_score=("number", "the evaluation score as given (1 to 5, or a percentage)"),
        impact=("text", "what changed in practice"),
        recent=("boolean", "within the last 12 months"),
    ),
    source="training",
    label=lambda f: (
        f"Course \u201c{f.get('title') or f['course_id']}\u201d "
        f"({format_value(f.get('attended'))} attended, evaluated "
        f"{format_value(f.get('evaluation'))})"
    ),
    direction=lambda fact: SENTIMENT_DIRECTION.get(str(fact.get("evaluation")), 0),
    text_field="impact",
    authoring=Authoring(
        words="training",
        alias="course",
        phrase="the course {a.title} ({a.attended} attended) was evaluated {a.evaluation}",
        starters={
            "strength": ("evaluation", "equals", "positive"),
            "*": ("evaluation", "equals", "negative"),
        },
        plain_names=("course", "courses", "learning_and_development"),
    ),
)

TRAINING_SUMMARY = FactKind(
    name="training_summary",
    family="summary",
    about="one per theme with training in the last 12 months",
    fields=fields(
        courses=("integer", "distinct courses"),
        sessions=("integer", "sessions (rows)"),
        attended=("integer", "people who attended, in all"),
        places=("integer", "places offered, in all"),
        positive_evaluations=("integer", "sessions evaluated positively"),
        mixed_evaluations=("integer", "sessions with mixed evaluations"),
        negative_evaluations=("integer", "sessions evaluated negatively"),
    ),
    source="training",
    label=lambda f: (
        f"Training of the last 12 months: {f['courses']} course(s), {f['attended']} "
        f"attended of {f['places']} places; evaluations {f['positive_evaluations']} positive, "
        f"{f['negative_evaluations']} negative"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="training",
        alias="training",
        phrase="{a.courses} course(s) in the last 12 months, {a.attended} attended, "
        "{a.negative_evaluations} evaluated negatively",
        starters={
            "strength": ("positive_evaluations", "at_least", 1),
            "*": ("negative_evaluations", "at_least", 1),
        },
        plain_names=("training",),
    ),
)

TRAINING = EvidenceKind(
    table="training",
    about="a course or session: when, on what theme, to whom, take-up, evaluation and "
    "what changed in practice",
    columns=columns(
        "*course_id:id *date:date *theme:theme *title:free_text agency:agency "
        "delivered_to:text attended:count places:count evaluation:evaluation "
        "impact:free_text"
    ),
    graph=GraphSpec(
        (SGA.TrainingSession,),
        (
            Property("course_id", DCTERMS.identifier, "string"),
            Property("date", DCTERMS.date, "date"),
            Property("theme", SGA.theme, "theme"),
            Property("title", DCTERMS.title, "string"),
            Property("agency", SGA.agency, "agency"),
            Property("delivered_to", SGA.deliveredTo, "string"),
            Property("attended", SGA.attended, "integer"),
            Property("places", SGA.places, "integer"),
            Property("evaluation", SGA.evaluation, "concept:sentiment"),
            Property("evaluation_score", SGA.evaluationScore, "double"),
            Property("impact", SGA.impact, "string"),
        ),
    ),
    sources=(TRAINING_SOURCE,),
    item=TRAINING_FACT,
    item_columns=("course_id", "date", "title", "agency", "delivered_to", "attended",
                  "places", "evaluation", "evaluation_score", "impact"),
    details=_details,
    summary=TRAINING_SUMMARY,
    summarise=_summarise,
    dated_by="date",
)
