"""Charts for the report, drawn with matplotlib as deterministic inline SVG.

Deterministic means the same run gives byte-identical SVG: the Agg-free SVG backend,
a fixed ``svg.hashsalt`` (matplotlib otherwise salts its element ids with a random
UUID), ``metadata={"Date": None}``, and the DejaVu Sans metrics matplotlib ships, so
layout never depends on the fonts of the machine. Text stays text
(``svg.fonttype: none``): smaller, selectable and read by screen readers; matplotlib
escapes it, and the tests check that with the sample run's hostile strings.

Each chart gets its own salt, so the ids of two charts inlined in one page never clash.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display, ever: the library runs on servers and in CI

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator, NullLocator

from assurance.periods import period_name
from assurance.render import _html, formatting
from assurance.render.run import Series
from assurance.render.themes import theme_scheme
from assurance.render.vocab import COVERAGE_KINDS, SPC_COLOURS

INK = "#1F2933"
MUTED = "#616E7C"
GRID = "#E4E7EB"
WIDTH = 7.0  # inches: the text width of an A4 page with 20 mm margins

_STYLE = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#9AA5B1",
    "axes.labelcolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.titlesize": 9,
    "path.simplify": True,
}

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_GLOBAL_STYLE = re.compile(r"\s*<style type=\"text/css\">\*\{[^<]*\}</style>")
_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^")]+)')


def _svg(figure: Figure, salt: str, label: str) -> str:
    """The figure as SVG markup ready to inline in HTML, labelled for screen readers."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"assurance:{salt}"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    markup = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    markup = _METADATA.sub("", markup, count=1)
    markup = _GLOBAL_STYLE.sub("", markup, count=1)  # matplotlib's "*{...}" would style the page
    # Group ids (figure_1, line2d_1...) repeat in every chart and would clash in one
    # page; keep only the ids something refers to, which the per-chart salt made unique.
    used = set(_REFERENCE.findall(markup))
    markup = _ID.sub(lambda m: m.group(0) if m.group(1) in used else "", markup)
    markup = _SIZE.sub(
        lambda m: f'<svg{m.group(1)} class="chart" role="img" aria-label="{_html.text(label)}"',
        markup,
        count=1,
    )
    return markup.strip()


def _figure(height: float, *, constrained: bool = True) -> Figure:
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(WIDTH, height), layout="constrained" if constrained else None)


# ---------- SPC (Making Data Count) ----------


def spc_chart(series: Series) -> str:
    """An XmR chart: values, mean, process limits, target, special causes and the MDC
    variation and assurance icons."""
    with matplotlib.rc_context(_STYLE):
        # Fixed margins, not constrained layout: it tripled the time of each chart, and
        # an England-sized report draws hundreds. The right margin holds line labels.
        figure = _figure(2.5, constrained=False)
        figure.subplots_adjust(left=0.085, right=0.80, top=0.86, bottom=0.17)
        axes = figure.add_subplot()
        xs = list(range(len(series.points)))
        _spc_points(axes, series, xs)
        _spc_axes(axes, series, xs)
        _spc_lines(axes, series, xs)
        _spc_icons(figure, series)
        return _svg(figure, f"spc:{series.id}", f"SPC chart: {series.label}")


def _spc_lines(axes: Any, series: Series, xs: list[int]) -> None:
    """Mean, limits and target, each labelled in the right margin (labels kept apart)."""
    lines = [
        (series.upper_limit, "--", "#7B8794", "Upper limit"),
        (series.mean, "-", "#3E4C59", "Mean"),
        (series.lower_limit, "--", "#7B8794", "Lower limit"),
        (series.target, (0, (5, 3)), SPC_COLOURS["target"], "Target"),
    ]
    lines = sorted((line for line in lines if line[0] is not None), key=lambda line: -line[0])
    low, high = axes.get_ylim()
    gap = (high - low) * 0.085
    label_at = [line[0] for line in lines]
    for i in range(1, len(label_at)):  # push each label below the one above it
        label_at[i] = min(label_at[i], label_at[i - 1] - gap)
    right = (xs[-1] if xs else 0) + 0.5
    for (level, style, colour, name), y in zip(lines, label_at, strict=True):
        axes.axhline(level, linestyle=style, color=colour, linewidth=1.1, zorder=1)
        axes.annotate(
            f"{name} {formatting.value(level, series.unit)}",
            (right, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=7,
            color=colour,
            annotation_clip=False,
        )


def _point_colour(series: Series, period: str) -> str:
    kinds = {s.type for s in series.special if s.period == period}
    for kind in ("concern", "improvement", "neutral"):
        if kind in kinds:
            return SPC_COLOURS[kind]
    return SPC_COLOURS["common"]


def _spc_points(axes: Any, series: Series, xs: list[int]) -> None:
    values = [math.nan if p.value is None else p.value for p in series.points]
    axes.plot(xs, values, color="#9AA5B1", linewidth=1.4, zorder=2)
    colours = [_point_colour(series, p.period) for p in series.points]
    for colour in sorted(set(colours)):  # one call per colour: far fewer SVG elements
        chosen = [(x, v) for x, v, c in zip(xs, values, colours, strict=True) if c == colour]
        axes.plot(
            [x for x, _ in chosen],
            [v for _, v in chosen],
            marker="o",
            markersize=5.5,
            linestyle="none",
            color=colour,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=3,
        )
    for x, point in zip(xs, series.points, strict=True):
        if point.suppressed:
            axes.annotate(
                "<5",
                (x, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=MUTED,
            )


def _spc_axes(axes: Any, series: Series, xs: list[int]) -> None:
    # Period labels as plain text, not ticks: matplotlib's Tick objects were half the
    # time of a chart. Long series label every n-th period.
    axes.set_xticks([])
    # About 80 characters fit across the axis: thin the labels to fit (yearly labels do
    # not wrap like "2024-25 Q2" does).
    lines = [line for p in series.points for line in _two_lines(p.period).split("\n")]
    widest = max(map(len, lines), default=1)
    step = max(1, math.ceil(len(xs) * (widest + 1) / 80))
    for x, point in list(zip(xs, series.points, strict=True))[::-1][::step]:
        axes.text(
            x,
            -0.03,
            _two_lines(point.period),
            transform=axes.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=6.5,
            color=MUTED,
        )
    axes.set_xlim(-0.5, (xs[-1] if xs else 0) + 0.5)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)
    suffix = formatting.axis_suffix(series.unit)
    axes.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.4g}" + ("%" if suffix == "%" else ""))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.tick_params(length=0)
    if suffix and suffix != "%":
        axes.set_ylabel(suffix.strip(), fontsize=7)
    levels = [p.value for p in series.points if p.value is not None]
    levels += [
        v
        for v in (series.mean, series.upper_limit, series.lower_limit, series.target)
        if v is not None
    ]
    if levels:
        low, high = min(levels), max(levels)
        pad = (high - low) * 0.12 or abs(high) * 0.1 or 1
        axes.set_ylim(low - pad, high + pad * 1.6)


def _two_lines(period: str) -> str:
    # "2024-25 Q2" on two lines keeps twelve quarters readable across an A4 page; a
    # date is written in words, its year below ("30 September" / "2024").
    name = period_name(period)
    if name != period:
        return "\n".join(name.rsplit(" ", 1))
    return period.replace(" ", "\n", 1)


def _variation_icon(series: Series) -> tuple[str, str]:
    """Colour and letter of the MDC variation icon: H/L says which side the signal is."""
    kind = series.variation.removeprefix("special_cause_")
    if series.variation in ("", "common_cause", "too_few_points"):
        return SPC_COLOURS["common"], "~" if series.variation == "common_cause" else "?"
    colour = SPC_COLOURS.get(kind, SPC_COLOURS["neutral"])
    # The side of the mean of the signals of this kind; the latest decides a tie.
    specials = {s.period for s in series.special if s.type == kind}
    sides = [
        p.value > series.mean
        for p in series.points
        if p.period in specials and p.value is not None and series.mean is not None
    ]
    high = sides.count(True) > sides.count(False) or (
        sides.count(True) == sides.count(False) and bool(sides) and sides[-1]
    )
    return colour, "H" if high else "L"


_ASSURANCE_ICON = {
    "consistently_passing": (SPC_COLOURS["improvement"], "P"),
    "consistently_failing": (SPC_COLOURS["concern"], "F"),
    "hit_and_miss": (SPC_COLOURS["common"], "?"),
}


def _spc_icons(figure: Figure, series: Series) -> None:
    icons = [(*_variation_icon(series), "variation")]
    if series.assurance in _ASSURANCE_ICON:
        icons.append((*_ASSURANCE_ICON[series.assurance], "assurance"))
    for index, (colour, letter, name) in enumerate(icons):
        x = 0.975 - (len(icons) - 1 - index) * 0.12
        # A text box drawn as a circle stays round whatever the figure's aspect.
        figure.text(
            x,
            0.93,
            letter,
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color=colour,
            bbox={
                "boxstyle": "circle,pad=0.35",
                "facecolor": "white",
                "edgecolor": colour,
                "linewidth": 2,
            },
        )
        figure.text(
            x - 0.025, 0.93, name.capitalize(), ha="right", va="center", fontsize=6.5, color=MUTED
        )


# ---------- benchmarks ----------


def benchmark_chart(rows: Sequence[Mapping[str, Any]]) -> str:
    """How far each indicator is from each comparator, as local ÷ comparator on a log
    scale, so that half and double look equally far from level."""
    labels = [_wrap(f"{r['label']} — {r['comparator_label']}", 58) for r in rows]
    with matplotlib.rc_context(_STYLE):
        height = 0.9 + 0.32 * len(rows)
        figure = _figure(height, constrained=False)
        figure.subplots_adjust(
            left=_label_margin(labels, 7), right=0.86, top=1 - 0.35 / height, bottom=0.45 / height
        )
        axes = figure.add_subplot()
        ys = list(range(len(rows)))[::-1]
        for y, row in zip(ys, rows, strict=True):
            ratio = float(row["value"]) / float(row["benchmark_value"])
            colour = SPC_COLOURS["concern"] if row.get("worse") else SPC_COLOURS["improvement"]
            axes.plot(
                [1, ratio], [y, y], color=colour, linewidth=2.4, solid_capstyle="butt", zorder=2
            )
            axes.plot([ratio], [y], marker="o", markersize=6, color=colour, zorder=3)
            unit = (
                "percent" if row["unit"] == "percent" else ""
            )  # "per 10,000" is on the axis label
            local, other = (formatting.value(row[k], unit) for k in ("value", "benchmark_value"))
            note = f"{local} vs {other}"
            axes.annotate(
                note,
                (ratio, y),
                xytext=(6 if ratio >= 1 else -6, 0),
                textcoords="offset points",
                va="center",
                ha="left" if ratio >= 1 else "right",
                fontsize=7,
                color=INK,
            )
        axes.axvline(1, color="#3E4C59", linewidth=1)
        axes.set_xscale("log")
        _ratio_limits(axes, rows)
        axes.set_yticks(ys, labels, fontsize=7)
        axes.set_xlabel("Local value ÷ comparator (1 = the same)", fontsize=7)
        axes.tick_params(length=0)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        axes.legend(
            handles=[
                Patch(color=SPC_COLOURS["concern"], label="Worse than comparator"),
                Patch(color=SPC_COLOURS["improvement"], label="Better or level"),
            ],
            loc="lower right",
            bbox_to_anchor=(1, 1),
            ncols=2,
            fontsize=7,
            frameon=False,
        )
        return _svg(figure, "benchmarks", "Benchmark comparisons")


def _ratio_limits(axes: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    ratios = [float(r["value"]) / float(r["benchmark_value"]) for r in rows] + [1.0]
    spread = max(abs(math.log(r)) for r in ratios) or 0.1
    # Symmetric about 1, with room on the right for the value labels.
    low, high = math.exp(-spread * 1.6), math.exp(spread * 2.4)
    axes.set_xlim(low, high)
    ticks: list[float] = []
    for tick in (0.25, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4):
        # Keep ticks at least a tenth of the axis apart, 1 always.
        apart = not ticks or math.log(tick / ticks[-1]) > math.log(high / low) / 10
        if low <= tick <= high and (apart or tick == 1):
            ticks = [t for t in ticks if tick != 1 or math.log(1 / t) > math.log(high / low) / 10]
            ticks.append(tick)
    axes.set_xticks(ticks, [f"{t:g}" for t in ticks])
    axes.xaxis.set_minor_locator(NullLocator())


def _label_margin(labels: Sequence[str], size: float) -> float:
    """The figure fraction that tick labels need on the left. Constrained layout would
    measure them, at ten times the cost of the whole chart; DejaVu Sans averages about
    0.58 em a character."""
    longest = max((len(line) for label in labels for line in label.split("\n")), default=0)
    return min(0.6, 0.03 + longest * size * 0.58 / 72 / WIDTH)


def _wrap(label: str, width: int) -> str:
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width)
    return (
        label[: cut if cut > 0 else width]
        + "\n"
        + _wrap(label[cut + 1 if cut > 0 else width :], width)
    )


# ---------- coverage ----------

_PRESENT, _MISSING, _PRIORITY_GAP = "#8CCFC2", "#F7C46C", "#E8743B"


def coverage_heatmap(coverage: Iterable[Mapping[str, Any]]) -> str:
    """Themes × kinds of source: which kinds of evidence each theme has, and the gaps
    (colour, and a cross, so the gaps show without colour too)."""
    scheme = theme_scheme()
    rows = sorted(coverage, key=lambda c: (not c.get("priority"), scheme.position(str(c["theme"]))))
    labels = [("★ " if r.get("priority") else "") + scheme.label(str(r["theme"])) for r in rows]
    with matplotlib.rc_context(_STYLE):
        height = 1.1 + 0.27 * len(rows)
        figure = _figure(height, constrained=False)
        figure.subplots_adjust(
            left=_label_margin(labels, 7.5), right=0.98, top=1 - 0.5 / height, bottom=0.45 / height
        )
        axes = figure.add_subplot()
        gaps: list[tuple[float, float]] = []
        for y, row in enumerate(rows):
            for x, (flag, _label) in enumerate(COVERAGE_KINDS):
                present = bool(row.get(flag))
                colour = _PRESENT if present else _PRIORITY_GAP if row.get("priority") else _MISSING
                axes.add_patch(Rectangle((x, y), 0.94, 0.86, facecolor=colour, edgecolor="none"))
                if not present:
                    gaps.append((x + 0.47, y + 0.43))
        if gaps:
            axes.scatter(
                *zip(*gaps, strict=True), marker="x", s=18, linewidths=1.2, color="#7A2E0E"
            )
        axes.set_xlim(0, len(COVERAGE_KINDS))
        axes.set_ylim(len(rows), 0)
        axes.set_xticks(
            [x + 0.47 for x in range(len(COVERAGE_KINDS))],
            [_wrap(label, 12) for _, label in COVERAGE_KINDS],
            fontsize=7,
        )
        axes.xaxis.tick_top()
        axes.set_yticks([y + 0.43 for y in range(len(rows))], labels, fontsize=7.5)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.legend(
            handles=[
                Patch(color=_PRESENT, label="Evidence present"),
                Patch(color=_MISSING, label="Missing (×)"),
                Patch(color=_PRIORITY_GAP, label="Missing on a priority theme (★)"),
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            ncols=3,
            fontsize=7,
            frameon=False,
        )
        return _svg(figure, "coverage", "Coverage of evidence: themes by kind of source")
