"""docs/rules.md is generated from the rule files and never drifts from them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.authoring.docs import FACT_KINDS, rules_markdown
from assurance.kinds import FACT_FIELDS
from assurance.rules import load_rules
from assurance_cli.main import cli

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "rules.md"


def _generated() -> str:
    rule_set = load_rules()
    return rules_markdown(rule_set.rules, rule_set.packs)


def test_docs_rules_md_is_what_the_rule_files_generate() -> None:
    generated, committed = _generated(), COMMITTED.read_text(encoding="utf-8")
    if committed != generated:
        new, old = generated.splitlines(), committed.splitlines()
        line = next((i for i, (a, b) in enumerate(zip(new, old, strict=False)) if a != b),
                    min(len(new), len(old)))
        pytest.fail(f"docs/rules.md is out of date (first difference at line {line + 1}); "
                    "regenerate it with: assure rules docs > docs/rules.md", pytrace=False)


def test_the_page_is_deterministic_and_covers_every_rule_fact_and_theme() -> None:
    text = _generated()
    assert text == _generated()
    for rule in load_rules().rules:
        assert f'<a id="{rule.code.lower()}"></a>' in text
    for kind in FACT_FIELDS:
        assert f'<a id="fact-{kind}"></a>' in text
    assert "| `neglect` | Neglect |" in text


def test_every_kind_of_fact_is_described() -> None:
    assert set(FACT_KINDS) == set(FACT_FIELDS)


def test_the_command_checks_the_committed_page(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["rules", "docs", "--check", str(COMMITTED)]).exit_code == 0
    stale = tmp_path / "rules.md"
    stale.write_text("# old\n")
    result = runner.invoke(cli, ["rules", "docs", "--check", str(stale)])
    assert result.exit_code == 1 and "is out of date" in result.stderr
    printed = runner.invoke(cli, ["rules", "docs"])
    assert printed.exit_code == 0 and printed.output == _generated()
