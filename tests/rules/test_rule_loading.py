"""Loading rule files and packs: located problems, packs and versions, per-pack overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.errors import Problem, RuleError
from assurance.rules import (
    LineDict,
    RulePackInfo,
    load_rule_paths,
    load_rules,
    load_yaml,
    parse_rule,
    read_rule,
)

PACK = RulePackInfo("test", "1.0.0")

RULE = """\
# yaml-language-server: $schema=../schema/rule.schema.json
$schema: ../schema/rule.schema.json
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
    where: {variation: special_cause_concern}
  - as: audit
    fact: audit_summary
    join: {theme: signal.theme}
    where: {critical: {at_least: $minimum}}
narrative: "{signal.label}: {audit.critical} critical"
examples:
  - name: fires
    given:
      - {fact: audit_finding, theme: neglect, date: 2024-08-01}
    expect: {fires: true}
"""


def _problems(text: str) -> list[Problem]:
    return parse_rule(text, "x.yaml", PACK)[1]


def test_a_good_rule_loads_and_ignores_schema_keys() -> None:
    rule, problems = parse_rule(RULE, "x.yaml", PACK)
    assert problems == []
    assert rule is not None and rule.code == "XX01"
    assert [p.alias for p in rule.patterns] == ["signal", "audit"]
    assert rule.position("code") == (3, 1)
    assert rule.position("code", value=True) == (3, 7)


def test_dates_in_examples_stay_iso_text_as_facts_hold_them() -> None:
    rule, _ = parse_rule(RULE, "x.yaml", PACK)
    assert rule is not None
    assert rule.examples[0].given[0]["date"] == "2024-08-01"


def test_yaml_keeps_the_line_and_column_of_keys_and_values() -> None:
    data = load_yaml("a: 1\nb:\n  c: [x, y]\n")
    assert isinstance(data, LineDict)
    assert data.lines["b"] == (2, 1)
    inner = data["b"]
    assert inner.lines["c"] == (3, 3) and inner.value_lines["c"] == (3, 6)
    assert data["b"]["c"].positions == [(3, 7), (3, 10)]


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("variation: special_cause_concern", "variation: special_cause_concen", "15:24",
     "'special_cause_concen' can never match"),
    ("variation: special_cause_concern", "varation: special_cause_concern", "15:13",
     "unknown field 'varation' of fact 'spc'"),
    ("fact: audit_summary", "fact: audit_sumary", "17:11", "unknown fact kind 'audit_sumary'"),
    ("{critical: {at_least: $minimum}}", "{critical: {at_lest: $minimum}}", "19:24",
     "unknown operator 'at_lest'"),
    ("{critical: {at_least: $minimum}}", "{critical: {at_least: $minimun}}", "19:34",
     "'$minimun' names no setting"),
    ("join: {theme: signal.theme}", "join: {theme: signal.label}", "18:12",
     "join can never match: audit_summary.theme is a theme but signal.label is a text"),
    ("join: {theme: signal.theme}", "join: {theme: sigal.theme}", "18:12",
     "join 'sigal.theme' names no earlier alias"),
    ('"{signal.label}: {audit.critical} critical"', '"{signal.label}: {audit.grade}"', "20:12",
     "fact 'audit_summary' has no field 'grade'"),
    ("severity: high", "severity: hihg", "9:11", "severity 'hihg' is not one of"),
    ("pag_question: 2", "pag_question: 7", "10:15", "pag_question '7' must be a number from 1"),
    ("code: XX01", "code: X1", "3:7", "code 'X1' should be 2-4 capital letters"),
    ("title: Concern with critical audit\n", "titel: Concern with critical audit\n", "5:1",
     "unknown key 'titel'"),
])
def test_each_mistake_is_located_by_line_and_column(old: str, new: str, where: str,
                                                    message: str) -> None:
    assert old in RULE
    problems = _problems(RULE.replace(old, new, 1))
    located = [str(p) for p in problems if message in p.message]
    assert located, [str(p) for p in problems]
    assert located[0].startswith(f"x.yaml:{where}: "), located


def test_suggestions_name_the_nearest_valid_value() -> None:
    problems = _problems(RULE.replace("special_cause_concern", "special_cause_concen"))
    assert problems[0].suggestion == "special_cause_concern"
    assert str(problems[0]).endswith("did you mean 'special_cause_concern'?")
    theme = _problems(RULE.replace("{variation: special_cause_concern}",
                                   "{theme: {within: neglekt}}"))
    assert theme[0].suggestion == "neglect"  # a theme id, as rule files write them


def test_joins_of_disjoint_values_or_pinned_values_never_match() -> None:
    disjoint = RULE.replace("join: {theme: signal.theme}", "join: {theme: signal.theme}\n"
                            "    role: contradicting").replace(
        "where: {variation: special_cause_concern}",
        "where: {variation: special_cause_concern, theme: neglect}").replace(
        "where: {critical: {at_least: $minimum}}",
        "where: {critical: {at_least: $minimum}, theme: domestic-abuse}")
    messages = [p.message for p in _problems(disjoint)]
    assert any("join can never match: audit_summary.theme must be domestic-abuse but "
               "signal.theme must be neglect" in m for m in messages), messages


def test_invalid_yaml_is_one_located_problem() -> None:
    problems = _problems("code: XX01\ntitle: Reviews: learning\n")
    assert len(problems) == 1
    assert str(problems[0]).startswith("x.yaml:2:15: not valid YAML")


def test_a_file_that_is_not_a_mapping() -> None:
    parsed = read_rule("- just\n- a list\n", "x.yaml", PACK)
    assert parsed.rule is None and "a rule file is a mapping" in parsed.problems[0].message


def test_problem_prints_line_and_column_and_keeps_the_old_form_for_tables() -> None:
    assert str(Problem("rules/x.yaml", "m", 12, "grade", None, 5)) == "rules/x.yaml:12:5: m"
    assert str(Problem("audits.csv", "m", 12, "grade")) == "audits.csv:12:grade: m"
    assert str(Problem("pack.yaml", "m", None, "rules")) == "pack.yaml:rules: m"


def test_the_built_in_rules_load_with_their_pack_version() -> None:
    rule_set = load_rules()
    assert rule_set.by_code("TR01") is not None
    assert rule_set.packs[0].name == "core" and rule_set.packs[0].version != "unversioned"


def _pack(tmp_path: Path, name: str, files: dict[str, str], extra: str = "") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "pack.yaml").write_text(f"name: {name}\nversion: 2.1.0\ndescription: d\n{extra}")
    for file_name, text in files.items():
        (folder / file_name).write_text(text)
    return folder


def test_several_packs_load_together_each_with_its_version(tmp_path: Path) -> None:
    ours = _pack(tmp_path, "ours", {"XX01-a.yaml": RULE})
    theirs = _pack(tmp_path, "theirs", {"YY01-b.yaml": RULE.replace("XX01", "YY01")})
    rule_set = load_rules([ours, theirs])
    assert [(p.name, p.version) for p in rule_set.packs][1:] == [("ours", "2.1.0"),
                                                                 ("theirs", "2.1.0")]
    assert rule_set.by_code("YY01").pack.name == "theirs"  # type: ignore[union-attr]


def test_a_code_used_twice_or_retired_is_refused_at_its_location(tmp_path: Path) -> None:
    folder = _pack(tmp_path, "ours", {"XX01-a.yaml": RULE, "XX01-b.yaml": RULE,
                                      "XX09-c.yaml": RULE.replace("XX01", "XX09")},
                   extra="retired: [XX09]\n")
    with pytest.raises(RuleError) as caught:
        load_rule_paths([folder])
    messages = [str(p) for p in caught.value.problems]
    assert any(m.endswith("XX01-b.yaml:3:7: code 'XX01' is already the code of "
                          f"{folder.as_posix()}/XX01-a.yaml; give this rule a new code such as "
                          "'XX10'") for m in messages), messages
    assert any("XX09-c.yaml:3:7: code 'XX09' is retired" in m for m in messages), messages


def test_a_partnership_switches_rules_off_and_changes_settings() -> None:
    rule_set = load_rules(disabled=["CV04"], settings={"TR01": {"minimum_critical": 3}})
    assert rule_set.by_code("CV04") is None
    assert rule_set.by_code("TR01").settings["minimum_critical"] == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(("disabled", "settings", "message"), [
    (["TR99"], {}, "no rule has the code 'TR99'"),
    ([], {"TR01": {"minimum_criticl": 2}}, "settings: TR01 has no setting 'minimum_criticl'"),
    ([], {"TR01": {"minimum_critical": "two"}}, "settings: TR01 setting 'minimum_critical' must"),
    ([], {"TR01": 3}, "settings: TR01 must map setting names to values"),
])
def test_pack_overrides_that_cannot_apply_are_refused(disabled: list[str], settings: dict,
                                                      message: str) -> None:
    with pytest.raises(RuleError) as caught:
        load_rules(disabled=disabled, settings=settings)
    assert any(str(p).startswith(f"pack.yaml:rules: {message}") for p in caught.value.problems)
