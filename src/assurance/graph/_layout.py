"""Which class each table's rows become and which property each column becomes.

The meaning of the terms is in ``ontology/assurance.ttl``; how the rows are written
and loaded is in :mod:`._build`. A *term maker* turns one column of a typed table
into a term list (see :mod:`._ntriples`), once per distinct value where values repeat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from assurance.graph import _ntriples as nt
from assurance.graph._namespaces import (
    SDMX_ATTRIBUTE,
    SDMX_CODE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SGA,
    concept_iri,
    indicator_iri,
    theme_iri,
)

if TYPE_CHECKING:
    from assurance.graph._build import PackWriter

# Columns ingest adds beside the contract's (periods' dates, a breakdown split in two,
# a comparator's kind): read together with the column they belong to.
DERIVED_COLUMNS = frozenset({
    "period_start", "period_end", "year_start", "year_end", "dimension", "group",
    "comparator_kind",
})
REVIEW_CLASSES = {
    "rapid_review": SGA.RapidReview,
    "lcspr": SGA.LocalPracticeReview,
    "national_review": SGA.NationalPracticeReview,
    "cdop": SGA.ChildDeathReview,
    "jtai": SGA.JointTargetedAreaInspection,
    "inspection": SGA.Inspection,
    "serious_incident": SGA.SeriousIncidentReview,
}

#: A term maker turns a column of a frame into a term list, one term per row.
TermMaker = Callable[["PackWriter", pd.DataFrame, str], nt.TermList]


@dataclass(frozen=True)
class Field:
    column: str
    predicate: URIRef
    make: TermMaker


@dataclass(frozen=True)
class RowSpec:
    """How the rows of one table become nodes: their classes and their fields."""

    classes: tuple[URIRef, ...]
    fields: tuple[Field, ...]
    consumed: frozenset[str] = field(default_factory=frozenset)  # read by other code


def _strings(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.strings(frame[column])


def _doubles(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.doubles(frame[column])


def _integers(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.integers(frame[column])


def _dates(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.dates(frame[column])


def _themes(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], theme_iri)


def _indicators(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], indicator_iri)


def _agencies(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.nodes.agency)


def _subgroups(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.nodes.subgroup)


def _periods(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    writer.nodes.add_periods(frame, column)
    return nt.iris_of(frame[column], writer.iris.period)


def _audits(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.iris.audit)


def _reviews(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.iris.review)


def _concepts(prefix: str) -> TermMaker:
    def make(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
        return nt.iris_of(frame[column], lambda value: concept_iri(prefix, value))

    return make


def _missing_values(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    """Suppressed or unreturned values (``c``, ``x``, empty) are marked missing in
    SDMX's terms rather than left out, so a missing value is told from a lost one."""
    missing = nt.iri(str(SDMX_CODE["obsStatus-M"]))
    return [missing if term is None else None for term in nt.doubles(frame[column])]


def _comparators(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    """England, region and statistical neighbours are shared concepts; any other
    comparator is a named area of the pack."""
    kinds = frame["comparator_kind"] if "comparator_kind" in frame else frame[column]
    terms = []
    for name, kind in zip(frame[column].tolist(), kinds.tolist(), strict=True):
        if nt.is_missing(name):
            terms.append(None)
        elif kind in {"england", "region", "statistical_neighbours"}:
            terms.append(nt.iri(concept_iri("comparator", kind)))
        else:
            terms.append(nt.iri(writer.nodes.area(str(name))))
    return terms


def _sources_of_actions(writer: PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    """The audit or review an action arises from, when the pack holds it."""
    audits = set(writer.table_column("audits", "audit_id"))
    reviews = set(writer.table_column("reviews", "review_id"))

    def mint(source_id: str) -> str | None:
        if source_id in audits:
            return nt.iri(writer.iris.audit(source_id))
        if source_id in reviews:
            return nt.iri(writer.iris.review(source_id))
        return None

    return nt.via_distinct(frame[column], mint)


def _f(column: str, predicate: URIRef, make: TermMaker) -> Field:
    return Field(column, predicate, make)


REFERENCE = SDMX_DIMENSION.refPeriod
ROW_SPECS: dict[str, RowSpec] = {
    "catalogue": RowSpec(
        (SGA.Indicator, SKOS.Concept),
        (
            _f("indicator", SKOS.notation, _strings),
            _f("label", SKOS.prefLabel, _strings),
            _f("theme", SGA.theme, _themes),
            _f("aim", SGA.aim, _strings),
            _f("objective", SGA.objective, _strings),
            _f("unit", SGA.unit, _concepts("unit")),
            _f("polarity", SGA.polarity, _concepts("polarity")),
            _f("target", SGA.target, _doubles),
            _f("tolerance", SGA.tolerance, _doubles),
            _f("evidence_type", SGA.evidenceType, _concepts("")),
            _f("source_agency", SGA.sourceAgency, _agencies),
            _f("ref", SGA.reference, _strings),
            _f("note", SKOS.note, _strings),
        ),
        consumed=frozenset({"framework"}),
    ),
    "indicators": RowSpec(
        (SGA.Observation,),
        (
            _f("period", REFERENCE, _periods),
            _f("value", SDMX_MEASURE.obsValue, _doubles),
            _f("value", SDMX_ATTRIBUTE.obsStatus, _missing_values),
            _f("numerator", SGA.numerator, _doubles),
            _f("denominator", SGA.denominator, _doubles),
            _f("note", SKOS.note, _strings),
        ),
        consumed=frozenset({"indicator", "area", "breakdown", "agency"}),  # on the series
    ),
    "benchmarks": RowSpec(
        (SGA.BenchmarkValue,),
        (
            _f("indicator", SGA.indicator, _indicators),
            _f("period", REFERENCE, _periods),
            _f("comparator", SGA.comparator, _comparators),
            _f("value", SDMX_MEASURE.obsValue, _doubles),
            _f("value", SDMX_ATTRIBUTE.obsStatus, _missing_values),
            _f("statistic", SGA.statistic, _strings),
        ),
    ),
    "audits": RowSpec(
        (SGA.AuditFinding,),
        (
            _f("audit_id", PROV.wasGeneratedBy, _audits),
            _f("date", DCTERMS.date, _dates),
            _f("theme", SGA.theme, _themes),
            _f("finding", SGA.auditFindingKind, _concepts("audit-finding")),
            _f("text", SGA.text, _strings),
            _f("agency", SGA.agency, _agencies),
        ),
        consumed=frozenset({"title", "type", "grade", "cases"}),  # on the audit
    ),
    "reviews": RowSpec(
        (SGA.Learning,),
        (
            _f("review_id", PROV.wasGeneratedBy, _reviews),
            _f("date", DCTERMS.date, _dates),
            _f("theme", SGA.theme, _themes),
            _f("learning", SGA.text, _strings),
            _f("agency", SGA.agency, _agencies),
            _f("recommendation", SGA.recommendation, _strings),
        ),
        consumed=frozenset({"type"}),  # the review's class
    ),
    "voice": RowSpec(
        (SGA.VoiceInput,),
        (
            _f("input_id", DCTERMS.identifier, _strings),
            _f("date", DCTERMS.date, _dates),
            _f("voice_of", SGA.voiceOf, _concepts("voice")),
            _f("theme", SGA.theme, _themes),
            _f("sentiment", SGA.sentiment, _concepts("sentiment")),
            _f("text", SGA.text, _strings),
            _f("source", SGA.voiceSource, _concepts("voice-source")),
            _f("respondents", SGA.respondents, _integers),
        ),
    ),
    "subgroups": RowSpec(
        (SGA.SubGroupReport,),
        (
            _f("report_id", DCTERMS.identifier, _strings),
            _f("subgroup", SGA.subGroup, _subgroups),
            _f("period", REFERENCE, _periods),
            _f("theme", SGA.theme, _themes),
            _f("rag", SGA.rag, _concepts("rag")),
            _f("assurance", SGA.assuranceLevel, _concepts("assurance")),
            _f("text", SGA.text, _strings),
        ),
    ),
    "section11": RowSpec(
        (SGA.Section11Rating,),
        (
            _f("agency", SGA.agency, _agencies),
            _f("year", REFERENCE, _periods),
            _f("standard", SGA.standard, _strings),
            _f("rating", SGA.section11Outcome, _concepts("s11")),
            _f("evidence", SGA.text, _strings),
        ),
    ),
    "actions": RowSpec(
        (SGA.Action,),
        (
            _f("action_id", DCTERMS.identifier, _strings),
            _f("source_id", SGA.sourceId, _strings),
            _f("source_id", SGA.respondsTo, _sources_of_actions),
            _f("theme", SGA.theme, _themes),
            _f("status", SGA.actionStatus, _concepts("action")),
            _f("owner_agency", SGA.ownerAgency, _agencies),
            _f("due", SGA.dueDate, _dates),
            _f("impact", SGA.impact, _strings),
        ),
    ),
}

#: Audits and reviews are activities; their columns repeat on each of their rows.
AUDIT_SPEC = RowSpec(
    (SGA.Audit,),
    (
        _f("audit_id", DCTERMS.identifier, _strings),
        _f("title", DCTERMS.title, _strings),
        _f("type", SGA.auditType, _concepts("audit-type")),
        _f("grade", SGA.grade, _concepts("grade")),
        _f("cases", SGA.cases, _integers),
    ),
)
REVIEW_SPEC = RowSpec((), (_f("review_id", DCTERMS.identifier, _strings),))


def handled_columns(table: str) -> frozenset[str]:
    """The columns of a table the graph writes with their own property; any other
    column is kept as an annotation."""
    spec = ROW_SPECS.get(table)
    if spec is None:
        return frozenset()
    return frozenset(f.column for f in spec.fields) | spec.consumed | DERIVED_COLUMNS
