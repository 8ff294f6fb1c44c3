"""`survey`: raw survey forms → the survey table that `rank --survey` reads."""

from __future__ import annotations

import os

import click

from parindex.cli.common import (
    console,
    criteria_option,
    emit,
    output_options,
    request,
    resolve_format,
)
from parindex.i18n import N_, _

YAML_SUFFIXES = (".yaml", ".yml")


@click.command(
    help=N_(
        "Raw survey forms (CSV/XLSX as form tools export them) → the survey table.\n\n"
        "The questionnaires (.yaml) come first, then the response files (.csv, .xlsx); with "
        "several questionnaires each form goes to the one of its unit's group on --roster."
    )
)
@click.argument("files", nargs=-1, required=True, metavar="QUESTIONNAIRE.yaml... RESPONSES...")
@criteria_option
@output_options(["table", "json", "csv"])
@click.option(
    "--roster",
    default=None,
    metavar="FILE",
    help=N_(
        "unit_id,unit_name,group of every unit (CSV/XLSX): forms may name units by name; "
        "needed with several questionnaires."
    ),
)
@click.option(
    "--strict", is_flag=True, help=N_("Treat a group below its minimum forms as an error.")
)
@click.pass_context
def survey(
    ctx: click.Context,
    files: tuple[str, ...],
    criteria: str | None,
    fmt: str | None,
    output: str | None,
    no_bom: bool,
    roster: str | None,
    strict: bool,
) -> None:
    chosen = resolve_format(fmt, output)
    questionnaires = [f for f in files if os.path.splitext(f)[1].lower() in YAML_SUFFIXES]
    responses = [f for f in files if f not in questionnaires]
    if not questionnaires or files[: len(questionnaires)] != tuple(questionnaires):
        raise click.UsageError(_("give the questionnaire files (.yaml) first, then the responses"))
    if not responses:
        raise click.UsageError(_("give at least one responses file (.csv or .xlsx)"))
    from parindex.app import survey as app  # the survey stack, only for this command

    req = request(questionnaires, criteria, need_assessments=False)
    run = app.survey_run(req, responses, roster, strict=strict)
    for warning in run.warnings:
        click.echo(warning.render(), err=True)
    if chosen == "table":
        from parindex.outputs.terminal.survey_views import render_survey

        for loaded, result in run.surveys:
            render_survey(
                console(), result, loaded.questionnaire, loaded.framework, ctx.obj["lang"]
            )
        return
    emit(app.survey_file(run, chosen), output, run.files, fmt=chosen, bom=not no_bom)
