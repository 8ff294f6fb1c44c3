"""`survey`: raw survey forms → the survey table that `rank --survey` reads."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.app.requests import SurveyRequest, Written
from parindex.cli.common import criteria_option, output_options
from parindex.cli.shape import command
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang

YAML_SUFFIXES = (".yaml", ".yml")


@command("survey")
@click.argument("files", nargs=-1, metavar=N_("QUESTIONNAIRE.yaml... RESPONSES..."))
@criteria_option
@output_options(["table", "json", "csv"])
@click.option(
    "--roster",
    default=None,
    metavar=N_("FILE"),
    help=N_(
        "unit_id,unit_name,group of every unit (CSV/XLSX): forms may name units by name; "
        "needed with several questionnaires."
    ),
)
@click.option(
    "--strict", is_flag=True, help=N_("Treat a group below its minimum forms as an error.")
)
def survey(
    files: tuple[str, ...],
    criteria: str | None,
    written: Written,
    roster: str | None,
    strict: bool,
    lang: Lang,
) -> SurveyRequest:
    questionnaires = tuple(f for f in files if os.path.splitext(f)[1].lower() in YAML_SUFFIXES)
    responses = tuple(f for f in files if f not in questionnaires)
    # No questionnaire given: those of the criteria directory (`responses` of the settings).
    if questionnaires and files[: len(questionnaires)] != questionnaires:
        raise click.UsageError(_("give the questionnaire files (.yaml) first, then the responses"))
    if not responses:
        raise click.UsageError(_("give at least one responses file (.csv or .xlsx)"))
    return SurveyRequest(questionnaires, responses, written, lang, criteria, roster, strict)
