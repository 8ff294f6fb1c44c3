"""The kinds whose values are numbers scored along a line: `ratio` (a rate times the max),
`deduction` (the max less a count of failures), `scale` (a number on a range) and `points`
(points given directly)."""

from __future__ import annotations

from decimal import Decimal

from parindex.core import rule_texts as texts
from parindex.core.kinds.base import (
    Bounds,
    Outcome,
    PercentLine,
    RawValue,
    RuleProblem,
    RuleValueError,
)
from parindex.core.kinds.models import DeductionRule, PointsRule, RatioRule, ScaleRule
from parindex.core.kinds.values import (
    HUNDRED,
    KindDefaults,
    in_words,
    number_in,
    parse_rate,
    penalty_words,
    points_of,
)
from parindex.core.models import Criterion
from parindex.core.numbers import divide, plain, short
from parindex.core.rule_texts import num
from parindex.i18n import _

ZERO = Decimal(0)
# A survey percent taken as it is (ratio and bands leaves).
AS_PERCENT = PercentLine(ZERO, Decimal(1))


class RatioKind(KindDefaults[RatioRule]):
    """A rate (a percent, or numerator/denominator) times the max; 0/0 did not arise."""

    describe = staticmethod(texts.describe_ratio)
    advise = staticmethod(texts.advise_ratio)

    def score(
        self, rule: RatioRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        top = criterion.max or ZERO
        rate, shown, said = parse_rate(value, decimal_comma)
        if rate is None:
            return Outcome(ZERO, _("{value}: did not arise").format(value=said), shown, said, True)
        if rule.full_at is not None and rate >= rule.full_at:
            return Outcome(
                top,
                _("{value} ≥ full_at {bound} → {points}").format(
                    value=said, bound=num(rule.full_at), points=points_of(top, criterion)
                ),
                shown,
                said,
            )
        if rule.zero_below is not None and rate < rule.zero_below:
            return Outcome(
                ZERO,
                _("{value} < zero_below {bound} → {points}").format(
                    value=said, bound=num(rule.zero_below), points=points_of(ZERO, criterion)
                ),
                shown,
                said,
            )
        points = divide(top * rate, HUNDRED)
        return Outcome(points, f"{said} × {num(top)} → {points_of(points, criterion)}", shown, said)

    def problems(self, rule: RatioRule, criterion: Criterion) -> list[RuleProblem]:
        if rule.full_at is None or rule.zero_below is None or rule.zero_below <= rule.full_at:
            return []
        return [RuleProblem(("zero_below",), _("zero_below must not exceed full_at"))]

    def bounds(self, rule: RatioRule, criterion: Criterion) -> Bounds:
        return Bounds(ZERO, HUNDRED)

    def percent_line(self, rule: RatioRule, criterion: Criterion) -> PercentLine:
        return AS_PERCENT


class DeductionKind(KindDefaults[DeductionRule]):
    """The max less `per` for each counted failure, never below `floor`."""

    describe = staticmethod(texts.describe_deduction)
    advise = staticmethod(texts.advise_deduction)

    def score(
        self, rule: DeductionRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        count = number_in(value, decimal_comma, _("a whole count of 0 or more"))
        if count < 0 or count != count.to_integral_value():
            raise RuleValueError(
                _("{value} is not a whole count; expected 0, 1, 2, …").format(value=short(count))
            )
        top = criterion.max or ZERO
        points = top - rule.per * count
        said = in_words(count)
        if points < rule.floor:
            points = rule.floor
            text = _("{count} × {per} off, floor {floor} → {points}").format(
                count=said,
                per=num(rule.per),
                floor=num(rule.floor),
                points=points_of(points, criterion),
            )
        else:
            text = _("{count} × {per} off → {points}").format(
                count=said, per=num(rule.per), points=points_of(points, criterion)
            )
        return Outcome(points, text, plain(count), said)

    def problems(self, rule: DeductionRule, criterion: Criterion) -> list[RuleProblem]:
        high = criterion.max or ZERO
        if rule.floor < high:
            return []
        return [
            RuleProblem(
                ("floor",),
                _("floor {floor} must be below max {high}").format(
                    floor=num(rule.floor), high=num(high)
                ),
            )
        ]

    def bounds(self, rule: DeductionRule, criterion: Criterion) -> Bounds:
        return Bounds(ZERO, None, whole=True)


class ScaleKind(KindDefaults[ScaleRule]):
    """A number on [low, high] mapped linearly onto [0, max]."""

    describe = staticmethod(texts.describe_scale)
    advise = staticmethod(texts.advise_scale)

    def score(
        self, rule: ScaleRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        low, high = sorted((rule.low, rule.high))
        number = number_in(
            value,
            decimal_comma,
            _("a number from {low} to {high}").format(low=num(low), high=num(high)),
        )
        if not low <= number <= high:
            raise RuleValueError(
                _("{value} is outside {low}–{high}").format(
                    value=num(number), low=num(low), high=num(high)
                )
            )
        top = criterion.max or ZERO
        points = divide(top * (number - rule.low), rule.high - rule.low)
        said = in_words(number)
        return Outcome(
            points,
            _("{value} on {low}–{high} → {points}").format(
                value=said,
                low=num(rule.low),
                high=num(rule.high),
                points=points_of(points, criterion),
            ),
            plain(number),
            said,
        )

    def problems(self, rule: ScaleRule, criterion: Criterion) -> list[RuleProblem]:
        if rule.low != rule.high:
            return []
        return [RuleProblem(("high",), _("low and high must differ"))]

    def bounds(self, rule: ScaleRule, criterion: Criterion) -> Bounds:
        low, high = sorted((rule.low, rule.high))
        return Bounds(low, high)

    def percent_line(self, rule: ScaleRule, criterion: Criterion) -> PercentLine:
        return PercentLine(rule.low, (rule.high - rule.low).scaleb(-2))


class PointsKind(KindDefaults[PointsRule]):
    """Points given directly (by the unit or the council), within the leaf's range."""

    describe = staticmethod(texts.describe_points)
    advise = staticmethod(texts.advise_points)

    def score(
        self, rule: PointsRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        top = criterion.max or ZERO
        number = number_in(
            value,
            decimal_comma,
            _("points from {low} to {top}").format(low=num(criterion.lowest), top=num(top)),
        )
        if not criterion.lowest <= number <= top:
            raise RuleValueError(
                _("{value} is outside the range {low}–{top}").format(
                    value=num(number), low=num(criterion.lowest), top=num(top)
                )
            )
        said = in_words(number)
        if criterion.adjust == "penalty":
            explanation = penalty_words(number, criterion)
        else:
            explanation = _("given {points} of {max}").format(points=said, max=num(top))
        return Outcome(number, explanation, plain(number), said)

    def bounds(self, rule: PointsRule, criterion: Criterion) -> Bounds:
        return Bounds(criterion.lowest, criterion.max or ZERO)

    def percent_line(self, rule: PointsRule, criterion: Criterion) -> PercentLine:
        return PercentLine(ZERO, (criterion.max or ZERO).scaleb(-2))
