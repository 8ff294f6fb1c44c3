"""`parindex gaps UNIT.yaml`: lost points largest first, advice, next band, rivals to pass.

Uses the small province of test_cli_rank (dept-2025: bands Xuất sắc ≥ 90, Tốt ≥ 80,
Khá ≥ 76.49; ward-2025: Tốt ≥ 80, Đạt ≥ 50, precision 1).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.core.gaps import find_gaps
from parindex.core.models import Assessment, Framework
from parindex.core.results import Override
from parindex.core.scoring import score_unit
from parindex.inputs.documents.loading import build_framework
from parindex.inputs.documents.yamlfile import parse_yaml

from province_support import DEPT_FRAMEWORK, EVIDENCE, run, write_csv


def section(out: str, start: str, end: str | None = None) -> str:
    begin = out.index(start)
    stop = out.index(end, begin) if end is not None else len(out)
    return out[begin:stop]


def lost_rows(text: str) -> list[tuple[str, str]]:
    """(criterion id, lost points) of each row of a gaps table, in order.

    Columns are at least two spaces apart: criterion, [value], lost, max, advice.
    """
    rows = []
    for line in text.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if re.match(r"\d\.\d ", cells[0]) and len(cells) >= 4:
            rows.append((cells[0].split()[0], cells[-3]))
    return rows


def test_gaps_lists_lost_points_largest_first_with_advice(province: Path) -> None:
    # d-eps: 2.1 gives 20 of 40, 1.5 is at its floor −5 of 10 (15 lost), 1.2 "none" 0 of 8;
    # 1.3 and 1.4 are not applicable (nothing lost), the penalty is no leaf to improve.
    result = run("--lang", "en", "gaps", "units/d-eps.yaml")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Sở Epsilon — Index 23.68, Points 18.00/76.00\n")
    own = section(out, "Points lost on the unit's own criteria", "Survey and council criteria")
    assert lost_rows(own) == [("2.1", "20.00"), ("1.5", "15.00"), ("1.2", "8.00")]
    assert re.search(
        r"2\.1 Điểm kết quả\s+20\s+20\.00\s+40\.00\s+meet the criterion's requirement in full "
        r"to earn 40 points",
        own,
    )
    assert "have no case at all to earn 10 points; each one costs 2.5 points" in own
    # the value and the advice name the options by their labels, never by their keys
    assert "reach the level “Kịp thời” to earn 8 points" in own and "on_time" not in own
    for absent in ("1.1 ", "1.3 ", "1.4 ", "3.1 ", "3.2 "):
        assert absent not in own
    outside = section(out, "Survey and council criteria", "Next band")
    assert lost_rows(outside) == [("2.2", "5.00"), ("2.3", "5.00")]
    assert "awaiting the survey result" in outside
    assert "awaiting the appraisal council" in outside
    # the lowest band (76.49) over a maximum of 76: 18 + x ≥ 76.485 % × 76 = 58.1286,
    # so x = 40.13 (40.12 gives 76.47); 40.13 gives 58.13 / 76 = 76.4868… → 76.49
    assert re.search(r"Next band: \S+ \(≥ 76\.49\) needs 40\.13 points", out)
    assert result.stderr == ""


def test_gaps_missing_answer_and_pending_leaves(province: Path) -> None:
    result = run("gaps", "units/d-delta.yaml")
    assert result.exit_code == 0
    out = result.stdout
    own = section(out, "Points lost on the unit's own criteria", "Survey and council criteria")
    assert lost_rows(own) == [("1.5", "10.00"), ("2.1", "3.52")]
    assert "answer it: have no case at all to earn 10 points; each one costs 2.5 points" in own
    outside = section(out, "Survey and council criteria", "Next band")
    assert lost_rows(outside) == [("2.2", "5.00"), ("2.3", "5.00")]
    # 76.48 → the 76.49 band: 76.485 − 76.48 = 0.005, i.e. 0.01 in published steps
    assert re.search(r"Next band: \S+ \(≥ 76\.49\) needs 0\.01 points", out)
    assert "answers missing" in result.stderr


def test_gaps_next_band_label_in_english(province: Path) -> None:
    result = run("--lang", "en", "gaps", "units/d-alpha.yaml")
    assert result.exit_code == 0
    # 87 of 100 → Excellent (≥ 90): 89.995 − 87 = 2.995 → 3.00 in published steps
    assert "Next band: Excellent (≥ 90) needs 3.00 points" in result.stdout


def test_gaps_precision_one_and_band_numbers(province: Path) -> None:
    result = run("gaps", "units/w-two.yaml")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Xã Hai — Index 35.0, Points 35.0/100.0\n")
    assert lost_rows(out) == [("1.1", "30.0"), ("5.1", "20.0"), ("1.2", "15.0")]
    assert "meet the criterion's requirement to earn 30 points" in out
    assert "reach 100 % to earn 40 points" in out
    assert "reach the level “full” to earn 30 points" in out  # an option without a label: its key
    assert "Survey and council" not in out  # no survey or council leaves in this framework
    # 35.0 → Đạt (≥ 50): 49.95 − 35 = 14.95, i.e. 15.0 in steps of 0.1 (14.9 gives 49.9)
    assert re.search(r"Next band: \S+ \(≥ 50\) needs 15\.0 points", out)


def test_gaps_top_band_has_no_next_band(province: Path) -> None:
    write_csv(
        province / "appraisal.csv",
        [
            ("unit_id", "criterion", "value", "points", "reason"),
            ("d-alpha", "2.1", "", "40", "đủ"),
            ("d-alpha", "2.3", "", "5", "đủ"),
        ],
    )
    # 50 + 40 + 5 + 2 = 97 of 100 → Xuất sắc; only the pending survey leaf is lost
    result = run("gaps", "units/d-alpha.yaml", "--appraisal", "appraisal.csv")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Sở Alpha — Index 97.00, Points 97.00/100.00\n")
    assert "Points lost on the unit's own criteria" not in out
    assert lost_rows(out) == [("2.2", "5.00")]
    assert "Next band" not in out


def test_gaps_ranking_points_to_pass_each_unit_above(province: Path) -> None:
    ranked = run("rank", "units", "-o", "ranking.csv")
    assert ranked.exit_code == 0
    result = run("gaps", "units/d-delta.yaml", "--ranking", "ranking.csv")
    assert result.exit_code == 0
    out = result.stdout
    lines = [line for line in out.splitlines() if line.startswith("To pass")]
    # 76.48 must pass 87.00 (→ 87.01: 10.53) and the tied 76.49s (→ 76.50: 0.02);
    # units below it and the other group's units are not listed
    assert lines == [
        "To pass 1. Sở Alpha (87.00): needs 10.53 points",
        "To pass 2. Sở Beta (76.49): needs 0.02 points",
        "To pass 2. Sở Gamma (76.49): needs 0.02 points",
    ]
    assert "Epsilon" not in out and "Phường" not in out


def test_gaps_ranking_in_another_precision(province: Path) -> None:
    assert run("rank", "units", "-o", "ranking.csv").exit_code == 0
    result = run("--lang", "en", "gaps", "units/w-two.yaml", "--ranking", "ranking.csv")
    assert result.exit_code == 0
    # 35.0 must reach 73.4: 73.35 − 35 = 38.35 → 38.4 in steps of 0.1
    assert [line for line in result.stdout.splitlines() if line.startswith("To pass")] == [
        "To pass 1. Phường Một (73.3): needs 38.4 points"
    ]


def test_gaps_needs_exactly_one_assessment(province: Path) -> None:
    result = run("gaps", "units")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "expected one unit assessment" in result.stderr


def test_gaps_bad_ranking_file(province: Path) -> None:
    write_csv(province / "ranking.csv", [("unit_id", "rank", "index"), ("d-alpha", "x", "1")])
    result = run("gaps", "units/d-delta.yaml", "--ranking", "ranking.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ranking.csv:2: error: rank:" in result.stderr


# --- property: lost points + regular points = applicable maximum ------------------------------

FRAMEWORK: Framework
_doc = parse_yaml(DEPT_FRAMEWORK.encode("utf-8"), "dept.yaml")
_framework, _problems = build_framework(_doc)
assert _framework is not None, _problems
FRAMEWORK = _framework

MISSING = object()


def _number(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=low, max_value=high, places=3, allow_nan=False, allow_infinity=False
    )


ANSWERS: dict[str, st.SearchStrategy[Any]] = {
    "1.1": st.sampled_from(["yes", "no", True, False]),
    "1.2": st.sampled_from(["on_time", "late", "none"]),
    "1.3": st.one_of(_number(0, 100), st.just("N/A")),
    "1.4": st.one_of(
        _number(0, 100),
        st.just("N/A"),
        st.integers(0, 50).flatmap(
            lambda d: st.builds(lambda n: {"numerator": n, "denominator": d}, st.integers(0, d))
        ),
    ),
    "1.5": st.integers(0, 12),
    "2.1": _number(0, 40),
    "3.1": _number(0, 5),
    "3.2": _number(0, 5),
}


@st.composite
def units(draw: st.DrawFn) -> tuple[Assessment, dict[str, Override], dict[str, Override]]:
    answers: dict[str, Any] = {}
    for leaf_id, strategy in ANSWERS.items():
        if draw(st.booleans()) and leaf_id not in ("3.1", "3.2"):
            continue  # missing
        value = draw(strategy)
        if value == "N/A":
            answers[leaf_id] = {"not_applicable": True, "reason": "không phát sinh"}
        else:
            answers[leaf_id] = {"value": value, "evidence": EVIDENCE}
    survey = {}
    if draw(st.booleans()):
        points = draw(_number(0, 5))
        survey["2.2"] = Override(points, f"given {points}", str(points), str(points))
    appraisal = {}
    if draw(st.booleans()):
        points = draw(_number(0, 5))
        appraisal["2.3"] = Override(
            points, f"set to {points}", str(points), str(points), reason="HĐ"
        )
    if draw(st.booleans()):
        appraisal["1.4"] = Override(Decimal(0), "not applicable", "N/A", "N/A", True, "HĐ")
    assessment = Assessment.model_validate(
        {
            "unit": {"id": "u", "name": "Đơn vị", "group": "department"},
            "framework": "dept-2025",
            "answers": answers,
        }
    )
    return assessment, survey, appraisal


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(units())
def test_lost_points_and_regular_points_add_up_to_the_maximum(
    unit: tuple[Assessment, dict[str, Override], dict[str, Override]],
) -> None:
    assessment, survey, appraisal = unit
    result = score_unit(FRAMEWORK, assessment, survey=survey, appraisal=appraisal)
    report = find_gaps(result)
    lost = sum((gap.lost for gap in (*report.own, *report.outside)), Decimal(0))
    assert lost + result.regular_points == result.max_points
    for gaps in (report.own, report.outside):
        assert [g.lost for g in gaps] == sorted((g.lost for g in gaps), reverse=True)
        assert all(g.lost > 0 and g.advice for g in gaps)
    assert all(g.leaf.source == "self" for g in report.own)
    assert all(g.leaf.source != "self" for g in report.outside)
