"""`report`: the published report (HTML with charts) or the decision appendix (Word)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.cli.common import (
    criteria_option,
    emit,
    history_options,
    request,
    roster_options,
    table_options,
    warn_missing,
    with_progress,
)
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.app.report import ReportKind

# -o FILE.ext → what is written (a usage error is found before any use case is loaded)
KINDS: dict[str, ReportKind] = {".html": "html", ".htm": "html", ".docx": "docx"}


def _kind(output: str) -> ReportKind:
    suffix = os.path.splitext(output)[1].lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise click.UsageError(
            f"-o {output}: unknown extension {suffix or '(none)'!r}; use .html or .docx"
        )
    return kind


@click.command(
    help=N_(
        "Write the published report (FILE.html) or the decision appendix (FILE.docx) of "
        "every unit found under PATH..., one section per framework and group."
    )
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@table_options
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help=N_("The report (.html) or the decision appendix (.docx)."),
)
@history_options(
    N_("An earlier parindex ranking: adds rank and index changes, risers and fallers.")
)
@roster_options
@click.option(
    "--decision",
    default=None,
    metavar="TEXT",
    help=N_(
        "The decision the report and appendix are attached to, e.g. "
        '"Quyết định số 123/QĐ-UBND ngày 15/01/2026".'
    ),
)
@click.pass_context
def report(
    ctx: click.Context,
    paths: tuple[str, ...],
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    output: str,
    previous: str | None,
    id_map: str | None,
    roster: str | None,
    allow_absent: bool,
    decision: str | None,
) -> None:
    kind = _kind(output)
    if allow_absent and roster is None:
        raise click.UsageError(_("--allow-absent needs --roster"))
    from parindex.app.ranking import rank_run
    from parindex.app.report import report_file

    run = with_progress(
        rank_run,
        request(
            paths,
            criteria,
            appraisal=appraisal,
            survey=survey,
            strict=strict,
            roster=roster,
            allow_absent=allow_absent,
        ),
        previous,
        id_map,
    )
    warn_missing(run.inputs)
    from parindex.outputs.files import check_output

    check_output(output, run.files)  # refuse a bad -o before the charts are drawn
    data = report_file(run, kind, ctx.obj["lang"], decision)
    emit(data, output, run.files, fmt=kind, bom=False)
