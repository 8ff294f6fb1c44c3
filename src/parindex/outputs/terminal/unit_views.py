"""One unit on a terminal: its score tree and fields (aligned lines); and, unit by unit, the
claims that differ from the final points (`rank --claims`). Where a unit loses points is
`gap_views`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from parindex.core.claims import claim_leaves, excess, final_on_claimed, units_by_over_claim
from parindex.core.models import Criterion
from parindex.core.numbers import round_half_up
from parindex.core.results import LeafResult, Ranking, UnitResult, claim_differs
from parindex.errors import shown
from parindex.i18n import N_, Lang, _, pick
from parindex.outputs.terminal.lines import Lines, aligned, column_widths, drop_columns, rule_line
from parindex.outputs.terminal.views import (
    NOT_APPLICABLE,
    STATUS_STYLE,
    num,
    status_text,
)

NAME_WIDTH = 64  # the widest criterion column
# The widest value column: a ratio's "4323/5384 = 80,29%" whole; an option's label beyond it
# is cut (the explanation, and every file, hold it whole).
VALUE_WIDTH = 20
MIN_EXPLANATION = 24  # narrower than this, the explanation column is left out
MIN_NAME = 30
MIN_CUT_NAME = 16  # the narrowest a name is cut to before number columns give way
NUMBERS = (1, 2, 3, 4)  # right-aligned columns of the tree: value, points, max, claimed
COLUMNS_HIDDEN = N_(
    "(some columns hidden: the terminal is too narrow; widen it or use --format csv)"
)
Row = tuple[list[str], str, LeafResult | None]  # cells, the row's style, its leaf result


def render_score(console: Console, result: UnitResult, lang: Lang) -> None:
    """A unit's tree: field → criterion → leaf, with values, points, claims and statuses;
    then its fields, total, index and band.

    The explanation column takes what the terminal has left and is cut to one line (the CSV
    and JSON outputs always hold it whole); on a narrow terminal it is left out, and a note
    says so.
    """
    block = Lines()
    _score_tree(block, console.width, result, lang)
    block.add()
    _score_summary(block, console.width, result, lang)
    block.add()
    _score_notes(block, result, lang)
    console.print(block, crop=False)


def _score_notes(block: Lines, result: UnitResult, lang: Lang) -> None:
    """The index and band line, and how far the unit's claims are from its points."""
    fw = result.framework
    places = fw.precision
    index = round_half_up(result.index, places)
    band = fw.band_for(index)
    block.note(
        (_("Index: "), ""),
        (num(index, places, lang), "bold"),
        (" — " + _("Band: "), ""),
        (pick(band.label, band.label_en, lang) if band else _("no band"), "bold"),
        (
            " — "
            + _("Claimed: {points} — Missing: {count}").format(
                points=num(result.self_points, places, lang), count=result.missing
            ),
            "",
        ),
    )
    differing = [leaf for leaf in result.leaves if claim_differs(leaf, places)]
    if differing:
        over = sum(
            ((leaf.signed_claim or Decimal(0)) - leaf.signed_points for leaf in differing),
            Decimal(0),
        )
        block.note(
            (
                _("Claims differ from computed points on {count} criteria ({difference})").format(
                    count=len(differing),
                    difference=("+" if over > 0 else "") + num(over, places, lang),
                ),
                "",
            )
        )


def _score_rows(result: UnitResult, lang: Lang) -> list[Row]:
    """One row per node in tree order: cells, the row's style, and its leaf result."""
    places = result.framework.precision
    nodes = result.nodes
    by_id = {leaf.criterion: leaf for leaf in result.leaves}
    rows: list[Row] = []
    for visit in result.framework.walk():
        node, depth = visit.node, visit.depth
        label = shown(f"{'  ' * depth}{node.id} {node.label(lang)}")
        if node.criteria:
            style = "bold" if depth == 0 else ""
            if node.only_adjustments:
                cells = [label, "", num(_adjustment_sum(node, by_id), places, lang), "", "", "", ""]
            else:
                total = nodes[node.id]
                cells = [
                    label,
                    "",
                    num(total.points, places, lang),
                    num(total.max_points, places, lang),
                    "",
                    "",
                    "",
                ]
            rows.append((cells, style, None))
            continue
        leaf = by_id[node.id]
        cells = [  # text from the files, escaped before it is measured (SafeConsole)
            label,
            shown(leaf.said),
            num(leaf.signed_points, places, lang),
            num(leaf.max_points, places, lang),
            num(leaf.signed_claim, places, lang),
            status_text(leaf.status),
            shown(leaf.explanation),
        ]
        rows.append((cells, "", leaf))
    return rows


def _score_tree(block: Lines, width: int, result: UnitResult, lang: Lang) -> None:
    """The tree as aligned columns: names get what the numbers leave, the explanation what
    the names leave (up to 48 columns), and nothing narrower than MIN_EXPLANATION."""
    places = result.framework.precision
    headers = [
        _("Criterion"),
        _("Value"),
        _("Points"),
        _("Max"),
        _("Claimed"),
        _("Status"),
        _("How"),
    ]
    rows = _score_rows(result, lang)
    widths = column_widths(headers[:6], [r[0] for r in rows])
    widths[1] = min(widths[1], max(VALUE_WIDTH, cell_len(headers[1])))
    # Numbers are never cut: on a very narrow terminal whole columns give way instead.
    hidden = drop_columns(widths, (5, 4, 3, 1), width, MIN_CUT_NAME)
    fixed = sum(w + 2 for w in widths[1:6] if w) + 2 + 2  # gaps of two, the left margin
    avail = width - fixed
    explain = not hidden and avail >= MIN_NAME + MIN_EXPLANATION
    if explain:
        widths[0] = min(widths[0], NAME_WIDTH, max(MIN_NAME, avail - 48))
    else:
        widths[0] = min(widths[0], max(1, avail + 2))  # no explanation gap
    widths.append(avail - widths[0] if explain else 0)
    block.note((f"{result.name_in(lang)} — {result.framework.title_in(lang)}", "bold"))
    header = aligned(headers, widths, NUMBERS, "bold")
    block.add(*header)
    block.add(rule_line(header, width, "━"))
    for cells, style, leaf in rows:
        styles = [style] * 7
        if leaf is not None:
            styles[4] = "magenta" if claim_differs(leaf, places) else ""
            styles[5] = STATUS_STYLE[leaf.status]
            styles[6] = "dim"
        block.add(*aligned(cells, widths, NUMBERS, styles))
    if hidden:
        block.note((_(COLUMNS_HIDDEN), "dim"))
    elif not explain:
        block.note(
            (
                _(
                    "(explanations hidden: the terminal is too narrow; widen it or use "
                    "--format csv)"
                ),
                "dim",
            )
        )


def _score_summary(block: Lines, width: int, result: UnitResult, lang: Lang) -> None:
    """Points, maximum and index of each field, the bonus/penalty and the total."""
    fw = result.framework
    places = fw.precision
    rows: list[tuple[list[str], str]] = []
    for field_id in fw.field_ids:
        field = fw.node(field_id)
        total = result.fields[field_id]
        rows.append(
            (
                [
                    f"{field_id} {field.label(lang) if field else ''}",
                    num(total.points, places, lang),
                    num(total.max_points, places, lang),
                    num(total.percent, places, lang) if total.max_points else NOT_APPLICABLE,
                ],
                "",
            )
        )
    if result.bonus or result.penalty or any(leaf.adjust for leaf in result.leaves):
        rows.append(([_("Bonus/penalty"), num(result.adjustment, places, lang), "", ""], ""))
    index = round_half_up(result.index, places)
    total_cells = [
        _("Total"),
        num(result.points, places, lang),
        num(result.max_points, places, lang),
        num(index, places, lang),
    ]
    rows.append((total_cells, "bold"))
    headers = [_("Field"), _("Points"), _("Max"), _("Index")]
    widths = column_widths(headers, [r[0] for r in rows])
    hidden = drop_columns(widths, (2, 1), width, MIN_CUT_NAME)
    widths[0] = min(widths[0], max(1, width - sum(w + 2 for w in widths[1:] if w) - 2))
    header = aligned(headers, widths, (1, 2, 3), "bold")
    block.add(*header)
    block.add(rule_line(header, width, "─"))
    for cells, style in rows:
        block.add(*aligned(cells, widths, (1, 2, 3), style))
    if hidden:
        block.note((_(COLUMNS_HIDDEN), "dim"))


def _adjustment_sum(node: Criterion, by_id: dict[str, LeafResult]) -> Decimal:
    """Bonus minus penalty under an adjustment-only node."""
    return sum(
        (by_id[leaf.id].signed_points for leaf in node.leaf_nodes() if leaf.id in by_id),
        Decimal(0),
    )


def render_claims_table(console: Console, rankings: Sequence[Ranking], lang: Lang) -> None:
    """Units whose claimed points differ from their final points, largest over-claim first."""
    results = units_by_over_claim(rankings)
    if not results:
        console.print(_("No claimed points differ from the final points."))
        return
    for result in results:
        places = result.framework.precision
        title = _(
            "{unit} ({id}) — claimed {claimed}, final on the same criteria {final} (index {index})"
        ).format(
            unit=result.name_in(lang),
            id=result.unit_id,
            claimed=num(result.self_points, places, lang),
            final=num(final_on_claimed(result), places, lang),
            index=num(result.index, places, lang),
        )
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        table.add_column(_("Criterion"))
        table.add_column(_("Claimed"), justify="right")
        table.add_column(_("Points"), justify="right")
        table.add_column(_("Difference"), justify="right")
        table.add_column(_("Status"))
        table.add_column(_("How"))
        for leaf in claim_leaves(result):
            claimed = leaf.signed_claim or Decimal(0)
            diff = excess(leaf)
            table.add_row(
                f"{leaf.criterion} {pick(leaf.name, leaf.name_en, lang)}",
                num(claimed, places, lang),
                num(leaf.signed_points, places, lang),
                Text(f"+{num(diff, places, lang)}", style="red")
                if diff > 0
                else num(diff, places, lang),
                status_text(leaf.status),
                leaf.explanation,
            )
        console.print(table)
