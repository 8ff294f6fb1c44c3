"""The one registry of rule kinds covers every kind the framework model accepts."""

from __future__ import annotations

from typing import get_args

import pytest

from parindex.core.models import RULE_KINDS, Criterion, Rule
from parindex.core.rules import KINDS, advise, describe

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
