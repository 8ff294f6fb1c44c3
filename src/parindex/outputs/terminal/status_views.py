"""`status` on a terminal: each group's units and where they stand, states in words, the
group's count of each state under its table, and the command that shows a form's problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby

from rich.console import Console

from parindex.core.models import Framework
from parindex.core.status import STATES, State, UnitStatus, state_counts
from parindex.errors import shown
from parindex.i18n import N_, Lang, _, ngettext
from parindex.outputs.terminal.lines import Lines, aligned, column_widths, drop_columns, rule_line
from parindex.outputs.terminal.views import num
from parindex.outputs.words import STATE_TEXT

NONE = "—"  # a count the form does not tell (no form, or errors keep it from scoring)
NAME_WIDTH = 34  # the unit column at most; what is left goes to the numbers
MIN_NAME = 24  # columns give way before the names are cut shorter than this
STATE_STYLE: dict[State, str] = {
    "not_submitted": "dim",
    "invalid": "bold red",
    "incomplete": "yellow",
    "awaiting": "cyan",
    "complete": "green",
}
# The columns after the unit's name: header (two lines at most), the row's value. Numbers are
# right-aligned; on a narrow terminal whole columns give way in DROP order.
HEADERS = [
    N_("State"),
    N_("Errors"),
    N_("Warnings"),
    N_("Answered"),
    N_("Not\nanswered"),
    N_("No\nevidence"),
    N_("Self-\nassessed"),
    N_("Points\nnow"),
    N_("Pending"),
    N_("Council\ncorrected"),
    N_("Replied"),
    N_("Disagreed"),
]
NUMBERS = tuple(range(2, len(HEADERS) + 1))
# disagreed, replied, warnings, self-assessed, answered, corrected, points now, pending, no
# evidence
DROP = (12, 11, 3, 7, 4, 10, 8, 9, 6)
COLUMNS_HIDDEN = N_(
    "(some columns hidden: the terminal is too narrow; widen it or use --format csv)"
)


def render_status(
    console: Console, rows: Sequence[UnitStatus], frameworks: Mapping[str, Framework], lang: Lang
) -> None:
    """One block per group; the counts of every group together when there are several."""
    width = console.width
    for group, members in groupby(rows, key=lambda r: r.group):
        block = Lines()
        _group_table(block, list(members), frameworks.get(group), width, lang)
        console.print(block)
    counts = state_counts(rows)
    if len(counts) > 1:
        total = {state: sum(c[state] for c in counts.values()) for state in STATES}
        block = Lines()
        block.note((_("All groups: ") + _counts_text(total), "bold"))
        console.print(block)
    if not rows:
        console.print(_("No units: no form was found and no roster was given."), markup=False)


def _title(group: str, framework: Framework | None, lang: Lang) -> str:
    if framework is not None:
        return framework.title_in(lang)
    if group:
        return _("Group {group} (no framework has it)").format(group=group)
    return _("Files that could not be read as any unit's form")


def _group_table(
    block: Lines,
    rows: list[UnitStatus],
    framework: Framework | None,
    width: int,
    lang: Lang,
) -> None:
    places = framework.precision if framework is not None else 2
    headers = [_("Unit"), *(_(h) for h in HEADERS)]
    lines = [h.split("\n") for h in headers]
    cells = [_cells(row, places, lang) for row in rows]
    widths = column_widths([max(h, key=len) for h in lines], cells)
    widths[0] = min(widths[0], NAME_WIDTH)
    hidden = drop_columns(widths, DROP, width, min(widths[0], MIN_NAME))
    widths[0] = max(1, min(widths[0], width - sum(w + 2 for w in widths[1:] if w) - 2))
    block.note((_title(rows[0].group, framework, lang), "bold"))
    tops = [h[0] if len(h) > 1 else "" for h in lines]
    bottoms = [h[-1] for h in lines]
    if any(tops):
        block.add(*aligned(tops, widths, NUMBERS, "bold"))
    header = aligned(bottoms, widths, NUMBERS, "bold")
    block.add(*header)
    block.add(rule_line(header, width, "━"))
    for row, line in zip(rows, cells, strict=True):
        styles = [""] * len(line)
        styles[1] = STATE_STYLE[row.state]
        if row.errors:
            styles[2] = "bold red"
        block.add(*aligned(line, widths, NUMBERS, styles))
    if hidden:
        block.note((_(COLUMNS_HIDDEN), "dim"))
    counts = state_counts(rows)[rows[0].group]
    block.note((_counts_text(counts), ""))
    wrong = [row.form for row in rows if row.state == "invalid" and row.form]
    if wrong:
        block.note(
            (
                ngettext(
                    "{count} form has errors; `parindex validate FILE` lists them:",
                    "{count} forms have errors; `parindex validate FILE` lists them:",
                    len(wrong),
                ).format(count=len(wrong)),
                "",
            )
        )
        for form in wrong:
            block.note((shown(f"  parindex validate {form}"), "dim"))
    block.note(("", ""))


def _cells(row: UnitStatus, places: int, lang: Lang) -> list[str]:
    def count(value: int | None) -> str:
        return NONE if value is None else str(value)

    name = row.unit_name or row.unit_id or row.form
    return [
        shown(name),
        _(STATE_TEXT[row.state]),
        str(row.errors),
        str(row.warnings),
        count(row.answered),
        count(row.missing),
        count(row.no_evidence),
        NONE if row.self_points is None else num(row.self_points, places, lang),
        NONE if row.points_now is None else num(row.points_now, places, lang),
        count(row.pending),
        count(row.corrected),
        count(row.replied),
        count(row.disagreed),
    ]


def _counts_text(counts: Mapping[State, int]) -> str:
    """`not submitted 3 · has errors 1 · … — 17 units`."""
    parts = " · ".join(f"{_(STATE_TEXT[state])} {counts[state]}" for state in STATES)
    total = sum(counts.values())
    units = ngettext("{count} unit", "{count} units", total).format(count=total)
    return f"{parts} — {units}"
