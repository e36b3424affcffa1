"""compute_signals: series from the typed tables, SPC facts and chart data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import assurance.signals
from assurance.signals import SignalSet, SignalSettings, compute_signals

from .factories import catalogue, fy_year, indicators, quarters, rows
from .test_spc import HARTLEPOOL

# docs/architecture.md, "Facts".
COMMON = {"fact", "id", "theme", "evidence", "source"}
SPC_FIELDS = COMMON | {
    "indicator",
    "label",
    "agency",
    "area",
    "unit",
    "polarity",
    "evidence_type",
    "points",
    "latest_period",
    "latest_value",
    "mean",
    "lower_limit",
    "upper_limit",
    "variation",
    "special_cause",
    "since_period",
    "assurance",
    "trial_limits",
    "direction",
}
SERIES_FIELDS = {
    "indicator",
    "label",
    "theme",
    "area",
    "unit",
    "polarity",
    "target",
    "tolerance",
    "points",
    "mean",
    "lower_limit",
    "upper_limit",
    "trial_limits",
    "special",
    "variation",
    "assurance",
}

PERIODS = quarters(13)  # 2021-22 Q2 .. 2024-25 Q2
PACK_END = PERIODS[-1][2]
CATALOGUE = catalogue(
    {
        "indicator": "tees-3.1.2",
        "label": "Re-referrals within 12 months",
        "polarity": "up_is_bad",
        "source_agency": "Children's Social Care",
    },
    {
        "indicator": "tees-2.1",
        "label": "Referrals",
        "theme": "early-help",
        "unit": "count",
        "polarity": "neutral",
    },
)


def signals(all_rows: list[dict], **options) -> SignalSet:
    return compute_signals(
        {"indicators": indicators(all_rows)}, CATALOGUE, PACK_END, SignalSettings(**options)
    )


def hartlepool(**columns) -> list[dict]:
    return rows("tees-3.1.2", HARTLEPOOL, PERIODS, area="Hartlepool", **columns)


class TestSpcFacts:
    def test_fields_are_the_contracts(self) -> None:
        fact = signals(hartlepool(agency="Police")).spc[0]
        assert set(fact) == SPC_FIELDS
        assert fact["fact"] == "spc"
        json.dumps(fact, allow_nan=False)  # plain JSON: no NaN, no numpy types

    def test_a_quarterly_copy_of_the_hartlepool_series(self) -> None:
        fact = signals(hartlepool(agency="Police")).spc[0]
        assert fact["id"] == "spc-tees-3.1.2-hartlepool-police"
        assert (fact["indicator"], fact["area"], fact["agency"]) == (
            "tees-3.1.2",
            "Hartlepool",
            "Police",
        )
        assert (fact["label"], fact["theme"], fact["unit"]) == (
            "Re-referrals within 12 months",
            "neglect",
            "percent",
        )
        assert fact["points"] == 13
        assert (fact["latest_period"], fact["latest_value"]) == ("2024-25 Q2", 26.5)
        assert round(fact["mean"], 2) == 18.84
        assert (round(fact["lower_limit"], 2), round(fact["upper_limit"], 2)) == (10.68, 27.0)
        assert fact["variation"] == "special_cause_concern"
        assert fact["special_cause"] == "two_of_three"
        assert fact["since_period"] == PERIODS[10][0]  # the 27.7
        assert fact["trial_limits"] is True
        assert fact["assurance"] == "none"  # no target
        assert fact["direction"] == "worsening"  # 24.9 → 26.5, and lower is better

    def test_evidence_is_every_row_of_the_series_in_time_order(self) -> None:
        shuffled = hartlepool(agency="Police")[::-1]
        fact = signals(shuffled).spc[0]
        assert fact["evidence"] == [f"indicators-{r}" for r in range(14, 1, -1)]
        assert fact["source"][0] == "indicators.csv:14"

    def test_agency_falls_back_to_the_catalogues_source_agency(self) -> None:
        fact = signals(hartlepool()).spc[0]
        assert fact["agency"] == "Children's Social Care"
        assert fact["id"] == "spc-tees-3.1.2-hartlepool-children-s-social-care"

    def test_one_series_per_indicator_area_and_agency(self) -> None:
        both = (
            hartlepool(agency="Police")
            + hartlepool(agency="Health")
            + rows("tees-3.1.2", HARTLEPOOL, PERIODS, area="Stockton-on-Tees", agency="Police")
        )
        ids = [fact["id"] for fact in signals(both).spc]
        assert (
            ids
            == sorted(ids)
            == [
                "spc-tees-3.1.2-hartlepool-health",
                "spc-tees-3.1.2-hartlepool-police",
                "spc-tees-3.1.2-stockton-on-tees-police",
            ]
        )

    def test_the_packs_own_area_is_left_out_of_the_id(self) -> None:
        fact = signals(rows("tees-2.1", range(13), PERIODS, agency="Police")).spc[0]
        assert (fact["id"], fact["area"]) == ("spc-tees-2.1-police", "")
        assert fact["direction"] == "neutral"

    def test_ids_stay_unique_when_slugs_collide(self) -> None:
        twins = rows("tees-2.1", range(13), PERIODS, area="A&E") + rows(
            "tees-2.1", range(13), PERIODS, area="A-E"
        )
        ids = [fact["id"] for fact in signals(twins).spc]
        assert len(set(ids)) == 2
        assert all(i.startswith("spc-tees-2.1-a-e-") and "/" not in i for i in ids)

    def test_ids_never_contain_a_slash(self) -> None:
        # Local names with "/" silently match nothing in rdflib (issue 1871).
        fact = signals(rows("tees-2.1", range(13), PERIODS, area="Bath/N.E. Somerset")).spc[0]
        assert fact["id"] == "spc-tees-2.1-bath-n.e.-somerset"

    def test_breakdowns_are_not_series(self) -> None:
        groups = rows("tees-3.1.2", HARTLEPOOL, PERIODS, area="Hartlepool", breakdown="sex=Female")
        assert signals(hartlepool() + groups).spc[0]["evidence"][0] == "indicators-2"
        assert len(signals(hartlepool() + groups).spc) == 1

    def test_too_few_points(self) -> None:
        fact = signals(rows("tees-2.1", range(5), PERIODS[:5])).spc[0]
        assert fact["variation"] == "too_few_points"
        assert (fact["special_cause"], fact["since_period"]) == ("none", "")
        assert fact["trial_limits"] is True


class TestPeriods:
    def test_points_after_the_packs_period_are_left_out(self) -> None:
        later = rows("tees-3.1.2", [99.0], quarters(1, last=(2024, 3)), area="Hartlepool")
        fact = signals(hartlepool() + later).spc[0]
        assert (fact["points"], fact["latest_period"]) == (13, "2024-25 Q2")

    def test_a_stale_series_ends_where_its_data_end(self) -> None:
        fact = signals(rows("tees-2.1", range(12), PERIODS[:12])).spc[0]
        assert fact["latest_period"] == PERIODS[11][0]

    def test_missing_values_are_left_out(self) -> None:
        values = [*HARTLEPOOL[:5], float("nan"), *HARTLEPOOL[6:]]
        fact = signals(rows("tees-3.1.2", values, PERIODS)).spc[0]
        assert fact["points"] == 12

    def test_a_series_keeps_the_granularity_of_its_latest_point(self) -> None:
        yearly = rows("tees-2.1", [100.0, 120.0], [fy_year(2021), fy_year(2022)])
        fact = signals(yearly + rows("tees-2.1", range(13), PERIODS)).spc[0]
        assert fact["points"] == 13

    def test_the_later_of_two_rows_for_one_period_wins(self) -> None:
        again = rows("tees-2.1", [50.0], PERIODS[-1:])
        fact = signals(rows("tees-2.1", range(13), PERIODS) + again).spc[0]
        assert (fact["points"], fact["latest_value"]) == (13, 50.0)
        assert fact["evidence"][-1] == "indicators-15"


class TestSeries:
    def test_chart_data_has_the_shape_of_signals_json(self) -> None:
        target = catalogue({"indicator": "tees-3.1.2", "target": 20.0, "tolerance": 2.0})
        result = compute_signals(
            {"indicators": indicators(hartlepool(agency="Police"))}, target, PACK_END
        )
        chart = result.series[0]
        assert set(chart) >= SERIES_FIELDS
        assert (chart["target"], chart["tolerance"]) == (20.0, 2.0)
        assert chart["points"][0] == {"period": PERIODS[0][0], "value": 21.3}
        assert chart["assurance"] == "hit_and_miss"
        assert {"period": PERIODS[10][0], "cause": "outside_limits", "type": "concern"} in chart[
            "special"
        ]
        assert all(point["cause"] != "none" for point in chart["special"])
        json.dumps(result.series, allow_nan=False)

    def test_one_chart_per_spc_fact(self) -> None:
        result = signals(hartlepool(agency="Police") + hartlepool(agency="Health"))
        assert [c["id"].removeprefix("series") for c in result.series] == [
            f["id"].removeprefix("spc") for f in result.spc
        ]


class TestWholeStage:
    def test_no_indicators_no_signals(self) -> None:
        assert compute_signals({}, CATALOGUE, PACK_END) == SignalSet()

    def test_facts_lists_every_kind(self) -> None:
        result = signals(hartlepool())
        assert [f["fact"] for f in result.facts()] == ["spc"]

    def test_public_surface(self) -> None:
        assert sorted(assurance.signals.__all__) == [
            "CAUSES",
            "SignalSet",
            "SignalSettings",
            "TWO_OF_THREE_VARIANTS",
            "XmrResult",
            "compute_signals",
            "xmr",
        ]

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_row_order_does_not_change_signals(self, seed: int) -> None:
        groups = rows(
            "tees-3.1.2",
            [30.0, 20.0],
            PERIODS[-2:],
            area="Hartlepool",
            breakdown=["sex=Male", "sex=Female"],
        )
        table = indicators(hartlepool() + hartlepool(agency="Police") + groups)
        shuffled = table.sample(frac=1.0, random_state=seed)
        first = compute_signals({"indicators": table}, CATALOGUE, PACK_END)
        again = compute_signals({"indicators": shuffled}, CATALOGUE, PACK_END)
        assert again == first


@pytest.mark.parametrize("period_end", [PERIODS[0][1], PERIODS[0][2]])
def test_a_pack_period_before_any_data(period_end) -> None:
    result = compute_signals(
        {"indicators": indicators(hartlepool())}, CATALOGUE, pd.Timestamp(period_end).date()
    )
    assert len(result.spc) == (period_end == PERIODS[0][2])
