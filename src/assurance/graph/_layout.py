"""Which class each table's rows become and which property each column becomes.

Each kind of evidence declares its class and properties in :mod:`assurance.kinds`;
this module gives each declared term kind its term maker. The meaning of the terms is
in ``ontology/assurance.ttl``; how the rows are written
and loaded is in :mod:`._build`. A *term maker* turns one column of a typed table
into a term list (see :mod:`._ntriples`), once per distinct value where values repeat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd
from rdflib import URIRef

from assurance.graph import _ntriples as nt
from assurance.graph._namespaces import SDMX_CODE, concept_iri, indicator_iri, theme_iri
from assurance.kinds import (
    AUDIT_ACTIVITY,
    EVIDENCE_KINDS,
    REVIEW_ACTIVITY,
    GraphSpec,
)

if TYPE_CHECKING:
    from assurance.graph._build import PackWriter

# Columns ingest adds beside the contract's (periods' dates, a breakdown split in two,
# a comparator's kind): read together with the column they belong to.
DERIVED_COLUMNS = frozenset({
    "period_start", "period_end", "year_start", "year_end", "dimension", "group",
    "comparator_kind", "evaluation_score",
})
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


#: Term makers by the term kind the registry names (``assurance.kinds.Property``).
TERM_MAKERS: dict[str, TermMaker] = {
    "string": _strings,
    "double": _doubles,
    "integer": _integers,
    "date": _dates,
    "theme": _themes,
    "indicator": _indicators,
    "agency": _agencies,
    "subgroup": _subgroups,
    "period": _periods,
    "audit": _audits,
    "review": _reviews,
    "missing": _missing_values,
    "comparator": _comparators,
    "action_source": _sources_of_actions,
}


def _maker(term: str) -> TermMaker:
    if term.startswith("concept:"):
        return _concepts(term.removeprefix("concept:"))
    return TERM_MAKERS[term]


def row_spec(graph: GraphSpec) -> RowSpec:
    """The registry's declaration of a table's graph, with its term makers."""
    fields = tuple(Field(p.column, p.predicate, _maker(p.term)) for p in graph.properties)
    return RowSpec(graph.classes, fields, graph.consumed)


ROW_SPECS: dict[str, RowSpec] = {kind.table: row_spec(kind.graph) for kind in EVIDENCE_KINDS}
#: Audits and reviews are activities; their columns repeat on each of their rows.
AUDIT_SPEC = row_spec(AUDIT_ACTIVITY)
REVIEW_SPEC = row_spec(REVIEW_ACTIVITY)


def handled_columns(table: str) -> frozenset[str]:
    """The columns of a table the graph writes with their own property; any other
    column is kept as an annotation."""
    spec = ROW_SPECS.get(table)
    if spec is None:
        return frozenset()
    return frozenset(f.column for f in spec.fields) | spec.consumed | DERIVED_COLUMNS
