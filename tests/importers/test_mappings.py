"""The shipped mappings, and how a broken mapping file is reported."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assurance.importers import ImportProblemsError, import_ees, load_mapping, shipped_mappings
from assurance.importers.lait import read_dictionary
from assurance.importers.mapping import detect_mapping
from assurance.vocabulary import theme_vocabulary

from .conftest import DFE, EES_FILES, LAIT_DICTIONARY, LAIT_ITEMS, series

EXPECTED = {
    "referrals": "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "s47-icpc": "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "cpp-repeat": "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "cpp-duration": "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla": "cla_number_and_rate_per_10k_children.csv",
    "workforce": "csww_indicators_2017_to_2025.csv",
    "cin": "b1_children_in_need_2013_to_2025_excerpt.csv",
}


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return next(csv.reader(stream))


@pytest.mark.parametrize(("name", "file"), sorted(EXPECTED.items()))
def test_each_ees_mapping_is_found_from_its_file(name: str, file: str) -> None:
    detected = detect_mapping(_header(DFE / file), file)
    assert detected is not None and detected.name == name


def test_every_shipped_indicator_is_well_formed() -> None:
    themes = theme_vocabulary()
    ids = [spec.id for m in shipped_mappings().values() for spec in m.indicators]
    assert len(ids) == len(set(ids))
    for mapping in shipped_mappings().values():
        for spec in mapping.indicators:
            assert "/" not in spec.id and spec.theme in themes.themes
            assert spec.benchmark == (spec.unit != "count")


def test_lait_mapping_covers_the_items_with_the_dictionary_s_polarity() -> None:
    mapping = shipped_mappings()["lait"]
    with LAIT_ITEMS.open(encoding="utf-8") as stream:
        items = [r["short_desc"] for r in csv.DictReader(stream)]
    assert [spec.source for spec in mapping.indicators] == items
    dictionary = read_dictionary(LAIT_DICTIONARY)
    for spec in mapping.indicators:
        entry = dictionary[spec.source]
        assert (spec.polarity, spec.year_type) == (entry.polarity, entry.year_type), spec.source


def test_children_in_need_counts(tmp_path: Path) -> None:
    import_ees([DFE / EXPECTED["cin"]], area="Hartlepool", into=tmp_path)
    assert series(tmp_path, "dfe-cin-at-31-march") == {"2023-24": "1487", "2024-25": "1341"}
    assert not (tmp_path / "benchmarks.csv").exists()  # counts only: nothing to benchmark


def test_a_broken_mapping_file_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "mine.yaml"
    broken.write_text(
        "name: mine\nformat: ees\nsource: me\nindicators:\n"
        "  - id: dfe/rate\n    column: rereferral_percent\n    label: Rate\n"
        "    theme: chid protection\n    unit: percentage\n    polarity: up_is_bad\n"
        "  - id: dfe-count\n    column: referral_count\n    label: Count\n"
        "    theme: referrals\n    unit: count\n    polarity: neutral\n    colour: red\n"
    )
    with pytest.raises(ImportProblemsError) as raised:
        load_mapping(broken)
    assert [str(p).replace(str(broken), "mine.yaml") for p in raised.value.problems] == [
        "mine.yaml:5:id: id 'dfe/rate' must be lower-case letters, digits, '-', '.' or '_' "
        "(no '/': ids become IRIs)",
        "mine.yaml:5:unit: unknown unit 'percentage'; expected one of count, percent, "
        "rate_per_10k, days, ratio; did you mean 'percent'?",
        "mine.yaml:5:theme: unknown theme 'chid protection'; did you mean 'Child protection'?",
        "mine.yaml:11:colour: unknown key 'colour'; did you mean 'column'?",
    ]


def test_a_mapping_file_can_be_used_by_path(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "name: mine\nformat: ees\nsource: me\nindicators:\n"
        "  - {id: my-rate, column: rereferral_percent, label: Rate, theme: referrals,"
        " unit: percent, polarity: up_is_bad}\n"
    )
    import_ees(EES_FILES[:1], area="Hartlepool", into=tmp_path / "pack", mapping=mine)
    assert series(tmp_path / "pack", "my-rate")["2024-25"] == "26.5"


def test_an_unknown_mapping_name(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError) as raised:
        import_ees(EES_FILES[:1], area="Hartlepool", into=tmp_path, mapping="referals")
    assert raised.value.problems[0].suggestion == "referrals"


def test_a_mapping_that_does_not_fit_the_file(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError) as raised:
        import_ees(EES_FILES[:1], area="Hartlepool", into=tmp_path, mapping="workforce")
    assert "turnover_rate_fte" in {p.column for p in raised.value.problems}
