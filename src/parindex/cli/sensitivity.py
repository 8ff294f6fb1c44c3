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
    from click.decorators import FC

    from parindex.i18n import Lang


def weighting_options(f: FC) -> FC:
    """--runs, --seed, --spread: the weightings drawn; --hold: what an uncertain rank is."""
    options = (
        click.option(
            "--hold",
            type=Real(0, 100),
            default=90,
            show_default=True,
            help=N_(
                "A unit's rank is uncertain when it holds its published rank in fewer than "
                "this percentage of the weightings."
            ),
        ),
        click.option(
            "--spread",
            type=Real(0, 100, max_open=True),
            default=25,
            show_default=True,
            help=N_("How far each field's weight may move, in % (uniform in ±spread)."),
        ),
        click.option(
            "--seed",
            type=Whole(0),
            default=1,
            show_default=True,
            help=N_("Seed of the draws: the same seed gives the same output."),
        ),
        click.option(
            "--runs",
            type=Whole(1, 1_000_000),
            default=1000,
            show_default=True,
            help=N_("Weightings drawn."),
        ),
    )
    for option in options:
        f = option(f)
    return f


@command("sensitivity", writes=("csv", "json"))
@paths_argument
@criteria_option
@table_options
@output_options(["table", "csv", "json"])
@roster_options
@weighting_options
def sensitivity(
    sources: Sources,
    written: Written,
    lang: Lang,
    runs: int,
    seed: int,
    spread: float,
    hold: float,
) -> SensitivityRequest:
    if written.fmt == "xlsx":
        raise click.UsageError(
            _("-o {output}: sensitivity writes .csv or .json").format(output=written.output)
        )
    return SensitivityRequest(sources, written, lang, runs, seed, spread, hold)
