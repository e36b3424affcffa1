"""report.html in headless Chromium: renders its charts, offline, prints on A4."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def test_the_report_renders_with_its_charts(report_page, run_dir):
    report_page.open(ready=False)
    page = report_page.page
    charts = page.locator("figure.chart svg")
    expected = (run_dir / "report.html").read_text(encoding="utf-8").count('<figure id="chart-') + 2
    assert charts.count() == expected
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box["width"] > 400 and box["height"] > 100
    assert report_page.errors == []
    assert {r.split("#")[0] for r in report_page.requests} == {report_page.url}
    report_page.shot("report.jpg", full_page=True)


def test_hostile_text_in_the_report_is_text(report_page):
    report_page.open(ready=False)
    page = report_page.page
    assert "<img src=x onerror=alert(1)>" in page.locator("main").inner_text()
    assert (
        page.evaluate(
            "document.querySelectorAll('main img, main script, a[href^=javascript]').length"
        )
        == 0
    )


def test_the_report_prints_on_a4_pages(report_page):
    report_page.open(ready=False)
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = report_page.page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages >= 7  # summary, five questions, benchmarks: each starts a page


def test_a_finding_opens_on_its_evidence_in_the_graph(report_page):
    report_page.open(ready=False)
    page = report_page.page
    page.locator("a", has_text="Open this finding in the evidence graph").first.click()
    # wait for the graph page itself, not the report it replaces, before asking it anything
    page.wait_for_url("**/graph.html#finding=*")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    assert page.url.endswith("graph.html#finding=TG01-workforce-e91b3c77")
    page.locator("#focus-banner").wait_for(state="visible")
    assert (
        page.locator("#details h3").inner_text()
        == "Social worker turnover above tolerance for four quarters"
    )
    assert report_page.errors == []
