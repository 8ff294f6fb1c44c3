"""The one registry of rule kinds covers every kind the framework model accepts, and says
what each kind takes: bounds, options, survey percents and its checks within a leaf."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest

from parindex.core.models import RULE_KINDS, Criterion, Rule
from parindex.core.rules import (
    KINDS,
    Bounds,
    Choice,
    PercentLine,
    advise,
    describe,
    options,
    percent_line,
    points_bounds,
    rule_problems,
    value_bounds,
)

SAMPLES = {
    "boolean": {"kind": "boolean"},
    "choice": {"kind": "choice", "options": {"on_time": 2, "late": 1}},
    "bands": {"kind": "bands", "bands": [{"at_least": 90, "points": 2}]},
    "ratio": {"kind": "ratio", "full_at": 95},
    "deduction": {"kind": "deduction", "per": 0.5},
    "scale": {"kind": "scale", "low": 1, "high": 5},
    "points": {"kind": "points"},
}


def test_registry_and_model_name_the_same_kinds() -> None:
    union = get_args(get_args(Rule)[0])
    model_kinds = {get_args(model.model_fields["kind"].annotation)[0] for model in union}
    assert set(KINDS) == set(RULE_KINDS) == model_kinds == set(SAMPLES)


@pytest.mark.parametrize("kind", RULE_KINDS)
def test_every_kind_describes_and_advises(kind: str) -> None:
    criterion = Criterion.model_validate({"id": "1", "name": "x", "max": 2, "rule": SAMPLES[kind]})
    assert describe(criterion, "en").strip()
    assert "2" in advise(criterion) or kind == "choice"


def _leaf(kind: str, max_points: str = "2", **rule: object) -> Criterion:
    return Criterion.model_validate(
        {"id": "1", "name": "x", "max": max_points, "rule": {**SAMPLES[kind], **rule}}
    )


@pytest.mark.parametrize(
    ("kind", "rule", "expected"),
    [
        ("boolean", {}, None),
        ("choice", {}, None),
        ("bands", {}, Bounds(None, None)),
        ("ratio", {}, Bounds(Decimal(0), Decimal(100))),
        ("deduction", {}, Bounds(Decimal(0), None, whole=True)),
        ("scale", {"low": 5, "high": 1}, Bounds(Decimal(1), Decimal(5))),
        ("points", {}, Bounds(Decimal(0), Decimal(2))),
    ],
)
def test_value_bounds_per_kind(kind: str, rule: dict[str, object], expected: Bounds) -> None:
    assert value_bounds(_leaf(kind, **rule)) == expected


def test_points_bounds_reach_a_negative_floor() -> None:
    assert points_bounds(_leaf("deduction", floor=-1)) == Bounds(Decimal(-1), Decimal(2))
    assert points_bounds(_leaf("boolean")) == Bounds(Decimal(0), Decimal(2))


def test_options_are_the_choice_entries_in_order() -> None:
    leaf = _leaf("choice", options={"late": 1, "on_time": {"points": 2, "label": "Đúng hạn"}})
    assert options(leaf) == (
        Choice("late", Decimal(1)),
        Choice("on_time", Decimal(2), "Đúng hạn"),
    )
    named = ("choice", "boolean")
    assert all(options(_leaf(kind)) == () for kind in RULE_KINDS if kind not in named)


def test_a_yes_no_leaf_offers_yes_and_no_in_both_languages_words() -> None:
    """A drop-down of yes/no shows the words people answer with; each scores as it says."""
    leaf = _leaf("boolean")
    assert options(leaf) == (
        Choice("yes", Decimal(2), "Có", "yes"),
        Choice("no", Decimal(0), "Không", "no"),
    )
    for choice in options(leaf):
        for word in (choice.key, choice.label, choice.label_en):
            assert KINDS["boolean"].score(leaf.rule, leaf, word, False).points == choice.points


@pytest.mark.parametrize(
    ("kind", "rule", "line"),
    [
        ("ratio", {}, PercentLine(Decimal(0), Decimal(1))),
        ("bands", {}, PercentLine(Decimal(0), Decimal(1))),
        ("points", {}, PercentLine(Decimal(0), Decimal("0.02"))),
        ("scale", {"low": 1, "high": 5}, PercentLine(Decimal(1), Decimal("0.04"))),
        ("boolean", {}, None),
        ("choice", {}, None),
        ("deduction", {}, None),
    ],
)
def test_percent_line_per_kind(kind: str, rule: dict[str, object], line: object) -> None:
    assert percent_line(_leaf(kind, **rule)) == line


@pytest.mark.parametrize(
    ("kind", "rule", "where"),
    [
        ("choice", {"options": {"a": 3, "b": 1}}, [("options", "a")]),
        # a label that would name two options: twice the same, another's key or English label
        (
            "choice",
            {"options": {"a": {"points": 1, "label": "Có"}, "b": {"points": 0, "label": "Có"}}},
            [("options", "b", "label")],
        ),
        (
            "choice",
            {"options": {"a": {"points": 1, "label": "b"}, "b": 0}},
            [("options", "a", "label")],
        ),
        (
            "choice",
            {
                "options": {
                    "a": {"points": 1, "label_en": "Late"},
                    "b": {"points": 0, "label": "Late"},
                }
            },
            [("options", "b", "label")],
        ),
        ("bands", {"bands": [{"at_least": 1, "points": -1}]}, [("bands", 0, "points")]),
        (
            "bands",
            {"bands": [{"at_least": 50, "points": 1}, {"above": 60, "points": 2}]},
            [("bands", 1)],
        ),
        ("ratio", {"full_at": 50, "zero_below": 60}, [("zero_below",)]),
        ("deduction", {"floor": 2}, [("floor",)]),
        ("scale", {"low": 3, "high": 3}, [("high",)]),
        ("points", {}, []),
        ("boolean", {}, []),
    ],
)
def test_rule_problems_stand_under_the_rule(
    kind: str, rule: dict[str, object], where: list[tuple[object, ...]]
) -> None:
    assert [problem.where for problem in rule_problems(_leaf(kind, **rule))] == where


def test_a_rule_of_another_kind_is_refused_by_an_entry() -> None:
    boolean = _leaf("boolean")
    with pytest.raises(TypeError):
        KINDS["choice"].score(boolean.rule, boolean, "yes", False)
