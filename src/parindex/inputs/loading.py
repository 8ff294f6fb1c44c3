"""YAML files → checked models: frameworks and assessments, every problem located."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Literal

from pydantic import ValidationError

from parindex.core.models import (
    Assessment,
    Criterion,
    Framework,
    Leaf,
    Unit,
)
from parindex.core.numbers import short
from parindex.core.results import Claim
from parindex.core.rules import RuleValueError, evaluate
from parindex.core.scoring import claim_of
from parindex.errors import InputError, Problem, ProblemLog
from parindex.i18n import _
from parindex.inputs.tree_checks import check_bands, check_despite, check_tree
from parindex.inputs.yamlfile import Path, YamlDocument, parse_yaml


@dataclass(slots=True)
class LoadedFramework:
    framework: Framework
    path: str


@dataclass(slots=True)
class LoadedAssessment:
    """An assessment that passed every check, reduced to what scoring needs: the unit and
    one Claim per answered criterion (the outcome of its value already computed)."""

    unit: Unit
    framework: str
    path: str
    claims: dict[str, Claim] = field(default_factory=dict)
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)  # listed documents
    missing: list[str] = field(default_factory=list)
    unit_at: tuple[int, int] = (1, 1)  # where `unit.id` stands, for problems found later


def read_document(path: str) -> YamlDocument:
    """Read and parse one YAML file; raise InputError with a located problem."""
    try:
        raw = FilePath(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError([Problem(path, "no such file")]) from exc
    except IsADirectoryError as exc:
        raise InputError([Problem(path, "is a directory, not a file")]) from exc
    except OSError as exc:
        raise InputError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from exc
    return parse_yaml(raw, path)


FileKind = Literal["framework", "questionnaire", "assessment"]


def classify(doc: YamlDocument) -> FileKind | None:
    """What a YAML document is, or None for a document that is none of these."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    if "framework" in data and "criteria" in data:
        return "framework"
    if "questionnaire" in data:
        return "questionnaire"
    if "unit" in data:
        return "assessment"
    return None


# --- frameworks -------------------------------------------------------------------------------


def load_framework_file(path: str) -> Framework:
    """One framework file, read and checked alone (for `show` and `template`)."""
    try:
        doc = read_document(path)
    except InputError as exc:
        raise InputError(exc.problems) from exc
    if classify(doc) != "framework":
        raise InputError(
            [doc.problem((), "not a framework file (it needs 'framework:' and 'criteria:')")]
        )
    framework, problems = build_framework(doc)
    if framework is None:
        raise InputError(problems)
    return framework


def build_framework(doc: YamlDocument) -> tuple[Framework | None, list[Problem]]:
    """Validate a framework document: the model, then every consistency rule of the tree."""
    try:
        framework = Framework.model_validate(doc.data)
    except ValidationError as exc:
        from parindex.inputs.validation import pydantic_problems  # only files with errors need it

        return None, pydantic_problems(doc, exc, Framework) + check_despite(doc, exc)
    problems = check_tree(doc, framework)
    problems += check_bands(doc, framework)
    if not problems and framework.regular_total <= 0:
        problems.append(
            doc.problem(
                ("criteria",),
                "the framework has no regular (non-bonus, non-penalty) criteria with points",
            )
        )
    return (None if problems else framework), problems


# --- assessments ------------------------------------------------------------------------------


def build_assessment(
    doc: YamlDocument, frameworks: dict[str, LoadedFramework], *, strict: bool = False
) -> tuple[LoadedAssessment | None, list[Problem]]:
    """Validate an assessment against its framework (§2.2); missing answers become warnings,
    or errors with `strict`."""
    try:
        assessment = Assessment.model_validate(doc.data)
    except ValidationError as exc:
        from parindex.inputs.validation import pydantic_problems  # only files with errors need it

        return None, pydantic_problems(doc, exc, Assessment)
    loaded = frameworks.get(assessment.framework)
    if loaded is None:
        known = ", ".join(sorted(frameworks)) or "none found"
        return None, [
            doc.problem(
                ("framework",),
                f"unknown framework {assessment.framework!r}; "
                f"known frameworks: {known} (frameworks are read from "
                "--criteria DIR, default ./criteria, and the given paths)",
            )
        ]
    framework = loaded.framework
    problems = ProblemLog()
    if assessment.unit.group != framework.group:
        problems.append(
            doc.problem(
                ("unit", "group"),
                f"group {assessment.unit.group!r} differs "
                f"from framework {framework.framework!r}'s group "
                f"{framework.group!r}",
            )
        )
    result = LoadedAssessment(
        assessment.unit, assessment.framework, doc.path, unit_at=doc.locate(("unit", "id"))
    )
    for key, answer in assessment.answers.items():
        parts: Path = ("answers", key)
        leaf = framework.leaf(key)
        if leaf is None:
            problems.append(_unknown_criterion(doc, framework, key, parts))
            continue
        problems += _check_answer(doc, leaf, answer, parts, result)
    # Missing answers under --strict fail the run but leave the unit readable, so its
    # appraisal and survey rows are still checked instead of all reported as unknown.
    blocking = any(p.severity == "error" for p in problems)
    for leaf in framework.leaves:
        if leaf.criterion.source != "self" or leaf.criterion.adjust is not None:
            continue
        given = assessment.answers.get(leaf.id)
        if given is None or (given.value is None and not given.not_applicable):
            result.missing.append(leaf.id)
            where: Path = ("answers", leaf.id, "value") if given is not None else ("answers",)
            label = "" if given is not None else f"criterion {leaf.id!r}: "
            consequence = (
                "--strict requires every criterion" if strict else "scored 0 and counted as missing"
            )
            problems.append(
                doc.problem(
                    where,
                    f"{label}not answered ({consequence})",
                    key=given is None,
                    severity="error" if strict else "warning",
                    code="missing",
                )
            )
    return (None if blocking else result), problems


def _unknown_criterion(doc: YamlDocument, framework: Framework, key: str, parts: Path) -> Problem:
    node = framework.node(key)
    if node is not None and node.criteria:
        children = ", ".join(leaf.id for leaf in framework.leaves if _under(node, leaf.criterion))[
            :200
        ]
        return doc.problem(
            parts, f"{key!r} has sub-criteria; answer its leaves instead: {children}", key=True
        )
    return doc.problem(
        parts, f"unknown criterion {key!r} in framework {framework.framework!r}", key=True
    )


def _under(node: Criterion, target: Criterion) -> bool:
    return any(visit.node is target for visit in node.walk() if visit.node is not node)


def _check_answer(
    doc: YamlDocument, leaf: Leaf, answer: Any, parts: Path, result: LoadedAssessment
) -> list[Problem]:
    criterion = leaf.criterion
    if criterion.source != "self":
        by = "the survey file" if criterion.source == "survey" else "the appraisal council"
        return [
            doc.problem(
                parts,
                f"criterion {leaf.id!r} is scored by {by} "
                f"(source: {criterion.source}), not answered by the unit",
                key=True,
            )
        ]
    problems = []
    documents = tuple(e.strip() for e in answer.documents if e.strip())
    if documents:
        result.evidence[leaf.id] = documents
    if answer.self_points is not None and not (criterion.lowest <= answer.self_points <= leaf.max):
        problems.append(
            doc.problem(
                (*parts, "self_points"),
                f"claimed {short(answer.self_points)}"
                f" is outside the range {short(criterion.lowest)}–"
                f"{short(leaf.max)}",
            )
        )
    if answer.not_applicable:
        if leaf.policy == "forbidden":
            problems.append(
                doc.problem(
                    (*parts, "not_applicable"),
                    "this criterion cannot be "
                    "marked not applicable (its not_applicable is forbidden)",
                )
            )
        if not (answer.reason or "").strip():
            problems.append(
                doc.problem(
                    (*parts, "not_applicable"),
                    "not_applicable needs a reason: say why it did not arise",
                )
            )
        if answer.value is not None:
            problems.append(
                doc.problem(
                    (*parts, "value"), "give either a value or not_applicable: true, not both"
                )
            )
        result.claims[leaf.id] = claim_of(answer, None)
        return problems
    if answer.value is None:
        result.claims[leaf.id] = claim_of(answer, None)
        return problems
    try:
        outcome = evaluate(criterion, answer.value)
    except RuleValueError as exc:
        problems.append(doc.problem((*parts, "value"), str(exc)))
        return problems
    if outcome.not_arisen:
        if leaf.policy == "forbidden":
            problems.append(
                doc.problem(
                    (*parts, "value"),
                    f"{outcome.shown}: a denominator of 0 "
                    "means it did not arise, but this criterion cannot be "
                    "not applicable",
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
