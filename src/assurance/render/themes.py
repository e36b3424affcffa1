"""The theme scheme as the renderers need it: labels, broader themes and a fixed order.

A view of :func:`assurance.vocabulary.theme_vocabulary` (``themes.ttl`` is parsed once
per process). The order (top concepts by label, each followed by its narrower themes)
never depends on a run's data, so a theme's cluster sits in the same place in the graph
quarter after quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assurance.vocabulary import ThemeVocabulary, theme_vocabulary


@dataclass(frozen=True)
class ThemeScheme:
    vocabulary: ThemeVocabulary
    order: tuple[str, ...]

    @property
    def labels(self) -> dict[str, str]:
        return {theme.id: theme.label for theme in self.vocabulary.themes.values()}

    @property
    def broader(self) -> dict[str, tuple[str, ...]]:
        return {t.id: t.broader for t in self.vocabulary.themes.values() if t.broader}

    def label(self, theme: str, fallback: str = "") -> str:
        known = self.vocabulary.themes.get(theme)
        if known:
            return known.label
        return fallback or theme.replace("-", " ").capitalize()

    def ancestors(self, theme: str) -> list[str]:
        """Broader themes, nearest first, each once."""
        return self.vocabulary.ancestors(theme)

    def position(self, theme: str) -> tuple[int, str]:
        """Sort key: the scheme's order, unknown themes after it by id."""
        try:
            return (self.order.index(theme), theme)
        except ValueError:
            return (len(self.order), theme)


@lru_cache(maxsize=1)
def theme_scheme() -> ThemeScheme:
    vocabulary = theme_vocabulary()
    themes = vocabulary.themes
    children: dict[str, list[str]] = {}
    for theme in themes.values():
        for parent in theme.broader:
            children.setdefault(parent, []).append(theme.id)
    order: list[str] = []

    def visit(theme_id: str) -> None:
        if theme_id in order:
            return
        order.append(theme_id)
        for child in sorted(children.get(theme_id, ()), key=lambda t: themes[t].label):
            visit(child)

    for top in sorted((t for t in themes.values() if not t.broader), key=lambda t: t.label):
        visit(top.id)
    return ThemeScheme(vocabulary, tuple(order))
