"""The report's group charts (each unit's index; units × fields) as inline SVG, drawn by
matplotlib's SVG backend, and what every chart of the report shares (its style, its inlining).

Deterministic (a fixed hash salt, no dates, no creator line), readable in black-and-white
print (every colour also has a hatch or a marker), in the Okabe–Ito and cividis palettes
(safe for colour-blind readers), with text drawn as DejaVu Sans outlines (the font
matplotlib ships): the file looks the same on every machine.
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
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from parindex.i18n import Lang, number

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
WIDTH = 7.2  # inches: an A4 page's text width
NAMED_ROWS = 70  # up to this many units, a chart names each one
NAME_CHARS = 38
VALUE_COLUMN = 111.5  # where the index values end, right-aligned, beyond the 100 mark

_NAMESPACES = re.compile(r' xmlns(?::xlink)?="[^"]*"')
_IDS = re.compile(r'(\bid="|url\(#|href="#)')


@contextmanager
def style() -> Iterator[None]:
    with matplotlib.rc_context(STYLE):  # type: ignore[arg-type]
        yield


def svg_text(figure: Figure) -> str:
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
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{attribute(label)}" ', 1)
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
    lang: Lang,
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
        _index_bars(ax, indices, bands, named)
        if named:
            # The values in a column right of 100: no threshold line (each below 100) crosses
            # one, whatever the values.
            for row, value in enumerate(indices):
                if value is not None:
                    text = number(value, lang, 2)
                    ax.text(VALUE_COLUMN, row, text, va="center", ha="right", fontsize=6.5)
        ax.set_ylim(count - 0.5, -0.5)
        ax.set_xlim(0, 112)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel(axis_label)
        if named:
            ax.set_yticks(list(range(count)), [_short(n) for n in names], fontsize=7)
        else:
            ax.set_yticks([0, count - 1], ["1", str(count)])
        _thresholds(ax, thresholds, lang)
        ax.spines[["top", "right"]].set_visible(False)
        return inline(svg_text(figure), prefix, label)


def _index_bars(
    ax: Axes, indices: Sequence[float | None], bands: Sequence[int | None], named: bool
) -> None:
    by_band: dict[int | None, list[tuple[int, float]]] = {}
    for row, (value, band) in enumerate(zip(indices, bands, strict=True)):
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


def _thresholds(ax: Axes, thresholds: Sequence[tuple[float, str]], lang: Lang) -> None:
    """A dashed line at each band's minimum, labelled above the chart, and the bands' legend."""
    for minimum, _name in thresholds:
        if minimum <= 0:
            continue
        ax.axvline(minimum, color="#000000", linestyle=(0, (4, 2)), linewidth=0.8)
        ax.text(
            minimum,
            -0.6,
            number(minimum, lang, trim=True),
            ha="center",
            va="bottom",
            fontsize=6.5,
        )
    handles = [
        Patch(
            edgecolor="#000000",
            linewidth=0.4,
            label=f"{name} ≥ {number(minimum, lang, trim=True)}" if minimum > 0 else name,
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


def heat_map(
    names: Sequence[str],
    field_ids: Sequence[str],
    percents: Sequence[Sequence[float | None]],
    *,
    prefix: str,
    label: str,
    scale_label: str,
    lang: Lang,
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
        mesh = _heat_cells(ax, data, low, named)
        ax.set_xlim(0, len(field_ids))
        ax.set_ylim(count, 0)
        ax.xaxis.tick_top()
        ax.set_xticks([k + 0.5 for k in range(len(field_ids))], list(field_ids))
        ax.tick_params(length=0)
        if named:
            ax.set_yticks([k + 0.5 for k in range(count)], [_short(n) for n in names], fontsize=7)
            _heat_labels(ax, data, (low + 100) / 2, lang)
        else:
            ax.set_yticks([0.5, count - 0.5], ["1", str(count)])
        for spine in ax.spines.values():
            spine.set_visible(False)
        bar = figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label(scale_label)
        bar.outline.set_linewidth(0.4)
        return inline(svg_text(figure), prefix, label)


def _heat_cells(ax: Axes, data: Any, low: float, named: bool) -> ScalarMappable:
    cmap = matplotlib.colormaps["cividis"].with_extremes(bad="#FFFFFF")
    colours: dict[str, Any] = {"cmap": cmap, "vmin": low, "vmax": 100}
    if named:
        return ax.pcolormesh(
            np.ma.masked_invalid(data), edgecolors="#FFFFFF", linewidth=0.5, **colours
        )
    count, fields = data.shape
    # thousands of rows: one embedded image, one pixel a cell, drawn unsmoothed
    return ax.imshow(
        np.ma.masked_invalid(data),
        interpolation="none",
        aspect="auto",
        extent=(0, fields, count, 0),
        **colours,
    )


def _heat_labels(ax: Axes, data: Any, middle: float, lang: Lang) -> None:
    """Each cell's percent, whole, in white on the dark half of the scale."""
    count, fields = data.shape
    for row in range(count):
        for column in range(fields):
            value = data[row, column]
            ax.text(
                column + 0.5,
                row + 0.5,
                "—" if np.isnan(value) else number(value, lang, 0),
                ha="center",
                va="center",
                fontsize=6.5,
                color="#FFFFFF" if value < middle else "#000000",
            )


def attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
