"""`sensitivity`: how firm each rank is when the field weights move: every group re-ranked
under randomly drawn weightings, each field's weight moved within ±spread %."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import SensitivityRequest, Sources, Written
from parindex.cli.common import (
    Real,
    Whole,
    criteria_option,
    output_options,
    paths_argument,
    roster_options,
    table_options,
)
from parindex.cli.shape import command
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("sensitivity", writes=("csv", "json"))
@paths_argument
@criteria_option
@table_options
@output_options(["table", "csv", "json"])
@roster_options
@click.option(
    "--runs",
    type=Whole(1, 1_000_000),
    default=1000,
    show_default=True,
    help=N_("Weightings drawn."),
)
@click.option(
    "--seed",
    type=Whole(0),
    default=1,
    show_default=True,
    help=N_("Seed of the draws: the same seed gives the same output."),
)
@click.option(
    "--spread",
    type=Real(0, 100, max_open=True),
    default=25,
    show_default=True,
    help=N_("How far each field's weight may move, in % (uniform in ±spread)."),
)
def sensitivity(
    sources: Sources, written: Written, lang: Lang, runs: int, seed: int, spread: float
) -> SensitivityRequest:
    if written.fmt == "xlsx":
        raise click.UsageError(
            _("-o {output}: sensitivity writes .csv or .json").format(output=written.output)
        )
    return SensitivityRequest(sources, written, lang, runs, seed, spread)
