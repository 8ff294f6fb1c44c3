"""`notice`: the preliminary result sent to each unit the council corrected."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import NoticeRequest, Sources
from parindex.cli.common import criteria_option, paths_argument, roster_options, table_options
from parindex.cli.shape import command
from parindex.i18n import N_

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("notice")
@paths_argument
@criteria_option
@table_options
@roster_options
@click.option(
    "--unit",
    "units",
    multiple=True,
    metavar=N_("ID"),
    help=N_("Only this unit (repeatable); default every unit the council corrected."),
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help=N_("Also write a notice for each unit the council did not correct."),
)
@click.option(
    "-o",
    "--output",
    required=True,
    metavar=N_("DIR"),
    help=N_("The existing folder to write the notices in, one <unit_id>.xlsx per unit."),
)
def notice(
    sources: Sources, units: tuple[str, ...], every: bool, output: str, lang: Lang
) -> NoticeRequest:
    return NoticeRequest(sources, units, every, output, lang)
