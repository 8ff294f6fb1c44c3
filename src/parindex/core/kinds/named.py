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

    def options(self, rule: BooleanRule, criterion: Criterion) -> tuple[Choice, ...]:
        """Yes and no, labelled by the words each language answers with (a drop-down's)."""
        return (
            Choice("yes", criterion.max or Decimal(0), "Có", "yes"),
            Choice("no", Decimal(0), "Không", "no"),
        )

    def score(
        self, rule: BooleanRule, criterion: Criterion, value: RawValue, decimal_comma: bool
    ) -> Outcome:
        # Only text is looked up: a YAML list or mapping is unhashable and must not raise here.
        word = value.strip().casefold() if isinstance(value, str) else None
        if value is True or word in YES:
            top = criterion.max or Decimal(0)
            explanation = _("yes → {points}").format(points=points_of(top, criterion))
            return Outcome(top, explanation, "yes", _("yes"))
        if value is False or word in NO:
            zero = Decimal(0)
            explanation = _("no → {points}").format(points=points_of(zero, criterion))
            return Outcome(zero, explanation, "no", _("no"))
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
        text = value.strip() if isinstance(value, str) else None
        key = option_key(rule, text) if text is not None else None
        if key is None:
            raise RuleValueError(_refusal(rule, value, text))
        option = rule.options[key]
        said = option_words(key, option.label, option.label_en)
        return Outcome(option.points, f"{said} → {points_of(option.points, criterion)}", key, said)

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
        ] + _label_problems(rule)

    def options(self, rule: ChoiceRule, criterion: Criterion) -> tuple[Choice, ...]:
        return tuple(
            Choice(key, option.points, option.label, option.label_en)
            for key, option in rule.options.items()
        )


def option_key(rule: ChoiceRule, text: str) -> str | None:
    """The option `text` names: its key, or its label or English label exactly (what a form's
    drop-down shows); None when it names none. Labels are unique within a rule and never
    another option's key (the framework's checks), so the first match is the only one."""
    if text in rule.options:
        return text
    for key, option in rule.options.items():
        if text in (option.label, option.label_en):
            return key
    return None


def option_words(key: str, label: str | None, label_en: str | None) -> str:
    """An option as people read it: its label in the run's language, else its key."""
    return pick(label or "", label_en, current()) or key


def _refusal(rule: ChoiceRule, value: RawValue, text: str | None) -> str:
    """What a value that names no option is told: the options by their words (the labels
    people pick; a key where an option has none), and the nearest one when it missed only by
    case, marks or spaces."""
    allowed = ", ".join(
        f"“{option_words(key, o.label, o.label_en)}”" for key, o in rule.options.items()
    )
    message = _("{value} is not an option of this criterion; allowed: {allowed}").format(
        value=shown(value), allowed=allowed
    )
    if text is None:
        return message
    for key, option in rule.options.items():
        for word in (option_words(key, option.label, option.label_en), key, option.label):
            if word and loose(word) == loose(text):
                hint = _("(did you mean {option!r}? options are written exactly)")
                return f"{message} {hint.format(option=word)}"
    return message


def _label_problems(rule: ChoiceRule) -> list[RuleProblem]:
    """A label that names two options: the same label (or English label) twice, or a label
    equal to another option's key or English label, so an answer would not say which."""
    problems = []
    seen = {key: key for key in rule.options}  # word → the option that has it
    for key, option in rule.options.items():
        for field, word in (("label", option.label), ("label_en", option.label_en)):
            if not word:
                continue
            other = seen.get(word)
            if other is not None and other != key:
                problems.append(
                    RuleProblem(
                        ("options", key, field),
                        _(
                            "{word!r} already names option {other!r}; an option's labels "
                            "must differ from every other option's key and labels"
                        ).format(word=word, other=other),
                    )
                )
            else:
                seen[word] = key
    return problems
