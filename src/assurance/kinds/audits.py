"""Multi-agency case-file audits and deep dives: one row per graded finding."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rdflib.namespace import DCTERMS, PROV

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
from assurance.terms import enumeration, format_value, number_of

AUDIT = SourceKind("audit", "case-file audit", "Audits", "Case-file audit", "#E69F00")
CRITICAL_GRADES = frozenset({"requires_improvement", "inadequate"})
GOOD_GRADES = frozenset({"good", "outstanding"})


def _direction(fact: Fact) -> int:
    if fact.get("critical"):
        return -1
    return 1 if fact.get("finding") == "strength" else 0


def _details(fact: dict[str, object], record: Mapping[str, object], period_end: date) -> None:
    fact["critical"] = record["grade"] in CRITICAL_GRADES or record["finding"] == "learning"


def _summarise(audits: list[dict[str, object]]) -> dict[str, int]:
    return {
        "audits": len({f["audit_id"] for f in audits}),
        "strengths": sum(f["finding"] == "strength" for f in audits),
        "learning": sum(f["finding"] == "learning" for f in audits),
        "critical": sum(f["grade"] in CRITICAL_GRADES for f in audits),
        "good_or_better": sum(f["grade"] in GOOD_GRADES for f in audits),
        "agencies": len({str(f["agency"]).lower() for f in audits if f["agency"]}),
    }


AUDIT_FINDING = FactKind(
    name="audit_finding",
    family="item",
    about="one per row of `audits.csv`: one finding of a case-file audit",
    fields=fields(
        audit_id=("text", "audit id"),
        date=("date", "audit date"),
        finding=("text", "strength or learning", "strength learning"),
        text=("text", "the finding"),
        title=("text", "audit title"),
        type=("text", "audit type", "multi_agency single_agency thematic deep_dive closing_loop"),
        agency=("agency", "agency"),
        cases=("integer", "cases audited"),
        grade=("text", "grade", "outstanding good requires_improvement inadequate"),
        critical=("boolean", "grade requires improvement or inadequate, or a learning finding"),
        recent=("boolean", "within the last 12 months"),
    ),
    source="audit",
    label=lambda f: (
        f"{f.get('title') or f['audit_id']} ({format_value(f['finding'])}, "
        f"{format_value(f.get('grade'))})"
    ),
    direction=_direction,
    text_field="text",
    authoring=Authoring(
        words="audit finding",
        alias="audit",
        phrase="the audit {a.title} found: {a.text}",
        starters={
            "strength": ("finding", "equals", "strength"),
            "*": ("critical", "equals", True),
        },
        plain_names=("audit_findings",),
    ),
)

AUDIT_SUMMARY = FactKind(
    name="audit_summary",
    family="summary",
    about="one per theme with audits in the last 12 months (narrower themes counted for "
    "their broader themes too)",
    fields=fields(
        audits=("integer", "distinct audits"),
        strengths=("integer", "strength findings"),
        learning=("integer", "learning findings"),
        critical=("integer", "findings graded requires improvement or inadequate"),
        good_or_better=("integer", "findings graded good or outstanding"),
        agencies=("integer", "distinct agencies"),
    ),
    source="audit",
    label=lambda f: (
        f"Audits of the last 12 months: {number_of(f['audits'], 'audit')}, "
        f"{number_of(f['critical'], 'finding')} requiring improvement or inadequate, "
        f"{format_value(f['good_or_better'])} good or better"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="audits",
        alias="audits",
        phrase="{a.audits} audit(s) in the last 12 months, with {a.critical} critical "
        "finding(s) and {a.good_or_better} graded good or better",
        starters={
            "strength": ("good_or_better", "at_least", 1),
            "*": ("critical", "at_least", 1),
        },
        plain_names=("audit", "audits"),
    ),
)

AUDIT_PROGRAMME = FactKind(
    name="audit_programme",
    family="record",
    about="one per evidence pack whose framework or pack.yaml (`audit_minimum`) sets a "
    "minimum of multi-agency audits: the audit programme of the last 12 months against it",
    fields=fields(
        audits_last_12_months=("integer", "distinct audits in the last 12 months"),
        multi_agency_audits=("integer", "distinct multi-agency audits in 12 months"),
        critical_findings=("integer", "critical findings in 12 months"),
        learning_findings=("integer", "learning findings in 12 months"),
        minimum=("integer", "multi-agency audits a year the partnership or its framework sets"),
        minimum_source=("text", "who sets the minimum (pack.yaml, or the framework)"),
        below_minimum=("boolean", "fewer multi-agency audits than the minimum"),
    ),
    source="audit",
    label=lambda f: (
        f"Audit programme: {number_of(f['multi_agency_audits'], 'multi-agency audit')} in 12 "
        f"months, {number_of(f['critical_findings'], 'critical finding')}"
    ),
    graph_class="SummarySignal",
    authoring=Authoring(
        words="audit programme",
        alias="programme",
        phrase="{a.multi_agency_audits} multi-agency audit(s) in the last 12 months against "
        "{a.minimum_source}",
        starters={"*": ("below_minimum", "equals", True)},
    ),
)

AUDITS = EvidenceKind(
    table="audits",
    about="one finding of a multi-agency case-file audit or deep dive; an audit's title, "
    "type, grade and cases repeat on each of its rows",
    columns=columns(
        "*audit_id:id *date:date *theme:theme *finding:enum:finding *text:free_text "
        "title:free_text type:enum:audit_type agency:agency cases:count grade:enum:grade"
    ),
    graph=GraphSpec(
        (SGA.AuditFinding,),
        (
            Property("audit_id", PROV.wasGeneratedBy, "audit"),
            Property("date", DCTERMS.date, "date"),
            Property("theme", SGA.theme, "theme"),
            Property("finding", SGA.auditFindingKind, "concept:audit-finding"),
            Property("text", SGA.text, "string"),
            Property("agency", SGA.agency, "agency"),
        ),
        consumed=frozenset({"title", "type", "grade", "cases"}),  # on the audit
    ),
    sources=(AUDIT,),
    enumerations=(
        enumeration(
            "finding", "strength learning",
            strengths="strength", good_practice="strength", area_for_improvement="learning",
            improvement="learning", learning_point="learning",
        ),
        enumeration(
            "audit_type", "multi_agency single_agency thematic deep_dive closing_loop",
            multiagency="multi_agency", maca="multi_agency", single="single_agency",
            closing_the_loop="closing_loop",
        ),
        enumeration(
            "grade", "outstanding good requires_improvement inadequate",
            ri="requires_improvement", requires_improvement_to_be_good="requires_improvement",
        ),
    ),
    item=AUDIT_FINDING,
    item_columns=("audit_id", "date", "finding", "text", "title", "type", "agency", "cases",
                  "grade"),
    details=_details,
    summary=AUDIT_SUMMARY,
    summarise=_summarise,
    facts=(AUDIT_PROGRAMME,),
    dated_by="date",
)

#: The minimum of multi-agency audits a year each framework sets; a pack sets its own
#: with ``audit_minimum`` in pack.yaml. With neither, the programme is not judged.
FRAMEWORK_AUDIT_MINIMUMS = {
    "tees": (12, "the Tees framework's minimum of 12 a year"),
    "rochdale": (4, "the Rochdale framework's minimum of 4 a year"),
}

#: How an audit (the activity its finding rows share) is written into the graph.
AUDIT_ACTIVITY = GraphSpec(
    (SGA.Audit,),
    (
        Property("audit_id", DCTERMS.identifier, "string"),
        Property("title", DCTERMS.title, "string"),
        Property("type", SGA.auditType, "concept:audit-type"),
        Property("grade", SGA.grade, "concept:grade"),
        Property("cases", SGA.cases, "integer"),
    ),
)
