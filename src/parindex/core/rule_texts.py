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
    Criterion,
    DeductionRule,
    PointsRule,
    RatioRule,
    ScaleRule,
)
from parindex.i18n import N_, Lang, _, current, ngettext, number, pick
from parindex.i18n import with_unit as i18n_with_unit

SYMBOLS = {"above": ">", "at_least": "≥", "at_most": "≤", "below": "<"}
# What earns a band's points, one whole sentence per comparison (never glued from words).
_REACH: dict[Comparison, str] = {
    "above": N_("reach above {bound} → {points}"),
    "at_least": N_("reach at least {bound} → {points}"),
    "at_most": N_("reach at most {bound} → {points}"),
    "below": N_("reach below {bound} → {points}"),
}


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
    parts = []
    for key, option in rule.options.items():
        label = pick(option.label or "", option.label_en, lang)
        parts.append(f"{key} → {num(option.points)}" + (f" ({label})" if label else ""))
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


def advise_boolean(rule: BooleanRule, criterion: Criterion) -> str:
    return _("meet the requirement (yes → {top})").format(top=_top(criterion))


def advise_choice(rule: ChoiceRule, criterion: Criterion) -> str:
    key, option = max(rule.options.items(), key=lambda item: item[1].points)
    label = pick(option.label or "", option.label_en, current())
    label = f" ({label})" if label else ""
    return _("{option} → {points}").format(option=f"{key}{label}", points=num(option.points))


def advise_bands(rule: BandsRule, criterion: Criterion) -> str:
    best = max(rule.bands, key=lambda band: band.points)
    comparison, bound = best.comparison
    return _(_REACH[comparison]).format(bound=with_unit(bound, rule.unit), points=num(best.points))


def advise_ratio(rule: RatioRule, criterion: Criterion) -> str:
    goal = rule.full_at if rule.full_at is not None else Decimal(100)
    return _("reach {goal} % → {top}").format(goal=num(goal), top=_top(criterion))


def advise_deduction(rule: DeductionRule, criterion: Criterion) -> str:
    return _("0 failures (each costs {per}) → {top}").format(per=num(rule.per), top=_top(criterion))


def advise_scale(rule: ScaleRule, criterion: Criterion) -> str:
    return _("reach {high} on {low}–{high} → {top}").format(
        low=num(rule.low), high=num(rule.high), top=_top(criterion)
    )


def advise_points(rule: PointsRule, criterion: Criterion) -> str:
    if criterion.source == "council":
        return _("scored by the appraisal council, at most {top}").format(top=_top(criterion))
    return _("full points ({top})").format(top=_top(criterion))
