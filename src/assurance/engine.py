"""The only module that imports durable-rules: rules compiled to rulesets, facts asserted,
matches collected.

durable-rules registers rulesets globally by name and never frees them, and every Host
starts two timer threads (jruizgit/rules issues 121, 137, 262, 371). So:
one Host per process, its timer threads never started, one ruleset per distinct
compiled definition (named by its hash, registered once), one state id per run, and
every fact retracted after the run. ``delete_state`` is not used: once a second
ruleset is registered it can crash the process with a segmentation fault inside the C
engine (reproduced here with durable-rules 2.0.28: run one ruleset, register another,
run it, delete its state); retracting the run's facts frees the memory safely.

Facts are asserted one at a time. A fact that no rule could match raises
``MessageNotHandledException``, so each fact is first checked in Python against the
patterns' own conditions and only candidates are asserted; the engine then does the
joining and firing. The engine's false-duplicate detection (32-bit hashes, issue 376)
would silently drop a fact, so a duplicate report is checked and raised as a bug.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import durable.engine as durable_engine

from assurance.errors import EngineError
from assurance.rules import Condition, Pattern, RuleSpec
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary


@dataclass(frozen=True, eq=False)
class Match:
    """One firing of a rule: which fact id each alias matched."""

    rule: RuleSpec
    bindings: tuple[tuple[str, str], ...]  # (alias, fact id), in pattern order

    def fact_ids(self) -> dict[str, str]:
        return dict(self.bindings)


# --- compiling ----------------------------------------------------------------------


def setting_value(value: object, rule: RuleSpec) -> object:
    if isinstance(value, str) and value.startswith("$"):
        return rule.settings[value[1:]]
    return value


def _durable_condition(condition: Condition, rule: RuleSpec, themes: ThemeVocabulary) -> dict:
    name, op = condition.field, condition.op
    value = setting_value(condition.value, rule)
    comparisons = {
        "at_least": "$gte",
        "at_most": "$lte",
        "above": "$gt",
        "below": "$lt",
        "not": "$neq",
    }
    if op == "equals":
        return {name: value}
    if op in comparisons:
        return {comparisons[op]: {name: value}}
    if op == "exists":
        return {"$ex" if value else "$nex": {name: 1}}
    if op in {"in", "within"}:
        options = _within(themes, value) if op == "within" else list(value)  # type: ignore[call-overload]
        return {"$or": [{name: option} for option in options]}
    if op == "not_in":
        return {"$and": [{"$neq": {name: option}} for option in value]}  # type: ignore[union-attr]
    raise EngineError(f"{rule.file}: operator '{op}' cannot be compiled")  # lint prevents this


def _within(themes: ThemeVocabulary, theme: object) -> list[str]:
    root = themes.resolve(theme) or str(theme)
    return sorted(t for t in themes.themes if root in themes.with_ancestors(t))


def compile_rule(rule: RuleSpec, themes: ThemeVocabulary | None = None) -> dict:
    """A rule as a durable-rules rule definition (plain data)."""
    themes = themes or theme_vocabulary()
    clauses = []
    for pattern in rule.patterns:
        # Joins come straight after the kind: durable-rules ignores a join placed after an
        # $or/$and term (which in, within and not_in compile to); reproduced here.
        terms: list[dict] = [{"fact": pattern.fact}]
        terms += [{join.field: {join.alias: join.other_field}} for join in pattern.joins]
        terms += [_durable_condition(c, rule, themes) for c in pattern.where]
        clauses.append({pattern.alias: {"$and": terms}})
    return {"all": clauses, "run": rule.code}


def compile_rules(rules: Iterable[RuleSpec], themes: ThemeVocabulary | None = None) -> dict:
    return {rule.code: compile_rule(rule, themes) for rule in rules}


# --- evaluating conditions in Python (pre-filter and explanations) ------------------


def condition_holds(
    condition: Condition,
    fact: Mapping[str, object],
    rule: RuleSpec,
    themes: ThemeVocabulary | None = None,
) -> bool:
    value = fact.get(condition.field)
    wanted = setting_value(condition.value, rule)
    op = condition.op
    if op == "exists":
        return (value is not None) == bool(wanted)
    if value is None:
        return False
    if op == "equals":
        return value == wanted
    if op == "not":
        return value != wanted
    if op == "in":
        return value in wanted  # type: ignore[operator]
    if op == "not_in":
        return value not in wanted  # type: ignore[operator]
    if op == "within":
        return value in _within(themes or theme_vocabulary(), wanted)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return {
        "at_least": value >= wanted,
        "at_most": value <= wanted,  # type: ignore[operator]
        "above": value > wanted,
        "below": value < wanted,
    }[op]  # type: ignore[operator]


def pattern_accepts(
    pattern: Pattern,
    fact: Mapping[str, object],
    rule: RuleSpec,
    themes: ThemeVocabulary | None = None,
) -> bool:
    """Does ``fact`` satisfy the pattern's own conditions (joins aside)?"""
    return fact.get("fact") == pattern.fact and all(
        condition_holds(c, fact, rule, themes) for c in pattern.where
    )


# --- running ------------------------------------------------------------------------


def engine_view(fact: Mapping[str, object], sid: str) -> dict[str, object]:
    """What the engine holds of a fact: scalar fields only, no empty values."""
    view: dict[str, object] = {"sid": sid}
    for key, value in fact.items():
        if value is None or isinstance(value, list | dict):
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        view[key] = value
    return view


class _CollectingHost(durable_engine.Host):
    """A Host whose actions record the matched facts' ids for the current run."""

    def __init__(self) -> None:
        self.collector: Callable[[str, dict[str, str]], None] | None = None
        super().__init__()

    def _run(self) -> None:
        """Start no background threads.

        durable-rules' Host starts two timer threads that dispatch every ruleset every
        0.2 s, concurrently with the caller, into a C engine that does not say it is
        thread-safe. Every action of ours runs synchronously inside ``assert_fact`` and
        no rule uses timers or queued messages, so nothing needs them.
        """

    def get_action(self, action_name: str) -> Callable[[object], None]:
        def record(c: object) -> None:
            bindings = {name: str(value["id"]) for name, value in c._m.items()}  # type: ignore[attr-defined]
            if self.collector is not None:
                self.collector(action_name, bindings)

        return record


_HOST: _CollectingHost | None = None
_REGISTERED: set[str] = set()
_LOCK = threading.Lock()


def _host() -> _CollectingHost:
    global _HOST
    if _HOST is None:
        _HOST = _CollectingHost()
    return _HOST


def _ruleset_name(definition: dict) -> str:
    digest = hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()
    return f"assure_{digest[:16]}"


def run_rules(
    rules: list[RuleSpec],
    facts: Iterable[Mapping[str, object]],
    themes: ThemeVocabulary | None = None,
    run_id: str = "run",
) -> list[Match]:
    """Assert every candidate fact into the compiled rules; return every firing."""
    if not rules:
        return []
    themes = themes or theme_vocabulary()
    definition = compile_rules(rules, themes)
    name = _ruleset_name(definition)
    by_code = {rule.code: rule for rule in rules}
    patterns_by_kind = _patterns_by_kind(rules)
    fired: list[Match] = []

    def collect(code: str, bindings: dict[str, str]) -> None:
        rule = by_code[code]
        fired.append(Match(rule, tuple((p.alias, bindings[p.alias]) for p in rule.patterns)))

    with _LOCK:  # one run at a time: the Host and its collector are process-wide
        host = _host()
        if name not in _REGISTERED:
            host.set_rulesets({name: definition})
            _REGISTERED.add(name)
        sid = f"{run_id}-{len(_REGISTERED)}-{id(fired)}"
        host.collector = collect
        asserted: list[dict[str, object]] = []
        try:
            for fact in facts:
                if _is_candidate(fact, patterns_by_kind, themes):
                    view = engine_view(fact, sid)
                    _assert(host, name, view)
                    asserted.append(view)
            if asserted:  # the engine has no state for a run it was given nothing in
                _raise_action_errors(host, name, sid)
        finally:
            host.collector = None
            _retract_all(host, name, asserted)
    unique = {(m.rule.code, m.bindings): m for m in fired}
    return [unique[key] for key in sorted(unique)]


def _patterns_by_kind(rules: list[RuleSpec]) -> dict[str, list[tuple[RuleSpec, Pattern]]]:
    by_kind: dict[str, list[tuple[RuleSpec, Pattern]]] = {}
    for rule in rules:
        for pattern in rule.patterns:
            by_kind.setdefault(pattern.fact, []).append((rule, pattern))
    return by_kind


def _is_candidate(
    fact: Mapping[str, object],
    patterns_by_kind: dict[str, list[tuple[RuleSpec, Pattern]]],
    themes: ThemeVocabulary,
) -> bool:
    """Could any pattern match this fact? Only patterns of its own kind are asked."""
    candidates = patterns_by_kind.get(str(fact.get("fact")), ())
    return any(pattern_accepts(p, fact, r, themes) for r, p in candidates)


def _assert(host: _CollectingHost, name: str, fact: dict[str, object]) -> None:
    try:
        host.assert_fact(name, fact)
    except durable_engine.MessageNotHandledException:
        pass  # accepted by a pattern's conditions but joined to nothing yet: fine
    except durable_engine.MessageObservedException:
        raise EngineError(
            f"the rules engine took fact '{fact['id']}' for a duplicate "
            "(durable-rules issue 376); no fact may be lost silently"
        ) from None


def _retract_all(host: _CollectingHost, name: str, facts: list[dict[str, object]]) -> None:
    for fact in facts:
        # a fact that was never stored has nothing to free
        with contextlib.suppress(durable_engine.MessageNotHandledException):
            host.retract_fact(name, fact)


def _raise_action_errors(host: _CollectingHost, name: str, sid: str) -> None:
    state = host.get_state(name, sid)
    if state and state.get("exception"):
        raise EngineError(f"a rule action failed: {state['exception']}")
