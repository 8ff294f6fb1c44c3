"""`sensitivity` on a terminal: each group's ranks under moved weights, and how far ranks move
when each field is left out."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from parindex.core.sensitivity import HOLD, GroupSensitivity
from parindex.i18n import N_, Lang, _, grouped, number, percent
from parindex.outputs.records import in_print_order
from parindex.outputs.sensitivity_records import group_summary
from parindex.outputs.terminal.views import num

# the share of the runs a unit's interval holds
INTERVAL = 90
MARK = N_("rank uncertain")
ROOM = 8  # columns the full table keeps beyond its narrowest layout


def render_sensitivity(
    console: Console,
    groups: Sequence[GroupSensitivity],
    lang: Lang,
    *,
    runs: int,
    seed: int,
    spread: float,
    hold: float = HOLD,
) -> None:
    """Per group: the ranking with each unit's median rank, 90 % interval, best and worst
    rank and share of runs at its published rank, uncertain ranks marked, the summary a
    leader reads and a line on how to read it; then the mean rank change when each field is
    left out."""
    console.print(
        _(
            "How firm each rank is: {runs} random weightings (seed: {seed}), each field's "
            "weight moved at random by up to ±{spread}, the total maximum unchanged"
        ).format(
            runs=grouped(runs, lang),
            seed=seed,
            spread=percent(spread, lang, trim=True),
        ),
        markup=False,
        highlight=False,
    )
    console.print()
    for group in _in_print_order(groups):
        table = _group_table(group, lang, compact=False)
        # The full table when every column fits at its narrowest with room to spare: rich
        # shares a squeeze unevenly, and the last column must never be cut.
        unbounded = console.options.update_width(10_000)
        narrow = Measurement.get(console, unbounded, table).minimum + ROOM > console.width
        if narrow:
            table = _group_table(group, lang, compact=True)
        console.print(table)
        _group_notes(console, group, lang, narrow=narrow, hold=hold)
        console.print()
        _render_fields(console, group, lang)
        console.print()


def _in_print_order(groups: Sequence[GroupSensitivity]) -> list[GroupSensitivity]:
    order = {id(r): k for k, r in enumerate(in_print_order([g.ranking for g in groups]))}
    return sorted(groups, key=lambda g: order[id(g.ranking)])


def _group_notes(
    console: Console, group: GroupSensitivity, lang: Lang, *, narrow: bool, hold: float
) -> None:
    """Under a group's table: what a narrow terminal hid, the summary, how to read it."""
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
    console.print("  " + group_summary(group, lang) + ".", markup=False, highlight=False)
    console.print(
        "  "
        + _(
            "How to read it: a {share} interval of 3–6 means the unit ranked between 3rd "
            "and 6th in {share} of the weightings; “{mark}”: the unit holds its published "
            "rank in fewer than {hold} of the weightings."
        ).format(
            share=percent(INTERVAL, lang, trim=True),
            mark=_(MARK),
            hold=percent(hold, lang, trim=True),
        ),
        style="dim",
        markup=False,
        highlight=False,
    )


def _group_table(group: GroupSensitivity, lang: Lang, *, compact: bool) -> Table:
    """The group's ranks under moved weights; `compact` leaves out the index and best–worst
    (a narrow terminal) and lets the unit's name give way first."""
    fw = group.ranking.framework
    table = Table(
        title=fw.title_in(lang),
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAVY,
    )
    # Headers wrap onto a few lines ("Hạng tốt nhất–kém nhất"); the numbers never do.
    widest = max((len(str(p.worst)) for p in group.units), default=1) * 2 + 1
    wrapped = {"justify": "right", "min_width": widest, "max_width": max(10, widest)}
    table.add_column(_("Rank"), justify="right", no_wrap=True)
    table.add_column(_("Unit"), min_width=8 if compact else 20, max_width=40)
    if not compact:
        table.add_column(_("Index"), justify="right", no_wrap=True)
    table.add_column(_("Median rank"), **wrapped)  # type: ignore[arg-type]
    interval = _("{share} interval").format(share=percent(INTERVAL, lang, trim=True))
    table.add_column(interval, **wrapped)  # type: ignore[arg-type]
    if not compact:
        table.add_column(_("Best–worst"), **wrapped)  # type: ignore[arg-type]
    table.add_column(_("% at rank"), **wrapped)  # type: ignore[arg-type]
    mark = _(MARK)  # wraps on a narrow terminal (never cut inside a word), else on one line
    longest_word = max(len(word) for word in mark.split())
    table.add_column("", min_width=longest_word if compact else len(mark))
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
