"""Pydantic models of a leaf's rule, one per kind, and the numbers they are written in.

No I/O here. The models are fed plain data whose scalars are still the strings the user typed,
so numbers are parsed exactly (as Decimal) and option keys are never reinterpreted.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from parindex.core.numbers import LIMIT, MAX_DECIMALS
from parindex.i18n import _

RuleKind = Literal["boolean", "choice", "bands", "ratio", "deduction", "scale", "points"]
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)
Comparison = Literal["above", "at_least", "at_most", "below"]

# Bounded like numbers.parse_number: a 1e30 slip is an input error, not a Decimal overflow.
Number = Annotated[
    Decimal, Field(allow_inf_nan=False, gt=-LIMIT, lt=LIMIT, decimal_places=MAX_DECIMALS)
]
# Greater than 0. The bound is annotated on `Number` itself: a `Field(gt=0)` default beside the
# annotation would be merged before `Number`'s own `gt`, which then wins.
Positive = Annotated[Number, Field(gt=0)]
ZERO = Decimal(0)


# Every input model: unknown keys refused, values frozen and stripped; the validator is built
# when first used, so a command pays only for the models it reads.
STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class _Model(BaseModel):
    model_config = STRICT


class Option(_Model):
    """One answer of a `choice` rule and the points it earns."""

    points: Number
    label: str | None = None
    label_en: str | None = None


class Condition(_Model):
    """One band of a `bands` rule: exactly one comparison, and the points it earns."""

    above: Number | None = None
    at_least: Number | None = None
    at_most: Number | None = None
    below: Number | None = None
    points: Number

    @model_validator(mode="after")
    def _one_comparison(self) -> Condition:
        given = [
            k for k in ("above", "at_least", "at_most", "below") if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                _(
                    "a band needs exactly one of above, at_least, at_most, below (found {found})"
                ).format(found=", ".join(given) or _("none"))
            )
        return self

    @property
    def comparison(self) -> tuple[Comparison, Decimal]:
        for key in get_args(Comparison):
            bound = getattr(self, key)
            if bound is not None:
                return key, bound
        raise AssertionError("validated to hold one comparison")  # pragma: no cover


class _Rule(_Model):
    @property
    def lowest(self) -> Decimal:
        """The fewest points the rule gives: 0 (only a deduction's floor goes below)."""
        return ZERO


class BooleanRule(_Rule):
    """Yes/no: all or nothing."""

    kind: Literal["boolean"]


class ChoiceRule(_Rule):
    """One of named options, each worth its points."""

    kind: Literal["choice"]
    options: dict[str, Option] = Field(min_length=1)

    @field_validator("options", mode="before")
    @classmethod
    def _bare_points(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: {"points": v} if not isinstance(v, dict) else v for k, v in value.items()}
        return value


class BandsRule(_Rule):
    """A number scored by the first band whose condition holds; none holds → 0."""

    kind: Literal["bands"]
    bands: list[Condition] = Field(min_length=1)
    unit: str | None = None


class RatioRule(_Rule):
    """A rate (percent or numerator/denominator) times the max."""

    kind: Literal["ratio"]
    full_at: Number | None = Field(default=None, ge=0, le=100)
    zero_below: Number | None = Field(default=None, ge=0, le=100)
    unit: str | None = "%"


class DeductionRule(_Rule):
    """The max less `per` for each counted failure, never below `floor`."""

    kind: Literal["deduction"]
    per: Positive
    floor: Number = ZERO
    unit: str | None = None
    counts: str | None = Field(default=None, min_length=1)  # what is counted, in words
    counts_en: str | None = Field(default=None, min_length=1)

    @property
    def lowest(self) -> Decimal:
        """A negative floor, else 0."""
        return min(self.floor, ZERO)


class ScaleRule(_Rule):
    """A number on [low, high] mapped linearly onto [0, max] (e.g. a 1–5 survey average)."""

    kind: Literal["scale"]
    low: Number
    high: Number
    unit: str | None = None


class PointsRule(_Rule):
    """Points given directly (by the unit or the council), within the leaf's range."""

    kind: Literal["points"]


# Any one rule, as the code holds it; `Rule` is how a criterion's `rule:` key is validated.
RuleModel = (
    BooleanRule | ChoiceRule | BandsRule | RatioRule | DeductionRule | ScaleRule | PointsRule
)
Rule = Annotated[RuleModel, Field(discriminator="kind")]
# Each kind's model, by the kind as a file names it.
RULE_MODELS: dict[str, type[RuleModel]] = {
    "boolean": BooleanRule,
    "choice": ChoiceRule,
    "bands": BandsRule,
    "ratio": RatioRule,
    "deduction": DeductionRule,
    "scale": ScaleRule,
    "points": PointsRule,
}
