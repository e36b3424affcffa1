"""The knowledge graph built from a hand-made evidence pack (fixtures/graph/): every row
is in it, it conforms to the shapes, a broken one does not, exports are deterministic
and parse in an independent parser, and SPARQL is read-only."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pandas as pd
import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from assurance.errors import GraphError
from assurance.graph import (
    SGA,
    THEME,
    EvidenceNotFoundError,
    QueryRefusedError,
    QuerySyntaxError,
    UnsupportedFormatError,
    add_findings,
    add_signals,
    build_graph,
    export_graph,
    item_iri,
    pack_namespace,
    query_graph,
    validate_graph,
)
from assurance.graph import _ntriples as nt
from assurance.graph._layout import handled_columns
from assurance.graph._namespaces import indicator_iri
from assurance.ingest.columns import TABLES
from assurance.model import EvidencePack

OBS_VALUE = URIRef("http://purl.org/linked-data/sdmx/2009/measure#obsValue")
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "sample_pack.py"


def load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("graph_sample_pack", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample = load_sample()


def full_graph() -> Graph:
    graph = build_graph(sample.sample_pack())
    add_signals(graph, sample.sample_signals())
    add_findings(graph, sample.sample_findings(), sample.sample_run())
    return graph


@pytest.fixture(scope="module")
def graph() -> Graph:
    """Shared by the tests that only read it."""
    return full_graph()


def count(graph: Graph) -> int:
    # len() on an Oxigraph store counts distinct triples with SPARQL; this is the same.
    _, rows = query_graph(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows[0][0].toPython())  # type: ignore[union-attr]


def item(item_id: str) -> URIRef:
    return URIRef(item_iri(sample.sample_pack().manifest.id, item_id))


# --- what the graph holds --------------------------------------------------------


def test_the_graph_is_backed_by_oxigraph(graph: Graph) -> None:
    assert type(graph.store).__name__ == "OxigraphStore"


def test_every_row_of_every_table_is_an_evidence_item_with_its_file_and_row(graph: Graph) -> None:
    for name, frame in sample.sample_pack().tables.items():
        for record in frame.to_dict("records"):
            node = URIRef(indicator_iri(record["indicator"]) if name == "catalogue"
                          else item(record["_item"]))
            assert str(graph.value(node, SGA.itemId)) == record["_item"], (name, record)
            assert str(graph.value(node, SGA.sourceFile)) == record["_file"]
            assert graph.value(node, SGA.sourceRow) == Literal(record["_row"], datatype=XSD.integer)


def test_the_sample_conforms_to_the_shapes(graph: Graph) -> None:
    assert validate_graph(graph) == []


def test_the_graph_has_no_blank_nodes_and_no_slash_in_a_local_name(graph: Graph) -> None:
    base = pack_namespace("sample-partnership")
    terms = {term for triple in graph for term in triple}
    assert not [t for t in terms if isinstance(t, BNode)]
    assert not [t for t in terms if isinstance(t, URIRef) and "/" in t.removeprefix(base)
                and t.startswith(base)]


def test_an_observation_carries_its_series_period_value_and_source(graph: Graph) -> None:
    _, rows = query_graph(graph, """
        SELECT ?indicator ?area ?period ?value ?row WHERE {
            ?series qb:observation pack:indicators-6 ; sga:indicator ?indicator ;
                    sdmx-dimension:refArea/rdfs:label ?area .
            pack:indicators-6 sdmx-dimension:refPeriod/rdfs:label ?period ;
                    sdmx-measure:obsValue ?value ; sga:sourceRow ?row .
        }""")
    assert [tuple(str(v) for v in row) for row in rows] == [
        (str(URIRef("https://w3id.org/safeguarding-assurance/indicator/tees-3.1.2")),
         "Northtown", "2024-25 Q2", "18.0", "6")]


def test_a_suppressed_value_is_marked_missing_not_dropped(graph: Graph) -> None:
    status = URIRef("http://purl.org/linked-data/sdmx/2009/attribute#obsStatus")
    assert graph.value(item("indicators-7"), status) == URIRef(
        "http://purl.org/linked-data/sdmx/2009/code#obsStatus-M")


def test_agencies_named_in_any_case_are_one_member_of_the_partnership(graph: Graph) -> None:
    _, rows = query_graph(graph, """
        SELECT ?label WHERE {
            ?membership org:member ?agency ; org:organization pack:partnership .
            ?agency skos:prefLabel ?label } ORDER BY ?label""")
    assert [str(r[0]) for r in rows] == ["Children's Services", "ICB", "Police"]


def test_audits_and_reviews_are_activities_that_generated_their_rows(graph: Graph) -> None:
    audit = graph.value(item("audits-2"), PROV.wasGeneratedBy)
    assert graph.value(audit, SGA.grade) == SGA["grade-requires-improvement"]
    review = graph.value(item("reviews-3"), PROV.wasGeneratedBy)
    assert (review, RDF.type, SGA.JointTargetedAreaInspection) in graph
    assert graph.value(item("actions-2"), SGA.respondsTo) == audit
    assert graph.value(item("actions-3"), SGA.respondsTo) is None  # not in the pack


def test_an_extra_column_is_kept_as_an_annotation(graph: Graph) -> None:
    _, rows = query_graph(graph, """
        SELECT ?label ?value WHERE {
            ?column rdfs:subPropertyOf sga:annotation ; rdfs:label ?label .
            ?row ?column ?value }""")
    assert [(str(a), str(b)) for a, b in rows] == [("indicators.source_system", "LCS")]


def test_every_column_of_the_contract_has_its_own_property() -> None:
    for table, columns in TABLES.items():
        missing = {c.name for c in columns} - handled_columns(table)
        assert not missing, f"{table}: {sorted(missing)} would become annotations"


# --- signals and findings --------------------------------------------------------


def test_a_signal_is_derived_from_the_rows_it_was_computed_from(graph: Graph) -> None:
    signal = item("spc-tees-3.1.2")
    assert (signal, RDF.type, SGA.SPCSignal) in graph
    assert set(graph.objects(signal, PROV.wasDerivedFrom)) == {
        item("indicators-2"), item("indicators-3"), item("indicators-4")}
    facts = json.loads(str(graph.value(signal, SGA.facts)))
    assert facts["variation"] == "common_cause" and "evidence" not in facts


def test_row_facts_are_not_written_twice_as_signals(graph: Graph) -> None:
    assert (item("audits-2"), RDF.type, SGA.Signal) not in graph
    assert (item("audits-2"), SGA.factKind, None) not in graph


def test_a_finding_keeps_each_piece_of_evidence_with_its_role(graph: Graph) -> None:
    _, rows = query_graph(graph, """
        SELECT ?evidence ?role WHERE {
            pack:TR01-neglect-3fa9c2d1 a sga:Risk ;
                prov:qualifiedDerivation [ prov:entity ?evidence ; prov:hadRole ?role ] }
        ORDER BY ?evidence""")
    roles = {str(e).rsplit("/", 1)[-1]: str(r).rsplit("#", 1)[-1] for e, r in rows}
    assert roles == {"audit_summary-neglect": "supporting", "audits-2": "supporting",
                     "spc-tees-3.1.2": "supporting", "subgroups-2": "contradicting"}


def test_a_finding_was_generated_by_the_run_following_its_rule(graph: Graph) -> None:
    _, rows = query_graph(graph, """
        SELECT ?code ?version WHERE {
            pack:TR01-neglect-3fa9c2d1 prov:wasGeneratedBy ?run ; sga:rule ?rule .
            ?run prov:qualifiedAssociation [ prov:hadPlan ?rule ; prov:agent ?engine ] .
            ?engine a sga:Engine .
            ?rule sga:ruleCode ?code ; owl:versionInfo ?version }""")
    assert [(str(c), str(v)) for c, v in rows] == [("TR01", "1.0.0")]


def test_findings_citing_rows_the_graph_lacks_are_refused_whole() -> None:
    graph = build_graph(sample.sample_pack())
    before = count(graph)
    finding = {**sample.sample_findings()[0],
               "evidence": [{"id": "audits-99", "role": "supporting", "fact": "audit_finding"}]}
    with pytest.raises(EvidenceNotFoundError) as caught:
        add_findings(graph, [sample.sample_findings()[1], finding], sample.sample_run())
    assert caught.value.ids == ["audits-99"]
    assert count(graph) == before


@pytest.mark.parametrize("change", [{"kind": "worry"}, {"evidence": [
    {"id": "audits-2", "role": "maybe", "fact": "audit_finding"}]}])
def test_findings_with_an_unknown_kind_or_role_are_refused(change: dict[str, object]) -> None:
    graph = build_graph(sample.sample_pack())
    with pytest.raises(GraphError, match=r"kind|role"):
        add_findings(graph, [{**sample.sample_findings()[0], **change}], sample.sample_run())


# --- validation ------------------------------------------------------------------


def test_a_broken_graph_fails_with_located_violations() -> None:
    graph = full_graph()
    graph.remove((item("voice-2"), SGA.sentiment, None))
    graph.set((item("audits-3"), SGA.theme, URIRef(str(THEME) + "nope")))
    graph.remove((item("indicators-4"), OBS_VALUE, None))
    graph.remove((item("TR01-neglect-3fa9c2d1"), SGA.rule, None))
    graph.set((item("subgroups-2"), SGA.rag, SGA["rag-purple"]))
    violations = validate_graph(graph)
    found = {(v.location, v.path) for v in violations}
    assert ("voice.csv:2", "sga:sentiment") in found
    assert ("audits.csv:3", "sga:theme/skos:inScheme") in found
    assert ("indicators.csv:4", "sdmx-measure:obsValue|sdmx-attribute:obsStatus") in found
    assert ("pack:TR01-neglect-3fa9c2d1", "sga:rule") in found
    assert ("subgroups.csv:2", "sga:rag") in found
    purple = next(v for v in violations if v.path == "sga:rag")
    assert purple.value == "sga:rag-purple"
    assert str(purple).startswith("subgroups.csv:2 (pack:subgroups-2): sga:rag: ")



def test_training_and_complaint_rows_are_held_to_their_shapes() -> None:
    graph = full_graph()
    graph.set((item("training-2"), SGA.evaluation, SGA["sentiment-great"]))
    graph.remove((item("training-3"), SGA.theme, None))
    graph.set((item("complaints-2"), SGA.recordOutcome, SGA["outcome-dismissed"]))
    graph.remove((item("complaints-3"), SGA.recordKind, None))
    graph.set((item("complaints-2"), SGA.daysToResolve, Literal(-3)))
    found = {(v.location, v.path) for v in validate_graph(graph)}
    assert found == {
        ("training.csv:2", "sga:evaluation"),
        ("training.csv:3", "sga:theme"),
        ("training.csv:3", "sga:theme/skos:inScheme"),
        ("complaints.csv:2", "sga:recordOutcome"),
        ("complaints.csv:2", "sga:daysToResolve"),
        ("complaints.csv:3", "sga:recordKind"),
    }


def test_training_and_complaint_rows_carry_their_terms(graph: Graph) -> None:
    session, record = item("training-2"), item("complaints-2")
    assert (session, RDF.type, SGA.TrainingSession) in graph
    assert graph.value(session, SGA.evaluation) == SGA["sentiment-positive"]
    assert graph.value(session, SGA.evaluationScore) == Literal(4.3, datatype=XSD.double)
    assert graph.value(session, SGA.attended) == Literal(18, datatype=XSD.integer)
    assert (record, RDF.type, SGA.ComplaintRecord) in graph
    assert graph.value(record, SGA.recordKind) == SGA["record-kind-complaint"]
    assert graph.value(record, SGA.recordOutcome) == SGA["outcome-partly-upheld"]
    assert graph.value(item("complaints-3"), SGA.recordOutcome) is None  # empty: no term

def test_a_finding_without_derivations_violates_the_shapes() -> None:
    graph = full_graph()
    finding = item("CV01-partnership-00aa11bb")
    graph.remove((finding, PROV.qualifiedDerivation, None))
    graph.remove((finding, PROV.wasDerivedFrom, None))
    paths = {v.path for v in validate_graph(graph) if v.focus_node.endswith("00aa11bb")}
    assert paths == {"prov:qualifiedDerivation", "prov:wasDerivedFrom"}


# --- exports ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "oxigraph_format"), [
    ("ttl", pyoxigraph.RdfFormat.TURTLE),
    ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
    ("jsonld", pyoxigraph.RdfFormat.JSON_LD),
])
def test_exports_parse_in_oxigraph_with_every_triple(
    graph: Graph, name: str, oxigraph_format: pyoxigraph.RdfFormat
) -> None:
    data = export_graph(graph, name)
    assert len(set(pyoxigraph.parse(data, format=oxigraph_format))) == count(graph)


def test_exports_parse_in_rdflib_as_the_same_graph(graph: Graph) -> None:
    from rdflib.compare import isomorphic

    turtle = Graph().parse(data=export_graph(graph, "ttl"), format="turtle")
    ntriples = Graph().parse(data=export_graph(graph, "nt"), format="nt")
    assert isomorphic(turtle, ntriples)
    assert len(turtle) == count(graph)


@pytest.mark.parametrize("name", ["ttl", "nt", "jsonld"])
def test_exports_are_byte_identical_across_builds(graph: Graph, name: str) -> None:
    assert export_graph(graph, name) == export_graph(full_graph(), name)


def test_ntriples_export_is_sorted_and_turtle_starts_each_subject_with_its_types(
    graph: Graph,
) -> None:
    lines = export_graph(graph, "nt").splitlines()
    assert lines == sorted(lines)
    turtle = export_graph(graph, "ttl").decode()
    assert "\npack:audits-2 a sga:AuditFinding ;\n" in turtle


def test_an_unknown_export_format_is_refused(graph: Graph) -> None:
    with pytest.raises(UnsupportedFormatError, match="ttl, jsonld, nt"):
        export_graph(graph, "rdfxml")


# --- literals --------------------------------------------------------------------


def test_tricky_text_round_trips_through_graph_and_exports(graph: Graph) -> None:
    text = sample.TRICKY_TEXT
    assert str(graph.value(item("audits-2"), SGA.text)) == text
    for name, fmt in [("ttl", pyoxigraph.RdfFormat.TURTLE), ("nt", pyoxigraph.RdfFormat.N_TRIPLES)]:
        triples = pyoxigraph.parse(export_graph(graph, name), format=fmt)
        texts = {t.object.value for t in triples if t.predicate.value == str(SGA.text)}
        assert text in texts


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_is_escaped_into_a_literal_oxigraph_reads_back(text: str) -> None:
    # A lone surrogate is not Unicode text; the graph writes it as U+FFFD (see TripleText).
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    line = f"<http://example.org/s> <http://example.org/p> {nt.string(text)} .\n"
    (triple,) = pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert triple.object.value == text


def test_text_columns_keep_quotes_newlines_and_markup() -> None:
    column = pd.Series(['a "b"', "c\\d", "e\nf\r", "<script>x</script>", "", None, "  "])
    assert nt.strings(column) == [
        '"a \\"b\\""', '"c\\\\d"', '"e\\nf\\r"', '"<script>x</script>"', None, None, None]


# --- SPARQL ----------------------------------------------------------------------


def test_select_answers_with_columns_and_rows_using_the_graphs_prefixes(graph: Graph) -> None:
    columns, rows = query_graph(graph, """
        SELECT ?id ?theme WHERE { ?f a sga:Risk ; dcterms:identifier ?id .
                                 OPTIONAL { ?f sga:nothing ?theme } }""")
    assert columns == ["id", "theme"]
    assert rows == [(Literal("TR01-neglect-3fa9c2d1"), None)]


def test_ask_answers_a_boolean(graph: Graph) -> None:
    assert query_graph(graph, "ASK { ?s a sga:KeyLineOfEnquiry }") == (
        ["ask"], [(Literal(True),)])


@pytest.mark.parametrize("sparql", [
    "INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX sga: <https://w3id.org/safeguarding-assurance/ontology#> CLEAR ALL",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DESCRIBE <http://e/s>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_anything_but_select_or_ask_is_refused(graph: Graph, sparql: str) -> None:
    before = count(graph)
    with pytest.raises(QueryRefusedError):
        query_graph(graph, sparql)
    assert count(graph) == before


def test_a_query_that_does_not_parse_says_so(graph: Graph) -> None:
    with pytest.raises(QuerySyntaxError, match="does not parse"):
        query_graph(graph, "SELEKT ?s WHERE { ?s ?p ?o }")


def test_the_layout_spends_few_triples_on_each_observation() -> None:
    """Loading costs ~3 µs a triple, so a national pack's 150,000 observations must stay
    lean (see the figures in assurance.graph): 9 for a row with everything."""
    pack = sample.sample_pack()
    rows = pd.concat([pack.tables["indicators"].iloc[[0]]] * 100, ignore_index=True)
    rows["_row"] = range(2, 102)
    rows["_item"] = [f"indicators-{row}" for row in rows["_row"]]
    catalogue = {"catalogue": pack.tables["catalogue"]}
    without = build_graph(EvidencePack(pack.manifest, catalogue, pack.location))
    with_rows = build_graph(EvidencePack(pack.manifest, catalogue | {"indicators": rows},
                                         pack.location))
    assert (count(with_rows) - count(without)) / len(rows) < 9.5
