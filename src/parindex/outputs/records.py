"""The records of every output: columns and rows of rankings, breakdowns and claims; and what
a text cell of a file must never hold (a formula to run, a character XML cannot hold)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from parindex.core.claims import claim_leaves, excess, units_by_over_claim
from parindex.core.numbers import round_half_up
from parindex.core.ranking import field_places
from parindex.core.results import LeafResult, RankedUnit, Ranking, UnitResult

BREAKDOWN_COLUMNS = [
    "framework",
    "unit_id",
    "criterion",
    "name",
    "field",
    "max_points",
    "value",
    "points",
    "self_points",
    "status",
    "explanation",
]
HISTORY_COLUMNS = ["prev_rank", "rank_change", "prev_index", "index_change", "history"]
NOT_SUBMITTED = "not submitted"  # the band cell of a roster unit ranked without an assessment
_GUARDED = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | Decimal | None


def guard(text: str) -> str:
    """Stop spreadsheets from running text cells as formulas: `=1+1` → `'=1+1`."""
    return "'" + text if text.startswith(_GUARDED) else text


# XML 1.0 cannot hold most control characters, nor a lone surrogate (a byte of a file name
# that is not UTF-8, as Python decodes it).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else code:02x}"


def legal(text: str) -> str:
    """`text` as an XML file (XLSX, DOCX) can hold it: each character it cannot hold shown
    escaped (`\\x01`), as the terminal shows it; tabs and line breaks kept."""
    return _ILLEGAL.sub(_escaped, text)


def in_print_order(rankings: Sequence[Ranking]) -> list[Ranking]:
    """The groups as people read them (report, appendix, tables, workbook sheets): by the
    frameworks' `order`, then framework id. Files for programs keep framework-id order."""
    return sorted(rankings, key=lambda r: (r.framework.order, r.framework.framework))


def field_columns(rankings: Sequence[Ranking]) -> list[str]:
    """Field ids over all frameworks: framework-id order, then tree order, no repeats."""
    seen: dict[str, None] = {}
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        for field_id in ranking.framework.field_ids:
            seen.setdefault(field_id, None)
    return list(seen)


def ranking_columns(fields: Sequence[str], with_history: bool) -> list[str]:
    columns = [
        "framework",
        "group",
        "rank",
        "unit_id",
        "unit_name",
        "index",
        "band",
        "points",
        "max_points",
        "self_points",
        "missing",
        "pending",
        *(f"field_{f}" for f in fields),
        "adjustment",
    ]
    return columns + HISTORY_COLUMNS if with_history else columns


def _num(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(value, places)


def unit_record(result: UnitResult, fields: Sequence[str] | None = None) -> dict[str, Cell]:
    """The ranking columns that do not depend on the unit's place (used by `score` too)."""
    framework = result.framework
    places = framework.precision
    record: dict[str, Cell] = {
        "framework": framework.framework,
        "group": framework.group,
        "unit_id": result.unit_id,
        "unit_name": result.unit_name,
        "index": round_half_up(result.index, places),
        "band": None,
        "points": _num(result.points, places),
        "max_points": _num(result.max_points, places),
        "self_points": _num(result.self_points, places),
        "missing": result.missing,
        "pending": result.pending,
    }
    own = set(framework.field_ids)
    for field_id in fields if fields is not None else framework.field_ids:
        total = result.fields.get(field_id) if field_id in own else None
        record[f"field_{field_id}"] = _num(total.points, places) if total else None
    record["adjustment"] = _num(result.adjustment, places)
    band = framework.band_for(round_half_up(result.index, places)) if result.submitted else None
    record["band"] = band.label if band else (None if result.submitted else NOT_SUBMITTED)
    return record


def ranked_record(unit: RankedUnit, fields: Sequence[str], with_history: bool) -> dict[str, Cell]:
    record = unit_record(unit.result, fields)
    places = unit.result.framework.precision
    record["index"] = unit.index
    record["band"] = (
        unit.band.label if unit.band else (None if unit.result.submitted else NOT_SUBMITTED)
    )
    ordered = {key: record[key] for key in ("framework", "group")}
    ordered["rank"] = unit.rank
    ordered.update((k, v) for k, v in record.items() if k not in ordered)
    if with_history:
        history = unit.history
        ordered["prev_rank"] = history.prev_rank if history else None
        ordered["rank_change"] = unit.rank_change
        ordered["prev_index"] = _num(history.prev_index, places) if history else None
        ordered["index_change"] = _num(unit.index_change, places)
        ordered["history"] = history_text(unit)
    return ordered


def history_text(unit: RankedUnit) -> str | None:
    """The `history` cell: empty, `new`, `formed from A + B` or `was A`. Codes and
    ids, like the status codes: what programs read never changes with the language."""
    history = unit.history
    if history is None:
        return "new"
    if history.formed_from:
        return "formed from " + " + ".join(history.formed_from)
    if history.renamed_from:
        return f"was {history.renamed_from}"
    return None


def breakdown_record(result: UnitResult, leaf: LeafResult) -> dict[str, Cell]:
    """One breakdown row: how one leaf was scored for one unit."""
    places = result.framework.precision
    return {
        "framework": result.framework.framework,
        "unit_id": result.unit_id,
        "criterion": leaf.criterion,
        "name": leaf.name,
        "field": leaf.field,
        "max_points": _num(leaf.max_points, places),
        "value": leaf.value or None,
        # A penalty's points are the positive number subtracted from the total.
        "points": _num(leaf.points, places),
        "self_points": _num(leaf.self_points, places),
        "status": leaf.status,
        "explanation": leaf.explanation,
    }


def field_records(
    result: UnitResult, ranks: Mapping[str, int | None] | None = None
) -> list[dict[str, Cell]]:
    """Points, applicable maximum and index of each field of the unit, and with `ranks` (field
    id → the unit's rank on it) its rank; a field with nothing applicable has no index."""
    places = result.framework.precision
    out: list[dict[str, Cell]] = []
    for field_id in result.framework.field_ids:
        node = result.framework.node(field_id)
        total = result.fields[field_id]
        record: dict[str, Cell] = {
            "id": field_id,
            "name": node.name if node else field_id,
            "points": _num(total.points, places),
            "max_points": _num(total.max_points, places),
            # A field whose every leaf is not applicable has no index.
            "index": _num(total.percent, places) if total.max_points else None,
        }
        if ranks is not None:
            record["rank"] = ranks.get(field_id)
        out.append(record)
    return out


def field_ranks(ranking: Ranking) -> dict[str, dict[str, int | None]]:
    """unit_id → field id → the unit's rank in its group on that field's index."""
    ranks: dict[str, dict[str, int | None]] = {u.result.unit_id: {} for u in ranking.units}
    for field_id in ranking.framework.field_ids:
        for place in field_places(ranking, field_id):
            ranks[place.unit.result.unit_id][field_id] = place.rank
    return ranks


BY_FIELD_COLUMNS = [
    "framework",
    "group",
    "rank",
    "unit_id",
    "unit_name",
    "field",
    "index",
    "points",
    "max_points",
]


def by_field_rows(rankings: Sequence[Ranking], field_id: str) -> list[dict[str, Cell]]:
    """`rank --by-field`: each group that has the field, ranked on its index."""
    places_of = [
        (ranking.framework, field_places(ranking, field_id))
        for ranking in sorted(rankings, key=lambda r: r.framework.framework)
        if field_id in ranking.framework.field_ids
    ]
    return [
        {
            "framework": framework.framework,
            "group": framework.group,
            "rank": place.rank,
            "unit_id": place.unit.result.unit_id,
            "unit_name": place.unit.result.unit_name,
            "field": field_id,
            "index": place.index,
            "points": _num(place.points, framework.precision),
            "max_points": _num(place.max_points, framework.precision),
        }
        for framework, places in places_of
        for place in places
    ]


def ranking_rows(
    rankings: Sequence[Ranking], with_history: bool
) -> tuple[list[str], list[dict[str, Cell]]]:
    fields = field_columns(rankings)
    rows = [
        ranked_record(unit, fields, with_history)
        for ranking in sorted(rankings, key=lambda r: r.framework.framework)
        for unit in ranking.units
    ]
    return ranking_columns(fields, with_history), rows


def breakdown_leaves(results: Iterable[UnitResult]) -> list[tuple[UnitResult, LeafResult]]:
    """Every unit's leaves in the breakdown's order: by unit id, then the framework's."""
    ordered = sorted(results, key=lambda r: (r.unit_id, r.framework.framework))
    return [(r, leaf) for r in ordered for leaf in r.leaves]


def breakdown_rows(results: Iterable[UnitResult]) -> list[dict[str, Cell]]:
    """One row per unit and leaf, by unit id then the framework's leaf order."""
    return [breakdown_record(r, leaf) for r, leaf in breakdown_leaves(results)]


CLAIM_COLUMNS = [
    "framework",
    "unit_id",
    "unit_name",
    "criterion",
    "name",
    "self_points",
    "points",
    "difference",
    "status",
    "explanation",
]


def claim_rows(rankings: Sequence[Ranking]) -> list[dict[str, Cell]]:
    rows: list[dict[str, Cell]] = []
    for result in units_by_over_claim(rankings):
        places = result.framework.precision
        rows.extend(
            {
                "framework": result.framework.framework,
                "unit_id": result.unit_id,
                "unit_name": result.unit_name,
                "criterion": leaf.criterion,
                "name": leaf.name,
                "self_points": round_half_up(leaf.signed_claim or Decimal(0), places),
                "points": round_half_up(leaf.signed_points, places),
                "difference": round_half_up(excess(leaf), places),
                "status": leaf.status,
                "explanation": leaf.explanation,
            }
            for leaf in claim_leaves(result)
        )
    return rows
