"""Records → CSV text (CRLF, guarded text cells) and deterministic JSON documents."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from parindex import __version__
from parindex.core.numbers import plain
from parindex.core.results import Ranking, UnitResult
from parindex.outputs.records import (
    Cell,
    breakdown_record,
    field_records,
    guard,
    ranked_record,
    unit_record,
)


def _csv_cell(value: Cell, places: int) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value, places)
    if isinstance(value, int):
        return str(value)
    return guard(value)


def to_csv(
    columns: Sequence[str], rows: Iterable[dict[str, Cell]], places_of: dict[str, int] | None = None
) -> str:
    """CSV text with CRLF line ends; Decimals with their framework's precision."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    places_of = places_of or {}
    for row in rows:
        places = places_of.get(str(row.get("framework")), 2)
        writer.writerow([_csv_cell(row.get(c), places) for c in columns])
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


def unit_json(result: UnitResult, record: dict[str, Cell]) -> dict[str, Any]:
    data: dict[str, Any] = dict(record)
    data["fields"] = field_records(result)
    data["criteria"] = [breakdown_record(result, leaf) for leaf in result.leaves]
    return data


def ranking_json(
    rankings: Sequence[Ranking], inputs: Sequence[tuple[str, str]], with_history: bool
) -> str:
    """The JSON document of §4: tool, input hashes, one ranking per framework."""
    body = []
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        fw = ranking.framework
        body.append(
            WithPlaces(
                {
                    "framework": fw.framework,
                    "title": fw.title,
                    "group": fw.group,
                    "year": fw.year,
                    "units": [
                        unit_json(u.result, ranked_record(u, fw.field_ids, with_history))
                        for u in ranking.units
                    ],
                },
                fw.precision,
            )
        )
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "rankings": body,
    }
    return _json(document, 2) + "\n"


def score_json(result: UnitResult) -> str:
    return _json(unit_json(result, unit_record(result)), result.framework.precision) + "\n"
