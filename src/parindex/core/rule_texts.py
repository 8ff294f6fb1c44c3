"""Each rule kind in words: what values it takes and what earns its full points. Pure.

Every text is a whole sentence of the catalog with named placeholders, in the run's
language (`i18n.use`); numbers in it follow the language too (a decimal comma under vi).
"""

from __future__ import annotations

from decimal import Decimal

from parindex.core.models import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Comparison,
    Condition,
    Criterion,
    DeductionRule,
    PointsRule,
    RatioRule,
    ScaleRule,
)
from parindex.i18n import N_, Lang, _, current, ngettext, number, pick
from parindex.i18n import with_unit as i18n_with_unit

SYMBOLS = {"above": ">", "at_least": "≥", "at_most": "≤", "below": "<"}
# A band's condition in the words of a form ("above 90 %", "at least 70 %").
_CONDITION: dict[Comparison, str] = {
    "above": N_("above {bound}"),
    "at_least": N_("at least {bound}"),
    "at_most": N_("at most {bound}"),
    "below": N_("below {bound}"),
}


def num(value: Decimal) -> str:
    """A number of an explanation or advice, as people of the run's language write it: at most
    two decimals, trailing zeros dropped."""
    return number(value, current(), 2, trim=True)


def _top(criterion: Criterion) -> str:
    return num(criterion.max or Decimal(0))


def describe_boolean(rule: BooleanRule, criterion: Criterion, lang: Lang) -> str:
    return _("yes/no: yes → {top}, no → 0").format(top=_top(criterion))


def describe_choice(rule: ChoiceRule, criterion: Criterion, lang: Lang) -> str:
    """The options by their labels (what people pick; a key where an option has none)."""
    parts = [
        f"“{pick(option.label or '', option.label_en, lang) or key}” → "
        + points_words(option.points)
        for key, option in rule.options.items()
    ]
    return _("one of: {options}").format(options="; ".join(parts))


def with_unit(value: Decimal, unit: str | None) -> str:
    """A number with its unit, as the run's language writes it ("90%" under vi)."""
    return i18n_with_unit(num(value), unit, current())


def points_words(points: Decimal) -> str:
    """ "2 points", "1 point", "0.5 points" in the run's language."""
    return ngettext("{points} point", "{points} points", 1 if points == 1 else 2).format(
        points=num(points)
    )


def describe_bands(rule: BandsRule, criterion: Criterion, lang: Lang) -> str:
    parts = [
        _("{condition} → {points}").format(
            condition=_(_CONDITION[c]).format(bound=with_unit(b, rule.unit)),
            points=points_words(band.points),
        )
        for band in rule.bands
        for c, b in [band.comparison]
    ]
    if rule.unit:
        return _("enter a number ({unit}): {bands}; otherwise {zero}").format(
            unit=rule.unit, bands="; ".join(parts), zero=points_words(Decimal(0))
        )
    return _("enter a number: {bands}; otherwise {zero}").format(
        bands="; ".join(parts), zero=points_words(Decimal(0))
    )


def describe_ratio(rule: RatioRule, criterion: Criterion, lang: Lang) -> str:
    top = _top(criterion)
    limits = ""
    if rule.full_at is not None:
        limits += f"; ≥ {with_unit(rule.full_at, '%')} → {top}"
    if rule.zero_below is not None:
        limits += f"; < {with_unit(rule.zero_below, '%')} → 0"
    return _(
        "a percent 0–100 or {{numerator: n, denominator: d}}: rate × {top} / 100{limits}; "
        "denominator 0 = did not arise"
    ).format(top=top, limits=limits)


def describe_deduction(rule: DeductionRule, criterion: Criterion, lang: Lang) -> str:
    """What is counted (the rule's `counts`, else "cases"), and what each costs."""
    floor = number(rule.floor, current(), 2, trim=True, minus="−")
    counted = pick(rule.counts or "", rule.counts_en, lang)
    if counted:
        return _(
            "the number of {counts} (a whole number): {top} − {per} for each, never below {floor}"
        ).format(counts=counted, top=_top(criterion), per=num(rule.per), floor=floor)
    return _(
        "the number of cases (a whole number): {top} − {per} for each, never below {floor}"
    ).format(top=_top(criterion), per=num(rule.per), floor=floor)


def describe_scale(rule: ScaleRule, criterion: Criterion, lang: Lang) -> str:
    return _("a number from {low} to {high}: linear 0 → {top}").format(
        low=num(rule.low), high=num(rule.high), top=_top(criterion)
    )


def describe_points(rule: PointsRule, criterion: Criterion, lang: Lang) -> str:
    return _("points from {low} to {top}").format(low=num(criterion.lowest), top=_top(criterion))


def cannot_earn_more(points: Decimal) -> str:
    """A leaf whose rule gives nothing above what it earns now (its best option or band is
    below its maximum): no advice to earn what cannot be earned."""
    return _("no value of this criterion earns more than {points}").format(
        points=points_words(points)
    )


def advise_boolean(rule: BooleanRule, criterion: Criterion, points: Decimal) -> str:
    return _("meet the criterion's requirement to earn {points}").format(
        points=points_words(criterion.max or Decimal(0))
    )


def advise_choice(rule: ChoiceRule, criterion: Criterion, points: Decimal) -> str:
    """The option that earns the most, by its label."""
    key, option = max(rule.options.items(), key=lambda item: item[1].points)
    if option.points <= points:
        return cannot_earn_more(points)
    label = pick(option.label or "", option.label_en, current()) or key
    return _("reach the level “{option}” to earn {points}").format(
        option=label, points=points_words(option.points)
    )


def advise_bands(rule: BandsRule, criterion: Criterion, points: Decimal) -> str:
    """The next band that earns more than now, and the band of the most points ("above 90 %
    for 0.75 points; at least 100 % for the full 1 point"): one of them when they are one."""
    better = [band for band in rule.bands if band.points > points]
    if not better:
        return cannot_earn_more(points)
    best = max(better, key=lambda band: band.points)
    step = min(better, key=lambda band: band.points)

    def condition(band: Condition) -> str:
        comparison, bound = band.comparison
        return _(_CONDITION[comparison]).format(bound=with_unit(bound, rule.unit))

    return _steps(condition(step), step.points, condition(best), best.points, criterion)


def _steps(
    step: str, step_points: Decimal, goal: str, goal_points: Decimal, criterion: Criterion
) -> str:
    """The goal alone ("reach at least 95 % to earn 2 points"), or a next step before it
    ("reach above 90 % for 0.75 points; at least 100 % for the full 1 point")."""
    if step_points == goal_points:
        return _("reach {condition} to earn {points}").format(
            condition=goal, points=points_words(goal_points)
        )
    first = _("reach {condition} for {points}").format(
        condition=step, points=points_words(step_points)
    )
    full = goal_points == (criterion.max or Decimal(0))
    then = N_("{condition} for the full {points}") if full else N_("{condition} for {points}")
    return _("{step}; {goal}").format(
        step=first, goal=_(then).format(condition=goal, points=points_words(goal_points))
    )


def advise_ratio(rule: RatioRule, criterion: Criterion, points: Decimal) -> str:
    """The full rate (or `full_at`); below `zero_below`, first the rate that starts to count."""
    top = criterion.max or Decimal(0)
    if rule.full_at is not None:
        goal = _(_CONDITION["at_least"]).format(bound=with_unit(rule.full_at, "%"))
    else:
        goal = with_unit(Decimal(100), "%")
    if rule.zero_below is not None and not points:
        start = _(_CONDITION["at_least"]).format(bound=with_unit(rule.zero_below, "%"))
        earned = top * rule.zero_below / 100
        if 0 < earned < top:
            return _steps(start, earned, goal, top, criterion)
    return _steps(goal, top, goal, top, criterion)


def advise_deduction(rule: DeductionRule, criterion: Criterion, points: Decimal) -> str:
    counted = pick(rule.counts or "", rule.counts_en, current())
    top = points_words(criterion.max or Decimal(0))
    if counted:
        return _("have no {counts} at all to earn {points}; each one costs {per}").format(
            counts=counted, points=top, per=points_words(rule.per)
        )
    return _("have no case at all to earn {points}; each one costs {per}").format(
        points=top, per=points_words(rule.per)
    )


def advise_scale(rule: ScaleRule, criterion: Criterion, points: Decimal) -> str:
    return _("reach {high} on the scale {low}–{high} to earn {points}").format(
        low=num(rule.low), high=num(rule.high), points=points_words(criterion.max or Decimal(0))
    )


def advise_points(rule: PointsRule, criterion: Criterion, points: Decimal) -> str:
    top = criterion.max or Decimal(0)
    if criterion.source == "council":
        return _("scored by the appraisal council, at most {top}").format(top=num(top))
    if criterion.source == "survey":
        return _("set by the sociological survey, at most {points}").format(
            points=points_words(top)
        )
    return _("meet the criterion's requirement in full to earn {points}").format(
        points=points_words(top)
    )
