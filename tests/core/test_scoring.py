"""score_unit and rank_units on small frameworks (SPEC §1, §2.1–§2.3, §4 ranks and bands)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.models import Framework
from parindex.core.numbers import round_half_up
from parindex.core.ranking import rank_units
from parindex.core.results import Override, UnitResult
from parindex.core.rules import evaluate
from parindex.core.scoring import not_submitted, score_claims
from parindex.inputs.documents.loading import LoadedFramework, build_assessment, build_framework
from parindex.inputs.documents.yamlfile import parse_yaml


def load_framework(text: str) -> Framework:
    framework, problems = build_framework(parse_yaml(text.encode(), "f.yaml"))
    assert framework is not None, [p.render() for p in problems]
    return framework


def score(
    framework: Framework,
    answers: str,
    *,
    unit_id: str = "u1",
    appraisal: dict[str, Override] | None = None,
    survey: dict[str, Override] | None = None,
) -> UnitResult:
    """Load an assessment of `framework` (answers: the indented lines) and score it."""
    text = (
        f"unit: {{id: {unit_id}, name: Đơn vị {unit_id}, group: {framework.group}}}\n"
        f"framework: {framework.framework}\nanswers:\n{answers}"
    )
    loaded, problems = build_assessment(
        parse_yaml(text.encode(), "u.yaml"), {framework.framework: LoadedFramework(framework, "f")}
    )
    assert loaded is not None, [p.render() for p in problems]
    return score_claims(framework, loaded.unit, loaded.claims, appraisal=appraisal, survey=survey)


def leaf_of(result: UnitResult, criterion: str):  # type: ignore[no-untyped-def]
    (found,) = [leaf for leaf in result.leaves if leaf.criterion == criterion]
    return found


def rounded(result: UnitResult) -> Decimal:
    return round_half_up(result.index, result.framework.precision)


# --- not applicable: the SPEC example -----------------------------------------------------------


def na_framework(leaf_policy: str, framework_policy: str | None) -> Framework:
    head = f"not_applicable: {framework_policy}\n" if framework_policy else ""
    return load_framework(f"""\
framework: na-2025
title: N/A
group: g
{head}criteria:
  - id: "1"
    name: Regular
    criteria:
      - {{id: "1.1", name: Given, max: 84, rule: {{kind: points}}}}
  - id: "2"
    name: Sometimes
    criteria:
      - {{id: "2.1", name: A, max: 10, not_applicable: {leaf_policy}, rule: {{kind: boolean}}}}
      - {{id: "2.2", name: B, max: 6, not_applicable: {leaf_policy}, rule: {{kind: ratio}}}}
""")


NA_ANSWERS = """\
  "1.1": {value: 68.32}
  "2.1": {not_applicable: true, reason: Không ban hành văn bản QPPL}
  "2.2": {value: 0/0}
"""


@pytest.mark.parametrize(
    ("leaf_policy", "framework_policy"),
    [("exclude", None), ("exclude", "full"), ("allowed", "exclude"), ("allowed", None)],
)
def test_excluded_leaves_leave_the_maximum(leaf_policy: str, framework_policy: str | None) -> None:
    result = score(na_framework(leaf_policy, framework_policy), NA_ANSWERS)
    # SPEC §1: 16 points not applicable, 68.32 achieved → 68.32 / 84 = 81.33.
    assert result.max_points == 84
    assert result.points == Decimal("68.32")
    assert rounded(result) == Decimal("81.33")
    assert result.nodes["2"].points == 0
    assert result.nodes["2"].max_points == 0
    assert result.missing == 0
    first, second = leaf_of(result, "2.1"), leaf_of(result, "2.2")
    assert (first.status, first.points, first.counted_max, first.value) == (
        "not_applicable",
        0,
        0,
        "N/A",
    )
    assert (
        first.explanation == "not applicable: Không ban hành văn bản QPPL → left out of the maximum"
    )
    assert (second.status, second.counted_max, second.value) == ("not_applicable", 0, "0/0")
    assert second.explanation == "0/0: did not arise → left out of the maximum"


@pytest.mark.parametrize(
    ("leaf_policy", "framework_policy"), [("full", None), ("full", "exclude"), ("allowed", "full")]
)
def test_full_leaves_earn_their_maximum(leaf_policy: str, framework_policy: str | None) -> None:
    result = score(na_framework(leaf_policy, framework_policy), NA_ANSWERS)
    assert result.max_points == 100
    assert result.points == Decimal("84.32")
    assert rounded(result) == Decimal("84.32")
    assert result.nodes["2"].points == 16
    for criterion, maximum in [("2.1", 10), ("2.2", 6)]:
        leaf = leaf_of(result, criterion)
        assert (leaf.status, leaf.points, leaf.counted_max) == ("not_applicable", maximum, maximum)
        assert leaf.explanation.endswith(f"→ full {maximum} of {maximum}")


def test_forbidden_not_applicable_never_reaches_scoring() -> None:
    framework = na_framework("forbidden", "full")
    text = "unit: {id: u1, name: U, group: g}\nframework: na-2025\nanswers:\n" + NA_ANSWERS
    loaded, problems = build_assessment(
        parse_yaml(text.encode(), "u.yaml"), {"na-2025": LoadedFramework(framework, "f")}
    )
    assert loaded is None
    assert [p.key for p in problems] == ['answers["2.1"].not_applicable', 'answers["2.2"].value']


def test_an_applicable_answer_counts_in_the_maximum() -> None:
    result = score(
        na_framework("exclude", None),
        '  "1.1": {value: 68.32}\n  "2.1": {value: yes}\n  "2.2": {value: 3/4}\n',
    )
    assert result.max_points == 100
    assert result.points == Decimal("82.82")
    assert result.nodes["2"].points == Decimal("14.5")


# --- bonus and penalty --------------------------------------------------------------------------

ADJUSTED = """\
framework: adj-2025
title: Bonus
group: g
criteria:
  - id: "1"
    name: Regular
    criteria:
      - {id: "1.1", name: Given, max: 100, rule: {kind: points}}
  - id: "9"
    name: Bonus and penalty
    criteria:
      - {id: "9.1", name: Bonus, max: 5, adjust: bonus, rule: {kind: points}}
      - {id: "9.2", name: Penalty, max: 5, adjust: penalty, rule: {kind: points}}
"""


@pytest.mark.parametrize(
    ("regular", "bonus", "penalty", "points", "index"),
    [
        ("80", "2", "1", "81", "81"),
        ("80", None, None, "80", "80"),
        ("98", "5", "0", "103", "100"),  # clamped at 100
        ("100", "0", "0", "100", "100"),
        ("2", "0", "5", "-3", "0"),  # clamped at 0
        ("0", "0", "0", "0", "0"),
        ("97.5", "2.5", "0", "100", "100"),
    ],
)
def test_bonus_and_penalty_sit_outside_the_maximum(
    regular: str, bonus: str | None, penalty: str | None, points: str, index: str
) -> None:
    answers = f'  "1.1": {{value: {regular}}}\n'
    if bonus is not None:
        answers += f'  "9.1": {{value: {bonus}}}\n  "9.2": {{value: {penalty}}}\n'
    result = score(load_framework(ADJUSTED), answers)
    assert result.max_points == 100
    assert result.regular_points == Decimal(regular)
    assert result.points == Decimal(points)
    assert result.adjustment == Decimal(bonus or 0) - Decimal(penalty or 0)
    assert result.index == Decimal(index)
    assert result.missing == 0  # an unclaimed bonus or penalty is not missing
    assert result.framework.field_ids == ["1"]  # no field column for the adjustment block


def test_a_negative_floor_cannot_push_the_index_below_zero() -> None:
    framework = load_framework("""\
framework: floor
title: Floor
group: g
criteria:
  - id: "1"
    name: Reports
    criteria:
      - {id: "1.1", name: Late, max: 1, rule: {kind: deduction, per: 1, floor: -2}}
      - {id: "1.2", name: Other, max: 1, rule: {kind: boolean}}
""")
    result = score(framework, '  "1.1": {value: 5}\n  "1.2": {value: no}\n')
    assert leaf_of(result, "1.1").points == -2
    assert result.regular_points == -2
    assert result.nodes["1"].points == -2
    assert result.index == 0


# --- missing, pending, fields -------------------------------------------------------------------

COMPLETE = """\
  "1.1": {value: on_time, self_points: 1, evidence: ["KH 1"]}
  "1.2": {value: 95, self_points: 2}
  "1.10": {value: có, self_points: 1}
  "2.1": {value: {numerator: 96, denominator: 100}}
  "2.2": {value: 1}
  "2.3": {value: 1.5, self_points: 2}
"""


def test_field_totals_and_pending_survey_and_council(mini_framework: Framework) -> None:
    result = score(mini_framework, COMPLETE)
    assert {
        field: (total.points, total.max_points)
        for field, total in result.nodes.items()
        if field in ("1", "2", "3")
    } == {"1": (4, 4), "2": (Decimal("6.25"), 7), "3": (0, 4)}
    assert result.nodes["2"].percent == Decimal("6.25") * 100 / 7
    assert result.regular_points == Decimal("10.25")
    assert result.max_points == 15  # pending leaves stay in the maximum
    assert rounded(result) == Decimal("68.33")
    assert (result.pending, result.missing) == (2, 0)
    assert result.self_points == 6
    survey, council = leaf_of(result, "3.1"), leaf_of(result, "3.2")
    assert (survey.status, survey.points, survey.counted_max) == ("pending", 0, 3)
    assert survey.explanation == "no survey value yet → 0"
    assert (council.status, council.points) == ("pending", 0)
    assert council.explanation == "awaiting the appraisal council → 0"
    assert leaf_of(result, "2.1").explanation == "96/100 = 96 % ≥ full_at 95 → 4 of 4"


def test_missing_answers_score_zero_and_are_counted(mini_framework: Framework) -> None:
    answers = (
        "\n".join(
            line for line in COMPLETE.splitlines() if not line.startswith(('  "1.2"', '  "2.3"'))
        )
        + "\n"
    )
    answers += '  "2.3": {value: null}\n'
    result = score(mini_framework, answers)
    assert result.missing == 2
    assert result.pending == 2
    assert result.max_points == 15  # missing leaves stay in the maximum
    assert result.regular_points == Decimal("6.75")
    for criterion in ("1.2", "2.3"):
        leaf = leaf_of(result, criterion)
        assert (leaf.status, leaf.points, leaf.counted_max) == ("missing", 0, leaf.max_points)
        assert leaf.explanation == "not answered → 0"
    assert result.nodes["1"] == type(result.nodes["1"])(Decimal(2), Decimal(4))


# --- appraisal and survey overrides -------------------------------------------------------------


def test_appraisal_takes_precedence_over_the_unit(mini_framework: Framework) -> None:
    appraisal = {
        "1.2": Override(Decimal(1), "set to 1 of 2", "1", "1", reason="BC thiếu số liệu", round=2),
        "2.1": Override(
            Decimal(0), "not applicable", "N/A", "N/A", not_applicable=True, reason="Không có hồ sơ"
        ),
        "2.3": Override(
            Decimal(0), "not applicable", "N/A", "N/A", not_applicable=True, reason="x"
        ),
        "3.2": Override(Decimal("0.5"), "set to 0.5 of 1", "0.5", "0.5", reason="Hội đồng"),
    }
    result = score(mini_framework, COMPLETE, appraisal=appraisal)
    corrected = leaf_of(result, "1.2")
    assert (corrected.status, corrected.points, corrected.self_points) == ("appraised", 1, 2)
    assert corrected.explanation == "appraised (round 2): set to 1 of 2; reason: BC thiếu số liệu"
    excluded = leaf_of(result, "2.1")  # not_applicable: exclude → leaves the maximum
    assert (excluded.status, excluded.points, excluded.counted_max) == ("appraised", 0, 0)
    full = leaf_of(result, "2.3")  # not_applicable: full → full points
    assert (full.status, full.points, full.counted_max) == ("appraised", 2, 2)
    council = leaf_of(result, "3.2")
    assert (council.status, council.points) == ("appraised", Decimal("0.5"))
    assert result.pending == 1
    assert result.max_points == 11
    # 1.1 1 + 1.2 1 (appraised) + 1.10 1 + 2.1 left out + 2.2 0.75 + 2.3 2 (full) + 3.2 0.5
    assert result.regular_points == Decimal("6.25")


def test_survey_values_score_survey_leaves(mini_framework: Framework) -> None:
    satisfaction = mini_framework.leaf("3.1")
    assert satisfaction is not None
    outcome = evaluate(satisfaction.criterion, "4")
    survey = {"3.1": Override(outcome.points, outcome.explanation, outcome.shown, outcome.said)}
    result = score(mini_framework, COMPLETE, survey=survey)
    leaf = leaf_of(result, "3.1")
    assert (leaf.status, leaf.points, leaf.value) == ("scored", Decimal("2.25"), "4")
    assert leaf.explanation == "4 on 1–5 → 2.25 of 3"
    assert result.pending == 1
    assert result.nodes["3"].points == Decimal("2.25")
    appraised = score(
        mini_framework,
        COMPLETE,
        survey=survey,
        appraisal={"3.1": Override(Decimal(3), "set to 3 of 3", "3", "3", reason="re-counted")},
    )
    assert leaf_of(appraised, "3.1").points == 3
    assert leaf_of(appraised, "3.1").status == "appraised"


def test_survey_values_are_ignored_for_self_leaves(mini_framework: Framework) -> None:
    survey = {"1.2": Override(Decimal(0), "x", "0", "0")}
    result = score(mini_framework, COMPLETE, survey=survey)
    assert leaf_of(result, "1.2").points == 2
    assert leaf_of(result, "1.2").status == "scored"


# --- ranking ------------------------------------------------------------------------------------

RANKED = """\
framework: {id}
title: Ranking
group: g
precision: {precision}
bands:
  - {{min: 90, label: A}}
  - {{min: 80, label: B}}
  - {{min: 70, label: C}}
criteria:
  - id: "1"
    name: All
    criteria:
      - {{id: "1.1", name: Given, max: 100, rule: {{kind: points}}}}
"""


def results_for(
    values: dict[str, str], framework_id: str = "rank-2025", precision: int = 2
) -> list[UnitResult]:
    framework = load_framework(RANKED.format(id=framework_id, precision=precision))
    return [
        score(framework, f'  "1.1": {{value: {value}}}\n', unit_id=unit)
        for unit, value in values.items()
    ]


def test_competition_ranks_with_ties_on_the_rounded_index() -> None:
    results = results_for({"u-e": "60", "u-c": "89.996", "u-a": "95", "u-d": "80", "u-b": "90.004"})
    (ranking,) = rank_units(results)
    table = [
        (u.result.unit_id, u.rank, u.tied, str(u.index), u.band and u.band.label)
        for u in ranking.units
    ]
    assert table == [
        ("u-a", 1, False, "95.00", "A"),
        ("u-b", 2, True, "90.00", "A"),
        ("u-c", 2, True, "90.00", "A"),  # 89.996 rounds to 90.00: band A, tied with u-b
        ("u-d", 4, False, "80.00", "B"),
        ("u-e", 5, False, "60.00", None),  # below every band: no band
    ]


def test_precision_decides_ties() -> None:
    values = {"a": "89.5", "b": "90.4", "c": "89.4"}
    (coarse,) = rank_units(results_for(values, precision=0))
    assert [(u.result.unit_id, u.rank, str(u.index)) for u in coarse.units] == [
        ("a", 1, "90"),
        ("b", 1, "90"),
        ("c", 3, "89"),
    ]
    (fine,) = rank_units(results_for(values, precision=1))
    assert [(u.result.unit_id, u.rank) for u in fine.units] == [("b", 1), ("a", 2), ("c", 3)]


def test_each_framework_is_ranked_apart() -> None:
    results = results_for({"x1": "50", "x2": "70"}, "z-2025") + results_for({"y1": "10"}, "a-2025")
    rankings = rank_units(results)
    assert [r.framework.framework for r in rankings] == ["a-2025", "z-2025"]
    assert [(u.result.unit_id, u.rank) for u in rankings[1].units] == [("x2", 1), ("x1", 2)]
    assert [(u.result.unit_id, u.rank) for u in rankings[0].units] == [("y1", 1)]


def test_units_that_did_not_submit_rank_last() -> None:
    results = results_for({"a": "0", "b": "50"})
    absent = not_submitted(results[0].framework, "0-absent", "Chưa nộp")
    (ranking,) = rank_units([absent, *results])
    assert [(u.result.unit_id, u.rank, u.band) for u in ranking.units] == [
        ("b", 1, None),
        ("a", 2, None),
        ("0-absent", 3, None),
    ]
    assert ranking.units[2].result.missing == 1


def test_previous_ranks_give_changes() -> None:
    results = results_for({"a": "95", "b": "85"})
    (ranking,) = rank_units(results, previous={"a": (2, Decimal("80.5")), "b": (1, Decimal("88"))})
    a, b = ranking.units
    assert (a.rank_change, a.index_change) == (1, Decimal("14.50"))
    assert (b.rank_change, b.index_change) == (-1, Decimal("-3.00"))


def test_a_penalty_claim_subtracts_from_the_self_assessed_total() -> None:
    """SPEC §2.2: the self-assessed total is regular + bonus − penalty claims, like points."""
    answers = (
        '  "1.1": {value: 80, self_points: 80}\n'
        '  "9.1": {value: 2, self_points: 2}\n'
        '  "9.2": {value: 1, self_points: 1}\n'
    )
    result = score(load_framework(ADJUSTED), answers)
    assert result.points == Decimal(81)
    assert result.self_points == Decimal(81)  # not 83: the penalty claimed counts against


def test_a_field_with_every_leaf_not_applicable_has_no_index() -> None:
    from parindex.outputs.records import field_records

    framework = na_framework("exclude", None)
    result = score(framework, NA_ANSWERS)
    by_id = {f["id"]: f for f in field_records(result)}
    assert by_id["2"]["index"] is None and by_id["2"]["max_points"] == 0
    assert by_id["1"]["index"] is not None


def test_gaps_never_advise_past_the_cap() -> None:
    from parindex.core.gaps import find_gaps

    result = score(load_framework(ADJUSTED), '  "1.1": {value: 80}\n')
    rivals = {"a": (1, Decimal(100), "A"), "b": (2, Decimal(90), "B"), "u1": (3, Decimal(80), "U")}
    report = find_gaps(result, rivals)
    reach = {t.label: t.reach for t in report.rivals}
    assert reach == {"1. A": "tie", "2. B": "pass"}
    worse = score(load_framework(ADJUSTED), '  "1.1": {value: 100}\n  "9.2": {value: 5}\n')
    report = find_gaps(worse, {"a": (1, Decimal(100), "A")})
    assert [t.reach for t in report.rivals] == ["out"]  # 95 and nothing left to win back
