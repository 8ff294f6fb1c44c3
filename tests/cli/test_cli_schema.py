"""`parindex schema`: JSON Schema of the input formats; and what `--help` and `schema` import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from golden_support import CRITERIA, REPO, SHIPPED_FRAMEWORKS, load_yaml_as_text, run_cli

JSON_TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}
SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf", "prefixItems")
SUBSCHEMA_KEYS = ("items", "additionalProperties", "not", "if", "then", "else", "contains")


def _schema(which: str) -> dict[str, Any]:
    result = run_cli(["schema", which])
    assert result.exit_code == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _subschemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside `schema` (itself included), with a JSON-pointer-ish path."""
    assert isinstance(schema, dict), f"{where}: a schema must be an object, got {schema!r}"
    yield where, schema
    for key in SUBSCHEMA_LISTS:
        if key in schema:
            assert isinstance(schema[key], list) and schema[key], f"{where}/{key}"
            for i, sub in enumerate(schema[key]):
                yield from _subschemas(sub, f"{where}/{key}/{i}")
    for key in SUBSCHEMA_KEYS:
        if isinstance(schema.get(key), dict):
            yield from _subschemas(schema[key], f"{where}/{key}")
    for group in ("properties", "$defs", "patternProperties"):
        for name, sub in schema.get(group, {}).items():
            yield from _subschemas(sub, f"{where}/{group}/{name}")


def _check_shape(schema: dict[str, Any]) -> None:
    """JSON Schema-shaped: known types, consistent required lists, resolvable local $refs."""
    defs = schema.get("$defs", {})
    for where, sub in _subschemas(schema):
        kind = sub.get("type")
        if kind is not None:
            kinds = kind if isinstance(kind, list) else [kind]
            assert set(kinds) <= JSON_TYPES, f"{where}: type {kind!r}"
        if "properties" in sub:
            assert isinstance(sub["properties"], dict), where
        if "required" in sub:
            assert isinstance(sub["required"], list), where
            assert set(sub["required"]) <= set(sub.get("properties", {})), where
        if "$ref" in sub:
            ref = sub["$ref"]
            assert ref.startswith("#/$defs/"), f"{where}: $ref {ref!r}"
            assert ref.removeprefix("#/$defs/") in defs, f"{where}: dangling $ref {ref!r}"
        if "additionalProperties" in sub:
            assert isinstance(sub["additionalProperties"], (bool, dict)), where
        mapping = sub.get("discriminator", {}).get("mapping", {})
        for ref in mapping.values():
            assert ref.removeprefix("#/$defs/") in defs, f"{where}: discriminator {ref!r}"


def _resolve(schema: dict[str, Any], sub: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in sub:
        sub = schema["$defs"][sub["$ref"].removeprefix("#/$defs/")]
    return sub


# --- schema framework | assessment -------------------------------------------------------------


def test_framework_schema_is_json_schema_of_the_framework_file() -> None:
    schema = _schema("framework")
    _check_shape(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["title"] == "parindex framework (criteria file)"
    assert {
        "framework",
        "title",
        "title_en",
        "year",
        "group",
        "precision",
        "not_applicable",
        "bands",
        "criteria",
    } <= set(schema["properties"])
    assert {"framework", "criteria"} <= set(schema["required"])
    assert schema["additionalProperties"] is False  # unknown keys are errors, as when loading
    ties = schema["properties"]["ties"]
    assert (ties["enum"], ties["default"]) == (["rounded", "exact"], "rounded")
    assert "ties" not in schema["required"]
    # where the group comes in the report and the appendix, and who issues the framework
    order = schema["properties"]["order"]
    assert (order["type"], order["default"]) == ("integer", 0)
    assert "issuer" in schema["properties"]
    assert not {"order", "issuer"} & set(schema["required"])
    deduction = schema["$defs"]["DeductionRule"]["properties"]
    assert {"counts", "counts_en"} <= set(deduction)  # what a deduction counts, in words
    criterion = _resolve(schema, schema["properties"]["criteria"]["items"])
    assert {
        "id",
        "name",
        "name_en",
        "max",
        "rule",
        "source",
        "not_applicable",
        "evidence",
        "adjust",
        "criteria",
    } <= set(criterion["properties"])
    kinds = set()
    for _, sub in _subschemas(criterion["properties"]["rule"]):
        kinds |= set(sub.get("discriminator", {}).get("mapping", {}))
    assert kinds == {"boolean", "choice", "bands", "ratio", "deduction", "scale", "points"}


def test_assessment_schema_is_json_schema_of_the_assessment_file() -> None:
    schema = _schema("assessment")
    _check_shape(schema)
    assert schema["type"] == "object"
    assert schema["title"] == "parindex unit self-assessment"
    assert set(schema["properties"]) == {"unit", "framework", "answers"}
    assert {"unit", "framework"} <= set(schema["required"])
    unit = _resolve(schema, schema["properties"]["unit"])
    assert {"id", "name", "group"} <= set(unit["properties"])
    answer = _resolve(schema, schema["properties"]["answers"]["additionalProperties"])
    assert {"value", "self_points", "evidence", "not_applicable", "reason"} <= set(
        answer["properties"]
    )


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_shipped_frameworks_use_only_keys_the_schema_names(name: str) -> None:
    schema = _schema("framework")
    criterion = _resolve(schema, schema["properties"]["criteria"]["items"])
    data = load_yaml_as_text(CRITERIA / f"{name}.yaml")
    assert set(data) <= set(schema["properties"])
    stack = list(data["criteria"])
    while stack:
        node = stack.pop()
        assert set(node) <= set(criterion["properties"]), node.get("id")
        stack.extend(node.get("criteria", []))


def test_choice_options_may_be_bare_points() -> None:
    """A choice option may be bare points (`none: 0` for an option worth 0): the loader
    accepts it, and the schema says so."""
    schema = _schema("framework")
    choice = schema["$defs"]["ChoiceRule"]["properties"]["options"]["additionalProperties"]
    alternatives = [_resolve(schema, sub) for _, sub in _subschemas(choice)]
    assert any(sub.get("type") == "number" for sub in alternatives)
    assert any(sub.get("type") == "object" for sub in alternatives)


def test_schema_output_is_stable() -> None:
    first = run_cli(["schema", "framework"])
    second = run_cli(["schema", "framework"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout
    assert first.stdout.endswith("}\n")


def test_unknown_schema_is_a_usage_error() -> None:
    result = run_cli(["schema", "ranking"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'ranking' is not one of 'framework', 'assessment'" in result.stderr


# --- --help and the cost of imports --------------------------------------------------------


def test_help_lists_every_command() -> None:
    result = run_cli(["--help"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Usage: parindex [OPTIONS] COMMAND [ARGS]...")
    for command in ("score", "rank", "validate", "show", "template", "schema", "sensitivity"):
        assert f"  {command} " in result.stdout


def _imported_after(args: list[str]) -> set[str]:
    """Modules loaded by a fresh interpreter that ran `parindex ARGS` (standalone_mode=False)."""
    code = (
        "import json, sys\n"
        "from parindex.cli import main\n"
        "try:\n"
        f"    main({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.splitlines()[-1]))


def test_help_imports_neither_pydantic_nor_rich_tables() -> None:
    modules = _imported_after(["--help"])
    assert "parindex.cli" in modules  # the probe did run the CLI
    assert "pydantic" not in modules
    assert "rich.table" not in modules
    assert "parindex.core.scoring" not in modules
    assert "openpyxl" not in modules


def test_schema_does_not_import_the_scoring_stack() -> None:
    modules = _imported_after(["schema", "framework"])
    assert "parindex.inputs.documents.schema" in modules  # the probe did run the command
    for heavy in (
        "parindex.core.scoring",
        "parindex.core.rules",
        "parindex.inputs.gather",
        "rich.table",
        "openpyxl",
    ):
        assert heavy not in modules, heavy


def test_only_sensitivity_imports_numpy() -> None:
    example = "examples/province-2025"
    assert "numpy" not in _imported_after(["--help"])
    for args in (
        ["rank", example, "--format", "csv"],
        ["rank", example, "--by-field", "3", "--format", "json"],
        ["score", f"{example}/forms/department/so-noi-vu.yaml"],
        ["show", "criteria/department.yaml"],
    ):
        modules = _imported_after(args)
        assert "parindex.core.scoring" in modules or args[0] == "show"  # the command did run
        assert "numpy" not in modules, args
        assert "parindex.core.sensitivity" not in modules, args
    modules = _imported_after(["sensitivity", example, "--runs", "10", "--format", "csv"])
    assert "parindex.core.sensitivity" in modules
    assert "numpy" in modules


def test_worksheet_help_loads_neither_openpyxl_nor_the_scoring_stack() -> None:
    modules = _imported_after(["worksheet", "--help"])
    assert "parindex.cli.worksheet" in modules  # the probe did run the command
    for heavy in (
        "openpyxl",
        "parindex.core.scoring",
        "parindex.outputs.workbooks.worksheet",
        "pydantic",
    ):
        assert heavy not in modules, heavy


def test_rank_and_validate_do_not_load_the_worksheet_writer() -> None:
    unit = REPO / "tests" / "data" / "cli" / "so-noi-vu.yaml"
    for command in ("rank", "validate"):
        modules = _imported_after([command, str(unit), "--criteria", str(CRITERIA)])
        assert "parindex.inputs.gather" in modules  # the probe did run the command
        assert "parindex.outputs.workbooks.worksheet" not in modules, command


# matplotlib, Jinja2 and python-docx are for `report` only.
REPORT_LIBRARIES = ("matplotlib", "jinja2", "docx", "markupsafe", "parindex.outputs.report")
EXAMPLE = "examples/province-2025"


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["report", "--help"],
        ["score", f"{EXAMPLE}/forms/department/so-noi-vu.yaml"],
        ["rank", EXAMPLE, "--survey", f"{EXAMPLE}/survey/survey-2025.csv"],
        ["rank", EXAMPLE, "--format", "csv"],
    ],
    ids=["help", "report-help", "score", "rank", "rank-csv"],
)
def test_only_report_imports_the_report_libraries(args: list[str]) -> None:
    modules = _imported_after(args)
    assert "parindex.cli" in modules  # the probe did run the CLI
    if args[0] in ("score", "rank"):
        assert "parindex.core.scoring" in modules  # and the command did run
    for heavy in REPORT_LIBRARIES:
        assert heavy not in modules, heavy


def test_report_imports_its_libraries(tmp_path: Path) -> None:
    modules = _imported_after(["report", EXAMPLE, "-o", str(tmp_path / "r.docx")])
    assert (tmp_path / "r.docx").exists()
    assert "docx" in modules
    assert "matplotlib" not in modules  # the appendix has no charts
