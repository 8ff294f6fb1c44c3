"""`validate`: every input read and cross-checked, every problem reported at once."""

from __future__ import annotations

from parindex.app.common import reading
from parindex.app.outcome import Outcome, Watch
from parindex.app.replies import Round, assessed_in, round_of
from parindex.app.requests import ValidateRequest
from parindex.app.unit import check_run
from parindex.errors import InputError, ProblemLog
from parindex.i18n import _, current, ngettext, pick
from parindex.inputs.gather import Inputs


def validate(request: ValidateRequest, watch: Watch | None) -> Outcome:
    """Every problem and warning, then a count of each (exit 1 with an error); or what was
    checked, and with tables what the council still has to fill in."""
    sources = request.sources
    req = reading(sources, need_assessments=False)
    if sources.partial:  # some of the year's units: the roster's others are not absent
        req = req._replace(partial=True)
    try:
        inputs = check_run(req)
        now = _replies(inputs, request) if request.replies else None
    except InputError as exc:
        found = sorted([*exc.problems, *exc.warnings], key=lambda p: p.sort_key)
        summary = _("{errors} error(s), {warnings} warning(s)").format(
            errors=len(exc.problems), warnings=len(exc.warnings)
        )
        return Outcome(warnings=[p.render() for p in found], notes=[summary], exit_code=1)
    outcome = Outcome(warnings=[w.render() for w in inputs.warnings])
    if sources.appraisal or sources.survey:  # the council's stage: what it still has to fill in
        outcome.notes = [f"info: {line}" for line in pending_lines(inputs)]
    if now is not None:
        outcome.notes.append(f"info: {replies_line(now)}")
    tables = len(sources.tables) + (len(now.files) if now is not None else 0)
    outcome.stdout = checked(inputs, tables=tables) + "\n"
    return outcome


def _replies(inputs: Inputs, request: ValidateRequest) -> Round:
    """The replies judged against the corrections; InputError when one is wrong (the warnings
    of the inputs and of the replies join `inputs.warnings`)."""
    log = ProblemLog()
    now = round_of(assessed_in(inputs), request.sources.appraisal, request.replies, log)
    if log.errors:
        raise InputError(log.errors, [*inputs.warnings, *log.warnings])
    inputs.warnings.extend(log.warnings)
    return now


def replies_line(now: Round) -> str:
    """How far the explanation round is: the corrections standing, those answered, and the
    disagreements among them."""
    corrected = sum(len(n.corrections) for n in now.notices.values())
    units = sum(1 for n in now.notices.values() if n.corrections)
    replied = sum(now.replied(unit_id) for unit_id in now.notices)
    disagreed = sum(now.disagreed(unit_id) for unit_id in now.notices)
    return _(
        "replies: {replied} of the {corrected} correction(s) of {units} unit(s) answered, "
        "{disagreed} of them in disagreement"
    ).format(replied=replied, corrected=corrected, units=units, disagreed=disagreed)


def checked(inputs: Inputs, *, tables: int) -> str:
    """The one line that says what was checked."""
    questionnaires = len(inputs.questionnaires)
    return (
        _(
            "ok: {frameworks} framework(s), {questionnaires} questionnaire(s), "
            "{assessments} assessment(s), {tables} table(s); {warnings} warning(s)"
        )
        if questionnaires
        else _(
            "ok: {frameworks} framework(s), {assessments} assessment(s), {tables} table(s); "
            "{warnings} warning(s)"
        )
    ).format(
        frameworks=len(inputs.frameworks),
        questionnaires=questionnaires,
        assessments=len(inputs.assessments),
        tables=tables,
        warnings=len(inputs.warnings),
    )


def pending_lines(inputs: Inputs) -> list[str]:
    """One line per unit whose survey or council criteria have no value yet, naming the unit
    as its form does."""
    return [
        ngettext(
            "{unit}: {count} criterion still pending (no survey or council value): {criteria}",
            "{unit}: {count} criteria still pending (no survey or council value): {criteria}",
            len(criteria),
        ).format(unit=name, count=len(criteria), criteria=", ".join(criteria))
        for name, criteria in pending_units(inputs)
    ]


def pending_units(inputs: Inputs) -> list[tuple[str, list[str]]]:
    """(unit name, criteria) of every assessed unit with survey or council leaves that have no
    value yet, in unit order."""
    pending = []
    for loaded in inputs.assessments:
        unit_id = loaded.unit.id
        appraised = inputs.appraisal.get(unit_id, {})
        surveyed = inputs.survey.get(unit_id, {})
        waiting = [
            leaf.id
            for leaf in inputs.framework_of(loaded).leaves
            if leaf.criterion.source != "self"
            and leaf.id not in appraised
            and leaf.id not in surveyed
        ]
        if waiting:
            pending.append((pick(loaded.unit.name, loaded.unit.name_en, current()), waiting))
    return pending
