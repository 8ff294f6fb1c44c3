"""The survey table as a file: `unit_id,criterion,value,forms` (a unit's value of each survey
criterion and the forms behind it) in CSV, JSON or XLSX; the CSV and the workbook read back as
`--survey`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from typing_extensions import assert_never

from parindex import __version__
from parindex.core.questionnaire import Questionnaire
from parindex.core.survey import PLACES, SurveyResult
from parindex.i18n import _
from parindex.outputs.csvjson import json_document, to_csv
from parindex.outputs.kinds import FileFormat
from parindex.outputs.records import Cell
from parindex.outputs.workbooks.readback import table_workbook

SURVEY_COLUMNS = ["unit_id", "criterion", "value", "forms"]
Surveys = Sequence[tuple[Questionnaire, SurveyResult]]


def survey_rows(surveys: Surveys) -> list[dict[str, Cell]]:
    """Every questionnaire's rows, by unit_id then framework order (a unit answers one)."""
    rows: list[dict[str, Cell]] = [
        {"unit_id": r.unit_id, "criterion": r.criterion, "value": r.value, "forms": r.forms}
        for _questionnaire, result in surveys
        for r in result.rows
    ]
    rows.sort(key=lambda row: str(row["unit_id"]))  # stable: framework order within a unit
    return rows


def _units(questionnaire: Questionnaire, result: SurveyResult) -> list[dict[str, Any]]:
    return [
        {
            "unit_id": unit_id,
            "forms": sum(result.forms[unit_id].values()),
            "groups": [
                {"group": g.id, "forms": result.forms[unit_id].get(g.id, 0), "min": g.min}
                for g in questionnaire.groups
            ],
        }
        for unit_id in result.units
    ]


def survey_json(surveys: Surveys, inputs: Sequence[tuple[str, str]]) -> str:
    """The table's rows, and per questionnaire and unit the forms of each respondent group."""
    document: dict[str, Any] = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "survey": survey_rows(surveys),
        "questionnaires": [
            {
                "questionnaire": q.questionnaire,
                "framework": q.framework,
                "units": _units(q, result),
            }
            for q, result in surveys
        ],
    }
    return json_document(document, PLACES)


def survey_output(
    fmt: FileFormat, surveys: Surveys, hashes: Sequence[tuple[str, str]]
) -> str | bytes:
    """`survey` as a file; the CSV and the workbook's `survey` sheet read back as --survey."""
    if fmt == "csv":
        return to_csv(SURVEY_COLUMNS, survey_rows(surveys))  # 2 decimals, as PLACES
    if fmt == "json":
        return survey_json(surveys, hashes)
    if fmt == "xlsx":
        notes = {
            "unit_id": _("Unit id"),
            "criterion": _("Criterion id (a survey criterion of the framework)"),
            "value": _("Survey value: a percent, or the scale's value, as the criterion's rule"),
            "forms": _("Forms that answered a question of this criterion"),
        }
        sheet = ("survey", SURVEY_COLUMNS, survey_rows(surveys), PLACES)
        return table_workbook([sheet], header_notes=notes)
    assert_never(fmt)
