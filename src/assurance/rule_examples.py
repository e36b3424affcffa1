"""Running a rule's own examples through the real engine: the examples are its tests.

Each example's facts are asserted into a ruleset of that rule alone; the example passes
when the rule fires (or stays silent) as it says, and any finding details it names
(kind, theme, severity, count of findings) match. The same facts are also matched by
the plain-Python reference evaluator (:mod:`assurance.authoring.evaluate`): a match the
engine fires that the rule's conditions do not allow fails the example too, so an
engine fault cannot hide behind a rule that happens to pass.

A failure reads like a test report for a rule author: the facts given, what was
expected, what fired and, when nothing fired, which condition stopped it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assurance.authoring.evaluate import accepts, diagnose, find_matches
from assurance.engine import run_rules
from assurance.facts import FactSet
from assurance.findings import build_findings
from assurance.rules import Example, RuleSpec
from assurance.terms import format_value
from assurance.vocabulary import ThemeVocabulary, theme_vocabulary

#: Finding keys an example may expect, besides ``fires`` and ``count``.
EXPECTABLE = ("kind", "theme", "severity", "confidence", "pag_question", "title", "agencies",
              "matches")


@dataclass
class ExampleResult:
    rule: RuleSpec
    example: Example
    passed: bool
    findings: list[dict[str, object]] = field(default_factory=list)
    message: str = ""
    facts: list[dict[str, object]] = field(default_factory=list)
    why_not: str = ""  # when the rule should have fired: the condition that stopped it

    @property
    def test_id(self) -> str:
        """``TR01-a-worsening-indicator``: the id pytest shows, so ``-k TR01`` selects."""
        return example_id(self.rule, self.example)

    @property
    def location(self) -> str:
        if self.example.line is None:
            return self.rule.file
        return f"{self.rule.file}:{self.example.line}:{self.example.column or 1}"

    def report(self) -> str:
        """What a rule author needs to see: given, expected, fired and why."""
        verdict = "passed" if self.passed else "FAILED"
        lines = [f"{self.rule.code} example '{self.example.name}' {verdict} ({self.location})",
                 "  given:"]
        lines += [f"    {_describe_fact(fact)}" for fact in self.facts] or ["    (no facts)"]
        lines.append(f"  expected: {_describe_expectation(self.example)}")
        lines.append(f"  fired: {_describe_findings(self.findings)}")
        if self.message:
            lines.append(f"  problem: {self.message}")
        if self.why_not:
            lines += [f"  {line}" for line in self.why_not.splitlines()]
        return "\n".join(lines)


def example_id(rule: RuleSpec, example: Example) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", example.name.lower()).strip("-")
    return f"{rule.code}-{slug or 'example'}"


def example_facts(example: Example) -> FactSet:
    facts = FactSet()
    for index, given in enumerate(example.given, start=1):
        fact = {"id": f"{given['fact']}-{index}", "theme": "", **given}
        facts.add(fact)
    return facts


def run_example(rule: RuleSpec, example: Example,
                themes: ThemeVocabulary | None = None) -> ExampleResult:
    themes = themes or theme_vocabulary()
    facts = example_facts(example)
    # Only facts some pattern accepts reach the engine (it filters the same way); with
    # none it cannot fire, so it is not called.
    candidates = [f for f in facts.facts.values()
                  if any(accepts(p, f, rule, themes) for p in rule.patterns)]
    matches = (run_rules([rule], candidates, themes, run_id=f"example-{rule.code}")
               if candidates else [])
    findings = [
        f.to_json()
        for f in build_findings(matches, facts, themes, "example period", "example partnership")
    ]
    problems = _compare(example, findings)
    allowed = {tuple(sorted(b.items())) for b in find_matches(rule, facts.facts.values(), themes)}
    for match in matches:
        if tuple(sorted(match.bindings)) not in allowed:
            bound = ", ".join(f"{alias}={fact_id}" for alias, fact_id in match.bindings)
            problems.append(f"the rules engine fired a match the rule's conditions do not allow "
                            f"({bound}): a fault in the engine, not in the rule")
    why_not = ""
    if example.fires and not findings:
        diagnosis = diagnose(rule, facts.facts.values(), themes)
        why_not = "why nothing fired: " + diagnosis.verdict
        for report in diagnosis.patterns:
            for candidate in report.nearest[:1]:
                why_not += (f"\n  nearest '{report.alias}' fact {candidate.id}: "
                            + "; ".join(candidate.failing))
    return ExampleResult(rule, example, not problems, findings, "; ".join(problems),
                         list(facts.facts.values()), why_not)


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
        if wanted not in got and not any(isinstance(g, list) and wanted in g for g in got):
            problems.append(f"expected {key} '{wanted}', got {', '.join(map(str, got))}")
    return problems


def run_all_examples(rules: Iterable[RuleSpec]) -> list[ExampleResult]:
    themes = theme_vocabulary()
    return [run_example(rule, example, themes) for rule in rules for example in rule.examples]


def _describe_fact(fact: dict[str, object]) -> str:
    shown = " ".join(f"{key}={format_value(value)}" for key, value in fact.items()
                     if key not in {"id", "fact"})
    return f"{fact['id']} ({fact['fact']}): {shown}"


def _describe_expectation(example: Example) -> str:
    if not example.fires:
        return "no finding"
    details = ", ".join(f"{key} {value}" for key, value in example.expect.items())
    return "the rule fires" + (f", with {details}" if details else "")


def _describe_findings(findings: list[dict[str, object]]) -> str:
    if not findings:
        return "nothing"
    parts = []
    for finding in findings:
        facts = ", ".join(str(e["id"]) for e in finding["evidence"])  # type: ignore[union-attr]
        parts.append(f"{finding['kind']} '{finding['title']}' (theme {finding['theme'] or 'none'}, "
                     f"severity {finding['severity']}) from {facts}")
    return f"{len(findings)} finding(s): " + "; ".join(parts)
