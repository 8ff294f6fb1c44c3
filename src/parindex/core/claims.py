"""Where a unit's claimed points differ from its final points: what councils read first."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.outputs.export import Cell
from parindex.core.numbers import round_half_up
from parindex.core.results import LeafResult, Ranking, UnitResult, claim_differs

CLAIM_COLUMNS = ["framework", "unit_id", "unit_name", "criterion", "name", "self_points",
                 "points", "difference", "status", "explanation"]


def claim_leaves(result: UnitResult) -> list[LeafResult]:
    """Leaves whose claim differs from the final points, largest over-claim first."""
    places = result.framework.precision
    differing = [leaf for leaf in result.leaves if claim_differs(leaf, places)]
    return sorted(differing, key=lambda leaf: -excess(leaf))


def excess(leaf: LeafResult) -> Decimal:
    """How far the claim is above the final points, in the unit's favour: a penalty claimed
    lower than the council set is an over-claim too."""
    return (leaf.signed_claim or Decimal(0)) - leaf.signed_points


def final_on_claimed(result: UnitResult) -> Decimal:
    """Final points of the leaves the unit put a claim on (to set beside its total claim)."""
    return sum((leaf.signed_points for leaf in result.leaves if leaf.self_points is not None),
               Decimal(0))


def over_claim(result: UnitResult) -> Decimal:
    return sum((excess(leaf) for leaf in claim_leaves(result)), Decimal(0))


def units_by_over_claim(rankings: Sequence[Ranking]) -> list[UnitResult]:
    results = [u.result for r in rankings for u in r.units if claim_leaves(u.result)]
    return sorted(results, key=lambda r: (r.framework.framework, -over_claim(r), r.unit_id))


def claim_rows(rankings: Sequence[Ranking]) -> list[dict[str, Cell]]:
    rows: list[dict[str, Cell]] = []
    for result in units_by_over_claim(rankings):
        places = result.framework.precision
        rows.extend({
            "framework": result.framework.framework, "unit_id": result.unit_id,
            "unit_name": result.unit_name, "criterion": leaf.criterion, "name": leaf.name,
            "self_points": round_half_up(leaf.signed_claim or Decimal(0), places),
            "points": round_half_up(leaf.signed_points, places),
            "difference": round_half_up(excess(leaf), places),
            "status": leaf.status, "explanation": leaf.explanation}
            for leaf in claim_leaves(result))
    return rows
