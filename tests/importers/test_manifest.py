"""The pack's period: the newest figures are never left out silently."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assurance.importers import import_ees, import_lait
from assurance.importers.manifest import latest_period, plan_manifest
from assurance_cli.main import cli

from .conftest import LAIT, REFERRALS, S47, WORKFORCE

OWN = ("id: hartlepool-own\npartnership: Hartlepool Safeguarding Children Partnership\n"
       "period: {period}\nframework: none\nareas: [Hartlepool]\n")


def _period(pack: Path) -> str:
    return str(yaml.safe_load((pack / "pack.yaml").read_text())["period"])


def test_a_created_pack_s_period_is_the_newest_figure_and_the_summary_says_so(
        tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "ees", str(REFERRALS), str(WORKFORCE),
                                      "--area", "Hartlepool", "--into", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert _period(tmp_path) == "2025-09-30"  # the workforce census, after 2024-25
    assert ("created pack.yaml with period 2025-09-30 (at 30 September 2025), the latest the "
            "figures cover") in result.output
    assert "rows from 30 September 2017 to 30 September 2025" in result.output


def test_a_year_s_period_is_said_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import", "ees", str(REFERRALS), "--area", "805",
                                      "--into", str(tmp_path)])
    assert "created pack.yaml with period 2024-25, the latest the figures cover" in result.output


def test_the_importer_s_own_pack_yaml_moves_on_to_newer_figures(tmp_path: Path) -> None:
    first = import_ees([REFERRALS, S47], area="Hartlepool", into=tmp_path)
    assert (first.created, first.period) == (True, "2024-25")
    result = CliRunner().invoke(cli, ["import", "lait", str(LAIT), "--area", "Hartlepool",
                                      "--into", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert _period(tmp_path) == "2025-09-30"
    assert ("pack.yaml: period moved on from 2024-25 to 2025-09-30 (at 30 September 2025), the "
            "latest the figures cover") in result.output
    assert "warning" not in result.output
    again = import_lait(LAIT, area="Hartlepool", into=tmp_path)
    assert not again.changed and again.previous_period == ""


def test_the_period_never_moves_back(tmp_path: Path) -> None:
    import_ees([WORKFORCE], area="Hartlepool", into=tmp_path)
    result = import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    assert (_period(tmp_path), result.period, result.previous_period) == ("2025-09-30",
                                                                           "2025-09-30", "")


@pytest.mark.parametrize("edit", [
    lambda text: OWN.format(period="2024-25"),
    lambda text: text + "priorities: [neglect]\n",  # the importer's file, edited
])
def test_a_pack_yaml_someone_wrote_is_kept_with_a_warning_naming_newer_periods(
        tmp_path: Path, edit) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    manifest = tmp_path / "pack.yaml"
    manifest.write_text(edit(manifest.read_text()))
    before = manifest.read_bytes()
    result = CliRunner().invoke(cli, ["import", "ees", str(WORKFORCE), "--area", "Hartlepool",
                                      "--into", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert manifest.read_bytes() == before
    assert ("warning: the pack's period (2024-25 in pack.yaml) is older than figures just "
            "imported (at 30 September 2025): the signals leave out points after the pack's "
            "period; set period in pack.yaml to 2025-09-30 to use them") in result.output


def test_the_warning_names_every_newer_period_up_to_five(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(OWN.format(period="2019-20"))
    (warning,) = import_ees([REFERRALS], area="Hartlepool", into=tmp_path).warnings
    assert ("(in 2020-21, in 2021-22, in 2022-23, in 2023-24 and in 2024-25)") in warning
    (tmp_path / "pack.yaml").write_text(OWN.format(period="2013-14 Q2"))
    (warning,) = import_ees([REFERRALS], area="Hartlepool", into=tmp_path).warnings
    assert ("(in 2013-14, in 2014-15, in 2015-16, in 2016-17, in 2017-18 and 7 more)"
            in warning)


def test_no_warning_when_the_pack_s_period_covers_the_figures(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(OWN.format(period="2025-26 Q2"))
    result = import_ees([REFERRALS, WORKFORCE], area="Hartlepool", into=tmp_path)
    assert result.warnings == () and result.period == "2025-26 Q2"


def test_latest_period_prefers_the_longest_of_those_ending_last() -> None:
    assert latest_period(["2024-25 Q4", "2025-03-31", "2024-25", "2023-24"]) == "2024-25"
    assert latest_period(["2024-25", "2024-09-30", "2025Q1"]) == "2024-25"
    assert latest_period(["2024-25", "2025-09-30"]) == "2025-09-30"
    assert latest_period(["not a period"]) == ""


def test_a_period_with_no_published_figure_is_not_the_pack_s(tmp_path: Path) -> None:
    rows = [{"period": "2024-25", "value": "26.5"}, {"period": "2025-26", "value": ""}]
    plan = plan_manifest(tmp_path, "Hartlepool", rows)
    assert (plan.created, plan.period) == (True, "2024-25")
    suppressed = [{"period": "2025-26", "value": ""}]
    assert plan_manifest(tmp_path, "Hartlepool", suppressed).period == "2025-26"
