"""Complaints, compliments, LADO allegations and professional challenges, with no
personal details (Warrington: complaints and LADO monitoring; Tees 4.1.1: LADO
referrals by source)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rdflib.namespace import DCTERMS

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
from assurance.namespaces import SGA
from assurance.terms import enumeration, format_value

COMPLAINTS_SOURCE = SourceKind(
    "complaints", "complaints, compliments and LADO", "Complaints & LADO",
    "Complaints, compliments and LADO", "#3D3D3D", expected=False,
)
RECORD_KINDS = "complaint compliment lado_allegation professional_challenge"
OUTCOMES = (
    "upheld partly_upheld not_upheld substantiated unsubstantiated false malicious "
    "ongoing resolved escalated"
)
#: Outcomes that say practice fell short: a complaint upheld, an allegation substantiated.
ADVERSE = frozenset({"upheld", "partly_upheld", "substantiated"})


def _direction(fact: Fact) -> int:
    if fact.get("kind") == "compliment":
        return 1
    return -1 if fact.get("adverse") else 0


def _details(fact: dict[str, object], record: Mapping[str, object], period_end: date) -> None:
    fact["adverse"] = record.get("kind") != "compliment" and record.get("outcome") in ADVERSE


def _summarise(records: list[dict[str, object]]) -> dict[str, int]:
    def count(kind: str, outcomes: frozenset[str] | None = None) -> int:
        return sum(
            f["kind"] == kind and (outcomes is None or f.get("outcome") in outcomes)
            for f in records
        )

    return {
        "complaints": count("complaint"),
        "upheld": count("complaint", frozenset({"upheld", "partly_upheld"})),
        "compliments": count("compliment"),
        "lado_allegations": count("lado_allegation"),
        "lado_substantiated": count("lado_allegation", frozenset({"substantiated"})),
        "professional_challenges": count("professional_challenge"),
        "escalated": count("professional_challenge", frozenset({"escalated"})),
    }


COMPLAINT = FactKind(
    name="complaint",
    family="item",
    about="one per row of `complaints.csv`: a complaint, compliment, LADO allegation or "
    "professional challenge (aggregate or per case, never personal details)",
    fields=fields(
        record_id=("text", "record id"),
        date=("date", "date received"),
        kind=("text", "what it is", RECORD_KINDS),
        agency=("agency", "agency it concerns"),
        outcome=("text", "outcome", OUTCOMES),
        adverse=("boolean", "a complaint upheld (or partly) or an allegation substantiated"),
        days_to_resolve=("integer", "days from receipt to resolution"),
        text=("text", "what it was about"),
        recent=("boolean", "within the last 12 months"),
    ),
    source="complaints",
    label=lambda f: (
        f"{format_value(f['kind']).capitalize()} {f['record_id']}: "
        f"{format_value(f.get('outcome'))}"
    ),
    direction=_direction,
    text_field="text",
    authoring=Authoring(
        words="complaint or LADO allegation",
        alias="record",
        phrase="the {a.kind} {a.record_id} was {a.outcome}",
        starters={
            "strength": ("kind", "equals", "compliment"),
            "*": ("adverse", "equals", True),
        },
        plain_names=("complaints", "lado", "allegations", "compliments"),
    ),
)

COMPLAINTS_SUMMARY = FactKind(
    name="complaints_summary",
    family="summary",
    about="one per theme with complaints, compliments, LADO allegations or professional "
    "challenges in the last 12 months, with the 12 months before for comparison",
    fields=fields(
        complaints=("integer", "complaints"),
        upheld=("integer", "complaints upheld or partly upheld"),
        compliments=("integer", "compliments"),
        lado_allegations=("integer", "LADO allegations"),
        lado_substantiated=("integer", "LADO allegations substantiated"),
        professional_challenges=("integer", "professional challenges"),
        escalated=("integer", "professional challenges escalated"),
        complaints_before=("integer", "complaints in the 12 months before"),
        upheld_before=("integer", "complaints upheld in the 12 months before"),
        lado_allegations_before=("integer", "LADO allegations in the 12 months before"),
        lado_substantiated_before=(
            "integer", "LADO allegations substantiated in the 12 months before"
        ),
    ),
    source="complaints",
    label=lambda f: (
        f"Complaints and LADO of the last 12 months: {f['complaints']} complaint(s), "
        f"{f['upheld']} upheld; {f['lado_allegations']} LADO allegation(s), "
        f"{f['lado_substantiated']} substantiated (12 months before: "
        f"{f['lado_substantiated_before']})"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="complaints and LADO",
        alias="complaints",
        phrase="{a.complaints} complaint(s), {a.upheld} upheld; {a.lado_allegations} LADO "
        "allegation(s), {a.lado_substantiated} substantiated",
        starters={
            "strength": ("compliments", "at_least", 1),
            "*": ("upheld", "at_least", 1),
        },
        plain_names=("complaints_and_lado",),
    ),
)

COMPLAINTS = EvidenceKind(
    table="complaints",
    about="a complaint, compliment, LADO allegation or professional challenge: its "
    "theme, agency, outcome and time to resolve; no personal details",
    columns=columns(
        "*record_id:id *date:date *kind:enum:record_kind *theme:theme agency:agency "
        "outcome:enum:outcome days_to_resolve:count text:free_text"
    ),
    graph=GraphSpec(
        (SGA.ComplaintRecord,),
        (
            Property("record_id", DCTERMS.identifier, "string"),
            Property("date", DCTERMS.date, "date"),
            Property("kind", SGA.recordKind, "concept:record-kind"),
            Property("theme", SGA.theme, "theme"),
            Property("agency", SGA.agency, "agency"),
            Property("outcome", SGA.recordOutcome, "concept:outcome"),
            Property("days_to_resolve", SGA.daysToResolve, "integer"),
            Property("text", SGA.text, "string"),
        ),
    ),
    sources=(COMPLAINTS_SOURCE,),
    enumerations=(
        enumeration(
            "record_kind", RECORD_KINDS,
            complaints="complaint", compliments="compliment", lado="lado_allegation",
            allegation="lado_allegation", lado_referral="lado_allegation",
            challenge="professional_challenge", escalation="professional_challenge",
        ),
        enumeration(
            "outcome", OUTCOMES,
            partially_upheld="partly_upheld", partly="partly_upheld",
            not_substantiated="unsubstantiated", unfounded="unsubstantiated",
            in_progress="ongoing", open="ongoing", closed="resolved",
        ),
    ),
    item=COMPLAINT,
    item_columns=("record_id", "date", "kind", "agency", "outcome", "days_to_resolve", "text"),
    details=_details,
    summary=COMPLAINTS_SUMMARY,
    summarise=_summarise,
    compared=("complaints", "upheld", "lado_allegations", "lado_substantiated"),
    dated_by="date",
)
