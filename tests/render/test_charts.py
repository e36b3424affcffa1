"""Charts: deterministic SVG, safe to inline, one set of ids per chart."""

from __future__ import annotations

import re
from dataclasses import replace

from assurance.render import charts
from assurance.render.run import Point


def test_an_spc_chart_is_the_same_bytes_every_time(sample_run):
    series = sample_run.series[1]
    assert charts.spc_chart(series) == charts.spc_chart(series)


def test_a_chart_is_bare_svg_with_an_accessible_name(sample_run):
    svg = charts.spc_chart(sample_run.series[0])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<?xml" not in svg and "<metadata>" not in svg and "*{stroke" not in svg
    assert 'role="img" aria-label="SPC chart: Contacts received by the front door"' in svg


def test_two_charts_never_share_an_id(sample_run):
    first, second = (
        set(re.findall(r'id="([^"]+)"', charts.spc_chart(s))) for s in sample_run.series[:2]
    )
    assert first and second and not first & second


def test_user_text_in_a_chart_is_escaped(sample_run):
    hostile = replace(sample_run.series[0], label="<script>alert(1)</script>")
    svg = charts.spc_chart(hostile)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_suppressed_points_are_marked_not_drawn(sample_run):
    series = sample_run.series[0]
    points = (Point(series.points[0].period, None, suppressed=True), *series.points[1:])
    svg = charts.spc_chart(replace(series, points=points))
    assert "&lt;5" in svg


def test_coverage_heatmap_marks_priority_themes(sample_run):
    svg = charts.coverage_heatmap(sample_run.coverage)
    assert "★ Child criminal exploitation" in svg
