"""`report`: the published report (HTML with charts) or the decision appendix (Word)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from parindex.app.requests import ReportKind, ReportRequest, Sources
from parindex.cli.common import (
    Text,
    criteria_option,
    earlier_rankings,
    history_options,
    paths_argument,
    roster_options,
    table_options,
    unknown_extension,
)
from parindex.cli.shape import command
from parindex.i18n import N_

if TYPE_CHECKING:
    from parindex.i18n import Lang

# -o FILE.ext → what is written (a usage error is found before any use case is loaded)
KINDS: dict[str, ReportKind] = {".html": "html", ".htm": "html", ".docx": "docx"}
HISTORY = history_options(
    N_(
        "An earlier parindex ranking: adds rank and index changes, risers and fallers; "
        "repeatable as YEAR=FILE, adding each unit's index over the years."
    )
)


@command("report")
@paths_argument
@criteria_option
@table_options
@click.option(
    "-o",
    "--output",
    required=True,
    metavar=N_("FILE"),
    help=N_("The report (.html) or the decision appendix (.docx)."),
)
@HISTORY
@roster_options
@click.option(
    "--decision",
    default=None,
    type=Text(),
    help=N_(
        "The decision the report and appendix are attached to, e.g. "
        '"Quyết định số 123/QĐ-UBND ngày 15/01/2026".'
    ),
)
def report(
    sources: Sources,
    lang: Lang,
    output: str,
    previous: tuple[str, ...],
    id_map: str | None,
    decision: str | None,
) -> ReportRequest:
    suffix = os.path.splitext(output)[1].lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise unknown_extension(output, suffix, ("html", "docx"))
    earlier = earlier_rankings(previous)
    return ReportRequest(sources, output, kind, lang, earlier, id_map, decision)
