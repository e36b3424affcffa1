"""The sub-commands, each in a module of its own, imported only when it runs.

Importing every command module up front costs a second of start-up (the importers, the
renderer and the rule tooling pull in pandas, matplotlib and pyvis) that a user of
``assure validate`` should not pay.
"""

from __future__ import annotations

import importlib

import click

# command name: (module, attribute): each a click command or group
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate_cmd", "validate"),
    "import": ("import_cmd", "import_group"),
    "triangulate": ("triangulate_cmd", "triangulate_command"),
    "demo": ("triangulate_cmd", "demo"),
    "export": ("export_cmd", "export"),
    "query": ("export_cmd", "query"),
    "graph": ("graph_cmd", "graph"),
    "report": ("report_cmd", "report"),
    "rules": ("rules_cmd", "rules_group"),
    "explain": ("explain_cmd", "explain"),
}


def load_command(name: str) -> click.Command | None:
    if name not in COMMANDS:
        return None
    module_name, attribute = COMMANDS[name]
    module = importlib.import_module(f"assurance_cli.{module_name}")
    return getattr(module, attribute)


class LazyGroup(click.Group):
    """A group whose commands are imported when asked for (click's lazy-loading recipe)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name) or load_command(cmd_name)
