"""`rules.score_value`: a leaf remembers the outcomes of the values it has scored, and what it
gives back is always what `evaluate` would give."""

from __future__ import annotations

from typing import Any

import pytest

from parindex.core import rules
from parindex.core.models import Criterion, Leaf
from parindex.core.rules import RuleValueError, evaluate, score_value
from parindex.i18n import using


def _leaf(rule: dict[str, Any]) -> Leaf:
    criterion = Criterion.model_validate({"id": "x", "name": "x", "max": "2", "rule": rule})
    return Leaf.of(criterion, "1", "forbidden", 0)


RATIO = {"kind": "ratio"}
BOOLEAN = {"kind": "boolean"}


@pytest.mark.parametrize(
    "value", ["73.4", "405/487", 100, "100", {"numerator": 1, "denominator": 2}]
)
@pytest.mark.parametrize("comma", [False, True])
def test_remembered_outcomes_are_evaluate_s(value: Any, comma: bool) -> None:
    leaf = _leaf(RATIO)
    expected = evaluate(leaf.criterion, value, decimal_comma=comma)
    assert score_value(leaf, value, decimal_comma=comma) == expected
    assert score_value(leaf, value, decimal_comma=comma) == expected  # found again


def test_values_equal_in_python_are_told_apart_by_type() -> None:
    leaf = _leaf(BOOLEAN)
    assert score_value(leaf, True) == evaluate(leaf.criterion, True)
    with pytest.raises(RuleValueError):  # 1 == True, but an integer is no yes/no to a rule
        score_value(leaf, 1)
    assert score_value(leaf, "1") == evaluate(leaf.criterion, "1")


def test_each_language_has_its_own_explanation() -> None:
    leaf = _leaf(RATIO)
    with using("vi"):
        said_vi = score_value(leaf, "73.4").explanation
    with using("en"):
        said_en = score_value(leaf, "73.4").explanation
    assert said_vi != said_en
    assert "73,4" in said_vi and "73.4" in said_en


def test_refused_values_are_refused_every_time_and_not_remembered() -> None:
    leaf = _leaf(RATIO)
    for _attempt in range(2):
        with pytest.raises(RuleValueError):
            score_value(leaf, "120")
    assert leaf.outcomes == {}


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "MEMO_LIMIT", 5)
    leaf = _leaf(RATIO)
    for n in range(20):
        assert score_value(leaf, str(n)) == evaluate(leaf.criterion, str(n))
    assert len(leaf.outcomes) == 5
