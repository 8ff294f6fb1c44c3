"""The worksheet's rows: the context the council needs, prefilled cells as the tables hold them."""

from __future__ import annotations

from decimal import Decimal

from conftest import MINI_FRAMEWORK
from parindex.core.models import Assessment
from parindex.core.rules import evaluate
from parindex.core.scoring import claim_of, score_unit
from parindex.inputs.documents.loading import build_framework
from parindex.inputs.documents.yamlfile import parse_yaml
from parindex.outputs.workbooks.worksheet import UnitSheet, appraisal_rows, survey_rows


def _framework(precision: int):  # type: ignore[no-untyped-def]
    text = MINI_FRAMEWORK.replace("precision: 2", f"precision: {precision}")
    framework, problems = build_framework(parse_yaml(text.encode(), "mini.yaml"))
    assert framework is not None and not problems, problems
    return framework


def _sheet(precision: int, **prefill: dict[str, str]) -> UnitSheet:
    framework = _framework(precision)
    assessment = Assessment.model_validate(
        {
            "unit": {"id": "u1", "name": "Đơn vị Một", "group": "department"},
            "framework": "mini-2025",
            "answers": {
                "2.2": {"value": 1, "self_points": Decimal("0.75")},
                "2.3": {"not_applicable": True, "reason": "Không phát sinh"},
            },
        }
    )
    result = score_unit(framework, assessment)
    late = framework.leaf("2.2")
    assert late is not None
    claims = {
        "2.2": claim_of(assessment.answers["2.2"], evaluate(late.criterion, 1)),
        "2.3": claim_of(assessment.answers["2.3"], None),
    }
    return UnitSheet(result, claims=claims, appraisal=prefill)


def test_leaf_numbers_are_not_rounded_to_the_index_precision() -> None:
    rows = {r["criterion"]: r for r in appraisal_rows([_sheet(0)], "vi")}
    assert rows["2.2"]["points_now"] == Decimal("0.75")  # 1 late report: 1 − 0.25
    assert rows["2.2"]["self_points"] == Decimal("0.75")
    assert rows["2.2"]["claimed_value"] == "1"
    assert rows["2.3"]["claimed_value"] == "N/A: Không phát sinh"
    assert rows["3.2"]["points_now"] is None  # council leaf, nobody has appraised it: pending
    assert rows["3.2"]["max_points"] == Decimal(1)


def test_rows_in_framework_order_without_survey_leaves() -> None:
    sheet = _sheet(2)
    criteria = [r["criterion"] for r in appraisal_rows([sheet], "vi")]
    leaves = sheet.result.framework.leaves
    assert criteria == [leaf.id for leaf in leaves if leaf.criterion.source != "survey"]
    assert [r["criterion"] for r in survey_rows([sheet], "vi")] == ["3.1"]


def test_prefilled_cells_keep_their_text_and_numbers_become_numbers() -> None:
    sheet = _sheet(2, **{"2.3": {"points": "0,5", "reason": "Chấm lại", "round": "2"}})
    row = next(r for r in appraisal_rows([sheet], "vi") if r["criterion"] == "2.3")
    assert (row["value"], row["points"], row["reason"], row["round"]) == (
        None,
        Decimal("0.5"),
        "Chấm lại",
        2,
    )
