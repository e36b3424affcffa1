"""The theme scheme as the renderers need it: labels, broader themes and a fixed order.

Read once from ``ontology/themes.ttl``. The order (top concepts by label, each followed
by its narrower themes) never depends on a run's data, so a theme's cluster sits in the
same place in the graph quarter after quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from assurance._resources import ontology_dir

_THEME_NS = "https://w3id.org/safeguarding-assurance/theme/"


@dataclass(frozen=True)
class ThemeScheme:
    labels: dict[str, str]
    broader: dict[str, tuple[str, ...]]
    order: tuple[str, ...]

    def label(self, theme: str, fallback: str = "") -> str:
        return self.labels.get(theme) or fallback or theme.replace("-", " ").capitalize()

    def ancestors(self, theme: str) -> list[str]:
        """Broader themes, nearest first, each once."""
        seen: list[str] = []
        frontier = list(self.broader.get(theme, ()))
        while frontier:
            parent = frontier.pop(0)
            if parent not in seen and parent != theme:
                seen.append(parent)
                frontier.extend(self.broader.get(parent, ()))
        return seen

    def position(self, theme: str) -> tuple[int, str]:
        """Sort key: the scheme's order, unknown themes after it by id."""
        try:
            return (self.order.index(theme), theme)
        except ValueError:
            return (len(self.order), theme)


@lru_cache(maxsize=1)
def theme_scheme() -> ThemeScheme:
    graph = Graph().parse(ontology_dir() / "themes.ttl", format="turtle")
    labels: dict[str, str] = {}
    broader: dict[str, list[str]] = {}
    for concept, label in graph.subject_objects(SKOS.prefLabel):
        theme = _local(concept)
        if theme and theme != "scheme":
            labels[theme] = str(label)
    for narrower, parent in graph.subject_objects(SKOS.broader):
        broader.setdefault(_local(narrower), []).append(_local(parent))
    children: dict[str, list[str]] = {}
    for theme, parents in broader.items():
        for parent in parents:
            children.setdefault(parent, []).append(theme)
    order: list[str] = []

    def visit(theme: str) -> None:
        if theme in order:
            return
        order.append(theme)
        for child in sorted(children.get(theme, ()), key=lambda t: labels.get(t, t)):
            visit(child)

    for top in sorted((t for t in labels if t not in broader), key=lambda t: labels[t]):
        visit(top)
    return ThemeScheme(
        labels=labels,
        broader={t: tuple(sorted(p)) for t, p in broader.items()},
        order=tuple(order),
    )


def _local(node: object) -> str:
    text = str(node) if isinstance(node, URIRef) else ""
    return text.removeprefix(_THEME_NS) if text.startswith(_THEME_NS) else ""
