"""``assure -h``, ``assure --version`` and ``assure rules -h`` import nothing heavy.

A check on imports, not on time: the start-up time itself is measured by
bench/bench_startup.py. Each case runs in a fresh interpreter, since this one has
imported the whole library already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from assurance_cli.main import cli

#: What made ``assure -h`` take seconds: the data stack, the graph stack, the charts,
#: the rules engine and the library's pipeline.
HEAVY = ("pandas", "numpy", "rdflib", "networkx", "matplotlib", "pyvis", "durable_rules",
         "yaml", "assurance.triangulate", "assurance.rules", "assurance.ingest")

PROBE = """
import json, sys
from assurance_cli.main import cli
try:
    cli({args!r}, standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def imported_after(args: list[str]) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [["-h"], ["--version"], ["rules", "-h"], ["graph", "-h"]],
                         ids=" ".join)
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    assert imported_after(args) == []


def test_the_probe_sees_a_command_that_does_import_the_library() -> None:
    """The same probe, on a command whose help needs the library: it is not blind."""
    assert {"pandas", "assurance.rules"} <= set(imported_after(["triangulate", "-h"]))


def test_rule_choices_read_from_the_library_are_shown_and_enforced() -> None:
    text = CliRunner().invoke(cli, ["rules", "new", "-h"]).output
    assert "--kind [risk|kloe|strength]" in text
    assert "--severity [critical|high|medium|low]" in text
    wrong = CliRunner().invoke(cli, ["rules", "new", "--into", "x", "--kind", "danger"])
    assert wrong.exit_code == 2
    assert "'danger' is not one of 'risk', 'kloe', 'strength'" in wrong.output


def test_version_is_the_package_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"assure, version {version('safeguarding-assurance')}"
