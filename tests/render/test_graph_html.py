"""graph.html: offline, escaped, and carrying exactly the run's graph."""

from __future__ import annotations

import html as html_lib
import re

from assurance.render import build_evidence_graph, render_graph_html
from assurance.render._html import script_hash

from .conftest import IMG_PAYLOAD, SCRIPT_PAYLOAD, graph_payload


def policy(page: str) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    return html_lib.unescape(found.group(1))


def test_nothing_is_loaded_from_anywhere(outputs):
    html = outputs["graph.html"]
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.IGNORECASE)
    assert policy(html).startswith("default-src 'none'; ")
    assert "@import" not in html


def test_the_vis_network_file_pyvis_ships_is_inlined(outputs):
    assert "@version 9.1.2" in outputs["graph.html"]


def test_the_policy_allows_exactly_the_page_scripts(outputs):
    html = outputs["graph.html"]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 2
    assert all(script_hash(s) in policy(html) for s in scripts)


def test_hostile_text_never_appears_as_markup(outputs):
    html = outputs["graph.html"]
    assert IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html
    assert "onerror=alert(1)" in html  # still there, as escaped JSON text
    assert html.count("</script>") == 3


def test_the_data_is_the_run_graph(sample_run, outputs):
    graph = build_evidence_graph(sample_run)
    data = graph_payload(outputs["graph.html"])
    assert len(data["nodes"]) == graph.number_of_nodes() == data["meta"]["nodes"]
    assert len(data["edges"]) == graph.number_of_edges() == data["meta"]["edges"]
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes) == set(data["info"])
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_a_finding_carries_its_narrative_and_evidence(outputs):
    info = graph_payload(outputs["graph.html"])["info"]["finding:TR01-neglect-3fa9c2d1"]
    assert info["narrative"].startswith("Re-referrals within 12 months")
    assert info["confidence"] == "high"
    roles = [role for _, role in info["evidence"]]
    assert roles.count("contradicting") == 1
    assert ["evidence:audits-7", "supporting"] in info["evidence"]
    audit = graph_payload(outputs["graph.html"])["info"]["evidence:audits-7"]
    assert audit["source"] == "audits.csv row 7"
    assert IMG_PAYLOAD in audit["text"]


def test_each_style_is_sent_once(outputs):
    data = graph_payload(outputs["graph.html"])
    assert all(set(n) == {"id", "label", "shape", "group", "x", "y"} for n in data["nodes"])
    assert {n["group"] for n in data["nodes"]} == set(data["styles"]["groups"])
    assert {e["kind"] for e in data["edges"]} == set(data["styles"]["edges"])


def test_every_colour_shape_and_line_is_in_the_legend(outputs):
    data = graph_payload(outputs["graph.html"])
    edge_kinds = {e["kind"] for e in data["edges"]}
    assert {row[0] for row in data["legend"]["edges"]} == edge_kinds
    sources = {i["sourceType"] for i in data["info"].values() if i["kind"] == "evidence"}
    assert {row[0] for row in data["legend"]["sources"]} == sources


def test_the_page_is_deterministic(sample_run, outputs):
    assert render_graph_html(sample_run) == outputs["graph.html"]
