"""One answer of an assessment against its leaf (§2.2): the criterion it names, the points
it claims, its value scored by the rule, its evidence; the outcome joins the assessment."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from parindex.core.models import Criterion, Framework, Leaf
from parindex.core.rule_texts import num
from parindex.core.rules import NOT_APPLICABLE_WORDS, RuleValueError, score_value
from parindex.core.scoring import claim_of
from parindex.errors import Problem
from parindex.i18n import _
from parindex.inputs.documents.yamlbuild import Path, YamlDocument

NO_EVIDENCE = "no_evidence"  # the code of an answer that lacks the evidence it requires

if TYPE_CHECKING:
    from parindex.inputs.documents.loading import LoadedAssessment


def unknown_criterion(doc: YamlDocument, framework: Framework, key: str, parts: Path) -> Problem:
    node = framework.node(key)
    if node is not None and node.criteria:
        children = ", ".join(leaf.id for leaf in framework.leaves if _under(node, leaf.criterion))[
            :200
        ]
        return doc.problem(
            parts,
            _("{key!r} has sub-criteria; answer its leaves instead: {children}").format(
                key=key, children=children
            ),
            key=True,
        )
    return doc.problem(
        parts,
        _("unknown criterion {key!r} in framework {framework!r}").format(
            key=key, framework=framework.framework
        ),
        key=True,
    )


def _under(node: Criterion, target: Criterion) -> bool:
    return any(visit.node is target for visit in node.walk() if visit.node is not node)


def check_answer(
    doc: YamlDocument,
    leaf: Leaf,
    answer: Any,
    parts: Path,
    result: LoadedAssessment,
    evidence: bool = True,
) -> list[Problem]:
    criterion = leaf.criterion
    if criterion.source != "self":
        by = _("the survey file") if criterion.source == "survey" else _("the appraisal council")
        return [
            doc.problem(
                parts,
                _(
                    "criterion {id!r} is scored by {by} (source: {source}), not "
                    "answered by the unit"
                ).format(id=leaf.id, by=by, source=criterion.source),
                key=True,
            )
        ]
    problems = []
    if evidence and (documents := tuple(e.strip() for e in answer.documents if e.strip())):
        result.evidence[leaf.id] = documents
    if criterion.adjust == "penalty" and answer.self_points is not None and answer.self_points < 0:
        problems.append(
            doc.problem(
                (*parts, "self_points"),
                _(
                    "claimed {claimed}: a penalty is claimed as the positive number it "
                    "subtracts (write {positive}, at most {max})"
                ).format(
                    claimed=num(answer.self_points),
                    positive=num(-answer.self_points),
                    max=num(leaf.max),
                ),
            )
        )
    elif answer.self_points is not None and not (
        criterion.lowest <= answer.self_points <= leaf.max
    ):
        problems.append(
            doc.problem(
                (*parts, "self_points"),
                _("claimed {self_points} is outside the range {lowest}–{max}").format(
                    self_points=num(answer.self_points),
                    lowest=num(criterion.lowest),
                    max=num(leaf.max),
                ),
            )
        )
    if answer.not_applicable:
        if leaf.policy == "forbidden":
            problems.append(
                doc.problem(
                    (*parts, "not_applicable"),
                    _(
                        "this criterion cannot be marked not applicable (its "
                        "not_applicable is forbidden)"
                    ),
                )
            )
        if not (answer.reason or "").strip():
            problems.append(
                doc.problem(
                    (*parts, "not_applicable"),
                    _("not_applicable needs a reason: say why it did not arise"),
                )
            )
        if answer.value is not None:
            problems.append(
                doc.problem(
                    (*parts, "value"), _("give either a value or not_applicable: true, not both")
                )
            )
        result.claims[leaf.id] = claim_of(answer, None)
        return problems
    if answer.value is None:
        result.claims[leaf.id] = claim_of(answer, None)
        return problems
    try:
        outcome = score_value(leaf, answer.value)
    except RuleValueError as exc:
        message = str(exc)
        if isinstance(answer.value, str) and answer.value.strip().casefold() in (
            NOT_APPLICABLE_WORDS
        ):
            message = _(
                "{value!r} is not a value; to mark the criterion not applicable, write "
                "not_applicable: true and a reason"
            ).format(value=answer.value)
        problems.append(doc.problem((*parts, "value"), message))
        return problems
    if outcome.not_arisen:
        if leaf.policy == "forbidden":
            problems.append(
                doc.problem(
                    (*parts, "value"),
                    _(
                        "{shown}: a denominator of 0 means it did not arise, but "
                        "this criterion cannot be not applicable"
                    ).format(shown=outcome.shown),
                )
            )
    elif (
        criterion.evidence == "required"
        and outcome.points > 0  # SPEC §2.2: only an answer that earns points needs evidence
        and not any(_visible(e) for e in answer.documents)
    ):
        problems.append(
            doc.problem(
                parts,
                _("evidence is required for this criterion: list the documents (evidence: [...])"),
                code=NO_EVIDENCE,
            )
        )
    result.claims[leaf.id] = claim_of(answer, outcome)
    return problems


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
