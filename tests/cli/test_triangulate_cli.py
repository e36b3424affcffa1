"""``assure triangulate``: outputs written, documented exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from assurance.outputs import RUN_FILES
from assurance_cli.main import cli

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_a_run_writes_every_output_and_exits_zero(tmp_path: Path) -> None:
    result = invoke("triangulate", str(FIXTURES / "minimal"), "--out", str(tmp_path / "run"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "run").iterdir()) == sorted(RUN_FILES)
    assert "0 risks, 3 KLOE, 0 strengths" in result.output


def test_fail_on_exits_one_when_a_finding_reaches_the_severity(tmp_path: Path) -> None:
    out = str(tmp_path / "run")
    assert (
        invoke(
            "triangulate", str(FIXTURES / "minimal"), "--out", out, "--fail-on", "high"
        ).exit_code
        == 1
    )
    assert (
        invoke(
            "triangulate", str(FIXTURES / "minimal"), "--out", out, "--fail-on", "critical"
        ).exit_code
        == 0
    )


def test_bad_input_exits_two_without_a_traceback(tmp_path: Path) -> None:
    for args in (
        [str(FIXTURES / "broken"), "--out", str(tmp_path / "a")],
        [str(FIXTURES / "minimal"), "--out", "/proc/no/such/run"],
        [str(FIXTURES / "minimal"), "--out", str(tmp_path / "b"), "--period", "Q9"],
        [str(FIXTURES / "minimal"), "--out", str(tmp_path / "c"), "--previous", str(tmp_path)],
    ):
        result = invoke("triangulate", *args)
        assert result.exit_code == 2, args
        assert result.output.startswith("error: ") and "Traceback" not in result.output
