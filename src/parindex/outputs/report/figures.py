"""The report's figures and short words, shared by its tables: numbers as published (the
framework's decimals, the language's decimal mark, a true minus sign, "—" for none), a unit's
band and its change against last year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from parindex.core.numbers import divide, round_half_up
from parindex.core.results import RankedUnit, UnitResult
from parindex.i18n import Lang, _, number, pick
from parindex.outputs.words import change_words

DASH = "—"
MINUS = "−"  # U+2212: a minus sign, not a hyphen


def figure(value: Decimal | None, places: int, lang: Lang) -> str:
    """A number as published: `places` decimals in the language, "—" for none."""
    return DASH if value is None else number(value, lang, places, minus=MINUS)


def signed(value: Decimal | None, places: int, lang: Lang) -> str:
    """A change: +1.25, −0.50, 0.00."""
    if value is None:
        return DASH
    text = figure(value, places, lang)
    return "+" + text if round_half_up(value, places) > 0 else text


def band_label(unit: RankedUnit, lang: Lang) -> str:
    if unit.band is not None:
        return pick(unit.band.label, unit.band.label_en, lang)
    return _("not submitted") if not unit.result.submitted else _("no band")


def change_text(unit: RankedUnit, names: Mapping[str, str]) -> tuple[str, str]:
    """The change against last year in words, and its trend (see `words.change_words`)."""
    return change_words(unit, names)


def field_index(result: UnitResult, field_id: str, places: int) -> Decimal | None:
    """A submitted unit's index on one field, as published; None where nothing applies."""
    total = result.nodes.get(field_id)
    if total is None or total.max_points == 0 or not result.submitted:
        return None
    return round_half_up(total.percent, places)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return divide(sum(values, Decimal(0)), Decimal(len(values))) if values else None


def attached_to(decision: str | None, issuer: str | None) -> str:
    """The line under a title, "(Attached to Decision … of <issuer>)": the issuer is said
    only when the decision's words do not already name it; "" without a decision."""
    if not decision:
        return ""
    if issuer and issuer.casefold() not in decision.casefold():
        return _("(Attached to {decision} of {issuer})").format(decision=decision, issuer=issuer)
    return _("(Attached to {decision})").format(decision=decision)
