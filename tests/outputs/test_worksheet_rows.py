"""The worksheet's rows: the context the council needs, a kept row for each earlier round (its
cells as people read them, with its check) and the open row of the next round."""

from __future__ import annotations

from decimal import Decimal

from conftest import MINI_FRAMEWORK
from parindex.core.council import round_check
from parindex.core.models import Assessment
from parindex.core.rules import evaluate
from parindex.core.scoring import claim_of, score_unit
from parindex.i18n import using
from parindex.inputs.documents.loading import build_framework
from parindex.inputs.documents.yamlfile import parse_yaml
from parindex.outputs.workbooks.worksheet import UnitSheet, appraisal_rows, survey_rows


def _framework(precision: int):  # type: ignore[no-untyped-def]
    text = MINI_FRAMEWORK.replace("precision: 2", f"precision: {precision}")
    framework, problems = build_framework(parse_yaml(text.encode(), "mini.yaml"))
    assert framework is not None and not problems, problems
    return framework


def _sheet(precision: int, **rounds: list[dict[str, str]]) -> UnitSheet:
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
    return UnitSheet(result, claims=claims, rounds=rounds)


def _rows(sheet: UnitSheet) -> list[dict[str, object]]:
    with using("vi"):
        return [cells for cells, _kept in appraisal_rows([sheet], "vi")]


def test_leaf_numbers_are_not_rounded_to_the_index_precision() -> None:
    rows = {r["criterion"]: r for r in _rows(_sheet(0))}
    assert rows["2.2"]["points_now"] == Decimal("0.75")  # 1 late report: 1 − 0.25
    assert rows["2.2"]["self_points"] == Decimal("0.75")
    assert rows["2.2"]["claimed_value"] == "1"
    assert rows["2.3"]["claimed_value"] == "Không phát sinh: Không phát sinh"
    assert rows["3.2"]["points_now"] is None  # council leaf, nobody has appraised it: pending
    assert rows["3.2"]["max_points"] == Decimal(1)


def test_rows_in_framework_order_without_survey_leaves() -> None:
    sheet = _sheet(2)
    criteria = [r["criterion"] for r in _rows(sheet)]
    leaves = sheet.result.framework.leaves
    assert criteria == [leaf.id for leaf in leaves if leaf.criterion.source != "survey"]
    assert [r["criterion"] for r, _kept in survey_rows([sheet], "vi")] == ["3.1"]


def test_each_earlier_round_keeps_its_row_then_the_next_round_is_open() -> None:
    sheet = _sheet(
        2,
        **{
            "2.3": [
                {"points": "0,5", "reason": "Chấm lại"},
                {"points": "1.50", "reason": "Giải trình được chấp nhận", "round": "2"},
            ],
            "1.1": [{"value": "muộn", "reason": "Ban hành chậm", "round": "1"}],
            "1.2": [{"value": "N/A", "reason": "Không có kế hoạch"}],
        },
    )
    with using("vi"):
        rows = appraisal_rows([sheet], "vi")
    held = [(c, k) for c, k in rows if c["criterion"] == "2.3"]
    assert [(c.get("points"), c["round"], k) for c, k in held] == [
        (Decimal("0.5"), 1, True),
        (Decimal("1.5"), 2, True),
        (None, 3, False),
    ]
    first = held[0][0]
    assert first["check"] == round_check("u1", "2.3", "", "0.5", "Chấm lại", "1")
    assert held[2][0].get("check") is None and held[2][0].get("reason") is None
    # values as people read them: an option by its label, N/A by its word
    by_leaf = {c["criterion"]: c for c, k in rows if k}
    assert by_leaf["1.1"]["value"] == "muộn"  # no label: the key is its word
    assert by_leaf["1.2"]["value"] == "Không phát sinh"
    # a leaf no round touches has its one open row, for round 1
    assert [(c["round"], k) for c, k in rows if c["criterion"] == "2.2"] == [(1, False)]


def test_a_kept_value_names_the_option_by_its_label() -> None:
    sheet = _sheet(2, **{"1.1": [{"value": "on_time", "reason": "Đúng hạn"}]})
    with using("vi"):
        kept = next(c for c, k in appraisal_rows([sheet], "vi") if k)
    options = sheet.result.framework.leaf("1.1").criterion.rule.options  # type: ignore[union-attr]
    assert kept["value"] == options["on_time"].label
