"""A value has two forms, both made where the rule reads it: `shown` for programs (an option's
key, numbers with a dot) and `said` for people (an option's label, yes/no in words, numbers as
the run's language writes them). Nothing rewrites a value's text afterwards."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parindex.core.models import Criterion
from parindex.core.rules import RawValue, evaluate
from parindex.i18n import Lang, using

RULES: dict[str, dict[str, object]] = {
    "boolean": {"kind": "boolean"},
    "choice": {
        "kind": "choice",
        "options": {
            "on_time": {"points": 2, "label": "Ban hành kịp thời", "label_en": "Issued on time"},
            "late": {"points": 1, "label": "Ban hành không kịp thời"},
            "none": 0,
        },
    },
    "bands": {"kind": "bands", "unit": "%", "bands": [{"above": 90, "points": 2}]},
    "days": {"kind": "bands", "unit": "ngày", "bands": [{"at_most": 3, "points": 2}]},
    "ratio": {"kind": "ratio"},
    "deduction": {"kind": "deduction", "per": 0.5},
    "scale": {"kind": "scale", "low": 1, "high": 5},
    "points": {"kind": "points"},
}


def _leaf(rule: str) -> Criterion:
    return Criterion.model_validate({"id": "1", "name": "x", "max": 2, "rule": RULES[rule]})


@pytest.mark.parametrize(
    ("rule", "value", "shown", "vi", "en"),
    [
        ("boolean", "có", "yes", "Có", "yes"),
        ("boolean", "no", "no", "Không", "no"),
        ("choice", "on_time", "on_time", "Ban hành kịp thời", "Issued on time"),
        ("choice", "Ban hành kịp thời", "on_time", "Ban hành kịp thời", "Issued on time"),
        ("choice", "late", "late", "Ban hành không kịp thời", "Ban hành không kịp thời"),
        ("choice", "none", "none", "none", "none"),  # no label: its key
        ("bands", "92.5", "92.5 %", "92,5%", "92.5 %"),
        ("days", "2.5", "2.5 ngày", "2,5 ngày", "2.5 ngày"),
        ("ratio", "58.2", "58.2 %", "58,2%", "58.2 %"),
        ("ratio", "3/4", "3/4 = 75 %", "3/4 = 75%", "3/4 = 75 %"),
        ("ratio", "5/7", "5/7 = 71.43 %", "5/7 = 71,43%", "5/7 = 71.43 %"),
        ("ratio", "0/0", "0/0", "0/0", "0/0"),
        ("deduction", "3", "3", "3", "3"),
        ("scale", "3.35", "3.35", "3,35", "3.35"),
        ("points", "1.25", "1.25", "1,25", "1.25"),
    ],
)
def test_a_value_is_said_in_the_language_and_shown_for_programs(
    rule: str, value: RawValue, shown: str, vi: str, en: str
) -> None:
    for lang, said in (("vi", vi), ("en", en)):
        with using(lang):  # type: ignore[arg-type]
            outcome = evaluate(_leaf(rule), value)
        assert (outcome.shown, outcome.said) == (shown, said), lang


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_explanation_says_the_value_as_people_read_it(lang: Lang) -> None:
    with using(lang):
        outcome = evaluate(_leaf("choice"), "on_time")
        assert outcome.explanation.startswith(outcome.said + " → ")
        assert outcome.points == Decimal(2)


def test_a_claim_ends_with_an_outcomes_fields() -> None:
    """`claim_of` makes a Claim from an Outcome's fields in order: both keep `said`."""
    from parindex.core.results import Claim
    from parindex.core.rules import Outcome

    assert Claim._fields[-len(Outcome._fields) :] == Outcome._fields
