"""The words around the tie rule: what `show` says of it, and the notes of `ties: exact`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.core.models import Framework
from parindex.core.ranking import shared_groups
from parindex.core.results import FieldPlace, RankedUnit, Ranking
from parindex.i18n import Lang, _, ngettext, number


def tie_rule(framework: Framework) -> str:
    """One line: how the framework's ranks tie."""
    places = framework.precision
    if framework.ties == "exact":
        return _(
            "Ties: ranks use the exact index; units tie only when their exact indices are "
            "equal (ties: exact)"
        )
    return ngettext(
        "Ties: ranks use the published index rounded to {places} decimal; equal published "
        "indices share a rank (ties: rounded)",
        "Ties: ranks use the published index rounded to {places} decimals; equal published "
        "indices share a rank (ties: rounded)",
        places,
    ).format(places=places)


TIE_MARK = "="  # after a shared rank, on the terminal and in the report and the appendix: "3="


def tie_note(framework: Framework, example: str) -> str:
    """Under a table whose ranks carry the mark: what "3=" means (đồng hạng)."""
    if framework.ties == "exact":
        return _(
            "“{example}”: a shared rank, the units have the same exact index; the next unit's "
            "rank counts every unit above it (1, 2, 2, 4)."
        ).format(example=example)
    return ngettext(
        "“{example}”: a shared rank, the units have the same published index (rounded to "
        "{places} decimal); the next unit's rank counts every unit above it (1, 2, 2, 4).",
        "“{example}”: a shared rank, the units have the same published index (rounded to "
        "{places} decimals); the next unit's rank counts every unit above it (1, 2, 2, 4).",
        framework.precision,
    ).format(example=example, places=framework.precision)


Held = tuple[str, str, Decimal, int]  # unit_id, name, published index, rank


def _held(unit: RankedUnit, lang: Lang) -> Held:
    return unit.result.unit_id, unit.result.name_in(lang), unit.index, unit.rank


def _places_text(group: Sequence[Held]) -> str:
    return ", ".join(_("{unit} (rank {rank})").format(unit=held[1], rank=held[3]) for held in group)


def _group_notes(groups: Sequence[Sequence[Held]], places: int, lang: Lang) -> list[str]:
    return [
        _(
            "Published index {index} is shared by {units}: ranked on the exact index (ties: exact)."
        ).format(index=number(group[0][2], lang, places), units=_places_text(group))
        for group in groups
    ]


def _unit_notes(groups: Sequence[Sequence[Held]], places: int, lang: Lang) -> dict[str, str]:
    notes: dict[str, str] = {}
    for group in groups:
        for held in group:
            others = [other for other in group if other is not held]
            notes[held[0]] = _(
                "Shares the published index {index} with {units} but ranks {rank} on the exact "
                "index (ties: exact)."
            ).format(
                index=number(held[2], lang, places),
                units=_places_text(others),
                rank=held[3],
            )
    return notes


def _ranking_groups(ranking: Ranking, lang: Lang) -> list[list[Held]]:
    return [[_held(u, lang) for u in group] for group in ranking.shared]


def _field_groups(places: Sequence[FieldPlace], lang: Lang) -> list[list[Held]]:
    held = [
        ((p.unit.result.unit_id, p.unit.result.name_in(lang), p.index, p.rank), p.index, p.rank)
        for p in places
        if p.index is not None and p.rank is not None and p.unit.result.submitted
    ]
    return [list(group) for group in shared_groups(held)]


def shared_index_notes(ranking: Ranking, lang: Lang) -> list[str]:
    """One sentence per published index that several ranks share (`ties: exact` only)."""
    return _group_notes(_ranking_groups(ranking, lang), ranking.framework.precision, lang)


def unit_notes(ranking: Ranking, lang: Lang) -> dict[str, str]:
    """unit_id → the note of a unit that shares its published index but not its rank."""
    return _unit_notes(_ranking_groups(ranking, lang), ranking.framework.precision, lang)


def shared_field_notes(places: Sequence[FieldPlace], precision: int, lang: Lang) -> list[str]:
    """As `shared_index_notes`, for a group ranked on one field's index."""
    return _group_notes(_field_groups(places, lang), precision, lang)


def field_unit_notes(places: Sequence[FieldPlace], precision: int, lang: Lang) -> dict[str, str]:
    """As `unit_notes`, for a group ranked on one field's index."""
    return _unit_notes(_field_groups(places, lang), precision, lang)
