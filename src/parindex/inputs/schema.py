"""JSON Schema of the input file formats, generated from the pydantic models."""

from __future__ import annotations

from typing import Any

from parindex.core.models import Assessment, Framework

_TITLES = {
    "framework": "parindex framework (criteria file)",
    "assessment": "parindex unit self-assessment",
}


def json_schema(which: str) -> dict[str, Any]:
    """The schema of `framework` or `assessment` files, for editors' YAML validation."""
    model = Framework if which == "framework" else Assessment
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = _TITLES[which]
    if which == "framework":
        _allow_bare_option_points(schema)
    return schema


def _allow_bare_option_points(schema: dict[str, Any]) -> None:
    """`options: {none: 0}` is short for `{none: {points: 0}}` (SPEC §2.1, accepted by the
    loader's before-validator, which the generated schema cannot see)."""
    options = schema["$defs"]["ChoiceRule"]["properties"]["options"]
    options["additionalProperties"] = {
        "anyOf": [options["additionalProperties"], {"type": "number"}, {"type": "string"}]
    }
