"""Pydantic models of the input files: frameworks (criteria trees) and unit assessments; the
walk of a tree, and the leaves as scoring reads them. The rules of the leaves are in
`core/kinds/models.py`.

No I/O here. Files are read by `inputs`, which feeds these models plain data whose scalars
are still the strings the user typed, so numbers are parsed exactly (as Decimal) and ids are
never reinterpreted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import BaseModel, Field, field_validator

from parindex.core.kinds.base import Outcome, RawValue
from parindex.core.kinds.models import (
    RULE_KINDS,
    STRICT,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Comparison,
    Condition,
    DeductionRule,
    Number,
    Option,
    PointsRule,
    RatioRule,
    Rule,
    RuleKind,
    RuleModel,
    ScaleRule,
)
from parindex.i18n import Lang, pick

if TYPE_CHECKING:
    AnswerValue = RawValue
else:  # validated as it is: the YAML gives text, lists, mappings or nothing; the rule reads it
    AnswerValue = Any

# The rule models are also named from here, as part of a framework.
__all__ = [
    "RULE_KINDS",
    "Adjust",
    "Answer",
    "Assessment",
    "Band",
    "BandsRule",
    "BooleanRule",
    "ChoiceRule",
    "Comparison",
    "Condition",
    "Criterion",
    "DeductionRule",
    "Framework",
    "Leaf",
    "NotApplicable",
    "Number",
    "Option",
    "PointsRule",
    "RatioRule",
    "Rule",
    "RuleKind",
    "RuleModel",
    "ScaleRule",
    "Source",
    "Ties",
    "Unit",
    "Visit",
    "walk",
]

Source = Literal["self", "survey", "council"]
Adjust = Literal["bonus", "penalty"]
NotApplicable = Literal["forbidden", "exclude", "full", "allowed"]
Ties = Literal["rounded", "exact"]


class _Model(BaseModel):
    model_config = STRICT


class Band(_Model):
    """A named class of the index: the first band whose `min` the index reaches."""

    min: Number
    label: str = Field(min_length=1)
    label_en: str | None = None


class Criterion(_Model):
    """A node of the framework tree: a field, criterion or sub-criterion."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    name_en: str | None = None
    # A field's column header in tables and workbooks; else its name, shortened.
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
        return self.rule.lowest if self.rule is not None else Decimal(0)

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


class Leaf:
    """A leaf with what scoring needs precomputed: its field, N/A policy, range, order.

    The criterion's own attributes are copied into slots: scoring reads them for every unit.
    (A plain slotted class, as the other records made at every start: see `core/results`.)
    """

    __slots__ = ("counted", "criterion", "field", "id", "max", "order", "outcomes", "own", "policy")

    def __init__(
        self,
        criterion: Criterion,
        field: str,
        policy: Literal["forbidden", "exclude", "full"],
        order: int,
        id: str = "",
        max: Decimal = Decimal(0),
    ) -> None:
        self.criterion = criterion
        self.field = field
        self.policy = policy
        self.order = order
        self.id = id
        self.max = max
        # What an answered leaf adds to the applicable maximum (bonus and penalty: nothing),
        # and whether the unit answers it: read for every unit and leaf.
        self.counted = Decimal(0) if criterion.adjust is not None else max
        self.own = criterion.source == "self"
        # Outcomes of values already scored by this leaf's rule (see `rules.score_value`).
        self.outcomes: dict[tuple[object, ...], Outcome] = {}

    @classmethod
    def of(
        cls,
        criterion: Criterion,
        field: str,
        policy: Literal["forbidden", "exclude", "full"],
        order: int,
    ) -> Leaf:
        return cls(criterion, field, policy, order, criterion.id, criterion.max or Decimal(0))

    def _key(self) -> tuple[object, ...]:
        return (self.criterion, self.field, self.policy, self.order, self.id, self.max)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Leaf) and self._key() == other._key()

    def __hash__(self) -> int:  # the criterion model is not hashable; equal leaves share these
        return hash((self.id, self.field, self.order))

    def __repr__(self) -> str:
        return f"Leaf({self.id!r}, field={self.field!r}, order={self.order})"


class _Index:
    """Lookups built once per framework (kept out of pydantic's slower private attributes)."""

    __slots__ = ("bottom_up", "by_id", "field_ids", "leaves", "nodes")

    def __init__(self) -> None:
        self.leaves: list[Leaf] = []
        self.by_id: dict[str, Leaf] = {}
        self.nodes: dict[str, Criterion] = {}
        self.bottom_up: list[tuple[str, tuple[str, ...]]] = []
        self.field_ids: list[str] = []


class Framework(_Model):
    """A province's criteria set for one group of units."""

    framework: str = Field(min_length=1)
    title: str = Field(min_length=1)
    title_en: str | None = None
    year: int | None = None
    group: str = Field(min_length=1)
    precision: int = Field(default=2, ge=0, le=6)
    not_applicable: Literal["exclude", "full"] = "exclude"
    # How ranks tie: on the published (rounded) index, or on the exact one.
    ties: Ties = "rounded"
    order: int = 0  # the group's place in the report and the appendix (then framework id)
    issuer: str | None = Field(default=None, min_length=1)  # named on the report's cover
    # Plain defaults (pydantic copies them): with default_factory=list, building the
    # validator would parse the signature of `list`, which costs ~10 ms at every start.
    bands: list[Band] = []
    criteria: list[Criterion] = Field(min_length=1)

    @cached_property
    def _index(self) -> _Index:
        index = _Index()
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

    value: AnswerValue = None
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
    def _empty_answers(cls, value: object) -> object:
        return {} if value is None else value
