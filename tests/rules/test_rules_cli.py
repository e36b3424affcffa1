"""``assure rules list|show|test|schema``: thin commands, documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance import rule_examples
from assurance.engine import Match
from assurance.rule_examples import run_example
from assurance.rules import load_rules
from assurance_cli.main import cli

REPO = Path(__file__).resolve().parents[2]

FAILING = """\
code: LC01
name: ours.good_audits
title: Good audits
description: d
why: w
raises: strength
severity: low
pag_question: 2
settings: {minimum: 3}
match:
  - as: audits
    fact: audit_summary
    where: {good_or_better: {at_least: $minimum}}
narrative: "{audits.good_or_better} good"
examples:
  - name: two good audits are enough
    given: [{fact: audit_summary, theme: neglect, good_or_better: 2}]
    expect: {fires: true, kind: strength}
  - name: none good
    given: [{fact: audit_summary, theme: neglect, good_or_better: 0}]
    expect: {fires: false}
"""


def _pack(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: ours\nversion: 0.2.0\ndescription: d\n")
    (folder / "LC01-good-audits.yaml").write_text(text)
    return folder


def test_list_and_show() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["rules", "list"])
    assert listed.exit_code == 0
    assert any(line.startswith("TR01  risk") for line in listed.output.splitlines())
    as_json = json.loads(runner.invoke(cli, ["rules", "list", "--format", "json"]).output)
    assert {"code": "TR01", "raises": "risk"}.items() <= next(
        r for r in as_json if r["code"] == "TR01").items()
    shown = runner.invoke(cli, ["rules", "show", "tr01"])
    assert shown.exit_code == 0 and "**What it matches.**" in shown.output
    source = runner.invoke(cli, ["rules", "show", "TR01", "--source"])
    assert source.output.startswith("# yaml-language-server: $schema=")
    missing = runner.invoke(cli, ["rules", "show", "TR10X"])
    assert missing.exit_code == 2 and "no rule has the code 'TR10X'" in missing.stderr


def test_list_with_a_rule_pack_shows_its_version(tmp_path: Path) -> None:
    folder = _pack(tmp_path, FAILING)
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(folder)])
    assert "LC01  strength  low       Good audits  [ours 0.2.0]" in result.output
    assert result.output.rstrip().endswith("from core 1.1.0, ours 0.2.0")


def test_rules_test_passes_on_the_built_in_rules() -> None:
    result = CliRunner().invoke(cli, ["rules", "test", "--rule", "TR01", "--rule", "CN01"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("2 rule(s), ")


def test_a_failing_example_shows_given_expected_fired_and_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", "test", str(_pack(tmp_path, FAILING))])
    assert result.exit_code == 1
    out = result.output
    assert "FAIL LC01  1/2 example(s)" in out
    assert "LC01 example 'two good audits are enough' FAILED (" in out
    assert "LC01-good-audits.yaml:16:5)" in out
    assert "given:\n" in out and "audit_summary-1 (audit_summary): theme=neglect good_or_better=2" \
        in out
    assert "expected: the rule fires, with kind strength" in out
    assert "fired: nothing" in out
    assert ("nearest 'audits' fact audit_summary-1: good_or_better is 2, wanted at least 3 "
            "(setting minimum)") in out
    assert out.splitlines()[-1] == "1 rule(s), 2 example(s): 1 passed, 1 failed"


def test_rules_test_on_broken_rules_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["rules", "test", "fixtures/rules-broken"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "fixtures/rules-broken/BR02-unknown-field.yaml:13:7: unknown field 'grde'" \
        in result.stderr


def test_an_engine_firing_the_conditions_forbid_fails_the_example(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rule = load_rules().by_code("TR01")
    assert rule is not None
    silent = next(e for e in rule.examples if not e.fires)

    def faulty_engine(rules, facts, themes=None, run_id="run"):  # type: ignore[no-untyped-def]
        ids = [str(f["id"]) for f in facts]
        return [Match(rule, (("signal", ids[0]), ("audit", ids[-1])))]

    monkeypatch.setattr(rule_examples, "run_rules", faulty_engine)
    result = run_example(rule, silent)
    assert not result.passed
    assert "the rules engine fired a match the rule's conditions do not allow" in result.message


def test_schema_prints_the_shipped_file() -> None:
    result = CliRunner().invoke(cli, ["rules", "schema"])
    assert result.exit_code == 0
    assert result.output == (REPO / "rules" / "schema" / "rule.schema.json").read_text()
