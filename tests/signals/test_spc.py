"""XmR charts: MDC's rules, NHSRplotthedots' unit-test behaviours and a real series."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import assurance.signals
from assurance.signals import SignalSettings, xmr
from assurance.signals import spc as spc_module
from assurance.signals.spc import xmr_batch

GOLDEN = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]

# Hartlepool, children's social care re-referrals within 12 months (rereferral_percent),
# years to 31 March 2013 to 2025, from DfE's "Children in need" release as committed to
# dfe-analytical-services/CSC_outcomes_and_enablers (see fixtures/dfe/README.md:
# c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv, la_name Hartlepool).
HARTLEPOOL_YEARS = list(range(2013, 2026))
HARTLEPOOL = [21.3, 15.9, 13.5, 10.5, 10.0, 15.6, 16.5, 18.0, 23.1, 21.4, 27.7, 24.9, 26.5]

# A long, quiet baseline (mean 10.5, mean moving range 1): a few points added after it
# move the lines only a little, so each test can place points against them.
BASELINE = [10.0, 11.0] * 20
HIGH, LOW = 12.8, 8.2  # beyond the two-sigma lines, inside the limits

ABOVE = [5.5, 6.5, 5.5, 6.5, 5.5, 6.5, 5.5]  # seven above the mean of ABOVE + BELOW, 5
BELOW = [4.5, 3.5, 4.5, 3.5, 4.5, 3.5, 4.5]  # seven below it

QUIET = [10.0, 11.0] * 3
RISING = [9.6, 9.9, 10.2, 10.5, 10.8, 11.1, 11.4]  # within the two-sigma lines after QUIET


def tail_of(values: list[float], variant: str = "same_side") -> tuple[str, ...]:
    chart = xmr(
        BASELINE + values, polarity="up_is_good", settings=SignalSettings(two_of_three=variant)
    )
    # The premise: HIGH and LOW lie between a two-sigma line and its limit.
    assert chart.upper_two_sigma < HIGH < chart.upper_limit
    assert chart.lower_limit < LOW < chart.lower_two_sigma
    return chart.special[len(BASELINE) :]


class TestLimits:
    def test_golden_case_screened(self) -> None:
        chart = xmr(GOLDEN, polarity="up_is_bad")
        assert round(chart.mean, 2) == 1.94
        assert (round(chart.lower_limit, 2), round(chart.upper_limit, 2)) == (-0.72, 4.60)
        assert chart.mr_mean == pytest.approx(1.0)
        assert chart.screened_moving_ranges == 2  # 2→10 and 10→1

    def test_golden_case_unscreened_as_the_mdc_excel_tool(self) -> None:
        chart = xmr(
            GOLDEN, polarity="up_is_bad", settings=SignalSettings(screen_moving_ranges=False)
        )
        assert round(chart.mean, 2) == 1.94
        assert (round(chart.lower_limit, 2), round(chart.upper_limit, 2)) == (-3.06, 6.95)
        assert chart.screened_moving_ranges == 0

    def test_golden_case_flags_the_spike_only(self) -> None:
        chart = xmr(GOLDEN, polarity="up_is_bad")
        assert [i for i, cause in enumerate(chart.special) if cause != "none"] == [4]
        assert (chart.special[4], chart.types[4]) == ("outside_limits", "concern")
        assert chart.variation == "common_cause"  # the latest point is ordinary
        assert chart.since is None

    def test_two_sigma_lines_are_two_thirds_of_the_way(self) -> None:
        chart = xmr(GOLDEN, polarity="up_is_bad")
        assert chart.upper_two_sigma - chart.mean == pytest.approx(1.7733, abs=1e-4)
        assert chart.mean - chart.lower_two_sigma == pytest.approx(1.7733, abs=1e-4)

    def test_constant_series_has_zero_width_limits_and_no_special_cause(self) -> None:
        chart = xmr([4.0] * 12, polarity="up_is_good")
        assert (chart.lower_limit, chart.mean, chart.upper_limit) == (4.0, 4.0, 4.0)
        assert set(chart.special) == {"none"}


class TestHartlepoolRereferrals:
    """Real data: the published values give the chart the issue describes."""

    chart = xmr(HARTLEPOOL, polarity="up_is_bad")

    def test_limits(self) -> None:
        assert round(self.chart.mean, 2) == 18.84
        assert round(self.chart.lower_limit, 2) == 10.68
        assert round(self.chart.upper_limit, 2) == 27.00

    def test_2023_is_above_the_upper_limit_a_concern(self) -> None:
        i = HARTLEPOOL_YEARS.index(2023)
        assert (self.chart.special[i], self.chart.types[i]) == ("outside_limits", "concern")

    def test_2016_and_2017_below_the_lower_limit_and_a_low_run_are_improvement(self) -> None:
        by_year = dict(
            zip(
                HARTLEPOOL_YEARS,
                zip(self.chart.special, self.chart.types, strict=True),
                strict=True,
            )
        )
        assert by_year[2016] == by_year[2017] == ("outside_limits", "improvement")
        # 2014-2020: seven years below the mean.
        assert {by_year[y][1] for y in range(2014, 2021)} == {"improvement"}
        assert by_year[2014] == ("run", "improvement")

    def test_latest_point_is_a_concern_since_2023(self) -> None:
        assert self.chart.variation == "special_cause_concern"
        assert self.chart.special_cause == "two_of_three"  # 2024 and 2025 high
        assert HARTLEPOOL_YEARS[self.chart.since] == 2023

    def test_thirteen_points_are_judged_with_trial_limits(self) -> None:
        assert not self.chart.too_few_points
        assert self.chart.trial


class TestRuns:
    """ptd_seven_point_one_side_mean: a run of 7 on one side; a point on the mean breaks."""

    def test_seven_on_each_side_are_runs(self) -> None:
        chart = xmr(ABOVE + BELOW, polarity="up_is_good")
        assert chart.mean == 5.0
        assert set(chart.special) == {"run"}
        assert chart.types == ("improvement",) * 7 + ("concern",) * 7
        assert (chart.variation, chart.since) == ("special_cause_concern", 7)

    def test_a_point_on_the_mean_breaks_a_run(self) -> None:
        broken = [*ABOVE[:3], 5.0, *ABOVE[3:]]
        chart = xmr(broken + BELOW, polarity="up_is_good")
        assert chart.mean == 5.0
        assert set(chart.special[:8]) == {"none"}
        assert set(chart.special[8:]) == {"run"}

    def test_six_on_one_side_are_not_a_run(self) -> None:
        chart = xmr(ABOVE[:6] + BELOW[:6], polarity="up_is_good")
        assert set(chart.special) == {"none"}

    def test_run_length_is_configurable(self) -> None:
        chart = xmr(ABOVE + BELOW, polarity="up_is_good", settings=SignalSettings(run_length=8))
        assert set(chart.special) == {"none"}


class TestTrends:
    """ptd_seven_point_trend: 7 rising or falling points; a tie breaks a trend."""

    def test_seven_rising_points_are_a_trend(self) -> None:
        chart = xmr(QUIET + RISING, polarity="up_is_good")
        assert chart.special == ("none",) * 6 + ("trend",) * 7
        assert set(chart.types[6:]) == {"improvement"}
        assert (chart.variation, chart.special_cause, chart.since) == (
            "special_cause_improvement",
            "trend",
            6,
        )

    def test_seven_falling_points_are_a_trend_of_the_other_type(self) -> None:
        chart = xmr(QUIET + RISING[::-1], polarity="up_is_good")
        assert chart.special[6:] == ("trend",) * 7
        assert set(chart.types[6:]) == {"concern"}

    def test_a_tie_breaks_a_trend(self) -> None:
        tied = [*RISING[:3], RISING[2], *RISING[3:]]  # c(1:3, 3:6)
        chart = xmr(QUIET + tied, polarity="up_is_good")
        assert set(chart.special) == {"none"}

    def test_six_rising_points_are_not_a_trend(self) -> None:
        chart = xmr(QUIET + RISING[1:], polarity="up_is_good")
        assert set(chart.special) == {"none"}

    def test_trend_length_is_configurable(self) -> None:
        chart = xmr(
            QUIET + RISING[1:],
            polarity="up_is_good",
            settings=SignalSettings(trend_length=6),
        )
        assert chart.special[6:] == ("trend",) * 6

    def test_a_trend_crossing_the_mean_keeps_its_direction(self) -> None:
        # NHSRplotthedots issue #171: the type follows the trend, not the side of the mean.
        chart = xmr(QUIET + RISING, polarity="up_is_bad")
        assert set(chart.types[6:]) == {"concern"}

    def test_a_peak_between_two_trends_takes_the_later_one(self) -> None:
        up = [9.4, 9.7, 10.0, 10.3, 10.6, 10.9, 11.2]
        chart = xmr([10.0, 11.0, 10.0, 11.0, 10.0, *up, *up[-2::-1]], polarity="up_is_good")
        peak = 5 + 6
        assert set(chart.special[5:]) == {"trend"}
        assert chart.types[peak - 1] == "improvement"
        assert chart.types[peak] == "concern"  # first point of the falling trend
        assert chart.since == peak


class TestTwoOfThree:
    """ptd_two_in_three and MDC's variants (settings.TWO_OF_THREE_VARIANTS)."""

    def test_two_beyond_the_same_line_the_third_anywhere(self) -> None:
        assert tail_of([HIGH, 10.2, HIGH]) == ("two_of_three", "none", "two_of_three")

    def test_all_same_side_needs_the_third_point_on_that_side_of_the_mean(self) -> None:
        assert tail_of([HIGH, 10.2, HIGH], "all_same_side") == ("none",) * 3
        assert tail_of([HIGH, 11.5, HIGH], "all_same_side") == (
            "two_of_three",
            "none",
            "two_of_three",
        )

    @pytest.mark.parametrize("tail", [[HIGH, HIGH, 10.2], [11.5, HIGH, HIGH], [HIGH, 11.5, HIGH]])
    def test_any_two_of_three_positions(self, tail: list[float]) -> None:
        expected = tuple("two_of_three" if v == HIGH else "none" for v in tail)
        assert tail_of(tail) == expected

    def test_points_on_opposite_sides_do_not_count(self) -> None:
        # NHSRplotthedots issue #143.
        assert tail_of([HIGH, LOW, 10.6]) == ("none",) * 3
        assert tail_of([HIGH, LOW, 10.6], "either_side") == ("two_of_three", "two_of_three", "none")

    def test_two_beyond_but_three_apart_do_not_count(self) -> None:
        assert tail_of([HIGH, 10.6, 10.6, HIGH]) == ("none",) * 4  # c(1, 0, 0, 1)

    def test_a_point_beyond_the_limit_keeps_its_higher_priority(self) -> None:
        chart = xmr([*BASELINE, HIGH, 14.0, 10.6], polarity="up_is_good")
        assert chart.special[-3:] == ("two_of_three", "outside_limits", "none")

    def test_variation_reflects_the_latest_point_only(self) -> None:
        chart = xmr([*BASELINE, HIGH, HIGH, 10.2], polarity="up_is_good")
        assert chart.special[-3:] == ("two_of_three", "two_of_three", "none")
        assert (chart.variation, chart.since) == ("common_cause", None)

    def test_since_is_the_first_flagged_point_of_the_pattern(self) -> None:
        chart = xmr([*BASELINE, 10.2, HIGH, HIGH], polarity="up_is_bad")
        assert (chart.variation, chart.special_cause) == ("special_cause_concern", "two_of_three")
        assert chart.since == len(BASELINE) + 1

    def test_an_unknown_variant_is_refused(self) -> None:
        with pytest.raises(ValueError, match="two_of_three must be one of"):
            SignalSettings(two_of_three="sometimes")


class TestJudgement:
    def test_fewer_than_twelve_points_are_too_few(self) -> None:
        chart = xmr(GOLDEN[:11], polarity="up_is_bad")
        assert chart.too_few_points and chart.trial
        assert chart.variation == "too_few_points"
        assert set(chart.special) == {"none"}  # the spike is not judged
        assert not np.isnan(chart.upper_limit)  # but the chart can still be drawn

    def test_twelve_to_nineteen_points_give_trial_limits(self) -> None:
        assert xmr([1.0, 2.0] * 6, polarity="up_is_good").trial
        assert xmr([1.0, 2.0] * 9 + [1.0], polarity="up_is_good").trial
        assert not xmr([1.0, 2.0] * 10, polarity="up_is_good").trial

    def test_a_single_point_has_no_limits(self) -> None:
        chart = xmr([3.0], polarity="up_is_good")
        assert chart.mean == 3.0 and np.isnan(chart.upper_limit)
        assert chart.variation == "too_few_points" and chart.assurance == "none"

    def test_neutral_indicators_have_neutral_special_causes(self) -> None:
        chart = xmr(GOLDEN, polarity="neutral", target=3.0)
        assert chart.types[4] == "neutral"
        assert chart.assurance == "none"
        assert xmr(QUIET + RISING, polarity="neutral").variation == ("special_cause_neutral")

    @pytest.mark.parametrize(
        ("polarity", "target", "expected"),
        [
            ("up_is_good", -2.0, "consistently_passing"),  # both limits above the target
            ("up_is_good", 6.0, "consistently_failing"),
            ("up_is_good", 3.0, "hit_and_miss"),
            ("up_is_bad", -2.0, "consistently_failing"),
            ("up_is_bad", 6.0, "consistently_passing"),  # both limits below the target
            ("up_is_bad", 3.0, "hit_and_miss"),
            ("up_is_bad", None, "none"),
        ],
    )
    def test_assurance_from_the_target_against_the_limits(
        self, polarity: str, target: float | None, expected: str
    ) -> None:
        # GOLDEN's limits are -0.72 and 4.60.
        assert xmr(GOLDEN, polarity=polarity, target=target).assurance == expected

    def test_missing_values_are_refused(self) -> None:
        with pytest.raises(ValueError, match="NaN"):
            xmr([1.0, float("nan")], polarity="up_is_good")


series_values = st.lists(st.integers(-50, 50).map(float), min_size=1, max_size=30)


class TestProperties:
    @settings(max_examples=30, deadline=None)
    @given(series_values)
    def test_scaling_by_two_scales_the_chart_and_keeps_every_flag(self, values) -> None:
        # Doubling is exact in binary floating point, so nothing may change but scale.
        one = xmr(values, polarity="up_is_good")
        two = xmr([2 * v for v in values], polarity="up_is_good")
        assert (two.special, two.types, two.variation) == (one.special, one.types, one.variation)
        assert two.upper_limit == pytest.approx(2 * one.upper_limit, nan_ok=True)

    @settings(max_examples=30, deadline=None)
    @given(series_values)
    def test_a_mirrored_series_with_opposite_polarity_has_the_same_types(self, values) -> None:
        up = xmr(values, polarity="up_is_good")
        mirrored = xmr([-v for v in values], polarity="up_is_bad")
        assert (mirrored.special, mirrored.types) == (up.special, up.types)

    @settings(max_examples=25, deadline=None)
    @given(st.lists(series_values, min_size=1, max_size=6))
    def test_a_batch_is_each_series_on_its_own(self, many) -> None:
        # Series lie end to end in one array: no rule may reach across a boundary.
        arrays = xmr_batch(
            np.concatenate(many), np.array([len(v) for v in many]), SignalSettings(minimum_points=2)
        )
        offset = 0
        for values in many:
            one = xmr(values, polarity="up_is_good", settings=SignalSettings(minimum_points=2))
            causes = tuple(
                spc_module.CAUSES[c] for c in arrays.cause[offset : offset + len(values)]
            )
            assert causes == one.special
            offset += len(values)


def test_docstring_examples() -> None:
    for module in (spc_module, assurance.signals):
        failed, attempted = doctest.testmod(module, raise_on_error=True)
        assert (failed, attempted > 0) == (0, True)
