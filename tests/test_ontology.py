"""The ontology, the theme scheme and the shapes: they parse, every term is declared and
documented, the theme scheme is well-formed, and the enumerations match the contract."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import networkx as nx
import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from assurance._resources import ontology_dir
from assurance.graph import SGA, THEME, add_findings, add_signals, build_graph
from assurance.graph._namespaces import concept_iri
from assurance.kinds import (
    AUDIT_ACTIVITY,
    AUDITS,
    EVIDENCE_KINDS,
    REVIEW_ACTIVITY,
    REVIEW_CLASSES,
    REVIEWS,
    EvidenceKind,
    GraphSpec,
)
from assurance.rules import KINDS, PAG_QUESTIONS, ROLES, SEVERITIES
from assurance.vocabulary import ENUMERATIONS, normalise

ONTOLOGY = ontology_dir()
TURTLE_FILES = sorted(ONTOLOGY.glob("*.ttl"))
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "graph" / "sample_pack.py"

# Each enumeration of the evidence-pack contract and the concept scheme that holds it.
SCHEMES = {
    "unit": SGA.units,
    "polarity": SGA.polarities,
    "evidence_type": SGA.evidenceTypes,
    "comparator_kind": SGA.comparatorKinds,
    "finding": SGA.auditFindingKinds,
    "audit_type": SGA.auditTypes,
    "grade": SGA.grades,
    "voice_of": SGA.voiceGroups,
    "sentiment": SGA.sentiments,
    "voice_source": SGA.voiceSources,
    "rag": SGA.ragRatings,
    "assurance": SGA.assuranceLevels,
    "s11_rating": SGA.section11Outcomes,
    "action_status": SGA.actionStatuses,
    "record_kind": SGA.recordKinds,
    "outcome": SGA.recordOutcomes,
}
DECLARING_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property}


@cache
def parsed(name: str) -> Graph:
    return Graph().parse(ONTOLOGY / name, format="turtle")


def load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("graph_sample_pack", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sga_terms(graph: Graph) -> set[URIRef]:
    return {term for triple in graph for term in triple
            if isinstance(term, URIRef) and term.startswith(str(SGA))}


def declared() -> set[URIRef]:
    ontology = parsed("assurance.ttl")
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}


def concepts_of(scheme: URIRef) -> set[URIRef]:
    ontology = parsed("assurance.ttl")
    return {c for c in ontology.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}


def notations(scheme: URIRef) -> set[str]:
    ontology = parsed("assurance.ttl")
    return {str(ontology.value(c, SKOS.notation)) for c in concepts_of(scheme)}


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_every_turtle_file_parses_in_rdflib_and_oxigraph(path: Path) -> None:
    in_rdflib = Graph().parse(path, format="turtle")
    in_oxigraph = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(in_rdflib) == len(in_oxigraph) > 0


@pytest.mark.parametrize("name", ["assurance.ttl", "themes.ttl"])
def test_ontology_and_themes_have_no_blank_nodes(name: str) -> None:
    # Exports are byte-identical only because nothing in the graph is a blank node.
    assert not [t for t in parsed(name) if any(isinstance(term, BNode) for term in t)]


def test_every_class_and_property_has_a_label_and_a_comment() -> None:
    ontology = parsed("assurance.ttl")
    undocumented = sorted(
        str(term) for kind in DECLARING_TYPES for term in ontology.subjects(RDF.type, kind)
        if (term, RDFS.label, None) not in ontology or (term, RDFS.comment, None) not in ontology
    )
    assert undocumented == []


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_every_sga_term_used_in_the_ontology_files_is_declared(path: Path) -> None:
    undeclared = sga_terms(Graph().parse(path, format="turtle")) - declared()
    assert sorted(undeclared) == []


def test_every_sga_term_the_graph_writes_is_declared() -> None:
    sample = load_sample()
    graph = build_graph(sample.sample_pack())
    add_signals(graph, sample.sample_signals())
    add_findings(graph, sample.sample_findings(), sample.sample_run())
    assert sorted(sga_terms(graph) - declared()) == []


def test_shapes_use_no_sparql_constraints() -> None:
    # pySHACL runs SPARQL-based constraints 30-70 times slower (measured on this project's graphs).
    shapes = parsed("shapes.ttl")
    sparql = [t for t in shapes if {t[1], t[2]} & {SH.sparql, SH.select, SH.SPARQLConstraint}]
    assert sparql == []


def test_every_node_shape_targets_a_declared_class() -> None:
    shapes = parsed("shapes.ttl")
    targets = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    ours = {t for t in targets if str(t).startswith(str(SGA))}
    assert ours and ours <= declared()


# --- the registry's terms --------------------------------------------------------

#: Every graph declaration of the registry, with the kind whose columns it reads.
GRAPH_SPECS: list[tuple[EvidenceKind, GraphSpec]] = [
    *((kind, kind.graph) for kind in EVIDENCE_KINDS),
    (AUDITS, AUDIT_ACTIVITY),
    (REVIEWS, REVIEW_ACTIVITY),
]
#: Column kinds whose values are an enumeration's other than ``enum:<name>``.
ENUMERATED_KINDS = {"evaluation": "sentiment"}


def spec_id(spec: tuple[EvidenceKind, GraphSpec]) -> str:
    kind, graph = spec
    names = [cls.removeprefix(str(SGA)) for cls in graph.classes if cls.startswith(str(SGA))]
    return f"{kind.table}:{'+'.join(names) or 'activity'}"


def concept_columns(kind: EvidenceKind, graph: GraphSpec) -> list[tuple[str, str, str]]:
    """(column, concept prefix, enumeration) of each column the graph writes as a concept."""
    column_kinds = {c.name: c.kind for c in kind.columns}
    found = []
    for prop in graph.properties:
        if prop.term.startswith("concept:"):
            column_kind = column_kinds[prop.column]
            enumeration = ENUMERATED_KINDS.get(column_kind, column_kind.removeprefix("enum:"))
            found.append((prop.column, prop.term.removeprefix("concept:"), enumeration))
    return found


@pytest.mark.parametrize("spec", GRAPH_SPECS, ids=spec_id)
def test_every_class_and_property_the_registry_names_is_declared(
    spec: tuple[EvidenceKind, GraphSpec],
) -> None:
    _, graph = spec
    ontology = parsed("assurance.ttl")
    ours = [term for term in (*graph.classes, *(p.predicate for p in graph.properties))
            if term.startswith(str(SGA))]
    assert sorted(set(ours) - declared()) == []
    for cls in (c for c in graph.classes if c.startswith(str(SGA))):
        assert (cls, RDF.type, OWL.Class) in ontology, cls
    for prop in graph.properties:
        if prop.predicate.startswith(str(SGA)):
            kinds = set(ontology.objects(prop.predicate, RDF.type))
            assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, prop.predicate


@pytest.mark.parametrize("spec", GRAPH_SPECS, ids=spec_id)
def test_every_concept_the_registry_mints_is_one_scheme_of_its_enumeration(
    spec: tuple[EvidenceKind, GraphSpec],
) -> None:
    """A column written as ``concept:<prefix>`` mints ``concept_iri(prefix, value)`` for
    each value of its enumeration: each must be a concept, and together they must be
    exactly one concept scheme of the ontology."""
    ontology = parsed("assurance.ttl")
    for column, prefix, name in concept_columns(*spec):
        values = set(ENUMERATIONS[name].values)
        minted = {URIRef(concept_iri(prefix, value)) for value in values}
        assert sorted(minted - declared()) == [], column
        schemes = {s for c in minted for s in ontology.objects(c, SKOS.inScheme)}
        assert len(schemes) == 1, (column, schemes)
        [scheme] = schemes
        assert concepts_of(scheme) == minted, column
        assert {str(ontology.value(c, SKOS.notation)) for c in minted} == values, column


def test_every_enumeration_the_graph_writes_is_checked_against_its_scheme() -> None:
    written = {name for spec in GRAPH_SPECS for _, _, name in concept_columns(*spec)}
    assert written <= set(SCHEMES)


def test_outcomes_of_complaints_are_not_the_outcome_evidence_type() -> None:
    ontology = parsed("assurance.ttl")
    assert (SGA.outcome, RDF.type, SGA.EvidenceType) in ontology
    assert (SGA.outcome, RDF.type, OWL.ObjectProperty) not in ontology
    assert (SGA.recordOutcome, RDFS.range, SGA.RecordOutcome) in ontology


# --- the theme scheme ------------------------------------------------------------


def theme_concepts() -> set[URIRef]:
    themes = parsed("themes.ttl")
    return {c for c in themes.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def test_every_theme_is_in_the_scheme_and_every_term_of_the_scheme_is_a_concept() -> None:
    themes = parsed("themes.ttl")
    concepts = theme_concepts()
    in_scheme = set(themes.subjects(SKOS.inScheme, THEME.scheme))
    related = set(themes.objects(None, SKOS.broader)) | set(themes.objects(None, SKOS.narrower))
    assert concepts == in_scheme
    assert related <= concepts


def test_broader_and_narrower_are_symmetric() -> None:
    themes = parsed("themes.ttl")
    broader = {(c, b) for c, b in themes.subject_objects(SKOS.broader)}
    narrower = {(c, n) for n, c in themes.subject_objects(SKOS.narrower)}
    assert broader == narrower


def test_top_concepts_are_the_themes_without_a_broader_theme() -> None:
    themes = parsed("themes.ttl")
    tops = set(themes.subjects(SKOS.topConceptOf, THEME.scheme))
    assert tops == {c for c in theme_concepts() if (c, SKOS.broader, None) not in themes}


def test_the_theme_hierarchy_has_no_cycles() -> None:
    hierarchy = nx.DiGraph(list(parsed("themes.ttl").subject_objects(SKOS.broader)))
    assert nx.is_directed_acyclic_graph(hierarchy)


def test_every_theme_has_one_english_label_and_a_definition() -> None:
    themes = parsed("themes.ttl")
    for concept in theme_concepts():
        labels = list(themes.objects(concept, SKOS.prefLabel))
        assert len(labels) == 1 and isinstance(labels[0], Literal) and labels[0].language == "en"
        assert (concept, SKOS.definition, None) in themes, concept


def test_labels_name_one_theme_each() -> None:
    """Ingest resolves a theme by any of its labels or its id: none may be ambiguous."""
    themes = parsed("themes.ttl")
    owner: dict[str, URIRef] = {}
    for concept in sorted(theme_concepts()):
        names = [str(concept).removeprefix(str(THEME)),
                 *themes.objects(concept, SKOS.prefLabel), *themes.objects(concept, SKOS.altLabel)]
        for name in names:
            key = normalise(name)
            assert owner.setdefault(key, concept) == concept, f"{name!r} names two themes"


# --- enumerations ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_each_enumeration_of_the_contract_is_a_concept_scheme(name: str) -> None:
    assert notations(SCHEMES[name]) == set(ENUMERATIONS[name].values)


@pytest.mark.parametrize("scheme", sorted(
    {s for s in parsed("assurance.ttl").subjects(RDF.type, SKOS.ConceptScheme)}))
def test_every_concept_has_a_notation_a_label_and_a_class(scheme: URIRef) -> None:
    ontology = parsed("assurance.ttl")
    for concept in concepts_of(scheme):
        assert (concept, SKOS.notation, None) in ontology, concept
        assert (concept, SKOS.prefLabel, None) in ontology, concept
        classes = set(ontology.objects(concept, RDF.type)) - {SKOS.Concept}
        assert classes, f"{concept} has no enumeration class for shapes to check"
    assert len(notations(scheme)) == len(concepts_of(scheme)), "notations must be unique"


def test_the_rule_vocabulary_matches_the_ontology() -> None:
    assert set(SEVERITIES) <= notations(SGA.severities)
    assert set(ROLES) == notations(SGA.evidenceRoles)
    assert {"low", "moderate", "high"} == notations(SGA.confidenceLevels)
    assert {"new", "continuing", "resolved"} == notations(SGA.findingStatuses)
    assert set(KINDS) == {"strength", "risk", "kloe"}


def test_the_five_pag_questions_carry_their_text() -> None:
    ontology = parsed("assurance.ttl")
    questions = {int(str(ontology.value(c, SKOS.notation))): str(ontology.value(c, SKOS.prefLabel))
                 for c in concepts_of(SGA.pagQuestions)}
    assert questions == PAG_QUESTIONS


def test_every_review_type_has_a_class() -> None:
    assert set(REVIEW_CLASSES) == set(ENUMERATIONS["review_type"].values)
    assert set(REVIEW_CLASSES.values()) <= declared()


def test_evidence_types_are_the_three_questions() -> None:
    ontology = parsed("assurance.ttl")
    questions = {SGA.quantity: "How much", SGA.quality: "How well", SGA.outcome: "better off"}
    for individual, question in questions.items():
        assert (individual, RDF.type, SGA.EvidenceType) in ontology
        assert question in str(ontology.value(individual, SKOS.definition))
