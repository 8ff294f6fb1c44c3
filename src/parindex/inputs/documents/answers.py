"""One answer of an assessment against its leaf: the criterion it names, the points it
claims, its value scored by the rule, its evidence; every problem of the answer at once.

The checks know nothing of the file the answer came from: they are given a `Locator`, which
turns a key path (`("answers", "1.2", "value")`) into a located problem. A YAML document is
one; the rows of a workbook form can be another, and reuse every check.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Protocol

from parindex.core.models import Answer, Criterion, Framework, Leaf
from parindex.core.results import Claim
from parindex.core.rule_texts import num
from parindex.core.rules import NOT_APPLICABLE_WORDS, Outcome, RuleValueError, score_value
from parindex.core.scoring import claim_of
from parindex.errors import Problem, Severity
from parindex.i18n import _
from parindex.inputs.documents.yamlbuild import Path

NO_EVIDENCE = "no_evidence"  # the code of an answer that lacks the evidence it requires


class Locator(Protocol):
    """Where a key path of one input stands, as a problem there (`YamlDocument` is one)."""

    def problem(
        self,
        parts: Path,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        code: str = "",
    ) -> Problem:
        """`message` located at `parts` (with `key`, at the key itself rather than its
        value)."""


# What checking one answer found: its problems, and the claim scoring takes from it (None
# when it cannot be scored). A plain pair: a province checks ~100,000 answers.
AnswerCheck = tuple[list[Problem], Claim | None]


def listed_documents(answer: Answer) -> tuple[str, ...]:
    """The evidence documents an answer lists, blank entries left out."""
    return tuple(e.strip() for e in answer.documents if e.strip())


def unknown_criterion(where: Locator, framework: Framework, key: str, parts: Path) -> Problem:
    """An answer to an id that is no leaf of `framework`: a parent's (name its leaves), or
    none at all."""
    node = framework.node(key)
    if node is not None and node.criteria:
        children = ", ".join(leaf.id for leaf in framework.leaves if _under(node, leaf.criterion))[
            :200
        ]
        return where.problem(
            parts,
            _("{key!r} has sub-criteria; answer its leaves instead: {children}").format(
                key=key, children=children
            ),
            key=True,
        )
    return where.problem(
        parts,
        _("unknown criterion {key!r} in framework {framework!r}").format(
            key=key, framework=framework.framework
        ),
        key=True,
    )


def _under(node: Criterion, target: Criterion) -> bool:
    return any(visit.node is target for visit in node.walk() if visit.node is not node)


def check_answer(where: Locator, leaf: Leaf, answer: Answer, parts: Path) -> AnswerCheck:
    """Every problem of the answer at `parts` to `leaf`, and what scoring takes from it."""
    criterion = leaf.criterion
    if criterion.source != "self":
        by = _("the survey file") if criterion.source == "survey" else _("the appraisal council")
        message = _(
            "criterion {id!r} is scored by {by} (source: {source}), not answered by the unit"
        ).format(id=leaf.id, by=by, source=criterion.source)
        return [where.problem(parts, message, key=True)], None
    claimed = answer.self_points
    problems = (
        []  # the common case, checked here: a claim within the leaf's range, or none
        if claimed is None or criterion.lowest <= claimed <= leaf.max
        else _claim_problems(where, leaf, claimed, parts)
    )
    if answer.not_applicable:
        problems += _not_applicable_problems(where, leaf, answer, parts)
        return problems, claim_of(answer, None)
    if answer.value is None:
        return problems, claim_of(answer, None)
    try:
        outcome = score_value(leaf, answer.value)
    except RuleValueError as exc:
        problems.append(where.problem((*parts, "value"), _refused(answer, exc)))
        return problems, None
    if outcome.not_arisen or criterion.evidence == "required":  # else nothing to check
        problems += _outcome_problems(where, leaf, answer, outcome, parts)
    return problems, claim_of(answer, outcome)


def _claim_problems(where: Locator, leaf: Leaf, claimed: Decimal, parts: Path) -> list[Problem]:
    """A claim outside the leaf's range (a penalty is claimed as a positive number)."""
    lowest = leaf.criterion.lowest
    if leaf.criterion.adjust == "penalty" and claimed < 0:
        message = _(
            "claimed {claimed}: a penalty is claimed as the positive number it "
            "subtracts (write {positive}, at most {max})"
        ).format(claimed=num(claimed), positive=num(-claimed), max=num(leaf.max))
    elif not lowest <= claimed <= leaf.max:
        message = _("claimed {self_points} is outside the range {lowest}–{max}").format(
            self_points=num(claimed), lowest=num(lowest), max=num(leaf.max)
        )
    else:
        return []
    return [where.problem((*parts, "self_points"), message)]


def _not_applicable_problems(
    where: Locator, leaf: Leaf, answer: Answer, parts: Path
) -> list[Problem]:
    """An answer marked not applicable: allowed by the leaf, with a reason, without a value."""
    problems = []
    if leaf.policy == "forbidden":
        problems.append(
            where.problem(
                (*parts, "not_applicable"),
                _(
                    "this criterion cannot be marked not applicable (its "
                    "not_applicable is forbidden)"
                ),
            )
        )
    if not (answer.reason or "").strip():
        problems.append(
            where.problem(
                (*parts, "not_applicable"),
                _("not_applicable needs a reason: say why it did not arise"),
            )
        )
    if answer.value is not None:
        problems.append(
            where.problem(
                (*parts, "value"), _("give either a value or not_applicable: true, not both")
            )
        )
    return problems


def _refused(answer: Answer, exc: RuleValueError) -> str:
    """Why the rule refused the value; a "not applicable" word says how to mark one."""
    value = answer.value
    if isinstance(value, str) and value.strip().casefold() in NOT_APPLICABLE_WORDS:
        return _(
            "{value!r} is not a value; to mark the criterion not applicable, write "
            "not_applicable: true and a reason"
        ).format(value=value)
    return str(exc)


def _outcome_problems(
    where: Locator, leaf: Leaf, answer: Answer, outcome: Outcome, parts: Path
) -> list[Problem]:
    """A value that did not arise where the leaf forbids it; points earned without the
    evidence the leaf requires (only an answer that earns points needs evidence)."""
    if outcome.not_arisen:
        if leaf.policy != "forbidden":
            return []
        message = _(
            "{shown}: a denominator of 0 means it did not arise, but "
            "this criterion cannot be not applicable"
        ).format(shown=outcome.shown)
        return [where.problem((*parts, "value"), message)]
    if (
        leaf.criterion.evidence == "required"
        and outcome.points > 0
        and not any(_visible(e) for e in answer.documents)
    ):
        message = _("evidence is required for this criterion: list the documents (evidence: [...])")
        return [where.problem(parts, message, code=NO_EVIDENCE)]
    return []


_INVISIBLE = frozenset("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")


def _visible(text: str) -> bool:
    """Whether `text` shows anything: spaces, zero-width and format characters (a BOM, U+200B)
    and control characters alone are no evidence."""
    return any(
        not ch.isspace()
        and ch not in _INVISIBLE
        and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")
        for ch in text
    )
