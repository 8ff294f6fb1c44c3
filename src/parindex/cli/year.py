"""`init`: a new year's folder, with its settings and a form per roster unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import InitRequest
from parindex.cli.common import Text
from parindex.cli.shape import command
from parindex.errors import shown
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("init")
@click.argument("folder", metavar=N_("DIR"))
@click.option(
    "--year", required=True, type=Text(), metavar=N_("YEAR"), help=N_("The year assessed.")
)
@click.option(
    "--criteria",
    default=None,
    metavar=N_("DIR"),
    help=N_(
        "The frameworks and questionnaires of the year (default: last year's with --from, "
        "else those shipped with parindex)."
    ),
)
@click.option(
    "--roster",
    default=None,
    metavar=N_("FILE"),
    help=N_("unit_id,unit_name,group of every unit assessed (CSV/XLSX; default: last year's)."),
)
@click.option(
    "--from",
    "last_year",
    default=None,
    metavar=N_("DIR"),
    help=N_("Last year's folder: its roster, frameworks, forms and ranking carry over."),
)
def init(
    folder: str,
    year: str,
    criteria: str | None,
    roster: str | None,
    last_year: str | None,
    lang: Lang,
) -> InitRequest:
    if roster is None and last_year is None:
        raise click.UsageError(
            shown(_("init needs the units: --roster FILE, or --from the folder of last year"))
        )
    return InitRequest(folder, year, lang, criteria, roster, last_year)
