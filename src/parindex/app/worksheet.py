"""`worksheet`: the council's workbook, prefilled with what the tables already hold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from parindex.app.common import check_absent, check_units, reading, warning_lines
from parindex.app.outcome import Outcome, OutputFile, Watch
from parindex.app.replies import Answered, assessed_in, round_of
from parindex.app.requests import WorksheetRequest
from parindex.app.unit import score_inputs
from parindex.core.results import UnitResult
from parindex.errors import ProblemLog
from parindex.i18n import Lang
from parindex.inputs.discovery import Request
from parindex.inputs.gather import Inputs, gather
from parindex.inputs.tables.located import unguard
from parindex.inputs.tables.sheets import read_appraisals, read_surveys
from parindex.outputs.files import check_output
from parindex.outputs.workbooks.worksheet import UnitSheet, worksheet_workbook


def worksheet(request: WorksheetRequest, watch: Watch | None) -> Outcome:
    """`worksheet`: the council's workbook, -o checked before any input is read."""
    check_absent(request.sources)
    check_output(request.output, request.sources.tables)
    req = reading(request.sources, evidence=True)  # the worksheet shows what each unit listed
    inputs, data = worksheet_run(req, request.units, request.lang, request.replies)
    return Outcome(
        files=[OutputFile(request.output, data)],
        guard=inputs.files,
        warnings=warning_lines(inputs),
    )


def worksheet_run(
    request: Request, only: Sequence[str], lang: Lang, replies: Sequence[str] = ()
) -> tuple[Inputs, bytes]:
    """`worksheet`: the council's workbook for every assessed unit (or those in `only`),
    prefilled with the values the given appraisal and survey files already hold, with the
    units' replies beside the corrections they answer when `replies` are given (their
    warnings join the inputs', their files the inputs' files)."""
    inputs = gather(request)
    check_units(inputs, only, request.paths)
    log = ProblemLog()
    # gather has checked the tables; they are read again for their cells as written.
    units = {a.unit.id: inputs.framework_of(a) for a in inputs.assessments}
    every: dict[tuple[str, str], list[tuple[int, Mapping[str, str]]]] = {}
    read_appraisals(request.appraisal, units, log, also_read=request.survey, rounds_of=every)
    survey = read_surveys(request.survey, units, log, also_read=request.appraisal)
    log.raise_if_errors()
    rounds: dict[str, dict[str, list[Mapping[str, str]]]] = {}
    for (unit_id, criterion), held in every.items():
        rounds.setdefault(unit_id, {})[criterion] = [
            {key: unguard(text) for key, text in cells.items()}
            for _round, cells in sorted(held, key=lambda pair: pair[0])
        ]
    values: dict[str, dict[str, str]] = {}
    for (unit_id, criterion), entry in survey.items():
        values.setdefault(unit_id, {})[criterion] = entry.cells["value"]
    results = {r.unit_id: r for r in score_inputs(inputs) if r.submitted}
    answers = _replies(inputs, results, request.appraisal, replies) if replies else {}
    chosen = sorted(
        (a for a in inputs.assessments if not only or a.unit.id in only),
        key=lambda a: (a.framework, a.unit.id),
    )
    sheets = [
        UnitSheet(
            results[a.unit.id],
            claims=a.claims,
            evidence=a.evidence,
            rounds=rounds.get(a.unit.id, {}),
            survey=values.get(a.unit.id, {}),
            replies=answers.get(a.unit.id, {}),
        )
        for a in chosen
    ]
    return inputs, worksheet_workbook(sheets, lang, replies=bool(replies))


def _replies(
    inputs: Inputs,
    results: Mapping[str, UnitResult],
    appraisal: Sequence[str],
    paths: Sequence[str],
) -> Answered:
    """Every reply read without an error, by unit and criterion; InputError when one is
    wrong, as `validate --replies` would say it."""
    log = ProblemLog()
    now = round_of(assessed_in(inputs, results), appraisal, paths, log)
    log.raise_if_errors()
    inputs.warnings.extend(log.warnings)
    inputs.files.extend(now.files)
    return now.replies
