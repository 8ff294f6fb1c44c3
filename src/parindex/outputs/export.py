"""Ranking, breakdown and unit outputs as CSV, JSON and XLSX rows; atomic file writing."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex import __version__
from parindex.errors import OutputError
from parindex.core.numbers import plain, round_half_up
from parindex.core.results import LeafResult, RankedUnit, Ranking, UnitResult

BREAKDOWN_COLUMNS = ["framework", "unit_id", "criterion", "name", "field", "max_points", "value",
                     "points", "self_points", "status", "explanation"]
HISTORY_COLUMNS = ["prev_rank", "rank_change", "prev_index", "index_change"]
NOT_SUBMITTED = "not submitted"  # the band cell of a roster unit ranked without an assessment
_GUARDED = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | Decimal | None


def guard(text: str) -> str:
    """Stop spreadsheets from running text cells as formulas: `=1+1` → `'=1+1`."""
    return "'" + text if text.startswith(_GUARDED) else text


def field_columns(rankings: Sequence[Ranking]) -> list[str]:
    """Field ids over all frameworks: framework-id order, then tree order, no repeats."""
    seen: dict[str, None] = {}
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        for field_id in ranking.framework.field_ids:
            seen.setdefault(field_id, None)
    return list(seen)


def ranking_columns(fields: Sequence[str], with_history: bool) -> list[str]:
    columns = ["framework", "group", "rank", "unit_id", "unit_name", "index", "band", "points",
               "max_points", "self_points", "missing", *(f"field_{f}" for f in fields),
               "adjustment"]
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
    }
    own = set(framework.field_ids)
    for field_id in fields if fields is not None else framework.field_ids:
        total = result.nodes.get(field_id) if field_id in own else None
        record[f"field_{field_id}"] = _num(total.points, places) if total else None
    record["adjustment"] = _num(result.adjustment, places)
    band = framework.band_for(round_half_up(result.index, places)) if result.submitted else None
    record["band"] = band.label if band else (None if result.submitted else NOT_SUBMITTED)
    return record


def ranked_record(unit: RankedUnit, fields: Sequence[str], with_history: bool) -> dict[str, Cell]:
    record = unit_record(unit.result, fields)
    places = unit.result.framework.precision
    record["index"] = unit.index
    record["band"] = unit.band.label if unit.band else (
        None if unit.result.submitted else NOT_SUBMITTED)
    ordered = {key: record[key] for key in ("framework", "group")}
    ordered["rank"] = unit.rank
    ordered.update((k, v) for k, v in record.items() if k not in ordered)
    if with_history:
        history = unit.history
        ordered["prev_rank"] = history.prev_rank if history else None
        ordered["rank_change"] = unit.rank_change
        ordered["prev_index"] = _num(history.prev_index, places) if history else None
        ordered["index_change"] = _num(unit.index_change, places)
    return ordered


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
        # As SPEC §2.1 has it, a penalty's points are the positive number subtracted.
        "points": _num(leaf.points, places),
        "self_points": _num(leaf.self_points, places),
        "status": leaf.status,
        "explanation": leaf.explanation,
    }


def field_records(result: UnitResult) -> list[dict[str, Cell]]:
    """Points, applicable maximum and index of each field of the unit."""
    places = result.framework.precision
    out: list[dict[str, Cell]] = []
    for field_id in result.framework.field_ids:
        node = result.framework.node(field_id)
        total = result.nodes[field_id]
        out.append({"id": field_id, "name": node.name if node else field_id,
                    "points": _num(total.points, places),
                    "max_points": _num(total.max_points, places),
                    "index": _num(total.percent, places)})
    return out


def ranking_rows(rankings: Sequence[Ranking], with_history: bool
                 ) -> tuple[list[str], list[dict[str, Cell]]]:
    fields = field_columns(rankings)
    rows = [ranked_record(unit, fields, with_history)
            for ranking in sorted(rankings, key=lambda r: r.framework.framework)
            for unit in ranking.units]
    return ranking_columns(fields, with_history), rows


def breakdown_rows(results: Iterable[UnitResult]) -> list[dict[str, Cell]]:
    """One row per unit and leaf, by unit id then the framework's leaf order."""
    ordered = sorted(results, key=lambda r: (r.unit_id, r.framework.framework))
    return [breakdown_record(r, leaf) for r in ordered for leaf in r.leaves]


# --- CSV ----------------------------------------------------------------------------------


def _csv_cell(value: Cell, places: int) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value, places)
    if isinstance(value, int):
        return str(value)
    return guard(value)


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, Cell]],
           places_of: dict[str, int] | None = None) -> str:
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


# --- JSON ---------------------------------------------------------------------------------


def _json(value: Any, places: int, indent: str = "") -> str:
    """Deterministic JSON with Decimals written as numbers of exactly `places` decimals."""
    step = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        if "_places" in value:  # a ranking carries its framework's precision down
            places = value["_places"]
            value = {k: v for k, v in value.items() if k != "_places"}
        items = [f"{step}{json.dumps(k, ensure_ascii=False)}: {_json(v, places, step)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(step + _json(v, places, step) for v in value) + "\n" + \
            indent + "]"
    if isinstance(value, Decimal):
        return plain(value, places)
    return json.dumps(value, ensure_ascii=False)


def unit_json(result: UnitResult, record: dict[str, Cell]) -> dict[str, Any]:
    data: dict[str, Any] = dict(record)
    data["fields"] = field_records(result)
    data["criteria"] = [breakdown_record(result, leaf) for leaf in result.leaves]
    return data


def ranking_json(rankings: Sequence[Ranking], inputs: Sequence[tuple[str, str]],
                 with_history: bool) -> str:
    """The JSON document of §4: tool, input hashes, one ranking per framework."""
    body = []
    for ranking in sorted(rankings, key=lambda r: r.framework.framework):
        fw = ranking.framework
        body.append({
            "framework": fw.framework, "title": fw.title, "group": fw.group, "year": fw.year,
            "units": [unit_json(u.result, ranked_record(u, fw.field_ids, with_history))
                      for u in ranking.units],
            "_places": fw.precision,
        })
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "rankings": body,
    }
    return _json(document, 2) + "\n"


def score_json(result: UnitResult) -> str:
    return _json(unit_json(result, unit_record(result)), result.framework.precision) + "\n"


# --- one file per format ------------------------------------------------------------------


def score_output(fmt: str, result: UnitResult) -> str | bytes:
    """`score` as a file: json, csv (the unit's breakdown rows) or xlsx."""
    if fmt == "json":
        return score_json(result)
    if fmt == "csv":
        return to_csv(BREAKDOWN_COLUMNS, breakdown_rows([result]), precisions([result]))
    if fmt == "xlsx":
        from parindex.outputs.xlsx import unit_workbook

        return unit_workbook(result)
    raise AssertionError(f"no writer for format {fmt!r}")


def ranking_output(fmt: str, rankings: Sequence[Ranking], results: Sequence[UnitResult], *,
                   with_history: bool, claims: bool, inputs: Sequence[str]) -> str | bytes:
    """`rank` as a file: csv (the ranking, or with `claims` the claims that differ), json
    (with the SHA-256 of every input) or xlsx."""
    if fmt == "csv" and claims:
        from parindex.core.claims import CLAIM_COLUMNS, claim_rows

        return to_csv(CLAIM_COLUMNS, claim_rows(rankings), precisions(rankings))
    if fmt == "csv":
        columns, rows = ranking_rows(rankings, with_history)
        return to_csv(columns, rows, precisions(rankings))
    if fmt == "json":
        from parindex.app import hash_files

        return ranking_json(rankings, hash_files(inputs), with_history)
    if fmt == "xlsx":
        from parindex.outputs.xlsx import ranking_workbook

        return ranking_workbook(rankings, results, with_history)
    raise AssertionError(f"no writer for format {fmt!r}")


# --- files --------------------------------------------------------------------------------


def check_output(path: str, inputs: Iterable[str]) -> Path:
    """Refuse an output over an input or into a missing directory; return the target."""
    target = Path(path)
    resolved = target.resolve()
    for given in inputs:
        if Path(given).resolve() == resolved:
            raise OutputError(f"{path}: refusing to write over an input file")
    parent = target.parent.resolve()
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {str(target.parent)!r} is a file, not a directory")
    if not parent.is_dir():
        raise OutputError(f"{path}: the directory {str(target.parent)!r} does not exist "
                          "(parindex creates no directories)")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def csv_bytes(text: str, bom: bool) -> bytes:
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")
