"""The ``assure`` command group. Each sub-command lives in a module of its own."""

from __future__ import annotations

import click

from assurance import __version__
from assurance_cli.commands import COMMANDS, LazyGroup

EPILOG = """\b
Examples:
  assure validate fixtures/packs/hartlepool-stockton
  assure triangulate fixtures/packs/hartlepool-stockton --out runs/2024-25-q2
  assure explain runs/2024-25-q2 risk-neglect-0f32479c
  assure rules list
  assure demo

Each command has its own -h, with examples and exit codes.

\b
Exit codes: 0 success; 1 findings at or above --fail-on (or a rule example
failed); 2 bad input or usage: every problem is listed, never a traceback.
"""


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EPILOG,
)
@click.version_option(__version__, prog_name="assure")
def cli() -> None:
    """Triangulate a safeguarding children partnership's evidence into Strengths,
    Risks and Key Lines of Enquiry, each traceable to its evidence."""

