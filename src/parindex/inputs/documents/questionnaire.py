"""Questionnaire files → checked models: every question against its framework, located."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from parindex.core.models import Framework
from parindex.core.questionnaire import Group, Questionnaire, answer_key
from parindex.core.survey import takes_percent
from parindex.errors import Problem, ProblemLog, Severity
from parindex.i18n import N_, _
from parindex.inputs.documents.loading import LoadedFramework
from parindex.inputs.documents.validation import pydantic_problems
from parindex.inputs.documents.yamlbuild import Path, YamlDocument


@dataclass(slots=True)
class LoadedQuestionnaire:
    questionnaire: Questionnaire
    framework: Framework
    path: str
    doc: YamlDocument  # kept to locate problems found later (a group below its `min`)

    def min_problem(self, index: int, message: str, severity: Severity) -> Problem:
        """A problem at `groups[index].min` (or at the group when `min` is absent)."""
        group = self.doc.data["groups"][index]
        parts: Path = ("groups", index, "min") if "min" in group else ("groups", index)
        return self.doc.problem(parts, message, severity=severity)


def build_questionnaire(
    doc: YamlDocument, frameworks: dict[str, LoadedFramework]
) -> tuple[LoadedQuestionnaire | None, list[Problem]]:
    """Validate a questionnaire document: the model, then its questions against the
    framework they feed."""
    try:
        model = Questionnaire.model_validate(doc.data)
    except ValidationError as exc:
        return None, pydantic_problems(doc, exc, Questionnaire)
    problems = ProblemLog()
    problems += _scale_problems(doc, ("answers",))
    problems += _group_problems(doc, model)
    problems += _duplicates(doc, "questions", [q.id for q in model.questions], _("question"))
    problems += _header_problems(doc, model)
    for index, question in enumerate(model.questions):
        if question.answers is not None:
            problems += _scale_problems(doc, ("questions", index, "answers"))
    loaded = frameworks.get(model.framework)
    if loaded is None:
        known = ", ".join(sorted(frameworks)) or _("none found")
        problems.append(
            doc.problem(
                ("framework",),
                _(
                    "unknown framework {framework!r}; known frameworks: {known} (frameworks "
                    "are read from --criteria DIR, default ./criteria, and the given paths)"
                ).format(framework=model.framework, known=known),
            )
        )
        return None, problems
    framework = loaded.framework
    for index, question in enumerate(model.questions):
        problem = _criterion_problem(doc, framework, question.criterion, index)
        if problem is not None:
            problems.append(problem)
    if problems.errors:
        return None, problems
    return LoadedQuestionnaire(model, framework, doc.path, doc), problems


def _criterion_problem(
    doc: YamlDocument, framework: Framework, criterion_id: str, index: int
) -> Problem | None:
    parts: Path = ("questions", index, "criterion")
    node = framework.node(criterion_id)
    if node is None:
        return doc.problem(
            parts,
            _("unknown criterion {criterion!r} in framework {framework!r}").format(
                criterion=criterion_id, framework=framework.framework
            ),
        )
    if node.criteria:
        survey = [
            leaf.id
            for leaf in framework.leaves
            if leaf.criterion.source == "survey" and leaf.id.startswith(f"{node.id}.")
        ]
        return doc.problem(
            parts,
            _("{criterion!r} has sub-criteria; a question feeds one survey leaf: {leaves}").format(
                criterion=criterion_id, leaves=", ".join(survey) or _("none under it")
            ),
        )
    if node.source != "survey":
        return doc.problem(
            parts,
            _(
                "criterion {criterion!r} is not a survey criterion (source: {source}); "
                "questions feed leaves with source: survey"
            ).format(criterion=criterion_id, source=node.source),
        )
    if not takes_percent(node):
        kind = node.rule.kind if node.rule is not None else "?"
        return doc.problem(
            parts,
            _(
                "criterion {criterion!r} is scored by a {kind} rule, which cannot take a survey "
                "percent; reshape the leaf as ratio, bands or scale"
            ).format(criterion=criterion_id, kind=kind),
        )
    return None


def _scale_problems(doc: YamlDocument, parts: Path) -> list[Problem]:
    """Two answers that a cell could not tell apart (`A` and ` a`) are one answer twice. The
    keys are taken as written: the model has trimmed them, and `A` and ` A` became one."""
    scale: object = doc.data
    for part in parts:
        if isinstance(scale, dict):
            scale = scale.get(part)
        elif isinstance(scale, list) and isinstance(part, int) and part < len(scale):
            scale = scale[part]
        else:
            return []
    if not isinstance(scale, dict):
        return []
    seen: dict[str, str] = {}
    problems = []
    for answer in scale:
        key = answer_key(str(answer))
        if key in seen:
            problems.append(
                doc.problem(
                    (*parts, answer),
                    _(
                        "answer {answer!r} is the same as {other!r} once case and spaces are "
                        "set aside; answers must differ"
                    ).format(answer=answer, other=seen[key]),
                    key=True,
                )
            )
        else:
            seen[key] = str(answer)
    return problems


def _group_problems(doc: YamlDocument, model: Questionnaire) -> list[Problem]:
    """A form names its group by id or by name, matched as answers are (case and spaces
    aside): no two groups may be told apart only by case, by id or by name (the same id
    twice is `_duplicates`' to say)."""
    taken: dict[str, tuple[str, Group]] = {}  # key → ("id" or "name", its group)
    problems = _duplicates(doc, "groups", [g.id for g in model.groups], _("group"))
    for index, group in enumerate(model.groups):
        for what, text in (("id", group.id), ("name", group.name)):
            if text is None:
                continue
            key = answer_key(text)
            first = taken.setdefault(key, (what, group))
            kind, other = first
            if other is group or (what == kind == "id" and text == other.id):
                continue
            message = _(_TWINS[(kind, what)]).format(text=text, id=other.id, name=other.name)
            rule = _("a form names its group by id or name, so each must differ")
            problems.append(doc.problem(("groups", index, what), f"{message}; {rule}"))
    return problems


# (what the first group has, what the second has) → the message at the second
_TWINS = {
    ("id", "id"): N_(
        "group {text!r} is the same as group {id!r} once case and spaces are set aside"
    ),
    ("id", "name"): N_(
        "group name {text!r} is the same as the id of group {id!r} once case and spaces are "
        "set aside"
    ),
    ("name", "name"): N_(
        "group name {text!r} is the same as the name {name!r} of group {id!r} once case and "
        "spaces are set aside"
    ),
    ("name", "id"): N_(
        "group {text!r} is the same as the name {name!r} of group {id!r} once case and spaces "
        "are set aside"
    ),
}


def _duplicates(doc: YamlDocument, key: str, ids: list[str], what: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for index, item in enumerate(ids):
        if item in first:
            line, _column = doc.locate((key, first[item], "id"))
            problems.append(
                doc.problem(
                    (key, index, "id"),
                    _("{what} id {id!r} is already used at line {line}; ids must be unique").format(
                        what=what, id=item, line=line
                    ),
                )
            )
        else:
            first[item] = index
    return problems


def _header_problems(doc: YamlDocument, model: Questionnaire) -> list[Problem]:
    """Every column header names one thing: a fixed column or one question."""
    fixed = model.columns
    taken: dict[str, str] = {}
    for name in ("respondent_id", "unit_id", "group"):
        header = getattr(fixed, name)
        if answer_key(header) in taken:
            return [
                doc.problem(
                    ("columns", name),
                    _("header {header!r} is already the {other} column").format(
                        header=header, other=taken[answer_key(header)]
                    ),
                )
            ]
        taken[answer_key(header)] = name
    problems = []
    ids: set[str] = set()
    for index, question in enumerate(model.questions):
        key = answer_key(question.header)
        repeated = question.column is None and question.id in ids  # said by _duplicates
        ids.add(question.id)
        if key in taken and not repeated:
            where: Path = ("questions", index, "column" if question.column else "id")
            problems.append(
                doc.problem(
                    where,
                    _(
                        "header {header!r} is already the column of {other}; each question "
                        "needs its own column"
                    ).format(header=question.header, other=taken[key]),
                )
            )
        else:
            taken[key] = _("question {id!r}").format(id=question.id)
    return problems
