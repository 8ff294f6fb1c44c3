"""`sensitivity`: how firm each rank is when the field weights move (SPEC §9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.cli.common import (
    console,
    criteria_option,
    emit,
    output_options,
    request,
    resolve_format,
    roster_options,
    table_options,
    warn_missing,
    with_progress,
)
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.inputs.discovery import Request
    from parindex.inputs.gather import Progress


@click.command(
    help=N_("How firm each rank is: the groups re-ranked under randomly moved field weights.")
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@table_options
@output_options(["table", "csv", "json"])
@roster_options
@click.option(
    "--runs",
    type=click.IntRange(1, 1_000_000),
    default=1000,
    show_default=True,
    help=N_("Weightings drawn."),
)
@click.option(
    "--seed",
    type=click.IntRange(0),
    default=1,
    show_default=True,
    help=N_("Seed of the draws: the same seed gives the same output."),
)
@click.option(
    "--spread",
    type=click.FloatRange(0, 100, max_open=True),
    default=25,
    show_default=True,
    help=N_("How far each field's weight may move, in % (uniform in ±spread)."),
)
@click.pass_context
def sensitivity(
    ctx: click.Context,
    paths: tuple[str, ...],
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    fmt: str | None,
    output: str | None,
    no_bom: bool,
    roster: str | None,
    allow_absent: bool,
    runs: int,
    seed: int,
    spread: float,
) -> None:
    chosen = resolve_format(fmt, output)
    if chosen == "xlsx":
        raise click.UsageError(
            _("-o {output}: sensitivity writes .csv or .json").format(output=output)
        )
    if allow_absent and roster is None:
        raise click.UsageError(_("--allow-absent needs --roster"))
    from parindex.app import sensitivity as app  # numpy, for this command only

    def analyse(req: Request, progress: Progress | None) -> app.SensitivityRun:
        return app.sensitivity_run(req, runs=runs, seed=seed, spread=spread, progress=progress)

    run = with_progress(
        analyse,
        request(
            paths,
            criteria,
            appraisal=appraisal,
            survey=survey,
            strict=strict,
            roster=roster,
            allow_absent=allow_absent,
        ),
    )
    warn_missing(run.inputs)
    if chosen == "table":
        from parindex.outputs.terminal.sensitivity_views import render_sensitivity

        render_sensitivity(
            console(), run.groups, ctx.obj["lang"], runs=runs, seed=seed, spread=spread
        )
        return
    emit(app.sensitivity_file(run, chosen), output, run.files, fmt=chosen, bom=not no_bom)
