"""A unit's chart in the report: its field indices against its group's means, as inline SVG.

Drawn in two layers from one figure set up once per group: the frame, axes and legend once,
and for each unit only its bars and the group-mean marks. At 2,000 units this is what keeps
the charts from dominating the run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from parindex.outputs.report.charts import STYLE, attribute, inline, style, svg_text

UNIT_COLOUR = "#56B4E9"
MEAN_COLOUR = "#000000"
GRID_COLOUR = "#BBBBBB"


class UnitChart:
    """A unit's field indices against its group's means: one figure per group, redrawn per
    unit. The frame (axes, ticks, legend) is drawn once, as a `<symbol>` in the group's first
    chart that every chart of the group `<use>`s; each unit draws only its layer (one
    collection of bars and one line of marks). At 2,000 units this keeps the charts from
    dominating the run and the file."""

    BAR = 0.62  # bar height, in rows

    def __init__(
        self,
        field_ids: Sequence[str],
        means: Sequence[float | None],
        *,
        unit_label: str,
        mean_label: str,
        axis_label: str,
        prefix: str,
    ) -> None:
        self.count = count = len(field_ids)
        height = 0.75 + 0.28 * count
        with style():
            figure = Figure(figsize=(4.6, height))
            figure.subplots_adjust(
                left=0.1, right=0.96, top=1 - 0.42 / height, bottom=0.38 / height
            )
            ax = figure.add_subplot()
            self.bars, self.marks = self._layer(ax, means)
            ax.set_xlim(0, 100)
            ax.set_ylim(count - 0.5, -0.5)
            ax.set_yticks(list(range(count)), list(field_ids))
            ax.set_xticks([0, 25, 50, 75, 100])
            ax.set_xlabel(axis_label)
            ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.5)
            ax.set_axisbelow(True)
            ax.spines[["top", "right"]].set_visible(False)
            legend = _unit_legend(ax, unit_label, mean_label)
            self.bars.set_visible(False)
            self.marks.set_visible(False)
            base = inline(svg_text(figure), prefix)
            # From now on only the unit's layer is drawn.
            figure.patch.set_visible(False)
            ax.set_axis_off()
            legend.set_visible(False)
            self.bars.set_visible(True)
            self.marks.set_visible(True)
        self.figure = figure
        opening = base[: base.index(">") + 1]
        self.opening = opening.replace(' role="img"', "")
        self.use, self.symbol = _frame(base, opening, f"{prefix}frame")

    def _layer(self, ax: Axes, means: Sequence[float | None]) -> tuple[PolyCollection, Line2D]:
        """What each unit draws: its bars (set per unit) and the group's mean marks."""
        rows = list(range(self.count))
        bars = PolyCollection(
            [self._bar(row, 0.0) for row in rows],
            facecolors=UNIT_COLOUR,
            edgecolors="#000000",
            linewidths=0.5,
            hatch="////",
        )
        ax.add_collection(bars, autolim=False)
        (marks,) = ax.plot(
            [np.nan if m is None else m for m in means],
            rows,
            linestyle="none",
            marker="D",
            markersize=5,
            markerfacecolor="#FFFFFF",
            markeredgecolor=MEAN_COLOUR,
            markeredgewidth=1.2,
        )
        return bars, marks

    def _bar(self, row: int, value: float) -> list[tuple[float, float]]:
        top, bottom = row - self.BAR / 2, row + self.BAR / 2
        return [(0.0, top), (value, top), (value, bottom), (0.0, bottom)]

    def render(
        self, percents: Sequence[float | None], *, prefix: str, label: str, first: bool
    ) -> str:
        """The unit's chart; `prefix` starts every id of its layer. The group's first chart
        holds the frame that the others use."""
        self.bars.set_verts(
            [self._bar(row, 0.0 if v is None else v) for row, v in enumerate(percents)]
        )
        if matplotlib.rcParams["svg.hashsalt"] == STYLE["svg.hashsalt"]:
            layer = inline(svg_text(self.figure), prefix)
        else:
            with style():
                layer = inline(svg_text(self.figure), prefix)
        opening = self.opening.replace(
            "<svg ", f'<svg role="img" aria-label="{attribute(label)}" ', 1
        )
        frame = self.symbol if first else ""
        return opening + frame + self.use + layer[layer.index(">") + 1 :]


def _unit_legend(ax: Axes, unit_label: str, mean_label: str) -> Legend:
    return ax.legend(
        handles=[
            Patch(
                facecolor=UNIT_COLOUR,
                hatch="////",
                edgecolor="#000000",
                linewidth=0.5,
                label=unit_label,
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="D",
                markersize=5,
                markerfacecolor="#FFFFFF",
                markeredgecolor=MEAN_COLOUR,
                markeredgewidth=1.2,
                label=mean_label,
            ),
        ],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=2,
        fontsize=7,
        borderaxespad=0.2,
    )


def _frame(base: str, opening: str, frame: str) -> tuple[str, str]:
    """The frame's chart as a `<symbol>` (drawn once per group) and the `<use>` of it."""
    view = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', opening)
    assert view is not None
    use = f'<use href="#{frame}" width="{view[1]}" height="{view[2]}"/>'
    symbol = (
        f'<defs><symbol id="{frame}" viewBox="0 0 {view[1]} {view[2]}">'
        + base[len(opening) : base.rindex("</svg>")]
        + "</symbol></defs>"
    )
    return use, symbol
