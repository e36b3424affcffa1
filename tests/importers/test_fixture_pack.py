"""fixtures/packs/hartlepool-published: a pack built only from published files, by the
commands in docs/importing.md. Regenerate it with those commands after changing the
importers, review the diff, and commit it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance.ingest import load_pack
from assurance_cli.main import cli

from .conftest import DFE, EES_FILES, LAIT, benchmark, row, snapshot

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "hartlepool-published"
LAIT_ITEMS = ("CIN", "CPP_Total_Rateper10,000", "Section_47", "ISCP_Conf", "CP_conf_15days",
              "CPP_rate", "CPP_Abuse_Rate", "RevCP", "CPPlans2yrs", "Children_missing",
              "LACDistance", "StayingPut")


def build(pack: Path) -> None:
    """The recipe of docs/importing.md, run through the command line."""
    runner = CliRunner()
    ees = runner.invoke(cli, ["import", "ees", *map(str, EES_FILES), "--area", "Hartlepool",
                              "--into", str(pack)])
    assert ees.exit_code == 0, ees.output
    items = [arg for item in LAIT_ITEMS for arg in ("--item", item)]
    lait = runner.invoke(cli, ["import", "lait", str(LAIT), "--area", "Hartlepool",
                               "--into", str(pack), *items])
    assert lait.exit_code == 0, lait.output


def test_the_fixture_is_what_the_recipe_builds(tmp_path: Path) -> None:
    rebuilt = tmp_path / FIXTURE.name
    build(rebuilt)
    assert snapshot(rebuilt) == snapshot(FIXTURE), "regenerate: see docs/importing.md"


def test_the_fixture_uses_only_the_published_files() -> None:
    sources = {p.name for p in (*EES_FILES, LAIT)}
    assert all((DFE / name).is_file() for name in sources)


def test_the_fixture_is_a_valid_pack() -> None:
    pack = load_pack(FIXTURE)
    manifest = pack.manifest
    assert (manifest.id, manifest.partnership, manifest.period.label) == (
        "hartlepool-published", "Hartlepool (published statistics only)", "2025-09-30")
    # the workforce census at 30 September 2025 is the newest figure: nothing is left out
    assert manifest.frameworks == () and manifest.areas == ("Hartlepool",)
    assert len(pack.tables["catalogue"]) == 33


@pytest.mark.parametrize(
    ("indicator", "period", "value", "england"),
    [
        ("dfe-rereferral-rate", "2024-25", "26.5", "22.6"),  # high and rising since 2017
        ("dfe-cpp-repeat-rate", "2024-25", "32.4", "24.5"),  # repeat plans up from 20.9
        ("dfe-cla-rate", "2024-25", "157", "67"),  # more than twice England's rate
        ("lait-cpp-rate", "2024-25", "82", "40.6"),
        ("lait-icpc-within-15-days-rate", "2024-25", "96.4", "81.4"),  # a strength
        ("dfe-sw-agency-rate", "2024-09-30", "2", "16.2"),  # a stable workforce
    ],
)
def test_numbers_an_analyst_would_recognise(indicator: str, period: str, value: str,
                                            england: str) -> None:
    assert row(FIXTURE, indicator, period)["value"] == value
    assert benchmark(FIXTURE, indicator, period, "england") == england
