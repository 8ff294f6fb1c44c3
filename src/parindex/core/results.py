"""The results of scoring and ranking, cheap to make at 100,000 rows and to define at every
start: named tuples, and plain slotted classes where a field is named like a tuple method
(`index`). No dataclasses: making one runs generated code worth more than scoring a unit.
They are not changed once made."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, NamedTuple, get_args

from parindex.core.models import Adjust, Band, Framework, Leaf, Source
from parindex.core.numbers import round_half_up
from parindex.i18n import Lang, pick

LeafStatus = Literal["scored", "appraised", "not_applicable", "missing", "pending"]
STATUSES: tuple[LeafStatus, ...] = get_args(LeafStatus)


class Claim(NamedTuple):
    """What scoring needs of one answer in a unit's file, once it has been checked.

    A named tuple: assessments cross process boundaries when many files are read in
    parallel, and these pickle several times faster than the pydantic answer models.
    """

    self_points: Decimal | None
    not_applicable: bool
    reason: str
    points: Decimal | None  # None: no value given (missing, or not applicable)
    explanation: str
    shown: str  # the value as programs read it (an option's key, a dot)
    said: str  # the value as people read it, in the run's language (an option's label)
    not_arisen: bool


class Override(NamedTuple):
    """A value from outside the unit's file: an appraisal row or a survey value.

    Named tuples here and below: a province run builds hundreds of thousands of them, and
    they are created several times faster than frozen dataclasses.
    """

    points: Decimal
    explanation: str
    shown: str  # the value as programs read it
    said: str  # the value as people read it, in the run's language
    not_applicable: bool = False
    reason: str = ""
    round: int = 1


class LeafResult(NamedTuple):
    """How one leaf was scored for one unit.

    What the framework says of the leaf (id, names, field, maximum, source, adjustment) is
    read through `leaf` rather than copied: a province holds hundreds of thousands of these.
    """

    leaf: Leaf
    counted_max: Decimal  # what the leaf adds to the applicable maximum (0 when excluded)
    value: str  # as programs read it: an option's key, numbers with a dot ("58.2 %")
    said: str  # as people read it, in the run's language: a label, "58,2%", "không phát sinh"
    points: Decimal
    self_points: Decimal | None
    status: LeafStatus
    explanation: str

    @property
    def criterion(self) -> str:
        return self.leaf.id

    @property
    def name(self) -> str:
        return self.leaf.criterion.name

    @property
    def name_en(self) -> str | None:
        return self.leaf.criterion.name_en

    @property
    def field(self) -> str:
        return self.leaf.field

    @property
    def max_points(self) -> Decimal:
        return self.leaf.max

    @property
    def source(self) -> Source:
        return self.leaf.criterion.source

    @property
    def adjust(self) -> Adjust | None:
        return self.leaf.criterion.adjust

    @property
    def signed_points(self) -> Decimal:
        """What the leaf adds to the unit's points: a penalty's points are subtracted."""
        return -self.points if self.adjust == "penalty" else self.points

    @property
    def signed_claim(self) -> Decimal | None:
        """The claim with the same sign (a penalty the unit owns up to counts against it)."""
        if self.self_points is None:
            return None
        return -self.self_points if self.adjust == "penalty" else self.self_points

    @property
    def lost(self) -> Decimal:
        """Points this leaf leaves on the table (regular leaves only)."""
        if self.adjust is not None:
            return Decimal(0)
        return self.counted_max - self.points


class Total(NamedTuple):
    """Points and applicable maximum of a node (field or criterion)."""

    points: Decimal
    max_points: Decimal

    @property
    def percent(self) -> Decimal:
        """Points as a percentage of the applicable maximum (0 when nothing applies)."""
        if self.max_points == 0:
            return Decimal(0)
        return self.points * 100 / self.max_points


def node_totals(framework: Framework, leaves: Sequence[LeafResult]) -> dict[str, Total]:
    """Points and applicable maximum of every regular leaf and every node above one."""
    nodes = {
        result.leaf.id: Total(result.points, result.counted_max)
        for result in leaves
        if result.leaf.criterion.adjust is None
    }
    for node_id, children in framework.parents_bottom_up:
        points = maximum = Decimal(0)
        for child in children:
            total = nodes.get(child)
            if total is not None:
                points += total.points
                maximum += total.max_points
        nodes[node_id] = Total(points, maximum)
    return nodes


class UnitResult:
    """A unit's score against its framework."""

    __slots__ = (
        "bonus",
        "fields",
        "framework",
        "index",
        "leaves",
        "max_points",
        "missing",
        "path",
        "penalty",
        "pending",
        "regular_points",
        "self_points",
        "submitted",
        "unit_id",
        "unit_name",
        "unit_name_en",
    )

    def __init__(
        self,
        framework: Framework,
        unit_id: str,
        unit_name: str,
        unit_name_en: str | None,
        leaves: tuple[LeafResult, ...],
        fields: dict[str, Total],
        regular_points: Decimal,
        bonus: Decimal,
        penalty: Decimal,
        max_points: Decimal,
        index: Decimal,
        self_points: Decimal,
        missing: int,
        pending: int,
        submitted: bool = True,
        path: str = "",
    ) -> None:
        self.framework = framework
        self.unit_id = unit_id
        self.unit_name = unit_name
        self.unit_name_en = unit_name_en
        self.leaves = leaves  # empty when the run kept totals only (`rank` unasked)
        self.fields = fields  # the totals of the framework's fields (see `nodes` for all)
        self.regular_points = regular_points
        self.bonus = bonus
        self.penalty = penalty
        self.max_points = max_points
        self.index = index  # unrounded, clamped to [0, 100]
        self.self_points = self_points
        self.missing = missing
        self.pending = pending
        self.submitted = submitted
        self.path = path

    def __repr__(self) -> str:
        return f"UnitResult({self.unit_id!r}, index={self.index})"

    def without_leaves(self) -> UnitResult:
        """The same result with its totals only (what a ranking keeps of each unit)."""
        return UnitResult(
            self.framework,
            self.unit_id,
            self.unit_name,
            self.unit_name_en,
            (),
            self.fields,
            self.regular_points,
            self.bonus,
            self.penalty,
            self.max_points,
            self.index,
            self.self_points,
            self.missing,
            self.pending,
            self.submitted,
            self.path,
        )

    @property
    def adjustment(self) -> Decimal:
        return self.bonus - self.penalty

    @property
    def points(self) -> Decimal:
        return self.regular_points + self.adjustment

    def name_in(self, lang: Lang) -> str:
        return pick(self.unit_name, self.unit_name_en, lang)

    @property
    def nodes(self) -> dict[str, Total]:
        """The totals of every node, added up again from the leaves: only the fields' are
        kept, as one unit's tree is all a view shows."""
        return node_totals(self.framework, self.leaves)


class History(NamedTuple):
    """Last year's standing of a unit (from `--previous`), or what it was formed from."""

    prev_rank: int | None
    prev_index: Decimal | None
    formed_from: tuple[str, ...] = ()  # old ids merged into this unit (no change is computed)
    renamed_from: str | None = None  # the old id this unit continues under a new id


class RankedUnit:
    """A unit's place in its group."""

    __slots__ = ("band", "history", "index", "rank", "result", "tied")

    def __init__(
        self,
        result: UnitResult,
        index: Decimal,
        rank: int,
        tied: bool,
        band: Band | None,
        history: History | None = None,
    ) -> None:
        self.result = result
        self.index = index  # rounded to the framework's precision
        self.rank = rank
        self.tied = tied
        self.band = band
        self.history = history

    def __repr__(self) -> str:
        return f"RankedUnit({self.result.unit_id!r}, rank={self.rank}, index={self.index})"

    @property
    def rank_change(self) -> int | None:
        """Places gained since last year; None without last year's rank, or for a unit that
        has not submitted (its place is no result to compare)."""
        if self.history is None or self.history.prev_rank is None or not self.result.submitted:
            return None
        return self.history.prev_rank - self.rank

    @property
    def index_change(self) -> Decimal | None:
        """The index's change since last year; None as for `rank_change`."""
        if self.history is None or self.history.prev_index is None or not self.result.submitted:
            return None
        return self.index - self.history.prev_index


class Ranking(NamedTuple):
    """One framework/group's ranking."""

    framework: Framework
    units: tuple[RankedUnit, ...]
    # Under `ties: exact`: the units of each published index that is shared by more than one
    # rank, best first (they are noted under the table).
    shared: tuple[tuple[RankedUnit, ...], ...] = ()


class FieldPlace:
    """A unit's place in its group on one field's index (`rank --by-field`, JSON fields).

    `index` and `rank` are None when nothing of the field applies to the unit.
    """

    __slots__ = ("field", "index", "max_points", "points", "rank", "unit")

    def __init__(
        self,
        unit: RankedUnit,
        field: str,
        points: Decimal,
        max_points: Decimal,
        index: Decimal | None,
        rank: int | None,
    ) -> None:
        self.unit = unit
        self.field = field
        self.points = points
        self.max_points = max_points
        self.index = index  # rounded to the framework's precision
        self.rank = rank


def claim_differs(leaf: LeafResult, places: int) -> bool:
    """A claim differs when it does at the published precision (1.33 claimed for 1.3333…
    is no over-claim)."""
    return leaf.self_points is not None and (
        round_half_up(leaf.self_points, places) != round_half_up(leaf.points, places)
    )


class PreviousEntry:
    """A unit's line in an earlier published ranking (read back by --previous and gaps)."""

    __slots__ = ("group", "index", "rank", "unit_id", "unit_name")

    def __init__(
        self,
        unit_id: str,
        rank: int | None,
        index: Decimal | None,
        group: str,
        unit_name: str = "",
    ) -> None:
        self.unit_id = unit_id
        self.rank = rank
        self.index = index
        self.group = group
        self.unit_name = unit_name

    def __repr__(self) -> str:
        return f"PreviousEntry({self.unit_id!r}, rank={self.rank}, index={self.index})"
