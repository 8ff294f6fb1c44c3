"""Same answers, same results: the example province's units made into workbook forms
(`examples/province-2025/make_forms.py`, i.e. `template --roster … --from forms`) rank exactly
as their YAML files, byte for byte, and each form scores as its YAML file."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from golden_support import REPO, run_cli

EXAMPLE = REPO / "examples" / "province-2025"
TABLES = [
    "--criteria",
    str(REPO / "criteria"),
    "--appraisal",
    str(EXAMPLE / "council" / "appraisal-2025.csv"),
    "--survey",
    str(EXAMPLE / "survey" / "survey-2025.csv"),
]
HISTORY = [
    "--roster",
    str(EXAMPLE / "roster.csv"),
    "--previous",
    f"2024={EXAMPLE / 'previous' / 'ranking-2024.csv'}",
    "--id-map",
    str(EXAMPLE / "id-map.csv"),
]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_forms", EXAMPLE / "make_forms.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    assert _script().main([str(out)]) == 0
    return out


def _run(*args: str) -> str:
    result = run_cli(list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_roster_unit_gets_its_form(forms: Path) -> None:
    roster = (EXAMPLE / "roster.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(p.name for p in forms.iterdir()) == sorted(
        f"{line.split(',')[0]}.xlsx" for line in roster
    )


def test_the_forms_rank_byte_for_byte_as_the_yaml_units(forms: Path) -> None:
    units = str(EXAMPLE / "forms")
    assert _run("rank", str(forms), *TABLES, "--format", "csv") == _run(
        "rank", units, *TABLES, "--format", "csv"
    )
    with_history = [*TABLES, *HISTORY, "--format", "csv"]
    assert _run("rank", str(forms), *with_history) == _run("rank", units, *with_history)
    rankings = [
        json.loads(_run("rank", folder, *TABLES, "--format", "json"))["rankings"]
        for folder in (str(forms), units)
    ]
    assert rankings[0] == rankings[1]  # every unit's criteria, values and explanations


@pytest.mark.parametrize("unit", ["department/so-noi-vu", "commune/xa-pa-co"])
def test_a_form_scores_as_its_yaml_file(forms: Path, unit: str) -> None:
    name = unit.split("/")[1]
    criteria = ["--criteria", str(REPO / "criteria")]
    from_form = _run("score", str(forms / f"{name}.xlsx"), *criteria, "--format", "json")
    from_yaml = _run(
        "score", str(EXAMPLE / "forms" / f"{unit}.yaml"), *criteria, "--format", "json"
    )
    assert from_form == from_yaml


def test_gaps_and_sensitivity_read_the_forms_as_the_yaml_units(forms: Path) -> None:
    criteria = ["--criteria", str(REPO / "criteria")]
    assert _run("gaps", str(forms / "so-noi-vu.xlsx"), *criteria) == _run(
        "gaps", str(EXAMPLE / "forms" / "department" / "so-noi-vu.yaml"), *criteria
    )
    weights = ["--runs", "50", "--seed", "3", "--format", "csv"]
    assert _run("sensitivity", str(forms), *TABLES, *weights) == _run(
        "sensitivity", str(EXAMPLE / "forms"), *TABLES, *weights
    )


def test_the_report_of_the_forms_is_the_report_of_the_yaml_units(
    forms: Path, tmp_path: Path
) -> None:
    pages = []
    for name, folder in (("forms", str(forms)), ("yaml", str(EXAMPLE / "forms"))):
        target = tmp_path / f"{name}.html"
        _run("report", folder, *TABLES, "-o", str(target))
        pages.append(target.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
