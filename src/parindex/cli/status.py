"""`status`: the officer's dashboard while forms come in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import Sources, StatusRequest, Written
from parindex.cli.common import (
    criteria_option,
    dialect_option,
    output_options,
    paths_argument,
    replies_option,
)
from parindex.cli.shape import command
from parindex.i18n import N_

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("status")
@paths_argument
@criteria_option
@click.option(
    "--appraisal",
    multiple=True,
    metavar=N_("FILE"),
    help=N_("Appraisal council corrections (CSV/XLSX); repeatable."),
)
@click.option(
    "--survey", multiple=True, metavar=N_("FILE"), help=N_("Survey results (CSV/XLSX); repeatable.")
)
@click.option("--roster", default=None, metavar=N_("FILE"), help=N_("Units expected (CSV/XLSX)."))
@replies_option
@output_options(["table", "csv", "json"])
@dialect_option
def status(
    sources: Sources, written: Written, lang: Lang, replies: tuple[str, ...]
) -> StatusRequest:
    return StatusRequest(sources, written, lang, replies)
