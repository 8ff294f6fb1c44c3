"""`sensitivity` on a terminal: each group's ranks under moved weights, and how far ranks move
when each field is left out."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from parindex.core.sensitivity import UNCERTAIN_WIDTH, GroupSensitivity
from parindex.i18n import Lang, _, ngettext, number
from parindex.outputs.terminal.views import num

# the share of the runs a unit's interval holds (a placeholder: "% i" would read as a
# printf conversion to the catalog tools)
SHARE = "90 %"


def render_sensitivity(
    console: Console,
    groups: Sequence[GroupSensitivity],
    lang: Lang,
    *,
    runs: int,
    seed: int,
    spread: float,
) -> None:
    """Per group: the ranking with each unit's median rank, 90 % interval, best and worst
    rank and share of runs at its published rank, uncertain ranks marked, a line on how to
    read it; then the mean rank change when each field is left out."""
    console.print(
        _(
            "How firm each rank is: {runs} weightings drawn (seed {seed}), each field's weight "
            "moved at random by up to ±{spread} %, the total maximum unchanged"
        ).format(runs=runs, seed=seed, spread=number(spread, lang, trim=True)),
        markup=False,
        highlight=False,
    )
    console.print()
    for group in groups:
        table = _group_table(group, lang, compact=False)
        unbounded = console.options.update_width(10_000)
        narrow = Measurement.get(console, unbounded, table).maximum > console.width
        if narrow:
            table = _group_table(group, lang, compact=True)
        console.print(table)
        _group_notes(console, group, narrow=narrow)
        console.print()
        _render_fields(console, group, lang)
        console.print()


def _group_notes(console: Console, group: GroupSensitivity, *, narrow: bool) -> None:
    """Under a group's table: what a narrow terminal hid, how to read it, how many are
    uncertain."""
    uncertain = sum(1 for place in group.units if place.uncertain)
    if narrow:
        console.print(
            "  "
            + _(
                "(index and best–worst hidden: the terminal is too narrow; widen it or use "
                "--format csv)"
            ),
            style="dim",
            markup=False,
            highlight=False,
        )
    console.print(
        "  "
        + _(
            "How to read it: a {share} interval of 3–6 means the unit ranked between 3rd "
            "and 6th in {share} of the weightings; “rank uncertain”: P95 − P5 ≥ {width}."
        ).format(share=SHARE, width=UNCERTAIN_WIDTH),
        markup=False,
        highlight=False,
    )
    console.print(
        "  "
        + ngettext(
            "{count} of {total} unit has an uncertain rank.",
            "{count} of {total} units have an uncertain rank.",
            uncertain,
        ).format(count=uncertain, total=len(group.units)),
        markup=False,
        highlight=False,
    )


def _group_table(group: GroupSensitivity, lang: Lang, *, compact: bool) -> Table:
    """The group's ranks under moved weights; `compact` leaves out the index and best–worst
    (a narrow terminal) and lets the unit's name give way first."""
    fw = group.ranking.framework
    table = Table(
        title=f"{fw.title_in(lang)} ({fw.group})",
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAVY,
    )
    table.add_column(_("Rank"), justify="right", no_wrap=True)
    table.add_column(_("Unit"), min_width=8 if compact else 20, max_width=40)
    if not compact:
        table.add_column(_("Index"), justify="right", no_wrap=True)
    table.add_column(_("Median rank"), justify="right", no_wrap=True)
    table.add_column(_("{share} interval").format(share=SHARE), justify="right", no_wrap=True)
    if not compact:
        table.add_column(_("Best–worst"), justify="right", no_wrap=True)
    table.add_column(_("% at rank"), justify="right", no_wrap=True)
    mark = _("rank uncertain")  # may wrap on a narrow terminal, never cut inside a word
    table.add_column("", min_width=max(len(word) for word in mark.split()))
    for place in group.units:
        unit = place.unit
        cells: list[str | Text] = [str(unit.rank), unit.result.name_in(lang)]
        if not compact:
            cells.append(num(unit.index, fw.precision, lang))
        cells += [str(place.median), f"{place.p5}–{place.p95}"]
        if not compact:
            cells.append(f"{place.best}–{place.worst}")
        cells.append(number(place.share_at_rank, lang, 1))
        cells.append(Text(mark, style="yellow") if place.uncertain else "")
        table.add_row(*cells, style="" if unit.result.submitted else "dim")
    return table


def _render_fields(console: Console, group: GroupSensitivity, lang: Lang) -> None:
    fw = group.ranking.framework
    table = Table(
        title=_("When one field is left out (its points and maxima removed, the others kept)"),
        title_justify="left",
        box=box.SIMPLE,
    )
    table.add_column(_("Field"), min_width=20)
    table.add_column(_("Mean rank change"), justify="right", no_wrap=True)
    for effect in group.fields:
        node = fw.node(effect.field)
        table.add_row(
            f"{effect.field} {node.label(lang) if node else ''}".rstrip(),
            number(effect.mean_abs_rank_change, lang, 2),
        )
    console.print(table)
