"""Each bench script parses its arguments: ``--help`` says how to run it and writes
nothing; an unknown option is an error, not a folder name."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "bench").glob("*.py"))
OUT = ROOT / "bench" / "out"


def run(script: Path, option: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(script), option], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def description(script: Path) -> str:
    docstring = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
    assert docstring, f"{script.name} has no docstring to describe it"
    return docstring


def listing() -> set[Path]:
    return set(OUT.rglob("*")) if OUT.is_dir() else set()


def test_every_bench_script_is_found() -> None:
    assert {p.name for p in SCRIPTS} >= {"bench_pipeline.py", "bench_render.py",
                                         "bench_startup.py", "make_england_pack.py"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_help_exits_zero_and_writes_nothing(script: Path, tmp_path: Path) -> None:
    before = listing()
    result = run(script, "--help", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {script.name}")
    assert description(script).splitlines()[0] in result.stdout
    assert "(default:" in result.stdout
    assert list(tmp_path.iterdir()) == []
    assert listing() == before


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_an_unknown_option_is_an_error(script: Path, tmp_path: Path) -> None:
    result = run(script, "--no-such-option", tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr
    assert list(tmp_path.iterdir()) == []
