"""The `bands` kind: a number scored by the first band whose condition holds (none: 0)."""

from __future__ import annotations

import itertools
from decimal import Decimal

from parindex.core import rule_texts as texts
from parindex.core.kinds.base import Bounds, Outcome, PercentLine, RawValue, RuleProblem
from parindex.core.kinds.models import BandsRule
from parindex.core.kinds.numeric import AS_PERCENT
from parindex.core.kinds.values import (
    KindDefaults,
    condition_holds,
    in_words,
    number_in,
    penalty_words,
    points_of,
    span,
)
from parindex.core.models import Criterion
from parindex.core.numbers import plain, short
from parindex.core.rule_texts import SYMBOLS, num
from parindex.i18n import _, current, with_unit


class BandsKind(KindDefaults[BandsRule]):
    """A number scored by the first band whose condition holds; none holds → 0."""

    describe = staticmethod(texts.describe_bands)
    advise = staticmethod(texts.advise_bands)

    def score(
        self, rule: BandsRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        number = number_in(value, decimal_comma, _("a number"))
        shown = f"{plain(number)} {rule.unit}" if rule.unit else plain(number)
        words = with_unit(in_words(number), rule.unit, current())
        for band in rule.bands:
            comparison, bound = band.comparison
            if condition_holds(comparison, bound, number):
                limit = with_unit(num(bound), rule.unit, current())
                text = f"{words} {SYMBOLS[comparison]} {limit} → "
                return Outcome(band.points, text + points_of(band.points, criterion), shown, words)
        zero = Decimal(0)
        if criterion.adjust == "penalty" and not number:
            return Outcome(zero, penalty_words(zero, criterion), shown, words)
        explanation = _("{value} meets no band → {points}").format(
            value=words, points=points_of(zero, criterion)
        )
        return Outcome(zero, explanation, shown, words)

    def problems(self, rule: BandsRule, criterion: Criterion) -> list[RuleProblem]:
        """Band points outside the leaf's range, and bands that can never hold first."""
        low, high = criterion.lowest, criterion.max or Decimal(0)
        problems = [
            RuleProblem(
                ("bands", i, "points"),
                _("{points} points is outside {span}").format(
                    points=num(band.points), span=span(low, high)
                ),
            )
            for i, band in enumerate(rule.bands)
            if not low <= band.points <= high
        ]
        return problems + unreachable_bands(rule)

    def bounds(self, rule: BandsRule, criterion: Criterion) -> Bounds:
        return Bounds(None, None)

    def percent_line(self, rule: BandsRule, criterion: Criterion) -> PercentLine:
        return AS_PERCENT


def unreachable_bands(rule: BandsRule) -> list[RuleProblem]:
    """Bands that can never be the first to hold: every value they take is taken earlier.

    Each condition is a half-line, so which bands hold changes only at the bounds: testing the
    bounds, a point between each two and one beyond either end covers every value.
    """
    conditions = [band.comparison for band in rule.bands]
    bounds = sorted({bound for _kind, bound in conditions})
    points = [bounds[0] - 1, *bounds, bounds[-1] + 1]
    points += [(a + b) / 2 for a, b in itertools.pairwise(bounds)]
    problems = []
    for i, (kind, bound) in enumerate(conditions):
        if i == 0 or any(
            condition_holds(kind, bound, x)
            and not any(condition_holds(k, b, x) for k, b in conditions[:i])
            for x in points
        ):
            continue
        mine = [x for x in points if condition_holds(kind, bound, x)]
        cover = next(
            (
                j
                for j, (k, b) in enumerate(conditions[:i])
                if all(condition_holds(k, b, x) for x in mine)
            ),
            None,
        )
        problems.append(RuleProblem(("bands", i), _never_first(rule, i, cover)))
    return problems


def _never_first(rule: BandsRule, i: int, cover: int | None) -> str:
    kind, bound = rule.bands[i].comparison
    this = f"{kind}: {short(bound)}"
    points = short(rule.bands[i].points)
    if cover is None:
        return _(
            "this band ({this}) can never hold first: the bands before it hold for every "
            "such value, so its {points} points could never be earned; list bands from the "
            "strictest condition down"
        ).format(this=this, points=points)
    k, b = rule.bands[cover].comparison
    return _(
        "this band ({this}) can never hold first: bands[{other}] ({that}) comes before it "
        "and holds for every such value, so its {points} points could never be earned; "
        "list bands from the strictest condition down"
    ).format(this=this, other=cover, that=f"{k}: {short(b)}", points=points)
