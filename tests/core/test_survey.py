"""Survey aggregation (SPEC §6): worked by hand, then its invariants with hypothesis."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parindex.core.models import Framework
from parindex.core.questionnaire import Questionnaire, answer_key
from parindex.core.survey import Form, SurveyRow, aggregate, round_half_up

FRAMEWORK = Framework.model_validate(
    {
        "framework": "tiny-2025",
        "title": "Tiny",
        "group": "office",
        "criteria": [
            {
                "id": "8",
                "name": "Survey",
                "criteria": [
                    {
                        "id": "8.1",
                        "name": "Ratio",
                        "max": "2",
                        "source": "survey",
                        "rule": {"kind": "ratio"},
                    },
                    {
                        "id": "8.2",
                        "name": "Scale",
                        "max": "1",
                        "source": "survey",
                        "rule": {"kind": "scale", "low": "1", "high": "5"},
                    },
                    {
                        "id": "8.3",
                        "name": "Points",
                        "max": "0.5",
                        "source": "survey",
                        "rule": {"kind": "points"},
                    },
                    {
                        "id": "8.4",
                        "name": "Bands",
                        "max": "1",
                        "source": "survey",
                        "rule": {"kind": "bands", "bands": [{"at_least": "80", "points": "1"}]},
                    },
                ],
            },
            {"id": "1", "name": "Self", "max": "1", "rule": {"kind": "boolean"}},
        ],
    }
)

SATISFACTION = {"Rất hài lòng": 100, "Hài lòng": 75, "Bình thường": 50, "Không hài lòng": 0}
GROUPS = [
    {"id": "g1", "weight": 50, "min": 1},
    {"id": "g2", "weight": 20},
    {"id": "g3", "weight": 30},
]


def questionnaire(questions: list[dict[str, Any]], groups: list[dict[str, Any]] | None = None):
    return Questionnaire.model_validate(
        {
            "questionnaire": "tiny-survey",
            "framework": "tiny-2025",
            "groups": groups or [],
            "questions": questions,
        }
    )


def forms(model: Questionnaire, rows: list[tuple[str, dict[str, str]]], unit: str = "u1"):
    """(group, {question: answer text}) → Forms, answers matched through the scales."""
    by_id = {q.id: q for q in model.questions}
    return [
        Form(unit, group, {q: model.scale_of(by_id[q])[answer_key(a)] for q, a in answers.items()})
        for group, answers in rows
    ]


Q1 = {"id": "Q1", "criterion": "8.1"}
CASES = [
    # one group: (100 + 60 + 0) / 3 = 53.333… → 53.33
    (
        "one group",
        [Q1],
        None,
        [("", {"Q1": "A"}), ("", {"Q1": "B"}), ("", {"Q1": "D"})],
        "8.1",
        "53.33",
        3,
    ),
    # DOMAIN's illustration: 12 A, 10 B, 6 C, 2 D → 64 %; a points leaf of 0.5 → 0.32
    (
        "domain illustration on a points leaf",
        [{"id": "Q1", "criterion": "8.3"}],
        None,
        [("", {"Q1": a}) for a in "A" * 12 + "B" * 10 + "C" * 6 + "D" * 2],
        "8.3",
        "0.32",
        30,
    ),
    # weighted groups, g3 absent: (50 × 80 + 20 × 0) / (50 + 20) = 57.142… → 57.14
    (
        "weighted groups, one absent",
        [Q1],
        GROUPS,
        [("g1", {"Q1": "A"}), ("g1", {"Q1": "B"}), ("g2", {"Q1": "D"})],
        "8.1",
        "57.14",
        3,
    ),
    # every group: (50 × 100 + 20 × 20 + 30 × 60) / 100 = 72
    (
        "weighted groups, all present",
        [Q1],
        GROUPS,
        [("g1", {"Q1": "A"}), ("g2", {"Q1": "C"}), ("g3", {"Q1": "B"})],
        "8.1",
        "72.00",
        3,
    ),
    # question weights: (1 × 100 + 2 × 20) / 3 = 46.666… → 46.67
    (
        "question weights",
        [Q1, {"id": "Q2", "criterion": "8.1", "weight": 2}],
        None,
        [("", {"Q1": "A", "Q2": "C"})],
        "8.1",
        "46.67",
        1,
    ),
    # blank answers are left out: Q1 (100 + 20) / 2 = 60, Q2 60 / 1 = 60 → 60; 2 forms
    (
        "blank answers",
        [Q1, {"id": "Q2", "criterion": "8.1"}],
        None,
        [("", {"Q1": "A"}), ("", {"Q1": "C", "Q2": "B"})],
        "8.1",
        "60.00",
        2,
    ),
    # a form that left the criterion's questions blank does not count in its forms
    (
        "blank form for the criterion",
        [Q1, {"id": "Q2", "criterion": "8.2"}],
        None,
        [("", {"Q1": "A"}), ("", {"Q2": "A"})],
        "8.1",
        "100.00",
        1,
    ),
    # a custom scale on a 1–5 leaf: (100 + 75 + 0) / 3 = 58.333…; 1 + 4 × 58.333…/100 = 3.333…
    (
        "custom scale on a scale leaf",
        [{"id": "Q1", "criterion": "8.2", "answers": SATISFACTION}],
        None,
        [("", {"Q1": "rất hài lòng"}), ("", {"Q1": " Hài lòng "}), ("", {"Q1": "Không hài lòng"})],
        "8.2",
        "3.33",
        3,
    ),
    # a bands leaf takes the percent itself: (100 + 60) / 2 = 80
    (
        "bands leaf",
        [{"id": "Q1", "criterion": "8.4"}],
        None,
        [("", {"Q1": "A"}), ("", {"Q1": "B"})],
        "8.4",
        "80.00",
        2,
    ),
    # rounded half up once, at the end: 12.345 → 12.35 (never 12.34)
    (
        "half up",
        [{"id": "Q1", "criterion": "8.1", "answers": {"X": "12.345"}}],
        None,
        [("", {"Q1": "X"})],
        "8.1",
        "12.35",
        1,
    ),
]


@pytest.mark.parametrize(
    ("questions", "groups", "rows", "criterion", "value", "count"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_aggregation_worked_by_hand(questions, groups, rows, criterion, value, count):
    model = questionnaire(questions, groups)
    result = aggregate(model, FRAMEWORK, forms(model, rows))
    assert [r for r in result.rows if r.criterion == criterion] == [
        SurveyRow("u1", criterion, Decimal(value), count)
    ]


def test_rows_by_unit_then_framework_order_and_forms_per_group():
    model = questionnaire([{"id": "Q2", "criterion": "8.2"}, Q1], GROUPS)
    rows = [("g1", {"Q1": "A", "Q2": "A"}), ("g2", {"Q1": "B"})]
    result = aggregate(model, FRAMEWORK, forms(model, rows, "b") + forms(model, rows[:1], "a"))
    assert [(r.unit_id, r.criterion) for r in result.rows] == [
        ("a", "8.1"),
        ("a", "8.2"),
        ("b", "8.1"),
        ("b", "8.2"),
    ]
    assert result.forms == {"b": {"g1": 1, "g2": 1}, "a": {"g1": 1}}


def test_an_empty_form_counts_nowhere():
    model = questionnaire([Q1], GROUPS)
    result = aggregate(model, FRAMEWORK, [Form("u1", "g1", {})])
    assert result.rows == [] and result.forms == {}


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("-0.005", "-0.01"),
        ("2/3", "0.67"),
        ("1/8", "0.13"),
    ],
)
def test_round_half_up(value, rounded):
    assert round_half_up(Fraction(value)) == Decimal(rounded)


# --- invariants --------------------------------------------------------------------------------

SHARES = st.sampled_from(["100", "60", "20", "0", "75", "50", "12.5"])
CUSTOM = {"A": 100, "B": 60, "C": 20, "D": 0, "E": 75, "F": 50, "G": "12.5"}
MODEL = questionnaire(
    [
        {"id": "Q1", "criterion": "8.1", "answers": CUSTOM},
        {"id": "Q2", "criterion": "8.1", "weight": 3, "answers": CUSTOM},
        {"id": "Q3", "criterion": "8.2", "answers": CUSTOM},
    ],
    GROUPS,
)
FORMS = st.lists(
    st.builds(
        lambda unit, group, answers: Form(unit, group, answers),
        st.sampled_from(["u1", "u2", "u3"]),
        st.sampled_from(["g1", "g2", "g3"]),
        st.dictionaries(st.sampled_from(["Q1", "Q2", "Q3"]), SHARES.map(Decimal)),
    ),
    max_size=40,
)
PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(FORMS)
def test_value_lies_between_the_lowest_and_highest_share(given_forms):
    result = aggregate(MODEL, FRAMEWORK, given_forms)
    for row in result.rows:
        questions = {"8.1": ("Q1", "Q2"), "8.2": ("Q3",)}[row.criterion]
        shares = [
            share
            for form in given_forms
            if form.unit_id == row.unit_id
            for q, share in form.answers.items()
            if q in questions
        ]
        low, high = min(shares), max(shares)
        if row.criterion == "8.2":  # scale 1–5: the percent maps onto [1, 5]
            low, high = 1 + 4 * low / 100, 1 + 4 * high / 100
        assert round_half_up(Fraction(low)) <= row.value <= round_half_up(Fraction(high))


@PROPERTY
@given(FORMS, st.randoms(use_true_random=False))
def test_permuting_forms_changes_nothing(given_forms, rnd: random.Random):
    shuffled = list(given_forms)
    rnd.shuffle(shuffled)
    assert aggregate(MODEL, FRAMEWORK, shuffled) == aggregate(MODEL, FRAMEWORK, given_forms)


@PROPERTY
@given(FORMS)
def test_every_form_twice_changes_only_the_counts(given_forms):
    once = aggregate(MODEL, FRAMEWORK, given_forms)
    twice = aggregate(MODEL, FRAMEWORK, given_forms + given_forms)
    assert [(r.unit_id, r.criterion, r.value) for r in twice.rows] == [
        (r.unit_id, r.criterion, r.value) for r in once.rows
    ]
    assert [r.forms for r in twice.rows] == [2 * r.forms for r in once.rows]
