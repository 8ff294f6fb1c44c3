"""Where a unit's claimed points differ from its final points: what councils read first."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .export import Cell
from .results import LeafResult, Ranking, UnitResult

if TYPE_CHECKING:
    from rich.console import Console

CLAIM_COLUMNS = ["framework", "unit_id", "unit_name", "criterion", "name", "self_points",
                 "points", "difference", "status", "explanation"]


def claim_leaves(result: UnitResult) -> list[LeafResult]:
    """Leaves whose claim differs from the final points, largest over-claim first."""
    differing = [leaf for leaf in result.leaves
                 if leaf.self_points is not None and leaf.self_points != leaf.points]
    return sorted(differing, key=lambda leaf: -(leaf.self_points or 0) + leaf.points)


def over_claim(result: UnitResult) -> Decimal:
    return sum(((leaf.self_points or Decimal(0)) - leaf.points
                for leaf in claim_leaves(result)), Decimal(0))


def units_by_over_claim(rankings: Sequence[Ranking]) -> list[UnitResult]:
    results = [u.result for r in rankings for u in r.units if claim_leaves(u.result)]
    return sorted(results, key=lambda r: (r.framework.framework, -over_claim(r), r.unit_id))


def claim_rows(rankings: Sequence[Ranking]) -> list[dict[str, Cell]]:
    from .numbers import round_half_up

    rows: list[dict[str, Cell]] = []
    for result in units_by_over_claim(rankings):
        places = result.framework.precision
        for leaf in claim_leaves(result):
            claimed = leaf.self_points or Decimal(0)
            rows.append({
                "framework": result.framework.framework, "unit_id": result.unit_id,
                "unit_name": result.unit_name, "criterion": leaf.criterion, "name": leaf.name,
                "self_points": round_half_up(claimed, places),
                "points": round_half_up(leaf.points, places),
                "difference": round_half_up(claimed - leaf.points, places),
                "status": leaf.status, "explanation": leaf.explanation})
    return rows


def render_claims_table(console: Console, rankings: Sequence[Ranking], lang: str) -> None:
    from rich import box
    from rich.table import Table

    from .numbers import plain

    vi = lang == "vi"
    results = units_by_over_claim(rankings)
    if not results:
        console.print("Không có chênh lệch giữa điểm tự chấm và điểm cuối cùng." if vi else
                      "No claimed points differ from the final points.")
        return
    for result in results:
        places = result.framework.precision
        title = (f"{result.name_in(lang)} ({result.unit_id}) — "
                 + ("tự chấm" if vi else "claimed") + f" {plain(result.self_points, places)}, "
                 + ("điểm cuối" if vi else "final") + f" {plain(result.points, places)}")
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        for header, justify in ((("Tiêu chí", "Criterion"), "left"),
                                (("Tự chấm", "Claimed"), "right"),
                                (("Điểm", "Points"), "right"),
                                (("Chênh lệch", "Difference"), "right"),
                                (("Trạng thái", "Status"), "left"),
                                (("Cách tính", "How"), "left")):
            table.add_column(header[0] if vi else header[1], justify=justify)  # type: ignore[arg-type]
        for leaf in claim_leaves(result):
            claimed = leaf.self_points or Decimal(0)
            diff = claimed - leaf.points
            table.add_row(f"{leaf.criterion} {leaf.name_en or leaf.name if not vi else leaf.name}",
                          plain(claimed, places), plain(leaf.points, places),
                          f"[red]+{plain(diff, places)}[/]" if diff > 0 else plain(diff, places),
                          leaf.status, leaf.explanation)
        console.print(table)
