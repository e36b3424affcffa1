"""``assure rules lint``: every problem of every file, located, with its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.authoring.lint import lint_paths
from assurance_cli.main import cli

REPO = Path(__file__).resolve().parents[2]
BROKEN = REPO / "fixtures" / "rules-broken"
LOCATED = re.compile(r"^fixtures/rules-broken/(\S+\.yaml):(\d+):(\d+): (.+)$")

#: The ten mistakes of fixtures/rules-broken (see its README), one message each.
TEN_MISTAKES = {
    "BR01-unknown-fact-kind.yaml": "unknown fact kind 'audit_sumary'",
    "BR02-unknown-field.yaml": "unknown field 'grde' of fact 'audit_finding'",
    "BR03-unknown-theme.yaml": "known theme, not 'neglekt'; did you mean 'neglect'?",
    "BR04-unknown-value.yaml": "'special_cause_concen' can never match",
    "BR05-join-never-matches.yaml": "join can never match",
    "drafts/BR02-draft-of-a-new-check.yaml": "code 'BR02' is already the code of",
    "BR07-missing-example.yaml": "no example where the rule does not fire",
    "BR08-narrative-unbound.yaml": "narrative names '{audit.grade}'",
    "BR09-retired-code.yaml": "code 'BR09' is retired",
    "BR10-yaml-syntax.yaml": "not valid YAML",
}


def test_ten_mistakes_give_ten_located_messages_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["rules", "lint", "fixtures/rules-broken"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # a clean exit, never a traceback
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    found = {}
    for line in lines:
        located = LOCATED.match(line)
        assert located, f"not located as file:line:column: {line}"
        found[located[1]] = located[4]
    assert len(lines) == 10
    for file, message in TEN_MISTAKES.items():
        assert message in found.get(file, ""), (file, found.get(file))
    assert "10 problem(s) in 10 file(s)" in result.stderr


def test_json_output_lists_the_same_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(cli, ["rules", "lint", "fixtures/rules-broken", "--format",
                                      "json"])
    problems = json.loads(result.stdout)["problems"]
    assert result.exit_code == 2 and len(problems) == 10
    assert all(p["line"] and p["column"] for p in problems)
    assert {p["suggestion"] for p in problems} >= {"audit_summary", "grade", "neglect"}


def test_the_built_in_rules_lint_clean() -> None:
    report = lint_paths()
    assert report.ok, "\n".join(map(str, report.problems))
    assert len(report.files) >= 20


GOOD = """\
code: LC01
name: ours.good_audits
title: Good audits
description: d
why: w
raises: strength
severity: low
pag_question: 2
settings: {minimum: 1}
match:
  - as: audits
    fact: audit_summary
    where: {good_or_better: {at_least: $minimum}}
narrative: "{audits.good_or_better} good"
examples:
  - name: good
    given: [{fact: audit_summary, theme: neglect, good_or_better: 2}]
    expect: {fires: true, kind: strength, theme: neglect}
  - name: none good
    given: [{fact: audit_summary, theme: neglect, good_or_better: 0}]
    expect: {fires: false}
"""


def _lint(tmp_path: Path, text: str, name: str = "LC01-good-audits.yaml",
          pack: str | None = "name: ours\nversion: 1.0.0\ndescription: d\n") -> list[str]:
    folder = tmp_path / "ours"
    folder.mkdir(exist_ok=True)
    if pack is not None:
        (folder / "pack.yaml").write_text(pack)
    (folder / name).write_text(text)
    return [str(p).removeprefix(f"{folder.as_posix()}/") for p in lint_paths([folder]).problems]


def test_a_good_rule_lints_clean(tmp_path: Path) -> None:
    assert _lint(tmp_path, GOOD) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  - name: none good\n    given: [{fact: audit_summary, theme: neglect, good_or_better: 0}]\n"
     "    expect: {fires: false}\n", "",
     "LC01-good-audits.yaml:15:1: no example where the rule does not fire"),
    ("examples:", "references: []\nexamples_old:",
     "LC01-good-audits.yaml:16:1: unknown key 'examples_old'"),
    ("theme: neglect, good_or_better: 2", "theme: Neglect, good_or_better: 2",
     "LC01-good-audits.yaml:17:42: 'Neglect' must be written as the theme id 'neglect'"),
    ("good_or_better: 2}", "good_or_better: two}",
     "LC01-good-audits.yaml:17:67: audit_summary.good_or_better is a number, not 'two'"),
    ("expect: {fires: true, kind: strength", "expect: {fires: true, knid: strength",
     "LC01-good-audits.yaml:18:27: an example cannot expect 'knid'"),
    ("expect: {fires: true, kind: strength", "expect: {fires: true, kind: strenght",
     "LC01-good-audits.yaml:18:33: kind 'strenght' is not one of risk, kloe, strength"),
    ("settings: {minimum: 1}", "settings: {minimum: 1, unused: 3}",
     "LC01-good-audits.yaml:9:24: setting 'unused' is never used"),
    ("  - name: none good", "  - name: good",
     "LC01-good-audits.yaml:19:11: two examples are named 'good'"),
])
def test_lint_finds_what_makes_a_rule_poor(tmp_path: Path, old: str, new: str,
                                           expected: str) -> None:
    assert old in GOOD
    problems = _lint(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in problems), problems


def test_the_file_is_named_after_its_code(tmp_path: Path) -> None:
    problems = _lint(tmp_path, GOOD, name="good-audits.yaml")
    assert problems == ["good-audits.yaml:1:7: the file name 'good-audits.yaml' should start "
                        "with the rule's code: rename it to 'LC01-good-audits.yaml'"]


def test_a_pack_needs_a_pack_yaml_with_name_version_and_description(tmp_path: Path) -> None:
    assert _lint(tmp_path, GOOD, pack=None) == [
        "pack.yaml: a rule pack needs a pack.yaml with name, version and description "
        "(e.g. name: our-checks, version: 0.1.0); `assure rules new` writes one"]
    problems = _lint(tmp_path, GOOD, pack="name: ours\nversion: one\nretired: [old]\n")
    assert "pack.yaml:1:1: pack.yaml needs a description (what the pack is for, in a sentence)" \
        in problems
    assert any(p.startswith("pack.yaml:2:10: version 'one' should look like 1.0.0")
               for p in problems)
    assert any(p.startswith("pack.yaml:3:11: retired 'old' is not a rule code")
               for p in problems)


def test_a_partnership_pack_cannot_reuse_a_built_in_code(tmp_path: Path) -> None:
    problems = _lint(tmp_path, GOOD.replace("LC01", "TR01"), name="TR01-good-audits.yaml")
    assert problems == ["TR01-good-audits.yaml:1:7: code 'TR01' is already the code of "
                        "rules/triangulation/TR01-convergent-risk.yaml; give this rule a new "
                        f"code such as 'TR{_next_tr()}'"]


def _next_tr() -> str:
    from assurance.rules import load_rules

    numbers = [int(r.code[2:]) for r in load_rules().rules if r.code.startswith("TR")]
    return f"{max(numbers) + 1:02d}"


def test_lint_of_a_missing_path_and_of_single_files(tmp_path: Path) -> None:
    report = lint_paths([tmp_path / "nowhere", REPO / "rules" / "triangulation" /
                         "TR01-convergent-risk.yaml"])
    assert [str(p) for p in report.problems] == [
        f"{(tmp_path / 'nowhere')}: no such rule file or folder"]
    assert report.files == ["rules/triangulation/TR01-convergent-risk.yaml"]
