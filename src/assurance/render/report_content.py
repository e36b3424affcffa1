"""What the board report says, as a :class:`~assurance.render._blocks.Document`.

Order of the report: a summary an executive reads in a minute (counts, the most severe
findings first, what changed, where evidence is missing); then one section for each of
the five Performance Analysis Group questions, each finding with its narrative,
confidence, sources, charts and a link to its place in the evidence graph; then
benchmarks, coverage of evidence, resolved findings and how the report was made.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any
from urllib.parse import quote

from assurance.render import charts, formatting
from assurance.render._blocks import (
    Badge,
    Block,
    Bullets,
    Document,
    Figure,
    Heading,
    Inline,
    KeyFigures,
    Link,
    Section,
    Strong,
    Table,
    Text,
    para,
)
from assurance.render.publish import SUPPRESSED_CELL
from assurance.render.run import Evidence, Finding, Run, Series
from assurance.render.themes import theme_scheme
from assurance.render.vocab import (
    ASSURANCE_LABEL,
    CONFIDENCES,
    COVERAGE_KINDS,
    COVERAGE_LABEL,
    KIND_NOUN,
    KIND_PLURAL,
    KIND_SINGULAR,
    KINDS,
    PAG_QUESTIONS,
    SEVERITIES,
    SPECIAL_CAUSE_LABEL,
    VARIATION_LABEL,
    rank,
    source_style,
)

MOST_SEVERE = 5
TOP_STRENGTHS = 3
EVIDENCE_LISTED = 12  # per finding; the graph has the rest
CHARTS_PER_FINDING = 6
CHART_LIMIT = 250  # in one report: past it, indicators are listed in words
INDICATORS_LISTED = 20  # per finding, past its charts
BENCHMARK_ROWS = 40
COMPARATOR_ORDER = ("england", "region", "statistical_neighbours")
COMPARATOR_LABEL = {
    "england": "England",
    "region": "region",
    "statistical_neighbours": "statistical neighbours",
}


def graph_link(finding_id: str) -> str:
    """Where a finding opens in the evidence graph, focused on its evidence."""
    return "graph.html#finding=" + quote(finding_id, safe="")


def finding_anchor(finding_id: str) -> str:
    return "finding-" + re.sub(r"[^A-Za-z0-9_.-]", "-", finding_id)


def build_report(run: Run) -> Document:
    current = _ordered([f for f in run.findings if f.status != "resolved"])
    resolved = _ordered([f for f in run.findings if f.status == "resolved"])
    charted: dict[str, str] = {}  # series key → anchor of the finding that shows its chart
    sections = [_summary(run, current, resolved)]
    for question, text in PAG_QUESTIONS.items():
        answering = [f for f in current if f.pag_question == question]
        sections.append(_question(run, question, text, answering, charted))
    unplaced = [f for f in current if f.pag_question not in PAG_QUESTIONS]
    if unplaced:
        sections.append(_question(run, 0, "Other findings", unplaced, charted))
    sections += [s for s in (_benchmarks(run), _coverage(run), _resolved(resolved)) if s]
    sections.append(_about(run))
    return Document(
        title="Safeguarding assurance report",
        subtitle=" · ".join(p for p in (run.partnership, run.period) if p),
        notice=_edition_notice(run),
        sections=tuple(sections),
    )


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first; risks before KLOE before strengths at equal severity."""
    return sorted(
        findings,
        key=lambda f: (
            rank(SEVERITIES, f.severity),
            rank(KINDS, f.kind),
            rank(CONFIDENCES, f.confidence),
            f.id,
        ),
    )


def _edition_notice(run: Run) -> str:
    if not run.published:
        return ""
    notice = "Published edition: counts below 5 are shown as “<5” or “fewer than 5”"
    hide = run.pack.get("publish")
    if isinstance(hide, Mapping) and hide.get("hide_agencies"):
        notice += ", and agencies are not named"
    return notice + "."


# ---------- summary ----------


def _summary(run: Run, current: list[Finding], resolved: list[Finding]) -> Section:
    counts = Counter(f.kind for f in current)
    opening = (
        f"For {run.period or 'this period'}, triangulating the partnership's evidence raised "
        + formatting.join(
            [
                f"{counts[k]:,} {(KIND_SINGULAR if counts[k] == 1 else KIND_PLURAL)[k]}"
                for k in ("strength", "risk", "kloe")
            ]
        )
        + "."
    )
    blocks: list[Block] = [Heading(2, "Summary", "summary"), para(opening, css="lead")]
    blocks.append(KeyFigures(tuple((f"{counts[k]:,}", KIND_NOUN[k][1], k) for k in KINDS)))
    blocks.append(_severity_table(current))
    severe = [f for f in current if f.kind != "strength"][:MOST_SEVERE]
    if severe:
        blocks += [Heading(3, "Most severe first"), _finding_bullets(severe, ordered=True)]
    strengths = [f for f in current if f.kind == "strength"][:TOP_STRENGTHS]
    if strengths:
        blocks += [Heading(3, "Strengths"), _finding_bullets(strengths)]
    blocks += _changes(run, current, resolved)
    blocks += _gaps_summary(run)
    return Section(tuple(blocks), css="summary", anchor="summary-section")


def _severity_table(findings: Sequence[Finding]) -> Table:
    severities = [s for s in SEVERITIES if any(f.severity == s for f in findings)]
    others = any(f.severity not in SEVERITIES for f in findings)
    header = (
        "Kind",
        *[s.capitalize() for s in severities],
        *(["Other"] if others else []),
        "Total",
    )
    rows = []
    for kind in KINDS:
        of_kind = [f for f in findings if f.kind == kind]
        cells = [str(sum(f.severity == s for f in of_kind)) for s in severities]
        if others:
            cells.append(str(sum(f.severity not in SEVERITIES for f in of_kind)))
        noun = KIND_NOUN[kind][0]
        rows.append((noun if noun.isupper() else noun.capitalize(), *cells, str(len(of_kind))))
    return Table(header, tuple(rows), caption="Findings by kind and severity", css="counts")


def _finding_bullets(findings: Sequence[Finding], *, ordered: bool = False) -> Bullets:
    return Bullets(tuple(_finding_line(f) for f in findings), ordered=ordered)


def _finding_line(finding: Finding) -> tuple[Inline, ...]:
    noun = KIND_NOUN[finding.kind][0]
    label = f"{finding.severity.capitalize()} {noun}" if finding.severity else noun.capitalize()
    parts: list[Inline] = [
        Badge(label, finding.kind),
        Text(" "),
        Link(finding.title, "#" + finding_anchor(finding.id), graph_link(finding.id)),
    ]
    details = [d for d in (_theme_label(finding), finding.status) if d]
    if details:
        parts.append(Text(f" ({', '.join(details)})"))
    return tuple(parts)


def _theme_label(finding: Finding) -> str:
    return theme_scheme().label(finding.theme, finding.theme_label) if finding.theme else ""


def _changes(run: Run, current: list[Finding], resolved: list[Finding]) -> list[Block]:
    blocks: list[Block] = [Heading(3, "What changed since the previous run")]
    if run.has_previous is False:
        blocks.append(
            para(
                "No previous run was given, so findings carry no new, continuing or "
                "resolved status."
            )
        )
        return blocks
    if run.has_previous is None:
        blocks.append(
            para(
                "Every finding is new: there was no previous run to compare with, or none of "
                "its findings recur."
            )
        )
        return blocks
    status = Counter(f.status for f in current)
    blocks.append(
        para(
            f"{status['new']:,} new, {status['continuing']:,} continuing and "
            f"{len(resolved):,} resolved since the previous run."
        )
    )
    items = [(Strong("New: "), *_finding_line(f)[2:]) for f in current if f.status == "new"]
    items += [(Strong("Resolved: "), Text(f.title)) for f in resolved]
    if items:
        blocks.append(Bullets(tuple(items)))
    return blocks


def _gaps_summary(run: Run) -> list[Block]:
    gaps = _gap_rows(run.coverage)
    if not gaps:
        return []
    priority = [g for g in gaps if g.get("priority")]
    text = f"{formatting.count(len(gaps), 'theme')} lack at least one kind of evidence" + (
        f"; {len(priority):,} of them are partnership priorities." if priority else "."
    )
    items = tuple((Text(_gap_sentence(g)),) for g in gaps[:12])
    blocks: list[Block] = [Heading(3, "Gaps in the evidence"), para(text), Bullets(items)]
    if len(gaps) > 12:
        blocks.append(para(f"And {len(gaps) - 12:,} more: see Coverage of evidence."))
    return blocks


def _gap_rows(coverage: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    scheme = theme_scheme()
    rows = [c for c in coverage if c.get("missing")]
    return sorted(rows, key=lambda c: (not c.get("priority"), scheme.position(str(c["theme"]))))


def _gap_sentence(row: Mapping[str, Any]) -> str:
    label = theme_scheme().label(str(row["theme"]))
    missing = [COVERAGE_LABEL.get(str(m), str(m).replace("_", " ")).lower() for m in row["missing"]]
    missing = [m.replace("section 11", "Section 11") for m in missing]
    priority = " (priority)" if row.get("priority") else ""
    return f"{label}{priority}: no {formatting.join(missing, 'or')}."


# ---------- the five questions ----------


def _question(
    run: Run, number: int, text: str, findings: list[Finding], charted: dict[str, str]
) -> Section:
    title = f"Question {number}: {text}" if number else text
    blocks: list[Block] = [Heading(2, title, f"question-{number}")]
    if not findings:
        blocks.append(para("No findings answer this question this period.", css="muted"))
    else:
        counts = Counter(f.kind for f in findings)
        tally = [formatting.count(counts[k], *KIND_NOUN[k]) for k in KINDS if counts[k]]
        blocks.append(para(formatting.join(tally) + ".", css="muted"))
        blocks += [_finding(run, f, charted) for f in findings]
    return Section(tuple(blocks), css="question", anchor=f"question-{number}-section")


def _finding(run: Run, finding: Finding, charted: dict[str, str]) -> Section:
    anchor = finding_anchor(finding.id)
    blocks: list[Block] = [
        Heading(3, finding.title, anchor),
        _finding_meta(finding),
    ]
    if finding.narrative:
        blocks.append(para(finding.narrative, css="narrative"))
    if finding.confidence:
        reason = f" — {finding.confidence_reason}" if finding.confidence_reason else ""
        blocks.append(para(Strong("Confidence: "), f"{finding.confidence.capitalize()}{reason}"))
    blocks.append(para(Strong("Sources: "), _sources_sentence(finding.evidence)))
    blocks += _evidence_list(finding)
    blocks += _finding_charts(run, finding, charted)
    blocks.append(
        para(
            Link("Open this finding in the evidence graph", graph_link(finding.id)),
            css="graph-link",
        )
    )
    return Section(tuple(blocks), css=f"finding {finding.kind}", anchor=anchor + "-card")


def _finding_meta(finding: Finding) -> Block:
    facts = []
    if finding.severity:
        facts.append(f"{finding.severity.capitalize()} severity")
    if finding.status:
        facts.append(finding.status.capitalize())
    theme = _theme_label(finding)
    if theme:
        facts.append(f"Theme: {theme}")
    if finding.agencies:
        facts.append(f"Agencies: {', '.join(finding.agencies)}")
    codes = finding.rule_codes
    if codes:
        facts.append(f"Rule{'s' if len(codes) > 1 else ''} {', '.join(codes)}")
    label = KIND_NOUN[finding.kind][0].capitalize()
    return para(Badge(label, finding.kind), " " + " · ".join(facts), css="meta")


def _sources_sentence(evidence: Sequence[Evidence]) -> str:
    kinds = Counter(source_style(e.source_type).label for e in evidence)
    if not kinds:
        return "none recorded."
    # Semicolons, because a source's own name may hold commas.
    parts = [
        f"{label} ×{n:,}" for label, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    contradicting = sum(e.contradicts for e in evidence)
    tail = f", {contradicting:,} contradicting" if contradicting else ""
    return "; ".join(parts) + f" ({formatting.count(len(kinds), 'kind')} of source{tail})."


def _evidence_list(finding: Finding) -> list[Block]:
    ordered = sorted(finding.evidence, key=lambda e: (e.contradicts, e.source_type, e.id))
    items = []
    for evidence in ordered[:EVIDENCE_LISTED]:
        role = "Contradicts" if evidence.contradicts else "Supports"
        where = ", ".join(
            p for p in (evidence.source_row, formatting.long_date(evidence.date)) if p
        )
        text = f": {evidence.text}" if evidence.text else ""
        items.append(
            (
                Badge(role, "contradicts" if evidence.contradicts else "supports"),
                Text(f" {source_style(evidence.source_type).label} — "),
                Strong(evidence.label),
                Text(f"{f' ({where})' if where else ''}{text}"),
            )
        )
    blocks: list[Block] = [Bullets(tuple(items), css="evidence")] if items else []
    if len(ordered) > EVIDENCE_LISTED:
        more = len(ordered) - EVIDENCE_LISTED
        blocks.append(
            para(f"And {more:,} more pieces of evidence in the evidence graph.", css="muted")
        )
    return blocks


# ---------- charts ----------


def _finding_charts(run: Run, finding: Finding, charted: dict[str, str]) -> list[Block]:
    """An SPC chart for each indicator behind the finding, signals of concern first; each
    drawn once, where it first appears, and referred to after that.

    A board report stays readable: at most CHARTS_PER_FINDING charts for one finding and
    CHART_LIMIT in the report (an England-sized run cites thousands of series). The
    indicators past those limits are listed in words, and all are in the evidence graph.
    """
    series = run.series_by_id
    behind = sorted(_series_of(finding, series), key=lambda i: _chart_priority(series[i]))
    blocks: list[Block] = []
    rest: list[str] = []
    for key in behind:
        chart = series[key]
        if len(blocks) >= CHARTS_PER_FINDING or (
            key not in charted and len(charted) >= CHART_LIMIT
        ):
            rest.append(key)
        elif key in charted:
            blocks.append(
                para(
                    "The chart of ",
                    Link(chart.label, "#" + charted[key], ""),
                    " is shown with an earlier finding.",
                    css="muted",
                )
            )
        else:
            charted[key] = _chart_anchor(chart)
            blocks.append(
                Figure(partial(charts.spc_chart, chart), spc_caption(chart), charted[key])
            )
    return blocks + _uncharted(rest, series)


def _chart_priority(series: Series) -> tuple[int, str, str]:
    order = ("special_cause_concern", "special_cause_improvement", "special_cause_neutral")
    return (rank(order, series.variation), series.label, series.id)


def _uncharted(keys: list[str], series: Mapping[str, Series]) -> list[Block]:
    if not keys:
        return []
    blocks: list[Block] = [
        para(
            f"{formatting.count(len(keys), 'further indicator')} behind this finding, "
            "without a chart here:",
            css="muted",
        ),
        Bullets(tuple((Text(spc_caption(series[k])),) for k in keys[:INDICATORS_LISTED])),
    ]
    if len(keys) > INDICATORS_LISTED:
        more = len(keys) - INDICATORS_LISTED
        blocks.append(para(f"And {more:,} more in the evidence graph.", css="muted"))
    return blocks


def _series_of(finding: Finding, series: Mapping[str, Series]) -> list[str]:
    """Ids of the series behind a finding's signals, in the order of its evidence."""
    ids: list[str] = []
    for evidence in finding.evidence:
        if evidence.series in series and evidence.series not in ids:
            ids.append(evidence.series)
    return ids


def _chart_anchor(series: Series) -> str:
    return "chart-" + re.sub(r"[^A-Za-z0-9_.-]", "-", series.id)


def _stat(series: Series, name: str) -> str:
    if name in series.withheld:
        return SUPPRESSED_CELL
    return formatting.value(getattr(series, name), series.unit)


def spc_caption(series: Series) -> str:
    """The chart in words: the Markdown report's stand-in, and the figure's caption."""
    area = f" ({series.area})" if series.area else ""
    parts = [f"{series.label}{area}"]
    latest = next((p for p in reversed(series.points) if p.value is not None or p.suppressed), None)
    if latest:
        shown = formatting.value(latest.value, series.unit, suppressed=latest.suppressed)
        parts.append(f"latest {shown} ({latest.period})")
    if series.mean is not None or "mean" in series.withheld:
        parts.append(
            f"mean {_stat(series, 'mean')}, process limits {_stat(series, 'lower_limit')} "
            f"to {_stat(series, 'upper_limit')}"
        )
    variation = VARIATION_LABEL.get(series.variation, series.variation.replace("_", " "))
    causes = sorted({s.cause for s in series.special if s.cause in SPECIAL_CAUSE_LABEL})
    if causes:
        variation += " (" + formatting.join([SPECIAL_CAUSE_LABEL[c] for c in causes], "or") + ")"
    if variation:
        parts.append(variation)
    if series.target is not None or "target" in series.withheld:
        assurance = ASSURANCE_LABEL.get(series.assurance, "")
        parts.append(f"target {_stat(series, 'target')}" + (f": {assurance}" if assurance else ""))
    return "; ".join(parts) + "."


# ---------- benchmarks ----------


def _benchmarks(run: Run) -> Section | None:
    rows = _benchmark_rows(run)
    if not rows:
        return None
    shown = [r for r in rows if _plottable(r)]
    blocks: list[Block] = [
        Heading(2, "How we compare", "benchmarks"),
        para(
            "Each indicator's latest value beside England, the region and statistical "
            "neighbours. Bars to the right of 1 are higher than the comparator; orange "
            "means worse, given whether higher is better for that indicator.",
            css="muted",
        ),
    ]
    if shown:
        blocks.append(
            Figure(
                partial(charts.benchmark_chart, shown),
                _benchmark_caption(shown),
                "benchmark-chart",
            )
        )
    blocks.append(
        Table(
            ("Indicator", "Comparator", "Local", "Comparator value", "Ratio", "Position", "Worse?"),
            tuple(_benchmark_cells(r) for r in rows),
            caption=f"Benchmarks, {run.period}" if run.period else "Benchmarks",
            css="numbers",
        )
    )
    if len(run.benchmarks) > len(rows):
        blocks.append(
            para(
                f"{len(run.benchmarks) - len(rows):,} further comparisons are in signals.json.",
                css="muted",
            )
        )
    return Section(tuple(blocks), css="benchmarks", anchor="benchmarks-section")


def _benchmark_rows(run: Run) -> list[dict[str, Any]]:
    units = {s.indicator: s.unit for s in run.series}
    rows = []
    for fact in run.benchmarks:
        row = dict(fact)
        row["unit"] = str(fact.get("unit") or units.get(str(fact.get("indicator")), ""))
        comparator = str(fact.get("comparator", ""))
        row["comparator_label"] = COMPARATOR_LABEL.get(comparator, comparator)
        row["label"] = str(fact.get("label") or fact.get("indicator"))
        rows.append(row)
    # The widest gaps first, so a long list keeps what matters.
    rows.sort(
        key=lambda r: (-_gap(r), r["label"], rank(COMPARATOR_ORDER, str(r.get("comparator"))))
    )
    chosen = rows[:BENCHMARK_ROWS]
    return sorted(
        chosen,
        key=lambda r: (
            r["label"],
            rank(COMPARATOR_ORDER, str(r.get("comparator"))),
            str(r.get("comparator")),
        ),
    )


def _benchmark_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    indicators = formatting.count(len({r["indicator"] for r in rows}), "indicator")
    worse = formatting.count(sum(bool(r.get("worse")) for r in rows), "comparison")
    return f"Benchmark comparisons for {indicators}: {worse} worse than the comparator."


def _plottable(row: Mapping[str, Any]) -> bool:
    """A ratio on a log scale needs two positive numbers (a zero count has no ratio)."""
    values = (row.get("value"), row.get("benchmark_value"))
    return all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in values)


def _gap(row: Mapping[str, Any]) -> float:
    try:
        return abs(float(row["value"]) / float(row["benchmark_value"]) - 1)
    except (TypeError, ValueError, ZeroDivisionError, KeyError):
        return 0.0


def _benchmark_cells(row: Mapping[str, Any]) -> tuple[str, ...]:
    unit = str(row["unit"])
    local = formatting.value(row.get("value"), unit, suppressed=bool(row.get("value_suppressed")))
    other = formatting.value(
        row.get("benchmark_value"), unit, suppressed=bool(row.get("benchmark_value_suppressed"))
    )
    ratio = f"{row['value'] / row['benchmark_value']:.2f}" if _plottable(row) else "–"
    position = ""
    if row.get("quartile"):
        position = f"quartile {row['quartile']}"
    if row.get("rank") and row.get("of"):
        position += f"{', ' if position else ''}rank {row['rank']} of {row['of']}"
    worse = (
        "worse" + (" and worsening" if row.get("worsening") else "") if row.get("worse") else "no"
    )
    return (row["label"], str(row["comparator_label"]), local, other, ratio, position or "–", worse)


# ---------- coverage and the rest ----------


def _coverage(run: Run) -> Section | None:
    if not run.coverage:
        return None
    scheme = theme_scheme()
    rows = sorted(
        run.coverage, key=lambda c: (not c.get("priority"), scheme.position(str(c["theme"])))
    )
    table_rows = tuple(
        (
            ("★ " if r.get("priority") else "") + scheme.label(str(r["theme"])),
            *["✓" if r.get(flag) else "✗" for flag, _ in COVERAGE_KINDS],
        )
        for r in rows
    )
    gaps = _gap_rows(run.coverage)
    blocks: list[Block] = [
        Heading(2, "Coverage of evidence", "coverage"),
        para(
            "Which kinds of source the partnership has on each theme it holds evidence on "
            "or has made a priority (★). A theme with no qualitative or voice evidence is "
            "a gap worth a line of enquiry.",
            css="muted",
        ),
        Figure(
            partial(charts.coverage_heatmap, rows),
            f"Coverage of evidence: {formatting.count(len(rows), 'theme')}, "
            f"{formatting.count(len(gaps), 'theme')} with gaps.",
            "coverage-chart",
        ),
        Table(
            ("Theme", *[label for _, label in COVERAGE_KINDS]),
            table_rows,
            caption="Kinds of source by theme (✓ present, ✗ missing)",
            css="coverage",
        ),
    ]
    return Section(tuple(blocks), css="coverage", anchor="coverage-section")


def _resolved(resolved: list[Finding]) -> Section | None:
    if not resolved:
        return None
    return Section(
        (
            Heading(2, "Resolved since the previous run", "resolved"),
            para("Raised in the previous run and no longer raised by the evidence.", css="muted"),
            Bullets(
                tuple(
                    (
                        Badge("Resolved", "resolved"),
                        Text(" "),
                        Link(f.title, graph_link(f.id)),
                        Text(f" ({_theme_label(f)})" if f.theme else ""),
                    )
                    for f in resolved
                )
            ),
        ),
        css="resolved",
        anchor="resolved-section",
    )


def _about(run: Run) -> Section:
    manifest = run.manifest
    engine = manifest.get("engine_version") or _nested(manifest, "engine", "version")
    packs = manifest.get("rule_packs")
    rules = manifest.get("rules_version") or (
        ", ".join(
            f"{p.get('name', '')} {p.get('version', '')}".strip()
            for p in packs
            if isinstance(p, Mapping)
        )
        if isinstance(packs, list)
        else ""
    )
    made = "Generated by the safeguarding assurance engine"
    made += f" {engine}" if engine else ""
    made += f" with rule set {rules}" if rules else ""
    blocks: list[Block] = [
        Heading(2, "About this report", "about"),
        para(
            made + ". Each finding is raised by a declarative rule from the partnership's "
            "evidence pack and can be traced, in the evidence graph, to every row of evidence "
            "behind it: what supports it, what contradicts it and what is missing."
        ),
        para(
            "Severity says how much harm could follow if a finding is not acted on; confidence "
            "says how strongly independent kinds of source agree. Charts follow NHS England's "
            "Making Data Count conventions: process limits at the mean ± 2.66 × the mean moving "
            "range; blue points are special cause improvement and orange points special cause "
            "concern; the icons show variation (H or L for high or low) and assurance against "
            "the target (P pass, F fail, ? hit and miss)."
        ),
    ]
    notice = _edition_notice(run)
    if notice:
        blocks.append(para(notice))
    return Section(tuple(blocks), css="about", anchor="about-section")


def _nested(mapping: Mapping[str, Any], *keys: str) -> str:
    value: Any = mapping
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return str(value) if value else ""
