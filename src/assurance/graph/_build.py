"""An evidence pack as RDF: the pack, its partnership and organisations, and every row
of every typed table, written as text from whole columns and bulk-loaded by Oxigraph.

Which property each column becomes is in :mod:`._layout`; what the terms mean is in
``ontology/assurance.ttl``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
from rdflib import Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCAT, DCTERMS, ORG, QB, RDF, RDFS, SKOS

from assurance._resources import ontology_dir
from assurance.graph import _ntriples as nt
from assurance.graph._layout import (
    AUDIT_SPEC,
    REVIEW_SPEC,
    ROW_SPECS,
    RowSpec,
    handled_columns,
)
from assurance.graph._namespaces import (
    PREFIXES,
    SDMX_DIMENSION,
    SGA,
    PackIris,
    catalogue_iri,
    indicator_iri,
    theme_iri,
)
from assurance.kinds import REVIEW_CLASSES, SOURCE_TABLES
from assurance.model import EvidencePack

p = nt.ref
A = nt.A


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
    writer = PackWriter(pack)
    writer.write_manifest()
    writer.text.load_into(graph)
    for name, frame in _tables_in_order(pack):
        writer.write_table(name, frame)
        writer.text.load_into(graph)  # one table at a time keeps the text's memory small
    writer.write_nodes()
    writer.text.load_into(graph)
    return graph


def _tables_in_order(pack: EvidencePack) -> list[tuple[str, pd.DataFrame]]:
    """The contract's order, then any other table by name: the same input, the same text."""
    names = [n for n in SOURCE_TABLES if n in pack.tables]
    names += sorted(n for n in pack.tables if n not in SOURCE_TABLES)
    return [(name, pack.tables[name]) for name in names]


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


class PackWriter:
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
        return [nt.iri(self.iris.item(str(item))) for item in frame["_item"].tolist()]

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
    ) -> tuple[pd.DataFrame, list[str]]:
        """One node per audit (or review), from the first of its rows; its columns
        repeat on each of them."""
        first = frame.drop_duplicates(id_column)
        first = first[~first[id_column].map(nt.is_missing)]
        subjects = [nt.iri(mint(str(v))) for v in first[id_column].tolist()]
        for cls in spec.classes:
            self.text.column(subjects, A, nt.constant(p(cls), len(first)))
        for f in spec.fields:
            if f.column in first:
                self.text.column(subjects, p(f.predicate), f.make(self, first, f.column))
        return first, subjects

    def _write_reviews(self, frame: pd.DataFrame) -> None:
        """A review's type is its class (a rapid review, a JTAI...)."""
        first, subjects = self._write_activities(frame, "review_id", REVIEW_SPEC,
                                                 self.iris.review)
        types = first["type"].tolist() if "type" in first else [""] * len(first)
        self.text.column(subjects, A, [p(REVIEW_CLASSES[t]) if t in REVIEW_CLASSES else None
                                       for t in types])

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
