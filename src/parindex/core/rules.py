"""The one registry of rule kinds, and what the rest of parindex asks of a leaf's rule: score
a value, say the rule in words, check it against its leaf, and the values and options it
takes. Pure.

Every kind of `RuleKind` has exactly one entry (a test holds it to `RULE_KINDS`). What a kind
does lives in `core/kinds/`; the core and the inputs reach it only through this registry.
Writers ask it too: `value_bounds` and `points_bounds` for number validation, `options` for
drop-downs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from parindex.core.kinds.bands import BandsKind
from parindex.core.kinds.base import (
    Bounds,
    Choice,
    KeyPath,
    Outcome,
    PercentLine,
    RawValue,
    RuleProblem,
    RuleValueError,
)
from parindex.core.kinds.models import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    DeductionRule,
    PointsRule,
    RatioRule,
    RuleKind,
    RuleModel,
    ScaleRule,
)
from parindex.core.kinds.named import BooleanKind, ChoiceKind
from parindex.core.kinds.numeric import DeductionKind, PointsKind, RatioKind, ScaleKind
from parindex.core.kinds.values import (
    NO,
    NOT_APPLICABLE_WORDS,
    YES,
    condition_holds,
    na_word,
    parse_rate,
)
from parindex.core.models import Criterion, Leaf
from parindex.i18n import Lang, _, current

# Named here for the readers of values and rules (tables, answers, scoring).
__all__ = [
    "KINDS",
    "NO",
    "NOT_APPLICABLE_WORDS",
    "YES",
    "Bounds",
    "Choice",
    "KeyPath",
    "KindRules",
    "Outcome",
    "PercentLine",
    "RawValue",
    "RuleProblem",
    "RuleValueError",
    "advise",
    "condition_holds",
    "describe",
    "evaluate",
    "na_word",
    "options",
    "parse_rate",
    "percent_line",
    "points_bounds",
    "rule_problems",
    "score_value",
    "value_bounds",
]

RuleT = TypeVar("RuleT", bound=RuleModel, contravariant=True)
ModelT = TypeVar("ModelT", bound=RuleModel)


class KindRules(Protocol[RuleT]):
    """What parindex knows of one rule kind, whose model is `RuleT`."""

    def score(
        self, rule: RuleT, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        """Points for `value`, or RuleValueError saying what the rule takes."""

    def describe(self, rule: RuleT, criterion: Criterion, lang: Lang) -> str:
        """What values the rule takes and what they earn, in words."""

    def advise(self, rule: RuleT, criterion: Criterion, points: Decimal) -> str:
        """What to reach next, the leaf earning `points` now, in words."""

    def problems(self, rule: RuleT, criterion: Criterion) -> list[RuleProblem]:
        """What the rule's own parameters get wrong within its leaf (whose max is set)."""

    def bounds(self, rule: RuleT, criterion: Criterion) -> Bounds | None:
        """The numbers a value may be; None when values are words."""

    def options(self, rule: RuleT, criterion: Criterion) -> tuple[Choice, ...]:
        """The options a value names (a drop-down's entries); () when values are not named."""

    def percent_line(self, rule: RuleT, criterion: Criterion) -> PercentLine | None:
        """How a survey percent becomes a value; None when the kind cannot take one."""


class Kind(Generic[ModelT]):
    """One registered kind: its model and its rules. The entry points take any rule and hand
    it on as the kind's own model (a rule of another kind is a programming error)."""

    __slots__ = ("model", "rules")

    def __init__(self, model: type[ModelT], rules: KindRules[ModelT]) -> None:
        self.model = model
        self.rules = rules

    def own(self, rule: RuleModel) -> ModelT:
        if isinstance(rule, self.model):
            return rule
        raise TypeError(f"a {rule.kind} rule given to the {self.model.__name__} entry")

    def score(
        self, rule: RuleModel, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        return self.rules.score(self.own(rule), criterion, value, decimal_comma)

    def describe(self, rule: RuleModel, criterion: Criterion, lang: Lang) -> str:
        return self.rules.describe(self.own(rule), criterion, lang)

    def advise(self, rule: RuleModel, criterion: Criterion, points: Decimal) -> str:
        return self.rules.advise(self.own(rule), criterion, points)

    def problems(self, rule: RuleModel, criterion: Criterion) -> list[RuleProblem]:
        return self.rules.problems(self.own(rule), criterion)

    def bounds(self, rule: RuleModel, criterion: Criterion) -> Bounds | None:
        return self.rules.bounds(self.own(rule), criterion)

    def options(self, rule: RuleModel, criterion: Criterion) -> tuple[Choice, ...]:
        return self.rules.options(self.own(rule), criterion)

    def percent_line(self, rule: RuleModel, criterion: Criterion) -> PercentLine | None:
        return self.rules.percent_line(self.own(rule), criterion)


AnyKind = (
    Kind[BooleanRule]
    | Kind[ChoiceRule]
    | Kind[BandsRule]
    | Kind[RatioRule]
    | Kind[DeductionRule]
    | Kind[ScaleRule]
    | Kind[PointsRule]
)

# The one registry of rule kinds.
KINDS: dict[RuleKind, AnyKind] = {
    "boolean": Kind(BooleanRule, BooleanKind()),
    "choice": Kind(ChoiceRule, ChoiceKind()),
    "bands": Kind(BandsRule, BandsKind()),
    "ratio": Kind(RatioRule, RatioKind()),
    "deduction": Kind(DeductionRule, DeductionKind()),
    "scale": Kind(ScaleRule, ScaleKind()),
    "points": Kind(PointsRule, PointsKind()),
}


def _rule(criterion: Criterion) -> RuleModel:
    rule = criterion.rule
    if rule is None:  # pragma: no cover - loading guarantees every leaf has a rule
        raise RuleValueError(_("this criterion has no rule"))
    return rule


def evaluate(criterion: Criterion, value: RawValue, *, decimal_comma: bool = False) -> Outcome:
    """Score `value` by the leaf's rule; raise RuleValueError when the rule cannot take it."""
    rule = _rule(criterion)
    return KINDS[rule.kind].score(rule, criterion, value, decimal_comma)


# Values remembered per leaf by `score_value`: enough for every yes/no, option and common
# percentage, bounded so a province of free-form numbers cannot grow it without end.
MEMO_LIMIT = 1024
# Not float or Decimal: -0.0 == 0.0 and 1.0 == 1.00, yet each is shown as written.
_MEMO_TYPES = frozenset({str, int, bool})


def score_value(leaf: Leaf, value: RawValue, *, decimal_comma: bool = False) -> Outcome:
    """`evaluate` by a leaf's rule, remembering outcomes: across a province most values repeat
    ("yes", "on_time", 100), and scoring one, its explanation included, costs far more than
    finding it again. Only scalar values are remembered, keyed by their type as well (`True ==
    1` in Python, not to a rule) and by the run's language (the explanation is in words).
    Refused values are not remembered: their error is raised each time."""
    if type(value) not in _MEMO_TYPES:
        return evaluate(leaf.criterion, value, decimal_comma=decimal_comma)
    key = (type(value), value, decimal_comma, current())
    memo = leaf.outcomes
    outcome: Outcome | None = memo.get(key)
    if outcome is None:
        outcome = evaluate(leaf.criterion, value, decimal_comma=decimal_comma)
        if len(memo) < MEMO_LIMIT:
            memo[key] = outcome
    return outcome


def describe(criterion: Criterion, lang: Lang = "en") -> str:
    """What values the leaf takes and what they earn, in words (for templates and gap plans)."""
    rule = _rule(criterion)
    return KINDS[rule.kind].describe(rule, criterion, lang)


def advise(criterion: Criterion, points: Decimal = Decimal(0)) -> str:
    """The next step for a leaf that earns `points` now, in words of the run's language: the
    next band or the option that earns more (by its label), the goal that earns the most, or
    that no value earns more (never advice to earn what the rule cannot give)."""
    rule = _rule(criterion)
    return KINDS[rule.kind].advise(rule, criterion, points)


def rule_problems(criterion: Criterion) -> list[RuleProblem]:
    """What a leaf's rule gets wrong within the leaf: option or band points outside its range,
    bands that can never hold first, limits in the wrong order. Each problem stands under the
    leaf's `rule` key. The leaf must have a max."""
    rule = _rule(criterion)
    return KINDS[rule.kind].problems(rule, criterion)


def value_bounds(criterion: Criterion) -> Bounds | None:
    """The numbers a leaf's value may be (for a form's number validation), or None when its
    values are words. A ratio's bounds are those of a percent (a table cell may also hold
    `n/d`)."""
    rule = _rule(criterion)
    return KINDS[rule.kind].bounds(rule, criterion)


def points_bounds(criterion: Criterion) -> Bounds:
    """The points a leaf may be given or claimed: from its lowest (a deduction's negative
    floor, else 0) to its max."""
    return Bounds(criterion.lowest, criterion.max or Decimal(0))


def options(criterion: Criterion) -> tuple[Choice, ...]:
    """The options a leaf's value names, in the framework's order (a drop-down's entries: a
    choice's options, yes and no); () for a leaf whose values are numbers."""
    rule = _rule(criterion)
    return KINDS[rule.kind].options(rule, criterion)


def percent_line(criterion: Criterion) -> PercentLine | None:
    """How a survey percent becomes the leaf's value, or None when it cannot take one."""
    rule = _rule(criterion)
    return KINDS[rule.kind].percent_line(rule, criterion)
