"""Every command's ``-h`` gives examples and exit codes, and the examples really work.

The examples are read from the help a user sees (``assure … -h``), not from the source,
and run as written from a folder holding the repository's ``fixtures`` (as a user in a
clone would), after the ``assure rules new`` examples have written ``our-rules``.
"""

from __future__ import annotations

import itertools
import shlex
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from click.utils import make_default_short_help

from assurance_cli.main import cli

REPO = Path(__file__).resolve().parents[2]
#: Another command's business (issue 9 splits the work): its help is checked there.
NOT_HERE = {("import",)}
#: Shell syntax after which an example line is no longer the assure command itself.
SHELL_OPERATORS = {"|", ">", ">>", "&&", ";"}


def command_paths(group: click.Group = cli,
                  path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and sub-command of the tree, as the words that name it."""
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        if (*path, name) in NOT_HERE:
            continue
        command = group.get_command(ctx, name)
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*path, name))


def help_text(*path: str) -> str:
    result = CliRunner().invoke(cli, [*path, "-h"])
    assert result.exit_code == 0, result.output
    return result.output


def example_block(text: str) -> list[str]:
    """The lines under "Examples:", up to the first blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "Examples:") + 1
    return list(itertools.takewhile(lambda line: line.strip(), lines[start:]))


def examples(text: str) -> list[list[str]]:
    """Each example as the words a shell would give ``assure``: lines ending in a
    backslash and quotations running on to the next line are joined; comments and
    anything after a pipe or a redirection are dropped."""
    commands: list[list[str]] = []
    pending = ""
    for line in example_block(text):
        joined = f"{pending}\n{line}" if pending else line.strip()
        if joined.endswith("\\"):
            pending = joined[:-1]
            continue
        try:
            words = shlex.split(joined, comments=True)
        except ValueError:  # no closing quotation yet: the query goes on
            pending = joined
            continue
        pending = ""
        commands.append(list(itertools.takewhile(lambda w: w not in SHELL_OPERATORS, words)))
    assert not pending, f"an example does not end: {pending!r}"
    return commands


@pytest.mark.parametrize("path", [(), *command_paths()], ids=" ".join)
def test_every_help_has_examples_and_exit_codes(path: tuple[str, ...]) -> None:
    text = help_text(*path)
    assert "Example" in text and "Exit codes" in text, text
    found = examples(text)
    assert found and all(words[0] == "assure" for words in found), found


def test_the_walk_reaches_every_sub_command() -> None:
    paths = set(command_paths())
    assert {("validate",), ("explain",), ("rules",), ("rules", "new"), ("rules", "docs")} <= paths
    assert len(paths) == 16 and ("import",) not in paths


def test_the_example_parser_joins_and_cuts_lines() -> None:
    text = ("  Examples:\n    assure a 'x\n     y' \\\n      --b\n    assure c > out.txt\n"
            "    assure d   # a comment\n\n  assure e\n")
    assert examples(text) == [["assure", "a", "x\n     y", "--b"], ["assure", "c"],
                              ["assure", "d"]]


def test_the_listing_gives_each_command_its_own_first_line() -> None:
    """``assure -h`` lists the commands from a table, without importing them."""
    for name, entry in cli.lazy_commands.items():
        command = entry.load()
        for limit in (30, 45, 60, 80, 200):
            listed = make_default_short_help(entry.short_help, limit)
            assert listed == command.get_short_help_str(limit), (name, limit)
    text = help_text()
    assert all(f"  {name}  " in text for name in cli.lazy_commands)


def run_example(words: list[str]) -> None:
    result = CliRunner().invoke(cli, words[1:])
    allowed = {0, 1} if "--fail-on" in words else {0}  # 1: a finding reached it
    assert result.exit_code in allowed, (shlex.join(words), result.output, result.exception)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the repository's fixtures, and the rule pack `assure rules new -h`
    writes: what the examples are written against."""
    (tmp_path / "fixtures").symlink_to(REPO / "fixtures", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    answered = [w for w in examples(help_text("rules", "new")) if "--kind" in w]
    assert answered
    for words in answered:
        run_example(words)
    assert (tmp_path / "our-rules" / "LC01-worse-and-audited.yaml").is_file()
    return tmp_path


CHEAP = [("validate",), ("rules", "list"), ("rules", "show"), ("rules", "lint"),
         ("rules", "test"), ("rules", "schema"), ("export",), ("query",)]


@pytest.mark.parametrize("path", CHEAP, ids=" ".join)
def test_the_examples_of_cheap_commands_work(path: tuple[str, ...], workdir: Path) -> None:
    found = examples(help_text(*path))
    assert all(words[1:len(path) + 1] == list(path) for words in found), found
    for words in found:
        run_example(words)
    if path == ("export",):
        assert (workdir / "south-tees.ttl").stat().st_size > 100_000


@pytest.mark.slow
def test_the_examples_of_the_run_commands_work_in_order(workdir: Path) -> None:
    """demo and triangulate write the runs that graph, report and explain read: their
    finding ids and rule codes are real ones."""
    for path in [("demo",), ("triangulate",), ("graph",), ("report",), ("explain",)]:
        for words in examples(help_text(*path)):
            run_example(words)
    assert (workdir / "runs" / "2024-25-q2" / "findings.json").is_file()
    assert (workdir / "assure-demo" / "report.html").is_file()
