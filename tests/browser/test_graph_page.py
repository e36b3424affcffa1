"""graph.html in headless Chromium: offline, complete, usable, and inert to hostile text."""

from __future__ import annotations

import pytest

from assurance.render import build_evidence_graph, load_run

from .conftest import SAMPLE, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

NEGLECT = "finding:TR01-neglect-3fa9c2d1"  # carries the <img onerror> audit text
DOMESTIC_ABUSE = "finding:TR03-domestic-abuse-91c0e2aa"  # carries <script> and href


def visible_ids(watched) -> set[str]:
    return set(watched.page.evaluate("evidenceGraph.network.body.data.nodes.getIds()"))


def click_node(watched, node: str) -> None:
    """A real mouse click on the node where the canvas draws it."""
    page = watched.page
    page.evaluate("id => evidenceGraph.network.focus(id, {scale: 1.2, animation: false})", node)
    spot = page.evaluate(
        "id => evidenceGraph.network.canvasToDOM(evidenceGraph.network.getPosition(id))", node
    )
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def test_loads_offline_with_no_console_error(graph_page):
    graph_page.open()
    graph_page.shot("graph.png")
    assert graph_page.errors == []
    assert {r.split("#")[0] for r in graph_page.requests} == {graph_page.url}


def test_node_and_edge_counts_equal_the_run(graph_page):
    graph = build_evidence_graph(load_run(SAMPLE))
    graph_page.open()
    counts = graph_page.page.evaluate("[evidenceGraph.nodes.length, evidenceGraph.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert len(visible_ids(graph_page)) == graph.number_of_nodes()


def test_clicking_a_finding_shows_its_evidence(graph_page):
    graph_page.open()
    click_node(graph_page, NEGLECT)
    details = graph_page.page.locator("#details")
    details.get_by_text("Supporting evidence (6)").wait_for()
    text = details.text_content()
    assert "Neglect: re-referrals rising while audits find drift in plans" in text
    assert "Contradicting evidence (1)" in text
    assert "Neglect sub-group, Q2 report" in text
    assert "audits.csv row 7" in text
    graph_page.shot("graph-finding.png")
    assert graph_page.errors == []


def test_search_finds_and_opens_a_finding(graph_page):
    graph_page.open()
    graph_page.page.fill("#search", "turnover")
    result = graph_page.page.locator(
        "#search-results button", has_text="Social worker turnover above tolerance"
    )
    result.click()
    assert (
        "Social worker turnover above tolerance"
        in graph_page.page.locator("#details h3").inner_text()
    )


def test_filters_by_kind_and_by_theme(graph_page):
    run = load_run(SAMPLE)
    graph_page.open()
    page = graph_page.page
    page.locator("#filter-kinds input[value=risk]").uncheck()
    page.locator("#filter-kinds input[value=kloe]").uncheck()
    shown = {i for i in visible_ids(graph_page) if i.startswith("finding:")}
    assert shown == {f"finding:{f.id}" for f in run.findings if f.kind == "strength"}
    page.click("#reset")
    page.select_option("#filter-theme", "neglect")
    shown = {i for i in visible_ids(graph_page) if i.startswith("finding:")}
    assert shown == {f"finding:{f.id}" for f in run.findings if f.theme == "neglect"}
    status = page.locator("#status").get_attribute("data-visible-nodes")
    assert int(status) == len(visible_ids(graph_page))


def test_hostile_text_is_shown_as_text_and_runs_nothing(graph_page):
    graph_page.open()
    page = graph_page.page
    for finding, payload in (
        (NEGLECT, "<img src=x onerror=alert(1)>"),
        (DOMESTIC_ABUSE, "<script>alert(1)</script>"),
    ):
        click_node(graph_page, finding)
        page.locator("#details h3").wait_for()
        assert payload in page.locator("#details").inner_text()
        assert page.locator("#details img, #details script, #details a").count() == 0
    page.hover("#network")
    assert page.evaluate("document.querySelectorAll('img, a[href^=javascript]').length") == 0
    assert graph_page.errors == []


def test_an_address_focuses_one_finding_and_its_evidence(graph_page):
    run = load_run(SAMPLE)
    finding = next(f for f in run.findings if f.id == NEGLECT.removeprefix("finding:"))
    graph_page.open(f"#finding={finding.id}")
    expected = {NEGLECT} | {f"evidence:{e.id}" for e in finding.evidence}
    assert visible_ids(graph_page) == expected
    assert graph_page.page.locator("#focus-banner").is_visible()
    graph_page.shot("graph-focus.png")
    graph_page.page.click("#unfocus")
    assert len(visible_ids(graph_page)) > len(expected)


def test_the_published_graph_names_no_agency(published_graph_page):
    published_graph_page.open()
    page = published_graph_page.page
    assert not [i for i in visible_ids(published_graph_page) if i.startswith("agency:")]
    assert page.locator("#agency-block").is_hidden()
    assert "Published edition" in page.locator("#subtitle").inner_text()
    assert published_graph_page.errors == []
