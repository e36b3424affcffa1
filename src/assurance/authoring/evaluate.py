"""A rule evaluated in plain Python: which facts meet which conditions, which join.

The rules engine says only *that* a rule fired. Authors and scrutineers also ask *why
not*: which condition no fact met, and which facts came nearest. This module answers
from the same conditions the engine compiles (:func:`assurance.engine.condition_holds`
is the engine's own pre-filter), joining in Python.

It is also a reference implementation: a rule's examples are checked against it as well
as against the engine, so an engine that fires a match the rule does not allow is
caught by the examples (durable-rules drops a join written after an ``$or``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from assurance.engine import condition_holds, setting_value
from assurance.kinds import FACT_FIELDS, fact_needs
from assurance.rules import Condition, Pattern, RuleSpec
from assurance.terms import format_value
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary

Fact = Mapping[str, object]
Bindings = dict[str, str]  # alias -> fact id

#: How many nearest candidates to show for a pattern no fact satisfies.
NEAREST = 3
#: Stop searching for matches after this many (explanations need only a few).
MATCH_LIMIT = 1000

_OPERATOR_WORDS = {
    "equals": "", "not": "not ", "in": "one of ", "not_in": "none of ",
    "at_least": "at least ", "at_most": "at most ", "above": "above ", "below": "below ",
    "within": "within ",
}


def wanted_text(condition: Condition, rule: RuleSpec) -> str:
    """What a condition wants, in words: ``at least 1 (setting minimum_critical)``."""
    value = setting_value(condition.value, rule)
    if condition.op == "exists":
        return "recorded" if value else "not recorded"
    shown = ", ".join(map(_text, value)) if isinstance(value, list) else _text(value)
    setting = (f" (setting {str(condition.value)[1:]})"
               if isinstance(condition.value, str) and condition.value.startswith("$") else "")
    return f"{_OPERATOR_WORDS[condition.op]}{shown}{setting}"


def describe_condition(condition: Condition, rule: RuleSpec) -> str:
    """A condition in words: ``critical is at least 1 (setting minimum_critical)``."""
    return f"{condition.field} is {wanted_text(condition, rule)}"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "not recorded" if value is None else str(value)


def where_written(rule: RuleSpec, line: int | None, column: int | None) -> str:
    """``rules/x.yaml:12:5``: where something of the rule is written."""
    if line is None:
        return rule.file
    return f"{rule.file}:{line}" + (f":{column}" if column is not None else "")


@dataclass
class ConditionResult:
    field: str
    wanted: str
    holds: bool
    actual: object
    location: str

    @property
    def condition(self) -> str:
        return f"{self.field} is {self.wanted}"

    def failure(self) -> str:
        return f"{self.field} is {_text(self.actual)}, wanted {self.wanted}"


def check_conditions(pattern: Pattern, fact: Fact, rule: RuleSpec,
                     themes: ThemeVocabulary | None = None) -> list[ConditionResult]:
    """Each of the pattern's own conditions applied to one fact."""
    themes = themes or theme_vocabulary()
    return [ConditionResult(c.field, wanted_text(c, rule), condition_holds(c, fact, rule, themes),
                            fact.get(c.field), where_written(rule, c.line, c.column))
            for c in pattern.where]


def accepts(pattern: Pattern, fact: Fact, rule: RuleSpec, themes: ThemeVocabulary) -> bool:
    return fact.get("fact") == pattern.fact and all(
        condition_holds(c, fact, rule, themes) for c in pattern.where)


def joins_hold(pattern: Pattern, fact: Fact, bound: Mapping[str, Fact]) -> bool:
    for join in pattern.joins:
        mine, theirs = fact.get(join.field), bound[join.alias].get(join.other_field)
        if mine is None or theirs is None or mine != theirs:
            return False
    return True


def find_matches(rule: RuleSpec, facts: Iterable[Fact], themes: ThemeVocabulary | None = None,
                 *, limit: int = MATCH_LIMIT,
                 candidates: Mapping[str, list[Fact]] | None = None) -> list[Bindings]:
    """Every way the rule's patterns can be bound to facts (up to ``limit``)."""
    themes = themes or theme_vocabulary()
    facts = list(facts)
    pools = candidates or {p.alias: [f for f in facts if accepts(p, f, rule, themes)]
                           for p in rule.patterns}
    found: list[Bindings] = []
    indexes = {p.alias: _index(pools[p.alias], p.joins[0].field) for p in rule.patterns
               if p.joins}

    def extend(index: int, bound: dict[str, Fact]) -> None:
        if len(found) >= limit:
            return
        if index == len(rule.patterns):
            found.append({alias: str(fact["id"]) for alias, fact in bound.items()})
            return
        pattern = rule.patterns[index]
        for fact in _joinable(pattern, pools[pattern.alias], indexes.get(pattern.alias), bound):
            if joins_hold(pattern, fact, bound):
                extend(index + 1, {**bound, pattern.alias: fact})

    extend(0, {})
    return found


def _index(facts: list[Fact], name: str) -> dict[object, list[Fact]] | None:
    """Facts by the value of the field they join on (a join is an equality)."""
    index: dict[object, list[Fact]] = defaultdict(list)
    try:
        for fact in facts:
            index[fact.get(name)].append(fact)
    except TypeError:  # a value that cannot be a key: search them all
        return None
    return index


def _joinable(pattern: Pattern, pool: list[Fact], index: dict[object, list[Fact]] | None,
              bound: Mapping[str, Fact]) -> list[Fact]:
    if index is None:
        return pool
    join = pattern.joins[0]
    wanted = bound[join.alias].get(join.other_field)
    try:
        return index.get(wanted, []) if wanted is not None else []
    except TypeError:
        return pool


# --- why (not) --------------------------------------------------------------------


@dataclass
class Candidate:
    """A fact that came near to satisfying a pattern, and what it lacked."""

    id: str
    label: str
    failing: list[str]
    source: list[str] = field(default_factory=list)


@dataclass
class ConditionTally:
    condition: str
    location: str
    met: int


@dataclass
class PatternReport:
    alias: str
    fact: str
    location: str
    considered: int
    accepted: list[str]
    conditions: list[ConditionTally]
    nearest: list[Candidate]
    note: str = ""


@dataclass
class Diagnosis:
    """Why a rule does or does not fire on a set of facts (optionally on one theme)."""

    rule: str
    theme: str | None
    patterns: list[PatternReport]
    matches: list[Bindings]
    verdict: str

    @property
    def fires(self) -> bool:
        return bool(self.matches)


def theme_aliases(rule: RuleSpec) -> set[str]:
    """The aliases whose theme is the finding's theme (the theme alias and those joined
    to it on theme)."""
    if not rule.patterns:
        return set()
    first = rule.theme_from or rule.patterns[0].alias
    tied = {first}
    for pattern in rule.patterns:
        for join in pattern.joins:
            on_theme = join.field == "theme" and join.other_field == "theme"
            if on_theme and (join.alias in tied or pattern.alias in tied):
                tied |= {join.alias, pattern.alias}
    return tied


def fact_label(fact: Fact, themes: ThemeVocabulary | None = None) -> str:
    """What a person calls a fact: its label or title, or its kind and theme."""
    for key in ("label", "title", "standard", "subgroup", "indicator"):
        if fact.get(key):
            return str(fact[key])
    theme = str(fact.get("theme") or "")
    about = (themes or theme_vocabulary()).label(theme) if theme else "the partnership"
    return f"{str(fact.get('fact')).replace('_', ' ')} on {about}"


def fact_sources(fact: Fact) -> list[str]:
    """Where a fact came from: ``audits.csv:7``, or each row behind a signal."""
    source = fact.get("source")
    if isinstance(source, dict):
        return [f"{source.get('file', '')}:{source.get('row', '')}".rstrip(":")]
    if isinstance(source, list):
        return [f"{s.get('file', '')}:{s.get('row', '')}" if isinstance(s, dict) else str(s)
                for s in source]
    return []


def diagnose(rule: RuleSpec, facts: Iterable[Fact], themes: ThemeVocabulary | None = None,
             theme: str | None = None) -> Diagnosis:
    """Why ``rule`` fires or not on ``facts``; with ``theme``, only for that theme."""
    themes = themes or theme_vocabulary()
    facts = list(facts)
    if theme and rule.theme and rule.theme != theme:
        return Diagnosis(rule.code, theme, [], [],
                         f"{rule.code} raises findings only on {themes.label(rule.theme)} "
                         f"(theme: {rule.theme} in its file), never on {themes.label(theme)}.")
    tied = theme_aliases(rule) if theme else set()
    reports, pools = [], {}
    for pattern in rule.patterns:
        report, pool = _pattern_report(rule, pattern, facts, themes,
                                       theme if pattern.alias in tied else None)
        reports.append(report)
        pools[pattern.alias] = pool
    matches = (find_matches(rule, facts, themes, candidates=pools)
               if all(pools.values()) else [])
    return Diagnosis(rule.code, theme, reports, matches,
                     _verdict(rule, reports, pools, matches, themes, theme))


def _pattern_report(rule: RuleSpec, pattern: Pattern, facts: list[Fact], themes: ThemeVocabulary,
                    theme: str | None) -> tuple[PatternReport, list[Fact]]:
    of_kind = [f for f in facts if f.get("fact") == pattern.fact]
    considered = [f for f in of_kind if theme is None or f.get("theme") == theme]
    results = {str(f["id"]): check_conditions(pattern, f, rule, themes) for f in considered}
    accepted = [f for f in considered if all(r.holds for r in results[str(f["id"])])]
    tallies = [ConditionTally(describe_condition(c, rule), where_written(rule, c.line, c.column),
                              sum(results[str(f["id"])][i].holds for f in considered))
               for i, c in enumerate(pattern.where)]
    nearest: list[Candidate] = []
    if considered and not accepted:
        ranked = sorted(considered, key=lambda f: (sum(not r.holds for r in results[str(f["id"])]),
                                                   _distance(pattern, f, rule), str(f["id"])))
        nearest = [Candidate(str(f["id"]), fact_label(f, themes),
                             [r.failure() for r in results[str(f["id"])] if not r.holds],
                             fact_sources(f)) for f in ranked[:NEAREST]]
    note = ""
    if not considered:
        note = _absence(pattern, of_kind, themes, theme)
    report = PatternReport(pattern.alias, pattern.fact,
                           where_written(rule, pattern.line, pattern.column), len(considered),
                           [str(f["id"]) for f in accepted], tallies, nearest, note)
    return report, accepted


def _distance(pattern: Pattern, fact: Fact, rule: RuleSpec) -> float:
    """How far a fact's numbers are from the pattern's numeric thresholds (relative)."""
    total = 0.0
    for condition in pattern.where:
        wanted, value = setting_value(condition.value, rule), fact.get(condition.field)
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool)
                      for v in (value, wanted))
        if condition.op in {"at_least", "at_most", "above", "below"} and numeric:
            total += abs(value - wanted) / (abs(wanted) or 1)  # type: ignore[operator]
    return total


def _absence(pattern: Pattern, of_kind: list[Fact], themes: ThemeVocabulary,
             theme: str | None) -> str:
    if not of_kind:
        return (f"the run has no '{pattern.fact}' facts at all: the evidence pack holds nothing "
                f"this pattern could match ({_kind_hint(pattern.fact)})")
    others = sorted({str(f.get("theme") or "") for f in of_kind} - {""})
    shown = ", ".join(themes.label(t) for t in others[:8]) + (" ..." if len(others) > 8 else "")
    return (f"no '{pattern.fact}' fact is about {themes.label(theme or '')}; "
            f"{len(of_kind)} are about other themes ({shown})")


def _kind_hint(kind: str) -> str:
    return fact_needs(kind) or "see docs/rules.md"


def _verdict(rule: RuleSpec, reports: list[PatternReport], pools: Mapping[str, list[Fact]],
             matches: list[Bindings], themes: ThemeVocabulary, theme: str | None) -> str:
    on = f" on {themes.label(theme)}" if theme else ""
    if matches:
        more = "+" if len(matches) >= MATCH_LIMIT else ""
        return (f"{rule.code} matches{on}: {len(matches)}{more} combination(s) of facts meet "
                "every condition and join.")
    for report in reports:
        if report.considered == 0:
            return f"{rule.code} cannot fire{on}: '{report.alias}' ({report.fact}): {report.note}."
        if not report.accepted:
            unmet = [t.condition for t in report.conditions if t.met == 0]
            reason = (f"no fact meets {'; nor '.join(unmet)}" if unmet else
                      "no single fact meets all its conditions together")
            return (f"{rule.code} does not fire{on}: '{report.alias}' ({report.fact}, "
                    f"{report.considered} considered): {reason}.")
    return f"{rule.code} does not fire{on}: {_join_failure(rule, pools)}"


def _join_failure(rule: RuleSpec, pools: Mapping[str, list[Fact]]) -> str:
    for index, pattern in enumerate(rule.patterns[1:], start=1):
        partial = find_matches(replace_patterns(rule, rule.patterns[: index + 1]), [],
                               candidates=pools, limit=1)
        if partial:
            continue
        parts = []
        for join in pattern.joins:
            mine = sorted({format_value(f.get(join.field)) for f in pools[pattern.alias]})
            theirs = sorted({format_value(f.get(join.other_field)) for f in pools[join.alias]})
            here, there = f"{pattern.alias}.{join.field}", f"{join.alias}.{join.other_field}"
            parts.append(f"{here} must equal {there}, but the facts that meet the conditions "
                         f"have {here} {_few(mine)} and {there} {_few(theirs)}")
        return ("every pattern has facts meeting its conditions, but none join: "
                + "; ".join(parts) + ".")
    return "no combination of facts joins."


def _few(values: list[str]) -> str:
    return ", ".join(values[:5]) + (f" (and {len(values) - 5} more)" if len(values) > 5 else "")


def replace_patterns(rule: RuleSpec, patterns: tuple[Pattern, ...]) -> RuleSpec:
    return replace(rule, patterns=patterns)


def numbers_of(fact: Fact) -> dict[str, object]:
    """The fields of a fact that say what it measured: numbers, flags, states, periods."""
    specs = FACT_FIELDS.get(str(fact.get("fact")), {})
    shown = {}
    for name, spec in specs.items():
        if name in {"id", "theme"} or name not in fact:
            continue
        if spec.type in {"number", "integer", "boolean", "period"} or spec.values:
            shown[name] = fact[name]
    return shown
