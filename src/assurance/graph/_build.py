"""An evidence pack as RDF: the pack, its partnership and organisations, and every row
of every typed table, written as N-Triples from whole columns and bulk-loaded.

The layout of the data (which class each table's rows get, which property each column
becomes) is in the table specifications below; what the terms mean is in
``ontology/assurance.ttl``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, QB, RDF, RDFS, SKOS

from assurance._resources import ontology_dir
from assurance.graph import _ntriples as nt
from assurance.graph._namespaces import (
    PREFIXES,
    SDMX_ATTRIBUTE,
    SDMX_CODE,
    SDMX_DIMENSION,
    SDMX_MEASURE,
    SGA,
    PackIris,
    catalogue_iri,
    concept_iri,
    encode_local,
    indicator_iri,
    theme_iri,
)
from assurance.model import EvidencePack

# Columns ingest adds beside the contract's (periods' dates, a breakdown split in two,
# a comparator's kind): read together with the column they belong to.
_DERIVED_COLUMNS = frozenset({
    "period_start", "period_end", "year_start", "year_end", "dimension", "group",
    "comparator_kind",
})
_REVIEW_CLASSES = {
    "rapid_review": SGA.RapidReview,
    "lcspr": SGA.LocalPracticeReview,
    "national_review": SGA.NationalPracticeReview,
    "cdop": SGA.ChildDeathReview,
    "jtai": SGA.JointTargetedAreaInspection,
    "inspection": SGA.Inspection,
    "serious_incident": SGA.SeriousIncidentReview,
}


def p(term: URIRef) -> str:
    """A predicate (or any IRI) as an N-Triples term."""
    return nt.iri(str(term))


A = p(RDF.type)


@cache
def _ontology_text(name: str) -> bytes:
    return Path(ontology_dir() / name).read_bytes()


def new_graph(pack_id: str) -> Graph:
    """An empty Oxigraph-backed graph with the ontology, the themes and our prefixes."""
    graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    graph.bind("pack", PackIris.for_pack(pack_id).base, override=True)
    for name in ("assurance.ttl", "themes.ttl"):
        graph.parse(data=_ontology_text(name), format="ox-turtle")
    return graph


def build_pack_graph(pack: EvidencePack) -> Graph:
    graph = new_graph(pack.manifest.id)
    writer = _PackWriter(pack)
    writer.write_manifest()
    writer.text.load_into(graph)
    for name, frame in _tables_in_order(pack):
        writer.write_table(name, frame)
        writer.text.load_into(graph)  # one table at a time keeps the text's memory small
    writer.write_nodes()
    writer.text.load_into(graph)
    return graph


def _tables_in_order(pack: EvidencePack) -> list[tuple[str, pd.DataFrame]]:
    order = ["catalogue", "indicators", "benchmarks", "audits", "reviews", "voice",
             "subgroups", "section11", "actions"]
    known = [(name, pack.tables[name]) for name in order if name in pack.tables]
    others = sorted((n, f) for n, f in pack.tables.items() if n not in order)
    return known + others


# --- how each table is written -----------------------------------------------------

#: A term maker turns a column of a frame into a term list, one term per row.
TermMaker = Callable[["_PackWriter", pd.DataFrame, str], nt.TermList]


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


def _strings(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.strings(frame[column])


def _doubles(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.doubles(frame[column])


def _integers(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.integers(frame[column])


def _dates(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.dates(frame[column])


def _themes(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], theme_iri)


def _indicators(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], indicator_iri)


def _agencies(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.nodes.agency)


def _subgroups(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.nodes.subgroup)


def _periods(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    writer.nodes.add_periods(frame, column)
    return nt.iris_of(frame[column], writer.iris.period)


def _audits(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.iris.audit)


def _reviews(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    return nt.iris_of(frame[column], writer.iris.review)


def _concepts(prefix: str) -> TermMaker:
    def make(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
        return nt.iris_of(frame[column], lambda value: concept_iri(prefix, value))

    return make


def _missing_values(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
    """Suppressed or unreturned values (``c``, ``x``, empty) are marked missing in
    SDMX's terms rather than left out, so a missing value is told from a lost one."""
    missing = nt.iri(str(SDMX_CODE["obsStatus-M"]))
    return [missing if term is None else None for term in nt.doubles(frame[column])]


def _comparators(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
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


def _sources_of_actions(writer: _PackWriter, frame: pd.DataFrame, column: str) -> nt.TermList:
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
    return frozenset(f.column for f in spec.fields) | spec.consumed | _DERIVED_COLUMNS


# --- the nodes rows point at ---------------------------------------------------------


class _Nodes:
    """Agencies, areas, sub-groups and periods met while writing rows, described once
    at the end. The first spelling of a name met is its label."""

    def __init__(self, iris: PackIris) -> None:
        self.iris = iris
        self.agencies: dict[str, str] = {}  # IRI → label
        self.areas: dict[str, str] = {}
        self.subgroups: dict[str, str] = {}
        self.periods: dict[str, tuple[str, object, object]] = {}  # IRI → label, start, end
        self.breakdowns: dict[str, tuple[str, str, str]] = {}  # IRI → label, dimension, group

    def agency(self, name: str) -> str:
        node = self.iris.agency(name)
        self.agencies.setdefault(node, " ".join(name.split()))
        return node

    def area(self, name: str) -> str:
        node = self.iris.area(name)
        if node != self.iris.whole_area():  # described with the partnership
            self.areas.setdefault(node, " ".join(name.split()))
        return node

    def subgroup(self, name: str) -> str:
        node = self.iris.subgroup(name)
        self.subgroups.setdefault(node, " ".join(name.split()))
        return node

    def period(self, label: str, start: object = None, end: object = None) -> str:
        node = self.iris.period(label)
        known = self.periods.get(node)
        if known is None or (known[1] is None and start is not None):
            self.periods[node] = (label, start, end)
        return node

    def add_periods(self, frame: pd.DataFrame, column: str) -> None:
        start, end = _date_columns(frame, column)
        rows = frame[[column, *(c for c in (start, end) if c)]].drop_duplicates(column)
        for record in rows.itertuples(index=False):
            label = record[0]
            if not nt.is_missing(label):
                self.period(str(label), *(record[1:] if start and end else (None, None)))

    def breakdown(self, label: str, dimension: str, group: str) -> str:
        node = self.iris.breakdown(label)
        self.breakdowns.setdefault(node, (label, dimension, group))
        return node


def _date_columns(frame: pd.DataFrame, column: str) -> tuple[str | None, str | None]:
    start, end = f"{column}_start", f"{column}_end"
    if start in frame and end in frame:
        return start, end
    return None, None


# --- the writer ----------------------------------------------------------------------


class _PackWriter:
    def __init__(self, pack: EvidencePack) -> None:
        self.pack = pack
        self.iris = PackIris.for_pack(pack.manifest.id)
        self.nodes = _Nodes(self.iris)
        self.text = nt.TripleText()

    def table_column(self, table: str, column: str) -> list[str]:
        frame = self.pack.tables.get(table)
        if frame is None or column not in frame:
            return []
        return [str(v) for v in frame[column].tolist() if not nt.is_missing(v)]

    # The manifest: the pack, its partnership, areas, priorities and source files.

    def write_manifest(self) -> None:
        manifest, iris, text = self.pack.manifest, self.iris, self.text
        pack, partnership = nt.iri(iris.pack()), nt.iri(iris.partnership())
        text.add(pack, A, p(SGA.EvidencePack))
        text.add(pack, A, p(DCAT.Dataset))
        text.add(pack, p(DCTERMS.identifier), nt.string(manifest.id))
        text.add(pack, p(DCTERMS.title), nt.string(
            f"{manifest.partnership}: evidence for {manifest.period.label}"))
        assured = manifest.period
        period = self.nodes.period(assured.label, assured.start, assured.end)
        text.add(pack, p(DCTERMS.temporal), nt.iri(period))
        text.add(pack, p(SGA.partnership), partnership)
        text.add(pack, p(DCTERMS.spatial), nt.iri(iris.whole_area()))
        text.many(pack, p(SGA.priority), (nt.iri(theme_iri(t)) for t in manifest.priorities))
        for framework in manifest.frameworks:
            text.add(pack, p(SGA.catalogue), nt.iri(catalogue_iri(framework)))
        text.add(partnership, A, p(SGA.Partnership))
        text.add(partnership, A, p(ORG.OrganizationalCollaboration))
        text.add(partnership, p(SKOS.prefLabel), nt.string(manifest.partnership))
        text.add(partnership, p(DCTERMS.spatial), nt.iri(iris.whole_area()))
        whole = nt.iri(iris.whole_area())
        text.add(whole, A, p(SGA.Area))
        text.add(whole, p(RDFS.label), nt.string(f"{manifest.partnership} area"))
        for area in manifest.areas:
            text.add(whole, p(DCTERMS.hasPart), nt.iri(self.nodes.area(area)))
        self._write_sources(pack)

    def _write_sources(self, pack: str) -> None:
        for _, (label, sha256) in sorted(self.pack.sources.items()):
            source = nt.iri(self.iris.source_file(label))
            self.text.add(pack, p(DCAT.distribution), source)
            self.text.add(source, A, p(SGA.SourceFile))
            self.text.add(source, p(DCTERMS.title), nt.string(label))
            self.text.add(source, p(SGA.sha256), nt.string(sha256) if sha256 else None)

    # Tables.

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        if name == "catalogue":
            self._write_catalogue(frame)
            return
        subjects = self._item_subjects(frame)
        if name == "indicators":
            self._write_series(frame, subjects)
        elif name == "audits":
            self._write_activities(frame, "audit_id", AUDIT_SPEC, self.iris.audit)
        elif name == "reviews":
            self._write_reviews(frame)
        elif name == "benchmarks":
            self.text.column(subjects, p(QB.dataSet),
                             nt.constant(nt.iri(self._dataset("benchmarks")), len(frame)))
        spec = ROW_SPECS.get(name, RowSpec((SGA.EvidenceItem,), ()))  # a table we do not know
        self._write_rows(name, frame, subjects, spec)
        self._write_provenance(frame, subjects)

    def _item_subjects(self, frame: pd.DataFrame) -> list[str]:
        return nt.iris_under(self.iris.base, frame["_item"], encode_local)

    def _write_rows(
        self, table: str, frame: pd.DataFrame, subjects: list[str], spec: RowSpec
    ) -> None:
        for cls in spec.classes:
            self.text.column(subjects, A, nt.constant(p(cls), len(frame)))
        for f in spec.fields:
            if f.column in frame:
                self.text.column(subjects, p(f.predicate), f.make(self, frame, f.column))
        self._write_annotations(table, frame, subjects)

    def _write_provenance(self, frame: pd.DataFrame, subjects: list[str]) -> None:
        self.text.column(subjects, p(SGA.sourceFile), nt.strings(frame["_file"]))
        self.text.column(subjects, p(SGA.sourceRow), nt.integers(frame["_row"]))
        self.text.column(subjects, p(SGA.itemId), nt.strings(frame["_item"]))

    def _write_annotations(self, table: str, frame: pd.DataFrame, subjects: list[str]) -> None:
        """Columns the contract does not define are kept, each as its own property."""
        handled = handled_columns(table)
        for column in frame.columns:
            if column in handled or str(column).startswith("_"):
                continue
            prop = nt.iri(self.iris.column(table, str(column)))
            self.text.add(prop, A, p(RDF.Property))
            self.text.add(prop, p(RDFS.subPropertyOf), p(SGA.annotation))
            self.text.add(prop, p(RDFS.label), nt.string(f"{table}.{column}"))
            self.text.column(subjects, prop, nt.strings(frame[column].astype(object)))

    def _write_activities(
        self, frame: pd.DataFrame, id_column: str, spec: RowSpec, mint: Callable[[str], str]
    ) -> None:
        """One node per audit (or review), from the first of its rows."""
        first = frame.drop_duplicates(id_column)
        first = first[~first[id_column].map(nt.is_missing)]
        subjects = [nt.iri(mint(str(v))) for v in first[id_column].tolist()]
        for cls in spec.classes:
            self.text.column(subjects, A, nt.constant(p(cls), len(first)))
        for f in spec.fields:
            if f.column in first:
                self.text.column(subjects, p(f.predicate), f.make(self, first, f.column))

    def _write_reviews(self, frame: pd.DataFrame) -> None:
        self._write_activities(frame, "review_id", REVIEW_SPEC, self.iris.review)
        first = frame.drop_duplicates("review_id")
        subjects = [nt.iri(self.iris.review(str(v))) for v in first["review_id"].tolist()]
        classes = [p(_REVIEW_CLASSES[t]) if t in _REVIEW_CLASSES else None
                   for t in first["type"].tolist()]
        self.text.column(subjects, A, classes)

    def _write_catalogue(self, frame: pd.DataFrame) -> None:
        subjects = [nt.iri(indicator_iri(str(i))) for i in frame["indicator"].tolist()]
        frameworks = (frame["framework"] if "framework" in frame
                      else pd.Series("", index=frame.index)).tolist()
        schemes = [catalogue_iri(str(f)) if not nt.is_missing(f) else self.iris.own_catalogue()
                   for f in frameworks]
        self.text.column(subjects, p(SKOS.inScheme), [nt.iri(s) for s in schemes])
        for scheme, framework in dict(zip(schemes, frameworks, strict=True)).items():
            self._write_scheme(scheme, str(framework) if not nt.is_missing(framework) else "")
        self._write_rows("catalogue", frame, subjects, ROW_SPECS["catalogue"])
        self._write_provenance(frame, subjects)

    def _write_scheme(self, scheme: str, framework: str) -> None:
        node = nt.iri(scheme)
        label = (f"{framework} indicator catalogue" if framework
                 else f"{self.pack.manifest.partnership} indicator catalogue")
        self.text.add(node, A, p(SGA.IndicatorScheme))
        self.text.add(node, A, p(SKOS.ConceptScheme))
        self.text.add(node, p(SKOS.prefLabel), nt.string(label))
        if not framework:
            self.text.add(nt.iri(self.iris.pack()), p(SGA.catalogue), node)

    def _dataset(self, name: str) -> str:
        """A Data Cube dataset of the pack (``observations``, ``benchmarks``)."""
        node = self.iris.dataset(name)
        structure = SGA.indicatorStructure if name == "observations" else SGA.benchmarkStructure
        self.text.add(nt.iri(node), A, p(QB.DataSet))
        self.text.add(nt.iri(node), p(QB.structure), p(structure))
        self.text.add(nt.iri(node), p(DCTERMS.isPartOf), nt.iri(self.iris.pack()))
        return node

    def _write_series(self, frame: pd.DataFrame, subjects: list[str]) -> None:
        """Indicator, area, breakdown and agency are stated once per series (a Data Cube
        slice) rather than on each of the ~150,000 observations of a national pack:
        four triples fewer per row is the largest saving in loading time."""
        numbering: dict[tuple[str, ...], int] = {}
        codes = [numbering.setdefault(key, len(numbering)) for key in _series_keys(frame)]
        distinct = list(numbering)
        series = [nt.iri(self.iris.series(*key)) for key in distinct]
        self.text.column([series[c] for c in codes], p(QB.observation), subjects)
        dataset = nt.iri(self._dataset("observations"))
        for node, (indicator, area, breakdown, agency) in zip(series, distinct, strict=True):
            self.text.add(dataset, p(QB.slice), node)
            self.text.add(node, A, p(SGA.Series))
            self.text.add(node, p(QB.sliceStructure), p(SGA.seriesKey))
            self.text.add(node, p(SGA.indicator), nt.iri(indicator_iri(indicator)))
            self.text.add(node, p(SDMX_DIMENSION.refArea), nt.iri(self.nodes.area(area)))
            self.text.add(node, p(SGA.breakdown), nt.iri(self._breakdown(breakdown)))
            if agency.strip():
                self.text.add(node, p(SGA.agency), nt.iri(self.nodes.agency(agency)))

    def _breakdown(self, label: str) -> str:
        if label == "all" or "=" not in label:
            return self.nodes.breakdown(label or "all", "all", "all")
        dimension, group = label.split("=", 1)
        return self.nodes.breakdown(label, dimension, group)

    # The nodes rows point at.

    def write_nodes(self) -> None:
        self._write_agencies()
        self._write_named(self.nodes.areas, (SGA.Area,), RDFS.label)
        subgroup_classes = (SGA.SubGroup, ORG.OrganizationalUnit)
        self._write_named(self.nodes.subgroups, subgroup_classes, SKOS.prefLabel)
        partnership = nt.iri(self.iris.partnership())
        for node in sorted(self.nodes.subgroups):
            self.text.add(nt.iri(node), p(ORG.unitOf), partnership)
            self.text.add(partnership, p(ORG.hasUnit), nt.iri(node))
        for node, (label, start, end) in sorted(self.nodes.periods.items()):
            self.text.add(nt.iri(node), A, p(SGA.Period))
            self.text.add(nt.iri(node), p(RDFS.label), nt.string(label))
            self.text.add(nt.iri(node), p(DCAT.startDate), nt.literal(start))
            self.text.add(nt.iri(node), p(DCAT.endDate), nt.literal(end))
        for node, (label, dimension, group) in sorted(self.nodes.breakdowns.items()):
            self.text.add(nt.iri(node), A, p(SGA.Breakdown))
            self.text.add(nt.iri(node), p(RDFS.label), nt.string(label))
            self.text.add(nt.iri(node), p(SGA.breakdownDimension), nt.string(dimension))
            self.text.add(nt.iri(node), p(SGA.breakdownGroup), nt.string(group))

    def _write_named(
        self, nodes: dict[str, str], classes: tuple[URIRef, ...], label: URIRef
    ) -> None:
        for node, name in sorted(nodes.items()):
            for cls in classes:
                self.text.add(nt.iri(node), A, p(cls))
            self.text.add(nt.iri(node), p(label), nt.string(name))

    def _write_agencies(self) -> None:
        """Every agency the evidence names is a member of the partnership."""
        self._write_named(self.nodes.agencies, (SGA.Agency, ORG.Organization), SKOS.prefLabel)
        partnership = nt.iri(self.iris.partnership())
        for node, name in sorted(self.nodes.agencies.items()):
            membership = nt.iri(self.iris.membership(name))
            self.text.add(membership, A, p(ORG.Membership))
            self.text.add(membership, p(ORG.member), nt.iri(node))
            self.text.add(membership, p(ORG.organization), partnership)
            self.text.add(nt.iri(node), p(ORG.hasMembership), membership)
            self.text.add(partnership, p(ORG.hasMember), nt.iri(node))


def _series_keys(frame: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """Indicator, area, breakdown and agency of each row: what makes a series."""

    def column(name: str, default: str) -> list[str]:
        if name not in frame:
            return [default] * len(frame)
        return frame[name].fillna(default).astype(str).replace("", default).tolist()

    return list(zip(column("indicator", ""), column("area", ""), column("breakdown", "all"),
                    column("agency", ""), strict=True))
