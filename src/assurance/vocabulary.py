"""Controlled vocabularies: the SKOS theme scheme, and the contract's enumerations
(declared by each kind of evidence in :mod:`assurance.kinds`, re-exported here).

Matching is forgiving the way people write: case, spacing, hyphens, underscores,
slashes and ``&`` do not matter, and a theme may be named by its preferred label, any
alternative label or its id (``Neglect``, ``NEGLECT``, ``DA``, ``domestic violence``).
What does not match gets the nearest valid value as a suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from assurance._resources import ontology_dir
from assurance.kinds import ENUMERATIONS
from assurance.namespaces import THEME
from assurance.terms import Enumeration, nearest, normalise

__all__ = [
    "ENUMERATIONS",
    "Enumeration",
    "Theme",
    "ThemeVocabulary",
    "nearest",
    "normalise",
    "theme_vocabulary",
]

@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    broader: tuple[str, ...]
    alt_labels: tuple[str, ...]


class ThemeVocabulary:
    """The SKOS theme scheme: lookup by any label, and the broader/narrower hierarchy."""

    def __init__(self, themes: Mapping[str, Theme]) -> None:
        self.themes = dict(themes)
        self._by_key: dict[str, str] = {}
        for theme in self.themes.values():
            for name in (theme.id, theme.label, *theme.alt_labels):
                self._by_key.setdefault(normalise(name), theme.id)

    @classmethod
    def load(cls, path: Path | None = None) -> ThemeVocabulary:
        graph = Graph()
        graph.parse(path or ontology_dir() / "themes.ttl", format="turtle")
        themes = {}
        for concept in graph.subjects(SKOS.inScheme, THEME.scheme):
            theme_id = str(concept).removeprefix(str(THEME))
            themes[theme_id] = Theme(
                id=theme_id,
                label=str(graph.value(concept, SKOS.prefLabel)),
                broader=tuple(sorted(_local(b) for b in graph.objects(concept, SKOS.broader))),
                alt_labels=tuple(sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))),
            )
        return cls(themes)

    def resolve(self, text: object) -> str | None:
        """The theme id that ``text`` names, or None."""
        return self._by_key.get(normalise(text))

    def suggest(self, text: object) -> str | None:
        """The label of the theme nearest to ``text`` (for a "did you mean")."""
        labels = [t.label for t in self.themes.values()]
        labels += [a for t in self.themes.values() for a in t.alt_labels]
        return nearest(str(text), labels)

    def label(self, theme_id: str) -> str:
        theme = self.themes.get(theme_id)
        return theme.label if theme else theme_id

    def ancestors(self, theme_id: str) -> list[str]:
        """Every broader theme of ``theme_id``, nearest first, without repeats."""
        seen: list[str] = []
        frontier = list(self.themes[theme_id].broader) if theme_id in self.themes else []
        while frontier:
            current = frontier.pop(0)
            if current not in seen:
                seen.append(current)
                frontier.extend(self.themes[current].broader)
        return seen

    def with_ancestors(self, theme_id: str) -> list[str]:
        return [theme_id, *self.ancestors(theme_id)]

    def with_descendants(self, theme_id: str) -> list[str]:
        """``theme_id`` and every narrower theme below it, each once."""
        found = [theme_id]
        for current in found:
            found.extend(
                t.id for t in self.themes.values() if current in t.broader and t.id not in found
            )
        return found

    def depth(self, theme_id: str) -> int:
        return len(self.ancestors(theme_id))


def _local(node: object) -> str:
    return str(node).removeprefix(str(THEME))


@cache
def theme_vocabulary() -> ThemeVocabulary:
    """The built-in theme scheme (loaded once per process)."""
    return ThemeVocabulary.load()
