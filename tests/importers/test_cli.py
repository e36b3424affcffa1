"""``assure import`` end to end through click's CliRunner."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from assurance_cli.main import cli

from .conftest import DFE, LAIT, LAIT_DICTIONARY, REFERRALS, snapshot


def _run(*args: str):
    return CliRunner().invoke(cli, ["import", *args])


def test_ees_import_prints_what_changed(tmp_path: Path) -> None:
    result = _run("ees", str(REFERRALS), "--area", "Hartlepool", "--into", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Hartlepool (805) as 'Hartlepool'" in result.output
    assert "England, North East, 10 statistical neighbours (DfE 2025 model)" in result.output
    assert "indicators.csv: 52 added" in result.output
    assert "created pack.yaml" in result.output


def test_importing_again_says_nothing_changed(tmp_path: Path) -> None:
    args = ("ees", str(REFERRALS), "--area", "805", "--into", str(tmp_path))
    _run(*args)
    before = snapshot(tmp_path)
    result = _run(*args)
    assert result.exit_code == 0
    assert "indicators.csv: 52 unchanged" in result.output
    assert "nothing changed" in result.output
    assert snapshot(tmp_path) == before


def test_unknown_area_exits_2_with_one_line_per_problem(tmp_path: Path) -> None:
    result = _run("ees", str(REFERRALS), "--area", "Hartlepol", "--into", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0] == "error: --area: no local authority 'Hartlepol'"
    assert "nearest: Hartlepool (805)" in lines[1]


def test_missing_file_and_bad_where_exit_2(tmp_path: Path) -> None:
    missing = _run("ees", str(tmp_path / "nope.csv"), "--area", "805", "--into", str(tmp_path))
    assert missing.exit_code == 2 and "cannot be read" in missing.output
    where = _run("ees", str(REFERRALS), "--area", "805", "--into", str(tmp_path), "--where", "x")
    assert where.exit_code == 2 and "COLUMN=VALUE" in where.output


def test_measure_without_theme_exits_2(tmp_path: Path) -> None:
    result = _run("ees", str(REFERRALS), "--area", "805", "--into", str(tmp_path),
                  "--measure", "rereferral_child_percent")
    assert result.exit_code == 2
    assert "--theme: required with --measure" in result.output


def test_lait_import_with_items(tmp_path: Path) -> None:
    result = _run("lait", str(LAIT), "--area", "Hartlepool", "--into", str(tmp_path),
                  "--item", "CP_conf_15days", "--item", "CPP_Total_Rateper10,000")
    assert result.exit_code == 0, result.output
    assert "2 indicators, 20 rows from 2015-16 to 2024-25" in result.output


def test_neighbours_model_option(tmp_path: Path) -> None:
    result = _run("ees", str(REFERRALS), "--area", "805", "--into", str(tmp_path),
                  "--neighbours-model", "2021")
    assert result.exit_code == 0
    assert "(DfE 2021 model)" in result.output


def test_mappings_lists_the_shipped_mappings() -> None:
    result = _run("mappings")
    assert result.exit_code == 0
    assert "referrals (ees)" in result.output and "lait (lait)" in result.output


def test_help_has_examples() -> None:
    result = _run("ees", "-h")
    assert result.exit_code == 0 and "Examples:" in result.output


def test_ees_given_a_lait_file_says_to_use_import_lait(tmp_path: Path) -> None:
    result = _run("ees", str(REFERRALS), str(LAIT), "--area", "805", "--into", str(tmp_path))
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # an exit, not a traceback
    lines = result.output.splitlines()
    assert lines[0] == (f"error: {LAIT.name} is a LAIT long file, not an Explore Education "
                        "Statistics tidy file")
    assert lines[1].endswith("import it with `assure import lait`")
    assert len(lines) == 2  # one line that says what to do, not five missing columns
    assert not list(tmp_path.iterdir())


def test_lait_given_an_ees_file_says_to_use_import_ees(tmp_path: Path) -> None:
    result = _run("lait", str(REFERRALS), "--area", "805", "--into", str(tmp_path))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.output.splitlines()[1].endswith("import it with `assure import ees`")


def test_lait_given_the_dictionary_says_to_pass_it_with_dictionary(tmp_path: Path) -> None:
    result = _run("lait", str(LAIT_DICTIONARY), "--area", "805", "--into", str(tmp_path))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "give it to `assure import lait` with --dictionary" in result.output


def test_a_file_of_no_known_kind_still_lists_the_missing_columns(tmp_path: Path) -> None:
    result = _run("lait", str(DFE / "sn_model_2025_wide.csv"), "--area", "805",
                  "--into", str(tmp_path))
    assert result.exit_code == 2
    assert "required column 'short_desc' is missing" in result.output


def _examples(help_text: str) -> list[list[str]]:
    """The example commands of a help text, continuation lines joined."""
    block = help_text[help_text.index("Examples:"):].split("\n\n")[0]
    lines = block.replace("\\\n", " ").splitlines()[1:]
    return [shlex.split(line)[1:] for line in lines if line.strip().startswith("assure ")]


@pytest.mark.parametrize("command", ["ees", "lait", "mappings"])
def test_help_examples_run_on_the_real_files(command: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _run(command, "-h")
    assert shown.exit_code == 0
    assert "Exit codes: 0 " in shown.output and "; 2 " in shown.output
    examples = _examples(shown.output)
    assert len(examples) >= 1 and all(e[:2] == ["import", command] for e in examples)
    # from a folder with the repository's fixtures/ and src/, as the examples name them
    for name in ("fixtures", "src"):
        (tmp_path / name).symlink_to(DFE.parents[1] / name)
    monkeypatch.chdir(tmp_path)
    for example in examples:
        result = CliRunner().invoke(cli, example)
        assert result.exit_code == 0, (example, result.output)


def test_mappings_name_lists_its_indicators_and_what_is_shared() -> None:
    result = _run("mappings", "lait")
    assert result.exit_code == 0
    assert ("  dfe-rereferral-rate: item ReReferral, percent, up_is_bad, the same statistic as "
            "mapping referrals's (same_as)") in result.output.splitlines()
    assert "  lait-cin-rate: item CIN, rate_per_10k, neutral" in result.output.splitlines()
    listed = _run("mappings").output
    assert "52 indicators; 15 are statistics cla, cpp-duration, cpp-repeat, referrals, " in listed


def test_mappings_of_an_unknown_name_or_a_broken_file_exit_2(tmp_path: Path) -> None:
    unknown = _run("mappings", "referals")
    assert unknown.exit_code == 2 and "did you mean 'referrals'?" in unknown.output
    broken = tmp_path / "mine.yaml"
    broken.write_text("name: mine\nformat: ees\nindicators:\n  - {id: x, column: y}\n")
    result = _run("mappings", str(broken))
    assert result.exit_code == 2 and "mine.yaml:4:label: 'label' is required" in result.output
