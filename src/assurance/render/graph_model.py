"""A run as a networkx graph: findings, the evidence behind them, and what they are about.

Nodes (``kind`` attribute; ids are prefixed so they never collide)::

    finding:ID       a strength, risk or KLOE
    evidence:ID      an evidence item (audit finding, review learning, signal...)
    indicator:ID     an indicator series (its id in signals.json), which signals are about
    theme:ID         a theme, with its broader themes and its coverage gaps
    agency:NAME      an agency named by a finding or an evidence item
    rule:CODE        the rule that raised findings

Edges (``kind`` attribute, also the multigraph key, so an edge is never doubled)::

    evidence → finding     supports | contradicts
    finding → theme        about-theme
    theme → theme          broader        (narrower → broader)
    evidence → indicator   signal-of
    finding/evidence → agency   from-agency
    finding → rule         raised-by

Nodes and edges are added in a sorted order, so the same run always gives the same
graph, node for node, which the layout relies on.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from assurance.render.run import Evidence, Finding, Run
from assurance.render.themes import ThemeScheme, theme_scheme
from assurance.render.vocab import COVERAGE_LABEL


def finding_node(finding_id: str) -> str:
    return f"finding:{finding_id}"


def evidence_node(evidence_id: str) -> str:
    return f"evidence:{evidence_id}"


def theme_node(theme: str) -> str:
    return f"theme:{theme}"


def agency_node(name: str) -> str:
    # Agencies are free text matched case-insensitively (README, "The evidence pack").
    return f"agency:{name.casefold()}"


def build_evidence_graph(run: Run) -> nx.MultiDiGraph:
    """The run's findings and evidence as a directed multigraph (see the module doc)."""
    scheme = theme_scheme()
    graph = nx.MultiDiGraph(partnership=run.partnership, period=run.period)
    findings = sorted(run.findings, key=lambda f: f.id)
    _add_themes(graph, run, scheme)
    for finding in findings:
        _add_finding(graph, finding)
    for evidence, finding_ids in _evidence_items(findings):
        _add_evidence(graph, run, evidence, finding_ids)
    for finding in findings:
        _link_finding(graph, finding)
    return graph


def _add_themes(graph: nx.MultiDiGraph, run: Run, scheme: ThemeScheme) -> None:
    coverage = {str(c["theme"]): c for c in run.coverage}
    labels = {f.theme: f.theme_label for f in run.findings if f.theme}
    direct = set(labels) | set(coverage)
    themes = set(direct)
    for theme in direct:
        themes.update(scheme.ancestors(theme))
    for theme in sorted(themes, key=scheme.position):
        gap = coverage.get(theme, {})
        missing = [str(m) for m in gap.get("missing") or ()]
        graph.add_node(
            theme_node(theme),
            kind="theme",
            label=scheme.label(theme, labels.get(theme, "")),
            theme=theme,
            cluster=theme,
            priority=bool(gap.get("priority")),
            missing=missing,
            missing_labels=[COVERAGE_LABEL.get(m, m.replace("_", " ")) for m in missing],
        )
    for theme in sorted(themes, key=scheme.position):
        for parent in scheme.broader.get(theme, ()):
            if parent in themes:
                graph.add_edge(theme_node(theme), theme_node(parent), key="broader", kind="broader")


def _add_finding(graph: nx.MultiDiGraph, finding: Finding) -> None:
    graph.add_node(
        finding_node(finding.id),
        kind="finding",
        label=finding.title,
        finding_id=finding.id,
        finding_kind=finding.kind,
        theme=finding.theme,
        cluster=finding.theme,
        severity=finding.severity,
        confidence=finding.confidence,
        status=finding.status,
        agencies=list(finding.agencies),
        rule=finding.rule.code,
        pag_question=finding.pag_question,
    )


def _evidence_items(findings: Iterable[Finding]) -> list[tuple[Evidence, list[str]]]:
    """Each evidence item once (the first description of it wins), with its findings."""
    items: dict[str, tuple[Evidence, list[str]]] = {}
    for finding in findings:
        for evidence in finding.evidence:
            entry = items.setdefault(evidence.id, (evidence, []))
            if finding.id not in entry[1]:
                entry[1].append(finding.id)
    return [items[key] for key in sorted(items)]


def _add_evidence(
    graph: nx.MultiDiGraph, run: Run, evidence: Evidence, finding_ids: list[str]
) -> None:
    node = evidence_node(evidence.id)
    clusters = [graph.nodes[finding_node(f)]["cluster"] for f in finding_ids]
    graph.add_node(
        node,
        kind="evidence",
        label=evidence.label,
        evidence_id=evidence.id,
        source_type=evidence.source_type,
        fact=evidence.fact,
        text=evidence.text,
        file=evidence.file,
        row=evidence.row,
        date=evidence.date,
        # The theme most of its findings are about, ties broken by name.
        cluster=max(sorted(set(clusters)), key=clusters.count),
    )
    if evidence.series:
        _link_indicator(graph, run, node, evidence)
    if evidence.agency:
        _link_agency(graph, node, evidence.agency)


def _link_indicator(graph: nx.MultiDiGraph, run: Run, node: str, evidence: Evidence) -> None:
    indicator = f"indicator:{evidence.series}"
    if indicator not in graph:
        series = run.series_by_id.get(evidence.series)
        label = series.label if series else evidence.series
        graph.add_node(
            indicator,
            kind="indicator",
            label=f"{label} ({series.area})" if series and series.area else label,
            series=evidence.series,
        )
    graph.add_edge(node, indicator, key="signal-of", kind="signal-of")


def _link_agency(graph: nx.MultiDiGraph, source: str, name: str) -> None:
    node = agency_node(name)
    if node not in graph:
        graph.add_node(node, kind="agency", label=name)
    graph.add_edge(source, node, key="from-agency", kind="from-agency")


def _link_finding(graph: nx.MultiDiGraph, finding: Finding) -> None:
    node = finding_node(finding.id)
    for evidence in finding.evidence:
        role = "contradicts" if evidence.contradicts else "supports"
        graph.add_edge(evidence_node(evidence.id), node, key=role, kind=role)
    if finding.theme:
        graph.add_edge(node, theme_node(finding.theme), key="about-theme", kind="about-theme")
    for agency in finding.agencies:
        _link_agency(graph, node, agency)
    for raised_by in finding.rules or (finding.rule,):
        if not raised_by.code:
            continue
        rule = f"rule:{raised_by.code}"
        if rule not in graph:
            graph.add_node(
                rule,
                kind="rule",
                label=raised_by.code,
                name=raised_by.name,
                version=raised_by.version,
                file=raised_by.file,
            )
        graph.add_edge(node, rule, key="raised-by", kind="raised-by")
