"""The use cases the commands call: a typed request in, an `Outcome` out (files to write, views
to draw, text for stdout, warnings), nothing printed, nothing decided twice.

`perform` is the one entry: it loads the module of the request's use case and no other, so
that a command loads only what it needs (`score` neither the ranking writers nor numpy,
`schema` no scoring at all, `rank` not the worksheet writer). Every module of the app imports
its needs at its top, but for the writers that only some runs of a command use: the report's
libraries (`report.report_file`) and score's file formats (`unit.score`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import cast

from parindex.app.outcome import Outcome, Watch
from parindex.app.requests import (
    GapsRequest,
    InitRequest,
    NoticeRequest,
    RankRequest,
    ReportRequest,
    Request,
    SchemaRequest,
    ScoreRequest,
    SensitivityRequest,
    ShowRequest,
    StatusRequest,
    SurveyRequest,
    TemplateRequest,
    ValidateRequest,
    WorksheetRequest,
)

# request → (module of this package, function): each function takes its request and a Watch
USE_CASES: dict[type[Request], tuple[str, str]] = {
    ScoreRequest: ("unit", "score"),
    GapsRequest: ("gaps", "gaps"),
    RankRequest: ("ranking", "rank"),
    ValidateRequest: ("validate", "validate"),
    ShowRequest: ("frameworks", "show"),
    SchemaRequest: ("schema", "schema"),
    TemplateRequest: ("template", "template"),
    ReportRequest: ("report", "report"),
    SurveyRequest: ("survey", "survey"),
    SensitivityRequest: ("sensitivity", "sensitivity"),
    WorksheetRequest: ("worksheet", "worksheet"),
    StatusRequest: ("status", "status"),
    InitRequest: ("year_folder", "init"),
    NoticeRequest: ("notice", "notice"),
}

UseCase = Callable[[Request, Watch | None], Outcome]


def use_case(kind: type[Request]) -> UseCase:
    """The function that serves requests of `kind`, its module loaded now."""
    module, name = USE_CASES[kind]
    return cast("UseCase", getattr(importlib.import_module(f"{__name__}.{module}"), name))


def perform(request: Request, watch: Watch | None = None) -> Outcome:
    """Run the use case of `request`; `watch` follows a long run's progress."""
    return use_case(type(request))(request, watch)
