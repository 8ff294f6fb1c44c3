"""A group's index over the years in the report (`--previous YEAR=FILE`, repeatable), as
inline SVG: each unit against the group's mean.

Up to `PANELS` units, one small panel per unit (its line and the group's mean, on one scale
for every panel, in rank order), so each unit reads on its own; a larger group is one panel of
every unit's line in grey under the mean. The mean of a year is that of the units shown that
have an index that year, so a unit that joined or merged does not move it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from parindex.i18n import Lang, number
from parindex.outputs.report.charts import WIDTH, inline, style, svg_text

UNIT_COLOUR = "#0072B2"
MEAN_COLOUR = "#000000"
CROWD_COLOUR = "#9A9A9A"
PANELS = 40  # units from which the chart is one panel of every line


@dataclass(frozen=True, slots=True)
class UnitYears:
    """One unit's index in each year it has one (years ascending)."""

    name: str
    points: tuple[tuple[int, float], ...]


def group_means(units: Sequence[UnitYears], years: Sequence[int]) -> list[float | None]:
    """The mean index of each year over the units that have one that year."""
    means: list[float | None] = []
    for year in years:
        values = [value for unit in units for when, value in unit.points if when == year]
        means.append(math.fsum(values) / len(values) if values else None)
    return means


def years_chart(
    units: Sequence[UnitYears],
    *,
    prefix: str,
    label: str,
    unit_label: str,
    mean_label: str,
    lang: Lang,
) -> str:
    """The chart of `units` (in rank order) over the years they hold, with the group mean."""
    years = sorted({when for unit in units for when, _value in unit.points})
    means = group_means(units, years)
    values = [value for unit in units for _when, value in unit.points]
    low = min(50.0, math.floor(min(values, default=50.0) / 10) * 10)
    with style():
        if len(units) <= PANELS:
            figure = _panels(units, years, means, low)
        else:
            figure = _crowd(units, years, means, low, lang)
        handles = [
            Line2D([], [], color=UNIT_COLOUR, marker="o", markersize=3, linewidth=1.4),
            Line2D(
                [], [], color=MEAN_COLOUR, marker="s", markersize=2.5, linewidth=1.0, dashes=(3, 2)
            ),
        ]
        if len(units) > PANELS:
            handles[0] = Line2D([], [], color=CROWD_COLOUR, linewidth=0.6)
        figure.legend(
            handles,
            [unit_label, mean_label],
            loc="upper left",
            bbox_to_anchor=(0.01, 0.995),
            ncols=2,
            fontsize=7,
            handlelength=2.6,
        )
        return inline(svg_text(figure), prefix, label)


def _grid(count: int) -> tuple[int, int]:
    """Columns and rows of the panels: four across for a small group, six for a larger."""
    columns = 4 if count <= 16 else 6
    return columns, max(1, math.ceil(count / columns))


def _panels(
    units: Sequence[UnitYears], years: Sequence[int], means: Sequence[float | None], low: float
) -> Figure:
    columns, rows = _grid(len(units))
    height = 0.55 + 0.95 * rows
    figure = Figure(figsize=(WIDTH, height))
    figure.subplots_adjust(
        left=0.06,
        right=0.99,
        top=1 - 0.5 / height,
        bottom=0.2 / height,
        wspace=0.12,
        hspace=0.75 if columns == 4 else 0.85,
    )
    axes = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(units):
            ax.set_visible(False)
            continue
        unit = units[k]
        _mean_line(ax, years, means, 0.9)
        if unit.points:
            ax.plot(
                [when for when, _value in unit.points],
                [value for _when, value in unit.points],
                color=UNIT_COLOUR,
                marker="o",
                markersize=3,
                linewidth=1.4,
            )
        ax.set_title(_title(unit.name, columns), fontsize=6.5, pad=2.5, loc="left")
        _frame(ax, years, low, first_column=k % columns == 0, fontsize=5.5)
    return figure


def _crowd(
    units: Sequence[UnitYears],
    years: Sequence[int],
    means: Sequence[float | None],
    low: float,
    lang: Lang,
) -> Figure:
    height = 4.2
    figure = Figure(figsize=(WIDTH, height))
    figure.subplots_adjust(left=0.08, right=0.97, top=1 - 0.45 / height, bottom=0.3 / height)
    ax = figure.add_subplot()
    lines = [list(unit.points) for unit in units if len(unit.points) > 1]
    # thousands of units: one collection, not one line each
    ax.add_collection(LineCollection(lines, colors=CROWD_COLOUR, linewidths=0.5, alpha=0.6))
    single = [point for unit in units if len(unit.points) == 1 for point in unit.points]
    if single:
        ax.scatter(
            [when for when, _value in single],
            [value for _when, value in single],
            s=2,
            color=CROWD_COLOUR,
        )
    _mean_line(ax, years, means, 1.6)
    for year, mean in zip(years, means, strict=True):
        if mean is not None:
            ax.annotate(
                number(mean, lang, 2),
                (year, mean),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                fontweight="bold",
                bbox={"facecolor": "#FFFFFF", "edgecolor": "none", "pad": 0.6},
            )
    _frame(ax, years, low, first_column=True, fontsize=7)
    return figure


def _mean_line(ax: Axes, years: Sequence[int], means: Sequence[float | None], width: float) -> None:
    drawn = [(year, mean) for year, mean in zip(years, means, strict=True) if mean is not None]
    if drawn:
        ax.plot(
            [year for year, _mean in drawn],
            [mean for _year, mean in drawn],
            color=MEAN_COLOUR,
            marker="s",
            markersize=2.5,
            linewidth=width,
            dashes=(3, 2),
        )


def _frame(
    ax: Axes, years: Sequence[int], low: float, *, first_column: bool, fontsize: float
) -> None:
    """The shared scale: the years across (written as years, never as numbers with a
    decimal mark), the index from `low` to 100 up."""
    span = max(len(years) - 1, 1)
    ax.set_xlim(years[0] - 0.25 * span, years[-1] + 0.25 * span)
    ax.set_xticks(list(years), [str(year) for year in years], fontsize=fontsize)
    ax.set_ylim(low, 100)
    ax.set_yticks([low, (low + 100) / 2, 100], [str(round(t)) for t in (low, (low + 100) / 2, 100)])
    ax.tick_params(axis="y", labelsize=fontsize, labelleft=first_column, length=2)
    ax.tick_params(axis="x", length=2, pad=1.5, labelbottom=True)  # every panel names its years
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.4)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)


def _title(name: str, columns: int) -> str:
    """A panel's title: the unit's name on at most two lines as wide as the panel."""
    width = 30 if columns == 4 else 19
    lines = textwrap.wrap(name, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines) if len(lines) == 2 else "\n" + lines[0]  # names sit on the axes
