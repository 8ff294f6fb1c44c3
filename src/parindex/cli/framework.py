"""`validate`, `show`, `schema` and `template`: checking inputs and reading frameworks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from parindex.app.requests import (
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
)
from parindex.cli.shape import command
from parindex.i18n import N_

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
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
def show(framework_file: str, lang: Lang) -> ShowRequest:
    return ShowRequest(framework_file, lang)


@command("schema")
@click.argument("which", type=click.Choice(["framework", "assessment", "questionnaire"]))
def schema(which: SchemaKind) -> SchemaRequest:
    return SchemaRequest(which)


@command("template")
@click.argument("framework_file", metavar="FRAMEWORK.yaml")
@click.option("--unit-id", required=True, type=Text(), help=N_("Id of the unit the form is for."))
@click.option("--unit-name", required=True, type=Text(), help=N_("Name of the unit."))
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="FILE",
    help=N_("Write the form to FILE (never over an existing file)."),
)
def template(
    framework_file: str, unit_id: str, unit_name: str, output: str | None, lang: Lang
) -> TemplateRequest:
    return TemplateRequest(framework_file, unit_id, unit_name, output, lang)
