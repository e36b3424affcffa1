"""Findings from rule firings: grouping, stable ids, evidence roles, confidence, status."""

from __future__ import annotations

from datetime import date

import pytest

from assurance._resources import builtin_rules_dir
from assurance.engine import run_rules
from assurance.facts import FactSet
from assurance.findings import _evidence_entry, assess_confidence, build_findings, mark_status
from assurance.results import Finding
from assurance.rules import RulePackInfo, parse_rule
from assurance.vocabulary import theme_vocabulary

RULE = """
code: XX02
name: test.contradiction
title: Assured report against worsening data
description: d
why: w
raises: kloe
severity: medium
pag_question: 1
match:
  - as: signal
    fact: spc
    where: {variation: special_cause_concern}
  - as: report
    fact: subgroup_report
    join: theme
    where: {rag: green}
    role: contradicting
narrative: "{report.subgroup} rated {theme} green in {report.period} while {signal.label} worsened."
"""


@pytest.fixture(scope="module")
def rule():
    parsed, problems = parse_rule(RULE, "test.yaml", RulePackInfo("test", "1"))
    assert problems == []
    return parsed


def _facts(labels=("Neglect registrations", "Repeat plans")) -> FactSet:
    facts = FactSet(period_end=date(2024, 9, 30))
    for index, label in enumerate(labels):
        facts.add(
            {
                "id": f"spc-{index}",
                "fact": "spc",
                "theme": "neglect",
                "label": label,
                "variation": "special_cause_concern",
                "agency": "Children's Services",
                "source": ["indicators.csv:2", "indicators.csv:9"],
            }
        )
    facts.add(
        {
            "id": "subgroups-2",
            "fact": "subgroup_report",
            "theme": "neglect",
            "subgroup": "Neglect sub-group",
            "period": "2024-25 Q1",
            "rag": "green",
            "text": "On track <b>assured</b>",
            "source": {"file": "subgroups.csv", "row": 2},
        }
    )
    return facts


def _run(rule, facts: FactSet):
    themes = theme_vocabulary()
    return build_findings(
        run_rules([rule], facts.facts.values(), themes),
        facts,
        themes,
        "2024-25 Q2",
        "Test partnership",
    )


def test_firings_on_one_theme_are_one_finding(rule) -> None:
    [finding] = _run(rule, _facts())
    assert finding.kind == "kloe" and finding.theme == "neglect"
    assert finding.matches == 2
    roles = {e.id: e.role for e in finding.evidence}
    assert roles == {"spc-0": "supporting", "spc-1": "supporting", "subgroups-2": "contradicting"}


def test_narrative_says_what_was_seen_and_where(rule) -> None:
    [finding] = _run(rule, _facts())
    assert (
        "Neglect sub-group rated Neglect green in 2024-25 Q1 while Neglect registrations worsened."
        in finding.narrative
    )
    assert "Sources: indicator data (2), sub-group report (1)." in finding.narrative


def test_evidence_keeps_file_and_rows(rule) -> None:
    [finding] = _run(rule, _facts())
    by_id = {e.id: e for e in finding.evidence}
    assert (by_id["subgroups-2"].file, by_id["subgroups-2"].row) == ("subgroups.csv", 2)
    assert by_id["spc-0"].rows == (2, 9)


def test_id_is_stable_when_values_change(rule) -> None:
    first = _run(rule, _facts())[0].id
    again = _run(rule, _facts(labels=("Other label", "And another", "A third")))[0].id
    assert first == again and first.startswith("kloe-neglect-")


SECOND_RULE = (
    RULE.replace("XX02", "XX03")
    .replace("test.contradiction", "test.other")
    .replace("severity: medium", "severity: high")
    .replace("{report.subgroup} rated", "Also: {report.subgroup} rated")
)


def test_rules_raising_the_same_kind_on_a_theme_make_one_finding(rule) -> None:
    other, problems = parse_rule(SECOND_RULE, "other.yaml", RulePackInfo("test", "1"))
    assert problems == []
    themes = theme_vocabulary()
    facts = _facts()
    matches = run_rules([rule, other], facts.facts.values(), themes)
    [finding] = build_findings(matches, facts, themes, "2024-25 Q2", "Test partnership")
    assert finding.rule.code == "XX03"  # the most severe leads
    assert finding.rule_codes == ["XX03", "XX02"]
    assert finding.severity == "high" and finding.matches == 4
    assert finding.narrative.startswith("Also: Neglect sub-group rated")
    assert finding.id == _run(rule, _facts())[0].id


def test_confidence_grows_with_independent_sources() -> None:
    period_end = date(2024, 9, 30)
    signal = {"fact": "spc", "id": "s"}
    audit = {"fact": "audit_finding", "id": "a", "date": "2024-08-01", "cases": 6}
    voice = {
        "fact": "voice",
        "id": "v",
        "voice_of": "child",
        "date": "2024-07-01",
        "respondents": 9,
    }
    assert assess_confidence([signal], [{"s": signal}], period_end)[0] == "low"
    assert assess_confidence([signal, audit], [{"s": signal}], period_end)[0] == "moderate"
    assert assess_confidence([signal, audit, voice], [{"s": signal}], period_end)[0] == "high"
    old_audit = dict(audit, date="2023-12-01")
    level, reason = assess_confidence(
        [old_audit, dict(voice, date="2023-11-01")], [{"a": audit}], period_end
    )
    assert level == "low" and "six months" in reason


def test_status_against_a_previous_run(rule) -> None:
    findings = _run(rule, _facts())
    gone = Finding(id="XX09-neglect-deadbeef", kind="risk", title="Gone", theme="neglect",
                   severity="high")
    marked, resolved = mark_status(findings, [findings[0], gone])
    assert marked[0].status == "continuing"
    assert [(r.id, r.status) for r in resolved] == [("XX09-neglect-deadbeef", "resolved")]
    assert mark_status(findings, None) == (findings, [])


def test_a_benchmark_cites_its_own_file_and_row() -> None:
    benchmark = {"fact": "benchmark", "id": "b", "label": "x",
                 "source": ["indicators.csv:12", "indicators.csv:8", "benchmarks.csv:40"]}
    entry = _evidence_entry("b", "supporting", benchmark)
    assert (entry.file, entry.row, entry.rows) == ("benchmarks.csv", 40, (40,))
    series = {"fact": "spc", "id": "s", "source": ["indicators.csv:2", "indicators.csv:9"]}
    assert _evidence_entry("s", "supporting", series).row == 9


@pytest.mark.parametrize(("leads", "expected"), [(False, "XX02"), (True, "XX03")])
def test_a_packs_own_rule_joins_a_builtin_finding_unless_its_pack_leads(leads, expected) -> None:
    builtin = RulePackInfo("core", "1", path=str(builtin_rules_dir()))
    ours = RulePackInfo("ours", "1", path="our-rules", leads=leads)
    core_rule, _ = parse_rule(RULE, "core.yaml", builtin)
    own_rule, _ = parse_rule(SECOND_RULE, "ours.yaml", ours)  # more severe
    themes = theme_vocabulary()
    facts = _facts()
    matches = run_rules([core_rule, own_rule], facts.facts.values(), themes)
    [finding] = build_findings(matches, facts, themes, "2024-25 Q2", "Test partnership")
    assert finding.rule.code == expected
    assert set(finding.rule_codes) == {"XX02", "XX03"}
