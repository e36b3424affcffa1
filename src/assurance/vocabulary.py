"""Controlled vocabularies: the SKOS theme scheme and the contract's enumerations.

Matching is forgiving the way people write: case, spacing, hyphens, underscores,
slashes and ``&`` do not matter, and a theme may be named by its preferred label, any
alternative label or its id (``Neglect``, ``NEGLECT``, ``DA``, ``domestic violence``).
What does not match gets the nearest valid value as a suggestion.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from assurance._resources import ontology_dir

THEME = Namespace("https://w3id.org/safeguarding-assurance/theme/")

_SEPARATORS = re.compile(r"[\s\-_/.,]+")


def normalise(text: object) -> str:
    """The matching key of a term: lower case, ``&`` as ``and``, separators as ``_``."""
    key = str(text).strip().lower().replace("&", " and ").replace("'", "")
    return _SEPARATORS.sub("_", key).strip("_")


def nearest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``value``, if any is close enough to suggest."""
    options = {normalise(c): c for c in candidates}
    close = difflib.get_close_matches(normalise(value), list(options), n=1, cutoff=0.6)
    return options[close[0]] if close else None


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

    def depth(self, theme_id: str) -> int:
        return len(self.ancestors(theme_id))


def _local(node: object) -> str:
    return str(node).removeprefix(str(THEME))


@cache
def theme_vocabulary() -> ThemeVocabulary:
    """The built-in theme scheme (loaded once per process)."""
    return ThemeVocabulary.load()


@dataclass(frozen=True)
class Enumeration:
    """A closed list of values, with the other spellings people use for them."""

    name: str
    values: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, text: object) -> str | None:
        key = normalise(text)
        if key in self.values:
            return key
        return self.aliases.get(key)

    def suggest(self, text: object) -> str | None:
        return nearest(str(text), [*self.values, *self.aliases])

    def describe(self) -> str:
        return ", ".join(self.values)


def _enum(name: str, values: str, **aliases: str) -> Enumeration:
    return Enumeration(name, tuple(values.split()), aliases)


ENUMERATIONS: dict[str, Enumeration] = {
    e.name: e
    for e in (
        _enum(
            "unit",
            "count percent rate_per_10k days ratio",
            number="count",
            pct="percent",
            rate="rate_per_10k",
            per_10k="rate_per_10k",
            rate_per_10000="rate_per_10k",
            rate_per_10_000="rate_per_10k",
        ),
        _enum(
            "polarity",
            "up_is_good up_is_bad neutral",
            high="up_is_good",
            higher_is_better="up_is_good",
            low="up_is_bad",
            lower_is_better="up_is_bad",
            none="neutral",
        ),
        _enum(
            "evidence_type",
            "quantity quality outcome",
            how_much="quantity",
            how_well="quality",
            is_anyone_better_off="outcome",
        ),
        _enum(
            "comparator_kind",
            "england region statistical_neighbours",
            national="england",
            sn="statistical_neighbours",
            sns="statistical_neighbours",
            statistical_neighbour="statistical_neighbours",
            stat_neighbours="statistical_neighbours",
        ),
        _enum(
            "finding",
            "strength learning",
            strengths="strength",
            good_practice="strength",
            area_for_improvement="learning",
            improvement="learning",
            learning_point="learning",
        ),
        _enum(
            "audit_type",
            "multi_agency single_agency thematic deep_dive closing_loop",
            multiagency="multi_agency",
            maca="multi_agency",
            single="single_agency",
            closing_the_loop="closing_loop",
        ),
        _enum(
            "grade",
            "outstanding good requires_improvement inadequate",
            ri="requires_improvement",
            requires_improvement_to_be_good="requires_improvement",
        ),
        _enum(
            "review_type",
            "rapid_review lcspr national_review cdop jtai inspection serious_incident",
            rr="rapid_review",
            local_child_safeguarding_practice_review="lcspr",
            cspr="lcspr",
            national_child_safeguarding_practice_review="national_review",
            ncspr="national_review",
            child_death_overview_panel="cdop",
            joint_targeted_area_inspection="jtai",
            sin="serious_incident",
            serious_incident_notification="serious_incident",
        ),
        _enum(
            "voice_of",
            "child young_person parent_carer practitioner community",
            children="child",
            young_people="young_person",
            yp="young_person",
            parent="parent_carer",
            carer="parent_carer",
            parents="parent_carer",
            parent_or_carer="parent_carer",
            family="parent_carer",
            staff="practitioner",
            practitioners="practitioner",
            professional="practitioner",
        ),
        _enum("sentiment", "positive mixed negative", neutral="mixed"),
        _enum(
            "voice_source",
            "survey youth_group focus_group advocacy complaint compliment consultation",
        ),
        _enum("rag", "green amber red", g="green", a="amber", r="red"),
        _enum(
            "assurance",
            "assured partially_assured not_assured",
            partial="partially_assured",
            limited="partially_assured",
            no_assurance="not_assured",
        ),
        _enum(
            "s11_rating",
            "met partially_met not_met",
            green="met",
            amber="partially_met",
            red="not_met",
            partially="partially_met",
            partly_met="partially_met",
            unmet="not_met",
        ),
        _enum(
            "action_status",
            "open complete overdue",
            completed="complete",
            closed="complete",
            done="complete",
            in_progress="open",
            late="overdue",
        ),
    )
}
