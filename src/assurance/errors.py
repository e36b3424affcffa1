"""Every error the library raises, in one tree.

::

    AssuranceError                 base: catch this to catch everything below
    ├── PackError                  an evidence pack cannot be loaded
    │   └── PackValidationError    located problems, all of them (``.problems``)
    ├── RuleError                  a rule file or rule folder is broken (``.problems``)
    ├── GraphError                 a graph operation was refused or failed
    │   ├── QueryRefusedError      a SPARQL update or anything but SELECT/ASK
    │   ├── QuerySyntaxError       a query that does not parse
    │   ├── UnsupportedFormatError an export format other than ttl, jsonld, nt
    │   └── EvidenceNotFoundError  a finding cites evidence the graph does not hold
    ├── ImportError_               a published-statistics file cannot be imported
    │   └── ImportProblemsError    ... with located problems (``.problems``)
    └── RunError                   a run directory is missing or unreadable

A problem is located: file, row (or line), column, what was expected, and the nearest
valid value where there is one, so that the command line can print it as
``audits.csv:12:grade: unknown grade 'god'; expected one of ...; did you mean 'good'?``.
A problem in a text file such as a rule file carries its line and character (``col``)
instead, printed the way editors jump to it: ``rules/x.yaml:12:5: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    suggestion: str | None = None
    col: int | None = None  # character position in the line (1-based), for text files

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.row is not None and self.col is not None:
            where += f":{self.col}"  # rules/x.yaml:12:5, as editors and compilers print
        elif self.column:
            where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


class AssuranceError(Exception):
    """Base of every error the library raises."""


class ProblemsError(AssuranceError):
    """An error that carries every located problem found, not just the first."""

    def __init__(self, summary: str, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(summary)


class PackError(AssuranceError):
    """An evidence pack cannot be loaded (missing folder, unreadable manifest...)."""


class PackValidationError(PackError, ProblemsError):
    """An evidence pack has problems; ``problems`` lists every one, located."""


class RuleError(ProblemsError):
    """A rule file or folder is broken; ``problems`` lists every one, located."""


class GraphError(AssuranceError):
    """A graph operation was refused or failed."""


class ImportError_(AssuranceError):
    """A published-statistics file cannot be imported."""


class RunError(AssuranceError):
    """A run directory is missing, incomplete or unreadable."""
