"""``assure explain``: why a finding was raised, and why a rule did not fire.

The run directory is written here from a handful of facts (the files
``assure triangulate`` writes: findings.json, facts.json, manifest.json), so the
explanations are checked without depending on an evidence pack.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.authoring.evaluate import diagnose
from assurance.authoring.explain import explain_finding, explain_rule, read_run
from assurance.engine import run_rules
from assurance.errors import RunError
from assurance.facts import FactSet
from assurance.findings import build_findings
from assurance.rules import load_rules
from assurance.vocabulary import theme_vocabulary
from assurance_cli.main import cli

PERIOD = "2024-25 Q2"


def _audit(row: int, grade: str) -> dict[str, object]:
    return {"fact": "audit_finding", "id": f"audits-{row}", "theme": "neglect",
            "audit_id": "MACA-01", "date": "2024-08-01", "finding": "learning",
            "text": "Chronologies were not used", "title": "Neglect audit",
            "type": "multi_agency", "agency": "Police", "cases": 6, "grade": grade,
            "critical": True, "recent": True, "evidence": [f"audits-{row}"],
            "source": {"file": "audits.csv", "row": row}}


FACTS: list[dict[str, object]] = [
    {"fact": "spc", "id": "spc-rereferrals", "theme": "neglect",
     "label": "Re-referrals within 12 months", "indicator": "rereferrals", "agency": "",
     "variation": "special_cause_concern", "special_cause": "run",
     "since_period": "2023-24 Q3", "latest_period": PERIOD, "latest_value": 27.5,
     "mean": 22.1, "lower_limit": 15.0, "upper_limit": 25.2, "points": 12,
     "evidence": ["indicators-2", "indicators-3"],
     "source": ["indicators.csv:2", "indicators.csv:3"]},
    {"fact": "spc", "id": "spc-da-repeat", "theme": "domestic-abuse",
     "label": "Repeat domestic abuse referrals", "variation": "common_cause", "mean": 30.0,
     "latest_value": 31.0, "evidence": ["indicators-9"], "source": ["indicators.csv:9"]},
    {"fact": "audit_summary", "id": "audit_summary-neglect", "theme": "neglect", "audits": 1,
     "strengths": 0, "learning": 2, "critical": 2, "good_or_better": 0, "agencies": 1,
     "evidence": ["audits-2", "audits-3"]},
    {"fact": "audit_summary", "id": "audit_summary-domestic-abuse", "theme": "domestic-abuse",
     "audits": 1, "critical": 1, "good_or_better": 0, "evidence": []},
    _audit(2, "requires_improvement"),
    _audit(3, "inadequate"),
]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("run")
    themes = theme_vocabulary()
    facts = FactSet()
    for fact in FACTS:
        facts.add(dict(fact))
    rule = load_rules().by_code("TR01")
    assert rule is not None
    findings = build_findings(run_rules([rule], facts.facts.values(), themes), facts, themes,
                              PERIOD, "Test partnership")
    (folder / "findings.json").write_text(json.dumps({"period": PERIOD,
                                                      "findings": [f.to_json() for f in findings]}))
    (folder / "facts.json").write_text(json.dumps({"period": PERIOD, "facts": FACTS}))
    (folder / "manifest.json").write_text(json.dumps(
        {"rule_packs": [{"name": "core", "version": "1.0.0"}]}))
    return folder


def _finding_id(run_dir: Path) -> str:
    return str(json.loads((run_dir / "findings.json").read_text())["findings"][0]["id"])


def test_why_a_finding_was_raised(run_dir: Path) -> None:
    explained = explain_finding(read_run(run_dir), _finding_id(run_dir))
    assert explained.rule.code == "TR01" and not explained.notes
    (part,) = explained.parts
    (match,) = part.matches
    signal, audit = match
    assert (signal.alias, signal.id) == ("signal", "spc-rereferrals")
    assert signal.conditions == ["variation is special_cause_concern: special_cause_concern"]
    assert signal.numbers["mean"] == 22.1 and signal.numbers["upper_limit"] == 25.2
    assert [s.place for s in signal.sources] == ["indicators.csv:2", "indicators.csv:3"]
    assert audit.conditions == ["critical is at least 1 (setting minimum_critical): 2"]
    assert audit.joins == ["theme = signal.theme: neglect"]
    assert [s.place for s in audit.sources] == ["audits.csv:2", "audits.csv:3"]
    assert "requires improvement" in audit.sources[0].label
    assert signal.location.startswith("rules/triangulation/TR01-convergent-risk.yaml:")


def test_the_command_prints_the_rule_facts_and_rows(run_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["explain", str(run_dir), _finding_id(run_dir)])
    assert result.exit_code == 0, result.output
    for expected in ("Raised by TR01 triangulation.convergent_risk (pack core",
                     "    signal: spc spc-rereferrals, \"Re-referrals within 12 months\" on "
                     "neglect",
                     "      met: variation is special_cause_concern: special_cause_concern",
                     "      joined: theme = signal.theme: neglect",
                     "      from audits.csv:2  Neglect audit (learning, requires improvement)",
                     "      from indicators.csv:2-3\n"):
        assert expected in result.output, (expected, result.output)
    as_json = CliRunner().invoke(cli, ["explain", str(run_dir), _finding_id(run_dir),
                                       "--format", "json"])
    data = json.loads(as_json.output)
    assert data["rules"][0]["code"] == "TR01" and len(data["rules"][0]["matches"][0]) == 2


def test_a_rule_changed_since_the_run_is_said_so(run_dir: Path, tmp_path: Path) -> None:
    changed = tmp_path / "run"
    changed.mkdir()
    for name in ("findings.json", "facts.json"):
        (changed / name).write_text((run_dir / name).read_text())
    (changed / "manifest.json").write_text(json.dumps(
        {"rule_settings": {"TR01": {"minimum_critical": 5}}}))
    explained = explain_finding(read_run(changed), _finding_id(run_dir))
    assert "no longer raises this finding" in explained.parts[0].note
    assert {m.id for m in explained.recorded} >= {"spc-rereferrals", "audits-2"}


def test_why_a_rule_did_not_fire_on_a_theme(run_dir: Path) -> None:
    explained = explain_rule(read_run(run_dir), "TR01", "Domestic abuse")
    diagnosis = explained.diagnosis
    assert not diagnosis.fires and explained.findings == []
    assert diagnosis.verdict == (
        "TR01 does not fire on Domestic abuse: 'signal' (spc, 1 considered): no fact meets "
        "variation is special_cause_concern.")
    signal = diagnosis.patterns[0]
    assert signal.nearest[0].id == "spc-da-repeat"
    assert signal.nearest[0].failing == [
        "variation is common_cause, wanted special_cause_concern"]
    assert signal.nearest[0].source == ["indicators.csv:9"]


def test_why_a_rule_fired(run_dir: Path) -> None:
    explained = explain_rule(read_run(run_dir), "tr01", "neglect")
    assert explained.diagnosis.fires
    assert explained.findings == [_finding_id(run_dir)]
    assert explained.diagnosis.verdict.startswith("TR01 matches on Neglect: 1 combination(s)")


def test_joins_that_fail_are_named_with_their_values() -> None:
    rule = load_rules().by_code("TR01")
    assert rule is not None
    facts = [FACTS[0], {**FACTS[3], "critical": 4}]  # concern on neglect, audits on DA
    diagnosis = diagnose(rule, facts)
    assert "none join: audit.theme must equal signal.theme, but the facts that meet the " \
           "conditions have audit.theme domestic-abuse and signal.theme neglect" \
           in diagnosis.verdict


def test_the_command_explains_why_not(run_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["explain", str(run_dir), "--rule", "TR01", "--theme",
                                      "domestic-abuse"])
    assert result.exit_code == 0, result.output
    assert "  raised in this run: no finding on domestic-abuse" in result.output
    assert "    variation is special_cause_concern: 0 of 1" in result.output
    assert ("    nearest spc-da-repeat \"Repeat domestic abuse referrals\": variation is "
            "common_cause, wanted special_cause_concern") in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["nowhere", "X"], "nowhere: no such run directory"),
    (["{run}", "TR01-neglect-0000"], "no finding 'TR01-neglect-0000'"),
    (["{run}", "--rule", "TR99"], "no rule has the code 'TR99'"),
    (["{run}", "--rule", "TR01", "--theme", "neglekt"], "unknown theme 'neglekt'"),
    (["{run}"], "give a FINDING_ID or --rule CODE"),
    (["{run}", "X", "--rule", "TR01"], "give a FINDING_ID or --rule CODE"),
    (["{run}", "X", "--theme", "neglect"], "--theme goes with --rule CODE"),
])
def test_mistakes_are_exit_2_without_a_traceback(run_dir: Path, args: list[str],
                                                 message: str) -> None:
    result = CliRunner().invoke(cli, ["explain", *[a.format(run=run_dir) for a in args]])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert message in result.stderr, result.stderr


def test_a_run_without_facts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "findings.json").write_text('{"findings": []}')
    with pytest.raises(RunError, match=r"no facts.json"):
        read_run(tmp_path)


LOCAL_RISK = """\
code: LC01
name: ours.critical_audits
title: Critical audits
description: d
why: w
raises: risk
severity: medium
pag_question: 2
match:
  - as: audits
    fact: audit_summary
    where: {critical: {at_least: 2}}
narrative: "{audits.critical} critical"
examples: []
"""


def test_a_finding_several_rules_raised_explains_each(tmp_path: Path) -> None:
    from assurance.rules import load_rule_folder

    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "LC01-critical-audits.yaml").write_text(LOCAL_RISK)
    local, _, problems = load_rule_folder(ours)
    assert problems == []
    themes = theme_vocabulary()
    facts = FactSet()
    for fact in FACTS:
        facts.add(dict(fact))
    rules = [load_rules().by_code("TR01"), *local]
    findings = build_findings(run_rules(rules, facts.facts.values(), themes), facts, themes,
                              PERIOD, "Test partnership")
    (neglect,) = [f for f in findings if f.theme == "neglect"]
    assert neglect.rule_codes == ["TR01", "LC01"]
    run = tmp_path / "run"
    run.mkdir()
    documents = {"period": PERIOD, "findings": [f.to_json() for f in findings]}
    (run / "findings.json").write_text(json.dumps(documents))
    (run / "facts.json").write_text(json.dumps({"period": PERIOD, "facts": FACTS}))
    alone = explain_finding(read_run(run), neglect.id)
    assert [p.rule.code for p in alone.parts] == ["TR01"]
    assert alone.notes[0].startswith("LC01 (pack ours ") and "--rules DIR" in alone.notes[0]
    both = explain_finding(read_run(run), neglect.id, [ours])
    assert [p.rule.code for p in both.parts] == ["TR01", "LC01"] and not both.notes
    assert [m.id for m in both.parts[1].matches[0]] == ["audit_summary-neglect"]
