"""`worksheet`: the appraisal council's workbook and the survey entry sheet."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.app.requests import Sources, WorksheetRequest
from parindex.cli.common import (
    criteria_option,
    expected_options,
    paths_argument,
    replies_option,
)
from parindex.cli.shape import command
from parindex.errors import shown
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("worksheet")
@paths_argument
@criteria_option
@click.option(
    "--appraisal",
    multiple=True,
    metavar=N_("FILE"),
    help=N_("Appraisal corrections to prefill (CSV/XLSX); repeatable."),
)
@click.option(
    "--survey",
    multiple=True,
    metavar=N_("FILE"),
    help=N_("Survey results to prefill (CSV/XLSX); repeatable."),
)
@expected_options
@replies_option
@click.option(
    "--unit",
    "units",
    multiple=True,
    metavar=N_("ID"),
    help=N_("Only this unit (repeatable); default every assessed unit."),
)
@click.option(
    "-o", "--output", required=True, metavar=N_("FILE.xlsx"), help=N_("The workbook to write.")
)
def worksheet(
    sources: Sources, units: tuple[str, ...], output: str, lang: Lang, replies: tuple[str, ...]
) -> WorksheetRequest:
    if os.path.splitext(output)[1].lower() != ".xlsx":
        raise click.UsageError(
            shown(_("-o {output}: the worksheet is written as .xlsx").format(output=output))
        )
    return WorksheetRequest(sources, units, output, lang, replies)
