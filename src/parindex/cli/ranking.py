"""`rank`: every unit found, one ranking per framework and group."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.cli.common import (
    console,
    criteria_option,
    emit,
    output_options,
    request,
    resolve_format,
    table_options,
    warn_missing,
    with_progress,
)

if TYPE_CHECKING:
    from parindex.app.ranking import RankRun
    from parindex.i18n import Lang
    from parindex.outputs.kinds import OutputFormat


def _check_options(
    output: str | None,
    breakdown: str | None,
    roster: str | None,
    allow_absent: bool,
    by_field: str | None = None,
    claims: bool = False,
    chosen: str = "table",
    previous: str | None = None,
) -> None:
    """Usage errors (exit 2) that no single option can see."""
    if by_field is not None and claims:
        raise click.UsageError("--by-field and --claims are different listings; give one")
    if by_field is not None and previous is not None:
        raise click.UsageError(
            "--by-field ranks on one field; --previous compares the overall ranking: give one"
        )
    if by_field is not None and chosen == "xlsx":
        raise click.UsageError(f"-o {output}: --by-field writes .csv or .json")
    if breakdown is not None and os.path.splitext(breakdown)[1].lower() != ".csv":
        raise click.UsageError(f"--breakdown {breakdown}: the breakdown is written as .csv")
    if (
        breakdown is not None
        and output is not None
        and os.path.realpath(breakdown) == os.path.realpath(output)
    ):
        raise click.UsageError(f"-o {output} and --breakdown {breakdown} name the same file")
    if allow_absent and roster is None:
        raise click.UsageError("--allow-absent needs --roster")


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@table_options
@output_options(["table", "json", "csv"])
@click.option(
    "--breakdown",
    default=None,
    metavar="FILE.csv",
    help="Also write one row per unit and leaf, with how the points came about.",
)
@click.option(
    "--previous",
    default=None,
    metavar="FILE.csv",
    help="An earlier parindex ranking: adds rank and index changes.",
)
@click.option(
    "--id-map",
    "id_map",
    default=None,
    metavar="FILE.csv",
    help="old_id,new_id rows so renamed and merged units keep their history.",
)
@click.option(
    "--roster",
    default=None,
    metavar="FILE",
    help="unit_id,unit_name,group of every unit expected (CSV/XLSX).",
)
@click.option(
    "--allow-absent",
    is_flag=True,
    help="Rank roster units without an assessment last, as not submitted.",
)
@click.option(
    "--claims",
    is_flag=True,
    help="List where claimed and final points differ, largest over-claim first.",
)
@click.option(
    "--by-field",
    "by_field",
    default=None,
    metavar="FIELD_ID",
    help="Rank each group on this field's index instead.",
)
@click.pass_context
def rank(
    ctx: click.Context,
    paths: tuple[str, ...],
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    fmt: str | None,
    output: str | None,
    no_bom: bool,
    breakdown: str | None,
    previous: str | None,
    id_map: str | None,
    roster: str | None,
    allow_absent: bool,
    claims: bool,
    by_field: str | None,
) -> None:
    """Rank every unit found under PATH..., one ranking per framework and group."""
    chosen = resolve_format(fmt, output)
    _check_options(output, breakdown, roster, allow_absent, by_field, claims, chosen, previous)
    from parindex.app import ranking as app  # the scoring stack, only for this command

    run = with_progress(
        app.rank_run,
        request(
            paths,
            criteria,
            appraisal=appraisal,
            survey=survey,
            strict=strict,
            roster=roster,
            allow_absent=allow_absent,
        ),
        previous,
        id_map,
    )
    warn_missing(run.inputs)
    known = app.known_fields(run)
    if by_field is not None and by_field not in known:
        raise click.UsageError(
            f"--by-field {by_field}: no such field; the fields are {', '.join(known)}"
        )
    if output is not None:  # refuse a bad -o before the breakdown is written, not after
        from parindex.outputs.files import check_output

        check_output(output, run.files)
    if breakdown is not None:
        emit(app.breakdown_file(run), breakdown, run.files, fmt="csv", bom=not no_bom)
    lang = ctx.obj["lang"]
    if by_field is not None:
        _emit_by_field(run, by_field, chosen, output, lang, no_bom)
    elif chosen == "table" and claims:
        from parindex.outputs.unit_views import render_claims_table

        render_claims_table(console(), run.rankings, lang)
    elif chosen == "table":
        from parindex.outputs.views import render_ranking

        render_ranking(
            console(),
            run.rankings,
            lang,
            with_history=run.with_history,
            gone=run.gone,
            names=run.previous_names,
        )
    else:
        emit(
            app.ranking_file(run, chosen, claims=claims),
            output,
            run.files,
            fmt=chosen,
            bom=not no_bom,
        )


def _emit_by_field(
    run: RankRun,
    field_id: str,
    chosen: OutputFormat,
    output: str | None,
    lang: Lang,
    no_bom: bool,
) -> None:
    """`rank --by-field`: the table, or CSV/JSON on stdout or in -o."""
    from parindex.app import ranking as app

    if chosen == "table":
        from parindex.outputs.field_views import render_by_field

        render_by_field(console(), run.rankings, field_id, lang)
        return
    if chosen == "xlsx":  # pragma: no cover - _check_options refused it
        raise click.UsageError("--by-field writes .csv or .json")
    emit(app.by_field_file(run, chosen, field_id), output, run.files, fmt=chosen, bom=not no_bom)
