"""The list of sub-commands: one line per command module."""

from __future__ import annotations

import importlib

import click

# module name, attribute: each a click command or group
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("validate_cmd", "validate"),
    ("import_cmd", "import_group"),
    ("triangulate_cmd", "triangulate_command"),
    ("triangulate_cmd", "demo"),
    ("export_cmd", "export"),
    ("export_cmd", "query"),
    ("graph_cmd", "graph"),
    ("report_cmd", "report"),
    ("rules_cmd", "rules_group"),
    ("explain_cmd", "explain"),
)


def all_commands() -> list[click.Command]:
    commands = []
    for module_name, attribute in _COMMANDS:
        module = importlib.import_module(f"assurance_cli.{module_name}")
        commands.append(getattr(module, attribute))
    return commands
