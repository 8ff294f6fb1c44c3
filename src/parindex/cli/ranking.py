"""`rank`: every unit found, one ranking per framework and group."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.app.requests import RankRequest, Sources, Written
from parindex.cli.common import (
    criteria_option,
    dialect_option,
    earlier_rankings,
    history_options,
    output_options,
    paths_argument,
    roster_options,
    table_options,
)
from parindex.cli.settings import given
from parindex.cli.shape import command
from parindex.errors import shown
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang


BREAKDOWN = click.option(
    "--breakdown",
    default=None,
    metavar=N_("FILE.csv|FILE.xlsx"),
    help=N_("Also write one row per unit and leaf, with how the points came about."),
)
CLAIMS = click.option(
    "--claims",
    is_flag=True,
    help=N_("List where claimed and final points differ, largest over-claim first."),
)
BY_FIELD = click.option(
    "--by-field",
    "by_field",
    default=None,
    metavar=N_("FIELD_ID"),
    help=N_("Rank each group on this field's index instead."),
)
HISTORY = history_options(
    N_(
        "An earlier parindex ranking (its CSV, XLSX or JSON): adds rank and index changes; "
        "repeatable as YEAR=FILE for several years (the latest gives the changes)."
    )
)


@command("rank")
@paths_argument
@criteria_option
@table_options
@output_options(["table", "json", "csv"])
@dialect_option
@BREAKDOWN
@HISTORY
@roster_options
@CLAIMS
@BY_FIELD
def rank(
    sources: Sources,
    written: Written,
    lang: Lang,
    breakdown: str | None,
    previous: tuple[str, ...],
    id_map: str | None,
    claims: bool,
    by_field: str | None,
) -> RankRequest:
    if by_field is not None:
        _check_by_field(written, claims)
        previous = ()  # the year's earlier rankings compare the overall ranking only
    if breakdown is not None:
        _check_breakdown(breakdown, written.output)
    earlier = earlier_rankings(previous)
    return RankRequest(sources, written, lang, breakdown, earlier, id_map, claims, by_field)


def _check_by_field(written: Written, claims: bool) -> None:
    """--by-field is a listing of its own: not with --claims, --previous or a workbook."""
    if claims:
        raise click.UsageError(_("--by-field and --claims are different listings; give one"))
    if given("previous"):
        raise click.UsageError(
            _("--by-field ranks on one field; --previous compares the overall ranking: give one")
        )
    if written.fmt == "xlsx":
        raise click.UsageError(
            _("-o {output}: --by-field writes .csv or .json").format(output=written.output)
        )


def _check_breakdown(breakdown: str, output: str | None) -> None:
    """The breakdown is a CSV or XLSX file of its own, not the ranking's."""
    if os.path.splitext(breakdown)[1].lower() not in (".csv", ".xlsx"):
        raise click.UsageError(
            shown(
                _("--breakdown {breakdown}: the breakdown is written as .csv or .xlsx").format(
                    breakdown=breakdown
                )
            )
        )
    if output is not None and os.path.realpath(breakdown) == os.path.realpath(output):
        raise click.UsageError(
            shown(
                _("-o {output} and --breakdown {breakdown} name the same file").format(
                    output=output, breakdown=breakdown
                )
            )
        )
