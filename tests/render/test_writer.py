"""render_run: three files, written atomically, from a run directory."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from assurance.errors import RunError
from assurance.render import OUTPUTS, charts, render_run
from assurance.render import writer as writer_module


@pytest.fixture(autouse=True)
def quick_charts(monkeypatch):
    """Writing is tested here, not drawing (test_charts.py): skip matplotlib."""
    for name in ("spc_chart", "benchmark_chart", "coverage_heatmap"):
        monkeypatch.setattr(charts, name, lambda *_args: '<svg class="chart"></svg>')


def test_writes_the_graph_and_both_reports(run_dir: Path):
    render_run(run_dir)
    for name in OUTPUTS:
        path = run_dir / name
        assert path.stat().st_size > 1000
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert not list(run_dir.glob(".*.tmp"))


def test_writes_only_what_is_asked(run_dir: Path):
    render_run(run_dir, outputs=["report.md"])
    assert (run_dir / "report.md").is_file()
    assert not (run_dir / "graph.html").exists()
    with pytest.raises(RunError, match="unknown outputs"):
        render_run(run_dir, outputs=["report.pdf"])


def test_a_failure_leaves_the_previous_outputs_untouched(run_dir: Path, monkeypatch):
    for name in OUTPUTS:
        (run_dir / name).write_text("previous", encoding="utf-8")

    def broken(*_args, **_kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(writer_module, "render_report_markdown", broken)
    with pytest.raises(RuntimeError):
        render_run(run_dir)
    assert all((run_dir / n).read_text(encoding="utf-8") == "previous" for n in OUTPUTS)
    assert not list(run_dir.glob(".*.tmp"))


def test_not_a_run(tmp_path: Path):
    with pytest.raises(RunError, match="not a run directory"):
        render_run(tmp_path)
