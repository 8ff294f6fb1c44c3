"""What the use cases share: the request `inputs` reads, the progress of a run, the warnings
said about its inputs, and the main output as a file or as text for stdout."""

from __future__ import annotations

from parindex.app.outcome import Outcome, OutputFile, Progress, Watch
from parindex.app.requests import Sources, Written
from parindex.errors import UsageError
from parindex.i18n import _
from parindex.inputs.discovery import Request, count_files
from parindex.inputs.gather import Inputs
from parindex.outputs.files import csv_bytes


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


def file_bytes(made: str | bytes, fmt: str, bom: bool) -> bytes:
    """What a file of `fmt` holds: CSV with a BOM unless --no-bom, everything else as made."""
    if isinstance(made, bytes):
        return made
    return csv_bytes(made, bom) if fmt == "csv" else made.encode("utf-8")


def main_output(outcome: Outcome, made: str | bytes, written: Written) -> Outcome:
    """`made` (the command's document in `written.fmt`) into `outcome`: the file -o names, or
    the text for stdout."""
    if written.output is not None:
        outcome.files.append(OutputFile(written.output, file_bytes(made, written.fmt, written.bom)))
    else:
        outcome.stdout = made if isinstance(made, str) else made.decode()
    return outcome
