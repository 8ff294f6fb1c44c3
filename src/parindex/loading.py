"""YAML files → checked models: frameworks and assessments, every problem located."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from .errors import InputError, Problem
from .models import (
    Assessment,
    BandsRule,
    ChoiceRule,
    Criterion,
    DeductionRule,
    Framework,
    Leaf,
    RatioRule,
    ScaleRule,
    Unit,
)
from .numbers import short
from .results import Claim
from .rules import RuleValueError, evaluate
from .scoring import claim_of
from .yamlfile import Path, YamlDocument, YamlFileError, parse_yaml


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
    missing: list[str] = field(default_factory=list)
    unit_at: tuple[int, int] = (1, 1)  # where `unit.id` stands, for problems found later


def read_document(path: str) -> YamlDocument:
    """Read and parse one YAML file; raise YamlFileError with a located problem."""
    try:
        raw = FilePath(path).read_bytes()
    except FileNotFoundError as exc:
        raise YamlFileError([Problem(path, "no such file")]) from exc
    except IsADirectoryError as exc:
        raise YamlFileError([Problem(path, "is a directory, not a file")]) from exc
    except OSError as exc:
        raise YamlFileError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from exc
    return parse_yaml(raw, path)


def classify(doc: YamlDocument) -> str | None:
    """'framework', 'assessment' or None for a document that is neither."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    if "framework" in data and "criteria" in data:
        return "framework"
    if "unit" in data:
        return "assessment"
    return None


# --- frameworks -------------------------------------------------------------------------------


def load_framework_file(path: str) -> Framework:
    """One framework file, read and checked alone (for `show` and `template`)."""
    try:
        doc = read_document(path)
    except YamlFileError as exc:
        raise InputError(exc.problems) from exc
    if classify(doc) != "framework":
        raise InputError([doc.problem((), "not a framework file (it needs 'framework:' and "
                                      "'criteria:')")])
    framework, problems = build_framework(doc)
    if framework is None:
        raise InputError(problems)
    return framework


def build_framework(doc: YamlDocument) -> tuple[Framework | None, list[Problem]]:
    """Validate a framework document: the model, then every consistency rule of the tree."""
    try:
        framework = Framework.model_validate(doc.data)
    except ValidationError as exc:
        from .validation import pydantic_problems  # only files with errors need it

        return None, pydantic_problems(doc, exc, Framework) + _check_despite(doc, exc)
    problems = _check_tree(doc, framework)
    problems += _check_bands(doc, framework)
    if not problems and framework.regular_total <= 0:
        problems.append(doc.problem(("criteria",), "the framework has no regular (non-bonus, "
                                    "non-penalty) criteria with points"))
    return (None if problems else framework), problems


@dataclass(slots=True)
class Refused:
    """Criteria (by key path) of a framework the model refused, as `_check_despite` repaired
    them: `keys` lost a key, `ids` got a stand-in id, and the points of `points` (a refused
    max, list of sub-criteria or whole criterion) are unknown."""

    keys: set[Path] = field(default_factory=set)
    ids: set[Path] = field(default_factory=set)
    points: set[Path] = field(default_factory=set)

    def unknown_sums(self) -> set[Path]:
        """Every criterion with unknown points and every criterion above one."""
        return {path[:end] for path in self.points for end in range(2, len(path) + 1, 2)}


def _check_despite(doc: YamlDocument, exc: ValidationError) -> list[Problem]:
    """The tree checks of a framework the model refused, so that every problem is reported
    at once (SPEC §5), each only once.

    Each refused key gives way to its default (or a stand-in for a required one) in a copy
    of the data; nothing is then reported about a criterion that lost a key, nor about a sum
    that includes a refused max. When the copy still does not validate (a refused list of
    top-level criteria, nesting deeper than the copy can go), only the model's problems are
    reported.
    """
    refused = Refused()
    bands_refused = False
    try:
        data = copy.deepcopy(doc.data)
        for error in exc.errors():
            loc = error["loc"]
            if not loc or error["type"].startswith("recursion"):
                return []
            depth = 0  # loc[:depth] is the criterion the error is in: criteria.i.criteria.j…
            while len(loc) > depth + 1 and loc[depth] == "criteria" and isinstance(
                    loc[depth + 1], int):
                depth += 2
            node: Path = tuple(loc[:depth])
            if not node:  # a top-level key
                if loc[0] == "criteria":
                    return []
                bands_refused = bands_refused or loc[0] == "bands"
                _give_way(data, loc[:1])
                continue
            refused.keys.add(node)
            key = loc[depth] if depth < len(loc) else None
            if key is None:  # the criterion itself is not a mapping
                _put(data, node, {"id": "-", "name": "-"})
            else:
                _give_way(data, loc[:depth + 1])
            if key in (None, "id"):
                refused.ids.add(node)
            if key in (None, "max", "criteria"):
                refused.points.add(node)
        framework = Framework.model_validate(data)
    except (ValidationError, LookupError, TypeError, ValueError, RecursionError):
        return []
    problems = _check_tree(doc, framework, refused)
    return problems if bands_refused else problems + _check_bands(doc, framework)


def _give_way(data: Any, parts: Path) -> None:
    """Drop the key at `parts` (its default applies) or, for a required one, stand in."""
    *above, key = parts
    owner = data
    for part in above:
        owner = owner[part]
    if isinstance(owner, dict) and isinstance(key, str):
        if key in ("id", "name", "framework", "title", "group"):
            owner[key] = "-"
        else:
            owner.pop(key, None)


def _put(data: Any, parts: Path, value: Any) -> None:
    *above, last = parts
    for part in above:
        data = data[part]
    data[last] = value


def _check_bands(doc: YamlDocument, framework: Framework) -> list[Problem]:
    bands = framework.bands
    return [doc.problem(("bands", i, "min"), f"bands go from the highest min down: "
                        f"{short(bands[i].min)} follows {short(bands[i - 1].min)}")
            for i in range(1, len(bands)) if bands[i].min >= bands[i - 1].min]


def _check_tree(doc: YamlDocument, framework: Framework,
                refused: Refused | None = None) -> list[Problem]:
    """Duplicate ids, sums and ranges; with `refused` (see `_check_despite`) nothing is said
    about a stand-in id, a criterion that lost a key, or a sum with unknown points."""
    refused = refused or Refused()
    unknown_sums = refused.unknown_sums()
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    stack: list[tuple[Criterion, Path]] = [
        (node, ("criteria", i)) for i, node in reversed(list(enumerate(framework.criteria)))]
    while stack:
        node, parts = stack.pop()
        line = doc.locate((*parts, "id"))[0]
        if parts in refused.ids:
            pass
        elif node.id in first_seen:
            problems.append(doc.problem(
                (*parts, "id"), f"duplicate criterion id {node.id!r}: first at line "
                f"{first_seen[node.id]}, again at line {line}; ids must be unique"))
        else:
            first_seen[node.id] = line
        if parts in refused.keys:
            pass
        elif node.criteria:
            problems += _check_parent(doc, node, parts, sums=parts not in unknown_sums)
        else:
            problems += _check_leaf(doc, node, parts)
        if node.criteria:
            stack.extend((child, (*parts, "criteria", i))
                         for i, child in reversed(list(enumerate(node.criteria))))
    return problems


def _leaf_total(node: Criterion) -> Decimal:
    if not node.criteria:
        return node.max or Decimal(0)
    return sum((_leaf_total(child) for child in node.criteria), Decimal(0))


def _check_parent(doc: YamlDocument, node: Criterion, parts: Path, *,
                  sums: bool = True) -> list[Problem]:
    problems = []
    if node.rule is not None:
        problems.append(doc.problem((*parts, "rule"), "a criterion with sub-criteria has no "
                                    "rule: its points are the sum of its sub-criteria"))
    if node.adjust is not None:
        problems.append(doc.problem((*parts, "adjust"), "adjust marks leaves only (criteria "
                                    "without sub-criteria)"))
    total = _leaf_total(node)
    if sums and node.max is not None and node.max != total:
        problems.append(doc.problem((*parts, "max"), f"declared max {short(node.max)} does not "
                                    f"match the sum of its sub-criteria, {short(total)}"))
    return problems


def _check_leaf(doc: YamlDocument, node: Criterion, parts: Path) -> list[Problem]:
    problems = []
    if node.max is None:
        problems.append(doc.problem(parts, "a leaf criterion needs max (its maximum points)"))
    elif node.max <= 0:
        problems.append(doc.problem((*parts, "max"),
                                    f"max must be positive, got {short(node.max)}"))
    if node.rule is None:
        problems.append(doc.problem(parts, "a leaf criterion needs a rule (kind: boolean, "
                                    "choice, bands, ratio, deduction, scale or points)"))
    if problems or node.max is None:
        return problems
    low, high = node.lowest, node.max
    span = f"the leaf's range {short(low)}–{short(high)}"
    rule = node.rule
    base = (*parts, "rule")
    if isinstance(rule, ChoiceRule):
        for key, option in rule.options.items():
            if not low <= option.points <= high:
                problems.append(doc.problem((*base, "options", key), f"option {key!r} gives "
                                            f"{short(option.points)} points, outside {span}"))
    elif isinstance(rule, BandsRule):
        for i, band in enumerate(rule.bands):
            if not low <= band.points <= high:
                problems.append(doc.problem((*base, "bands", i, "points"), f"{short(band.points)} "
                                            f"points is outside {span}"))
    elif isinstance(rule, RatioRule):
        if (rule.full_at is not None and rule.zero_below is not None
                and rule.zero_below > rule.full_at):
            problems.append(doc.problem((*base, "zero_below"), "zero_below must not exceed "
                                        "full_at"))
    elif isinstance(rule, DeductionRule):
        if rule.floor >= high:
            problems.append(doc.problem((*base, "floor"), f"floor {short(rule.floor)} must be "
                                        f"below max {short(high)}"))
    elif isinstance(rule, ScaleRule) and rule.low == rule.high:
        problems.append(doc.problem((*base, "high"), "low and high must differ"))
    if node.adjust is not None and low < 0:
        problems.append(doc.problem((*parts, "adjust"), "a bonus or penalty counts positive "
                                    "points up to its max; it cannot have a negative floor"))
    return problems


# --- assessments ------------------------------------------------------------------------------


def build_assessment(doc: YamlDocument, frameworks: dict[str, LoadedFramework], *,
                     strict: bool = False) -> tuple[LoadedAssessment | None, list[Problem]]:
    """Validate an assessment against its framework (§2.2); missing answers become warnings,
    or errors with `strict`."""
    try:
        assessment = Assessment.model_validate(doc.data)
    except ValidationError as exc:
        from .validation import pydantic_problems  # only files with errors need it

        return None, pydantic_problems(doc, exc, Assessment)
    loaded = frameworks.get(assessment.framework)
    if loaded is None:
        known = ", ".join(sorted(frameworks)) or "none found"
        return None, [doc.problem(("framework",), f"unknown framework {assessment.framework!r}; "
                                  f"known frameworks: {known} (frameworks are read from "
                                  "--criteria DIR, default ./criteria, and the given paths)")]
    framework = loaded.framework
    problems: list[Problem] = []
    if assessment.unit.group != framework.group:
        problems.append(doc.problem(("unit", "group"), f"group {assessment.unit.group!r} differs "
                                    f"from framework {framework.framework!r}'s group "
                                    f"{framework.group!r}"))
    result = LoadedAssessment(assessment.unit, assessment.framework, doc.path,
                              unit_at=doc.locate(("unit", "id")))
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
            consequence = ("--strict requires every criterion" if strict else
                           "scored 0 and counted as missing")
            problems.append(doc.problem(
                where, f"{label}not answered ({consequence})",
                key=given is None, severity="error" if strict else "warning", code="missing"))
    return (None if blocking else result), problems


def _unknown_criterion(doc: YamlDocument, framework: Framework, key: str,
                       parts: Path) -> Problem:
    node = framework.node(key)
    if node is not None and node.criteria:
        children = ", ".join(leaf.id for leaf in framework.leaves
                             if _under(node, leaf.criterion))[:200]
        return doc.problem(parts, f"{key!r} has sub-criteria; answer its leaves instead: "
                           f"{children}", key=True)
    return doc.problem(parts, f"unknown criterion {key!r} in framework "
                       f"{framework.framework!r}", key=True)


def _under(node: Criterion, target: Criterion) -> bool:
    stack = list(node.criteria or [])
    while stack:
        child = stack.pop()
        if child is target:
            return True
        stack.extend(child.criteria or [])
    return False


def _check_answer(doc: YamlDocument, leaf: Leaf, answer: Any, parts: Path,
                  result: LoadedAssessment) -> list[Problem]:
    criterion = leaf.criterion
    if criterion.source != "self":
        by = "the survey file" if criterion.source == "survey" else "the appraisal council"
        return [doc.problem(parts, f"criterion {leaf.id!r} is scored by {by} "
                            f"(source: {criterion.source}), not answered by the unit", key=True)]
    problems = []
    if answer.self_points is not None and not (
            criterion.lowest <= answer.self_points <= leaf.max):
        problems.append(doc.problem((*parts, "self_points"), f"claimed {short(answer.self_points)}"
                                    f" is outside the range {short(criterion.lowest)}–"
                                    f"{short(leaf.max)}"))
    if answer.not_applicable:
        if leaf.policy == "forbidden":
            problems.append(doc.problem((*parts, "not_applicable"), "this criterion cannot be "
                                        "marked not applicable (its not_applicable is forbidden)"))
        if not (answer.reason or "").strip():
            problems.append(doc.problem((*parts, "not_applicable"), "not_applicable needs a "
                                        "reason: say why it did not arise"))
        if answer.value is not None:
            problems.append(doc.problem((*parts, "value"), "give either a value or "
                                        "not_applicable: true, not both"))
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
            problems.append(doc.problem((*parts, "value"), f"{outcome.shown}: a denominator of 0 "
                                        "means it did not arise, but this criterion cannot be "
                                        "not applicable"))
    elif criterion.evidence == "required" and not any(e.strip() for e in answer.documents):
        problems.append(doc.problem(parts, "evidence is required for this criterion: list the "
                                    "documents (evidence: [...])"))
    result.claims[leaf.id] = claim_of(answer, outcome)
    return problems
