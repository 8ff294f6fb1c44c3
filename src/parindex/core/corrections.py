"""The council's corrections of a unit: an applied appraisal row on a `self` leaf whose points
(or whose share of the maximum) differ from what the unit's own answer earns. A row that
confirms the answer is no correction; `council` leaves are the council's own scoring. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from parindex.core.models import Framework, Unit
from parindex.core.results import Claim, Override, UnitResult
from parindex.core.scoring import score_claims


def corrected(
    framework: Framework,
    unit: Unit,
    claims: Mapping[str, Claim],
    result: UnitResult,
    appraisal: Mapping[str, Override] | None,
) -> list[str]:
    """The ids of the `self` leaves the council corrected in `result` (the unit scored with
    its appraisal rows), in the framework's order."""
    rows = [
        leaf_id
        for leaf_id in appraisal or {}
        if (leaf := framework.leaf(leaf_id)) is not None and leaf.criterion.source == "self"
    ]
    if not rows or not result.leaves:
        return []
    own = score_claims(framework, unit, {k: claims[k] for k in rows if k in claims})
    earned = {leaf.leaf.id: (leaf.points, leaf.counted_max) for leaf in own.leaves}
    return [
        leaf.leaf.id
        for leaf in result.leaves
        if leaf.leaf.id in rows
        and leaf.status == "appraised"
        and (leaf.points, leaf.counted_max) != earned[leaf.leaf.id]
    ]
