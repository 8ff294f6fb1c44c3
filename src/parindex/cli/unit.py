"""`score` and `gaps`: one unit, its points and where it loses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import GapsRequest, ScoreRequest, Sources, Written
from parindex.cli.common import (
    criteria_option,
    dialect_option,
    output_options,
    table_options,
    unit_argument,
)
from parindex.cli.shape import command
from parindex.i18n import N_

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("score")
@unit_argument
@criteria_option
@table_options
@output_options(["table", "json", "csv"])
@dialect_option
def score(sources: Sources, written: Written, lang: Lang) -> ScoreRequest:
    return ScoreRequest(sources, written, lang)


@command("gaps")
@unit_argument
@criteria_option
@table_options
@click.option(
    "--ranking",
    default=None,
    metavar=N_("FILE"),
    help=N_("A parindex ranking (its CSV, XLSX or JSON): points needed to pass each unit above."),
)
def gaps(sources: Sources, ranking: str | None, lang: Lang) -> GapsRequest:
    return GapsRequest(sources, ranking, lang)
