"""`rank --by-field` on a terminal: each group ranked on one field's index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table

from parindex.core.ranking import field_places
from parindex.core.results import Ranking
from parindex.i18n import Lang, _
from parindex.outputs.records import in_print_order
from parindex.outputs.terminal.views import NOT_APPLICABLE, num
from parindex.outputs.ties import shared_field_notes


def render_by_field(
    console: Console, rankings: Sequence[Ranking], field_id: str, lang: Lang
) -> None:
    """One table per group that has the field: rank, unit, the field's index, points/max.

    A unit with nothing of the field applicable shows "—" and no rank.
    """
    for ranking in in_print_order(rankings):
        fw = ranking.framework
        if field_id not in fw.field_ids:
            continue
        places = fw.precision
        node = fw.node(field_id)
        field_name = node.label(lang) if node else field_id
        # The title on a line of its own: a table title would wrap at the narrow table's width.
        console.print(
            _("{title} — ranked on field {field} {name}").format(
                title=fw.title_in(lang), field=field_id, name=field_name
            ),
            markup=False,
            highlight=False,
        )
        table = Table(box=box.SIMPLE_HEAVY)
        table.add_column(_("Rank"), justify="right", no_wrap=True)
        table.add_column(_("Unit"), min_width=20, max_width=40)
        table.add_column(_("Field index"), justify="right", no_wrap=True)
        table.add_column(_("Points/Max"), justify="right", no_wrap=True)
        places_on_field = field_places(ranking, field_id)
        sharing = Counter(p.rank for p in places_on_field)
        for place in places_on_field:
            result = place.unit.result
            tied = place.rank is not None and sharing[place.rank] > 1
            rank = "" if place.rank is None else f"{place.rank}{'=' if tied else ''}"
            index = NOT_APPLICABLE if place.index is None else num(place.index, places, lang)
            table.add_row(
                rank,
                result.name_in(lang),
                index,
                f"{num(place.points, places, lang)}/{num(place.max_points, places, lang)}",
                style="" if result.submitted else "dim",
            )
        console.print(table)
        for note in shared_field_notes(places_on_field, places, lang):
            console.print(f"  {note}", style="yellow", markup=False)
        console.print()
