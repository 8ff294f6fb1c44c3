"""Where a unit's claimed points differ from its final points: what councils read first."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.core.results import LeafResult, Ranking, UnitResult, claim_differs


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
    return sum(
        (leaf.signed_points for leaf in result.leaves if leaf.self_points is not None), Decimal(0)
    )


def over_claim(result: UnitResult) -> Decimal:
    return sum((excess(leaf) for leaf in claim_leaves(result)), Decimal(0))


def units_by_over_claim(rankings: Sequence[Ranking]) -> list[UnitResult]:
    results = [u.result for r in rankings for u in r.units if claim_leaves(u.result)]
    return sorted(results, key=lambda r: (r.framework.framework, -over_claim(r), r.unit_id))
