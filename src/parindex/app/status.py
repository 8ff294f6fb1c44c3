"""`status`: where each unit stands while forms come in — one line per roster unit (and per
unit found that is not on it), in each group, and how many units of each group are in each
state; with --replies, how many of each unit's corrections it answered and disagreed with.
It reports; `validate` judges: a form's problems are counted, never printed."""

from __future__ import annotations

from collections.abc import Mapping

from parindex.app.common import follow, reading
from parindex.app.files import main_output
from parindex.app.outcome import Outcome, Watch, said_first
from parindex.app.replies import Assessed, round_of
from parindex.app.requests import StatusRequest
from parindex.app.views import StatusView
from parindex.core.corrections import corrected
from parindex.core.models import Framework
from parindex.core.results import UnitResult
from parindex.core.scoring import score_claims
from parindex.core.status import UnitStatus, state_of
from parindex.errors import ProblemLog
from parindex.inputs.documents.loading import LoadedAssessment
from parindex.inputs.standing import Form, Standing, read_standing, table_summary
from parindex.outputs.status import status_output

# The units' replies to the council's corrections (the explanation round): unit id → each
# criterion it answered → whether it agrees. Empty without `--replies`: `replied` and
# `disagreed` stay 0.
Replies = Mapping[str, Mapping[str, bool]]


def status(request: StatusRequest, watch: Watch | None) -> Outcome:
    """`status`: the units' lines as a table per group, or as a CSV, JSON or XLSX file."""
    req = reading(request.sources, need_assessments=False)._replace(lenient=True)
    standing = read_standing(req, follow(req, watch))
    replies: Replies = {}
    if request.replies:
        replies, files = _replies(standing, request)
        standing.files += files
    rows = status_rows(standing, replies)
    frameworks = {f.framework.group: f.framework for f in standing.frameworks.values()}
    outcome = Outcome(warnings=[w.render() for w in standing.warnings], guard=standing.files)
    written = request.written
    if written.fmt == "table":
        outcome.views.append(StatusView(rows, frameworks, request.lang))
        return outcome
    with said_first(outcome.warnings):
        made = status_output(
            written.fmt, rows, frameworks, lang=request.lang, dialect=written.dialect
        )
    return main_output(outcome, made, written)


def status_rows(standing: Standing, replies: Replies | None = None) -> list[UnitStatus]:
    """Every unit's line: each form read, then each roster unit without one; by group (in the
    frameworks' order, then groups without one), then unit id."""
    by_group = {f.framework.group: f.framework for f in standing.frameworks.values()}
    rows = [_form_row(form, standing, replies or {}) for form in standing.forms]
    found = {form.unit_id for form in standing.forms}
    for entry in (standing.roster or {}).values():
        if entry.unit_id not in found:
            framework = by_group.get(entry.group)
            rows.append(
                UnitStatus(
                    entry.group,
                    framework.framework if framework else "",
                    entry.unit_id,
                    entry.unit_name,
                    "",
                    "not_submitted",
                    0,
                    0,
                )
            )
    order = {group: framework.framework for group, framework in by_group.items()}
    rows.sort(
        key=lambda r: (
            r.group == "",
            order.get(r.group, "\uffff"),
            r.group,
            r.unit_id == "",
            r.unit_id,
            r.form,
        )
    )
    return rows


def _replies(standing: Standing, request: StatusRequest) -> tuple[Replies, list[str]]:
    """Each unit's answers to its corrections standing now, and the reply files read; the
    problems of the replies counted in a warning per file (`validate --replies` lists them)."""
    assessed = []
    for form in standing.forms:
        known = standing.frameworks.get(form.framework)
        if form.loaded is None or known is None or form.blank:
            continue
        result = _scored(known.framework, form.loaded, form.unit_id, standing)
        assessed.append(
            Assessed(known.framework, form.loaded, result, standing.appraisal.get(form.unit_id))
        )
    log = ProblemLog()
    now = round_of(assessed, request.sources.appraisal, request.replies, log)
    # status reports: what is wrong with a row leaves it out; a row's warnings are validate's
    said = [p for p in log if p.severity == "error" or p.row is None]
    standing.warnings.extend(table_summary(ProblemLog(said)))
    answered = {
        unit_id: {criterion: reply.agrees for criterion, reply in replies.items()}
        for unit_id, replies in now.answered.items()
    }
    return answered, now.files


def _form_row(form: Form, standing: Standing, replies: Replies) -> UnitStatus:
    entry = (standing.roster or {}).get(form.unit_id)
    loaded = form.loaded
    known = standing.frameworks.get(form.framework)
    framework: Framework | None = known.framework if known is not None else None
    group = entry.group if entry else (framework.group if framework else "")
    name = entry.unit_name if entry else (loaded.unit.name if loaded else "")
    head = (group, framework.framework if framework else "", form.unit_id, name, form.path)
    if form.blank:
        return UnitStatus(*head, "not_submitted", form.errors, form.warnings)
    if loaded is None or framework is None:
        return UnitStatus(
            *head,
            "invalid",
            form.errors,
            form.warnings,
            missing=form.missing,
            no_evidence=form.no_evidence,
        )
    appraisal = standing.appraisal.get(form.unit_id)
    result = _scored(framework, loaded, form.unit_id, standing)
    fixed = corrected(framework, loaded.unit, loaded.claims, result, appraisal)
    answers = replies.get(form.unit_id, {})
    state = state_of(
        submitted=True,
        errors=form.errors,
        missing=result.missing,
        no_evidence=form.no_evidence,
        pending=result.pending,
    )
    return UnitStatus(
        *head,
        state,
        form.errors,
        form.warnings,
        answered=sum(1 for c in loaded.claims.values() if c.points is not None or c.not_applicable),
        missing=result.missing,
        no_evidence=form.no_evidence,
        self_points=result.self_points,
        points_now=result.points,
        pending=result.pending,
        corrected=len(fixed),
        replied=sum(1 for c in fixed if c in answers),
        disagreed=sum(1 for c in fixed if answers.get(c) is False),
    )


def _scored(
    framework: Framework, loaded: LoadedAssessment, unit_id: str, standing: Standing
) -> UnitResult:
    """The unit as it scores now: its answers, with the tables' rows for it applied."""
    return score_claims(
        framework,
        loaded.unit,
        loaded.claims,
        appraisal=standing.appraisal.get(unit_id),
        survey=standing.survey.get(unit_id),
        path=loaded.path,
    )
