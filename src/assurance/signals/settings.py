"""The knobs of the signals stage, with NHS England "Making Data Count" (MDC) defaults."""

from __future__ import annotations

from dataclasses import dataclass

#: The two-of-three variants :class:`SignalSettings` accepts, in the words of the rule:
#:
#: ``same_side`` (default)
#:     two of three consecutive points beyond the same two-sigma line; the third point
#:     may be anywhere. This is Western Electric / Nelson rule 5 and how the MDC guidance
#:     words it ("two out of three points close to a process limit").
#: ``all_same_side``
#:     as ``same_side``, and the third point must also be on that side of the mean.
#:     This is NHSRplotthedots since 0.2.2, whose fix for issue #143 requires all three
#:     points to share a side of the mean.
#: ``either_side``
#:     two of three consecutive points beyond either two-sigma line, one high and one low
#:     counting (NHSRplotthedots before 0.2.2, the behaviour issue #143 reported).
#:
#: MDC revised its tools in 2023 and implementations disagree on the third point, hence
#: the switch. In every variant only the points beyond two-sigma are flagged, and a point
#: beyond a process limit counts as beyond two-sigma (NHSRplotthedots counts only the
#: points between the two-sigma line and the limit; the difference shows only beside a
#: point that is already a special cause).
TWO_OF_THREE_VARIANTS: tuple[str, ...] = ("same_side", "all_same_side", "either_side")


@dataclass(frozen=True)
class SignalSettings:
    """How signals are computed. Every default follows MDC unless noted.

    Attributes:
        screen_moving_ranges: leave moving ranges of at least 3.267 × their mean out of
            the mean moving range (Wheeler's screening; NHSRplotthedots
            ``screen_outliers``). The MDC Excel tool does not screen: set ``False`` to
            match it.
        trend_length: points in a row, each higher (or each lower) than the one before,
            that make a trend. A tie breaks a trend.
        run_length: points in a row on one side of the mean that make a run (a shift).
            A point on the mean breaks a run.
        two_of_three: which two-of-three rule to apply; see :data:`TWO_OF_THREE_VARIANTS`.
        minimum_points: fewer points than this and a series is "too few points": limits
            are still drawn for charts, but nothing is judged.
        trial_below: limits from fewer points than this are trial limits.
        disparity_ratio: a breakdown group is worse than the whole population when its
            value is more than this many times the overall value (``up_is_bad``), or
            less than its reciprocal times it (``up_is_good``).
        disparity_min_denominator: groups whose denominator is below this are never
            called worse (small numbers); groups without a denominator are judged.
        full_set_areas: named-area benchmark rows for one indicator and period rank an
            area (LAIT's national rank and quartile band) only when they cover at least
            this many areas (DfE publishes 151 to 153 local authorities a year).
    """

    screen_moving_ranges: bool = True
    trend_length: int = 7
    run_length: int = 7
    two_of_three: str = "same_side"
    minimum_points: int = 12
    trial_below: int = 20
    disparity_ratio: float = 1.25
    disparity_min_denominator: float = 5.0
    full_set_areas: int = 150

    def __post_init__(self) -> None:
        if self.two_of_three not in TWO_OF_THREE_VARIANTS:
            raise ValueError(
                f"two_of_three must be one of {', '.join(TWO_OF_THREE_VARIANTS)}, "
                f"not {self.two_of_three!r}"
            )
        if self.trend_length < 3 or self.run_length < 2:
            raise ValueError("trend_length must be at least 3 and run_length at least 2")
        if self.minimum_points < 2:
            raise ValueError("minimum_points must be at least 2 (a moving range needs two)")
        if self.disparity_ratio <= 1:
            raise ValueError("disparity_ratio must be greater than 1")
        if self.full_set_areas < 1:
            raise ValueError("full_set_areas must be at least 1")
