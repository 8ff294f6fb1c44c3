"""YAML files → checked models: frameworks and assessments, every problem located."""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import ValidationError

from parindex.core.models import (
    Answer,
    Assessment,
    Framework,
    Unit,
)
from parindex.core.results import Claim
from parindex.errors import InputError, Problem, ProblemLog, Severity
from parindex.i18n import _
from parindex.inputs.documents.answers import (
    NO_EVIDENCE,
    Locator,
    check_answer,
    listed_documents,
    unknown_criterion,
)
from parindex.inputs.documents.tree_checks import check_bands, check_despite, check_tree
from parindex.inputs.documents.validation import pydantic_problems
from parindex.inputs.documents.yamlbuild import Path, YamlDocument
from parindex.inputs.documents.yamlfile import parse_yaml
from parindex.inputs.text import read_bytes


class LoadedFramework(NamedTuple):
    framework: Framework
    path: str


class LoadedAssessment:
    """An assessment that passed every check, reduced to what scoring needs: the unit and
    one Claim per answered criterion (the outcome of its value already computed). (A plain
    slotted class: made at every start, a dataclass costs more; see `core/results`.)"""

    __slots__ = (
        "claims",
        "evidence",
        "framework",
        "located",
        "missing",
        "path",
        "unit",
        "unit_at",
        "untouched",
    )

    def __init__(
        self,
        unit: Unit,
        framework: str,
        path: str,
        *,
        unit_at: tuple[int, int] = (1, 1),  # where `unit.id` stands, for problems found later
    ) -> None:
        self.unit = unit
        self.framework = framework
        self.path = path
        self.claims: dict[str, Claim] = {}
        self.evidence: dict[str, tuple[str, ...]] = {}  # the documents each answer lists
        self.missing: list[str] = []
        self.unit_at = unit_at
        # A workbook form's sheet (`FILE.xlsx[SHEET]`), whose problems name a row, not a
        # line and column: `unit_at` is then (row, 1).
        self.located: str | None = None
        # A workbook form made from an earlier one whose answers are still those it was
        # made with: its unit has not filled it in (it counts as a blank form).
        self.untouched = False

    def unit_problem(self, message: str, severity: Severity = "error") -> Problem:
        """`message` about the unit, placed where the file names it."""
        line, column = self.unit_at
        if self.located is not None:
            return Problem(
                self.located, message, row=line, table_column="unit.id", severity=severity
            )
        return Problem(self.path, message, line, column, "unit.id", severity)


def read_document(path: str) -> YamlDocument:
    """Read and parse one YAML file; raise InputError with a located problem."""
    return parse_yaml(read_bytes(path), path)


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
            [doc.problem((), _("not a framework file (it needs 'framework:' and 'criteria:')"))]
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
        return None, pydantic_problems(doc, exc, Framework) + check_despite(doc, exc)
    problems = check_tree(doc, framework)
    problems += check_bands(doc, framework)
    if not problems and framework.regular_total <= 0:
        problems.append(
            doc.problem(
                ("criteria",),
                _("the framework has no regular (non-bonus, non-penalty) criteria with points"),
            )
        )
    return (None if problems else framework), problems


# --- assessments ------------------------------------------------------------------------------


def build_assessment(
    doc: YamlDocument,
    frameworks: dict[str, LoadedFramework],
    *,
    strict: bool = False,
    evidence: bool = True,
    lenient: bool = False,
) -> tuple[LoadedAssessment | None, list[Problem]]:
    """Validate an assessment document against its framework (see `check_assessment`)."""
    try:
        assessment = Assessment.model_validate(doc.data)
    except ValidationError as exc:
        problems = pydantic_problems(doc, exc, Assessment)
        return None, problems + _answers_despite(doc, exc, frameworks)
    loaded = frameworks.get(assessment.framework)
    if loaded is None:
        known = ", ".join(sorted(frameworks)) or _("none found")
        return None, [
            doc.problem(
                ("framework",),
                _(
                    "unknown framework {framework!r}; known frameworks: {known} "
                    "(frameworks are read from --criteria DIR, default "
                    "./criteria, and the given paths)"
                ).format(framework=assessment.framework, known=known),
            )
        ]
    return check_assessment(
        doc,
        assessment,
        loaded.framework,
        doc.path,
        doc.locate(("unit", "id")),
        strict=strict,
        evidence=evidence,
        lenient=lenient,
    )


def check_assessment(
    where: Locator,
    assessment: Assessment,
    framework: Framework,
    path: str,
    unit_at: tuple[int, int],
    *,
    strict: bool = False,
    evidence: bool = True,
    lenient: bool = False,
) -> tuple[LoadedAssessment | None, list[Problem]]:
    """A validated assessment held against its framework, its problems located by `where`:
    the unit's group, every answer (`answers.check_answer`), the answers missing (warnings, or
    errors with `strict`). Without `evidence`, the documents listed are checked and not kept.
    `lenient`: an answer without its required evidence is reported but does not keep the
    assessment from loading (`status` counts it). `path` and `unit_at` are where the unit
    stands, for problems found later."""
    problems = ProblemLog()
    if assessment.unit.group != framework.group:
        problems.append(
            where.problem(
                ("unit", "group"),
                _(
                    "group {group!r} differs from framework {framework!r}'s group {expected!r}"
                ).format(
                    group=assessment.unit.group,
                    framework=framework.framework,
                    expected=framework.group,
                ),
            )
        )
    result = LoadedAssessment(assessment.unit, assessment.framework, path, unit_at=unit_at)
    for key, answer in assessment.answers.items():
        parts: Path = ("answers", key)
        leaf = framework.leaf(key)
        if leaf is None:
            problems.append(unknown_criterion(where, framework, key, parts))
            continue
        found, claim = check_answer(where, leaf, answer, parts)
        if found:
            problems += found
        if claim is not None:
            result.claims[leaf.id] = claim
        if evidence and leaf.criterion.source == "self" and (docs := listed_documents(answer)):
            result.evidence[leaf.id] = docs
    # Missing answers under --strict fail the run but leave the unit readable, so its
    # appraisal and survey rows are still checked instead of all reported as unknown.
    blocking = any(
        p.severity == "error" and not (lenient and p.code == NO_EVIDENCE) for p in problems
    )
    problems += _missing(where, assessment, framework, result, strict=strict)
    return (None if blocking else result), problems


def _missing(
    where: Locator,
    assessment: Assessment,
    framework: Framework,
    result: LoadedAssessment,
    *,
    strict: bool,
) -> list[Problem]:
    """A problem per leaf the unit answers that has no value and is not marked not
    applicable (a warning, or an error with `strict`); each is noted in `result.missing`."""
    problems = []
    for leaf in framework.leaves:
        if leaf.criterion.source != "self" or leaf.criterion.adjust is not None:
            continue
        given = assessment.answers.get(leaf.id)
        if given is not None and (given.value is not None or given.not_applicable):
            continue
        result.missing.append(leaf.id)
        place: Path = ("answers", leaf.id, "value") if given is not None else ("answers",)
        label = "" if given is not None else _("criterion {id!r}: ").format(id=leaf.id)
        consequence = (
            _("--strict requires every criterion")
            if strict
            else _("scored 0 and counted as missing")
        )
        problems.append(
            where.problem(
                place,
                _("{label}not answered ({consequence})").format(
                    label=label, consequence=consequence
                ),
                key=given is None,
                severity="error" if strict else "warning",
                code="missing",
            )
        )
    return problems


# Keys of an answer that no other check reads when the model refused them: a refused one is
# stood in for (not "needs a reason" nor "evidence is required" again); any other is dropped.
_ANSWER_STAND_INS = {"reason": "-", "evidence": "-"}


def _answers_despite(
    doc: YamlDocument, exc: ValidationError, frameworks: dict[str, LoadedFramework]
) -> list[Problem]:
    """The answers' own problems when another part of the file (say `unit:`) or another key
    of the answer is wrong: one bad key never hides the others. What the model refused is not
    checked twice."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return []
    framework_id = data.get("framework")
    loaded = frameworks.get(framework_id) if isinstance(framework_id, str) else None
    errors = exc.errors()
    if loaded is None or any(e["loc"] == ("answers",) for e in errors):
        return []
    refused: dict[str, set[str]] = {}  # answer key → its refused keys ("": the whole answer)
    for error in errors:
        loc = error["loc"]
        if loc[:1] == ("answers",) and len(loc) > 1:
            refused.setdefault(str(loc[1]), set()).add(str(loc[2]) if len(loc) > 2 else "")
    problems: list[Problem] = []
    for key, raw in data["answers"].items():
        keys = refused.get(key, set())
        if not isinstance(key, str) or not isinstance(raw, dict) or "" in keys:
            continue
        parts: Path = ("answers", key)
        leaf = loaded.framework.leaf(key)
        if leaf is None:
            problems.append(unknown_criterion(doc, loaded.framework, key, parts))
            continue
        kept = {k: v for k, v in raw.items() if k not in keys}
        kept.update((k, _ANSWER_STAND_INS[k]) for k in keys if k in _ANSWER_STAND_INS)
        try:
            answer = Answer.model_validate(kept)
        except ValidationError:  # pragma: no cover - its refused keys are left out above
            continue
        problems += check_answer(doc, leaf, answer, parts)[0]
    return problems
