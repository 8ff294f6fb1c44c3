"""One writer per output file format, chosen in one place each for `score`, `rank`, its
breakdown and `rank --by-field`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from typing_extensions import assert_never

from parindex.core.results import Ranking, UnitResult
from parindex.core.years import YearPoint
from parindex.i18n import Lang
from parindex.outputs.csvjson import (
    Dialect,
    by_field_json,
    precisions,
    ranking_json,
    score_json,
    to_csv,
)
from parindex.outputs.kinds import FileFormat, TableFormat
from parindex.outputs.records import (
    BREAKDOWN_COLUMNS,
    BY_FIELD_COLUMNS,
    CLAIM_COLUMNS,
    Cell,
    breakdown_rows,
    by_field_rows,
    claim_rows,
    ranking_rows,
)
from parindex.outputs.workbooks.xlsx import breakdown_workbook, ranking_workbook, unit_workbook


def score_output(
    fmt: FileFormat, result: UnitResult, *, lang: Lang, dialect: Dialect = "standard"
) -> str | bytes:
    """`score` as a file: json, csv (the unit's breakdown rows) or xlsx."""
    if fmt == "json":
        return score_json(result)
    if fmt == "csv":
        return to_csv(BREAKDOWN_COLUMNS, breakdown_rows([result]), precisions([result]), dialect)
    if fmt == "xlsx":
        return unit_workbook(result, lang)
    assert_never(fmt)


def breakdown_output(
    fmt: TableFormat,
    results: Sequence[UnitResult],
    *,
    lang: Lang,
    dialect: Dialect = "standard",
    rows: Sequence[dict[str, Cell]] | None = None,
) -> str | bytes:
    """`rank --breakdown`: one row per unit and leaf (`rows` when made already), as csv or as
    a workbook."""
    rows = breakdown_rows(results) if rows is None else rows
    if fmt == "csv":
        return to_csv(BREAKDOWN_COLUMNS, rows, precisions(results), dialect)
    if fmt == "xlsx":
        return breakdown_workbook(results, lang, rows)
    assert_never(fmt)


def ranking_output(
    fmt: FileFormat,
    rankings: Sequence[Ranking],
    results: Sequence[UnitResult],
    *,
    with_history: bool,
    claims: bool,
    hashes: Sequence[tuple[str, str]],
    lang: Lang,
    dialect: Dialect = "standard",
    breakdown: Sequence[dict[str, Cell]] | None = None,
    names: Mapping[str, str] | None = None,
    years: Mapping[str, Sequence[YearPoint]] | None = None,
) -> str | bytes:
    """`rank` as a file: csv (the ranking, or with `claims` the claims that differ), json
    (with the SHA-256 of every input, `hashes`, and each unit's earlier `years`) or xlsx
    (`names`: last year's unit names, for its history column in words)."""
    if fmt == "csv" and claims:
        return to_csv(CLAIM_COLUMNS, claim_rows(rankings), precisions(rankings), dialect)
    if fmt == "csv":
        columns, rows = ranking_rows(rankings, with_history)
        return to_csv(columns, rows, precisions(rankings), dialect)
    if fmt == "json":
        return ranking_json(rankings, hashes, with_history, lang, years)
    if fmt == "xlsx":
        return ranking_workbook(rankings, results, with_history, lang, breakdown, names)
    assert_never(fmt)


def by_field_output(
    fmt: Literal["csv", "json"],
    rankings: Sequence[Ranking],
    field_id: str,
    hashes: Sequence[tuple[str, str]],
    *,
    lang: Lang,
    dialect: Dialect = "standard",
) -> str:
    """`rank --by-field` as a file: csv or json (with the SHA-256 of every input)."""
    if fmt == "csv":
        rows = by_field_rows(rankings, field_id)
        return to_csv(BY_FIELD_COLUMNS, rows, precisions(rankings), dialect)
    if fmt == "json":
        return by_field_json(rankings, field_id, hashes, lang)
    assert_never(fmt)
