"""What the commands share: exit codes, printing located problems, loading a pack."""

from __future__ import annotations

import importlib
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


class LibraryChoice(click.Choice):  # type: ignore[type-arg]
    """A choice among values the library defines, read from it only when first needed.

    ``click.Choice(assurance.rules.KINDS)`` would import the rules module, and with it
    pandas and rdflib, whenever the command's module is imported: for ``assure rules -h``
    too, which only lists the sub-commands.
    """

    def __init__(self, module: str, name: str, case_sensitive: bool = True) -> None:
        self._source = (module, name)
        self._loaded: tuple[str, ...] | None = None
        super().__init__((), case_sensitive=case_sensitive)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        if self._loaded is None:
            module, name = self._source
            self._loaded = tuple(getattr(importlib.import_module(module), name))
        return self._loaded

    @choices.setter
    def choices(self, given: Iterable[str]) -> None:
        """click.Choice's own __init__ sets the choices: here, none until they are read."""
        self._loaded = tuple(given) or None


pack_argument = click.argument(
    "pack", type=click.Path(exists=False, path_type=Path), metavar="PACK"
)
redact_option = click.option(
    "--redact",
    is_flag=True,
    help="Replace personal identifiers found in free text instead of refusing the pack.",
)
