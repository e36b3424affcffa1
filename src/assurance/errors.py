"""Every error the library raises, in one tree.

::

    AssuranceError                 base: catch this to catch everything below
    ├── PackError                  an evidence pack cannot be loaded
    │   └── PackValidationError    located problems, all of them (``.problems``)
    ├── PeriodParseError           a text that is no period in any accepted form
    ├── RuleError                  a rule file or rule folder is broken (``.problems``)
    ├── ScaffoldError              an answer to ``assure rules new`` cannot make a rule
    ├── EngineError                the rules engine failed (a bug, never the user's input)
    ├── GraphError                 a graph operation was refused or failed
    │   ├── QueryRefusedError      a SPARQL update or anything but SELECT/ASK
    │   ├── QuerySyntaxError       a query that does not parse
    │   ├── UnsupportedFormatError an export format other than ttl, jsonld, nt
    │   └── EvidenceNotFoundError  a finding cites evidence the graph does not hold
    ├── ImportError_               a published-statistics file cannot be imported
    │   ├── ImportProblemsError    ... with located problems (``.problems``)
    │   └── PublishedPeriodError   a published time period with no contract label
    └── RunError                   a run directory is missing or unreadable

Every class is defined here, so that the command line (and any program using the
library) can catch them by one import; none is a ``ValueError``, so a bug in our own
code is never mistaken for bad input.

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


class PeriodParseError(AssuranceError):
    """The text is not a period in any accepted form."""


class ScaffoldError(AssuranceError):
    """An answer cannot make a rule (unknown source, theme, code taken...)."""


class EngineError(AssuranceError):
    """The rules engine failed (a bug, or facts the engine could not hold)."""


class GraphError(AssuranceError):
    """A graph operation was refused or failed."""


class QueryRefusedError(GraphError):
    """A SPARQL request that is not a read-only SELECT or ASK on this graph alone."""


class QuerySyntaxError(GraphError):
    """A SPARQL query that does not parse."""


class UnsupportedFormatError(GraphError):
    """An export format other than Turtle, JSON-LD or N-Triples."""


class EvidenceNotFoundError(GraphError):
    """A finding cites evidence rows the graph does not hold; ``ids`` lists them."""

    def __init__(self, message: str, ids: list[str]) -> None:
        self.ids = list(ids)
        super().__init__(message)


class ImportError_(AssuranceError):
    """A published-statistics file cannot be imported."""


class ImportProblemsError(ImportError_, ProblemsError):
    """A published-statistics file cannot be imported; ``problems`` lists every
    located reason (file, row, column), not just the first."""


class PublishedPeriodError(ImportError_):
    """A published time period that has no contract label."""


class RunError(AssuranceError):
    """A run directory is missing, incomplete or unreadable."""
