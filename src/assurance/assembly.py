"""Evidence assembly: everything on a finding's theme, weighed by its own direction.

The rules decide *that* a finding is raised and what kind; the assembly decides *what
it rests on*. A Performance Analysis Group reads everything it has on a theme before it
calls a risk or a strength, so a finding cites, beside the facts its rules matched,
every other piece of evidence on its theme and the themes below it:

- evidence rows of the last 12 months (the latest sub-group report of each sub-group,
  the latest Section 11 rating of each agency and standard, overdue actions), and the
  signals of the theme's indicator series, for the finding's area where it is about one;
- each classified by its *own* direction (:func:`assurance.kinds.direction`: SPC
  variation with polarity, target and benchmark status, audit grade, RAG, sentiment,
  Section 11 rating, review learning, complaint outcome, training evaluation) against
  the finding: the same way is *supporting*, the other way *contradicting*; a piece
  that points neither way is not cited.

A KLOE is a question, not a verdict: its evidence is what its rules matched, and
nothing is added to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from assurance.kinds import FACT_KINDS, direction

Fact = Mapping[str, object]

#: The direction a finding points: a strength well of practice, a risk ill.
FINDING_DIRECTION = {"strength": 1, "risk": -1}


class ThemeIndex:
    """The facts that can be assembled, by theme (built once per run)."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self.by_theme: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            theme = str(fact.get("theme") or "")
            if theme and _assemblable(fact):
                self.by_theme[theme].append(fact)

    def on(self, themes: Iterable[str]) -> list[Fact]:
        return [fact for theme in themes for fact in self.by_theme.get(theme, ())]


def _assemblable(fact: Fact) -> bool:
    """Rows of the window and signals of the series; never summaries or records,
    whose rows are cited themselves."""
    kind = FACT_KINDS.get(str(fact.get("fact")))
    if kind is None or kind.family not in {"item", "signal"} or direction(fact) == 0:
        return False
    if "recent" in fact and not fact["recent"]:
        return False
    return not ("latest" in fact and not fact["latest"])


def assemble(
    kind: str,
    branch: Iterable[str],
    index: ThemeIndex,
    cited: set[str],
    areas: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[tuple[str, Fact]]:
    """The other evidence on a finding's branch of the theme tree, with its role.

    ``cited`` are the ids the finding already cites; ``areas`` the areas its series are
    about (signals of other areas are left out; partnership-wide ones are kept).
    """
    sign = FINDING_DIRECTION.get(kind, 0)
    if not sign:
        return []
    found = []
    for fact in index.on(branch):
        if str(fact["id"]) in cited or not _in_area(fact, areas):
            continue
        role = "supporting" if direction(fact) * sign > 0 else "contradicting"
        found.append((role, fact))
    return found


def _in_area(fact: Fact, areas: set[str]) -> bool:
    area = str(fact.get("area") or "")
    return not areas or not area or area in areas
