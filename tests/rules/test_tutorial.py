"""docs/tutorial-first-rule.md, followed step by step.

The tutorial marks its executable blocks with HTML comments (invisible on GitHub):

- ``<!-- tutorial: run -->`` before a ``console`` block: each ``$ assure ...`` line is
  run in order; the lines under it must appear in its output, in order (``...`` skips);
  ``exit=N`` expects that exit code (default 0); ``needs-example-pack`` marks steps that
  need fixtures/packs/hartlepool-stockton;
- ``<!-- tutorial: write PATH -->`` before a ``yaml`` block: the reader writes that file;
- ``<!-- tutorial: expect PATH -->`` before a ``yaml`` block: the file is exactly that.

So a rule written by following only the tutorial is shown to lint clean, pass its
examples and raise its finding on the example pack.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance_cli.main import cli

REPO = Path(__file__).resolve().parents[2]
TUTORIAL = REPO / "docs" / "tutorial-first-rule.md"
EXAMPLE_PACK = REPO / "fixtures" / "packs" / "hartlepool-stockton"
_STEP = re.compile(r"<!-- tutorial: (\w+)(?: ([^>]*?))? -->\n```(\w+)\n(.*?)```\n", re.S)


@dataclass
class Step:
    action: str  # run | write | expect
    options: str
    body: str

    @property
    def needs_example_pack(self) -> bool:
        return self.action == "run" and "needs-example-pack" in self.options.split()


def steps() -> list[Step]:
    found = [Step(m[1], m[2] or "", m[4]) for m in _STEP.finditer(TUTORIAL.read_text("utf-8"))]
    assert found, "the tutorial has no executable steps"
    return found


@dataclass
class Command:
    line: str
    expected: list[str]


def commands(body: str) -> Iterator[Command]:
    current: Command | None = None
    for line in body.splitlines():
        if line.startswith("$ "):
            if current:
                yield current
            current = Command(line[2:], [])
        elif current is not None:
            current.expected.append(line.rstrip())
    if current:
        yield current


def _exit_code(options: str) -> int:
    found = re.search(r"exit=(\d+)", options)
    return int(found[1]) if found else 0


def follow(step: Step, where: Path) -> None:
    if step.action == "write":
        (where / step.options).write_text(step.body, encoding="utf-8")
        return
    if step.action == "expect":
        actual = (where / step.options).read_text(encoding="utf-8")
        assert actual == step.body, f"the tutorial shows {step.options} differently from what " \
                                    "the command writes"
        return
    assert step.action == "run", step.action
    for command in commands(step.body):
        args = shlex.split(command.line)
        assert args[0] == "assure", command.line
        result = CliRunner().invoke(cli, args[1:])
        assert isinstance(result.exception, SystemExit | None), result.exception
        assert result.exit_code == _exit_code(step.options), (command.line, result.output)
        _assert_shown(command, result.output)


def _assert_shown(command: Command, output: str) -> None:
    lines = [line.rstrip() for line in output.splitlines()]
    position = 0
    for wanted in command.expected:
        if wanted in {"", "..."}:
            continue
        try:
            position = lines.index(wanted, position) + 1
        except ValueError:
            pytest.fail(f"`{command.line}` did not print, in order:\n  {wanted}\n"
                        f"it printed:\n{output}", pytrace=False)


@pytest.fixture
def workplace(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder to follow the tutorial in, with the repository's fixtures at hand."""
    (tmp_path / "fixtures").symlink_to(REPO / "fixtures", target_is_directory=True)
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def test_the_tutorial_rule_lints_clean_and_passes_its_examples(workplace: Path) -> None:
    followed = 0
    for step in steps():
        if step.needs_example_pack:
            break
        follow(step, workplace)
        followed += 1
    assert followed >= 6
    rule = workplace / "my-rules" / "LC01-good-practice-in-audits-confirmed.yaml"
    assert "name: my_rules.good_practice_confirmed_by_children" in rule.read_text()


@pytest.mark.slow
@pytest.mark.skipif(not EXAMPLE_PACK.is_dir(),
                    reason="the example pack fixtures/packs/hartlepool-stockton is not there yet")
def test_the_tutorial_rule_raises_its_finding_on_the_example_pack(workplace: Path) -> None:
    for step in steps():
        follow(step, workplace)
    run = workplace / "runs" / "tutorial"
    findings = json.loads((run / "findings.json").read_text())["findings"]
    ours = [f for f in findings if "LC01" in {r["code"] for r in f["rules"]}]
    assert ours, "the tutorial's rule raised no finding on the example pack"
    assert all(f["kind"] == "strength" for f in ours)
    manifest = json.loads((run / "manifest.json").read_text())
    assert {"name": "my-rules", "version": "0.1.0"}.items() <= next(
        p for p in manifest["rule_packs"] if p["name"] == "my-rules").items()


@pytest.mark.slow
def test_pytest_runs_the_examples_of_a_folder_given_with_rules(workplace: Path) -> None:
    for step in steps():
        if step.needs_example_pack:
            break
        follow(step, workplace)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/rules/test_rule_examples.py", "--rules", str(workplace / "my-rules"),
         "-k", "LC01"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 passed" in result.stdout
