"""graph.html: the interactive evidence graph, one self-contained, offline page.

pyvis 0.3.2 cannot write an offline page and its template inserts node titles and the
heading as raw HTML (confirmed in Chromium), so it is used only for what it does well: turning
the networkx graph into vis-network node and edge options. Positions come from
:mod:`assurance.render.layout` (physics off), and the page is our own template: the
vis-network file pyvis ships, inlined; the data as escaped JSON; our viewer script,
which writes user text with ``textContent`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from string import Template
from typing import Any

import networkx as nx

from assurance.render import _html
from assurance.render.graph_model import build_evidence_graph
from assurance.render.layout import layout
from assurance.render.run import Finding, Run, Series
from assurance.render.themes import theme_scheme
from assurance.render.vocab import (
    ASSURANCE_LABEL,
    EDGE_STYLE,
    FINDING_STYLE,
    KIND_LABEL,
    KINDS,
    NODE_STYLE,
    SEVERITIES,
    SOURCE_STYLE,
    STATUSES,
    VARIATION_LABEL,
    source_style,
)

#: Above this many nodes the page hides edges while panning and zooming.
LARGE_GRAPH = 1500
#: Above this many, it opens on a summary (findings and themes) and shows evidence for a
#: chosen theme or finding: an England-sized run has 20,000 nodes, most of them evidence.
SUMMARY_FIRST = 8000
_SEVERITY_SIZE = {"critical": 26, "high": 23, "medium": 19, "low": 16, "info": 14}
_GAP_BORDER = "#E69F00"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


class _NodeIds(list[Any]):
    """pyvis keeps node ids in a list and searches it for every node and edge it adds:
    3 s of a 6,000-node graph's build. A set beside the list makes each test O(1)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def render_graph_html(run: Run, graph: nx.MultiDiGraph | None = None) -> str:
    """The graph page for ``run`` (``graph`` defaults to :func:`build_evidence_graph`)."""
    if graph is None:
        graph = build_evidence_graph(run)
    nodes, edges, styles = vis_data(graph)
    payload = {
        "meta": _meta(run, graph),
        "nodes": nodes,
        "edges": edges,
        "styles": styles,
        "info": _info(run, graph),
        "filters": _filters(run, graph),
        "legend": _legend(graph),
    }
    return _page(run, payload)


def vis_data(
    graph: nx.MultiDiGraph,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """vis-network nodes and edges for ``graph``, built with pyvis, and their styles.

    Each style is sent once: nodes name a vis-network group, edges a kind, and the page
    applies the style. Repeating it on every node and edge tripled an England-sized page.
    """
    from pyvis.network import Network  # imports IPython: only when a graph is drawn

    network = Network(directed=True, cdn_resources="remote")
    network.node_ids = _NodeIds()
    positions = layout(graph)
    groups: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        group, style = _node_style(data)
        groups.setdefault(group, style)
        x, y = positions[node]
        # With a group, pyvis leaves out its default colour and vis takes the group's.
        network.add_node(node, label=_node_label(data), shape=style["shape"], group=group, x=x, y=y)
    edge_styles = {}
    for index, (source, target, kind) in enumerate(graph.edges(keys=True)):
        edge_styles.setdefault(kind, _edge_options(kind))
        network.add_edge(source, target, id=f"e{index}", kind=kind)
    return network.nodes, network.edges, {"groups": groups, "edges": edge_styles}


def _node_label(data: Mapping[str, Any]) -> str:
    kind = data["kind"]
    limit = {"finding": 64, "evidence": 28}.get(kind, 32)
    label = _short(str(data["label"]), limit)
    return "⚠ " + label if kind == "theme" and data["missing"] else label


def _node_style(data: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The name of a node's style (its vis-network group) and the style."""
    kind = data["kind"]
    if kind == "finding":
        resolved = data["status"] == "resolved"
        name = f"finding-{data['finding_kind']}-{data['severity'] or 'none'}"
        return name + ("-resolved" if resolved else ""), _finding_style(data, resolved)
    if kind == "evidence":
        colour = source_style(data["source_type"]).color
        # Small labels: vis-network skips a label drawn smaller than its threshold, so
        # evidence is named only once zoomed in, and the overview shows themes.
        style = {**_shape("dot", colour, 9), "font": {"size": 10, "color": "#52606D"}}
        return f"evidence-{data['source_type']}", style
    base = NODE_STYLE[kind]
    if kind == "theme":
        style = _shape(base.shape, base.color, 24)
        style["font"] = {"size": 17, "color": "#102A43"}  # the page rescales it with zoom
        if not data["missing"]:
            return "theme", style
        style["color"] = _colour(base.color, _GAP_BORDER)
        style.update(borderWidth=3, shapeProperties={"borderDashes": [5, 3]})
        return "theme-gap", style
    if kind == "indicator":
        return kind, {
            **_shape(base.shape, base.color, 10),
            "font": {"size": 11, "color": "#0B4F58"},
        }
    # Agencies and rules carry their label inside the shape.
    border = "#7B8794" if kind == "agency" else "#B3A98F"
    style = {"shape": base.shape, "color": _colour(base.color, border), "margin": 8}
    return kind, {**style, "font": {"size": 14, "color": "#1F2933"}}


def _finding_style(data: Mapping[str, Any], resolved: bool) -> dict[str, Any]:
    base = FINDING_STYLE[data["finding_kind"]]
    style = _shape(base.shape, base.color, _SEVERITY_SIZE.get(data["severity"], 18))
    style["font"] = {"size": 13, "color": "#1F2933"}
    style["widthConstraint"] = {"maximum": 170}
    if resolved:  # hollow and dashed: out of the way
        style["color"] = _colour("#FFFFFF", base.color)
        style.update(shapeProperties={"borderDashes": [4, 3]}, borderWidth=2)
    return style


def _shape(shape: str, colour: str, size: int) -> dict[str, Any]:
    return {"shape": shape, "size": size, "color": _colour(colour, _darker(colour))}


def _colour(background: str, border: str) -> dict[str, Any]:
    return {
        "background": background,
        "border": border,
        "highlight": {"background": background, "border": "#111827"},
        "hover": {"background": background, "border": "#111827"},
    }


def _darker(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * 0.72) for c in (red, green, blue)))


def _edge_options(kind: str) -> dict[str, Any]:
    colour = EDGE_STYLE[kind].color
    # Highlighted edges keep their colour, darker: a selected finding still shows which
    # evidence supports it and which contradicts it.
    options: dict[str, Any] = {"color": {"color": colour, "highlight": _darker(colour)}}
    if kind == "supports":
        options.update(width=1.6, arrows="to")
    elif kind == "contradicts":  # visibly different: red, thicker, dashed
        options.update(width=2.8, arrows="to", dashes=[8, 5])
    elif kind == "broader":
        options.update(width=2, arrows="to", dashes=[2, 4])
    elif kind == "signal-of":
        options.update(width=1.2, arrows="to")
    else:  # context edges: faint, so thousands of them do not drown the evidence
        options.update(width=0.8, arrows={"to": {"enabled": False}})
        options["color"]["opacity"] = 0.55
        if kind == "from-agency":
            options["dashes"] = [3, 3]
    return options


def _short(label: str, limit: int) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _meta(run: Run, graph: nx.MultiDiGraph) -> dict[str, Any]:
    hide = run.pack.get("publish")
    return {
        "partnership": run.partnership,
        "period": run.period,
        "published": run.published,
        "hideAgencies": bool(
            run.published and isinstance(hide, Mapping) and hide.get("hide_agencies")
        ),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "large": graph.number_of_nodes() > LARGE_GRAPH,
        "summaryFirst": graph.number_of_nodes() > SUMMARY_FIRST,
        "font": _FONT,
    }


def _info(run: Run, graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """What the details panel and the search show for each node: plain text only."""
    findings = {f"finding:{f.id}": f for f in run.findings}
    series = run.series_by_id
    info: dict[str, dict[str, Any]] = {}
    for node, data in graph.nodes(data=True):
        kind = data["kind"]
        if kind == "finding":
            info[node] = _finding_info(findings[node], graph)
        elif kind == "evidence":
            info[node] = _evidence_info(data)
        elif kind == "indicator":
            info[node] = _indicator_info(data, series.get(data["series"]))
        elif kind == "theme":
            info[node] = _theme_info(data)
        else:
            info[node] = {
                "kind": kind,
                "label": data["label"],
                "name": data.get("name", ""),
                "version": data.get("version", ""),
                "file": data.get("file", ""),
            }
    return info


def _finding_info(finding: Finding, graph: nx.MultiDiGraph) -> dict[str, Any]:
    scheme = theme_scheme()
    evidence = sorted(finding.evidence, key=lambda e: (e.contradicts, e.source_type, e.id))
    return {
        "kind": "finding",
        "id": finding.id,
        "label": finding.title,
        "findingKind": finding.kind,
        "kindLabel": KIND_LABEL[finding.kind],
        "narrative": finding.narrative,
        "severity": finding.severity,
        "confidence": finding.confidence,
        "confidenceReason": finding.confidence_reason,
        "status": finding.status,
        "theme": finding.theme,
        "themeLabel": scheme.label(finding.theme, finding.theme_label),
        "themes": [finding.theme, *scheme.ancestors(finding.theme)] if finding.theme else [],
        "agencies": list(finding.agencies),
        "period": finding.period,
        "pag": finding.pag_question,
        "rule": "; ".join(f"{r.code} {r.name}".strip() for r in finding.rules or (finding.rule,)),
        # References: each item's text is written once, with its own node.
        "evidence": [[f"evidence:{e.id}", e.role] for e in evidence],
    }


def _evidence_info(data: Mapping[str, Any]) -> dict[str, Any]:
    row = data["row"]
    return {
        "kind": "evidence",
        "id": data["evidence_id"],
        "label": data["label"],
        "text": data["text"],
        "sourceType": data["source_type"],
        "sourceLabel": source_style(data["source_type"]).label,
        "source": f"{data['file']} row {row}" if data["file"] and row is not None else data["file"],
        "date": data["date"],
    }


def _indicator_info(data: Mapping[str, Any], series: Series | None) -> dict[str, Any]:
    info: dict[str, Any] = {"kind": "indicator", "label": data["label"], "id": data["series"]}
    if series is None:
        return info
    info.update(
        unit=series.unit,
        variation=VARIATION_LABEL.get(series.variation, series.variation.replace("_", " ")),
        assurance=ASSURANCE_LABEL.get(series.assurance, ""),
        points=[[p.period, p.value] for p in series.points],
        mean=series.mean,
        lower=series.lower_limit,
        upper=series.upper_limit,
        target=series.target,
    )
    return info


def _theme_info(data: Mapping[str, Any]) -> dict[str, Any]:
    scheme = theme_scheme()
    return {
        "kind": "theme",
        "id": data["theme"],
        "label": data["label"],
        "broader": [scheme.label(t) for t in scheme.ancestors(data["theme"])],
        "missing": data["missing_labels"],
        "priority": data["priority"],
    }


def _filters(run: Run, graph: nx.MultiDiGraph) -> dict[str, Any]:
    scheme = theme_scheme()
    themes = [d for _, d in graph.nodes(data=True) if d["kind"] == "theme"]
    agencies = [(n, d["label"]) for n, d in graph.nodes(data=True) if d["kind"] == "agency"]
    kinds = {f.kind for f in run.findings}
    statuses = {f.status for f in run.findings if f.status}
    return {
        "themes": [[d["theme"], d["label"], len(scheme.ancestors(d["theme"]))] for d in themes],
        "agencies": sorted(agencies, key=lambda a: a[1].casefold()),
        "kinds": [[k, FINDING_STYLE[k].label, FINDING_STYLE[k].color] for k in KINDS if k in kinds],
        "statuses": [s for s in STATUSES if s in statuses],
        "sources": [[s, source_style(s).label, source_style(s).color] for s in _sources(graph)],
        "severities": list(SEVERITIES),
    }


def _sources(graph: nx.MultiDiGraph) -> list[str]:
    present = {d["source_type"] for _, d in graph.nodes(data=True) if d["kind"] == "evidence"}
    known = [s for s in SOURCE_STYLE if s in present]
    return known + sorted(present - set(known))


def _legend(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Every colour, shape and line the page can draw, for the legend."""
    present = {d["kind"] for _, d in graph.nodes(data=True)}
    edge_kinds = {k for _, _, k in graph.edges(keys=True)}
    nodes = [[s.shape, s.color, s.label] for s in FINDING_STYLE.values()]
    nodes.append(["resolved", "#7B8794", "Resolved since the previous run (hollow, dashed)"])
    nodes += [[s.shape, s.color, s.label] for k, s in NODE_STYLE.items() if k in present]
    nodes.append(["gap", _GAP_BORDER, "⚠ Theme with missing kinds of evidence"])
    return {
        "nodes": nodes,
        "sources": [[s, source_style(s).label, source_style(s).color] for s in _sources(graph)],
        "edges": [
            [kind, style.color, style.label, options["width"], options.get("dashes")]
            for kind, style in EDGE_STYLE.items()
            if kind in edge_kinds
            for options in [_edge_options(kind)]
        ],
    }


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network build pyvis ships (9.1.2), to inline in the page."""
    lib = files("pyvis").joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js")
    return lib.read_text(encoding="utf-8")


def _page(run: Run, payload: dict[str, Any]) -> str:
    app = _html.template("graph.js")
    vis = vis_network_js()
    title = "Evidence graph"
    if run.partnership:
        title += f" — {run.partnership}"
    if run.period:
        title += f" — {run.period}"
    return Template(_html.template("graph.html")).substitute(
        csp=_html.text(_html.content_security_policy(vis, app)),
        title=_html.text(title),
        style=_html.template("graph.css"),
        data=_html.script_json(payload),
        vis=vis,
        app=app,
    )
