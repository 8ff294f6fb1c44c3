"""Where each unit stands while forms come in (`status`): one line per unit, its state the
first that holds of not submitted, invalid, incomplete, awaiting, complete. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

State = Literal["not_submitted", "invalid", "incomplete", "awaiting", "complete"]
STATES: tuple[State, ...] = get_args(State)


def state_of(
    *, submitted: bool, errors: int, missing: int, no_evidence: int, pending: int
) -> State:
    """The first state that holds: no form (or a blank one), errors in it, answers or
    evidence still missing, survey or council values still pending, else complete."""
    if not submitted:
        return "not_submitted"
    if errors:
        return "invalid"
    if missing or no_evidence:
        return "incomplete"
    if pending:
        return "awaiting"
    return "complete"


@dataclass(frozen=True, slots=True)
class UnitStatus:
    """One unit's line. What its form does not tell is None: every count of a unit without a
    form, and the points of a form with errors."""

    group: str
    framework: str  # "" when the group has no framework
    unit_id: str
    unit_name: str
    form: str  # the file, "" when none
    state: State
    errors: int
    warnings: int
    answered: int | None = None
    missing: int | None = None
    no_evidence: int | None = None
    self_points: Decimal | None = None
    points_now: Decimal | None = None
    pending: int | None = None
    corrected: int | None = None
    replied: int | None = None
    disagreed: int | None = None  # of the corrections replied to, those the unit disputes


def state_counts(rows: Iterable[UnitStatus]) -> dict[str, dict[State, int]]:
    """group → state → how many of its units are in it (every state, 0 included), groups in
    the order of `rows`."""
    counts: dict[str, dict[State, int]] = {}
    for row in rows:
        counts.setdefault(row.group, dict.fromkeys(STATES, 0))[row.state] += 1
    return counts
