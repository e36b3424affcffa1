"""LAIT's long format → indicators, with polarity from LAIT's data dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.importers import ImportProblemsError, import_ees, import_lait

from .conftest import LAIT, LAIT_DICTIONARY, REFERRALS, benchmark, read_rows, row, series


@pytest.fixture(scope="module")
def hartlepool_lait(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = tmp_path_factory.mktemp("lait") / "hartlepool"
    import_lait(LAIT, area="Hartlepool", into=pack)
    return pack


def test_hartlepool_rereferrals_in_lait_are_ees_s_indicator(hartlepool_lait: Path,
                                                          tmp_path: Path) -> None:
    # ReReferral is declared the same statistic as EES's rereferral_percent (same_as)
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path)
    lait = series(hartlepool_lait, "dfe-rereferral-rate")
    ees = series(tmp_path, "dfe-rereferral-rate")
    assert not series(hartlepool_lait, "lait-rereferral-rate")
    assert lait["2024-25"] == "26.5"
    assert list(lait) == [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2025)]
    assert all(ees[period] == value for period, value in lait.items())  # LAIT 2016 is 2015-16
    assert benchmark(hartlepool_lait, "dfe-rereferral-rate", "2024-25", "england") == "22.6"


def test_lait_publishes_what_ees_suppresses(hartlepool_lait: Path) -> None:
    # Table c4's 0-10 day band is suppressed for Hartlepool in 2025; LAIT gives the share.
    assert row(hartlepool_lait, "lait-icpc-within-15-days-rate", "2024-25")["value"] == "96.4"
    assert benchmark(hartlepool_lait, "lait-icpc-within-15-days-rate", "2024-25",
                     "england") == "81.4"


def test_a_dash_is_missing_never_zero(hartlepool_lait: Path) -> None:
    published = row(hartlepool_lait, "lait-cpp-ceased-2-years-plus-rate", "2024-25")
    assert (published["value"], published["note"]) == ("", "suppressed or not available (-)")


def test_polarity_and_year_type_are_lait_s(hartlepool_lait: Path) -> None:
    catalogue = {r["indicator"]: r for r in read_rows(hartlepool_lait / "catalogue.csv")}
    assert catalogue["lait-cla-placed-20-miles-rate"]["polarity"] == "up_is_bad"  # LAIT: Low
    assert catalogue["lait-icpc-within-15-days-rate"]["polarity"] == "up_is_good"  # High
    assert catalogue["lait-cin-rate"]["polarity"] == "neutral"  # LAIT: -
    assert series(hartlepool_lait, "dfe-sw-turnover-rate")["2025-09-30"] == "11.5"


def test_region_comes_from_the_neighbour_model(tmp_path: Path) -> None:
    result = import_lait(LAIT, area="Hounslow", into=tmp_path, items=["ReReferral"])
    assert result.region == "London"
    assert benchmark(tmp_path, "dfe-rereferral-rate", "2024-25", "region") == "19.4"


def test_items_choose_what_is_imported(tmp_path: Path) -> None:
    result = import_lait(LAIT, area="808", into=tmp_path, items=["CIN", "CPP_rate"])
    assert result.sources[0].indicators == ("lait-cin-rate", "lait-cpp-rate")
    assert result.label == "Stockton-on-Tees"


def test_an_unknown_item_suggests_the_nearest(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError) as raised:
        import_lait(LAIT, area="Hartlepool", into=tmp_path, items=["ReReferal"])
    assert raised.value.problems[0].suggestion == "ReReferral"


def _one_item_mapping(tmp_path: Path) -> Path:
    mapping = tmp_path / "one.yaml"
    mapping.write_text(
        "name: one\nformat: lait\nsource: DfE LAIT\nindicators:\n"
        "  - {id: lait-cin-rate, item: CIN, label: CIN rate, theme: front door,"
        " unit: rate_per_10k, polarity: neutral, year_type: Annual}\n"
    )
    return mapping


def test_items_outside_the_mapping_need_the_dictionary(tmp_path: Path) -> None:
    mapping = _one_item_mapping(tmp_path)
    with pytest.raises(ImportProblemsError) as raised:
        import_lait(LAIT, area="Hartlepool", into=tmp_path / "pack", mapping=mapping,
                    items=["CIN", "CP_conf_15days"])
    assert "--dictionary" in str(raised.value.problems[0])


def test_the_dictionary_describes_items_outside_the_mapping(tmp_path: Path) -> None:
    mapping = _one_item_mapping(tmp_path)
    import_lait(LAIT, area="Hartlepool", into=tmp_path / "pack", mapping=mapping,
                items=["CIN", "CP_conf_15days"], dictionary=LAIT_DICTIONARY,
                theme="child protection")
    catalogue = {r["indicator"]: r for r in read_rows(tmp_path / "pack" / "catalogue.csv")}
    added = catalogue["lait-cp-conf-15days"]
    assert (added["theme"], added["unit"], added["polarity"]) == (
        "child-protection", "percent", "up_is_good")
    assert series(tmp_path / "pack", "lait-cp-conf-15days")["2024-25"] == "96.4"


def test_an_authority_the_model_does_not_know_keeps_its_region(tmp_path: Path) -> None:
    result = import_lait(LAIT, area="Cumberland", into=tmp_path, items=["ReReferral"],
                         neighbours_model="2021")
    assert result.region == "North West" and result.neighbours is None
    assert any("no neighbour benchmarks" in warning for warning in result.warnings)


def test_by_default_items_outside_the_mapping_are_left_out_with_a_warning(tmp_path: Path) -> None:
    result = import_lait(LAIT, area="Hartlepool", into=tmp_path / "pack",
                         mapping=_one_item_mapping(tmp_path))
    assert result.sources[0].indicators == ("lait-cin-rate",)
    assert result.warnings[0].startswith("51 item(s) not in the LAIT mapping were left out")


def test_an_ees_mapping_is_not_a_lait_mapping(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError, match="not a LAIT mapping"):
        import_lait(LAIT, area="Hartlepool", into=tmp_path, mapping="referrals")
