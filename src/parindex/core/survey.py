"""Survey forms → one value per unit and survey leaf (SPEC §6), in exact fractions.

For unit u and question q: the mean answer share within each respondent group; then the
groups' weighted mean over the groups that answered q (weights renormalised over them); the
criterion's percent is the question-weighted mean over its answered questions; the leaf's
rule turns the percent into its value, rounded half up to 2 decimals once, at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from parindex.core.models import (
    BandsRule,
    Criterion,
    Framework,
    PointsRule,
    RatioRule,
    ScaleRule,
)
from parindex.core.questionnaire import Questionnaire

PLACES = 2  # the survey table's decimals (SPEC §6)
PERCENT_KINDS = ("ratio", "bands", "points", "scale")


@dataclass(frozen=True, slots=True)
class Form:
    """One returned form: its unit, its group id ("" without groups) and its answers as
    question id → share (% of the question's points). Blank answers are simply absent."""

    unit_id: str
    group: str
    answers: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class SurveyRow:
    """One row of the survey table."""

    unit_id: str
    criterion: str
    value: Decimal
    forms: int


@dataclass(slots=True)
class SurveyResult:
    rows: list[SurveyRow]
    forms: dict[str, dict[str, int]] = field(default_factory=dict)  # unit → group → forms

    @property
    def units(self) -> list[str]:
        return sorted(self.forms)


def takes_percent(criterion: Criterion) -> bool:
    """Whether a survey percent can become this leaf's value (ratio, bands, points, scale)."""
    return isinstance(criterion.rule, (RatioRule, BandsRule, PointsRule, ScaleRule))


def value_of(criterion: Criterion, percent: Fraction) -> Fraction:
    """The leaf's value for a survey percent: ratio and bands take the percent itself,
    points max × % / 100, scale low + (high − low) × % / 100."""
    rule = criterion.rule
    if isinstance(rule, (RatioRule, BandsRule)):
        return percent
    if isinstance(rule, PointsRule):
        return Fraction(criterion.max or 0) * percent / 100
    if isinstance(rule, ScaleRule):
        return Fraction(rule.low) + (Fraction(rule.high) - Fraction(rule.low)) * percent / 100
    raise ValueError(f"a {getattr(rule, 'kind', None)} leaf cannot take a survey percent")


def round_half_up(value: Fraction, places: int = PLACES) -> Decimal:
    """An exact fraction rounded half away from zero, as Decimal's ROUND_HALF_UP does."""
    scaled = abs(value) * 10**places
    whole = scaled.numerator * 2 + scaled.denominator  # floor(scaled + 1/2), in integers
    digits = whole // (2 * scaled.denominator)
    return Decimal(-digits if value < 0 else digits).scaleb(-places)


def aggregate(
    questionnaire: Questionnaire, framework: Framework, forms: Iterable[Form]
) -> SurveyResult:
    """The survey table of `forms` (every answer already matched to its share)."""
    questions = {q.id: q for q in questionnaire.questions}
    criterion_of = {q.id: q.criterion for q in questionnaire.questions}
    group_weight = {g.id: Fraction(g.weight) for g in questionnaire.groups}
    # (unit, question, group) → share → count: exact sums without a Fraction per answer
    tallies: dict[tuple[str, str, str], dict[Decimal, int]] = {}
    answered: dict[tuple[str, str], int] = {}  # (unit, criterion) → forms
    counts: dict[str, dict[str, int]] = {}
    for form in forms:
        if not form.answers:
            continue
        per_group = counts.setdefault(form.unit_id, {})
        per_group[form.group] = per_group.get(form.group, 0) + 1
        for question_id, share in form.answers.items():
            key = (form.unit_id, question_id, form.group)
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = {}
            tally[share] = tally.get(share, 0) + 1
        for criterion in {criterion_of[q] for q in form.answers}:
            pair = (form.unit_id, criterion)
            answered[pair] = answered.get(pair, 0) + 1
    # question means: weighted over the groups that answered, weights renormalised
    by_question: dict[tuple[str, str], list[tuple[Fraction, Fraction]]] = {}
    for (unit_id, question_id, group), tally in tallies.items():
        total = sum(tally.values())
        mean = sum((Fraction(s) * n for s, n in tally.items()), Fraction(0)) / total
        by_question.setdefault((unit_id, question_id), []).append(
            (group_weight.get(group, Fraction(1)), mean)
        )
    by_criterion: dict[tuple[str, str], list[tuple[Fraction, Fraction]]] = {}
    for (unit_id, question_id), means in by_question.items():
        question = questions[question_id]
        weights = sum((w for w, _ in means), Fraction(0))
        mean = sum((w * m for w, m in means), Fraction(0)) / weights
        by_criterion.setdefault((unit_id, question.criterion), []).append(
            (Fraction(question.weight), mean)
        )
    rows = []
    for (unit_id, criterion_id), means in by_criterion.items():
        leaf = framework.leaf(criterion_id)
        assert leaf is not None, "questions are checked against the framework on load"
        weights = sum((w for w, _ in means), Fraction(0))
        percent = sum((w * m for w, m in means), Fraction(0)) / weights
        value = round_half_up(value_of(leaf.criterion, percent))
        rows.append(SurveyRow(unit_id, criterion_id, value, answered[(unit_id, criterion_id)]))
    order = {leaf.id: leaf.order for leaf in framework.leaves}
    rows.sort(key=lambda r: (r.unit_id, order[r.criterion]))
    return SurveyResult(rows, counts)
