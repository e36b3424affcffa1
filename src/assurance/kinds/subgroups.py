"""Sub-group reports with their RAG rating and assurance statement."""

from __future__ import annotations

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
from assurance.namespaces import SDMX_DIMENSION, SGA
from assurance.terms import enumeration, format_value

SUBGROUP = SourceKind("subgroup", "sub-group report", "Sub-group reports", "Sub-group report",
                      "#009E73")
RAG_DIRECTION = {"green": 1, "red": -1}

SUBGROUP_REPORT = FactKind(
    name="subgroup_report",
    family="item",
    about="one per row of `subgroups.csv`: a sub-group's RAG-rated report",
    fields=fields(
        report_id=("text", "report id"),
        subgroup=("agency", "sub-group"),
        period=("period", "period reported on"),
        rag=("text", "RAG rating", "green amber red"),
        assurance=("text", "assurance statement", "assured partially_assured not_assured"),
        text=("text", "report text"),
        recent=("boolean", "within the last 12 months"),
        latest=("boolean", "the sub-group's latest report on the theme"),
    ),
    source="subgroup",
    label=lambda f: (
        f"{f['subgroup']} report {f['period']}: {f['rag']}, {format_value(f.get('assurance'))}"
    ),
    direction=lambda fact: RAG_DIRECTION.get(str(fact.get("rag")), 0),
    text_field="text",
    authoring=Authoring(
        words="sub-group report",
        alias="report",
        phrase="the {a.subgroup} report for {a.period} is rated {a.rag}",
        starters={"risk": ("rag", "equals", "red"), "*": ("rag", "equals", "green")},
        plain_names=("subgroup", "subgroups", "sub_group"),
    ),
)

SUBGROUPS = EvidenceKind(
    table="subgroups",
    about="a sub-group's report on a theme for a period, RAG-rated, with its assurance",
    columns=columns(
        "*report_id:id *subgroup:agency *period:period *theme:theme *rag:enum:rag "
        "assurance:enum:assurance text:free_text"
    ),
    graph=GraphSpec(
        (SGA.SubGroupReport,),
        (
            Property("report_id", DCTERMS.identifier, "string"),
            Property("subgroup", SGA.subGroup, "subgroup"),
            Property("period", SDMX_DIMENSION.refPeriod, "period"),
            Property("theme", SGA.theme, "theme"),
            Property("rag", SGA.rag, "concept:rag"),
            Property("assurance", SGA.assuranceLevel, "concept:assurance"),
            Property("text", SGA.text, "string"),
        ),
    ),
    sources=(SUBGROUP,),
    enumerations=(
        enumeration("rag", "green amber red", g="green", a="amber", r="red"),
        enumeration(
            "assurance", "assured partially_assured not_assured",
            partial="partially_assured", limited="partially_assured",
            no_assurance="not_assured",
        ),
    ),
    item=SUBGROUP_REPORT,
    item_columns=("report_id", "subgroup", "period", "rag", "assurance", "text"),
    # a superseded green report should not speak for the sub-group now
    latest=(("subgroup", "theme"), "period_end"),
    dated_by="period_end",
)
