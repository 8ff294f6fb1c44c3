"""Records → CSV text (CRLF, guarded text cells, numbers with their framework's decimals and the
dialect's decimal mark) and deterministic JSON documents."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, NamedTuple, get_args

from parindex import __version__
from parindex.core.numbers import plain
from parindex.core.ranking import field_places
from parindex.core.results import Ranking, UnitResult
from parindex.core.years import YearPoint
from parindex.i18n import Lang, number
from parindex.outputs.records import (
    Cell,
    breakdown_record,
    by_field_rows,
    field_ranks,
    field_records,
    guard,
    ranked_record,
    unit_record,
)
from parindex.outputs.ties import (
    field_unit_notes,
    shared_field_notes,
    shared_index_notes,
    unit_notes,
)

# `standard`: `,` between cells and a decimal point; `excel-vi`: what Excel set to Vietnamese
# opens as columns, `;` between cells and a decimal comma. Both end lines in CRLF.
Dialect = Literal["standard", "excel-vi"]
DIALECTS: tuple[Dialect, ...] = get_args(Dialect)
# whose way of writing numbers each dialect follows
_NUMBERS: dict[Dialect, Lang] = {"standard": "en", "excel-vi": "vi"}


def _csv_cell(value: Cell, places: int, numbers: Lang) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number(value, numbers, places)
    if isinstance(value, int):
        return str(value)
    return guard(value)


def to_csv(
    columns: Sequence[str],
    rows: Iterable[dict[str, Cell]],
    places_of: dict[str, int] | None = None,
    dialect: Dialect = "standard",
) -> str:
    """CSV text with CRLF line ends; Decimals with their framework's precision."""
    buffer = io.StringIO()
    numbers = _NUMBERS[dialect]
    writer = csv.writer(
        buffer, delimiter=";" if dialect == "excel-vi" else ",", lineterminator="\r\n"
    )
    writer.writerow(columns)
    places_of = places_of or {}
    for row in rows:
        places = places_of.get(str(row.get("framework")), 2)
        writer.writerow([_csv_cell(row.get(c), places, numbers) for c in columns])
    return buffer.getvalue()


def precisions(results: Iterable[UnitResult | Ranking]) -> dict[str, int]:
    return {r.framework.framework: r.framework.precision for r in results}


class WithPlaces(NamedTuple):
    """A part of a JSON document whose numbers carry their own framework's decimals."""

    value: Any
    places: int


def _json(value: Any, places: int, indent: str = "") -> str:
    """Deterministic JSON with Decimals written as numbers of exactly `places` decimals."""
    step = indent + "  "
    if isinstance(value, WithPlaces):
        return _json(value.value, value.places, indent)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{step}{json.dumps(k, ensure_ascii=False)}: {_json(v, places, step)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return (
            "[\n" + ",\n".join(step + _json(v, places, step) for v in value) + "\n" + indent + "]"
        )
    if isinstance(value, Decimal):
        return plain(value, places)
    return json.dumps(value, ensure_ascii=False)


def unit_json(
    result: UnitResult,
    record: dict[str, Cell],
    ranks: Mapping[str, int | None] | None = None,
    years: Sequence[YearPoint] | None = None,
) -> dict[str, Any]:
    """A unit in a JSON document: its record, its earlier `years` (with --previous), its
    fields and its criteria."""
    data: dict[str, Any] = dict(record)
    if years is not None:
        data["years"] = [{"year": p.year, "rank": p.rank, "index": p.index} for p in years]
    data["fields"] = field_records(result, ranks)
    data["criteria"] = [breakdown_record(result, leaf) for leaf in result.leaves]
    return data


def ranking_json(
    rankings: Sequence[Ranking],
    inputs: Sequence[tuple[str, str]],
    with_history: bool,
    lang: Lang,
    years: Mapping[str, Sequence[YearPoint]] | None = None,
) -> str:
    """`rank`'s JSON document: the tool, every input's SHA-256, one ranking per framework
    (units with their earlier `years`, fields and criteria); the notes of `ties: exact` in
    `lang`."""
    body = []
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        fw = ranking.framework
        ranks = field_ranks(ranking)
        units = []
        for unit in ranking.units:
            data = unit_json(
                unit.result,
                ranked_record(unit, fw.field_ids, with_history),
                ranks[unit.result.unit_id],
                years.get(unit.result.unit_id, ()) if years is not None else None,
            )
            units.append(data)
        entry: dict[str, Any] = {
            "framework": fw.framework,
            "title": fw.title,
            "group": fw.group,
            "year": fw.year,
            "units": units,
        }
        if fw.ties == "exact":
            # Under `ties: exact` every unit says whether it shares a published index but not
            # a rank (null when it does not), and the ranking's note lists every such index.
            notes = unit_notes(ranking, lang)
            for unit, data in zip(ranking.units, units, strict=True):
                data["note"] = notes.get(unit.result.unit_id)
            entry["note"] = " ".join(shared_index_notes(ranking, lang)) or None
        body.append(WithPlaces(entry, fw.precision))
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "rankings": body,
    }
    return _json(document, 2) + "\n"


def score_json(result: UnitResult) -> str:
    return _json(unit_json(result, unit_record(result)), result.framework.precision) + "\n"


def by_field_json(
    rankings: Sequence[Ranking], field_id: str, inputs: Sequence[tuple[str, str]], lang: Lang
) -> str:
    """`rank --by-field --format json`: each group that has the field, ranked on its index."""
    body = []
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        fw = ranking.framework
        if field_id not in fw.field_ids:
            continue
        places = field_places(ranking, field_id)
        rows = by_field_rows([ranking], field_id)
        node = fw.node(field_id)
        entry: dict[str, Any] = {
            "framework": fw.framework,
            "title": fw.title,
            "group": fw.group,
            "year": fw.year,
            "field": {"id": field_id, "name": node.name if node else field_id},
            "units": rows,
        }
        if fw.ties == "exact":
            notes = field_unit_notes(places, fw.precision, lang)
            for row in rows:
                row["note"] = notes.get(str(row["unit_id"]))
            entry["note"] = " ".join(shared_field_notes(places, fw.precision, lang)) or None
        body.append(WithPlaces(entry, fw.precision))
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "field": field_id,
        "rankings": body,
    }
    return _json(document, 2) + "\n"


def json_document(value: Any, places: int) -> str:
    """A whole JSON file: Decimals as numbers of `places` decimals (a `WithPlaces` part
    changes that for what it holds), keys in the order given, a final newline."""
    return _json(value, places) + "\n"
