"""Every rule kind of SPEC §2.1, value → points + explanation, boundaries included."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parindex.core.models import Assessment, Criterion, Framework
from parindex.core.numbers import divide, parse_number, plain, round_half_up, short
from parindex.core.rules import Outcome, RuleValueError, evaluate
from parindex.core.scoring import score_unit
from parindex.i18n import using


def leaf(rule: dict[str, Any], max_points: str = "2", **extra: Any) -> Criterion:
    return Criterion.model_validate(
        {"id": "x", "name": "x", "max": max_points, "rule": rule, **extra}
    )


def check(criterion: Criterion, value: Any, points: str, explanation: str | None) -> Outcome:
    outcome = evaluate(criterion, value)
    assert outcome.points == Decimal(points)
    assert not outcome.not_arisen
    if explanation is not None:
        assert outcome.explanation == explanation
    return outcome


def reject(criterion: Criterion, value: Any, message: str) -> None:
    with pytest.raises(RuleValueError) as caught:
        evaluate(criterion, value)
    assert message in str(caught.value)


# --- boolean ------------------------------------------------------------------------------------

BOOLEAN = leaf({"kind": "boolean"}, "1.5")


@pytest.mark.parametrize(
    ("value", "points", "shown"),
    [
        ("yes", "1.5", "yes"),
        ("no", "0", "no"),
        ("true", "1.5", "yes"),
        ("false", "0", "no"),
        ("TRUE", "1.5", "yes"),
        ("No", "0", "no"),
        ("có", "1.5", "yes"),
        ("Có", "1.5", "yes"),
        ("không", "0", "no"),
        ("KHÔNG", "0", "no"),
        ("  yes  ", "1.5", "yes"),
        (True, "1.5", "yes"),
        (False, "0", "no"),
    ],
)
def test_boolean_accepts_yes_and_no_words(value: Any, points: str, shown: str) -> None:
    outcome = check(BOOLEAN, value, points, f"{shown} → {short(Decimal(points))} of 1.5")
    assert outcome.shown == shown


@pytest.mark.parametrize(
    "value",
    [
        "maybe",
        "y",
        "n",
        "",
        "2",
        "yes please",
        None,
        1,
        {"numerator": 1, "denominator": 1},
        ["yes"],
    ],
)
def test_boolean_rejects_other_words(value: Any) -> None:
    reject(BOOLEAN, value, "is not a yes/no answer; allowed: yes, no (or in Vietnamese: có, không")


def test_the_yes_no_words_come_in_vietnamese_first_under_vi() -> None:
    with using("vi"):
        reject(BOOLEAN, "maybe", "được dùng: có, không, đạt, không đạt (hoặc yes, no)")


# --- choice -------------------------------------------------------------------------------------

CHOICE = leaf(
    {
        "kind": "choice",
        "options": {"no": 0, "010": {"points": "1", "label": "Đúng hạn"}, "late": "0.5"},
    },
    "1",
)


@pytest.mark.parametrize(
    ("value", "points", "explanation"),
    [
        ("no", "0", "no → 0 of 1"),
        ("010", "1", "Đúng hạn → 1 of 1"),
        ("late", "0.5", "late → 0.5 of 1"),
        (" late ", "0.5", "late → 0.5 of 1"),
    ],
)
def test_choice_matches_option_keys_exactly(value: str, points: str, explanation: str) -> None:
    outcome = check(CHOICE, value, points, explanation)
    assert outcome.shown == value.strip()


@pytest.mark.parametrize("value", ["Đúng hạn", " Đúng hạn ", "On time"])
def test_choice_takes_an_options_label_as_its_answer(value: str) -> None:
    """What a form's drop-down shows is an answer: the label, or the English label, names
    the option; programs still read its key."""
    labelled = leaf(
        {
            "kind": "choice",
            "options": {
                "no": 0,
                "010": {"points": "1", "label": "Đúng hạn", "label_en": "On time"},
            },
        },
        "1",
    )
    outcome = check(labelled, value, "1", "On time → 1 of 1")  # the tests read English
    assert outcome.shown == "010"


@pytest.mark.parametrize("value", ["10", "0", "NO", "No", "false", "Late", "", 10, None])
def test_choice_rejects_unknown_options_listing_the_allowed_words(value: Any) -> None:
    reject(CHOICE, value, "is not an option of this criterion; allowed: “no”, “Đúng hạn”, “late”")


def test_choice_hints_at_the_label_a_near_miss_meant() -> None:
    reject(CHOICE, "đúng hạn", "(did you mean 'Đúng hạn'? options are written exactly)")


# --- bands --------------------------------------------------------------------------------------

PLAN_DONE = leaf(
    {
        "kind": "bands",
        "unit": "%",
        "bands": [{"above": 90, "points": 2}, {"at_least": 70, "points": 1}],
    }
)
AT_MOST = leaf(
    {"kind": "bands", "bands": [{"below": 3, "points": 2}, {"at_most": 5, "points": "0.5"}]}
)


@pytest.mark.parametrize(
    ("criterion", "value", "points", "explanation"),
    [
        (PLAN_DONE, "100", "2", "100 % > 90 % → 2 of 2"),
        (PLAN_DONE, "90.01", "2", "90.01 % > 90 % → 2 of 2"),
        (PLAN_DONE, "90", "1", "90 % ≥ 70 % → 1 of 2"),  # exactly 90 is not above 90
        (PLAN_DONE, "70", "1", "70 % ≥ 70 % → 1 of 2"),
        (PLAN_DONE, "69.99", "0", "69.99 % meets no band → 0 of 2"),
        (PLAN_DONE, "0", "0", "0 % meets no band → 0 of 2"),
        (PLAN_DONE, "-5", "0", "-5 % meets no band → 0 of 2"),
        (AT_MOST, "2.99", "2", "2.99 < 3 → 2 of 2"),
        (AT_MOST, "3", "0.5", "3 ≤ 5 → 0.5 of 2"),  # exactly 3 is not below 3
        (AT_MOST, "5", "0.5", "5 ≤ 5 → 0.5 of 2"),
        (AT_MOST, "5.01", "0", "5.01 meets no band → 0 of 2"),
    ],
)
def test_bands_take_the_first_band_that_holds(
    criterion: Criterion, value: str, points: str, explanation: str
) -> None:
    check(criterion, value, points, explanation)


def test_bands_read_decimal_commas_only_when_asked() -> None:
    assert evaluate(PLAN_DONE, "90,5", decimal_comma=True).points == 2
    reject(PLAN_DONE, "90,5", "is not a number")


@pytest.mark.parametrize("value", ["abc", "", "NaN", "inf", "1e30", {"a": 1}, [90], None, True])
def test_bands_reject_what_is_not_a_number(value: Any) -> None:
    reject(PLAN_DONE, value, "not a number; expected a number")


# --- ratio --------------------------------------------------------------------------------------

DOSSIERS = leaf({"kind": "ratio", "full_at": 95, "zero_below": 50}, "4")
PLAIN_RATIO = leaf({"kind": "ratio"}, "2")


@pytest.mark.parametrize(
    ("criterion", "value", "points", "explanation"),
    [
        (DOSSIERS, "96", "4", "96 % ≥ full_at 95 → 4 of 4"),
        (DOSSIERS, "95", "4", "95 % ≥ full_at 95 → 4 of 4"),  # exactly full_at
        (DOSSIERS, "94.99", "3.7996", "94.99 % × 4 → 3.8 of 4"),
        (DOSSIERS, "50", "2", "50 % × 4 → 2 of 4"),  # exactly zero_below is not below it
        (DOSSIERS, "49.99", "0", "49.99 % < zero_below 50 → 0 of 4"),
        (DOSSIERS, "0", "0", "0 % < zero_below 50 → 0 of 4"),
        (DOSSIERS, "100", "4", "100 % ≥ full_at 95 → 4 of 4"),
        (
            DOSSIERS,
            {"numerator": "1180", "denominator": "1200"},
            "4",
            "1180/1200 = 98.33 % ≥ full_at 95 → 4 of 4",
        ),
        (DOSSIERS, {"numerator": 1, "denominator": 2}, "2", "1/2 = 50 % × 4 → 2 of 4"),
        (DOSSIERS, "19/20", "4", "19/20 = 95 % ≥ full_at 95 → 4 of 4"),  # n/d exactly at full_at
        (DOSSIERS, "3/4", "3", "3/4 = 75 % × 4 → 3 of 4"),
        (DOSSIERS, " 3 / 4 ", "3", "3/4 = 75 % × 4 → 3 of 4"),
        (DOSSIERS, "0/5", "0", "0/5 = 0 % < zero_below 50 → 0 of 4"),
        (PLAIN_RATIO, "12.5", "0.25", "12.5 % × 2 → 0.25 of 2"),
        (PLAIN_RATIO, "0", "0", "0 % × 2 → 0 of 2"),
        (PLAIN_RATIO, "100", "2", "100 % × 2 → 2 of 2"),
        (PLAIN_RATIO, "1/8", "0.25", "1/8 = 12.5 % × 2 → 0.25 of 2"),
    ],
)
def test_ratio_scores_the_rate(
    criterion: Criterion, value: Any, points: str, explanation: str
) -> None:
    check(criterion, value, points, explanation)


@pytest.mark.parametrize(
    "value", ["0/0", {"numerator": 0, "denominator": 0}, {"numerator": "0", "denominator": "0"}]
)
def test_ratio_with_a_zero_denominator_did_not_arise(value: Any) -> None:
    outcome = evaluate(DOSSIERS, value)
    assert outcome.not_arisen
    assert outcome.points == 0
    assert outcome.explanation == "0/0: did not arise"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5/4", "5/4: the numerator exceeds the denominator"),
        ({"numerator": 1201, "denominator": 1200}, "the numerator exceeds the denominator"),
        ("1/0", "1/0: the denominator is 0 but the numerator is not"),
        ("100.01", "100.01 is outside 0–100"),
        ("-1", "-1 is outside 0–100"),
        ("-1/2", "must not be negative"),
        ({"numerator": 1, "denominator": -2}, "must not be negative"),
        ({"numerator": 1}, "a ratio is written {numerator: n, denominator: d}"),
        ({"numerator": 1, "denominator": 2, "total": 3}, "a ratio is written"),
        ("a/b", "'a' is not a number"),
        ("ninety", "is not a number; expected a percent from 0 to 100"),
    ],
)
def test_ratio_rejects_impossible_rates(value: Any, message: str) -> None:
    reject(DOSSIERS, value, message)


# --- deduction ----------------------------------------------------------------------------------

LATE = leaf({"kind": "deduction", "per": "0.25"}, "1")
LATE_BELOW_ZERO = leaf({"kind": "deduction", "per": "0.25", "floor": "-0.5"}, "1")


@pytest.mark.parametrize(
    ("criterion", "value", "points", "explanation"),
    [
        (LATE, "0", "1", "0 × 0.25 off → 1 of 1"),
        (LATE, "1", "0.75", "1 × 0.25 off → 0.75 of 1"),
        (LATE, 3, "0.25", "3 × 0.25 off → 0.25 of 1"),
        (LATE, "2.0", "0.5", "2 × 0.25 off → 0.5 of 1"),
        (LATE, "4", "0", "4 × 0.25 off → 0 of 1"),  # exactly reaching the floor 0
        (LATE, "5", "0", "5 × 0.25 off, floor 0 → 0 of 1"),
        (LATE_BELOW_ZERO, "5", "-0.25", "5 × 0.25 off → -0.25 of 1"),
        (LATE_BELOW_ZERO, "6", "-0.5", "6 × 0.25 off → -0.5 of 1"),  # floor reached, not passed
        (LATE_BELOW_ZERO, "7", "-0.5", "7 × 0.25 off, floor -0.5 → -0.5 of 1"),
        (LATE_BELOW_ZERO, "1000", "-0.5", "1000 × 0.25 off, floor -0.5 → -0.5 of 1"),
    ],
)
def test_deduction_takes_per_off_for_each_count(
    criterion: Criterion, value: Any, points: str, explanation: str
) -> None:
    check(criterion, value, points, explanation)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.5", "1.5 is not a whole count"),
        ("0.1", "0.1 is not a whole count"),
        ("-1", "-1 is not a whole count"),
        ("many", "'many' is not a number; expected a whole count of 0 or more"),
        ("", "is not a number"),
        (True, "is not a number"),
        ("1e999999999", "is not a number"),  # was a decimal.Overflow traceback
    ],
)
def test_deduction_rejects_what_is_not_a_whole_count(value: Any, message: str) -> None:
    reject(LATE_BELOW_ZERO, value, message)


@pytest.mark.parametrize(
    ("rule", "lowest"),
    [
        ({"kind": "deduction", "per": "0.25", "floor": "-0.5"}, "-0.5"),
        ({"kind": "deduction", "per": "0.25"}, "0"),
        ({"kind": "deduction", "per": "0.25", "floor": "0.25"}, "0"),
        ({"kind": "points"}, "0"),
        ({"kind": "boolean"}, "0"),
    ],
)
def test_lowest_is_a_negative_floor_else_zero(rule: dict[str, Any], lowest: str) -> None:
    assert leaf(rule, "1").lowest == Decimal(lowest)


# --- scale --------------------------------------------------------------------------------------

SATISFACTION = leaf({"kind": "scale", "low": 1, "high": 5}, "3")


@pytest.mark.parametrize(
    ("criterion", "value", "points", "explanation"),
    [
        (SATISFACTION, "1", "0", "1 on 1–5 → 0 of 3"),
        (SATISFACTION, "5", "3", "5 on 1–5 → 3 of 3"),
        (SATISFACTION, "3", "1.5", "3 on 1–5 → 1.5 of 3"),
        (SATISFACTION, "2.5", "1.125", "2.5 on 1–5 → 1.13 of 3"),
        (SATISFACTION, "4.2", "2.4", None),
        (
            leaf({"kind": "scale", "low": 0, "high": 100}, "10"),
            "37",
            "3.7",
            "37 on 0–100 → 3.7 of 10",
        ),
    ],
)
def test_scale_is_linear_from_low_to_high(
    criterion: Criterion, value: str, points: str, explanation: str | None
) -> None:
    check(criterion, value, points, explanation)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0.99", "0.99 is outside 1–5"),
        ("5.01", "5.01 is outside 1–5"),
        ("0", "0 is outside 1–5"),
        ("good", "'good' is not a number; expected a number from 1 to 5"),
    ],
)
def test_scale_rejects_values_outside_low_high(value: str, message: str) -> None:
    reject(SATISFACTION, value, message)


# --- points -------------------------------------------------------------------------------------

GIVEN = leaf({"kind": "points"}, "2")


@pytest.mark.parametrize(
    ("value", "points", "explanation"),
    [
        ("0", "0", "given 0 of 2"),
        ("2", "2", "given 2 of 2"),
        ("1.25", "1.25", "given 1.25 of 2"),
        ("0.001", "0.001", "given 0.001 of 2"),  # the value as typed, never rounded away
    ],
)
def test_points_are_the_value_itself(value: str, points: str, explanation: str) -> None:
    check(GIVEN, value, points, explanation)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2.01", "2.01 is outside the range 0–2"),
        ("-0.5", "-0.5 is outside the range 0–2"),  # points have no negative floor
        ("-0.01", "is outside the range 0–2"),
        ("two", "'two' is not a number; expected points from 0 to 2"),
    ],
)
def test_points_reject_values_outside_the_range(value: str, message: str) -> None:
    reject(GIVEN, value, message)


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [
        ("76.485", 2, "76.49"),
        ("0.125", 2, "0.13"),
        ("76.4849999", 2, "76.48"),
        ("81.33333333333333333333", 2, "81.33"),
        ("2.5", 0, "3"),
        ("-0.125", 2, "-0.13"),
        ("99.9951", 2, "100.00"),
        ("5", 2, "5.00"),
    ],
)
def test_round_half_up(value: str, places: int, rounded: str) -> None:
    result = round_half_up(Decimal(value), places)
    assert str(result) == rounded


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("2.50", None, "2.5"),
        ("-0", None, "0"),
        ("1E+2", None, "100"),
        ("76.485", 2, "76.49"),
        ("7", 2, "7.00"),
    ],
)
def test_plain_writes_numbers_as_people_do(value: str, places: int | None, text: str) -> None:
    assert plain(Decimal(value), places) == text


@pytest.mark.parametrize(
    ("value", "comma", "parsed"),
    [
        ("12.5", False, "12.5"),
        (" 7 ", False, "7"),
        ("12,5", True, "12.5"),
        ("12,5", False, None),
        ("1_000", False, "1000"),
        ("1e3", False, "1000"),
        (0.1, False, "0.1"),
        (3, False, "3"),
        ("NaN", False, None),
        ("Infinity", False, None),
        ("1e30", False, None),  # beyond the input bound: refused, never an overflow later
        (True, False, None),
        ("", False, None),
        ("1.2.3", False, None),
    ],
)
def test_parse_number(value: Any, comma: bool, parsed: str | None) -> None:
    result = parse_number(value, decimal_comma=comma)
    assert result == (None if parsed is None else Decimal(parsed))


def test_points_add_up_exactly() -> None:
    framework = Framework.model_validate(
        {
            "framework": "exact",
            "title": "Exact",
            "group": "g",
            "criteria": [
                {
                    "id": "1",
                    "name": "F",
                    "criteria": [
                        {"id": "1.1", "name": "a", "max": 1, "rule": {"kind": "points"}},
                        {"id": "1.2", "name": "b", "max": 1, "rule": {"kind": "points"}},
                        {"id": "1.3", "name": "c", "max": "0.7", "rule": {"kind": "points"}},
                    ],
                }
            ],
        }
    )
    assessment = Assessment.model_validate(
        {
            "unit": {"id": "u", "name": "U", "group": "g"},
            "framework": "exact",
            "answers": {"1.1": {"value": "0.1"}, "1.2": {"value": "0.2"}, "1.3": {"value": "0"}},
        }
    )
    result = score_unit(framework, assessment)
    assert result.regular_points == Decimal("0.3")
    assert result.nodes["1"].points == Decimal("0.3")
    assert result.max_points == Decimal("2.7")
    assert result.index == divide(Decimal(30), Decimal("2.7"))
    assert round_half_up(result.index, 2) == Decimal("11.11")
