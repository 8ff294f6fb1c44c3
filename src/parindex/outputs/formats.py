"""One writer per output file format, chosen in one place for `score` and one for `rank`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from typing_extensions import assert_never

from parindex.core.results import Ranking, UnitResult
from parindex.outputs.csvjson import by_field_json, precisions, ranking_json, score_json, to_csv
from parindex.outputs.kinds import FileFormat
from parindex.outputs.records import (
    BREAKDOWN_COLUMNS,
    BY_FIELD_COLUMNS,
    CLAIM_COLUMNS,
    breakdown_rows,
    by_field_rows,
    claim_rows,
    ranking_rows,
)
from parindex.outputs.xlsx import ranking_workbook, unit_workbook


def score_output(fmt: FileFormat, result: UnitResult) -> str | bytes:
    """`score` as a file: json, csv (the unit's breakdown rows) or xlsx."""
    if fmt == "json":
        return score_json(result)
    if fmt == "csv":
        return to_csv(BREAKDOWN_COLUMNS, breakdown_rows([result]), precisions([result]))
    if fmt == "xlsx":
        return unit_workbook(result)
    assert_never(fmt)


def ranking_output(
    fmt: FileFormat,
    rankings: Sequence[Ranking],
    results: Sequence[UnitResult],
    *,
    with_history: bool,
    claims: bool,
    hashes: Sequence[tuple[str, str]],
) -> str | bytes:
    """`rank` as a file: csv (the ranking, or with `claims` the claims that differ), json
    (with the SHA-256 of every input, `hashes`) or xlsx."""
    if fmt == "csv" and claims:
        return to_csv(CLAIM_COLUMNS, claim_rows(rankings), precisions(rankings))
    if fmt == "csv":
        columns, rows = ranking_rows(rankings, with_history)
        return to_csv(columns, rows, precisions(rankings))
    if fmt == "json":
        return ranking_json(rankings, hashes, with_history)
    if fmt == "xlsx":
        return ranking_workbook(rankings, results, with_history)
    assert_never(fmt)


def by_field_output(
    fmt: Literal["csv", "json"],
    rankings: Sequence[Ranking],
    field_id: str,
    hashes: Sequence[tuple[str, str]],
) -> str:
    """`rank --by-field` as a file: csv or json (with the SHA-256 of every input)."""
    if fmt == "csv":
        return to_csv(BY_FIELD_COLUMNS, by_field_rows(rankings, field_id), precisions(rankings))
    if fmt == "json":
        return by_field_json(rankings, field_id, hashes)
    assert_never(fmt)
