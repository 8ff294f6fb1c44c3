"""`rank`: every unit found, one ranking per framework and group."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

import click

from parindex.cli.common import (
    Stages,
    console,
    criteria_option,
    dialect_option,
    emit,
    file_bytes,
    history_options,
    output_options,
    request,
    resolve_format,
    roster_options,
    table_options,
    warn_missing,
    write_files,
)
from parindex.errors import shown
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.outputs.csvjson import Dialect
    from parindex.outputs.kinds import TableFormat


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower().lstrip(".")


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
        raise click.UsageError(_("--by-field and --claims are different listings; give one"))
    if by_field is not None and previous is not None:
        raise click.UsageError(
            _("--by-field ranks on one field; --previous compares the overall ranking: give one")
        )
    if by_field is not None and chosen == "xlsx":
        raise click.UsageError(
            _("-o {output}: --by-field writes .csv or .json").format(output=output)
        )
    if breakdown is not None and _suffix(breakdown) not in ("csv", "xlsx"):
        raise click.UsageError(
            shown(
                _("--breakdown {breakdown}: the breakdown is written as .csv or .xlsx").format(
                    breakdown=breakdown
                )
            )
        )
    if (
        breakdown is not None
        and output is not None
        and os.path.realpath(breakdown) == os.path.realpath(output)
    ):
        raise click.UsageError(
            shown(
                _("-o {output} and --breakdown {breakdown} name the same file").format(
                    output=output, breakdown=breakdown
                )
            )
        )
    if allow_absent and roster is None:
        raise click.UsageError(_("--allow-absent needs --roster"))


@click.command(help=N_("Rank every unit found under PATH..., one ranking per framework and group."))
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@table_options
@output_options(["table", "json", "csv"])
@dialect_option
@click.option(
    "--breakdown",
    default=None,
    metavar="FILE.csv|FILE.xlsx",
    help=N_("Also write one row per unit and leaf, with how the points came about."),
)
@history_options(
    N_("An earlier parindex ranking (its CSV, XLSX or JSON): adds rank and index changes.")
)
@roster_options
@click.option(
    "--claims",
    is_flag=True,
    help=N_("List where claimed and final points differ, largest over-claim first."),
)
@click.option(
    "--by-field",
    "by_field",
    default=None,
    metavar="FIELD_ID",
    help=N_("Rank each group on this field's index instead."),
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
    dialect: Dialect,
    breakdown: str | None,
    previous: str | None,
    id_map: str | None,
    roster: str | None,
    allow_absent: bool,
    claims: bool,
    by_field: str | None,
) -> None:
    chosen = resolve_format(fmt, output)
    _check_options(output, breakdown, roster, allow_absent, by_field, claims, chosen, previous)
    from parindex.app import ranking as app  # the scoring stack, only for this command

    req = request(
        paths,
        criteria,
        appraisal=appraisal,
        survey=survey,
        strict=strict,
        roster=roster,
        allow_absent=allow_absent,
    )
    stages = Stages(req)
    with stages:
        # Leaves are kept only for the outputs that show them: a breakdown, the claims, a
        # JSON document (its criteria) or a workbook (its breakdown and claims sheets).
        leaves = breakdown is not None or claims or chosen not in ("csv", "table")
        run = app.rank_run(req, previous, id_map, stages.report, keep_leaves=leaves)
    warn_missing(run.inputs)
    known = app.known_fields(run)
    if by_field is not None and by_field not in known:
        raise click.UsageError(
            _("--by-field {by_field}: no such field; the fields are {fields}").format(
                by_field=by_field, fields=", ".join(known)
            )
        )
    if output is not None:  # refuse a bad -o before anything is written, not after
        from parindex.outputs.files import check_output

        check_output(output, run.files)
    lang = ctx.obj["lang"]
    # Every file is made before any is written: a ranking that cannot be written (a text
    # no workbook can hold) leaves no breakdown behind, and the two are renamed together.
    files: list[tuple[str, bytes]] = []
    main = None
    with stages:
        stages.update("writing", 0, None)
        if breakdown is not None:
            kind = cast("TableFormat", _suffix(breakdown))  # _check_options allowed csv and xlsx
            made = app.breakdown_file(run, kind, lang=lang, dialect=dialect)
            files.append((breakdown, file_bytes(made, kind, not no_bom)))
        if chosen != "table":
            if by_field is None:
                main = app.ranking_file(run, chosen, claims=claims, lang=lang, dialect=dialect)
            elif chosen == "xlsx":  # pragma: no cover - _check_options refused it
                raise click.UsageError(_("--by-field writes .csv or .json"))
            else:
                main = app.by_field_file(run, chosen, by_field, lang=lang, dialect=dialect)
            if output is not None:
                files.append((output, file_bytes(main, chosen, not no_bom)))
    if files:
        write_files(files, run.files)
    if chosen == "table" and by_field is not None:
        from parindex.outputs.terminal.field_views import render_by_field

        render_by_field(console(), run.rankings, by_field, lang)
    elif chosen == "table" and claims:
        from parindex.outputs.terminal.unit_views import render_claims_table

        render_claims_table(console(), run.rankings, lang)
    elif chosen == "table":
        from parindex.outputs.terminal.views import render_ranking

        render_ranking(
            console(),
            run.rankings,
            lang,
            with_history=run.with_history,
            gone=run.gone,
            names=run.previous_names,
        )
    elif output is None and main is not None:
        emit(main, None, run.files, fmt=chosen, bom=not no_bom)
