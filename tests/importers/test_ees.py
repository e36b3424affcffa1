"""EES tidy files → indicators and benchmarks, checked against the published numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from assurance.importers import ColumnOptions, ImportProblemsError, import_ees

from .conftest import (
    CLA,
    CPP_REPEAT,
    REFERRALS,
    S47,
    WORKFORCE,
    benchmark,
    read_rows,
    rewrite_csv,
    row,
    series,
    snapshot,
)

# Hartlepool's re-referral rate, year to 31 March 2013 ... 2025, as published in table c1.
HARTLEPOOL_REREFERRALS = {
    "2012-13": "21.3", "2013-14": "15.9", "2014-15": "13.5", "2015-16": "10.5",
    "2016-17": "10", "2017-18": "15.6", "2018-19": "16.5", "2019-20": "18",
    "2020-21": "23.1", "2021-22": "21.4", "2022-23": "27.7", "2023-24": "24.9",
    "2024-25": "26.5",
}


def test_hartlepool_rereferral_rate_2025_against_england(hartlepool: Path) -> None:
    assert row(hartlepool, "dfe-rereferral-rate", "2024-25")["value"] == "26.5"
    assert benchmark(hartlepool, "dfe-rereferral-rate", "2024-25", "england") == "22.6"
    assert benchmark(hartlepool, "dfe-rereferral-rate", "2024-25", "region") == "20.7"


def test_hartlepool_rereferral_series_2013_to_2025(hartlepool: Path) -> None:
    assert series(hartlepool, "dfe-rereferral-rate") == HARTLEPOOL_REREFERRALS


def test_numerator_and_denominator_come_from_the_count_columns(hartlepool: Path) -> None:
    published = row(hartlepool, "dfe-rereferral-rate", "2024-25")
    assert (published["numerator"], published["denominator"]) == ("536", "2020")


def test_statistical_neighbours_mean_and_median(hartlepool: Path) -> None:
    # 2025 model: Redcar and Cleveland, Sunderland, South Tyneside, Blackpool,
    # Middlesbrough, Gateshead, County Durham, Halton, Rotherham, Knowsley.
    args = (hartlepool, "dfe-rereferral-rate", "2024-25", "statistical_neighbours")
    assert benchmark(*args, "mean") == "18.57"
    assert benchmark(*args, "median") == "18.6"


def test_2021_neighbour_model_is_selectable(tmp_path: Path) -> None:
    import_ees([REFERRALS], area="Hartlepool", into=tmp_path, neighbours_model="2021")
    args = (tmp_path, "dfe-rereferral-rate", "2024-25", "statistical_neighbours")
    assert (benchmark(*args, "mean"), benchmark(*args, "median")) == ("20.38", "20.2")


def test_counts_are_not_benchmarked(hartlepool: Path) -> None:
    benchmarked = {r["indicator"] for r in read_rows(hartlepool / "benchmarks.csv")}
    assert "dfe-referrals" not in benchmarked
    assert "dfe-cla-rate" in benchmarked


def test_workforce_is_labelled_at_30_september(hartlepool: Path) -> None:
    assert series(hartlepool, "dfe-sw-turnover-rate")["2025-09-30"] == "11.5"
    assert benchmark(hartlepool, "dfe-sw-turnover-rate", "2025-09-30", "england") == "11.8"


# (--area, old code, re-referrals 2024-25, children looked after per 10,000 at 31 March
# 2025, social worker turnover at 30 September 2025), as published.
SIX_AREAS = [
    ("Hartlepool", "805", "26.5", "157", "11.5"),
    ("Stockton-on-Tees", "808", "28.8", "125", "13.9"),
    ("Rochdale", "354", "17.2", "102", "16.6"),
    ("Somerset", "933", "22.1", "55", "11.9"),
    ("Warrington", "877", "16.9", "69", "9.7"),
    ("Hounslow", "313", "12.1", "39", "13.4"),
]


@pytest.mark.parametrize(("area", "code", "rereferrals", "cla_rate", "turnover"), SIX_AREAS)
def test_six_areas_match_the_published_numbers(
    tmp_path: Path, area: str, code: str, rereferrals: str, cla_rate: str, turnover: str
) -> None:
    result = import_ees([REFERRALS, CLA, WORKFORCE], area=area, into=tmp_path)
    assert (result.area.code, result.label) == (code, area)
    assert row(tmp_path, "dfe-rereferral-rate", "2024-25")["value"] == rereferrals
    assert row(tmp_path, "dfe-cla-rate", "2024-25")["value"] == cla_rate
    assert row(tmp_path, "dfe-sw-turnover-rate", "2025-09-30")["value"] == turnover
    assert benchmark(tmp_path, "dfe-cla-rate", "2024-25", "england") == "67"


def test_a_london_borough_is_compared_with_london(tmp_path: Path) -> None:
    result = import_ees([REFERRALS], area="Hounslow", into=tmp_path)
    assert result.region == "London"  # not the Outer London sub-region it is filed under
    assert benchmark(tmp_path, "dfe-rereferral-rate", "2024-25", "region") == "19.4"


@pytest.mark.parametrize("query", ["Somerset", "somerset", "933", "E10000027", "E06000066"])
def test_somerset_series_is_keyed_on_the_old_code_across_its_new_code(
    tmp_path: Path, query: str
) -> None:
    result = import_ees([REFERRALS], area=query, into=tmp_path)
    assert result.area.code == "933"
    assert result.area.ons_codes == ("E10000027", "E06000066")  # new code from 2024
    rereferrals = series(tmp_path, "dfe-rereferral-rate")
    assert len(rereferrals) == 13
    assert (rereferrals["2022-23"], rereferrals["2024-25"]) == ("21.4", "22.1")


@pytest.mark.parametrize(
    ("area", "file", "indicator", "period", "note"),
    [
        ("Hartlepool", REFERRALS, "dfe-referral-nfa-rate", "2021-22", "suppressed (c)"),
        ("Hampshire", REFERRALS, "dfe-rereferral-rate", "2023-24", "low reliability (u)"),
        ("Hackney", REFERRALS, "dfe-rereferral-rate", "2021-22", "not available (x)"),
        ("Isles of Scilly", CPP_REPEAT, "dfe-cpp-repeat-rate", "2023-24", "not applicable (z)"),
        ("Sunderland", WORKFORCE, "dfe-sw-agency-rate", "2025-09-30", "rounds to zero (low)"),
    ],
)
def test_suppressed_values_stay_missing_with_their_reason(
    tmp_path: Path, area: str, file: Path, indicator: str, period: str, note: str
) -> None:
    import_ees([file], area=area, into=tmp_path)
    published = row(tmp_path, indicator, period)
    assert (published["value"], published["note"]) == ("", note)


def test_no_symbol_becomes_zero(hartlepool: Path) -> None:
    for published in read_rows(hartlepool / "indicators.csv"):
        assert published["value"] != "" or published["note"], published
        if published["note"]:
            assert published["value"] == ""


def test_byte_order_mark_and_column_order_of_the_cla_file(hartlepool: Path) -> None:
    # The CLA file starts with a BOM and has la_name before new_la_code.
    assert CLA.read_bytes().startswith(b"\xef\xbb\xbf")
    assert series(hartlepool, "dfe-cla-count")["2024-25"] == "332"


def test_bom_shuffled_columns_and_float_artefacts_change_nothing(tmp_path: Path) -> None:
    plain, quirky = tmp_path / "plain", tmp_path / "quirky"
    import_ees([REFERRALS], area="Hartlepool", into=plain)

    def quirks(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        order = list(reversed(range(len(header))))
        rate, count = header.index("rereferral_percent"), header.index("referral_count")
        for cells in rows:
            if cells[header.index("la_name")] == "Hartlepool" and cells[0] == "2025":
                cells[rate], cells[count] = "26.500000000000004", "2020.0000000000002"
        return [header[i] for i in order], [[cells[i] for i in order] for cells in rows]

    shuffled = rewrite_csv(REFERRALS, tmp_path / "c1.csv", quirks)
    shuffled.write_bytes(b"\xef\xbb\xbf" + shuffled.read_bytes())
    import_ees([shuffled], area="Hartlepool", into=quirky)
    plain_files, quirky_files = snapshot(plain), snapshot(quirky)
    for name in ("indicators.csv", "benchmarks.csv"):
        assert quirky_files[name] == plain_files[name]


def test_unknown_area_lists_the_nearest_names(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([REFERRALS], area="Hartlepol", into=tmp_path)
    message = str(raised.value.problems[0])
    assert "no local authority 'Hartlepol'" in message
    assert "Hartlepool (805)" in message
    assert not tmp_path.joinpath("indicators.csv").exists()


def test_a_fragment_of_a_name_suggests_the_authority(tmp_path: Path) -> None:
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([REFERRALS], area="Stockton", into=tmp_path)
    assert "Stockton-on-Tees (808)" in str(raised.value.problems[0])


def test_a_name_two_codes_share_means_the_current_authority(tmp_path: Path) -> None:
    result = import_ees([REFERRALS], area="Dorset", into=tmp_path)
    assert result.area.code == "838"
    assert any("835" in warning for warning in result.warnings)


def test_a_value_that_is_not_a_number_is_located(tmp_path: Path) -> None:
    def corrupt(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        rows[0][header.index("rereferral_percent")] = "22,6%"
        return header, rows

    bad = rewrite_csv(REFERRALS, tmp_path / "c1.csv", corrupt)
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([bad], area="Hartlepool", into=tmp_path / "pack")
    assert [str(p) for p in raised.value.problems] == [
        "c1.csv:2:rereferral_percent: '22,6%' is neither a number nor a publication symbol "
        "(c, low, k, u, x, z, :, .., -)"
    ]
    assert not (tmp_path / "pack").exists()


def _without_referral_count(header: list[str], rows: list[list[str]]):
    drop = header.index("referral_count")
    return ([h for i, h in enumerate(header) if i != drop],
            [[c for i, c in enumerate(cells) if i != drop] for cells in rows])


def test_an_unmapped_file_needs_measure_options(tmp_path: Path) -> None:
    unmapped = rewrite_csv(REFERRALS, tmp_path / "table.csv", _without_referral_count)
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([unmapped], area="Hartlepool", into=tmp_path / "pack")
    assert "--measure" in str(raised.value.problems[0])


def test_an_unmapped_file_imports_column_by_column(tmp_path: Path) -> None:
    unmapped = rewrite_csv(REFERRALS, tmp_path / "table.csv", _without_referral_count)
    columns = ColumnOptions(("rereferral_child_percent",), theme="referrals", polarity="up_is_bad")
    result = import_ees([unmapped], area="Hartlepool", into=tmp_path / "pack", columns=columns)
    assert result.sources[0].indicators == ("dfe-rereferral-child-percent",)
    catalogue = read_rows(tmp_path / "pack" / "catalogue.csv")
    assert [(c["theme"], c["unit"], c["polarity"]) for c in catalogue] == [
        ("front-door", "percent", "up_is_bad")  # unit guessed from the column name
    ]
    assert series(tmp_path / "pack", "dfe-rereferral-child-percent")["2024-25"] == "25"


def test_measure_options_are_checked_together(tmp_path: Path) -> None:
    columns = ColumnOptions(("Duration_median", "ICPC"), label="One label")
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([S47], area="Hartlepool", into=tmp_path, columns=columns)
    assert {p.file for p in raised.value.problems} == {"--theme", "--label", "--unit"}


def test_rows_that_differ_only_in_a_filter_need_where(tmp_path: Path) -> None:
    columns = ColumnOptions(("rate_per_10000",), theme="children in care", unit="rate_per_10k")
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([CLA], area="Hartlepool", into=tmp_path, columns=columns)
    assert "population_type" in str(raised.value.problems[0])
    where = [("population_type", "Children looked after on 31 March each year")]
    import_ees([CLA], area="Hartlepool", into=tmp_path, columns=columns, where=where)
    assert series(tmp_path, "dfe-rate-per-10000")["2024-25"] == "157"


def test_an_unknown_filter_value_suggests_the_nearest(tmp_path: Path) -> None:
    where = [("population_type", "Children looked after on 31 march")]
    with pytest.raises(ImportProblemsError) as raised:
        import_ees([CLA], area="Hartlepool", into=tmp_path, where=where)
    assert raised.value.problems[0].suggestion == "Children looked after on 31 March each year"


def test_windows_1252_and_crlf_are_read(tmp_path: Path) -> None:
    def rename(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
        for cells in rows:
            if cells[header.index("old_la_code")] == "805":
                cells[header.index("la_name")] = "Hartlepool – Borough"  # an en dash
        return header, rows

    utf8 = rewrite_csv(REFERRALS, tmp_path / "utf8.csv", rename)
    windows = tmp_path / "c1.csv"
    windows.write_bytes(utf8.read_text(encoding="utf-8").replace("\n", "\r\n").encode("cp1252"))
    result = import_ees([windows], area="805", into=tmp_path / "pack")
    assert result.label == "Hartlepool – Borough"
    assert series(tmp_path / "pack", "dfe-rereferral-rate") == HARTLEPOOL_REREFERRALS
