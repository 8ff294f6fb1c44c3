"""The answer checks take any locator: the rows of a workbook form reuse every check of a
YAML assessment, each problem placed at its row."""

from __future__ import annotations

from parindex.core.models import Assessment, Framework
from parindex.errors import Problem, Severity, format_key_path
from parindex.inputs.documents.answers import Locator, check_answer
from parindex.inputs.documents.loading import check_assessment
from parindex.inputs.documents.yamlbuild import Path


class RowLocator:
    """A form with one answer per row: row 20 + n for the nth answer's key."""

    def __init__(self, path: str, rows: dict[str, int]) -> None:
        self.path = path
        self.rows = rows

    def problem(
        self,
        parts: Path,
        message: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        code: str = "",
    ) -> Problem:
        row = self.rows.get(str(parts[1])) if len(parts) > 1 else None
        return Problem(
            self.path,
            message,
            row=row or 1,
            table_column=format_key_path(parts),
            severity=severity,
            code=code,
        )


def test_a_workbook_locator_places_every_answer_problem_at_its_row(
    mini_framework: Framework,
) -> None:
    where: Locator = RowLocator("FORM.xlsx[assessment]", {"1.2": 23, "1.10": 24, "2.2": 25})
    assessment = Assessment.model_validate(
        {
            "unit": {"id": "u1", "name": "U", "group": "department"},
            "framework": "mini-2025",
            "answers": {
                "1.2": {"value": "87,5%", "self_points": "3"},
                "1.10": {"value": "maybe"},
                "2.2": {"value": "1"},
            },
        }
    )
    loaded, problems = check_assessment(
        where, assessment, mini_framework, "FORM.xlsx", (2, 1), strict=False
    )
    assert loaded is None
    lines = [p.render() for p in problems if p.severity == "error"]
    assert lines[0].startswith('FORM.xlsx[assessment]:23: error: answers["1.2"].self_points: ')
    assert lines[1].startswith('FORM.xlsx[assessment]:23: error: answers["1.2"].value: ')
    assert lines[2].startswith('FORM.xlsx[assessment]:24: error: answers["1.10"].value: ')
    assert len(lines) == 3
    leaf = mini_framework.leaf("2.2")
    assert leaf is not None
    problems, claim = check_answer(where, leaf, assessment.answers["2.2"], ("answers", "2.2"))
    assert problems == []
    assert claim is not None and claim.points is not None
