"""Statistical process control: the XmR chart as NHS England's "Making Data Count" draws it.

The reference implementation is the R package NHSRplotthedots; where this module
departs from it, a comment says so. One vectorised core, :func:`xmr_batch`, computes
many series at once (the series lie end to end in one array); :func:`xmr` is the same
computation for one plain list of values.

The rules, in MDC's order of priority (a point takes the first that applies):

1. ``outside_limits``: a point above the upper or below the lower process limit,
   mean ± 2.66 × mean moving range;
2. ``trend``: ``trend_length`` points in a row, each higher (or each lower) than the one
   before; a tie breaks a trend;
3. ``two_of_three``: two of three points in a row beyond a two-sigma line,
   mean ± (2/3 × 2.66) × mean moving range, as :data:`~.settings.TWO_OF_THREE_VARIANTS`
   describes;
4. ``run``: ``run_length`` points in a row on one side of the mean; a point on the mean
   breaks a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._common import polarity_sign, tolerant_sign
from .settings import SignalSettings

#: 3 / d2 for moving ranges of two points (d2 = 1.128): the distance from the mean to
#: a process limit in mean moving ranges.
LIMIT_FACTOR = 2.66
#: Two thirds of the way to the limit: MDC's "close to the limit" line (two sigma).
TWO_SIGMA_FACTOR = LIMIT_FACTOR * 2 / 3
#: D4 for moving ranges of two points: a moving range this many times the mean is
#: itself a special cause, and screening leaves it out of the mean moving range.
SCREEN_FACTOR = 3.267

#: Special causes by code; 0 is none, and a lower code wins (MDC's priority).
CAUSES: tuple[str, ...] = ("none", "outside_limits", "trend", "two_of_three", "run")
NONE, OUTSIDE, TREND, TWO_OF_THREE, RUN = range(5)


@dataclass(frozen=True)
class XmrArrays:
    """:func:`xmr_batch`'s answer: per point, then per series (in series order).

    ``cause`` is a code into :data:`CAUSES`; ``direction`` is +1 when the special cause
    is high (above the mean, or a rising trend), -1 when low, 0 for common cause;
    ``start`` is the index (into the whole array) of the first point of the pattern
    that makes a point special, -1 for common cause.
    """

    cause: np.ndarray
    direction: np.ndarray
    start: np.ndarray
    n: np.ndarray
    mean: np.ndarray
    mr_mean: np.ndarray
    screened: np.ndarray
    lower_limit: np.ndarray
    upper_limit: np.ndarray
    lower_two_sigma: np.ndarray
    upper_two_sigma: np.ndarray
    too_few_points: np.ndarray
    trial: np.ndarray


@dataclass(frozen=True)
class XmrResult:
    """One XmR chart.

    ``special`` and ``types`` have one entry per point: the special cause
    (:data:`CAUSES`) and ``improvement``, ``concern``, ``neutral`` or ``none``.
    ``variation``, ``special_cause`` and ``since`` describe the latest point, as MDC's
    variation icon does: the latest point's special cause, and the index of the first
    point of the pattern it belongs to (``None`` for common cause). ``assurance`` is
    MDC's assurance icon from the target against the limits. Limits are NaN when there
    are fewer than two points; with fewer than ``minimum_points`` the limits are drawn
    but nothing is judged (``variation == "too_few_points"``).
    """

    n: int
    mean: float
    mr_mean: float
    screened_moving_ranges: int
    lower_limit: float
    upper_limit: float
    lower_two_sigma: float
    upper_two_sigma: float
    special: tuple[str, ...]
    types: tuple[str, ...]
    variation: str
    special_cause: str
    since: int | None
    assurance: str
    trial: bool
    too_few_points: bool


def xmr(
    values: Sequence[float],
    *,
    polarity: str,
    target: float | None = None,
    settings: SignalSettings = SignalSettings(),  # noqa: B008 - frozen, so a safe default
) -> XmrResult:
    """The XmR chart of ``values`` (in time order) for an indicator of ``polarity``
    (``up_is_good``, ``up_is_bad`` or ``neutral``), judged against ``target`` if given.

    >>> chart = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1],
    ...             polarity="up_is_bad")
    >>> round(chart.mean, 2), round(chart.lower_limit, 2), round(chart.upper_limit, 2)
    (1.94, -0.72, 4.6)
    >>> chart.special[4], chart.types[4]
    ('outside_limits', 'concern')
    """
    y = np.asarray(values, dtype=float).reshape(-1)
    if np.isnan(y).any():
        raise ValueError("values must not contain NaN: leave missing periods out")
    if y.size == 0:
        raise ValueError("an XmR chart needs at least one value")
    sign = np.array([polarity_sign(polarity)])
    goal = np.array([np.nan if target is None else float(target)])
    arrays = xmr_batch(y, np.array([y.size]), settings)
    last = y.size - 1
    return XmrResult(
        n=y.size,
        mean=float(arrays.mean[0]),
        mr_mean=float(arrays.mr_mean[0]),
        screened_moving_ranges=int(arrays.screened[0]),
        lower_limit=float(arrays.lower_limit[0]),
        upper_limit=float(arrays.upper_limit[0]),
        lower_two_sigma=float(arrays.lower_two_sigma[0]),
        upper_two_sigma=float(arrays.upper_two_sigma[0]),
        special=tuple(CAUSES[c] for c in arrays.cause),
        types=tuple(point_types(arrays.cause, arrays.direction, np.repeat(sign, y.size))),
        variation=variation(arrays, sign)[0],
        special_cause=CAUSES[arrays.cause[last]],
        since=int(arrays.start[last]) if arrays.cause[last] else None,
        assurance=assurance(arrays, sign, goal)[0],
        trial=bool(arrays.trial[0]),
        too_few_points=bool(arrays.too_few_points[0]),
    )


def xmr_batch(values: np.ndarray, counts: np.ndarray, settings: SignalSettings) -> XmrArrays:
    """XmR charts of many series at once: ``values`` holds the series end to end, each
    in time order, and ``counts`` their lengths (each at least 1)."""
    y = np.asarray(values, dtype=float)
    counts = np.asarray(counts, dtype=np.int64)
    group = np.repeat(np.arange(counts.size), counts)
    mean = np.bincount(group, weights=y, minlength=counts.size) / counts
    mr_mean, screened = _mean_moving_range(y, group, counts.size, settings.screen_moving_ranges)

    lower, upper = mean - LIMIT_FACTOR * mr_mean, mean + LIMIT_FACTOR * mr_mean
    lower2, upper2 = mean - TWO_SIGMA_FACTOR * mr_mean, mean + TWO_SIGMA_FACTOR * mr_mean
    side = tolerant_sign(y - mean[group], mean[group])

    outside = np.where(y > upper[group], 1, np.where(y < lower[group], -1, 0)).astype(np.int8)
    outside_start, _ = segments(outside, group)
    trend_dir, trend_start = _trends(y, group, settings.trend_length)
    beyond_hi, beyond_lo = y > upper2[group], y < lower2[group]
    two_flag, two_start = _two_of_three(beyond_hi, beyond_lo, side, group, settings.two_of_three)
    run_start, run_len = segments(side, group)
    run = (side != 0) & (run_len >= settings.run_length)

    rules = [outside != 0, trend_dir != 0, two_flag, run]
    cause = np.select(rules, [OUTSIDE, TREND, TWO_OF_THREE, RUN], NONE).astype(np.int8)
    direction = np.select(rules, [outside, trend_dir, side, side], 0).astype(np.int8)
    start = np.select(rules, [outside_start, trend_start, two_start, run_start], -1)

    # MDC: fewer than 12 points is too few to judge; the limits stay, for the chart.
    too_few = counts < settings.minimum_points
    judged = ~too_few[group]
    return XmrArrays(
        cause=np.where(judged, cause, NONE).astype(np.int8),
        direction=np.where(judged, direction, 0).astype(np.int8),
        start=np.where(judged, start, -1),
        n=counts,
        mean=mean,
        mr_mean=mr_mean,
        screened=screened,
        lower_limit=lower,
        upper_limit=upper,
        lower_two_sigma=lower2,
        upper_two_sigma=upper2,
        too_few_points=too_few,
        trial=counts < settings.trial_below,
    )


def segments(key: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each point, the index of the first point and the length of its segment: a
    maximal stretch of equal ``key`` within one series."""
    size = key.size
    if size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    breaks = np.ones(size, dtype=bool)
    breaks[1:] = (key[1:] != key[:-1]) | (group[1:] != group[:-1])
    index = np.cumsum(breaks) - 1
    first = np.flatnonzero(breaks)
    length = np.diff(np.append(first, size))
    return first[index], length[index]


def _mean_moving_range(
    y: np.ndarray, group: np.ndarray, n_series: int, screen: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Mean moving range per series, and how many moving ranges screening left out."""
    within = np.zeros(y.size, dtype=bool)
    within[1:] = group[1:] == group[:-1]
    moving = np.zeros(y.size)
    moving[1:] = np.abs(np.diff(y))

    def mean_of(mask: np.ndarray) -> np.ndarray:
        total = np.bincount(group[mask], weights=moving[mask], minlength=n_series)
        count = np.bincount(group[mask], minlength=n_series)
        with np.errstate(invalid="ignore", divide="ignore"):
            return total / count

    first = mean_of(within)
    if not screen:
        return first, np.zeros(n_series, dtype=np.int64)
    # NHSRplotthedots keeps a moving range only when mr < 3.267 × mean, and then takes
    # the mean again. When every range is 0 that would drop them all, so keep them.
    cut = SCREEN_FACTOR * first[group]
    out = within & (moving >= cut) & (cut > 0)
    return mean_of(within & ~out), np.bincount(group[out], minlength=n_series)


def _trends(y: np.ndarray, group: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Direction (+1 rising, -1 falling, 0 none) and first index of the trend each point
    belongs to. A trend of ``length`` points is ``length - 1`` steps of one sign."""
    step = np.zeros(y.size, dtype=np.int8)  # step[i]: sign of y[i] - y[i-1]
    if y.size > 1:
        step[1:] = tolerant_sign(np.diff(y), y[1:])
        step[1:][group[1:] != group[:-1]] = 0
    # MDC: a tie (step 0) breaks a trend (NHSRplotthedots ptd_seven_point_trend).
    first, steps = segments(step, group)
    long = (step != 0) & (steps >= length - 1)
    right = np.zeros(y.size, dtype=bool)  # the step after the point is in a trend
    right[:-1] = long[1:]
    right_first = np.zeros(y.size, dtype=np.int64)
    right_first[:-1] = first[1:] - 1
    right_step = np.zeros(y.size, dtype=np.int8)
    right_step[:-1] = step[1:]
    # A peak ends a rising trend and starts a falling one: it takes the later trend,
    # as NHSRplotthedots does ("if a point is part of a trend either side, use right").
    direction = np.where(right, right_step, np.where(long, step, 0)).astype(np.int8)
    start = np.where(right, right_first, np.where(long, first - 1, -1))
    return direction, start


def _two_of_three(
    beyond_hi: np.ndarray,
    beyond_lo: np.ndarray,
    side: np.ndarray,
    group: np.ndarray,
    variant: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Flag, and first flagged index of the pattern, for the two-of-three rule."""
    if variant == "either_side":
        return _two_of_three_channel(beyond_hi | beyond_lo, group, None)
    need_hi = side > 0 if variant == "all_same_side" else None
    need_lo = side < 0 if variant == "all_same_side" else None
    hi_flag, hi_start = _two_of_three_channel(beyond_hi, group, need_hi)
    lo_flag, lo_start = _two_of_three_channel(beyond_lo, group, need_lo)
    return hi_flag | lo_flag, np.where(hi_flag, hi_start, lo_start)


def _two_of_three_channel(
    beyond: np.ndarray, group: np.ndarray, need: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Two of three consecutive points in ``beyond``; with ``need``, all three in it."""
    size = beyond.size
    window = np.zeros(size, dtype=bool)  # window[i]: points i, i+1, i+2 qualify
    if size >= 3:
        count = beyond[:-2].astype(np.int8) + beyond[1:-1] + beyond[2:]
        ok = (group[:-2] == group[2:]) & (count >= 2)
        if need is not None:
            ok &= need[:-2] & need[1:-1] & need[2:]
        window[:-2] = ok
    covered = window.copy()
    covered[1:] |= window[:-1]
    covered[2:] |= window[:-2]
    # Only the points beyond two-sigma are flagged, not the third (NHSRplotthedots
    # ptd_part_of_two_in_three).
    flag = beyond & covered
    # The pattern starts at the first flagged point of its stretch of covered points.
    block_first, _ = segments(covered, group)
    index = np.where(flag, np.arange(size), size)
    next_flag = np.minimum.accumulate(index[::-1])[::-1]
    start = np.where(flag, next_flag[np.minimum(block_first, size - 1)], -1)
    return flag, start


def point_types(cause: np.ndarray, direction: np.ndarray, polarity: np.ndarray) -> list[str]:
    """``improvement``, ``concern`` or ``neutral`` per special point, ``none`` otherwise.

    ``polarity`` is per point (+1/-1/0). A trend's type follows its direction; every
    other cause follows the point's side of the mean.
    """
    oriented = direction.astype(np.int64) * polarity
    kinds = np.select(
        [cause == NONE, polarity == 0, oriented > 0],
        ["none", "neutral", "improvement"],
        "concern",
    )
    return kinds.tolist()


def variation(arrays: XmrArrays, polarity: np.ndarray) -> list[str]:
    """MDC's variation icon per series, from its latest point."""
    last = np.cumsum(arrays.n) - 1
    cause = arrays.cause[last]
    oriented = arrays.direction[last].astype(np.int64) * polarity
    kinds = np.select(
        [arrays.too_few_points, cause == NONE, polarity == 0, oriented > 0],
        ["too_few_points", "common_cause", "special_cause_neutral", "special_cause_improvement"],
        "special_cause_concern",
    )
    return kinds.tolist()


def assurance(arrays: XmrArrays, polarity: np.ndarray, target: np.ndarray) -> list[str]:
    """MDC's assurance icon per series: where the target lies against the limits.

    Both limits on the good side of the target: ``consistently_passing``; both on the
    bad side: ``consistently_failing``; the target between them: ``hit_and_miss``.
    ``none`` without a target, for neutral indicators, or with too few points.
    """
    above = target > arrays.upper_limit  # both limits below the target
    below = target < arrays.lower_limit  # both limits above the target
    good_above = polarity > 0
    kinds = np.select(
        [
            np.isnan(target) | (polarity == 0) | arrays.too_few_points,
            np.isnan(arrays.upper_limit),
            above,
            below,
        ],
        [
            "none",
            "none",
            np.where(good_above, "consistently_failing", "consistently_passing"),
            np.where(good_above, "consistently_passing", "consistently_failing"),
        ],
        "hit_and_miss",
    )
    return kinds.tolist()
