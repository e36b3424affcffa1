"""``assure rules new``: the rule it writes lints clean and passes its own examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.authoring.lint import lint_paths
from assurance.authoring.scaffold import (
    PHRASES,
    STARTERS,
    Answers,
    ScaffoldError,
    resolve_source,
    scaffold_rule,
    write_scaffold,
)
from assurance.kinds import FACT_FIELDS
from assurance.rule_examples import run_all_examples
from assurance.rules import load_rule_folder
from assurance_cli import rules_cmd
from assurance_cli.main import cli


def test_every_kind_of_fact_has_a_starting_condition_and_a_phrase() -> None:
    assert set(STARTERS) == set(FACT_FIELDS)
    assert set(PHRASES) == set(FACT_FIELDS)


def _check(folder: Path) -> None:
    report = lint_paths([folder])
    assert report.ok, "\n".join(map(str, report.problems))
    rules, _, problems = load_rule_folder(folder)
    assert problems == [] and len(rules) == 1
    results = run_all_examples(rules)
    assert [r.example.fires for r in results] == [True, False]
    failed = [r.report() for r in results if not r.passed]
    assert not failed, "\n\n".join(failed)


# Every kind of fact once (as the first source, joined to a second), and every kind of
# finding: the scaffold must be valid whatever the author picks.
CASES = [(kind, [source, "reviews" if source != "review_summary" else "audits"])
         for kind, source in zip(("strength", "risk", "kloe") * 6, FACT_FIELDS, strict=False)]


@pytest.mark.parametrize(("kind", "sources"), CASES, ids=[f"{k}-{s[0]}" for k, s in CASES])
def test_a_new_rule_lints_clean_and_passes_its_examples(tmp_path: Path, kind: str,
                                                        sources: list[str]) -> None:
    scaffold = scaffold_rule(Answers(tmp_path / "ours", kind, sources))
    write_scaffold(scaffold)
    _check(tmp_path / "ours")


@pytest.mark.parametrize("theme", ["Neglect", "exploitation", "DA"])
def test_a_new_rule_on_one_theme(tmp_path: Path, theme: str) -> None:
    scaffold = scaffold_rule(Answers(tmp_path / "ours", "risk", ["indicators", "voice"], theme))
    write_scaffold(scaffold)
    assert "theme: {within: " in scaffold.text
    _check(tmp_path / "ours")


def test_plain_names_for_sources() -> None:
    assert resolve_source("Audits") == "audit_summary"
    assert resolve_source("indicators") == "spc"
    assert resolve_source("voice summary") == "voice_summary"
    assert resolve_source("nonsense") is None


def test_codes_are_never_reused(tmp_path: Path) -> None:
    first = scaffold_rule(Answers(tmp_path / "ours", "risk", ["audits"]))
    write_scaffold(first)
    second = scaffold_rule(Answers(tmp_path / "ours", "risk", ["audits"], title="Another"))
    assert (first.code, second.code) == ("LC01", "LC02")
    with pytest.raises(ScaffoldError, match="code 'TR01' is taken or retired; the next free"):
        scaffold_rule(Answers(tmp_path / "ours", "risk", ["audits"], code="TR01"))


@pytest.mark.parametrize(("answers", "message"), [
    ({"kind": "danger"}, "kind 'danger' is not one of risk, kloe, strength"),
    ({"sources": ["audts"]}, "unknown source 'audts'"),
    ({"theme": "neglekt"}, "unknown theme 'neglekt'; did you mean 'Neglect'?"),
    ({"code": "lc1"}, "code 'LC1' should be 2-4 capital letters"),
])
def test_answers_that_cannot_make_a_rule(tmp_path: Path, answers: dict, message: str) -> None:
    given = {"folder": tmp_path, "kind": "risk", "sources": ["audits"], **answers}
    with pytest.raises(ScaffoldError, match=message):
        scaffold_rule(Answers(**given))


def test_the_command_writes_the_rule_and_its_pack(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["rules", "new", "--into", "ours", "--kind", "risk",
                                      "--source", "indicators", "--source", "audits",
                                      "--theme", "neglect", "--title", "Worse and audited"])
    assert result.exit_code == 0, result.output
    assert "wrote ours/LC01-worse-and-audited.yaml: rule LC01" in result.output
    assert (tmp_path / "ours" / "pack.yaml").is_file()
    assert (tmp_path / "ours" / "rule.schema.json").is_file()
    _check(tmp_path / "ours")
    again = CliRunner().invoke(cli, ["rules", "new", "--into", "ours", "--kind", "risk",
                                     "--source", "indicators", "--code", "LC01",
                                     "--title", "Worse and audited"])
    assert again.exit_code == 2 and "code 'LC01' is taken" in again.stderr


def test_the_command_asks_when_run_in_a_terminal(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(rules_cmd, "_interactive", lambda: True)
    result = CliRunner().invoke(cli, ["rules", "new"],
                                input="ours\nstrength\naudits, voice_summary\nany\n")
    assert result.exit_code == 0, result.output
    assert "Which sources must agree" in result.output
    _check(tmp_path / "ours")


def test_the_command_without_a_terminal_says_what_is_missing(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(rules_cmd, "_interactive", lambda: False)
    result = CliRunner().invoke(cli, ["rules", "new", "--into", "ours", "--source", "audits"])
    assert result.exit_code == 2
    assert "error: give --kind" in result.stderr
    unknown = CliRunner().invoke(cli, ["rules", "new", "--into", "ours", "--kind", "risk",
                                       "--source", "audts"])
    assert unknown.exit_code == 2 and "did you mean 'audits'?" in unknown.stderr
    assert isinstance(unknown.exception, SystemExit)
