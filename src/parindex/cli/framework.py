"""`validate`, `show`, `schema` and `template`: checking inputs and reading frameworks."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click
from click.decorators import FC

from parindex.app.requests import (
    FormKind,
    SchemaKind,
    SchemaRequest,
    ShowRequest,
    Sources,
    TemplateRequest,
    ValidateRequest,
)
from parindex.cli.common import (
    Text,
    criteria_option,
    expected_options,
    paths_argument,
    replies_option,
    table_options,
    unknown_extension,
)
from parindex.cli.shape import command
from parindex.i18n import N_, _

if TYPE_CHECKING:
    from parindex.i18n import Lang


@command("validate")
@paths_argument
@criteria_option
@table_options
@expected_options
@replies_option
def validate(sources: Sources, replies: tuple[str, ...]) -> ValidateRequest:
    return ValidateRequest(sources, replies)


@command("show")
@click.argument("framework_file", metavar=N_("FRAMEWORK.yaml"))
def show(framework_file: str, lang: Lang) -> ShowRequest:
    return ShowRequest(framework_file, lang)


@command("schema")
@click.argument("which", type=click.Choice(["framework", "assessment", "questionnaire"]))
def schema(which: SchemaKind) -> SchemaRequest:
    return SchemaRequest(which)


def template_options(f: FC) -> FC:
    """`template`'s options: the unit (or a roster of units), a form to prefill from, the
    kind of forms a roster gets, and where the form goes."""
    f = click.option(
        "-o",
        "--output",
        default=None,
        metavar=N_("FILE"),
        help=N_(
            "Write the form to FILE: .xlsx the workbook, .yaml the YAML form (never over an "
            "existing file)."
        ),
    )(f)
    f = click.option(
        "--form",
        type=click.Choice(["xlsx", "yaml"]),
        default=None,
        help=N_("With --roster: write workbook forms (default) or YAML forms."),
    )(f)
    f = click.option(
        "--from",
        "source",
        default=None,
        metavar=N_("FILE"),
        help=N_(
            "Prefill from a YAML assessment or a workbook form (with --roster: a directory of "
            "them, matched by unit id)."
        ),
    )(f)
    f = click.option(
        "--roster",
        "roster_file",
        default=None,
        metavar=N_("FILE"),
        help=N_("One form per unit of the framework's group on this roster; -o names a directory."),
    )(f)
    f = click.option("--unit-name", default=None, type=Text(), help=N_("Name of the unit."))(f)
    return click.option(
        "--unit-id", default=None, type=Text(), help=N_("Id of the unit the form is for.")
    )(f)


@command("template")
@click.argument("framework_file", metavar=N_("FRAMEWORK.yaml"))
@template_options
def template(
    framework_file: str,
    unit_id: str | None,
    unit_name: str | None,
    roster_file: str | None,
    source: str | None,
    form: FormKind | None,
    output: str | None,
    lang: Lang,
) -> TemplateRequest:
    check_template(roster_file, unit_id, unit_name, source, form, output)
    return TemplateRequest(
        framework_file,
        unit_id,
        unit_name,
        output,
        lang,
        roster=roster_file,
        source=source,
        form=form or "xlsx",
    )


def check_template(
    roster: str | None,
    unit_id: str | None,
    unit_name: str | None,
    source: str | None,
    form: str | None,
    output: str | None,
) -> None:
    """The usage errors of `template`: a roster writes into a directory and names its units;
    one form needs its unit (or a form that names it) and an extension it can write."""
    if roster is not None:
        if unit_id is not None or unit_name is not None:
            raise click.UsageError(_("--roster names the units: give no --unit-id or --unit-name"))
        if output is None:
            raise click.UsageError(_("--roster needs -o DIR, the directory of the forms"))
        return
    if form is not None:
        raise click.UsageError(_("--form goes with --roster; one form's kind comes from -o"))
    if source is None and (unit_id is None or unit_name is None):
        raise click.UsageError(
            _("--unit-id and --unit-name are needed (or --from a form that names the unit)")
        )
    if output is not None:
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in (".xlsx", ".yaml", ".yml"):
            raise unknown_extension(output, suffix, ("xlsx", "yaml"))
