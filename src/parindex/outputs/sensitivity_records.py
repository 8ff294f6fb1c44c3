"""`sensitivity` as records: a CSV row per unit (its published rank, median, 5th and 95th
percentile, best and worst rank, share of runs at its rank) and the JSON document (the same
rows per group, and each field's mean rank change when it is left out)."""

from __future__ import annotations

from collections.abc import Sequence

from parindex import __version__
from parindex.core.sensitivity import GroupSensitivity
from parindex.outputs.csvjson import WithPlaces, json_document, to_csv
from parindex.outputs.records import Cell

SENSITIVITY_COLUMNS = [
    "framework",
    "group",
    "unit_id",
    "unit_name",
    "rank",
    "median_rank",
    "p5_rank",
    "p95_rank",
    "best_rank",
    "worst_rank",
    "share_at_rank",
]
SHARE_PLACES = 1  # share_at_rank, a percentage of runs
CHANGE_PLACES = 2  # mean_abs_rank_change


def sensitivity_rows(groups: Sequence[GroupSensitivity]) -> list[dict[str, Cell]]:
    """One row per unit, as the ranking CSV orders them (framework, rank, unit id)."""
    return [
        {
            "framework": group.ranking.framework.framework,
            "group": group.ranking.framework.group,
            "unit_id": spread.unit.result.unit_id,
            "unit_name": spread.unit.result.unit_name,
            "rank": spread.unit.rank,
            "median_rank": spread.median,
            "p5_rank": spread.p5,
            "p95_rank": spread.p95,
            "best_rank": spread.best,
            "worst_rank": spread.worst,
            "share_at_rank": spread.share_at_rank,
        }
        for group in sorted(groups, key=lambda g: g.ranking.framework.framework)
        for spread in group.units
    ]


def sensitivity_csv(groups: Sequence[GroupSensitivity]) -> str:
    places = {g.ranking.framework.framework: SHARE_PLACES for g in groups}
    return to_csv(SENSITIVITY_COLUMNS, sensitivity_rows(groups), places)


def field_effect_records(group: GroupSensitivity) -> list[WithPlaces]:
    framework = group.ranking.framework
    records = []
    for effect in group.fields:
        node = framework.node(effect.field)
        records.append(
            WithPlaces(
                {
                    "id": effect.field,
                    "name": node.name if node else effect.field,
                    "mean_abs_rank_change": effect.mean_abs_rank_change,
                },
                CHANGE_PLACES,
            )
        )
    return records


def sensitivity_json(
    groups: Sequence[GroupSensitivity],
    inputs: Sequence[tuple[str, str]],
    *,
    runs: int,
    seed: int,
    spread: float,
) -> str:
    """{"tool", "inputs", "runs", "seed", "spread", "rankings": [{"framework", "group",
    "units": [CSV fields…], "fields": [{"id", "name", "mean_abs_rank_change"}]}]}."""
    rows = sensitivity_rows(groups)
    body = []
    for group in sorted(groups, key=lambda g: g.ranking.framework.framework):
        framework = group.ranking.framework
        body.append(
            {
                "framework": framework.framework,
                "group": framework.group,
                "units": [row for row in rows if row["framework"] == framework.framework],
                "fields": field_effect_records(group),
            }
        )
    document = {
        "tool": {"name": "parindex", "version": __version__},
        "inputs": [{"path": path, "sha256": digest} for path, digest in inputs],
        "runs": runs,
        "seed": seed,
        "spread": int(spread) if float(spread).is_integer() else spread,
        "rankings": body,
    }
    return json_document(document, SHARE_PLACES)
