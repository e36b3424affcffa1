"""Precomputed, stable positions for the evidence graph.

Force-directed layouts do not scale to an England-sized run: networkx's spring layout
takes 0.7 s for 450 nodes and 6 s for 800, and vis-network's physics needs 140 s to
settle 3,000 nodes in the browser (with positions precomputed, 5,000 nodes draw in
1.3 s). So the layout is structural and linear in the number of nodes:

- each theme is a cluster, with the theme at its centre; clusters are packed in rows in
  the theme scheme's fixed order, so a theme sits in the same place every quarter;
- a theme's findings lie on a Vogel (sunflower) spiral around it, risks first, then
  KLOE, then strengths; the radius grows with the square root of the area used so far,
  which keeps findings of different sizes from overlapping;
- each finding carries a petal: the evidence it is the first to cite, then the
  indicators of that evidence, in arcs above it, clear of its label;
- agencies sit in a row above the clusters and rules in a row below.

Only the order of findings, evidence and themes decides a position, never a random
draw, so the same run always gives the same picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from assurance.render.themes import theme_scheme
from assurance.render.vocab import KINDS, SEVERITIES, rank

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
NODE_GAP = 30.0  # distance between neighbouring evidence nodes in a petal
FINDING_GAP = 110.0  # spacing of findings around their theme
CLUSTER_GAP = 70.0
HUB_GAP = 110.0
PETAL_RADIUS = 46.0  # the first arc of evidence above a finding
PETAL_ARC = math.pi * 0.9  # how much of the circle a petal's arcs span
LABEL_ROOM = 30.0  # below a finding: its label, up to three lines
ASPECT = 1.7  # width : height of the packed clusters, the shape of a landscape screen
LABEL_CHAR = 3.6  # half the width of one label character, to keep theme labels apart

Position = tuple[float, float]


@dataclass
class _Petal:
    """A finding and the nodes drawn beside it, in arcs above it (its label is below)."""

    finding: str
    members: list[str] = field(default_factory=list)

    def offsets(self) -> list[Position]:
        offsets: list[Position] = []
        ring = 0
        while len(offsets) < len(self.members):
            radius = PETAL_RADIUS + ring * NODE_GAP
            capacity = max(1, int(radius * PETAL_ARC / NODE_GAP))
            count = min(capacity, len(self.members) - len(offsets))
            for slot in range(count):
                # Spread evenly over the arc, centred straight up (y grows downwards).
                angle = -math.pi / 2 + PETAL_ARC * ((slot + 0.5) / count - 0.5)
                offsets.append((radius * math.cos(angle), radius * math.sin(angle)))
            ring += 1
        return offsets

    @property
    def radius(self) -> float:
        if not self.members:
            return FINDING_GAP / 2
        return max(math.hypot(x, y) for x, y in self.offsets()) + NODE_GAP / 2


def layout(graph: nx.MultiDiGraph) -> dict[str, Position]:
    """Positions (vis-network pixels, y down) for every node of the evidence graph."""
    petals = _petals(graph)
    clusters: dict[str, dict[str, Position]] = {}
    for theme, findings in _findings_by_theme(graph).items():
        clusters[theme] = _cluster(theme, [petals[f] for f in findings])
    for node, data in graph.nodes(data=True):
        if data["kind"] == "theme" and data["theme"] not in clusters:
            clusters[data["theme"]] = {node: (0.0, 0.0)}
    labels = {
        d["theme"]: len(str(d["label"])) for _, d in graph.nodes(data=True) if d["kind"] == "theme"
    }
    positions, width, height = _pack(clusters, labels)
    positions.update(_hub_row(graph, "agency", width, -HUB_GAP))
    positions.update(_hub_row(graph, "rule", width, height + HUB_GAP))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}


def _findings_by_theme(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if data["kind"] == "finding":
            groups[data["theme"]].append(node)
    for members in groups.values():
        members.sort(key=lambda n: _finding_order(graph.nodes[n], n))
    return groups


def _finding_order(data: dict[str, object], node: str) -> tuple[int, int, str]:
    return (
        rank(KINDS, str(data.get("finding_kind"))),
        rank(SEVERITIES, str(data.get("severity"))),
        node,
    )


def _petals(graph: nx.MultiDiGraph) -> dict[str, _Petal]:
    """Give each evidence item (and each indicator) one home finding to sit beside."""
    petals = {n: _Petal(n) for n, d in graph.nodes(data=True) if d["kind"] == "finding"}
    home: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] != "evidence":
            continue
        findings = sorted(
            (v for _, v, k in graph.out_edges(node, keys=True) if k in ("supports", "contradicts")),
            key=lambda f: (graph.nodes[f].get("theme") != data["cluster"], f),
        )
        if findings:
            home[node] = findings[0]
            petals[findings[0]].members.append(node)
    for node, data in graph.nodes(data=True):
        if data["kind"] != "indicator":
            continue
        signals = sorted(u for u, _ in graph.in_edges(node) if u in home)
        if signals:
            petals[home[signals[0]]].members.append(node)
    return petals


def _cluster(theme: str, petals: list[_Petal]) -> dict[str, Position]:
    """Positions around (0, 0) of a theme, its findings and their petals."""
    positions: dict[str, Position] = {}
    if theme:
        positions[f"theme:{theme}"] = (0.0, 0.0)
    used = math.pi * FINDING_GAP**2  # the area the theme node itself takes
    for index, petal in enumerate(petals):
        size = max(petal.radius, FINDING_GAP / 2) + LABEL_ROOM
        used += math.pi * (size + NODE_GAP / 2) ** 2
        radius = math.sqrt(used / math.pi) - size / 2
        angle = index * GOLDEN_ANGLE - math.pi / 2  # the first straight above its theme
        centre = (radius * math.cos(angle), radius * math.sin(angle))
        positions[petal.finding] = centre
        positions.update(_petal_positions(petal, centre))
    return positions


def _petal_positions(petal: _Petal, centre: Position) -> dict[str, Position]:
    return {
        member: (centre[0] + dx, centre[1] + dy)
        for member, (dx, dy) in zip(petal.members, petal.offsets(), strict=True)
    }


def _pack(
    clusters: dict[str, dict[str, Position]], labels: dict[str, int]
) -> tuple[dict[str, Position], float, float]:
    """Shelf-pack the clusters in the theme scheme's order; return positions and extent."""
    scheme = theme_scheme()
    order = sorted(clusters, key=lambda t: scheme.position(t) if t else (10**6, ""))
    radius = {t: max(_radius(clusters[t]), labels.get(t, 0) * LABEL_CHAR) for t in order}
    area = sum((2 * r + CLUSTER_GAP) ** 2 for r in radius.values())
    row_width = max(math.sqrt(area * ASPECT), max((2 * r for r in radius.values()), default=0))
    positions: dict[str, Position] = {}
    x = y = row_height = width = 0.0
    for theme in order:
        size = 2 * radius[theme] + CLUSTER_GAP
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        for node, (px, py) in clusters[theme].items():
            positions[node] = (cx + px, cy + py)
        x += size
        row_height = max(row_height, size)
        width = max(width, x)
    return positions, width, y + row_height


def _radius(cluster: dict[str, Position]) -> float:
    return max((math.hypot(x, y) for x, y in cluster.values()), default=0.0) + NODE_GAP


def _hub_row(graph: nx.MultiDiGraph, kind: str, width: float, y: float) -> dict[str, Position]:
    nodes = sorted(
        (n for n, d in graph.nodes(data=True) if d["kind"] == kind),
        key=lambda n: (str(graph.nodes[n]["label"]).casefold(), n),
    )
    if not nodes:
        return {}
    step = max(width / len(nodes), 120.0)
    start = (width - step * (len(nodes) - 1)) / 2
    return {node: (start + i * step, y) for i, node in enumerate(nodes)}
