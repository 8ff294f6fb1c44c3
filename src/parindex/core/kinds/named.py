"""The kinds whose values are words: `boolean` (yes or no) and `choice` (named options)."""

from __future__ import annotations

from decimal import Decimal

from parindex.core import rule_texts as texts
from parindex.core.kinds.base import Choice, Outcome, RawValue, RuleProblem, RuleValueError
from parindex.core.kinds.models import BooleanRule, ChoiceRule
from parindex.core.kinds.values import NO, YES, KindDefaults, loose, points_of, shown, span
from parindex.core.models import Criterion
from parindex.core.rule_texts import num
from parindex.i18n import _, current, pick


class BooleanKind(KindDefaults[BooleanRule]):
    """Yes/no: the leaf's max for a yes word, 0 for a no word."""

    describe = staticmethod(texts.describe_boolean)
    advise = staticmethod(texts.advise_boolean)

    def score(
        self, rule: BooleanRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        # Only text is looked up: a YAML list or mapping is unhashable and must not raise here.
        word = value.strip().casefold() if isinstance(value, str) else None
        if value is True or word in YES:
            top = criterion.max or Decimal(0)
            return Outcome(top, _("yes → {points}").format(points=points_of(top, top)), "yes")
        if value is False or word in NO:
            zero = Decimal(0)
            return Outcome(
                zero, _("no → {points}").format(points=points_of(zero, criterion.max)), "no"
            )
        near = [w for w in sorted(YES | NO) if isinstance(value, str) and loose(w) == loose(value)]
        hint = (
            " "
            + _("(did you mean {word!r}? answer words are written exactly)").format(word=near[0])
            if near
            else ""
        )
        raise RuleValueError(
            _(
                "{value} is not a yes/no answer; allowed: yes, no "
                "(or in Vietnamese: có, không, đạt, không đạt)"
            ).format(value=shown(value))
            + hint
        )


class ChoiceKind(KindDefaults[ChoiceRule]):
    """One of named options, each worth its points."""

    describe = staticmethod(texts.describe_choice)
    advise = staticmethod(texts.advise_choice)

    def score(
        self, rule: ChoiceRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        key = value.strip() if isinstance(value, str) else None
        option = rule.options.get(key) if key is not None else None
        if key is None or option is None:
            allowed = ", ".join(rule.options)
            near = [k for k in rule.options if key is not None and loose(k) == loose(key)]
            hint = (
                " "
                + _("(did you mean {option!r}? options are written exactly)").format(option=near[0])
                if near
                else ""
            )
            raise RuleValueError(
                _("{value} is not an option of this criterion; allowed: {allowed}").format(
                    value=shown(value), allowed=allowed
                )
                + hint
            )
        label = pick(option.label or "", option.label_en, current())
        label = f" ({label})" if label else ""
        return Outcome(
            option.points, f"{key}{label} → {points_of(option.points, criterion.max)}", key
        )

    def problems(self, rule: ChoiceRule, criterion: Criterion) -> list[RuleProblem]:
        low, high = criterion.lowest, criterion.max or Decimal(0)
        return [
            RuleProblem(
                ("options", key),
                _("option {key!r} gives {points} points, outside {span}").format(
                    key=key, points=num(option.points), span=span(low, high)
                ),
            )
            for key, option in rule.options.items()
            if not low <= option.points <= high
        ]

    def options(self, rule: ChoiceRule, criterion: Criterion) -> tuple[Choice, ...]:
        return tuple(
            Choice(key, option.points, option.label, option.label_en)
            for key, option in rule.options.items()
        )
