"""What the use cases share: the request `inputs` reads, the checks of --allow-absent and of
--unit, the progress of a run and the warnings said about its inputs."""

from __future__ import annotations

from collections.abc import Sequence

from parindex.app.outcome import Progress, Watch
from parindex.app.requests import Sources
from parindex.errors import Problem, ProblemLog, UsageError
from parindex.i18n import _
from parindex.inputs.discovery import Request, count_files
from parindex.inputs.gather import Inputs


def reading(
    sources: Sources,
    *,
    single_unit: bool = False,
    need_assessments: bool = True,
    evidence: bool = False,
) -> Request:
    """What `inputs` is to read for `sources` (--criteria's default is ./criteria)."""
    return Request(
        paths=list(sources.paths),
        criteria=sources.criteria or "criteria",
        criteria_given=sources.criteria is not None,
        appraisal=sources.appraisal,
        survey=sources.survey,
        roster=sources.roster,
        allow_absent=sources.allow_absent,
        strict=sources.strict,
        single_unit=single_unit,
        need_assessments=need_assessments,
        evidence=evidence,
    )


def check_absent(sources: Sources) -> None:
    """--allow-absent speaks of the units of --roster: alone it is a usage error."""
    if sources.allow_absent and sources.roster is None:
        raise UsageError(_("--allow-absent needs --roster"))


def check_units(inputs: Inputs, only: Sequence[str], paths: Sequence[str]) -> None:
    """Every --unit names an assessed unit."""
    log = ProblemLog()
    known = {a.unit.id for a in inputs.assessments}
    for unit_id in dict.fromkeys(only):
        if unit_id not in known:
            log.add(
                Problem(
                    ", ".join(paths),
                    _("--unit {unit!r}: no assessment has this unit id").format(unit=unit_id),
                )
            )
    log.raise_if_errors()


def follow(request: Request, watch: Watch | None) -> Progress | None:
    """How the run reports its progress, as `watch` decides (it may count the files)."""
    return watch(lambda: count_files(request)) if watch is not None else None


def warning_lines(inputs: Inputs) -> list[str]:
    """The run's warnings for stderr: missing answers as one summary line (validate lists
    each), every other warning in full."""
    missing = [w for w in inputs.warnings if w.code == "missing"]
    lines = [w.render() for w in inputs.warnings if w.code != "missing"]
    if missing:
        units = len({w.path for w in missing})
        message = _(
            "{answers} answers missing in {units} assessment(s), scored 0 "
            "(`parindex validate` lists them; --strict makes them errors)"
        ).format(answers=len(missing), units=units)
        lines.append(f"warning: {message}")
    return lines
