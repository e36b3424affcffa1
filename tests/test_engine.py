"""The durable-rules adapter: compilation, joins, order independence, no lost facts."""

from __future__ import annotations

import random

import pytest

from assurance.engine import compile_rule, condition_holds, run_rules
from assurance.rules import Condition, RulePackInfo, parse_rule

RULE = """
code: XX01
name: test.convergent
title: Concern with critical audit
description: d
why: w
raises: risk
severity: high
pag_question: 2
settings: {minimum: 2}
match:
  - as: signal
    fact: spc
    where: {variation: special_cause_concern, theme: {within: exploitation}}
  - as: audit
    fact: audit_summary
    join: theme
    where: {critical: {at_least: $minimum}}
narrative: "{signal.label}: {audit.critical} critical"
"""


@pytest.fixture(scope="module")
def rule():
    parsed, problems = parse_rule(RULE, "test.yaml", RulePackInfo("test", "1"))
    assert problems == []
    return parsed


def _facts() -> list[dict[str, object]]:
    return [
        {
            "id": "s1",
            "fact": "spc",
            "theme": "child-sexual-exploitation",
            "variation": "special_cause_concern",
            "label": "A",
        },
        {
            "id": "s2",
            "fact": "spc",
            "theme": "child-sexual-exploitation",
            "variation": "special_cause_concern",
            "label": "B",
        },
        {
            "id": "s3",
            "fact": "spc",
            "theme": "neglect",
            "variation": "special_cause_concern",
            "label": "C",
        },
        {
            "id": "s4",
            "fact": "spc",
            "theme": "child-sexual-exploitation",
            "variation": "common_cause",
            "label": "D",
        },
        {"id": "a1", "fact": "audit_summary", "theme": "child-sexual-exploitation", "critical": 2},
        {"id": "a2", "fact": "audit_summary", "theme": "neglect", "critical": 5},
        {
            "id": "a3",
            "fact": "audit_summary",
            "theme": "child-criminal-exploitation",
            "critical": 1,
        },
        {"id": "v1", "fact": "voice", "theme": "neglect", "sentiment": "negative"},
    ]


def test_compiles_to_plain_durable_rules_data(rule) -> None:
    compiled = compile_rule(rule)
    assert compiled["run"] == "XX01"
    signal, audit = compiled["all"]
    assert {"fact": "spc"} in signal["signal"]["$and"]
    assert {"$gte": {"critical": 2}} in audit["audit"]["$and"]
    assert {"theme": {"signal": "theme"}} in audit["audit"]["$and"]


def test_fires_once_per_joined_combination(rule) -> None:
    matches = run_rules([rule], _facts())
    assert [m.bindings for m in matches] == [
        (("signal", "s1"), ("audit", "a1")),
        (("signal", "s2"), ("audit", "a1")),
    ]


def test_fact_order_does_not_change_the_matches(rule) -> None:
    expected = [m.bindings for m in run_rules([rule], _facts())]
    for seed in range(5):
        shuffled = _facts()
        random.Random(seed).shuffle(shuffled)
        assert [m.bindings for m in run_rules([rule], shuffled)] == expected


def test_settings_change_what_fires(rule) -> None:
    relaxed = rule.with_settings({"minimum": 1})
    assert len(run_rules([relaxed], _facts())) == 2
    strict = rule.with_settings({"minimum": 3})
    assert run_rules([strict], _facts()) == []


def test_many_distinct_facts_none_lost(rule) -> None:
    # durable-rules identifies facts by a 32-bit hash (issue 376): every fact must count
    facts = [
        {
            "id": f"s{i}",
            "fact": "spc",
            "theme": "exploitation",
            "variation": "special_cause_concern",
            "label": str(i),
        }
        for i in range(3000)
    ]
    facts.append({"id": "a", "fact": "audit_summary", "theme": "exploitation", "critical": 9})
    assert len(run_rules([rule], facts)) == 3000


@pytest.mark.parametrize(
    ("op", "value", "field_value", "holds"),
    [
        ("equals", "x", "x", True),
        ("not", "x", "y", True),
        ("in", ["a", "b"], "b", True),
        ("not_in", ["a"], "a", False),
        ("at_least", 3, 3, True),
        ("below", 3, 3, False),
        ("above", 1, None, False),
        ("exists", False, None, True),
        ("within", "toxic-trio", "domestic-abuse", True),
    ],
)
def test_conditions_in_python_match_the_engine(rule, op, value, field_value, holds) -> None:
    fact = {"fact": "spc", "f": field_value}
    assert condition_holds(Condition("f", op, value), fact, rule) is holds
