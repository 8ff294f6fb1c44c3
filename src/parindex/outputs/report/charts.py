"""The report's charts as inline SVG, drawn by matplotlib's SVG backend.

Deterministic (a fixed hash salt, no dates, no creator line), readable in black-and-white
print (every colour also has a hatch or a marker), in the Okabe–Ito and cividis palettes
(safe for colour-blind readers), with text drawn as DejaVu Sans outlines (the font
matplotlib ships): the file looks the same on every machine.

A unit's chart is drawn in two layers from one figure set up once per group: the frame,
axes and legend once, and for each unit only its bars and the group-mean marks. At 2,000
units this is what keeps the charts from dominating the run.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib

matplotlib.use("svg")  # no GUI, no Agg: the SVG backend draws everything

import numpy as np
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

STYLE: dict[str, Any] = {
    "svg.fonttype": "path",  # glyph outlines: no font needed where the file is read
    "svg.hashsalt": "parindex",  # ids made from hashes stay the same run after run
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "hatch.linewidth": 0.5,
    "hatch.color": "#000000",
    "legend.frameon": False,
}
# Okabe & Ito's colour-blind-safe palette, best band first; each band also has a hatch.
BAND_COLOURS = ("#0072B2", "#009E73", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7")
BAND_HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++")
UNIT_COLOUR = "#56B4E9"
MEAN_COLOUR = "#000000"
GRID_COLOUR = "#BBBBBB"
WIDTH = 7.2  # inches: an A4 page's text width
NAMED_ROWS = 70  # up to this many units, a chart names each one
NAME_CHARS = 38

_NAMESPACES = re.compile(r' xmlns(?::xlink)?="[^"]*"')
_IDS = re.compile(r'(\bid="|url\(#|href="#)')


@contextmanager
def style() -> Iterator[None]:
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        yield


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(  # type: ignore[no-untyped-call]
        buffer, metadata={"Creator": None, "Date": None, "Format": None, "Type": None}
    )
    return buffer.getvalue()


def inline(svg: str, prefix: str, label: str = "") -> str:
    """matplotlib's SVG file as an element of an HTML page: no XML header, metadata or
    namespace URLs, every id (and every reference to one) prefixed with `prefix`."""
    svg = svg[svg.index("<svg ") :]
    start, end = svg.find("<metadata>"), svg.find("</metadata>")
    if start >= 0:
        svg = svg[:start].rstrip() + svg[end + len("</metadata>") :]
    svg = _NAMESPACES.sub("", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = _IDS.sub(lambda m: m.group(1) + prefix, svg)
    if label:
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attribute(label)}" ', 1)
    return svg.strip() + "\n"


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _band_style(position: int | None) -> dict[str, Any]:
    if position is None:
        return {"facecolor": "#FFFFFF", "hatch": ""}
    k = min(position, len(BAND_COLOURS) - 1)
    return {"facecolor": BAND_COLOURS[k], "hatch": BAND_HATCHES[k]}


def index_chart(
    names: Sequence[str],
    indices: Sequence[float | None],
    bands: Sequence[int | None],
    thresholds: Sequence[tuple[float, str]],
    *,
    prefix: str,
    label: str,
    axis_label: str,
    decimal_comma: bool,
) -> str:
    """Each unit's index as a bar (rank order, top to bottom) with the bands' thresholds."""
    count = len(names)
    named = count <= NAMED_ROWS
    height = 0.9 + 0.19 * count if named else 6.0
    with style():
        figure = Figure(figsize=(WIDTH, height))
        left = 0.34 if named else 0.08
        figure.subplots_adjust(left=left, right=0.8, top=1 - 0.45 / height, bottom=0.45 / height)
        ax = figure.add_subplot()
        rows = list(range(count))
        by_band: dict[int | None, list[tuple[int, float]]] = {}
        for row, value, band in zip(rows, indices, bands, strict=True):
            if value is not None:
                by_band.setdefault(band, []).append((row, value))
        # one bar container per band: thousands of units stay one call each
        for band, bars in sorted(by_band.items(), key=lambda item: (item[0] is None, item[0])):
            ax.barh(
                [row for row, _value in bars],
                [value for _row, value in bars],
                height=0.72 if named else 1.0,
                edgecolor="#000000" if named else "none",
                linewidth=0.4,
                **_band_style(band),
            )
        if named:
            for row, value in zip(rows, indices, strict=True):
                if value is None:
                    continue
                text = f"{value:.2f}".replace(".", ",") if decimal_comma else f"{value:.2f}"
                ax.text(value + 0.8, row, text, va="center", ha="left", fontsize=6.5)
        ax.set_ylim(count - 0.5, -0.5)
        ax.set_xlim(0, 108)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel(axis_label)
        if named:
            ax.set_yticks(rows, [_short(n) for n in names], fontsize=7)
        else:
            ax.set_yticks([0, count - 1], ["1", str(count)])
        for minimum, _name in thresholds:
            if minimum <= 0:
                continue
            ax.axvline(minimum, color="#000000", linestyle=(0, (4, 2)), linewidth=0.8)
            ax.text(
                minimum,
                -0.6,
                _plain(minimum, decimal_comma),
                ha="center",
                va="bottom",
                fontsize=6.5,
            )
        ax.spines[["top", "right"]].set_visible(False)
        handles = [
            Patch(
                edgecolor="#000000",
                linewidth=0.4,
                label=f"{name} ≥ {_plain(minimum, decimal_comma)}" if minimum > 0 else name,
                **_band_style(k),
            )
            for k, (minimum, name) in enumerate(thresholds)
        ]
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(1.01, 0.0),
            fontsize=7,
            handlelength=2.2,
            borderaxespad=0.0,
        )
        return inline(_svg(figure), prefix, label)


def _plain(value: float, decimal_comma: bool) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if decimal_comma else text


def heat_map(
    names: Sequence[str],
    field_ids: Sequence[str],
    percents: Sequence[Sequence[float | None]],
    *,
    prefix: str,
    label: str,
    scale_label: str,
) -> str:
    """Units × fields, each cell the unit's points as a % of the field's applicable maximum."""
    count = len(names)
    named = count <= NAMED_ROWS
    height = 1.3 + 0.19 * count if named else 7.0
    with style():
        figure = Figure(figsize=(WIDTH, height))
        figure.subplots_adjust(
            left=0.36 if named else 0.08, right=0.88, top=1 - 0.5 / height, bottom=0.3 / height
        )
        ax = figure.add_subplot()
        data = np.array(
            [[np.nan if v is None else v for v in row] for row in percents], dtype=float
        ).reshape(count, len(field_ids))
        finite = data[np.isfinite(data)]
        low = float(min(50.0, np.floor(finite.min() / 10) * 10)) if finite.size else 0.0
        cmap = matplotlib.colormaps["cividis"].with_extremes(bad="#FFFFFF")
        colours: dict[str, Any] = {"cmap": cmap, "vmin": low, "vmax": 100}
        mesh: ScalarMappable
        if named:
            mesh = ax.pcolormesh(
                np.ma.masked_invalid(data), edgecolors="#FFFFFF", linewidth=0.5, **colours
            )
        else:  # thousands of rows: one embedded image, one pixel a cell, drawn unsmoothed
            mesh = ax.imshow(
                np.ma.masked_invalid(data),
                interpolation="none",
                aspect="auto",
                extent=(0, len(field_ids), count, 0),
                **colours,
            )
        ax.set_xlim(0, len(field_ids))
        ax.set_ylim(count, 0)
        ax.xaxis.tick_top()
        ax.set_xticks([k + 0.5 for k in range(len(field_ids))], list(field_ids))
        ax.tick_params(length=0)
        if named:
            ax.set_yticks([k + 0.5 for k in range(count)], [_short(n) for n in names], fontsize=7)
            middle = (low + 100) / 2
            for row in range(count):
                for column in range(len(field_ids)):
                    value = data[row, column]
                    ax.text(
                        column + 0.5,
                        row + 0.5,
                        "—" if np.isnan(value) else f"{value:.0f}",
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color="#FFFFFF" if value < middle else "#000000",
                    )
        else:
            ax.set_yticks([0.5, count - 0.5], ["1", str(count)])
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label(scale_label)
        bar.outline.set_linewidth(0.4)
        return inline(_svg(figure), prefix, label)


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
            rows = list(range(count))
            self.bars = PolyCollection(
                [self._bar(row, 0.0) for row in rows],
                facecolors=UNIT_COLOUR,
                edgecolors="#000000",
                linewidths=0.5,
                hatch="////",
            )
            ax.add_collection(self.bars, autolim=False)
            (self.marks,) = ax.plot(
                [np.nan if m is None else m for m in means],
                rows,
                linestyle="none",
                marker="D",
                markersize=5,
                markerfacecolor="#FFFFFF",
                markeredgecolor=MEAN_COLOUR,
                markeredgewidth=1.2,
            )
            ax.set_xlim(0, 100)
            ax.set_ylim(count - 0.5, -0.5)
            ax.set_yticks(rows, list(field_ids))
            ax.set_xticks([0, 25, 50, 75, 100])
            ax.set_xlabel(axis_label)
            ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.5)
            ax.set_axisbelow(True)
            ax.spines[["top", "right"]].set_visible(False)
            legend = ax.legend(
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
            self.bars.set_visible(False)
            self.marks.set_visible(False)
            base = inline(_svg(figure), prefix)
            # From now on only the unit's layer is drawn.
            figure.patch.set_visible(False)
            ax.set_axis_off()
            legend.set_visible(False)
            self.bars.set_visible(True)
            self.marks.set_visible(True)
        self.figure = figure
        opening = base[: base.index(">") + 1]
        self.opening = opening.replace(' role="img"', "")
        view = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', opening)
        assert view is not None
        frame = f"{prefix}frame"
        self.use = f'<use href="#{frame}" width="{view[1]}" height="{view[2]}"/>'
        self.symbol = (
            f'<defs><symbol id="{frame}" viewBox="0 0 {view[1]} {view[2]}">'
            + base[len(opening) : base.rindex("</svg>")]
            + "</symbol></defs>"
        )

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
            layer = inline(_svg(self.figure), prefix)
        else:
            with style():
                layer = inline(_svg(self.figure), prefix)
        opening = self.opening.replace(
            "<svg ", f'<svg role="img" aria-label="{_attribute(label)}" ', 1
        )
        frame = self.symbol if first else ""
        return opening + frame + self.use + layer[layer.index(">") + 1 :]


def _attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
