"""`parindex show`: the framework tree with maxima and weights, for each shipped framework."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from golden_support import (
    CRITERIA,
    REPO,
    SHIPPED_FRAMEWORKS,
    Golden,
    load_yaml_as_text,
    require_valid_framework,
    run_cli,
)

WEIGHT = re.compile(r"\[([0-9.]+) · (±?[0-9.]+)( %)?\]")

TINY = """\
framework: tiny-2025
title: Khung nhỏ
title_en: Tiny framework
year: 2025
group: tiny
precision: 1
bands:
  - {min: 80, label: "Tốt", label_en: Good}
  - {min: 50, label: "Đạt"}
criteria:
  - id: "1"
    name: Lĩnh vực một
    name_en: Field one
    criteria:
      - id: "1.1"
        name: Một
        name_en: One
        max: 10
        evidence: required
        rule: {kind: boolean}
      - id: "1.10"
        name: Mười
        max: 20
        source: survey
        rule: {kind: scale, low: 1, high: 5}
  - id: "2"
    name: Lĩnh vực hai
    criteria:
      - id: "2.1"
        name: Hai
        max: 15
        not_applicable: exclude
        rule: {kind: points}
  - id: "3"
    name: Thưởng
    criteria:
      - id: "3.1"
        name: Thưởng một
        max: 2
        adjust: bonus
        rule: {kind: points}
"""


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _leaf_maxima(path: Path) -> dict[str, tuple[Decimal, bool]]:
    """Per top-level field id: (sum of its leaves' max, whether it holds only adjustments)."""
    data = load_yaml_as_text(path)
    out = {}
    for field in data["criteria"]:
        total = Decimal(0)
        adjust_only = True
        stack = [field]
        while stack:
            node = stack.pop()
            if node.get("criteria"):
                stack.extend(node["criteria"])
                continue
            if "adjust" not in node:
                adjust_only = False
            total += Decimal(node["max"])
        out[field["id"]] = (total, adjust_only)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_show_matches_golden(name: str, lang: str, golden: Golden) -> None:
    path = require_valid_framework(name)
    result = run_cli(["--lang", lang, "show", path])
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(f"show-{name}.txt" if lang == "vi" else f"show-{name}.en.txt", result.stdout)


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_show_states_the_total_and_each_field_weight(name: str) -> None:
    path = require_valid_framework(name)
    result = run_cli(["show", path], env={"COLUMNS": "400"})  # one line per node, in English
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    maxima = _leaf_maxima(REPO / path)
    total = sum((m for m, adjust_only in maxima.values() if not adjust_only), Decimal(0))
    assert lines[0].endswith(f"(Total maximum {total.normalize():f})")
    fields = [line for line in lines if re.match(r"[├└]── ", line)]
    assert [line[4:].split(" ")[0] for line in fields] == list(maxima)
    weights = Decimal(0)
    for line in fields:
        field_id = line[4:].split(" ")[0]
        shown_max, weight, percent = WEIGHT.search(line).groups()
        field_max, adjust_only = maxima[field_id]
        assert Decimal(shown_max) == field_max
        if adjust_only:
            assert (weight, percent) == (f"±{shown_max}", None)
        else:
            assert percent == " %"
            assert Decimal(weight) == (field_max * 100 / total).quantize(Decimal("0.01"))
            weights += Decimal(weight)
    assert weights == 100
    summary = next(line for line in lines if line.startswith("Total maximum: "))
    assert summary.startswith(f"Total maximum: {total.normalize():f} — ")


def test_a_total_other_than_100_is_stated_and_weights_follow_it(tmp_path: Path) -> None:
    framework = tmp_path / "tiny.yaml"
    framework.write_text(TINY, encoding="utf-8")
    result = run_cli(["--lang", "vi", "show", str(framework)])
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[:8] == [
        "tiny-2025: Khung nhỏ (Tổng điểm tối đa 45)",
        "├── 1 Lĩnh vực một [30 · 66,7%]",
        "│   ├── 1.1 Một [10 · 22,2%] cần tài liệu kiểm chứng · có/không",
        "│   └── 1.10 Mười [20 · 44,4%] điều tra xã hội học · thang điểm",
        "├── 2 Lĩnh vực hai [15 · 33,3%]",
        "│   └── 2.1 Hai [15 · 33,3%] không phát sinh: không tính vào điểm tối đa · chấm trực tiếp",
        "└── 3 Thưởng [2 · ±2]",
        "    └── 3.1 Thưởng một [2 · ±2] điểm thưởng · chấm trực tiếp",
    ]
    assert lines[8] == "Tổng điểm tối đa: 45 (≠ 100) — 2 lĩnh vực, 4 tiêu chí thành phần"
    assert lines[9] == (
        "Theo nguồn điểm (số điểm, số tiêu chí thành phần): tự đánh giá 25 (2), "
        "điều tra xã hội học 20 (1)"
    )
    assert lines[10:12] == ["Xếp loại: Tốt ≥ 80, Đạt ≥ 50", "Điểm thưởng, điểm trừ: 3.1"]
    # the group's place in the report (the framework's `order`), then the tie rule, in words
    assert lines[12] == "Thứ tự của nhóm trong báo cáo và phụ lục: 0"
    assert " ".join(" ".join(lines[13:]).split()) == (
        "Cách xếp hạng: đồng hạng theo chỉ số đã làm tròn (1 chữ số thập phân) — các đơn "
        "vị có chỉ số công bố bằng nhau thì cùng hạng"
    )


def test_english_falls_back_to_the_vietnamese_names(tmp_path: Path) -> None:
    framework = tmp_path / "tiny.yaml"
    framework.write_text(TINY, encoding="utf-8")
    result = run_cli(["--lang", "en", "show", str(framework)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "tiny-2025: Tiny framework (Total maximum 45)"
    assert lines[1] == "├── 1 Field one [30 · 66.7 %]"
    assert lines[4] == "├── 2 Lĩnh vực hai [15 · 33.3 %]"
    assert lines[8].startswith("Total maximum: 45 (≠ 100) — 2 ")
    assert lines[9:] == [
        "By source (points, sub-criteria): self-assessed 25 (2), survey 20 (1)",
        "Band: Good ≥ 80, Đạt ≥ 50",
        "Bonus/penalty: 3.1",
        "Place of the group in the report and the appendix: 0",
        "Ties: ranks use the published index rounded to 1 decimal; equal published indices "
        "share a rank (ties: rounded)",
    ]


def test_show_states_an_exact_tie_rule(tmp_path: Path) -> None:
    framework = tmp_path / "tiny.yaml"
    framework.write_text(TINY.replace("precision: 1\n", "precision: 1\nties: exact\n"), "utf-8")
    assert "ties: exact" in framework.read_text(encoding="utf-8")
    result = run_cli(["--lang", "en", "show", str(framework)])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == (
        "Ties: ranks use the exact index; units tie only when their exact indices are equal "
        "(ties: exact)"
    )


def test_an_unknown_tie_rule_is_located(tmp_path: Path) -> None:
    framework = tmp_path / "tiny.yaml"
    framework.write_text(TINY.replace("precision: 1\n", "precision: 1\nties: loose\n"), "utf-8")
    result = run_cli(["show", str(framework)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ties" in result.stderr and "'rounded' or 'exact'" in result.stderr


def test_an_assessment_is_not_a_framework() -> None:
    unit = "tests/data/cli/so-noi-vu.yaml"
    result = run_cli(["show", unit])
    assert result.exit_code == 1
    assert result.stdout == ""
    line = next(
        i
        for i, s in enumerate(Path(unit).read_text(encoding="utf-8").splitlines(), 1)
        if s == "unit:"
    )
    assert result.stderr == (
        f"{unit}:{line}:1: error: not a framework file (it needs 'framework:' and 'criteria:')\n"
    )


def test_an_invalid_framework_is_located(tmp_path: Path) -> None:
    framework = tmp_path / "tiny.yaml"
    framework.write_text(
        TINY.replace('rule: {kind: points}\n  - id: "3"', 'rule: {kind: magic}\n  - id: "3"'),
        encoding="utf-8",
    )
    result = run_cli(["show", str(framework)])
    assert result.exit_code == 1
    assert result.stdout == ""
    line = TINY.splitlines().index("        rule: {kind: points}") + 1
    assert result.stderr == (
        f"{framework}:{line}:15: error: criteria[1].criteria[0].rule: "
        "unknown rule kind 'magic'; allowed: boolean, choice, bands, ratio, "
        "deduction, scale, points\n"
    )


def test_a_missing_framework_file_is_an_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    result = run_cli(["show", missing])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{missing}: error: no such file\n"


def test_show_needs_a_framework_argument() -> None:
    result = run_cli(["show"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument 'FRAMEWORK.yaml'" in result.stderr


def test_shipped_frameworks_are_the_ones_tested() -> None:
    shipped = sorted(p.stem for p in CRITERIA.glob("*.yaml"))
    assert shipped == sorted(SHIPPED_FRAMEWORKS)
