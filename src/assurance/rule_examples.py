"""Running a rule's own examples through the real engine: the examples are its tests.

Each example's facts are asserted into a ruleset of that rule alone; the example passes
when the rule fires (or stays silent) as it says, and any finding details it names
(kind, theme, severity, count of findings) match.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assurance.engine import run_rules
from assurance.facts import FactSet
from assurance.findings import build_findings
from assurance.rules import Example, RuleSpec
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary


@dataclass
class ExampleResult:
    rule: RuleSpec
    example: Example
    passed: bool
    findings: list[dict[str, object]] = field(default_factory=list)
    message: str = ""


def example_facts(example: Example) -> FactSet:
    facts = FactSet()
    for index, given in enumerate(example.given, start=1):
        fact = {"id": f"{given['fact']}-{index}", "theme": "", **given}
        facts.add(fact)
    return facts


def run_example(rule: RuleSpec, example: Example, themes: ThemeVocabulary | None = None) -> ExampleResult:
    themes = themes or theme_vocabulary()
    facts = example_facts(example)
    matches = run_rules([rule], facts.facts.values(), themes, run_id=f"example-{rule.code}")
    findings = build_findings(matches, facts, themes, "example period", "example partnership")
    problems = _compare(example, findings)
    return ExampleResult(rule, example, not problems, findings, "; ".join(problems))


def _compare(example: Example, findings: list[dict[str, object]]) -> list[str]:
    if not example.fires:
        return [f"expected no finding, but {len(findings)} fired"] if findings else []
    if not findings:
        return ["expected the rule to fire, but nothing fired"]
    problems = []
    for key, wanted in example.expect.items():
        if key == "count":
            if len(findings) != wanted:
                problems.append(f"expected {wanted} finding(s), got {len(findings)}")
            continue
        got = [f.get(key) for f in findings]
        if wanted not in got:
            problems.append(f"expected {key} '{wanted}', got {', '.join(map(str, got))}")
    return problems


def run_all_examples(rules: list[RuleSpec]) -> list[ExampleResult]:
    themes = theme_vocabulary()
    return [run_example(rule, example, themes) for rule in rules for example in rule.examples]
