"""The run as a networkx graph: what is connected to what."""

from __future__ import annotations

from collections import Counter

from assurance.render import build_evidence_graph, run_from_documents
from assurance.render.layout import layout


def test_nodes_of_every_kind(sample_run):
    graph = build_evidence_graph(sample_run)
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds["finding"] == len(sample_run.findings)
    assert set(kinds) == {"finding", "evidence", "indicator", "theme", "agency", "rule"}


def test_edges_of_every_kind(sample_run):
    graph = build_evidence_graph(sample_run)
    kinds = Counter(k for _, _, k in graph.edges(keys=True))
    assert set(kinds) == {
        "supports",
        "contradicts",
        "about-theme",
        "broader",
        "signal-of",
        "from-agency",
        "raised-by",
    }
    contradicting = sum(e.contradicts for f in sample_run.findings for e in f.evidence)
    assert kinds["contradicts"] == contradicting


def test_evidence_shared_by_findings_is_one_node(sample_run):
    graph = build_evidence_graph(sample_run)
    bears_on = [
        v for _, v, k in graph.out_edges("evidence:reviews-3", keys=True) if k == "supports"
    ]
    assert len(bears_on) == 3


def test_themes_come_with_their_broader_themes(sample_run):
    graph = build_evidence_graph(sample_run)
    assert graph.has_edge("theme:child-criminal-exploitation", "theme:exploitation", key="broader")
    assert graph.has_edge("theme:exploitation", "theme:complex-safeguarding", key="broader")


def test_gaps_are_marked_on_themes(sample_run):
    graph = build_evidence_graph(sample_run)
    cce = graph.nodes["theme:child-criminal-exploitation"]
    assert cce["priority"] is True
    assert "child_voice" in cce["missing"]
    assert graph.nodes["theme:complex-safeguarding"]["missing"] == []


def test_agencies_match_case_insensitively():
    evidence = [{"id": "a", "fact": "audit_finding", "agency": "POLICE"}]
    document = {
        "findings": [
            {
                "id": "F1",
                "kind": "risk",
                "title": "t",
                "agencies": ["Police"],
                "evidence": evidence,
            },
        ]
    }
    graph = build_evidence_graph(run_from_documents(document))
    assert [n for n, d in graph.nodes(data=True) if d["kind"] == "agency"] == ["agency:police"]


def test_the_graph_and_its_layout_are_the_same_every_time(sample_run):
    first, second = build_evidence_graph(sample_run), build_evidence_graph(sample_run)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert layout(first) == layout(second)


def test_every_node_has_its_own_place(sample_run):
    graph = build_evidence_graph(sample_run)
    positions = layout(graph)
    assert set(positions) == set(graph.nodes)
    assert len(set(positions.values())) == len(positions)
