"""Pydantic models of the input files: frameworks (criteria trees) and unit assessments.

No I/O here. Files are read by `loading`, which feeds these models plain data whose scalars
are still the strings the user typed, so numbers are parsed exactly (as Decimal) and ids are
never reinterpreted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from parindex.core.numbers import LIMIT, MAX_DECIMALS
from parindex.i18n import Lang, _, pick

Kind = Literal["boolean", "choice", "bands", "ratio", "deduction", "scale", "points"]
Source = Literal["self", "survey", "council"]
Adjust = Literal["bonus", "penalty"]
RuleKind = Literal["boolean", "choice", "bands", "ratio", "deduction", "scale", "points"]
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)
Comparison = Literal["above", "at_least", "at_most", "below"]
NotApplicable = Literal["forbidden", "exclude", "full", "allowed"]
Ties = Literal["rounded", "exact"]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


# Bounded like numbers.parse_number: a 1e30 slip is an input error, not a Decimal overflow.
Number = Annotated[
    Decimal, Field(allow_inf_nan=False, gt=-LIMIT, lt=LIMIT, decimal_places=MAX_DECIMALS)
]
# Greater than 0. The bound is annotated on `Number` itself: a `Field(gt=0)` default beside the
# annotation would be merged before `Number`'s own `gt`, which then wins.
Positive = Annotated[Number, Field(gt=0)]


class _Model(BaseModel):
    model_config = _STRICT


class Band(_Model):
    """A named class of the index: the first band whose `min` the index reaches."""

    min: Number
    label: str = Field(min_length=1)
    label_en: str | None = None


class Option(_Model):
    """One answer of a `choice` rule and the points it earns."""

    points: Number
    label: str | None = None
    label_en: str | None = None


class Condition(_Model):
    """One band of a `bands` rule: exactly one comparison, and the points it earns."""

    above: Number | None = None
    at_least: Number | None = None
    at_most: Number | None = None
    below: Number | None = None
    points: Number

    @model_validator(mode="after")
    def _one_comparison(self) -> Condition:
        given = [
            k for k in ("above", "at_least", "at_most", "below") if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                _(
                    "a band needs exactly one of above, at_least, at_most, below (found {found})"
                ).format(found=", ".join(given) or _("none"))
            )
        return self

    @property
    def comparison(self) -> tuple[Comparison, Decimal]:
        for key in get_args(Comparison):
            bound = getattr(self, key)
            if bound is not None:
                return key, bound
        raise AssertionError("validated to hold one comparison")  # pragma: no cover


class BooleanRule(_Model):
    """Yes/no: all or nothing."""

    kind: Literal["boolean"]


class ChoiceRule(_Model):
    """One of named options, each worth its points."""

    kind: Literal["choice"]
    options: dict[str, Option] = Field(min_length=1)

    @field_validator("options", mode="before")
    @classmethod
    def _bare_points(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"points": v} if not isinstance(v, dict) else v for k, v in value.items()}
        return value


class BandsRule(_Model):
    """A number scored by the first band whose condition holds; none holds → 0."""

    kind: Literal["bands"]
    bands: list[Condition] = Field(min_length=1)
    unit: str | None = None


class RatioRule(_Model):
    """A rate (percent or numerator/denominator) times the max."""

    kind: Literal["ratio"]
    full_at: Number | None = Field(default=None, ge=0, le=100)
    zero_below: Number | None = Field(default=None, ge=0, le=100)
    unit: str | None = "%"


class DeductionRule(_Model):
    """The max less `per` for each counted failure, never below `floor`."""

    kind: Literal["deduction"]
    per: Positive
    floor: Number = Decimal(0)
    unit: str | None = None


class ScaleRule(_Model):
    """A number on [low, high] mapped linearly onto [0, max] (e.g. a 1–5 survey average)."""

    kind: Literal["scale"]
    low: Number
    high: Number
    unit: str | None = None


class PointsRule(_Model):
    """Points given directly (by the unit or the council), within the leaf's range."""

    kind: Literal["points"]


Rule = Annotated[
    BooleanRule | ChoiceRule | BandsRule | RatioRule | DeductionRule | ScaleRule | PointsRule,
    Field(discriminator="kind"),
]


class Criterion(_Model):
    """A node of the framework tree: a field, criterion or sub-criterion."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str | None = None
    # A field's column header in tables and workbooks (SPEC §1); else its name, shortened.
    short_name: str | None = Field(default=None, min_length=1)
    short_name_en: str | None = Field(default=None, min_length=1)
    description: str | None = None
    max: Number | None = None
    rule: Rule | None = None
    source: Source = "self"
    not_applicable: NotApplicable = "forbidden"
    evidence: Literal["required", "optional"] = "optional"
    adjust: Adjust | None = None
    criteria: list[Criterion] | None = None

    def walk(self) -> Iterator[Visit]:
        """This node and everything below it, in tree order (see `walk`)."""
        return walk([self])

    def leaf_nodes(self) -> Iterator[Criterion]:
        """The leaves at or under this node, in tree order."""
        return (v.node for v in self.walk() if not v.node.criteria)

    @property
    def subtree_max(self) -> Decimal:
        """A leaf's max, or the sum of the leaves' maxima under a node."""
        return sum((leaf.max or Decimal(0) for leaf in self.leaf_nodes()), Decimal(0))

    @property
    def only_adjustments(self) -> bool:
        """Every leaf at or under the node is a bonus or penalty (no field column of its own)."""
        return all(leaf.adjust is not None for leaf in self.leaf_nodes())

    @property
    def lowest(self) -> Decimal:
        """Bottom of the leaf's range: a negative deduction floor, else 0."""
        if isinstance(self.rule, DeductionRule) and self.rule.floor < 0:
            return self.rule.floor
        return Decimal(0)

    def label(self, lang: Lang) -> str:
        return pick(self.name, self.name_en, lang)

    def short_label(self, lang: Lang, limit: int = 32) -> str:
        """The short name for a column header, else the name cut at a word within `limit`
        (under en an English name, even long, comes before a Vietnamese short name)."""
        if lang == "en" and self.short_name_en:
            return self.short_name_en
        if self.short_name and not (lang == "en" and self.name_en):
            return self.short_name
        name = self.label(lang)
        if len(name) <= limit:
            return name
        cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
        return (cut or name[: limit - 1]) + "…"


class Visit(NamedTuple):
    """One node met by `walk`: how deep it is, its field (top-level id) and its place."""

    node: Criterion
    depth: int
    field: str
    path: tuple[int, ...]  # index among its siblings at each level, from the top

    @property
    def key_path(self) -> tuple[str | int, ...]:
        """Where the node stands in its file: `criteria[0].criteria[2]` as parts."""
        return tuple(part for i in self.path for part in ("criteria", i))


def walk(nodes: Sequence[Criterion]) -> Iterator[Visit]:
    """The one walk of a criteria tree: every node in tree order (a parent before its
    children), without recursion, so a deep tree cannot exhaust the stack."""
    stack = [Visit(node, 0, node.id, (i,)) for i, node in reversed(list(enumerate(nodes)))]
    while stack:
        visit = stack.pop()
        yield visit
        children = visit.node.criteria or ()
        stack.extend(
            Visit(child, visit.depth + 1, visit.field, (*visit.path, i))
            for i, child in reversed(list(enumerate(children)))
        )


@dataclass(frozen=True, slots=True)
class Leaf:
    """A leaf with what scoring needs precomputed: its field, N/A policy, range, order.

    The criterion's own attributes are copied into slots: scoring reads them for every unit.
    """

    criterion: Criterion
    field: str
    policy: Literal["forbidden", "exclude", "full"]
    order: int
    id: str = ""
    max: Decimal = Decimal(0)
    # Outcomes of values already scored by this leaf's rule (see `rules.score_value`).
    outcomes: dict[tuple[Any, ...], Any] = dataclasses.field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(
        cls,
        criterion: Criterion,
        field: str,
        policy: Literal["forbidden", "exclude", "full"],
        order: int,
    ) -> Leaf:
        return cls(criterion, field, policy, order, criterion.id, criterion.max or Decimal(0))

    def __hash__(self) -> int:  # the criterion model is not hashable; equal leaves share these
        return hash((self.id, self.field, self.order))


@dataclass(slots=True)
class _Index:
    """Lookups built once per framework (kept out of pydantic's slower private attributes)."""

    leaves: list[Leaf]
    by_id: dict[str, Leaf]
    nodes: dict[str, Criterion]
    bottom_up: list[tuple[str, tuple[str, ...]]]
    field_ids: list[str]


class Framework(_Model):
    """A province's criteria set for one group of units."""

    framework: str = Field(min_length=1)
    title: str = Field(min_length=1)
    title_en: str | None = None
    year: int | None = None
    group: str = Field(min_length=1)
    precision: int = Field(default=2, ge=0, le=6)
    not_applicable: Literal["exclude", "full"] = "exclude"
    # How ranks tie: on the published (rounded) index, or on the exact one (SPEC §2.1).
    ties: Ties = "rounded"
    # Plain defaults (pydantic copies them): with default_factory=list, building the
    # validator would parse the signature of `list`, which costs ~10 ms at every start.
    bands: list[Band] = []
    criteria: list[Criterion] = Field(min_length=1)

    @cached_property
    def _index(self) -> _Index:
        index = _Index([], {}, {}, [], [])
        for visit in self.walk():
            node = visit.node
            index.nodes.setdefault(node.id, node)
            if node.criteria:
                continue
            policy = node.not_applicable
            resolved = self.not_applicable if policy == "allowed" else policy
            leaf = Leaf.of(node, visit.field, resolved, len(index.leaves))
            index.leaves.append(leaf)
            index.by_id.setdefault(node.id, leaf)
        # Parents after their children, so totals can be added up in one pass.
        pending: list[tuple[Criterion, bool]] = [(node, False) for node in self.criteria]
        while pending:
            node, expanded = pending.pop()
            if not node.criteria:
                continue
            if expanded:
                index.bottom_up.append((node.id, tuple(c.id for c in node.criteria)))
            else:
                pending.append((node, True))
                pending.extend((child, False) for child in node.criteria)
        regular = {leaf.field for leaf in index.leaves if leaf.criterion.adjust is None}
        index.field_ids.extend(node.id for node in self.criteria if node.id in regular)
        return index

    def walk(self) -> Iterator[Visit]:
        """Every node of the tree in order (see `walk`)."""
        return walk(self.criteria)

    @property
    def leaves(self) -> list[Leaf]:
        """Every leaf in tree order."""
        return self._index.leaves

    @property
    def parents_bottom_up(self) -> list[tuple[str, tuple[str, ...]]]:
        """(id, child ids) of every node with children, each after all of its descendants."""
        return self._index.bottom_up

    def leaf(self, criterion_id: str) -> Leaf | None:
        return self._index.by_id.get(criterion_id)

    def node(self, criterion_id: str) -> Criterion | None:
        return self._index.nodes.get(criterion_id)

    @property
    def field_ids(self) -> list[str]:
        """Top-level ids that hold regular (non-adjustment) leaves: one column each."""
        return self._index.field_ids

    @property
    def regular_total(self) -> Decimal:
        return sum((leaf.max for leaf in self.leaves if leaf.criterion.adjust is None), Decimal(0))

    def band_for(self, index: Decimal) -> Band | None:
        """The first band whose min the (rounded) index reaches; None below every band."""
        for band in self.bands:
            if index >= band.min:
                return band
        return None

    def title_in(self, lang: Lang) -> str:
        return pick(self.title, self.title_en, lang)


class Unit(_Model):
    """Who is assessed."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str | None = None
    group: str = Field(min_length=1)


class Answer(_Model):
    """A unit's answer to one `self` leaf."""

    value: Any = None
    self_points: Number | None = None
    # Plain unions keep validation in pydantic-core (no Python call per answer).
    evidence: list[str] | str | None = None
    not_applicable: bool | None = None
    reason: str | None = None
    note: str | None = None

    @property
    def documents(self) -> list[str]:
        """The evidence as a list (one document may be written as plain text)."""
        if self.evidence is None:
            return []
        return [self.evidence] if isinstance(self.evidence, str) else self.evidence


class Assessment(_Model):
    """One unit's self-assessment against a framework."""

    unit: Unit
    framework: str = Field(min_length=1)
    answers: dict[str, Answer] = {}  # a plain default, as Framework.bands

    @field_validator("answers", mode="before")
    @classmethod
    def _empty_answers(cls, value: Any) -> Any:
        return {} if value is None else value
