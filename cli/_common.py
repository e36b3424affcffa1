"""What the commands share: exit codes, printing located problems, loading a pack."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from assurance.errors import AssuranceError, Problem, ProblemsError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

#: How many problems to print per file before summarising the rest.
SHOWN_PER_FILE = 50


def echo_problems(problems: Iterable[Problem], *, err: bool = True) -> None:
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        count = shown.get(problem.file, 0)
        if count < SHOWN_PER_FILE:
            click.echo(f"  {problem}", err=err)
            shown[problem.file] = count + 1
        else:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
    for file, count in hidden.items():
        click.echo(f"  {file}: ... and {count} more problem(s)", err=err)


def fail(error: AssuranceError) -> None:
    """Print a library error the way a user should see it, and exit with code 2."""
    click.echo(f"error: {error}", err=True)
    if isinstance(error, ProblemsError):
        echo_problems(error.problems)
    raise SystemExit(EXIT_BAD_INPUT)


pack_argument = click.argument(
    "pack", type=click.Path(exists=False, path_type=Path), metavar="PACK"
)
redact_option = click.option(
    "--redact",
    is_flag=True,
    help="Replace personal identifiers found in free text instead of refusing the pack.",
)
