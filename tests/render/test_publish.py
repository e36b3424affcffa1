"""The published edition: no count below 5 and, when the pack asks, no agency anywhere."""

from __future__ import annotations

import pytest

from assurance.render import for_publication
from assurance.render.publish import suppress_small_counts

from .conftest import graph_payload
from .textual import markdown_to_html, words

AGENCIES = ("Children's Social Care", "Police", "Early Help")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 of 6 cases drifted", "fewer than 5 of 6 cases drifted"),
        ("Cases: 4.", "Cases: fewer than 5."),
        ("n=3 respondents", "n<5 respondents"),
        ("two young people said", "fewer than 5 young people said"),
        ("Two of the children", "Fewer than 5 of the children"),
        ("0 children were seen", "fewer than 5 children were seen"),
        ("12 of 40 cases", "12 of 40 cases"),
        ("Q2 2024-25 and tees-1.2.2", "Q2 2024-25 and tees-1.2.2"),
        ("question 2 and standard 3", "question 2 and standard 3"),
        ("within 2 days, for 3 consecutive quarters", "within 2 days, for 3 consecutive quarters"),
        ("on 1 August 2024", "on 1 August 2024"),
        ("a 4% rise to 2.5 per 1,000", "a 4% rise to 2.5 per 1,000"),
        ("one agency and two reviews", "one agency and two reviews"),
    ],
)
def test_small_counts_in_text(text, expected):
    assert suppress_small_counts(text) == expected


def test_small_values_of_count_series_are_withheld(published_run):
    plans = next(s for s in published_run.series if s.indicator == "tees-3.3.1")
    assert [p.value for p in plans.points][:5] == [7, 6, 8, 5, 6]
    assert all(p.suppressed and p.value is None for p in plans.points[5:])
    assert plans.mean is None and plans.withheld == {"mean", "lower_limit"}
    assert plans.upper_limit == pytest.approx(7.63)


def test_percentages_are_not_counts(sample_run, published_run):
    before = next(s for s in sample_run.series if s.unit == "percent")
    after = next(s for s in published_run.series if s.id == before.id)
    assert after.points == before.points


def test_agencies_are_hidden_when_the_pack_says_so(published_run):
    assert all(f.agencies == () for f in published_run.findings)
    assert all(e.agency == "" for f in published_run.findings for e in f.evidence)
    assert all(s.agency == "" for s in published_run.series)


def test_no_agency_in_any_published_output(published_outputs):
    for name, text in published_outputs.items():
        for agency in AGENCIES:
            assert agency not in text, (name, agency)
    kinds = {i["kind"] for i in graph_payload(published_outputs["graph.html"])["info"].values()}
    assert "agency" not in kinds


def test_no_small_count_in_the_published_report(published_outputs):
    md = published_outputs["report.md"]
    assert "3 of 6 cases" not in md and "fewer than 5 of 6 cases" in md
    assert "Child protection plans lasting 2 years or more" not in md or "latest \\<5" in md
    html = published_outputs["report.html"]
    assert "Published edition: counts below 5" in html
    assert words(html) == words(markdown_to_html(md))


def test_publication_is_idempotent(published_run):
    assert for_publication(published_run) is published_run
