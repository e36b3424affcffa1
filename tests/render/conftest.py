"""Fixtures for the renderer tests: the hand-written sample run, loaded and rendered once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assurance.render import Run, for_publication, load_run, render_outputs

SAMPLE = Path(__file__).parent / "sample_run"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture(scope="session")
def sample_run() -> Run:
    return load_run(SAMPLE)


@pytest.fixture(scope="session")
def published_run(sample_run: Run) -> Run:
    return for_publication(sample_run)


@pytest.fixture(scope="session")
def outputs(sample_run: Run) -> dict[str, str]:
    return render_outputs(sample_run)


@pytest.fixture(scope="session")
def published_outputs(sample_run: Run) -> dict[str, str]:
    return render_outputs(sample_run, publish=True)


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A writable copy of the sample run."""
    target = tmp_path / "run"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("README.md"))
    return target


def graph_payload(html: str) -> dict:
    """The JSON data island of a graph page."""
    start = html.index('<script type="application/json" id="graph-data">') + len(
        '<script type="application/json" id="graph-data">'
    )
    return json.loads(html[start : html.index("</script>", start)])
