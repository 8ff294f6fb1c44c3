"""`score` and `gaps`: one unit, its points and where it loses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.cli.common import (
    console,
    criteria_option,
    dialect_option,
    emit,
    output_options,
    request,
    resolve_format,
    table_options,
    warn_missing,
    with_progress,
)
from parindex.i18n import N_

if TYPE_CHECKING:
    from parindex.outputs.csvjson import Dialect


@click.command(help=N_("Score one unit: its criteria tree, field indices, total, index and band."))
@click.argument("unit", metavar="UNIT.yaml")
@criteria_option
@table_options
@output_options(["table", "json", "csv"])
@dialect_option
@click.pass_context
def score(
    ctx: click.Context,
    unit: str,
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    fmt: str | None,
    output: str | None,
    no_bom: bool,
    dialect: Dialect,
) -> None:
    chosen = resolve_format(fmt, output)
    from parindex.app import unit as app  # the scoring stack, only for the command that scores

    inputs, result = with_progress(
        app.score_run,
        request(
            [unit], criteria, appraisal=appraisal, survey=survey, strict=strict, single_unit=True
        ),
    )
    warn_missing(inputs)
    if chosen == "table":
        from parindex.outputs.terminal.unit_views import render_score

        render_score(console(), result, ctx.obj["lang"])
        return
    from parindex.outputs.formats import score_output

    emit(
        score_output(chosen, result, lang=ctx.obj["lang"], dialect=dialect),
        output,
        inputs.files,
        fmt=chosen,
        bom=not no_bom,
    )


@click.command(
    help=N_("Where the unit loses points, what would earn them, and the points to climb.")
)
@click.argument("unit", metavar="UNIT.yaml")
@criteria_option
@table_options
@click.option(
    "--ranking",
    default=None,
    metavar="FILE",
    help=N_("A parindex ranking (its CSV, XLSX or JSON): points needed to pass each unit above."),
)
@click.pass_context
def gaps(
    ctx: click.Context,
    unit: str,
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    ranking: str | None,
) -> None:
    from parindex.app import unit as app  # the scoring stack, only for the command that scores

    inputs, report = with_progress(
        app.gaps_run,
        request(
            [unit], criteria, appraisal=appraisal, survey=survey, strict=strict, single_unit=True
        ),
        ranking,
    )
    warn_missing(inputs)
    from parindex.outputs.terminal.unit_views import render_gaps

    render_gaps(console(), report, ctx.obj["lang"])
