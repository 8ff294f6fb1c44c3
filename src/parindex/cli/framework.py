"""`validate`, `show`, `schema` and `template`: checking inputs and reading frameworks."""

from __future__ import annotations

import click

from parindex.cli.common import console, criteria_option, request, table_options
from parindex.i18n import N_, _


@click.command(help=N_("Check frameworks, assessments and tables; report every problem at once."))
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@criteria_option
@table_options
@click.option("--roster", default=None, metavar="FILE", help=N_("Units expected (CSV/XLSX)."))
@click.option("--allow-absent", is_flag=True, help=N_("Roster units may lack an assessment."))
def validate(
    paths: tuple[str, ...],
    criteria: str | None,
    appraisal: tuple[str, ...],
    survey: tuple[str, ...],
    strict: bool,
    roster: str | None,
    allow_absent: bool,
) -> None:
    from parindex.app import unit as app
    from parindex.errors import InputError

    req = request(
        paths,
        criteria,
        appraisal=appraisal,
        survey=survey,
        strict=strict,
        roster=roster,
        allow_absent=allow_absent,
        need_assessments=False,
    )
    try:
        inputs = app.check_run(req)
    except InputError as exc:
        for problem in sorted([*exc.problems, *exc.warnings], key=lambda p: p.sort_key):
            click.echo(problem.render(), err=True)
        click.echo(
            _("{errors} error(s), {warnings} warning(s)").format(
                errors=len(exc.problems), warnings=len(exc.warnings)
            ),
            err=True,
        )
        raise SystemExit(1) from None
    for warning in inputs.warnings:
        click.echo(warning.render(), err=True)
    if appraisal or survey:  # the council's stage: what it still has to fill in
        _echo_pending(app.pending_units(inputs))
    tables = len(appraisal) + len(survey) + (1 if roster else 0)
    questionnaires = len(inputs.questionnaires)
    click.echo(
        (
            _(
                "ok: {frameworks} framework(s), {questionnaires} questionnaire(s), "
                "{assessments} assessment(s), {tables} table(s); {warnings} warning(s)"
            )
            if questionnaires
            else _(
                "ok: {frameworks} framework(s), {assessments} assessment(s), {tables} table(s); "
                "{warnings} warning(s)"
            )
        ).format(
            frameworks=len(inputs.frameworks),
            questionnaires=questionnaires,
            assessments=len(inputs.assessments),
            tables=tables,
            warnings=len(inputs.warnings),
        )
    )


def _echo_pending(pending: list[tuple[str, list[str]]]) -> None:
    from parindex.i18n import ngettext

    for unit_id, criteria in pending:
        line = ngettext(
            "{unit}: {count} criterion still pending (no survey or council value): {criteria}",
            "{unit}: {count} criteria still pending (no survey or council value): {criteria}",
            len(criteria),
        ).format(unit=unit_id, count=len(criteria), criteria=", ".join(criteria))
        click.echo(f"info: {line}", err=True)


@click.command(help=N_("The framework tree with max points and each node's weight in the index."))
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
@click.pass_context
def show(ctx: click.Context, framework_file: str) -> None:
    from parindex.inputs.documents.loading import load_framework_file
    from parindex.outputs.terminal.views import render_show

    render_show(console(), load_framework_file(framework_file), ctx.obj["lang"])


@click.command(
    help=N_("JSON Schema of the framework, assessment or questionnaire file format, for editors.")
)
@click.argument("which", type=click.Choice(["framework", "assessment", "questionnaire"]))
def schema(which: str) -> None:
    import json

    from parindex.inputs.documents.schema import json_schema

    click.echo(json.dumps(json_schema(which), ensure_ascii=False, indent=2))


@click.command(
    help=N_("A blank assessment listing every criterion the unit answers, each with its rule.")
)
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
@click.option("--unit-id", required=True, help=N_("Id of the unit the form is for."))
@click.option("--unit-name", required=True, help=N_("Name of the unit."))
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="FILE",
    help=N_("Write the form to FILE (never over an existing file)."),
)
@click.pass_context
def template(
    ctx: click.Context, framework_file: str, unit_id: str, unit_name: str, output: str | None
) -> None:
    from parindex.inputs.documents.loading import load_framework_file
    from parindex.outputs.template import render_template

    text = render_template(load_framework_file(framework_file), unit_id, unit_name, ctx.obj["lang"])
    if output is None:
        click.echo(text, nl=False)
        return
    from parindex.errors import OutputError, shown
    from parindex.outputs.files import check_output, write_atomic

    target = check_output(output, [framework_file])
    if target.exists():
        raise OutputError(
            _("{file}: already exists; parindex does not overwrite a form").format(file=output)
        )
    write_atomic(target, text.encode("utf-8"))
    click.echo(shown(_("wrote {file}").format(file=output)), err=True)
