"""Reading large appraisal tables (`benchmarks/run.py --tables 100000,1000000`).

A table of N rows is the province's own appraisal.csv (one row per unit and criterion)
repeated in later rounds (round k + 1 for the k-th copy), so every row is valid and every
(unit, criterion, round) is given once; the same rows are also written as an XLSX workbook
(openpyxl, write-only). Each table is read by
`parindex validate DIR --appraisal TABLE`, against `validate DIR` alone, so the difference is
the table's reading and checking. Tables are cached under benchmarks/out/tables/.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from pathlib import Path

XLSX_RATIO_TARGET = 3.0  # an XLSX table ≤ 3× the same table as CSV
LINEAR_TARGET = 1.25  # time per 100,000 rows within 1.25× from the smallest to the largest
MEMORY_TARGET_MB = 400.0  # peak memory reading a 1,000,000-row table


def rows_of(province: Path, count: int) -> tuple[list[str], list[list[str]]]:
    """`count` appraisal rows built from the province's own, in ever later rounds."""
    with open(province / "appraisal.csv", encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        base = list({(row[0], row[1]): row for row in reader}.values())  # one row per pair
    if not base:
        raise SystemExit(f"{province}/appraisal.csv has no rows to repeat")
    rows = []
    for copy in itertools.count():
        for row in base:
            if len(rows) == count:
                return header, rows
            rows.append([*row[:5], str(copy + 1)])
    raise AssertionError("unreachable")


def table_files(province: Path, count: int, out: Path) -> dict[str, Path]:
    """The CSV and XLSX tables of `count` rows (made once, then reused)."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{province.name}-{count}"
    files = {"csv": out / f"{stem}.csv", "xlsx": out / f"{stem}.xlsx"}
    if all(path.exists() for path in files.values()):
        return files
    header, rows = rows_of(province, count)
    with open(files["csv"], "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows([header, *rows])
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("appraisal")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(files["xlsx"])
    return files


def report(
    counts: list[int],
    measured: dict[tuple[int, str], tuple[float, float]],
    base_seconds: float,
    table: Callable[[list[str], list[list[str]]], str],
) -> list[tuple[str, str, bool | None]]:
    """Print the table figures; return the target checks (name, measured, verdict)."""
    lines = []
    for count in counts:
        csv_s, csv_mb = measured[(count, "csv")]
        xlsx_s, xlsx_mb = measured[(count, "xlsx")]
        csv_read, xlsx_read = csv_s - base_seconds, xlsx_s - base_seconds
        lines.append(
            [
                f"{count:,}",
                f"{csv_s:.2f}",
                f"{csv_read / count * 100_000:.2f}",
                f"{csv_mb:.0f}",
                f"{xlsx_s:.2f}",
                f"{xlsx_read / count * 100_000:.2f}",
                f"{xlsx_mb:.0f}",
                f"{xlsx_read / csv_read:.2f}x" if csv_read > 0 else "—",
            ]
        )
    print(
        table(
            [
                "rows",
                "csv s",
                "csv s/100k",
                "csv MB",
                "xlsx s",
                "xlsx s/100k",
                "xlsx MB",
                "xlsx/csv",
            ],
            lines,
        )
    )
    print(
        f"  (s/100k: seconds per 100,000 rows beyond `validate` without the table, "
        f"{base_seconds:.2f} s; MB: peak memory)"
    )
    checks: list[tuple[str, str, bool | None]] = []
    for kind in ("csv", "xlsx"):
        per = [(measured[(n, kind)][0] - base_seconds) / n for n in counts]
        growth = per[-1] / per[0] if len(per) > 1 and per[0] > 0 else None
        checks.append(
            (
                f"{kind.upper()} table reading linear (s/100k rows within {LINEAR_TARGET}×)",
                f"{growth:.2f}×" if growth is not None else "one size",
                growth <= LINEAR_TARGET if growth is not None else None,
            )
        )
    largest = counts[-1]
    csv_read = measured[(largest, "csv")][0] - base_seconds
    ratio = (measured[(largest, "xlsx")][0] - base_seconds) / csv_read if csv_read > 0 else None
    checks.append(
        (
            f"XLSX table of {largest:,} rows ≤ {XLSX_RATIO_TARGET}× the CSV",
            f"{ratio:.2f}×" if ratio is not None else "—",
            ratio <= XLSX_RATIO_TARGET if ratio is not None else None,
        )
    )
    for kind in ("csv", "xlsx"):
        mb = measured[(largest, kind)][1]
        checks.append(
            (
                f"peak memory, {largest:,}-row {kind.upper()} table ≤ {MEMORY_TARGET_MB:.0f} MB"
                + ("" if largest >= 1_000_000 else " (at 1,000,000 rows)"),
                f"{mb:.0f} MB",
                mb <= MEMORY_TARGET_MB if largest >= 1_000_000 else None,
            )
        )
    return checks
