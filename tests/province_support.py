"""A small province for the command tests: two frameworks (`dept-2025`, `ward-2025`) with
every rule kind, the units that answer them, and helpers to write tables and run parindex.

Every expected number in the tests that use it was worked out by hand from these answers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result

from parindex.cli import main

DEPT_FRAMEWORK = """\
framework: dept-2025
title: Chỉ số CCHC các sở năm 2025 (thử)
title_en: Test department index 2025
year: 2025
group: department
precision: 2
not_applicable: exclude
bands:
  - {min: 90, label: "Xuất sắc", label_en: Excellent}
  - {min: 80, label: "Tốt", label_en: Good}
  - {min: 76.49, label: "Khá", label_en: Fair}
criteria:
  - id: "1"
    name: Chỉ đạo điều hành
    name_en: Direction
    criteria:
      - id: "1.1"
        name: Có kế hoạch CCHC
        max: 8
        evidence: required
        rule: {kind: boolean}
      - id: "1.2"
        name: Ban hành kế hoạch
        max: 8
        rule:
          kind: choice
          options:
            on_time: {points: 8, label: Kịp thời}
            late: {points: 4, label: Không kịp thời}
            none: 0
      - id: "1.3"
        name: Mức độ thực hiện kế hoạch
        max: 8
        not_applicable: allowed
        rule:
          kind: bands
          unit: "%"
          bands:
            - {above: 90, points: 8}
            - {at_least: 70, points: 4}
      - id: "1.4"
        name: Hồ sơ đúng hạn
        max: 16
        not_applicable: exclude
        rule: {kind: ratio, full_at: 95, zero_below: 50}
      - id: "1.5"
        name: Báo cáo trễ hạn
        max: 10
        rule: {kind: deduction, per: 2.5, floor: -5}
  - id: "2"
    name: Kết quả
    name_en: Results
    criteria:
      - id: "2.1"
        name: Điểm kết quả
        max: 40
        rule: {kind: points}
      - id: "2.2"
        name: Mức độ hài lòng
        max: 5
        source: survey
        rule: {kind: scale, low: 1, high: 5}
      - id: "2.3"
        name: Đánh giá của Hội đồng
        max: 5
        source: council
        rule: {kind: points}
  - id: "3"
    name: Điểm thưởng, điểm trừ
    criteria:
      - id: "3.1"
        name: Điểm thưởng
        max: 5
        adjust: bonus
        rule: {kind: points}
      - id: "3.2"
        name: Điểm trừ
        max: 5
        adjust: penalty
        rule: {kind: points}
"""

WARD_FRAMEWORK = """\
framework: ward-2025
title: Chỉ số CCHC các phường năm 2025 (thử)
year: 2025
group: ward
precision: 1
bands:
  - {min: 80, label: "Tốt"}
  - {min: 50, label: "Đạt"}
criteria:
  - id: "1"
    name: Hành chính
    criteria:
      - id: "1.1"
        name: Niêm yết thủ tục
        max: 30
        rule: {kind: boolean}
      - id: "1.2"
        name: Một cửa
        max: 30
        rule:
          kind: choice
          options: {full: 30, half: 15, none: 0}
  - id: "5"
    name: Dịch vụ công
    criteria:
      - id: "5.1"
        name: Hồ sơ trực tuyến
        max: 40
        rule: {kind: ratio}
"""

EVIDENCE = ["KH 01/KH"]


def dept(unit_id: str, name: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "unit": {"id": unit_id, "name": name, "group": "department"},
        "framework": "dept-2025",
        "answers": answers,
    }


def ward(unit_id: str, name: str, answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "unit": {"id": unit_id, "name": name, "group": "ward"},
        "framework": "ward-2025",
        "answers": answers,
    }


def full_first_field(**changes: Any) -> dict[str, Any]:
    """Field 1 answered for full marks (50), with some answers replaced."""
    answers: dict[str, Any] = {
        "1.1": {"value": "yes", "evidence": EVIDENCE},
        "1.2": {"value": "on_time"},
        "1.3": {"value": 95},
        "1.4": {"value": 100},
        "1.5": {"value": 0},
    }
    for key, value in changes.items():
        answers[key.replace("_", ".")] = value
    return answers


# Hand-worked (survey 2.2 and council 2.3 are pending: 0 points, still in the maximum 100):
#   d-alpha  field 1 = 50, 2.1 = 35, bonus 3 − penalty 1      → 87      → Tốt,   rank 1
#   d-beta   50 + 26.485                                       → 76.485 → 76.49, Khá, rank 2=
#   d-gamma  8 + 4 + 8 + 16 + 7.5 = 43.5, + 32.99              → 76.49  → Khá,   rank 2=
#   d-delta  1.5 missing: 40, + 36.48                          → 76.48  → no band, rank 4
#   d-eps    1.3 N/A and 1.4 0/0 leave the max (100 − 24 = 76);
#            8 + 0 + floor −5 + 20 = 23, penalty 5 → 18 / 76   → 23.68  → no band, rank 5
#   w-one    30 + 30 + 40 × 1/3                                → 73.33… → 73.3, Đạt, rank 1
#   w-two    0 + 15 + 20                                       → 35.0   → no band, rank 2
UNITS: dict[str, dict[str, Any]] = {
    "d-alpha": dept(
        "d-alpha",
        "Sở Alpha",
        {
            **full_first_field(
                **{
                    "1_2": {"value": "on_time", "self_points": 8},
                    "1_4": {"value": {"numerator": 1180, "denominator": 1200}},
                }
            ),
            "2.1": {"value": 35, "self_points": 40},
            "3.1": {"value": 3},
            "3.2": {"value": 1},
        },
    ),
    "d-beta": dept(
        "d-beta",
        "Sở Beta",
        {
            **full_first_field(**{"1_1": {"value": "yes", "self_points": 8, "evidence": EVIDENCE}}),
            "2.1": {"value": 26.485},
        },
    ),
    "d-gamma": dept(
        "d-gamma",
        "Sở Gamma",
        {
            **full_first_field(
                **{
                    "1_2": {"value": "late", "self_points": 8},
                    "1_5": {"value": 1, "self_points": 10},
                }
            ),
            "2.1": {"value": 32.99},
        },
    ),
    "d-delta": dept(
        "d-delta",
        "Sở Delta",
        {
            **full_first_field(**{"1_5": {"value": None}}),
            "2.1": {"value": 36.48, "self_points": 30},
        },
    ),
    "d-eps": dept(
        "d-eps",
        "Sở Epsilon",
        {
            "1.1": {"value": True, "evidence": EVIDENCE},
            "1.2": {"value": "none"},
            "1.3": {"not_applicable": True, "reason": "Không có kế hoạch"},
            "1.4": {"value": {"numerator": 0, "denominator": 0}},
            "1.5": {"value": 7},
            "2.1": {"value": 20},
            "3.2": {"value": 5},
        },
    ),
    "w-one": ward(
        "w-one",
        "Phường Một",
        {
            "1.1": {"value": "yes"},
            "1.2": {"value": "full"},
            "5.1": {"value": {"numerator": 1, "denominator": 3}},
        },
    ),
    "w-two": ward(
        "w-two",
        "Xã Hai",
        {
            "1.1": {"value": "no"},
            "1.2": {"value": "half"},
            "5.1": {"value": 50},
        },
    ),
}

RANKING_HEADER = (
    "framework,group,rank,unit_id,unit_name,index,band,points,max_points,"
    "self_points,missing,pending,field_1,field_2,field_5,adjustment"
)
RANKING_ROWS = [
    "dept-2025,department,1,d-alpha,Sở Alpha,87.00,Tốt,87.00,100.00,48.00,0,2,50.00,35.00,,2.00",
    "dept-2025,department,2,d-beta,Sở Beta,76.49,Khá,76.49,100.00,8.00,0,2,50.00,26.49,,0.00",
    "dept-2025,department,2,d-gamma,Sở Gamma,76.49,Khá,76.49,100.00,18.00,0,2,43.50,32.99,,0.00",
    "dept-2025,department,4,d-delta,Sở Delta,76.48,,76.48,100.00,30.00,1,2,40.00,36.48,,0.00",
    "dept-2025,department,5,d-eps,Sở Epsilon,23.68,,18.00,76.00,0.00,0,2,3.00,20.00,,-5.00",
    "ward-2025,ward,1,w-one,Phường Một,73.3,Đạt,73.3,100.0,0.0,0,0,60.0,,13.3,0.0",
    "ward-2025,ward,2,w-two,Xã Hai,35.0,,35.0,100.0,0.0,0,0,15.0,,20.0,0.0",
]
RANKING_CSV = "\r\n".join([RANKING_HEADER, *RANKING_ROWS]) + "\r\n"

BREAKDOWN_HEADER = (
    "framework,unit_id,criterion,name,field,max_points,value,points,self_points,status,explanation"
)
DEPT_LEAVES = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3.1", "3.2"]
WARD_LEAVES = ["1.1", "1.2", "5.1"]


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_province(
    root: Path,
    units: dict[str, dict[str, Any]] | None = None,
    *,
    layout: dict[str, str] | None = None,
) -> Path:
    """criteria/ with both frameworks and units/ with one YAML per unit (layout: id → path)."""
    (root / "criteria").mkdir(parents=True, exist_ok=True)
    (root / "criteria" / "dept.yaml").write_text(DEPT_FRAMEWORK, encoding="utf-8")
    (root / "criteria" / "ward.yaml").write_text(WARD_FRAMEWORK, encoding="utf-8")
    for unit_id, data in (UNITS if units is None else units).items():
        relative = (layout or {}).get(unit_id, f"units/{unit_id}.yaml")
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(data), encoding="utf-8")
    return root


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def sheet_records(sheet: Any) -> list[dict[str, Any]]:
    """The data rows of a sheet parindex published, as column key → cell: the keys are in the
    hidden row 2 (row 1 is the title, row 3 the labels people read)."""
    keys = [c.value for c in sheet[2]]
    return [dict(zip(keys, row, strict=True)) for row in sheet.iter_rows(min_row=4)]


ENV = {"COLUMNS": "220", "PARINDEX_LANG": None, "NO_COLOR": "1"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=ENV, catch_exceptions=False)
