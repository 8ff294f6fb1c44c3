"""One small function per rule kind: a value → points and an explanation in words. Pure."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from typing_extensions import assert_never

from parindex.core import rule_texts as texts
from parindex.core.models import (
    BandsRule,
    ChoiceRule,
    Comparison,
    Criterion,
    DeductionRule,
    Leaf,
    PointsRule,
    RatioRule,
    RuleKind,
    ScaleRule,
)
from parindex.core.numbers import MAX_DECIMALS, divide, parse_number, plain, short
from parindex.core.rule_texts import SYMBOLS, num
from parindex.i18n import Lang, _, current, number, pick, with_unit

YES = frozenset({"yes", "true", "có", "co", "đạt", "1"})
NO = frozenset({"no", "false", "không", "khong", "không đạt", "0"})
# Words people write for "not applicable"; a table's value cell may hold one.
NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "không áp dụng", "không phát sinh"})
HUNDRED = Decimal(100)


class RuleValueError(ValueError):
    """The value cannot be taken by the rule; the message says what is allowed."""


class Outcome(NamedTuple):
    """Points earned by a value, how they came about (in words of the run's language), and
    the value as written in files (numbers with a dot)."""

    points: Decimal
    explanation: str
    shown: str
    not_arisen: bool = False


def evaluate(criterion: Criterion, value: Any, *, decimal_comma: bool = False) -> Outcome:
    """Score `value` by the leaf's rule; raise RuleValueError when the rule cannot take it."""
    rule = criterion.rule
    if rule is None:  # pragma: no cover - loading guarantees every leaf has a rule
        raise RuleValueError(_("this criterion has no rule"))
    return KINDS[rule.kind].score(rule, criterion, value, decimal_comma)


# Values remembered per leaf by `score_value`: enough for every yes/no, option and common
# percentage, bounded so a province of free-form numbers cannot grow it without end.
MEMO_LIMIT = 1024
# Not float or Decimal: -0.0 == 0.0 and 1.0 == 1.00, yet each is shown as written.
_MEMO_TYPES = frozenset({str, int, bool})


def score_value(leaf: Leaf, value: Any, *, decimal_comma: bool = False) -> Outcome:
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


def _of(points: Decimal, criterion: Criterion) -> str:
    return _("{points} of {max}").format(points=num(points), max=num(criterion.max or Decimal(0)))


def _number(value: Any, decimal_comma: bool, what: str) -> Decimal:
    number = parse_number(value, decimal_comma=decimal_comma)
    if number is None:
        raise RuleValueError(
            _("{value} is not a number; expected {what}{hint}").format(
                value=_show(value), what=what, hint=_hint(value, decimal_comma)
            )
        )
    return number


_LONG_DECIMAL = re.compile(rf"[+-]?\d*[.,](\d{{{MAX_DECIMALS + 1},}})\Z")


def _hint(value: Any, decimal_comma: bool = False) -> str:
    """What probably went wrong with a number typed the way people write it."""
    if isinstance(value, float) and value == value:
        value = repr(value)
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if _LONG_DECIMAL.match(text):
        return " " + _(
            "(it has more than {places} decimals; round it, e.g. with Excel's ROUND)"
        ).format(places=MAX_DECIMALS)
    if text.endswith("%"):
        bare = text[:-1].strip()
        if parse_number(bare, decimal_comma=decimal_comma) is not None:
            return " " + _("(write {number}, without the % sign)").format(number=bare)
        if parse_number(bare, decimal_comma=True) is not None:
            return " " + _("(write {number}: a dot for decimals, and no % sign)").format(
                number=bare.replace(",", ".")
            )
    if not decimal_comma and parse_number(text, decimal_comma=True) is not None:
        return " " + _("(write {number}: a dot for decimals in YAML)").format(
            number=text.replace(",", ".")
        )
    return ""


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:40] + "…")
    if value is None:
        return _("an empty value")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return repr(value)


def _boolean(rule: Any, criterion: Criterion, value: Any, _comma: bool) -> Outcome:
    # Only text is looked up: a YAML list or mapping is unhashable and must not raise here.
    word = value.strip().casefold() if isinstance(value, str) else None
    if value is True or word in YES:
        top = criterion.max or Decimal(0)
        return Outcome(top, _("yes → {points}").format(points=_of(top, criterion)), "yes")
    if value is False or word in NO:
        return Outcome(
            Decimal(0), _("no → {points}").format(points=_of(Decimal(0), criterion)), "no"
        )
    near = [w for w in sorted(YES | NO) if isinstance(value, str) and _loose(w) == _loose(value)]
    hint = (
        " " + _("(did you mean {word!r}? answer words are written exactly)").format(word=near[0])
        if near
        else ""
    )
    raise RuleValueError(
        _("{value} is not a yes/no answer; allowed: yes, no, true, false").format(
            value=_show(value)
        )
        + hint
    )


def _choice(rule: ChoiceRule, criterion: Criterion, value: Any, _comma: bool) -> Outcome:
    key = value.strip() if isinstance(value, str) else value
    option = rule.options.get(key) if isinstance(key, str) else None
    if option is None:
        allowed = ", ".join(rule.options)
        near = [k for k in rule.options if isinstance(key, str) and _loose(k) == _loose(key)]
        hint = (
            " " + _("(did you mean {option!r}? options are written exactly)").format(option=near[0])
            if near
            else ""
        )
        raise RuleValueError(
            _("{value} is not an option of this criterion; allowed: {allowed}").format(
                value=_show(value), allowed=allowed
            )
            + hint
        )
    label = pick(option.label or "", option.label_en, current())
    label = f" ({label})" if label else ""
    return Outcome(option.points, f"{key}{label} → {_of(option.points, criterion)}", str(key))


def _loose(text: str) -> str:
    """A word without case, diacritics, spaces, `_` or `-`: how near misses are found."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c)).casefold()


def condition_holds(comparison: Comparison, bound: Decimal, number: Decimal) -> bool:
    if comparison == "above":
        return number > bound
    if comparison == "at_least":
        return number >= bound
    if comparison == "at_most":
        return number <= bound
    if comparison == "below":
        return number < bound
    assert_never(comparison)


def _bands(rule: BandsRule, criterion: Criterion, value: Any, comma: bool) -> Outcome:
    number = _number(value, comma, _("a number"))
    shown = f"{plain(number)} {rule.unit}" if rule.unit else plain(number)
    said = with_unit(_said(number), rule.unit, current())
    for band in rule.bands:
        comparison, bound = band.comparison
        if condition_holds(comparison, bound, number):
            limit = with_unit(num(bound), rule.unit, current())
            text = f"{said} {SYMBOLS[comparison]} {limit} → {_of(band.points, criterion)}"
            return Outcome(band.points, text, shown)
    return Outcome(
        Decimal(0),
        _("{value} meets no band → {points}").format(value=said, points=_of(Decimal(0), criterion)),
        shown,
    )


def _said(value: Decimal) -> str:
    """A value as the unit gave it, in the words of an explanation (every decimal it has)."""
    return number(value, current(), trim=True)


def parse_rate(value: Any, comma: bool) -> tuple[Decimal | None, str, str]:
    """A ratio value → (percent, as shown in files, as said in an explanation); percent None
    when the denominator is 0."""
    if isinstance(value, str) and "/" in value:
        left, _slash, right = value.partition("/")
        value = {"numerator": left, "denominator": right}
    if isinstance(value, dict):
        unknown = set(value) - {"numerator", "denominator"}
        if unknown or len(value) != 2:
            written = _(
                "a ratio is written {{numerator: n, denominator: d}} (in a table cell: n/d)"
            )
            raise RuleValueError(written.format())
        numerator = _number(value["numerator"], comma, _("a count for numerator"))
        denominator = _number(value["denominator"], comma, _("a count for denominator"))
        if numerator < 0 or denominator < 0:
            raise RuleValueError(_("numerator and denominator must not be negative"))
        shown = f"{plain(numerator)}/{plain(denominator)}"
        said = f"{_said(numerator)}/{_said(denominator)}"
        if denominator == 0:
            if numerator != 0:
                raise RuleValueError(
                    _("{value}: the denominator is 0 but the numerator is not").format(value=shown)
                )
            return None, shown, said
        if numerator > denominator:
            raise RuleValueError(
                _(
                    "{value}: the numerator exceeds the denominator (a rate is at most 100 %)"
                ).format(value=shown)
            )
        rate = divide(numerator * HUNDRED, denominator)
        said += " = " + with_unit(num(rate), "%", current())
        return rate, f"{shown} = {short(rate)} %", said
    rate = _number(value, comma, _("a percent from 0 to 100, or numerator/denominator"))
    if not 0 <= rate <= HUNDRED:
        raise RuleValueError(
            _("{value} is outside 0–100; a ratio is a percent from 0 to 100").format(
                value=num(rate)
            )
        )
    return rate, f"{short(rate)} %", with_unit(num(rate), "%", current())  # vi: "96,67%"


def _ratio(rule: RatioRule, criterion: Criterion, value: Any, comma: bool) -> Outcome:
    top = criterion.max or Decimal(0)
    rate, shown, said = parse_rate(value, comma)
    if rate is None:
        return Outcome(
            Decimal(0), _("{value}: did not arise").format(value=shown), shown, not_arisen=True
        )
    if rule.full_at is not None and rate >= rule.full_at:
        return Outcome(
            top,
            _("{value} ≥ full_at {bound} → {points}").format(
                value=said, bound=num(rule.full_at), points=_of(top, criterion)
            ),
            shown,
        )
    if rule.zero_below is not None and rate < rule.zero_below:
        return Outcome(
            Decimal(0),
            _("{value} < zero_below {bound} → {points}").format(
                value=said, bound=num(rule.zero_below), points=_of(Decimal(0), criterion)
            ),
            shown,
        )
    points = divide(top * rate, HUNDRED)
    return Outcome(points, f"{said} × {num(top)} → {_of(points, criterion)}", shown)


def _deduction(rule: DeductionRule, criterion: Criterion, value: Any, comma: bool) -> Outcome:
    count = _number(value, comma, _("a whole count of 0 or more"))
    if count < 0 or count != count.to_integral_value():
        raise RuleValueError(
            _("{value} is not a whole count; expected 0, 1, 2, …").format(value=short(count))
        )
    top = criterion.max or Decimal(0)
    points = top - rule.per * count
    shown = plain(count)
    if points < rule.floor:
        points = rule.floor
        text = _("{count} × {per} off, floor {floor} → {points}").format(
            count=shown, per=num(rule.per), floor=num(rule.floor), points=_of(points, criterion)
        )
    else:
        text = _("{count} × {per} off → {points}").format(
            count=shown, per=num(rule.per), points=_of(points, criterion)
        )
    return Outcome(points, text, shown)


def _scale(rule: ScaleRule, criterion: Criterion, value: Any, comma: bool) -> Outcome:
    low, high = sorted((rule.low, rule.high))
    number = _number(
        value, comma, _("a number from {low} to {high}").format(low=num(low), high=num(high))
    )
    if not low <= number <= high:
        raise RuleValueError(
            _("{value} is outside {low}–{high}").format(
                value=num(number), low=num(low), high=num(high)
            )
        )
    top = criterion.max or Decimal(0)
    points = divide(top * (number - rule.low), rule.high - rule.low)
    return Outcome(
        points,
        _("{value} on {low}–{high} → {points}").format(
            value=_said(number),
            low=num(rule.low),
            high=num(rule.high),
            points=_of(points, criterion),
        ),
        plain(number),
    )


def _points(rule: PointsRule, criterion: Criterion, value: Any, comma: bool) -> Outcome:
    top = criterion.max or Decimal(0)
    number = _number(
        value,
        comma,
        _("points from {low} to {top}").format(low=num(criterion.lowest), top=num(top)),
    )
    if not criterion.lowest <= number <= top:
        raise RuleValueError(
            _("{value} is outside the range {low}–{top}").format(
                value=num(number), low=num(criterion.lowest), top=num(top)
            )
        )
    return Outcome(
        number,
        _("given {points} of {max}").format(points=_said(number), max=num(top)),
        plain(number),
    )


class KindRules(NamedTuple):
    """What parindex knows of one rule kind: how a value scores, how the rule reads in
    words, and what earns its full points."""

    score: Callable[[Any, Criterion, Any, bool], Outcome]
    describe: Callable[[Any, Criterion, Lang], str]
    advise: Callable[[Any, Criterion], str]


# The one registry of rule kinds: every kind of `RuleKind` has exactly one entry (a test
# holds it to `RULE_KINDS`), and nothing else switches on a kind.
KINDS: dict[RuleKind, KindRules] = {
    "boolean": KindRules(_boolean, texts.describe_boolean, texts.advise_boolean),
    "choice": KindRules(_choice, texts.describe_choice, texts.advise_choice),
    "bands": KindRules(_bands, texts.describe_bands, texts.advise_bands),
    "ratio": KindRules(_ratio, texts.describe_ratio, texts.advise_ratio),
    "deduction": KindRules(_deduction, texts.describe_deduction, texts.advise_deduction),
    "scale": KindRules(_scale, texts.describe_scale, texts.advise_scale),
    "points": KindRules(_points, texts.describe_points, texts.advise_points),
}


def describe(criterion: Criterion, lang: Lang = "en") -> str:
    """What values the leaf takes and what they earn, in words (for templates and gap plans)."""
    rule = criterion.rule
    assert rule is not None, "loading guarantees every leaf has a rule"
    return KINDS[rule.kind].describe(rule, criterion, lang)


def advise(criterion: Criterion) -> str:
    """What value would earn the leaf's full points, in words."""
    rule = criterion.rule
    assert rule is not None, "loading guarantees every leaf has a rule"
    return KINDS[rule.kind].advise(rule, criterion)
