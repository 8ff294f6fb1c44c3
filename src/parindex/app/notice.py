"""`notice`: the preliminary result sent to each unit the council corrected (every unit with
`--all`, those named with `--unit`), for its reply: one workbook per unit in an existing
folder, never over a file that is there."""

from __future__ import annotations

import os
from collections.abc import Sequence

from parindex.app.common import check_absent, check_units, follow, reading, warning_lines
from parindex.app.outcome import Outcome, OutputFile, Watch, said_first
from parindex.app.replies import assessed_in, round_of
from parindex.app.requests import NoticeRequest
from parindex.errors import OutputError, Problem, ProblemLog, shown
from parindex.i18n import _
from parindex.inputs.documents.loading import LoadedAssessment
from parindex.inputs.gather import gather
from parindex.outputs.workbooks.notice import notice_workbook


def notice(request: NoticeRequest, watch: Watch | None) -> Outcome:
    """`notice`: a workbook per corrected unit (or every unit, `--all`; or those of
    `--unit`), the folder checked before any input is read."""
    check_absent(request.sources)
    _check_folder(request.output)
    req = reading(request.sources)
    inputs = gather(req, follow(req, watch))
    check_units(inputs, request.units, req.paths)
    now = round_of(assessed_in(inputs), request.sources.appraisal, (), ProblemLog())
    outcome = Outcome(guard=inputs.files, warnings=warning_lines(inputs))
    chosen = [
        loaded
        for loaded in inputs.assessments
        if (not request.units or loaded.unit.id in request.units)
        and (request.every or now.notices[loaded.unit.id].corrections)
    ]
    _check_names(chosen)
    for loaded in chosen:
        unit_id = loaded.unit.id
        target = os.path.join(request.output, f"{unit_id}.xlsx")
        refusal = _(
            "{file}: already exists; parindex never writes over a notice (its unit may have "
            "filled it in), so no notice was written"
        ).format(file=target)
        with said_first(outcome.warnings):
            data = notice_workbook(now.notices[unit_id], request.lang)
        outcome.files.append(OutputFile(target, data, refuse_existing=refusal))
    written = {loaded.unit.id for loaded in chosen}
    outcome.notes += [
        "note: "
        + _(
            "unit {unit!r}: the council corrected none of its answers, so it gets no notice "
            "(--all writes one anyway)"
        ).format(unit=unit_id)
        for unit_id in dict.fromkeys(request.units)
        if unit_id not in written
    ]
    if not chosen and not request.units:  # units asked for: each said above
        outcome.notes.append(
            "note: " + _("no unit has a council correction, so no notice was written")
        )
    return outcome


def _check_folder(output: str) -> None:
    """-o names the folder the notices go in: it must exist (parindex creates none)."""
    if os.path.isdir(output):
        return
    if os.path.exists(output):
        message = _("-o {output}: not a directory; notices are written into a folder")
    else:
        message = _("-o {output}: the directory does not exist (parindex creates no directories)")
    raise OutputError(shown(message.format(output=output)))


def _check_names(chosen: Sequence[LoadedAssessment]) -> None:
    """Every unit that gets a notice has an id that can name its file."""
    log = ProblemLog()
    for loaded in chosen:
        unit_id = loaded.unit.id
        if unit_id in (".", "..") or any(c in unit_id for c in "/\\\0"):
            line, column = loaded.unit_at
            message = _(
                "unit id {unit!r} cannot name a file (it holds / or \\ or is . or ..), so its "
                "notice cannot be written; give the unit an id without them"
            ).format(unit=unit_id)
            log.add(Problem(loaded.path, message, line, column, "unit.id"))
    log.raise_if_errors()
