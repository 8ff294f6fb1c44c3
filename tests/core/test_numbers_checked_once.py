"""A number typed as text is checked by the model once and found again after (models.Number)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from parindex.core import models
from parindex.core.models import Answer


def test_the_same_text_gives_the_same_checked_number() -> None:
    first = Answer.model_validate({"self_points": "0.75"}).self_points
    again = Answer.model_validate({"self_points": "0.75"}).self_points
    assert first == Decimal("0.75") and str(again) == "0.75"
    assert models._NUMBERS["0.75"] is first  # found, not checked again


@pytest.mark.parametrize("text", ["1e30", "NaN", "0.1234567890123", "abc"])
def test_a_refused_number_is_refused_every_time(text: str) -> None:
    for _attempt in range(2):
        with pytest.raises(ValidationError) as caught:
            Answer.model_validate({"self_points": text})
        assert caught.value.errors()[0]["loc"] == ("self_points",)
    assert text not in models._NUMBERS


def test_numbers_that_are_not_text_are_checked_as_before() -> None:
    assert Answer.model_validate({"self_points": 2}).self_points == Decimal(2)
    with pytest.raises(ValidationError):
        Answer.model_validate({"self_points": float("inf")})


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "_NUMBERS", {})
    monkeypatch.setattr(models, "_NUMBERS_LIMIT", 3)
    for n in range(10):
        assert Answer.model_validate({"self_points": f"{n}.5"}).self_points == Decimal(n) + Decimal(
            "0.5"
        )
    assert len(models._NUMBERS) == 3
