"""Each rule kind in words: what values it takes and what earns its full points. Pure."""

from __future__ import annotations

from decimal import Decimal

from parindex.core.models import (
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    DeductionRule,
    PointsRule,
    RatioRule,
    ScaleRule,
)
from parindex.core.numbers import short
from parindex.i18n import Lang, pick

SYMBOLS = {"above": ">", "at_least": "≥", "at_most": "≤", "below": "<"}
_WORDS = {"above": "above", "at_least": "at least", "at_most": "at most", "below": "below"}


def _top(criterion: Criterion) -> str:
    return short(criterion.max or Decimal(0))


def describe_boolean(rule: BooleanRule, criterion: Criterion, lang: Lang) -> str:
    return f"yes/no: yes → {_top(criterion)}, no → 0"


def describe_choice(rule: ChoiceRule, criterion: Criterion, lang: Lang) -> str:
    parts = []
    for key, option in rule.options.items():
        label = pick(option.label or "", option.label_en, lang)
        parts.append(f"{key} → {short(option.points)}" + (f" ({label})" if label else ""))
    return "one of: " + "; ".join(parts)


def describe_bands(rule: BandsRule, criterion: Criterion, lang: Lang) -> str:
    unit = f" {rule.unit}" if rule.unit else ""
    parts = [
        f"{SYMBOLS[c]} {short(b)}{unit} → {short(band.points)}"
        for band in rule.bands
        for c, b in [band.comparison]
    ]
    return "a number: " + "; ".join(parts) + "; otherwise 0"


def describe_ratio(rule: RatioRule, criterion: Criterion, lang: Lang) -> str:
    top = _top(criterion)
    text = f"a percent 0–100 or {{numerator: n, denominator: d}}: rate × {top} / 100"
    if rule.full_at is not None:
        text += f"; ≥ {short(rule.full_at)} % → {top}"
    if rule.zero_below is not None:
        text += f"; < {short(rule.zero_below)} % → 0"
    return text + "; denominator 0 = did not arise"


def describe_deduction(rule: DeductionRule, criterion: Criterion, lang: Lang) -> str:
    return (
        f"a whole count: {_top(criterion)} − {short(rule.per)} per count, "
        f"never below {short(rule.floor)}"
    )


def describe_scale(rule: ScaleRule, criterion: Criterion, lang: Lang) -> str:
    return f"a number from {short(rule.low)} to {short(rule.high)}: linear 0 → {_top(criterion)}"


def describe_points(rule: PointsRule, criterion: Criterion, lang: Lang) -> str:
    return f"points from {short(criterion.lowest)} to {_top(criterion)}"


def advise_boolean(rule: BooleanRule, criterion: Criterion) -> str:
    return f"meet the requirement (yes → {_top(criterion)})"


def advise_choice(rule: ChoiceRule, criterion: Criterion) -> str:
    key, option = max(rule.options.items(), key=lambda item: item[1].points)
    label = f" ({option.label})" if option.label else ""
    return f"{key}{label} → {short(option.points)}"


def advise_bands(rule: BandsRule, criterion: Criterion) -> str:
    best = max(rule.bands, key=lambda band: band.points)
    comparison, bound = best.comparison
    unit = f" {rule.unit}" if rule.unit else ""
    return f"reach {_WORDS[comparison]} {short(bound)}{unit} → {short(best.points)}"


def advise_ratio(rule: RatioRule, criterion: Criterion) -> str:
    goal = rule.full_at if rule.full_at is not None else Decimal(100)
    return f"reach {short(goal)} % → {_top(criterion)}"


def advise_deduction(rule: DeductionRule, criterion: Criterion) -> str:
    return f"0 failures (each costs {short(rule.per)}) → {_top(criterion)}"


def advise_scale(rule: ScaleRule, criterion: Criterion) -> str:
    return f"reach {short(rule.high)} on {short(rule.low)}–{short(rule.high)} → {_top(criterion)}"


def advise_points(rule: PointsRule, criterion: Criterion) -> str:
    return f"full points ({_top(criterion)})"
