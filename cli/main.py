"""The ``assure`` command group. Each sub-command lives in a module of its own."""

from __future__ import annotations

import click

from assurance import __version__
from assurance_cli.commands import LazyGroup

EPILOG = """\b
Examples:
  assure validate fixtures/packs/hartlepool-stockton
  assure triangulate fixtures/packs/hartlepool-stockton --out runs/2024-25-q2
  assure demo

Exit codes: 0 success; 1 findings at or above --fail-on; 2 bad input or usage.
"""


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG
)
@click.version_option(__version__, prog_name="assure")
def cli() -> None:
    """Triangulate a safeguarding children partnership's evidence into Strengths,
    Risks and Key Lines of Enquiry, each traceable to its evidence."""

