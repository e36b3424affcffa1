"""report.html and report.md: the same words, deterministic, escaped, linked to the graph."""

from __future__ import annotations

import re
from urllib.parse import quote

from assurance.render import render_outputs, run_from_documents
from assurance.render.report_content import CHARTS_PER_FINDING

from .conftest import IMG_PAYLOAD, SCRIPT_PAYLOAD
from .textual import markdown_to_html, words


def test_html_and_markdown_say_the_same_thing(outputs):
    assert words(outputs["report.html"]) == words(markdown_to_html(outputs["report.md"]))


def test_the_report_is_deterministic(sample_run, outputs):
    again = render_outputs(sample_run, outputs=("report.html", "report.md"))
    assert again["report.html"] == outputs["report.html"]
    assert again["report.md"] == outputs["report.md"]


def test_summary_opens_with_counts_and_the_most_severe_first(outputs):
    md = outputs["report.md"]
    summary = md[md.index("## Summary") : md.index("## Question 1")]
    assert "raised 3 strengths, 4 risks and 4 key lines of enquiry" in summary
    most_severe = summary[summary.index("### Most severe first") : summary.index("### Strengths")]
    assert (
        most_severe.index("High risk")
        < most_severe.index("Medium risk")
        < most_severe.index("Medium KLOE")
    )
    assert "5 new, 6 continuing and 1 resolved since the previous run." in summary


def test_one_section_per_pag_question_in_order(outputs):
    headings = re.findall(r"^## Question (\d):", outputs["report.md"], re.MULTILINE)
    assert headings == ["1", "2", "3", "4", "5"]


def test_every_current_finding_is_reported_and_links_to_its_graph(sample_run, outputs):
    html, md = outputs["report.html"], outputs["report.md"]
    for finding in sample_run.findings:
        link = "graph.html#finding=" + quote(finding.id, safe="")
        if finding.status == "resolved":
            assert "## Resolved since the previous run" in md and finding.title in md
            continue
        assert f'id="finding-{finding.id}"' in html
        assert f'href="{link}"' in html and f"(<{link}>)" in md


def test_an_spc_chart_for_every_indicator_behind_a_finding(sample_run, outputs):
    behind = {
        e.series
        for f in sample_run.findings
        if f.status != "resolved"
        for e in f.evidence
        if e.series
    }
    charts = re.findall(r'<figure id="chart-([^"]+)" class="chart"><svg', outputs["report.html"])
    assert len(charts) == len(behind) == len(set(charts))
    assert 'id="benchmark-chart"' in outputs["report.html"]
    assert 'id="coverage-chart"' in outputs["report.html"]


def test_markdown_gives_each_chart_in_words(outputs):
    assert (
        "*Chart: Re-referrals within 12 months (%); latest 24.8% (2024-25 Q2); mean 20.3%, "
        "process limits 17.6% to 23.0%; special cause variation of concern"
    ) in outputs["report.md"]


def test_hostile_text_stays_text(outputs):
    html, md = outputs["report.html"], outputs["report.md"]
    assert IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    rendered = markdown_to_html(md)
    assert (
        "<img" not in rendered
        and "<script" not in rendered
        and '<a href="javascript' not in rendered
    )
    assert IMG_PAYLOAD in " ".join(words(rendered))


def test_the_page_runs_no_script_and_loads_nothing(outputs):
    html = outputs["report.html"]
    assert "<script" not in html
    assert "script-src 'none'" in html.replace("&#x27;", "'")
    assert not re.search(r"(src|href)=\"https?:", html)


def test_the_page_is_laid_out_for_a4(outputs):
    html = outputs["report.html"]
    assert "@page { size: A4;" in html
    assert "break-before: page" in html


def test_a_finding_on_many_indicators_charts_the_concerns_first_and_lists_the_rest():
    series = [
        {
            "id": f"series-i{n}",
            "indicator": f"i{n}",
            "label": f"Indicator {n:02d}",
            "variation": "special_cause_concern" if n >= 8 else "common_cause",
            "points": [
                {"period": "2024-25 Q1", "value": 1.0},
                {"period": "2024-25 Q2", "value": 2.0},
            ],
        }
        for n in range(10)
    ]
    evidence = [{"id": f"spc-i{n}", "fact": "spc"} for n in range(10)]
    finding = {"id": "F1", "kind": "risk", "title": "Many", "pag_question": 1, "evidence": evidence}
    run = run_from_documents({"findings": [finding]}, {"series": series})
    texts = render_outputs(run, outputs=("report.html", "report.md"))
    charts = re.findall(r'<figure id="chart-series-(i\d+)"', texts["report.html"])
    assert len(charts) == CHARTS_PER_FINDING
    assert charts[:2] == ["i8", "i9"]  # concerns first
    assert "4 further indicators behind this finding, without a chart here:" in texts["report.md"]
    assert words(texts["report.html"]) == words(markdown_to_html(texts["report.md"]))
