"""Benchmarks against England, region, statistical neighbours and all areas (DfE LAIT)."""

from __future__ import annotations

import json

import pytest

from assurance.signals import SignalSettings, compute_signals

from .factories import benchmarks, catalogue, fy_year, indicators, rows

BENCHMARK_FIELDS = {
    "fact",
    "id",
    "theme",
    "evidence",
    "source",
    "indicator",
    "label",
    "agency",
    "area",
    "polarity",
    "period",
    "comparator",
    "comparator_kind",
    "statistic",
    "value",
    "benchmark_value",
    "gap_ratio",
    "worse",
    "worsening",
    "red_red",
    "quartile",
    "rank",
    "of",
}

# DfE "Children in need", re-referrals within 12 months (rereferral_percent), years to
# 31 March 2024 and 2025 (financial years 2023-24 and 2024-25), from
# c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv.
Y2024, Y2025 = fy_year(2023), fy_year(2024)
HARTLEPOOL = {Y2024: 24.9, Y2025: 26.5}
ENGLAND = {Y2024: 22.4, Y2025: 22.6}
NORTH_EAST = {Y2024: 22.2, Y2025: 20.7}
# All 153 local authorities in 2025, ordered by old LA code; Hartlepool is the 26.5.
ALL_LAS_2025 = [
    15.8,
    18.3,
    13.1,
    19.9,
    15.3,
    16.8,
    21,
    21.3,
    20.9,
    17,
    24.5,
    17.9,
    18.6,
    21.8,
    14.8,
    21.9,
    14.2,
    23.8,
    26.8,
    19.5,
    22.6,
    18.7,
    15.6,
    16.3,
    20.9,
    12.1,
    15,
    21.3,
    14.9,
    16.8,
    16.4,
    18.3,
    19.1,
    20.7,
    18.5,
    22.5,
    22.7,
    26.3,
    19.7,
    20.8,
    15.5,
    30.5,
    19.8,
    26.2,
    22.2,
    20.5,
    26,
    18.4,
    21.1,
    17.2,
    23.4,
    21.5,
    27.7,
    18,
    19.7,
    25.5,
    29.4,
    19.6,
    16.5,
    22.9,
    20.4,
    19.7,
    24.2,
    18.5,
    13.9,
    17.2,
    24.7,
    17.2,
    18.5,
    0,
    13.4,
    23.2,
    15.4,
    17.1,
    26.5,
    25.3,
    14.6,
    28.8,
    21.7,
    16.4,
    21.4,
    14,
    19.8,
    23.2,
    18.9,
    23.3,
    15.9,
    22.8,
    20.3,
    28.9,
    23.1,
    14.7,
    22.6,
    18.7,
    13,
    16.6,
    23.6,
    41,
    23.9,
    20.2,
    25.5,
    16.8,
    26.8,
    14.2,
    21,
    18.7,
    23,
    19.2,
    19.6,
    21.7,
    22.9,
    20.7,
    16.8,
    29.2,
    19.8,
    19,
    16.9,
    19.7,
    26,
    24.3,
    15.4,
    17.1,
    16,
    14.8,
    17.8,
    21.6,
    24.8,
    16.3,
    21.5,
    23.4,
    23.1,
    27.2,
    12.9,
    15.8,
    15.8,
    23,
    27.9,
    22.4,
    15.8,
    46.7,
    22.9,
    17.9,
    20,
    17.7,
    22.1,
    20.1,
    20.5,
    17,
    24.4,
    23.9,
    23.9,
    22.7,
    16.5,
]

CATALOGUE = catalogue(
    {"indicator": "lait-rereferrals", "polarity": "up_is_bad"},
    {"indicator": "lait-neutral", "polarity": "neutral"},
)


def bench(
    comparator: str, by_period: dict, indicator: str = "lait-rereferrals", **extra
) -> list[dict]:
    return [
        {
            "indicator": indicator,
            "period": period[0],
            "comparator": comparator,
            "value": value,
            **extra,
        }
        for period, value in by_period.items()
    ]


def hartlepool(indicator: str = "lait-rereferrals") -> list[dict]:
    return rows(indicator, list(HARTLEPOOL.values()), list(HARTLEPOOL), area="Hartlepool")


def facts(
    benchmark_rows: list[dict], indicator_rows: list[dict] | None = None, **options
) -> dict[str, dict]:
    tables = {
        "indicators": indicators(indicator_rows or hartlepool()),
        "benchmarks": benchmarks(benchmark_rows),
    }
    result = compute_signals(tables, CATALOGUE, Y2025[2], SignalSettings(**options))
    return {fact["comparator"]: fact for fact in result.benchmark}


class TestComparators:
    def test_fields_are_the_contracts(self) -> None:
        fact = facts(bench("england", ENGLAND))["england"]
        assert set(fact) == BENCHMARK_FIELDS
        assert fact["id"] == "benchmark-lait-rereferrals-hartlepool-england"

    def test_hartlepool_is_red_red_against_england_and_its_region(self) -> None:
        found = facts(bench("england", ENGLAND) + bench("Region", NORTH_EAST))
        for comparator, expected in (("england", 22.6), ("region", 20.7)):
            fact = found[comparator]
            assert fact["comparator_kind"] == comparator
            assert (fact["period"], fact["value"], fact["benchmark_value"]) == (
                "2024-25",
                26.5,
                expected,
            )
            assert fact["gap_ratio"] == pytest.approx(26.5 / expected)
            assert fact["worse"] and fact["worsening"] and fact["red_red"]
            assert (fact["quartile"], fact["rank"], fact["of"]) == ("", None, None)
        assert found["england"]["evidence"] == ["indicators-3", "indicators-2", "benchmarks-3"]

    def test_better_than_the_benchmark_is_not_red_red(self) -> None:
        fact = facts(bench("england", {Y2025: 30.0}))["england"]
        assert (fact["worse"], fact["worsening"], fact["red_red"]) == (False, True, False)

    def test_the_latest_period_the_comparator_covers(self) -> None:
        fact = facts(bench("england", {Y2024: 22.4}))["england"]  # 2025 not yet published
        assert (fact["period"], fact["value"]) == ("2023-24", 24.9)
        assert fact["worsening"] is False  # no earlier point to worsen from

    def test_several_neighbour_rows_are_averaged_and_labelled_mean(self) -> None:
        neighbours = [
            {
                "indicator": "lait-rereferrals",
                "period": "2024-25",
                "comparator": "statistical_neighbours",
                "value": v,
            }
            for v in (20.0, 22.0, 27.0)
        ]
        fact = facts(neighbours)["statistical_neighbours"]
        assert (fact["statistic"], fact["benchmark_value"]) == ("mean", 23.0)
        assert fact["evidence"][-3:] == ["benchmarks-2", "benchmarks-3", "benchmarks-4"]
        assert fact["id"].endswith("-statistical-neighbours-mean")

    def test_a_statistic_column_labels_each_benchmark(self) -> None:
        both = bench("statistical_neighbours", {Y2025: 23.0}, statistic="mean") + bench(
            "statistical_neighbours", {Y2025: 22.0}, statistic="Median"
        )
        tables = {"indicators": indicators(hartlepool()), "benchmarks": benchmarks(both)}
        found = compute_signals(tables, CATALOGUE, Y2025[2]).benchmark
        assert [(f["statistic"], f["benchmark_value"]) for f in found] == [
            ("mean", 23.0),
            ("median", 22.0),
        ]

    def test_a_few_named_areas_are_each_a_comparator_but_not_the_area_itself(self) -> None:
        found = facts(bench("Stockton-on-Tees", {Y2025: 25.0}) + bench("Hartlepool", {Y2025: 26.5}))
        assert list(found) == ["Stockton-on-Tees"]
        assert found["Stockton-on-Tees"]["comparator_kind"] == "area"

    def test_rows_for_one_area_apply_to_that_area_only(self) -> None:
        stockton = rows("lait-rereferrals", [20.0, 21.0], list(HARTLEPOOL), area="Stockton-on-Tees")
        sn = bench("statistical_neighbours", {Y2025: 24.0}, area="Hartlepool") + bench(
            "statistical_neighbours", {Y2025: 19.0}, area="Stockton-on-Tees"
        )
        tables = {"indicators": indicators(hartlepool() + stockton), "benchmarks": benchmarks(sn)}
        found = compute_signals(tables, CATALOGUE, Y2025[2]).benchmark
        assert [(f["area"], f["benchmark_value"]) for f in found] == [
            ("Hartlepool", 24.0),
            ("Stockton-on-Tees", 19.0),
        ]

    def test_an_areas_own_row_beats_a_general_one(self) -> None:
        stockton = rows("lait-rereferrals", [20.0, 21.0], list(HARTLEPOOL), area="Stockton-on-Tees")
        own = bench("statistical_neighbours", {Y2025: 24.0}, area="hartlepool")
        general = bench("statistical_neighbours", {Y2025: 22.0})
        for order in (own + general, general + own):
            tables = {
                "indicators": indicators(hartlepool() + stockton),
                "benchmarks": benchmarks(order),
            }
            found = compute_signals(tables, CATALOGUE, Y2025[2]).benchmark
            assert [(f["area"], f["benchmark_value"]) for f in found] == [
                ("Hartlepool", 24.0),
                ("Stockton-on-Tees", 22.0),
            ]


class TestAllAreas:
    def all_las(self) -> list[dict]:
        names = [f"LA {i}" for i in range(len(ALL_LAS_2025))]
        names[ALL_LAS_2025.index(26.5)] = "Hartlepool"
        return [
            {
                "indicator": "lait-rereferrals",
                "period": "2024-25",
                "comparator": name,
                "value": value,
            }
            for name, value in zip(names, ALL_LAS_2025, strict=True)
        ]

    def test_hartlepool_ranks_141st_of_153_in_quartile_d(self) -> None:
        found = facts(self.all_las() + bench("england", ENGLAND))
        assert set(found) == {"all_areas", "england"}  # not one fact per area
        for fact in found.values():
            assert (fact["rank"], fact["of"], fact["quartile"]) == (141, 153, "D")
            json.dumps(fact, allow_nan=False)  # plain JSON: no NaN, no numpy types
        every = found["all_areas"]
        assert (every["comparator_kind"], every["statistic"]) == ("all_areas", "median")
        assert every["benchmark_value"] == 20.0
        assert every["worse"] and every["red_red"]

    def test_fewer_areas_than_a_full_set_are_not_ranked(self) -> None:
        found = facts(self.all_las()[:100] + bench("england", ENGLAND))
        assert found["england"]["rank"] is None
        assert len(found) == 100  # England, and one per named area but Hartlepool itself

    def test_neutral_indicators_are_not_ranked(self) -> None:
        las = [{**row, "indicator": "lait-neutral"} for row in self.all_las()]
        found = facts(las, hartlepool("lait-neutral"))
        assert (found["all_areas"]["quartile"], found["all_areas"]["rank"]) == ("", None)
        assert found["all_areas"]["worse"] is False

    def test_ties_share_the_best_rank(self) -> None:
        las = [
            {
                "indicator": "lait-rereferrals",
                "period": "2024-25",
                "comparator": f"LA {i}",
                "value": 26.5 if i < 3 else 10.0,
            }
            for i in range(9)
        ]
        fact = facts(las, full_set_areas=9)["all_areas"]
        assert (fact["rank"], fact["of"]) == (7, 10)

    @pytest.mark.parametrize(
        ("value", "polarity", "band"),
        [
            # DfE LAIT calculate_quartile_band tests: quartiles 25, 50 and 75.
            (10, "up_is_bad", "A"),
            (25, "up_is_bad", "A"),
            (30, "up_is_bad", "B"),
            (60, "up_is_bad", "C"),
            (80, "up_is_bad", "D"),
            (80, "up_is_good", "A"),
            (60, "up_is_good", "B"),
            (30, "up_is_good", "C"),
            (25, "up_is_good", "D"),
            (10, "up_is_good", "D"),
        ],
    )
    def test_quartile_bands_as_lait(self, value: float, polarity: str, band: str) -> None:
        cat = catalogue({"indicator": "x", "polarity": polarity})
        las = [
            {"indicator": "x", "period": "2024-25", "comparator": f"LA {v}", "value": v}
            for v in range(101)
        ]  # quantiles 0, 25, 50, 75, 100
        tables = {
            "indicators": indicators(rows("x", [value], [Y2025], area="Own")),
            "benchmarks": benchmarks(las),
        }
        result = compute_signals(tables, cat, Y2025[2], SignalSettings(full_set_areas=100))
        assert result.benchmark[0]["quartile"] == band
