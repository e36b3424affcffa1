"""The sub-commands, each in a module of its own, imported only when it runs.

Importing every command module up front costs a second or more of start-up (the
pipeline, the importers, the renderer and the rule tooling pull in pandas, rdflib,
matplotlib, pyvis and durable_rules) that ``assure -h`` and ``assure validate`` should
not pay. So a group's table names each command's module and its one-line help, and
``assure -h`` lists the commands from the table without importing any of them
(tests/cli/test_help.py checks each line against the command's own help).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click
from click.utils import make_default_short_help


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives, and the first line of its help for the group's listing."""

    module: str  # in assurance_cli
    attribute: str  # a click command or group
    short_help: str

    def load(self) -> click.Command:
        module = importlib.import_module(f"assurance_cli.{self.module}")
        command = getattr(module, self.attribute)
        assert isinstance(command, click.Command), f"{self.module}.{self.attribute}"
        return command


COMMANDS: dict[str, LazyCommand] = {
    "validate": LazyCommand(
        "validate_cmd", "validate",
        "Check an evidence pack (a folder or an .xlsx workbook) against the contract."),
    "import": LazyCommand(
        "import_cmd", "import_group",
        "Import published statistics (DfE Explore Education Statistics, LAIT) into an "
        "evidence pack: indicators for one area, benchmarks against England, its region and "
        "its statistical neighbours."),
    "triangulate": LazyCommand(
        "triangulate_cmd", "triangulate_command",
        "Triangulate an evidence pack into Strengths, Risks and KLOE."),
    "demo": LazyCommand(
        "triangulate_cmd", "demo",
        "Triangulate the bundled Hartlepool and Stockton-on-Tees example pack."),
    "export": LazyCommand(
        "export_cmd", "export",
        "Export an evidence pack's knowledge graph: ontology, catalogue and evidence."),
    "query": LazyCommand(
        "export_cmd", "query",
        "Run a read-only SPARQL query (SELECT or ASK) over an evidence pack's graph."),
    "graph": LazyCommand(
        "graph_cmd", "graph",
        "Regenerate RUN_DIR/graph.html, the interactive evidence graph, from a finished run."),
    "report": LazyCommand(
        "report_cmd", "report",
        "Regenerate RUN_DIR/report.html and report.md from a finished run."),
    "rules": LazyCommand(
        "rules_cmd", "rules_group",
        "Work with assurance rules: the checks that turn evidence into findings."),
    "explain": LazyCommand(
        "explain_cmd", "explain",
        "Say why a finding was raised, or why a rule did not fire."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when asked for (click's lazy-loading recipe),
    and listed in its help from their table, without importing them."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, LazyCommand] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in self.lazy_commands:
            command = self.lazy_commands[cmd_name].load()
            self.add_command(command, cmd_name)
        return command

    def listed_help(self, ctx: click.Context, name: str, limit: int) -> str | None:
        """A command's line in the listing; None for a hidden or unknown command."""
        if name not in self.commands and name in self.lazy_commands:
            return make_default_short_help(self.lazy_commands[name].short_help, limit)
        command = super().get_command(ctx, name)
        return None if command is None or command.hidden else command.get_short_help_str(limit)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self.listed_help(ctx, name, limit)) for name in names]
        listed = [(name, text) for name, text in rows if text is not None]
        if listed:
            with formatter.section("Commands"):
                formatter.write_dl(listed)
