"""A unit's answers, appraisal and survey values → points, indices and statuses. Pure."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from decimal import Decimal

from parindex.core.models import Answer, Assessment, Framework, Leaf, Unit
from parindex.core.numbers import divide
from parindex.core.results import (
    Claim,
    LeafResult,
    LeafStatus,
    Override,
    Total,
    UnitResult,
)
from parindex.core.rule_texts import num
from parindex.core.rules import Outcome, RawValue, RuleValueError, evaluate, na_word
from parindex.i18n import _

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def score_unit(
    framework: Framework,
    assessment: Assessment,
    *,
    outcomes: Mapping[str, Outcome] | None = None,
    appraisal: Mapping[str, Override] | None = None,
    survey: Mapping[str, Override] | None = None,
    path: str = "",
) -> UnitResult:
    """Score an assessment model directly (values not in `outcomes` are evaluated here)."""
    outcomes = outcomes or {}
    claims = {}
    for key, answer in assessment.answers.items():
        leaf = framework.leaf(key)
        outcome = None
        if leaf is not None and answer.value is not None and not answer.not_applicable:
            outcome = outcomes.get(key) or _evaluate(leaf, answer.value)
        claims[key] = claim_of(answer, outcome)
    return score_claims(
        framework, assessment.unit, claims, appraisal=appraisal, survey=survey, path=path
    )


def claim_of(answer: Answer, outcome: Outcome | None) -> Claim:
    """The answer as scoring sees it; `outcome` is its value scored by the rule."""
    reason = (answer.reason or "").strip()
    if outcome is None:
        return Claim(
            answer.self_points, bool(answer.not_applicable), reason, None, "", "", "", False
        )
    # a Claim ends with an Outcome's fields, in its order
    return Claim(answer.self_points, bool(answer.not_applicable), reason, *outcome)


def score_claims(
    framework: Framework,
    unit: Unit,
    claims: Mapping[str, Claim],
    *,
    appraisal: Mapping[str, Override] | None = None,
    survey: Mapping[str, Override] | None = None,
    path: str = "",
) -> UnitResult:
    """Score every leaf of `framework` for a unit whose checked answers are `claims`.

    Precedence per leaf: an appraisal row (highest round) → the survey value (survey leaves) →
    the unit's own answer (self leaves). Council and survey leaves with nothing are pending.
    """
    appraisal = appraisal or {}
    survey = survey or {}
    leaves: list[LeafResult] = []
    for leaf in framework.leaves:
        claim = claims.get(leaf.id)
        claimed = claim.self_points if claim is not None else None
        override = appraisal.get(leaf.id)
        if override is not None:
            leaves.append(_from_override(leaf, override, claimed, "appraised"))
        elif (
            claim is None
            or claim.points is None
            or claim.not_applicable
            or claim.not_arisen
            or not leaf.own
        ):
            leaves.append(_without_points(leaf, claim, survey.get(leaf.id)))
        else:  # the common case, made inline: a province scores ~100,000 of these
            leaves.append(
                LeafResult(
                    leaf,
                    leaf.counted,
                    claim.shown,
                    claim.said,
                    claim.points,
                    claimed,
                    "scored",
                    sys.intern(claim.explanation),  # as `_leaf` does
                )
            )
    return summarise(framework, unit.id, unit.name, unit.name_en, leaves, path=path)


def _without_points(leaf: Leaf, claim: Claim | None, surveyed: Override | None) -> LeafResult:
    """A leaf whose points are not the unit's answer scored: a survey or council leaf, an
    answer marked not applicable or that did not arise, no answer at all."""
    claimed = claim.self_points if claim is not None else None
    source = leaf.criterion.source
    if source == "survey":
        if surveyed is not None:
            return _from_override(leaf, surveyed, claimed, "scored")
        return _pending(leaf, claimed, _("no survey value yet → 0"))
    if source == "council":
        return _pending(leaf, claimed, _("awaiting the appraisal council → 0"))
    if claim is not None and claim.not_applicable:
        reason = _("not applicable: {reason}").format(reason=claim.reason)
        return _not_applicable(leaf, claimed, "", "", reason, "not_applicable")
    if claim is None or claim.points is None:
        if leaf.criterion.adjust is not None:
            return _leaf(leaf, "", "", ZERO, claimed, "scored", _("none claimed"), leaf.max)
        return _leaf(leaf, "", "", ZERO, claimed, "missing", _("not answered → 0"), leaf.max)
    return _not_applicable(
        leaf, claimed, claim.shown, claim.said, claim.explanation, "not_applicable"
    )


def _evaluate(leaf: Leaf, value: RawValue) -> Outcome:
    try:
        return evaluate(leaf.criterion, value)
    except RuleValueError as exc:  # pragma: no cover - loading rejects such values first
        raise AssertionError(f"unchecked value reached scoring: {exc}") from exc


def _leaf(
    leaf: Leaf,
    value: str,
    said: str,
    points: Decimal,
    claimed: Decimal | None,
    status: LeafStatus,
    explanation: str,
    counted: Decimal,
) -> LeafResult:
    counted_max = ZERO if leaf.criterion.adjust is not None else counted
    # Interned: most units share most explanations ("yes → 2 of 2"), kept once per run.
    explanation = sys.intern(explanation)
    return LeafResult(leaf, counted_max, value, said, points, claimed, status, explanation)


def _pending(leaf: Leaf, claimed: Decimal | None, why: str) -> LeafResult:
    return _leaf(leaf, "", "", ZERO, claimed, "pending", why, leaf.max)


def _not_applicable(
    leaf: Leaf, claimed: Decimal | None, shown: str, said: str, why: str, status: LeafStatus
) -> LeafResult:
    """Not applicable, or did not arise (a ratio's 0/0, kept as written)."""
    value, said = (shown, said) if shown else ("N/A", na_word())
    if leaf.policy == "full":
        return _leaf(
            leaf,
            value,
            said,
            leaf.max,
            claimed,
            status,
            _("{why} → full {max} of {max}").format(why=why, max=num(leaf.max)),
            leaf.max,
        )
    return _leaf(
        leaf,
        value,
        said,
        ZERO,
        claimed,
        status,
        _("{why} → left out of the maximum").format(why=why),
        ZERO,
    )


def _from_outcome(
    leaf: Leaf, outcome: Outcome, claimed: Decimal | None, status: LeafStatus, prefix: str = ""
) -> LeafResult:
    if outcome.not_arisen:
        return _not_applicable(
            leaf,
            claimed,
            outcome.shown,
            outcome.said,
            prefix + outcome.explanation,
            "not_applicable" if status == "scored" else status,
        )
    return _leaf(
        leaf,
        outcome.shown,
        outcome.said,
        outcome.points,
        claimed,
        status,
        prefix + outcome.explanation,
        leaf.max,
    )


def _from_override(
    leaf: Leaf, override: Override, claimed: Decimal | None, status: LeafStatus
) -> LeafResult:
    prefix = ""
    if status == "appraised":
        prefix = _("appraised (round {round}): ").format(round=override.round)
    suffix = _("; reason: {reason}").format(reason=override.reason) if override.reason else ""
    if override.not_applicable:
        return _not_applicable(
            leaf,
            claimed,
            "",
            "",
            prefix + _("not applicable") + suffix,
            status if status == "appraised" else "not_applicable",
        )
    outcome = Outcome(override.points, override.explanation + suffix, override.shown, override.said)
    return _from_outcome(leaf, outcome, claimed, status, prefix)


def summarise(
    framework: Framework,
    unit_id: str,
    unit_name: str,
    unit_name_en: str | None,
    leaves: list[LeafResult],
    *,
    path: str = "",
    submitted: bool = True,
) -> UnitResult:
    """Add leaf results up into the fields' totals, the index and the counts."""
    regular = bonus = penalty = claimed = ZERO
    applicable = ZERO
    missing = pending = 0
    field_points = dict.fromkeys(framework.field_ids, ZERO)
    field_max = field_points.copy()
    for result in leaves:
        signed_claim = result.signed_claim
        if signed_claim is not None:  # what the unit claims: regular + bonus − penalty
            claimed += signed_claim
        if result.status == "missing":
            missing += 1
        elif result.status == "pending":
            pending += 1
        adjust = result.leaf.criterion.adjust
        if adjust == "bonus":
            bonus += result.points
        elif adjust == "penalty":
            penalty += result.points
        else:
            regular += result.points
            applicable += result.counted_max
            field = result.leaf.field
            field_points[field] += result.points
            field_max[field] += result.counted_max
    # Only the fields' totals are kept: the other nodes' are added up again when a view of
    # one unit asks for them (`UnitResult.nodes`), and a province has ~40 per unit.
    fields = {key: Total(points, field_max[key]) for key, points in field_points.items()}
    raw = divide((regular + bonus - penalty) * HUNDRED, applicable) if applicable else ZERO
    index = min(max(raw, ZERO), HUNDRED)
    return UnitResult(
        framework,
        unit_id,
        unit_name,
        unit_name_en,
        tuple(leaves),
        fields,
        regular,
        bonus,
        penalty,
        applicable,
        index,
        claimed,
        missing,
        pending,
        submitted,
        path,
    )


def not_submitted(framework: Framework, unit_id: str, unit_name: str) -> UnitResult:
    """A roster unit with no assessment, ranked last with index 0 (`--allow-absent`)."""
    leaves = [
        _leaf(leaf, "", "", ZERO, None, _absent_status(leaf), _("not submitted → 0"), leaf.max)
        for leaf in framework.leaves
    ]
    return summarise(framework, unit_id, unit_name, None, leaves, submitted=False)


def _absent_status(leaf: Leaf) -> LeafStatus:
    """As for a submitted form left blank: own criteria missing, bonus/penalty nothing claimed,
    survey and council criteria pending."""
    if leaf.criterion.source != "self":
        return "pending"
    return "scored" if leaf.criterion.adjust is not None else "missing"
