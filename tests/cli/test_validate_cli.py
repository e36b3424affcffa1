"""``assure validate``: exit codes, every problem listed, a summary when valid."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from assurance_cli.main import cli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_valid_pack_exits_zero_with_a_summary() -> None:
    result = invoke("validate", str(FIXTURES / "minimal"))
    assert result.exit_code == 0, result.output
    assert "valid evidence pack 'minimal' for 2024-25 Q2" in result.output
    assert "loaded: indicators 4, audits 2, catalogue 2" in result.output
    assert "priorities: Neglect, Domestic abuse" in result.output


def test_broken_pack_lists_every_problem_and_exits_two() -> None:
    result = invoke("validate", str(FIXTURES / "broken"))
    assert result.exit_code == 2
    assert "16 problem(s)" not in result.output  # the count is the real one, below
    lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    assert len(lines) == 15
    assert "audits.csv:3:theme: unknown theme 'Neglekt'; did you mean 'Neglect'?" in result.output
    assert "Traceback" not in result.output


def test_missing_pack_is_a_clear_error() -> None:
    result = invoke("validate", "no/such/pack")
    assert result.exit_code == 2
    assert "error: no/such/pack: no such folder or workbook" in result.output


def test_help_has_examples() -> None:
    result = invoke("validate", "-h")
    assert result.exit_code == 0 and "Examples:" in result.output


def test_shacl_option_checks_the_graph_against_the_shapes() -> None:
    result = invoke("validate", str(FIXTURES / "minimal"), "--shacl")
    assert result.exit_code == 0, result.output
    assert "conforms to the SHACL shapes" in result.output
