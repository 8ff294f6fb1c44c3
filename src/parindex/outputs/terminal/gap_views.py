"""Where one unit loses points and what it takes to climb, on a terminal (`gaps`): its lost
points largest first with the next step for each, survey and council criteria apart, then the
next band and the units above it."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parindex.core.gaps import Gap, GapReport, Target
from parindex.core.numbers import round_half_up
from parindex.i18n import N_, Lang, _, pick
from parindex.outputs.terminal.lines import column_widths
from parindex.outputs.terminal.unit_views import VALUE_WIDTH
from parindex.outputs.terminal.views import amount, bold, num

GAP_NAME_FLOOR = 14  # the narrowest a criterion's name wraps to in the gaps table
GAP_ADVICE_FLOOR = 20  # … and its advice
GAP_VALUE_FLOOR = 10  # … and its value


def render_gaps(console: Console, report: GapReport, lang: Lang) -> None:
    """Lost points largest first, survey/council apart, then the climb: band and rivals."""
    result = report.result
    places = result.framework.precision
    index = round_half_up(result.index, places)
    console.print(
        Text.assemble(
            (result.name_in(lang), "bold"),
            " — "
            + _("Index {index}, Points {points}/{max}").format(
                index=num(index, places, lang),
                points=num(result.points, places, lang),
                max=num(result.max_points, places, lang),
            ),
        )
    )
    for title, gaps in (
        (_("Points lost on the unit's own criteria"), report.own),
        (_("Survey and council criteria"), report.outside),
    ):
        if gaps:
            console.print(_gaps_table(title, gaps, places, lang, console.width))
    _climb(console, report, lang)


def _gaps_table(title: str, gaps: Sequence[Gap], places: int, lang: Lang, width: int) -> Table:
    """Names, values and advice wrap at their words within the terminal's `width`: the
    numbers are never cut."""
    rows = [
        [
            f"{gap.leaf.criterion} {pick(gap.leaf.name, gap.leaf.name_en, lang)}",
            gap.leaf.said,
            num(gap.lost, places, lang),
            num(gap.leaf.counted_max, places, lang),
            gap.advice,
        ]
        for gap in gaps
    ]
    headers = [_("Criterion"), _("Value"), _("Lost"), _("Max"), _("To earn them")]
    widths = _gap_widths(column_widths(headers, rows), width)
    table = Table(title=title, title_justify="left", box=box.SIMPLE)
    for column, (header, size) in enumerate(zip(headers, widths, strict=True)):
        table.add_column(header, width=size, justify="left" if column in (0, 4) else "right")
    for row in rows:
        table.add_row(*row)
    return table


def _gap_widths(wanted: list[int], width: int) -> list[int]:
    """The columns' widths: the numbers whole, the value up to VALUE_WIDTH, the name about
    half of what is left (up to 48) and the advice the rest, neither below its floor. SIMPLE
    tables spend 16 cells on edges, padding and dividers for five columns."""
    crit, value, lost, top, advice = wanted
    value = min(value, VALUE_WIDTH)
    rest = width - 16 - lost - top - value
    crit = max(GAP_NAME_FLOOR, min(crit, 48, rest * 9 // 20, rest - GAP_ADVICE_FLOOR))
    advice = max(GAP_ADVICE_FLOOR, min(advice, rest - crit))
    value = max(GAP_VALUE_FLOOR, value + min(0, rest - crit - advice))  # the floors' share
    return [crit, value, lost, top, advice]


def _climb(console: Console, report: GapReport, lang: Lang) -> None:
    """Penalties taken, then the points to the next band and to pass each unit above, never
    more than the cap and the lost points allow."""
    places = report.result.framework.precision
    for leaf in report.penalties:
        points = f"−{num(leaf.points, places, lang)}"
        line = Text(
            _("Penalty: {criterion} {points} ({how})").format(
                criterion=f"{leaf.criterion} {pick(leaf.name, leaf.name_en, lang)}",
                points=points,
                how=leaf.explanation,
            )
        )
        line.highlight_words([points], style="red")
        console.print(line)
    if report.next_band is not None:
        target = report.next_band
        band = pick(target.label, target.label_en, lang)
        needed = num(target.points_needed, places, lang)
        sentence = _(NEXT_BAND[target.reach]).format(
            band=band, index=amount(target.index, lang), points=needed
        )
        console.print(_styled(sentence, target, band, needed))
    for rival in report.rivals:
        needed = num(rival.points_needed, places, lang)
        sentence = _(TO_PASS[rival.reach]).format(
            unit=rival.label, index=num(rival.index, places, lang), points=needed
        )
        console.print(_styled(sentence, rival, needed))


def _styled(sentence: str, target: Target, *strong: str) -> Text:
    """Out of reach is said quietly; otherwise the band and the points stand out."""
    return Text(sentence, style="dim") if target.reach == "out" else bold(sentence, *strong)


# what it takes to reach a band or pass a unit: reachable, only a tie (the index stops at
# 100), or beyond the points the unit lost this year
NEXT_BAND = {
    "pass": N_("Next band: {band} (≥ {index}) needs {points} points"),
    "tie": N_("Next band: {band} (≥ {index}) needs {points} points"),
    "out": N_(
        "Next band: {band} (≥ {index}) out of reach this year (needs {points} points, more "
        "than the unit lost)"
    ),
}
TO_PASS = {
    "pass": N_("To pass {unit} ({index}): needs {points} points"),
    "tie": N_(
        "To pass {unit} ({index}): can at best tie (the index stops at 100): needs {points} points"
    ),
    "out": N_(
        "To pass {unit} ({index}): out of reach this year (needs {points} points, more than "
        "the unit lost)"
    ),
}
