"""`worksheet`: the appraisal council's workbook and the survey entry sheet."""

from __future__ import annotations

import os

import click

from parindex.cli.common import criteria_option, emit, request, warn_missing
from parindex.errors import shown
from parindex.i18n import N_, _


@click.command(
    help=N_(
        "The council's workbook: one row per unit and criterion to correct, and the survey "
        "entry sheet; the filled workbook goes back in as --appraisal and --survey."
    )
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@click.option(
    "--appraisal",
    multiple=True,
    metavar="FILE",
    help=N_("Appraisal corrections to prefill (CSV/XLSX); repeatable."),
)
@click.option(
    "--survey",
    multiple=True,
    metavar="FILE",
    help=N_("Survey results to prefill (CSV/XLSX); repeatable."),
)
@click.option("--roster", default=None, metavar="FILE", help=N_("Units expected (CSV/XLSX)."))
@click.option("--allow-absent", is_flag=True, help=N_("Roster units may lack an assessment."))
@click.option(
    "--unit",
    "units",
    multiple=True,
    metavar="ID",
    help=N_("Only this unit (repeatable); default every assessed unit."),
)
@click.option(
    "-o", "--output", required=True, metavar="FILE.xlsx", help=N_("The workbook to write.")
)
@click.pass_context
def worksheet(
    ctx: click.Context,
    paths: tuple[str, ...],
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    roster: str | None,
    allow_absent: bool,
    units: tuple[str, ...],
    output: str,
) -> None:
    if os.path.splitext(output)[1].lower() != ".xlsx":
        raise click.UsageError(
            shown(_("-o {output}: the worksheet is written as .xlsx").format(output=output))
        )
    if allow_absent and roster is None:
        raise click.UsageError(_("--allow-absent needs --roster"))
    from parindex.outputs.files import check_output

    check_output(output, [*appraisal, *survey, *([roster] if roster else [])])  # before the work
    from parindex.app import worksheet as app

    req = request(
        paths,
        criteria,
        appraisal=appraisal,
        survey=survey,
        roster=roster,
        allow_absent=allow_absent,
        evidence=True,  # the worksheet shows what each unit listed
    )
    inputs, data = app.worksheet_run(req, units, ctx.obj["lang"])
    warn_missing(inputs)
    emit(data, output, inputs.files, fmt="xlsx", bom=False)
