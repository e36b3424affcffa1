"""The pages of a real engine run (not the hand-written sample), with a hostile audit
finding planted in the example pack: complete, offline, and inert."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assurance.outputs import write_run
from assurance.render import build_evidence_graph, load_run
from assurance.triangulate import triangulate

from .conftest import _watch, needs_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]

PACK = Path(__file__).parents[2] / "fixtures" / "packs" / "hartlepool-stockton"
PAYLOAD = "Chronology missing <img src=x onerror=alert(1)> <script>alert(2)</script>"


@pytest.fixture(scope="module")
def engine_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = tmp_path_factory.mktemp("pack") / "pack"
    shutil.copytree(PACK, pack)
    with (pack / "audits.csv").open("a", encoding="utf-8") as audits:
        audits.write(f'MACA-HOSTILE,2024-09-01,Neglect,learning,"{PAYLOAD}",Hostile audit,'
                     "multi_agency,Cleveland Police,6,inadequate\n")
    run = triangulate(pack)
    return write_run(run, tmp_path_factory.mktemp("runs") / "run")


@pytest.fixture
def page(browser: object, engine_run: Path):
    yield from _watch(browser, engine_run / "graph.html")


@pytest.fixture
def report(browser: object, engine_run: Path):
    yield from _watch(browser, engine_run / "report.html")


def test_graph_of_a_real_run_is_complete_offline_and_clean(page, engine_run: Path) -> None:
    page.open()
    graph = build_evidence_graph(load_run(engine_run))
    counts = page.page.evaluate("[evidenceGraph.nodes.length, evidenceGraph.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()]
    assert page.errors == []
    assert {r.split("#")[0] for r in page.requests} == {page.url}
    page.shot("engine-graph.png")


def test_the_hostile_finding_shows_as_text(page, engine_run: Path) -> None:
    neglect = next(f for f in load_run(engine_run).findings
                   if f.theme == "neglect" and f.kind == "risk")
    page.open(f"#finding={neglect.id}")
    details = page.page.locator("#details")
    details.get_by_text("Supporting evidence").first.wait_for()
    assert "<img src=x onerror=alert(1)>" in details.text_content()
    assert page.page.locator("#details img, #details script").count() == 0
    assert page.errors == []
    page.shot("engine-graph-hostile.png")


def test_report_of_a_real_run_renders_with_charts(report) -> None:
    report.open(ready=False)
    report.page.wait_for_load_state("load")
    assert report.page.locator("svg").count() >= 5
    assert "<img src=x onerror=alert(1)>" in report.page.locator("body").inner_text()
    assert report.page.locator("img[src='x'], script:not([type])").count() == 0
    assert report.errors == []
    report.shot("engine-report.jpg", full_page=False)
