"""`assure graph` and `assure report`: thin commands over assurance.render."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance_cli.main import cli

SAMPLE = Path(__file__).parents[1] / "render" / "sample_run"


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    target = tmp_path / "run"
    shutil.copytree(SAMPLE, target)
    return target


def test_graph_writes_graph_html(run_dir: Path):
    result = CliRunner().invoke(cli, ["graph", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert (run_dir / "graph.html").is_file() and not (run_dir / "report.html").exists()


def test_report_writes_the_formats_asked_for(run_dir: Path):
    result = CliRunner().invoke(cli, ["report", str(run_dir), "--format", "md", "--publish"])
    assert result.exit_code == 0, result.output
    assert "Published edition" in (run_dir / "report.md").read_text(encoding="utf-8")
    assert not (run_dir / "report.html").exists()


@pytest.mark.parametrize("command", ["graph", "report"])
def test_a_folder_that_is_not_a_run_exits_2_with_a_reason(tmp_path: Path, command: str):
    result = CliRunner().invoke(cli, [command, str(tmp_path)])
    assert result.exit_code == 2
    assert "not a run directory (findings.json is missing)" in result.output
    assert "Traceback" not in result.output
